//! The small input forms drawn over a screen: a new family, a new child,
//! changing a family's or a child's details, a chronology entry, choosing a
//! form for a new record, an addendum, yes/no confirmations and the
//! finalise question that asks whether a record is a significant event.
//! Each checks its own answers and names the field in every message, so a
//! person never has to guess which box is wrong.

use super::chrome::{dialog_box, fit, safe, wrap};
use super::form_screen::entry::read_date as parse_date;
use super::theme::{MISSING_MARK, Theme};
use crate::record::ChildId;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

/// What a key did to a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    /// Still open.
    Continue,
    /// Closed without doing anything.
    Cancel,
    /// The answers passed their checks: the app may act on them.
    Submit,
    /// Show help.
    Help,
}

/// One line of text being typed, with a cursor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineEdit {
    value: String,
    /// A byte offset, always at a character boundary: moving and editing
    /// at the cursor then cost nothing however long the text, so a paste
    /// or a long burst of keys is linear in its length.
    cursor: usize,
}

impl LineEdit {
    /// The text.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.value = text.to_owned();
        self.cursor = self.value.len();
    }

    /// Inserts text at the cursor; line breaks and control characters are
    /// dropped, since these fields hold one line.
    pub fn insert(&mut self, text: &str) {
        let kept: std::borrow::Cow<'_, str> = if text.chars().any(char::is_control) {
            text.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .into()
        } else {
            text.into()
        };
        self.value.insert_str(self.cursor, &kept);
        self.cursor += kept.len();
    }

    /// The text before the cursor. (`get`, not indexing: were the cursor
    /// ever off a character boundary this must still not panic.)
    fn before(&self) -> &str {
        self.value.get(..self.cursor).unwrap_or(&self.value)
    }

    /// The length in bytes of the character before the cursor, if any.
    fn before_len(&self) -> Option<usize> {
        self.before().chars().next_back().map(char::len_utf8)
    }

    /// The length in bytes of the character after the cursor, if any.
    fn after_len(&self) -> Option<usize> {
        let after = self.value.get(self.cursor..).unwrap_or_default();
        after.chars().next().map(char::len_utf8)
    }

    /// Applies an editing key; returns whether it was one.
    pub fn on_key(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                if !c.is_control() {
                    self.value.insert(self.cursor, c);
                    self.cursor += c.len_utf8();
                }
            }
            KeyCode::Backspace => {
                if let Some(n) = self.before_len() {
                    self.cursor -= n;
                    self.value.remove(self.cursor);
                }
            }
            KeyCode::Delete => {
                if self.after_len().is_some() {
                    self.value.remove(self.cursor);
                }
            }
            KeyCode::Left => self.cursor -= self.before_len().unwrap_or(0),
            KeyCode::Right => self.cursor += self.after_len().unwrap_or(0),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.value.len(),
            _ => return false,
        }
        true
    }

    /// The visible part of the text for a box `width` columns wide, and the
    /// cursor's column in it.
    pub fn view(&self, width: usize) -> (String, usize) {
        // Only text within a box-width of the cursor can show, so no more
        // than that is looked at: drawing stays quick however long the line.
        let before = self.before();
        let after = self.value.get(self.cursor..).unwrap_or_default();
        let mut near_start = before.len();
        let mut cur = 0;
        for (i, c) in before.char_indices().rev() {
            if cur >= width {
                break;
            }
            cur += drawn_width(c);
            near_start = i;
        }
        if cur < width {
            // The cursor is within the first box-width: show from the start.
            let shown = safe(head(&self.value, width));
            return (fit(&shown, width), cur.min(width.saturating_sub(1)));
        }
        // Scroll so the cursor stays in view: show the end of what is
        // before it.
        let near = safe(&before[near_start..]);
        let mut start = near.len();
        let mut shown = near.width();
        for (i, c) in near.char_indices() {
            if shown < width {
                start = i;
                break;
            }
            shown -= unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            start = i + c.len_utf8();
        }
        let mut tail = near.get(start..).unwrap_or_default().to_owned();
        tail.push_str(&safe(head(after, width)));
        (fit(&tail, width), shown.min(width.saturating_sub(1)))
    }
}

/// The columns a character takes once made safe to draw.
fn drawn_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    safe(c.encode_utf8(&mut buf)).width()
}

/// The start of `text` up to the first character that takes it past
/// `width` columns once made safe to draw (that character included, so a
/// cut-off text still reads as too wide); all of it if it fits.
fn head(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        if used > width {
            return &text[..i];
        }
        used += drawn_width(c);
    }
    text
}

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
    fn text(label: &'static str, required: bool, max: usize) -> Input {
        Input {
            label,
            kind: InputKind::Text { required, max },
            edit: LineEdit::default(),
            checked: false,
            choice: 0,
            error: None,
        }
    }

    fn choice(label: &'static str, options: Vec<String>, chosen: usize) -> Input {
        Input {
            choice: chosen.min(options.len().saturating_sub(1)),
            kind: InputKind::Choice(options),
            ..Input::text(label, false, 0)
        }
    }

    fn date(label: &'static str, required: bool) -> Input {
        Input {
            kind: InputKind::Date { required },
            ..Input::text(label, required, 10)
        }
    }

    fn check(label: &'static str) -> Input {
        Input {
            kind: InputKind::Check,
            ..Input::text(label, false, 0)
        }
    }

    /// The same input holding `text`; a limit lower than what is already
    /// stored is raised to it, so opening a record's details to correct one
    /// of them never refuses another that was accepted elsewhere.
    fn filled(mut self, text: &str) -> Input {
        if let InputKind::Text { max, .. } = &mut self.kind {
            *max = (*max).max(text.trim().chars().count());
        }
        self.edit.set(text);
        self
    }

    /// The same tick box, ticked or not.
    fn ticked(mut self, checked: bool) -> Input {
        self.checked = checked;
        self
    }

    /// Checks the answer, setting or clearing the message.
    fn validate(&mut self, today: NaiveDate) -> bool {
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
                    match parse_date(v) {
                        None => Some(format!(
                            "{}: not a date; type it as DD/MM/YYYY or YYYY-MM-DD (e.g. 30/04/2019)",
                            self.label
                        )),
                        Some(d) if d > today => Some(format!("{}: is after today", self.label)),
                        Some(_) => None,
                    }
                }
            }
        };
        self.error.is_none()
    }
}

/// Which small form a dialog is.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogKind {
    /// A new family (case).
    NewFamily,
    /// A new child in this family.
    AddChild {
        /// The family.
        family: i64,
    },
    /// Changing a family's details.
    EditFamily {
        /// The family.
        family: i64,
        /// When the case was opened: a closing date may not be earlier.
        opened_on: NaiveDate,
    },
    /// Correcting a child's details.
    EditChild {
        /// The child's family.
        family: i64,
        /// The child.
        child: ChildId,
    },
    /// A chronology entry for this family.
    ChronologyEntry {
        /// The family.
        family: i64,
        /// The children it may be about, in the order offered after
        /// "the whole family".
        children: Vec<ChildId>,
    },
}

/// A chronology entry as typed in the dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    /// The family.
    pub family: i64,
    /// When it happened (checked: not after today).
    pub date: NaiveDate,
    /// What happened.
    pub what_happened: String,
    /// Who has been affected and how.
    pub affected: String,
    /// Where the information came from.
    pub source: String,
    /// The child it is about, or `None` for the whole family.
    pub child: Option<ChildId>,
}

/// A new family as typed in the dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFamily {
    /// The case reference.
    pub reference: String,
    /// The family's name.
    pub name: String,
    /// Child protection plan.
    pub cp: bool,
    /// Child in need.
    pub cin: bool,
    /// Looked after.
    pub lac: bool,
}

/// A family's details as the edit dialog shows and returns them.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyEdit {
    /// The family.
    pub family: i64,
    /// The case reference.
    pub reference: String,
    /// The family's name.
    pub name: String,
    /// When the case was opened (shown, not changed here).
    pub opened_on: NaiveDate,
    /// When the case was closed; `None` while it is open.
    pub closed_on: Option<NaiveDate>,
    /// Child protection plan.
    pub cp: bool,
    /// Child in need.
    pub cin: bool,
    /// Looked after.
    pub lac: bool,
    /// The allocated worker's login name, if the case is allocated.
    pub allocated_worker: Option<String>,
}

/// Where each answer sits in the edit-family dialog, for pointing a
/// refusal from the store at the right input.
pub mod edit_family_field {
    /// The case reference.
    pub const REFERENCE: usize = 0;
    /// The family's name.
    pub const NAME: usize = 1;
    /// The child protection plan tick box.
    pub const CP: usize = 2;
    /// The child in need tick box.
    pub const CIN: usize = 3;
    /// The looked-after tick box.
    pub const LAC: usize = 4;
    /// The allocated worker.
    pub const WORKER: usize = 5;
    /// Open or closed.
    pub const STATUS: usize = 6;
    /// The closing date.
    pub const CLOSED_ON: usize = 7;
}

/// The options of the edit-family dialog's status input, in order.
const CASE_STATUS: [&str; 2] = ["Open", "Closed"];
/// Which option of `CASE_STATUS` means closed.
const CLOSED: usize = 1;

/// A new child as typed in the dialog; blank details are `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct NewChild {
    /// The child's name.
    pub name: String,
    /// Date of birth, if known.
    pub date_of_birth: Option<NaiveDate>,
    /// Gender.
    pub gender: Option<String>,
    /// Ethnicity.
    pub ethnicity: Option<String>,
    /// Languages spoken at home.
    pub languages: Option<String>,
    /// Religion.
    pub religion: Option<String>,
    /// Disability.
    pub disability: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
}

/// A small form of labelled inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Dialog {
    /// Which form it is.
    pub kind: DialogKind,
    title: &'static str,
    /// The inputs in order.
    pub inputs: Vec<Input>,
    focus: usize,
    /// A message about the whole dialog (a failed save).
    pub error: Option<String>,
    /// A line of context drawn above the inputs.
    note: Option<String>,
    /// A closing date cleared by choosing "Open", given back if "Closed"
    /// is chosen again before saving.
    set_aside: Option<String>,
}

impl Dialog {
    /// The new-family dialog.
    pub fn new_family() -> Dialog {
        Dialog {
            kind: DialogKind::NewFamily,
            title: "New family",
            inputs: vec![
                Input::text("Reference", true, 40),
                Input::text("Family name", true, 120),
                Input::check("Child protection plan (CP)"),
                Input::check("Child in need (CIN)"),
                Input::check("Looked after (LAC)"),
            ],
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The add-child dialog for a family.
    pub fn add_child(family: i64) -> Dialog {
        Dialog {
            kind: DialogKind::AddChild { family },
            title: "Add a child",
            inputs: vec![
                Input::text("Name", true, 120),
                Input::date("Date of birth", false),
                Input::text("Gender", false, 60),
                Input::text("Ethnicity", false, 120),
                Input::text("Languages at home", false, 120),
                Input::text("Religion", false, 120),
                Input::text("Disability", false, 200),
                Input::text("Nationality", false, 120),
            ],
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The edit-family dialog, filled in with the family's details now.
    pub fn edit_family(f: &FamilyEdit) -> Dialog {
        let date = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let closed = f.closed_on.is_some();
        Dialog {
            kind: DialogKind::EditFamily {
                family: f.family,
                opened_on: f.opened_on,
            },
            title: "Edit family",
            inputs: vec![
                Input::text("Reference", true, 64).filled(&f.reference),
                Input::text("Family name", true, 200).filled(&f.name),
                Input::check("Child protection plan (CP)").ticked(f.cp),
                Input::check("Child in need (CIN)").ticked(f.cin),
                Input::check("Looked after (LAC)").ticked(f.lac),
                Input::text("Allocated worker (login)", false, 64)
                    .filled(f.allocated_worker.as_deref().unwrap_or("")),
                Input::choice(
                    "Case status",
                    CASE_STATUS.iter().map(|s| (*s).to_owned()).collect(),
                    usize::from(closed) * CLOSED,
                ),
                Input::date("Closing date", false)
                    .filled(&f.closed_on.map(date).unwrap_or_default()),
            ],
            focus: 0,
            error: None,
            note: Some(format!(
                "Opened on {}. A closed case keeps its records; its recurring duties stop.",
                date(f.opened_on)
            )),
            set_aside: None,
        }
    }

    /// The edit-child dialog, filled in with the child's details now.
    pub fn edit_child(family: i64, child: ChildId, c: &NewChild) -> Dialog {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let inputs = vec![
            Input::text("Name", true, 200).filled(&c.name),
            Input::date("Date of birth", false).filled(
                &c.date_of_birth
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            Input::text("Gender", false, 60).filled(&text(&c.gender)),
            Input::text("Ethnicity", false, 120).filled(&text(&c.ethnicity)),
            Input::text("Languages at home", false, 120).filled(&text(&c.languages)),
            Input::text("Religion", false, 120).filled(&text(&c.religion)),
            Input::text("Disability", false, 200).filled(&text(&c.disability)),
            Input::text("Nationality", false, 120).filled(&text(&c.nationality)),
        ];
        Dialog {
            kind: DialogKind::EditChild { family, child },
            title: "Edit child",
            inputs,
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The family's details as edited, once the dialog has been submitted;
    /// `None` for another kind of dialog, or a closed case whose closing
    /// date does not read as a date.
    pub fn family_edit_values(&self) -> Option<FamilyEdit> {
        use edit_family_field as f;
        let DialogKind::EditFamily { family, opened_on } = &self.kind else {
            return None;
        };
        let closed_on = if self.choice(f::STATUS) == CLOSED {
            Some(parse_date(&self.value(f::CLOSED_ON))?)
        } else {
            None
        };
        Some(FamilyEdit {
            family: *family,
            reference: self.value(f::REFERENCE),
            name: self.value(f::NAME),
            opened_on: *opened_on,
            closed_on,
            cp: self.checked(f::CP),
            cin: self.checked(f::CIN),
            lac: self.checked(f::LAC),
            allocated_worker: self.optional(f::WORKER),
        })
    }

    /// The chronology-entry dialog for a family; `children` are offered
    /// by name after "the whole family", `preset` chosen to start with.
    pub fn chronology_entry(
        family: i64,
        children: &[(ChildId, String)],
        preset: Option<ChildId>,
    ) -> Dialog {
        let mut options = vec!["The whole family".to_owned()];
        options.extend(children.iter().map(|(_, n)| safe(n)));
        let chosen = preset
            .and_then(|p| children.iter().position(|(id, _)| *id == p))
            .map_or(0, |i| i + 1);
        Dialog {
            kind: DialogKind::ChronologyEntry {
                family,
                children: children.iter().map(|(id, _)| *id).collect(),
            },
            title: "Chronology entry",
            inputs: vec![
                Input::date("Date it happened", true),
                Input::text("What happened", true, 2000),
                Input::text("Who has been affected and how", false, 2000),
                Input::text("Source", false, 400),
                Input::choice("About", options, chosen),
            ],
            focus: 0,
            error: None,
            note: None,
            set_aside: None,
        }
    }

    /// The chronology entry typed, once the dialog has been submitted;
    /// `None` for another kind of dialog or a date that does not read.
    pub fn new_entry_values(&self) -> Option<NewEntry> {
        let DialogKind::ChronologyEntry { family, children } = &self.kind else {
            return None;
        };
        let child = self
            .inputs
            .get(4)
            .and_then(|i| i.choice.checked_sub(1))
            .and_then(|i| children.get(i).copied());
        Some(NewEntry {
            family: *family,
            date: parse_date(&self.value(0))?,
            what_happened: self.value(1),
            affected: self.value(2),
            source: self.value(3),
            child,
        })
    }

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

    fn value(&self, i: usize) -> String {
        self.inputs
            .get(i)
            .map_or(String::new(), |x| x.edit.value().trim().to_owned())
    }

    fn optional(&self, i: usize) -> Option<String> {
        Some(self.value(i)).filter(|v| !v.is_empty())
    }

    fn checked(&self, i: usize) -> bool {
        self.inputs.get(i).is_some_and(|x| x.checked)
    }

    fn choice(&self, i: usize) -> usize {
        self.inputs.get(i).map_or(0, |x| x.choice)
    }

    fn set_error(&mut self, i: usize, message: String) {
        if let Some(input) = self.inputs.get_mut(i) {
            input.error = Some(message);
        }
    }

    /// Checks that look at more than one input, after each input's own.
    fn validate_together(&mut self) {
        use edit_family_field as f;
        let DialogKind::EditFamily { opened_on, .. } = self.kind else {
            return;
        };
        if self.value(f::WORKER).chars().any(char::is_whitespace) {
            self.set_error(
                f::WORKER,
                "Allocated worker: a login name has no spaces; leave it blank if the case \
                 is not allocated"
                    .to_owned(),
            );
        }
        let has_error = self
            .inputs
            .get(f::CLOSED_ON)
            .is_some_and(|i| i.error.is_some());
        if has_error {
            return;
        }
        let typed = self.value(f::CLOSED_ON);
        if self.choice(f::STATUS) == CLOSED {
            match parse_date(&typed) {
                None => self.set_error(
                    f::CLOSED_ON,
                    "Closing date: required when the case is closed (DD/MM/YYYY or YYYY-MM-DD)"
                        .to_owned(),
                ),
                Some(on) if on < opened_on => self.set_error(
                    f::CLOSED_ON,
                    format!(
                        "Closing date: is before the case was opened ({})",
                        opened_on.format("%Y-%m-%d")
                    ),
                ),
                Some(_) => {}
            }
        } else if !typed.is_empty() {
            self.set_error(
                f::CLOSED_ON,
                "Closing date: the case is open; clear the date, or set Case status to Closed"
                    .to_owned(),
            );
        }
    }

    /// Choosing "Open" clears the closing date, which would mean nothing
    /// then, and choosing "Closed" again gives it back.
    fn status_changed(&mut self) {
        use edit_family_field as f;
        if !matches!(self.kind, DialogKind::EditFamily { .. }) {
            return;
        }
        let closed = self.choice(f::STATUS) == CLOSED;
        let Some(date) = self.inputs.get_mut(f::CLOSED_ON) else {
            return;
        };
        date.error = None;
        if closed {
            if date.edit.value().is_empty()
                && let Some(kept) = self.set_aside.take()
            {
                date.edit.set(&kept);
            }
        } else if !date.edit.value().is_empty() {
            self.set_aside = Some(date.edit.value().to_owned());
            date.edit.set("");
        }
    }

    /// The new family typed, once the dialog has been submitted.
    pub fn new_family_values(&self) -> NewFamily {
        NewFamily {
            reference: self.value(0),
            name: self.value(1),
            cp: self.checked(2),
            cin: self.checked(3),
            lac: self.checked(4),
        }
    }

    /// The child typed, once the dialog has been submitted.
    pub fn new_child_values(&self) -> NewChild {
        NewChild {
            name: self.value(0),
            date_of_birth: parse_date(&self.value(1)),
            gender: self.optional(2),
            ethnicity: self.optional(3),
            languages: self.optional(4),
            religion: self.optional(5),
            disability: self.optional(6),
            nationality: self.optional(7),
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
    fn has_choice_and_check(&self) -> (bool, bool) {
        let any = |f: fn(&InputKind) -> bool| self.inputs.iter().any(|i| f(&i.kind));
        (
            any(|k| matches!(k, InputKind::Choice(_))),
            any(|k| *k == InputKind::Check),
        )
    }

    /// The keys that work in the dialog.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let space = match self.has_choice_and_check() {
            (true, true) => Some(("Space ←→", "tick a box, or choose")),
            (true, false) => Some(("Space ←→", "choose (on the last field)")),
            (false, true) => Some(("Space", "tick / untick a box")),
            // Nothing to tick or choose: Space is only a space.
            (false, false) => None,
        };
        let mut keys = vec![
            ("Enter", "save"),
            ("Tab ↓", "next field"),
            ("Shift-Tab ↑", "previous field"),
        ];
        keys.extend(space);
        keys.extend([("Esc", "cancel"), ("F1", "help")]);
        keys
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

    /// Draws the dialog centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let width: u16 = if area.width >= 100 { 84 } else { 72 };
        let text_w = usize::from(width.min(area.width).saturating_sub(2));
        let error_rows: usize = self
            .inputs
            .iter()
            .filter_map(|i| i.error.as_ref())
            .map(|e| {
                wrap(
                    &format!("{MISSING_MARK} {}", safe(e)),
                    text_w.saturating_sub(4),
                )
                .len()
            })
            .sum::<usize>()
            + self.error.as_ref().map_or(0, |e| {
                wrap(&format!("{MISSING_MARK} {}", safe(e)), text_w).len()
            });
        let note = self
            .note
            .as_ref()
            .map(|n| wrap(&safe(n), text_w))
            .unwrap_or_default();
        let note_rows = if note.is_empty() { 0 } else { note.len() + 1 };
        let rows = note_rows + self.inputs.len() + error_rows + 2;
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
        let inner = dialog_box(frame, area, width, height, self.title, theme);
        // Wide enough for the longest label, so none is cut.
        let label_w = self
            .inputs
            .iter()
            .map(|i| {
                let required = matches!(
                    i.kind,
                    InputKind::Text { required: true, .. } | InputKind::Date { required: true }
                );
                i.label.width() + if required { 3 } else { 1 }
            })
            .max()
            .unwrap_or(0)
            .max(28);
        let field_w = usize::from(inner.width).saturating_sub(label_w + 3);
        let mut lines: Vec<Line> = Vec::new();
        if !note.is_empty() {
            lines.extend(
                note.into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.hint))),
            );
            lines.push(Line::raw(""));
        }
        let mut cursor = None;
        for (i, input) in self.inputs.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "▶ " } else { "  " };
            let required = matches!(
                input.kind,
                InputKind::Text { required: true, .. } | InputKind::Date { required: true }
            );
            let label = format!("{}{}", input.label, if required { " *" } else { "" });
            let mut spans = vec![
                Span::styled(marker, theme.key),
                Span::styled(
                    format!("{:<w$}", fit(&label, label_w - 1), w = label_w),
                    theme.title,
                ),
            ];
            match &input.kind {
                InputKind::Check => {
                    let mark = if input.checked { "[x]" } else { "[ ]" };
                    let style = if focused { theme.focus } else { theme.base };
                    spans.push(Span::styled(mark, style));
                }
                InputKind::Choice(options) => {
                    let shown = options.get(input.choice).map_or("", String::as_str);
                    let text = fit(&format!("◀ {shown} ▶"), field_w);
                    let style = if focused { theme.focus } else { theme.base };
                    spans.push(Span::styled(text, style));
                }
                _ => {
                    let (shown, col) = input.edit.view(field_w);
                    let style = if focused { theme.focus } else { theme.base };
                    let pad = field_w.saturating_sub(shown.width());
                    spans.push(Span::styled(format!("{shown}{}", " ".repeat(pad)), style));
                    if focused {
                        cursor = Some((lines.len(), label_w + 2 + col));
                    }
                }
            }
            lines.push(Line::from(spans));
            if let Some(e) = &input.error {
                let msg = format!("{MISSING_MARK} {}", safe(e));
                for l in wrap(&msg, usize::from(inner.width).saturating_sub(4)) {
                    lines.push(Line::from(vec![
                        Span::raw("    "),
                        Span::styled(l, theme.missing),
                    ]));
                }
            }
        }
        if let Some(e) = &self.error {
            let msg = format!("{MISSING_MARK} {}", safe(e));
            for l in wrap(&msg, usize::from(inner.width)) {
                lines.push(Line::from(Span::styled(l, theme.missing)));
            }
        }
        let space = match self.has_choice_and_check() {
            (true, true) => Some(("Space ←→", " tick / choose  ")),
            (true, false) => Some(("Space ←→", " choose  ")),
            (false, true) => Some(("Space", " tick  ")),
            (false, false) => None,
        };
        let mut hint = vec![
            Span::styled("Enter", theme.key),
            Span::raw(" save  "),
            Span::styled("Tab", theme.key),
            Span::raw(" next  "),
        ];
        if let Some((k, what)) = space {
            hint.extend([Span::styled(k, theme.key), Span::raw(what)]);
        }
        hint.extend([
            Span::styled("Esc", theme.key),
            Span::raw(" cancel   * required"),
        ]);
        lines.push(Line::raw(""));
        lines.push(Line::from(hint));
        frame.render_widget(Paragraph::new(lines), inner);
        if let Some((row, col)) = cursor {
            let x = inner.x + u16::try_from(col).unwrap_or(0);
            let y = inner.y + u16::try_from(row).unwrap_or(0);
            if x < inner.right() && y < inner.bottom() {
                frame.set_cursor_position((x, y));
            }
        }
    }
}

/// One form offered in the picker.
#[derive(Clone, Debug, PartialEq)]
pub struct FormChoice {
    /// The form's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether some section repeats for each child, so a child is needed.
    pub needs_child: bool,
    /// Only supervisors may start it (oversight, case supervision, audit).
    pub supervisors_only: bool,
}

/// Choosing a form and the children a new record is about.
#[derive(Clone, Debug)]
pub struct FormPicker {
    /// The family the record is for.
    pub family: i64,
    forms: Vec<FormChoice>,
    children: Vec<(ChildId, String, bool)>,
    /// 0: the forms list, 1: the children list.
    pane: usize,
    form_state: ListState,
    child_state: ListState,
    /// Why the choice cannot be used yet.
    pub error: Option<String>,
    /// Whether the person is a supervisor: `Some(false)` refuses
    /// supervisors-only forms here, before anything is written; `None`
    /// (not known yet) leaves the refusal to the store.
    pub supervisor: Option<bool>,
}

impl FormPicker {
    /// A picker over these forms and children, starting on `preset` if given.
    pub fn new(
        family: i64,
        forms: Vec<FormChoice>,
        children: Vec<(ChildId, String)>,
        preset: Option<&str>,
    ) -> FormPicker {
        let start = preset
            .and_then(|p| forms.iter().position(|f| f.id == p))
            .unwrap_or(0);
        let only_one = children.len() == 1;
        FormPicker {
            family,
            form_state: ListState::default().with_selected((!forms.is_empty()).then_some(start)),
            child_state: ListState::default().with_selected((!children.is_empty()).then_some(0)),
            forms,
            // With one child there is nothing to choose: tick them.
            children: children
                .into_iter()
                .map(|(id, name)| (id, name, only_one))
                .collect(),
            pane: 0,
            error: None,
            supervisor: None,
        }
    }

    /// The form chosen.
    pub fn form(&self) -> Option<&FormChoice> {
        self.forms.get(self.form_state.selected()?)
    }

    /// The children ticked.
    pub fn ticked(&self) -> Vec<ChildId> {
        self.children.iter().filter(|c| c.2).map(|c| c.0).collect()
    }

    /// The keys that work in the picker.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", "choose"),
            ("Tab", "forms / children"),
            ("Space", "tick a child"),
            ("Enter", "start the record"),
            ("Esc", "cancel"),
            ("F1", "help"),
        ]
    }

    fn validate(&mut self) -> bool {
        self.error = match self.form() {
            None => Some("Form: choose a form".to_owned()),
            Some(f) if f.supervisors_only && self.supervisor == Some(false) => Some(format!(
                "Form: only a supervisor can write {}; you can comment on a record as an \
                 addendum instead",
                f.title
            )),
            Some(f) if f.needs_child && self.ticked().is_empty() => {
                Some(if self.children.is_empty() {
                    "Children: this form is about children; add a child first (c on the family screen)".to_owned()
                } else {
                    "Children: tick at least one child this record is about (Tab, then Space)"
                        .to_owned()
                })
            }
            Some(_) => None,
        };
        self.error.is_none()
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Esc => return DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => return DialogOutcome::Help,
            KeyCode::Enter => {
                return if self.validate() {
                    DialogOutcome::Submit
                } else {
                    DialogOutcome::Continue
                };
            }
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right
                if !self.children.is_empty() =>
            {
                self.pane = 1 - self.pane;
            }
            KeyCode::Up | KeyCode::Down | KeyCode::Home | KeyCode::End => {
                let (state, len) = if self.pane == 0 {
                    (&mut self.form_state, self.forms.len())
                } else {
                    (&mut self.child_state, self.children.len())
                };
                if len > 0 {
                    let cur = state.selected().unwrap_or(0);
                    let next = match key.code {
                        KeyCode::Up => cur.saturating_sub(1),
                        KeyCode::Down => (cur + 1).min(len - 1),
                        KeyCode::Home => 0,
                        _ => len - 1,
                    };
                    state.select(Some(next));
                }
            }
            KeyCode::Char(' ') => {
                if self.pane == 0 {
                    self.pane = usize::from(!self.children.is_empty());
                } else if let Some(c) = self
                    .child_state
                    .selected()
                    .and_then(|i| self.children.get_mut(i))
                {
                    c.2 = !c.2;
                    self.error = None;
                }
            }
            _ => {}
        }
        DialogOutcome::Continue
    }

    /// Draws the picker centred over `area`.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let wide = area.width >= 120;
        let width = if wide { 110 } else { 76 };
        let height = (self.forms.len().max(self.children.len()) + 7).clamp(12, 22);
        let inner = dialog_box(
            frame,
            area,
            width,
            u16::try_from(height).unwrap_or(22),
            "New record: choose a form and the children",
            theme,
        );
        let [lists, msg, hint] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(if self.error.is_some() { 2 } else { 0 }),
            Constraint::Length(1),
        ])
        .areas(inner);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(lists);
        let pane_block = |title: &str, focused: bool| {
            let style = if focused { theme.key } else { theme.title };
            Block::bordered().title(Span::styled(format!(" {title} "), style))
        };
        let form_w = usize::from(left.width).saturating_sub(4);
        let items: Vec<ListItem> = self
            .forms
            .iter()
            .map(|f| {
                let title = if f.supervisors_only {
                    format!("{} (supervisors)", safe(&f.title))
                } else {
                    safe(&f.title)
                };
                ListItem::new(fit(&title, form_w))
            })
            .collect();
        frame.render_stateful_widget(
            List::new(items)
                .block(pane_block("Form", self.pane == 0))
                .highlight_style(theme.focus)
                .highlight_symbol("▶ "),
            left,
            &mut self.form_state,
        );
        let child_w = usize::from(right.width).saturating_sub(8);
        if self.children.is_empty() {
            frame.render_widget(
                Paragraph::new("No children yet.")
                    .style(theme.hint)
                    .block(pane_block("About", false)),
                right,
            );
        } else {
            let items: Vec<ListItem> = self
                .children
                .iter()
                .map(|(_, name, ticked)| {
                    ListItem::new(format!(
                        "{} {}",
                        if *ticked { "[x]" } else { "[ ]" },
                        fit(&safe(name), child_w)
                    ))
                })
                .collect();
            let mut list =
                List::new(items).block(pane_block("About (Space ticks)", self.pane == 1));
            if self.pane == 1 {
                list = list.highlight_style(theme.focus).highlight_symbol("▶ ");
            } else {
                list = list.highlight_symbol("  ");
            }
            frame.render_stateful_widget(list, right, &mut self.child_state);
        }
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(format!("{MISSING_MARK} {e}"))
                    .style(theme.missing)
                    .wrap(Wrap { trim: true }),
                msg,
            );
        }
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("↑↓", theme.key),
                Span::raw(" choose  "),
                Span::styled("Tab", theme.key),
                Span::raw(" forms/children  "),
                Span::styled("Space", theme.key),
                Span::raw(" tick  "),
                Span::styled("Enter", theme.key),
                Span::raw(" start  "),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}

/// Writing an addendum to a finalised record. The text is autosaved as a
/// draft like any other (the app counts the edits and hands them over).
pub struct AddendumDialog {
    /// The record it will be added to.
    pub record: i64,
    area: TextArea<'static>,
    /// Why it cannot be added yet.
    pub error: Option<String>,
    /// Counts the changes to the text.
    pub edits: u64,
    /// The newest change handed over to be saved.
    pub handed: u64,
    /// The newest change known to be saved.
    pub saved: u64,
    /// When the first change not yet handed over was made.
    pub first_unhanded: Option<std::time::Instant>,
}

impl AddendumDialog {
    /// An empty addendum for a record.
    pub fn new(record: i64) -> AddendumDialog {
        AddendumDialog::with_text(record, "")
    }

    /// An addendum that starts from text autosaved earlier.
    pub fn with_text(record: i64, text: &str) -> AddendumDialog {
        let mut area = if text.is_empty() {
            TextArea::default()
        } else {
            TextArea::new(text.split('\n').map(str::to_owned).collect())
        };
        area.set_placeholder_text("What needs correcting or adding, and why.");
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        AddendumDialog {
            record,
            area,
            error: None,
            edits: 0,
            handed: 0,
            saved: 0,
            first_unhanded: None,
        }
    }

    /// Whether there are changes not yet saved.
    pub fn unsaved(&self) -> bool {
        self.edits > self.saved
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The keys that work in the dialog.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("Ctrl-S", "add the addendum"),
            ("Enter", "new line"),
            ("Esc", "cancel"),
            ("F1", "help"),
        ]
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Esc => DialogOutcome::Cancel,
            KeyCode::F(1) => DialogOutcome::Help,
            KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                if self.text().trim().is_empty() {
                    self.error = Some("Addendum: write what needs correcting or adding".into());
                    DialogOutcome::Continue
                } else {
                    DialogOutcome::Submit
                }
            }
            _ => {
                if self.area.input(key) {
                    self.edits += 1;
                }
                self.error = None;
                DialogOutcome::Continue
            }
        }
    }

    /// Pasted text is inserted with its control characters made visible.
    pub fn on_paste(&mut self, text: &str) {
        self.edits += 1;
        let clean: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .split('\n')
            .map(|l| super::text::visible(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        self.area.insert_str(clean);
    }

    /// Draws the dialog centred over `area`.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = dialog_box(frame, area, 76, 16, "Addendum", theme);
        let [text, msg, hint] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(self.error.is_some())),
            Constraint::Length(1),
        ])
        .areas(inner);
        self.area.set_block(Block::bordered());
        frame.render_widget(&self.area, text);
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(format!("{MISSING_MARK} {e}")).style(theme.missing),
                msg,
            );
        }
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Ctrl-S", theme.key),
                Span::raw(" add (it cannot be changed afterwards)  "),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}

/// A yes/no question.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    /// The heading.
    pub title: String,
    /// The question, with what happens.
    pub text: String,
    /// What Enter does, for the hint line.
    pub yes: String,
}

impl Confirm {
    /// Handles one key press: Enter or `y` confirms, Esc or `n` cancels.
    pub fn on_key(&self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Enter | KeyCode::Char('y') => DialogOutcome::Submit,
            KeyCode::Esc | KeyCode::Char('n') => DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => DialogOutcome::Help,
            _ => DialogOutcome::Continue,
        }
    }

    /// Draws the question centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = dialog_box(frame, area, 64, 9, &self.title, theme);
        let [text, hint] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        frame.render_widget(
            Paragraph::new(self.text.as_str()).wrap(Wrap { trim: true }),
            text,
        );
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Enter", theme.key),
                Span::raw(format!(" {}  ", self.yes)),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}

/// The finalise question for a form that can feed the chronology: finalise
/// as a significant event (y), finalise as an ordinary record (n), or not
/// at all (Esc). Enter alone decides nothing: the answer must be said.
#[derive(Clone, Debug, PartialEq)]
pub struct FinaliseQuestion {
    /// Who will sign it.
    pub user: String,
    /// Whether the draft is marked significant already.
    pub was_significant: bool,
    /// The answer, once given.
    pub significant: Option<bool>,
    /// Shown after a key that is not an answer.
    pub nudge: bool,
}

impl FinaliseQuestion {
    /// The question for this user's finalising.
    pub fn new(user: &str, was_significant: bool) -> FinaliseQuestion {
        FinaliseQuestion {
            user: user.to_owned(),
            was_significant,
            significant: None,
            nudge: false,
        }
    }

    /// Handles one key press: `y` or `n` answers and finalises, Esc cancels.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Char('y' | 'Y') => {
                self.significant = Some(true);
                DialogOutcome::Submit
            }
            KeyCode::Char('n' | 'N') => {
                self.significant = Some(false);
                DialogOutcome::Submit
            }
            KeyCode::Esc => DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => DialogOutcome::Help,
            _ => {
                self.nudge = true;
                DialogOutcome::Continue
            }
        }
    }

    /// The keys that work in the question.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("y", "finalise as a significant event"),
            ("n", "finalise, not a significant event"),
            ("Esc", "cancel (nothing is finalised)"),
            ("F1", "help"),
        ]
    }

    /// Draws the question centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = dialog_box(frame, area, 68, 14, "Finalise", theme);
        let [text, hint] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
        let mut lines = vec![
            Line::raw(format!(
                "Finalise this record as {}? It will be signed with your name and the time \
                 now, and can never be changed again; later corrections become addenda.",
                safe(&self.user)
            )),
            Line::raw(""),
            Line::from(Span::styled(
                "Is it a significant event? A significant event is listed in the family's \
                 chronology.",
                theme.title,
            )),
        ];
        if self.was_significant {
            lines.push(Line::from(Span::styled(
                "(The draft is marked significant now.)",
                theme.hint,
            )));
        }
        if self.nudge {
            lines.push(Line::from(Span::styled(
                format!("{MISSING_MARK} Answer y or n, or press Esc to go back."),
                theme.missing,
            )));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
        let key = |k: &'static str, what: &'static str| {
            Line::from(vec![
                Span::styled(format!("{k:<4}"), theme.key),
                Span::raw(what),
            ])
        };
        frame.render_widget(
            Paragraph::new(vec![
                key("y", "yes: finalise as a significant event"),
                key("n", "no: finalise, not a significant event"),
                key("Esc", "cancel: nothing is finalised"),
            ]),
            hint,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

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
    fn a_bad_date_of_birth_is_refused_and_a_british_one_accepted() {
        let mut d = Dialog::add_child(1);
        d.on_paste("Child A");
        d.on_key(key(KeyCode::Tab), today());
        d.on_paste("31/04/2019");
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Continue
        );
        assert!(
            d.inputs[1]
                .error
                .as_deref()
                .unwrap_or("")
                .starts_with("Date of birth: not a date")
        );
        for _ in 0..10 {
            d.on_key(key(KeyCode::Backspace), today());
        }
        // Typed the way dates are written in England, stored the ISO way.
        d.on_paste("30/04/2019");
        assert_eq!(
            d.on_key(key(KeyCode::Enter), today()),
            DialogOutcome::Submit
        );
        assert_eq!(
            d.new_child_values().date_of_birth,
            crate::record::parse_date("2019-04-30")
        );
    }

    #[test]
    fn line_edit_handles_wide_and_multibyte_text() {
        let mut e = LineEdit::default();
        e.insert("Zoë 👩 ab");
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Backspace));
        assert_eq!(e.value(), "Zoë 👩 b");
        let (shown, col) = e.view(4);
        assert!(shown.width() <= 4, "{shown}");
        assert!(col < 4);
    }

    #[test]
    fn line_edit_moves_and_edits_by_whole_characters() {
        let mut e = LineEdit::default();
        e.insert("a€👩b");
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Char('é')));
        assert_eq!(e.value(), "a€é👩b");
        e.on_key(key(KeyCode::Delete));
        assert_eq!(e.value(), "a€éb");
        e.on_key(key(KeyCode::Home));
        e.on_key(key(KeyCode::Backspace));
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Right));
        e.on_key(key(KeyCode::Delete));
        assert_eq!(e.value(), "aéb");
        e.on_key(key(KeyCode::End));
        e.on_key(key(KeyCode::Right));
        e.on_key(key(KeyCode::Delete));
        e.insert("\tx\ny\u{1b}");
        assert_eq!(e.value(), "aébxy");
        e.set("Zoë");
        e.on_key(key(KeyCode::Backspace));
        assert_eq!(e.value(), "Zo");
    }

    #[test]
    fn pasting_200_kb_into_a_one_line_dialog_field_takes_well_under_a_second() {
        let text = "Example family, a long name. ".repeat(200_000 / 29 + 1);
        let mut d = Dialog::new_family();
        let start = std::time::Instant::now();
        d.on_paste(&text);
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
        assert!(
            took < std::time::Duration::from_millis(300),
            "took {took:?}"
        );
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

    /// The view as it was before it looked only near the cursor: what the
    /// quick one must still show.
    fn whole_line_view(value: &str, cursor_chars: usize, width: usize) -> (String, usize) {
        let before: String = value.chars().take(cursor_chars).collect();
        let before = safe(&before);
        let all = safe(value);
        let cur = before.width();
        if all.width() < width || cur < width {
            return (fit(&all, width), cur.min(width.saturating_sub(1)));
        }
        let mut start = 0;
        let mut shown = cur;
        for (i, c) in before.char_indices() {
            if shown < width {
                start = i;
                break;
            }
            shown -= unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            start = i + c.len_utf8();
        }
        (
            fit(&all[start..], width),
            shown.min(width.saturating_sub(1)),
        )
    }

    proptest::proptest! {
        #[test]
        fn the_view_near_the_cursor_shows_what_the_whole_line_view_showed(
            text in "[a-c é€世\\x1b\\n\\t\\u{7f}]{0,60}",
            cursor in 0usize..61,
            width in 0usize..24,
        ) {
            let mut e = LineEdit::default();
            e.set(&text);
            let n = text.chars().count();
            let cursor = cursor.min(n);
            e.on_key(key(KeyCode::Home));
            for _ in 0..cursor {
                e.on_key(key(KeyCode::Right));
            }
            proptest::prop_assert_eq!(e.view(width), whole_line_view(&text, cursor, width));
        }
    }

    #[test]
    fn drawing_a_200_kb_line_looks_only_near_the_cursor() {
        let mut e = LineEdit::default();
        e.set(&"Zoë € 世界 ".repeat(20_000));
        let start = std::time::Instant::now();
        for i in 0..3000 {
            let (shown, col) = e.view(70);
            assert!(shown.width() <= 70 && col < 70);
            e.on_key(key(if i < 1000 {
                KeyCode::Left
            } else {
                KeyCode::Home
            }));
        }
        let took = start.elapsed();
        assert!(
            took < std::time::Duration::from_millis(300),
            "took {took:?}"
        );
    }

    #[test]
    fn the_picker_needs_a_child_for_a_per_child_form() {
        let forms = vec![FormChoice {
            id: "visit".into(),
            title: "Home visit".into(),
            needs_child: true,
            supervisors_only: false,
        }];
        let kids = vec![
            (ChildId(1), "Child A".into()),
            (ChildId(2), "Child B".into()),
        ];
        let mut p = FormPicker::new(1, forms, kids, None);
        assert_eq!(p.on_key(key(KeyCode::Enter)), DialogOutcome::Continue);
        assert!(p.error.as_deref().unwrap_or("").starts_with("Children:"));
        p.on_key(key(KeyCode::Tab));
        p.on_key(key(KeyCode::Char(' ')));
        assert_eq!(p.on_key(key(KeyCode::Enter)), DialogOutcome::Submit);
        assert_eq!(p.ticked(), vec![ChildId(1)]);
    }
}
