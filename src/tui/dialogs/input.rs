//! One labelled input of a form dialog: what it accepts, what has been
//! typed or chosen, and the checks it can make alone (those that need
//! another input belong to the dialog).

use super::line_edit::LineEdit;
use chrono::NaiveDate;

/// What an input accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum InputKind {
    /// One line of text.
    Text {
        /// Must not be blank.
        required: bool,
        /// Most characters allowed.
        max: usize,
    },
    /// A date written YYYY-MM-DD.
    Date {
        /// Must not be blank.
        required: bool,
    },
    /// A tick box.
    Check,
    /// One of a few options, chosen with Space or ←/→.
    Choice(Vec<String>),
}

/// One labelled input of a dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The label, also used to name the field in messages.
    pub label: &'static str,
    /// What it accepts.
    pub kind: InputKind,
    /// The text typed (text and date inputs).
    pub edit: LineEdit,
    /// Whether ticked (tick boxes).
    pub checked: bool,
    /// The option chosen (choices), counted from 0.
    pub choice: usize,
    /// Why the answer cannot be used, shown under it.
    pub error: Option<String>,
}

impl Input {
    /// A text input, `max` characters at most.
    pub(super) fn text(label: &'static str, required: bool, max: usize) -> Input {
        Input {
            label,
            kind: InputKind::Text { required, max },
            edit: LineEdit::default(),
            checked: false,
            choice: 0,
            error: None,
        }
    }

    /// A choice of `options`, starting on `chosen`.
    pub(super) fn choice(label: &'static str, options: Vec<String>, chosen: usize) -> Input {
        Input {
            choice: chosen.min(options.len().saturating_sub(1)),
            kind: InputKind::Choice(options),
            ..Input::text(label, false, 0)
        }
    }

    /// A date input.
    pub(super) fn date(label: &'static str, required: bool) -> Input {
        Input {
            kind: InputKind::Date { required },
            ..Input::text(label, required, 10)
        }
    }

    /// A tick box, unticked.
    pub(super) fn check(label: &'static str) -> Input {
        Input {
            kind: InputKind::Check,
            ..Input::text(label, false, 0)
        }
    }

    /// The same input holding `text`; a limit lower than what is already
    /// stored is raised to it, so opening a record's details to correct one
    /// of them never refuses another that was accepted elsewhere.
    pub(super) fn filled(mut self, text: &str) -> Input {
        if let InputKind::Text { max, .. } = &mut self.kind {
            *max = (*max).max(text.trim().chars().count());
        }
        self.edit.set(text);
        self
    }

    /// The same tick box, ticked or not.
    pub(super) fn ticked(mut self, checked: bool) -> Input {
        self.checked = checked;
        self
    }

    /// Checks the answer, setting or clearing the message.
    pub(super) fn validate(&mut self, today: NaiveDate) -> bool {
        let mut normalised = None;
        let v = self.edit.value().trim();
        self.error = match &self.kind {
            InputKind::Check | InputKind::Choice(_) => None,
            InputKind::Text { required, max } => {
                if *required && v.is_empty() {
                    Some(format!("{}: required", self.label))
                } else if v.chars().count() > *max {
                    Some(format!("{}: at most {max} characters", self.label))
                } else {
                    None
                }
            }
            InputKind::Date { required } => {
                if v.is_empty() {
                    required.then(|| format!("{}: required", self.label))
                } else {
                    // As in a form's date fields: `t`, `y`, "3 mar" and
                    // two-digit years too (record::read_typed_date).
                    match crate::record::read_typed_date(v, today) {
                        Err(e @ crate::record::ValueError::NoSuchDay { .. }) => {
                            Some(format!("{}: {e}", self.label))
                        }
                        Err(_) => Some(format!(
                            "{}: not a date; type it as DD/MM/YYYY (e.g. 30/04/2019), t for \
                             today or y for yesterday",
                            self.label
                        )),
                        Ok(d) if d > today => Some(format!("{}: is after today", self.label)),
                        Ok(d) => {
                            normalised = Some(crate::dates::short(d));
                            None
                        }
                    }
                }
            }
        };
        // What was typed ("t", "3 mar") is shown and kept as the date it
        // means, so everything that reads the dialog afterwards reads one.
        if let Some(d) = normalised {
            self.edit.set(&d);
        }
        self.error.is_none()
    }
}
