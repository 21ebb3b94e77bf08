//! The family dialogs: a new family, and changing a family's details,
//! where the case status and the closing date are checked together.

use super::form_dialog::{Dialog, DialogKind};
use super::input::Input;
use crate::record::FamilyId;
use crate::tui::form_screen::entry::read_date as parse_date;
use chrono::NaiveDate;

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
    pub family: FamilyId,
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

    /// The edit-family dialog, filled in with the family's details now.
    pub fn edit_family(f: &FamilyEdit) -> Dialog {
        let date = crate::dates::short;
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

    /// Checks that look at more than one input, after each input's own.
    /// Only the edit-family dialog has any, so they live beside it.
    pub(super) fn validate_together(&mut self) {
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
                        crate::dates::for_people(opened_on)
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
    pub(super) fn status_changed(&mut self) {
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
}
