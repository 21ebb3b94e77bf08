//! The generic form dialog: which kind of form it is, its inputs in
//! order, and the keys that move between them, edit them and submit. The
//! kinds' own values and checks are in `family.rs`, `child.rs` and
//! `entry.rs`; drawing is in `form_dialog_draw.rs`.

use super::DialogOutcome;
use super::input::{Input, InputKind};
use crate::record::ChildId;
use crate::record::FamilyId;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Which small form a dialog is.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogKind {
    /// A new family (case).
    NewFamily,
    /// A new child in this family.
    AddChild {
        /// The family.
        family: FamilyId,
    },
    /// Changing a family's details.
    EditFamily {
        /// The family.
        family: FamilyId,
        /// When the case was opened: a closing date may not be earlier.
        opened_on: NaiveDate,
    },
    /// Correcting a child's details.
    EditChild {
        /// The child's family.
        family: FamilyId,
        /// The child.
        child: ChildId,
    },
    /// A chronology entry for this family.
    ChronologyEntry {
        /// The family.
        family: FamilyId,
        /// The children it may be about, in the order offered after
        /// "the whole family".
        children: Vec<ChildId>,
    },
}

/// A small form of labelled inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Dialog {
    /// Which form it is.
    pub kind: DialogKind,
    /// The heading.
    pub(super) title: &'static str,
    /// The inputs in order.
    pub inputs: Vec<Input>,
    /// Which input has the cursor.
    pub(super) focus: usize,
    /// A message about the whole dialog (a failed save).
    pub error: Option<String>,
    /// A line of context drawn above the inputs.
    pub(super) note: Option<String>,
    /// A closing date cleared by choosing "Open", given back if "Closed"
    /// is chosen again before saving.
    pub(super) set_aside: Option<String>,
}

impl Dialog {
    /// Which input has the cursor.
    pub fn focus(&self) -> usize {
        self.focus
    }

    /// Moves the cursor to an input (used to point at a refused answer).
    pub fn set_focus(&mut self, i: usize) {
        if i < self.inputs.len() {
            self.focus = i;
        }
    }

    /// Puts a message under one input and moves the cursor there.
    pub fn set_field_error(&mut self, i: usize, message: String) {
        if let Some(input) = self.inputs.get_mut(i) {
            input.error = Some(message);
            self.focus = i;
        }
    }

    /// Input `i`'s text, trimmed; empty if there is no such input.
    pub(super) fn value(&self, i: usize) -> String {
        self.inputs
            .get(i)
            .map_or(String::new(), |x| x.edit.value().trim().to_owned())
    }

    /// Input `i`'s text, trimmed, or `None` if blank.
    pub(super) fn optional(&self, i: usize) -> Option<String> {
        Some(self.value(i)).filter(|v| !v.is_empty())
    }

    /// Whether tick box `i` is ticked.
    pub(super) fn checked(&self, i: usize) -> bool {
        self.inputs.get(i).is_some_and(|x| x.checked)
    }

    /// The option chosen in input `i`, counted from 0.
    pub(super) fn choice(&self, i: usize) -> usize {
        self.inputs.get(i).map_or(0, |x| x.choice)
    }

    /// Puts a message under one input, leaving the cursor where it is.
    pub(super) fn set_error(&mut self, i: usize, message: String) {
        if let Some(input) = self.inputs.get_mut(i) {
            input.error = Some(message);
        }
    }

    /// Checks every input; the cursor goes to the first refused one.
    pub fn validate(&mut self, today: NaiveDate) -> bool {
        for input in &mut self.inputs {
            input.validate(today);
        }
        self.validate_together();
        let first_bad = self.inputs.iter().position(|i| i.error.is_some());
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    /// Whether any input is a choice, and whether any is a tick box.
    pub(super) fn has_choice_and_check(&self) -> (bool, bool) {
        let any = |f: fn(&InputKind) -> bool| self.inputs.iter().any(|i| f(&i.kind));
        (
            any(|k| matches!(k, InputKind::Choice(_))),
            any(|k| *k == InputKind::Check),
        )
    }

    /// The keys that work in the dialog.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        use super::FormDialogKeys as W;
        let space = match self.has_choice_and_check() {
            (true, true) => Some(W::TickOrChoose),
            (true, false) => Some(W::ChooseOnly),
            (false, true) => Some(W::TickOnly),
            // Nothing to tick or choose: Space is only a space.
            (false, false) => None,
        };
        super::FORM_DIALOG_KEYS.select(|w| w == W::Always || Some(w) == space)
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent, today: NaiveDate) -> DialogOutcome {
        let n = self.inputs.len();
        match key.code {
            KeyCode::Esc => return DialogOutcome::Cancel,
            KeyCode::F(1) => return DialogOutcome::Help,
            KeyCode::Enter => {
                return if self.validate(today) {
                    self.error = None;
                    DialogOutcome::Submit
                } else {
                    DialogOutcome::Continue
                };
            }
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n.max(1),
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n.max(1) - 1) % n.max(1),
            _ => {
                let mut chose = false;
                if let Some(input) = self.inputs.get_mut(self.focus) {
                    if let InputKind::Choice(options) = &input.kind {
                        let n = options.len().max(1);
                        match key.code {
                            KeyCode::Char(' ') | KeyCode::Right => {
                                input.choice = (input.choice + 1) % n;
                                chose = true;
                            }
                            KeyCode::Left => {
                                input.choice = (input.choice + n - 1) % n;
                                chose = true;
                            }
                            _ => {}
                        }
                    } else if input.kind == InputKind::Check {
                        if key.code == KeyCode::Char(' ') {
                            input.checked = !input.checked;
                        }
                    } else if input.edit.on_key(key) {
                        // A message about the old text no longer applies.
                        input.error = None;
                    }
                }
                if chose {
                    self.status_changed();
                }
            }
        }
        DialogOutcome::Continue
    }

    /// Pasted text goes into the focused input.
    pub fn on_paste(&mut self, text: &str) {
        if let Some(input) = self.inputs.get_mut(self.focus)
            && matches!(input.kind, InputKind::Text { .. } | InputKind::Date { .. })
        {
            input.edit.insert(&text.replace(['\r', '\n'], " "));
            input.error = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::dialogs::test_support::{key, today};
    use crate::tui::theme::Theme;

    #[test]
    fn blank_required_fields_are_named() {
        let mut d = Dialog::new_family();
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Continue
        );
        assert_eq!(d.inputs[0].error.as_deref(), Some("Reference: required"));
        assert_eq!(d.inputs[1].error.as_deref(), Some("Family name: required"));
        assert_eq!(d.focus(), 0);
    }

    #[test]
    fn pasting_200_kb_into_a_one_line_dialog_field_takes_well_under_a_second() {
        let text = "Example family, a long name. ".repeat(200_000 / 29 + 1);
        let mut d = Dialog::new_family();
        let start = std::time::Instant::now();
        d.on_paste(&text);
        // Bounds are loose for a loaded 2-core CI machine; the quadratic
        // version this guards against took minutes.
        // Once in the middle too: the tail moves once, not once a character.
        for _ in 0..1000 {
            d.on_key(key(KeyCode::Left), today());
        }
        d.on_paste(&text);
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30))
            .expect("a test terminal");
        term.draw(|f| d.render(f, f.area(), &Theme::plain()))
            .expect("drawn");
        let took = start.elapsed();
        assert_eq!(d.inputs[0].edit.value().len(), 2 * text.len());
        eprintln!("2 x {} bytes pasted and drawn in {took:?}", text.len());
        assert!(took < std::time::Duration::from_secs(3), "took {took:?}");
    }

    #[test]
    fn typing_200_kb_key_by_key_into_a_one_line_field_is_linear() {
        let text = "Worker Example, Early Help; ".repeat(200_000 / 28 + 1);
        let mut d = Dialog::new_family();
        let start = std::time::Instant::now();
        for c in text.chars() {
            d.on_key(key(KeyCode::Char(c)), today());
        }
        let took = start.elapsed();
        assert_eq!(d.inputs[0].edit.value(), text);
        eprintln!("{} keys typed in {took:?}", text.len());
        assert!(
            took < std::time::Duration::from_millis(500),
            "took {took:?}"
        );
    }
}
