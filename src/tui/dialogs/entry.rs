//! The chronology-entry dialog: what happened, when, to whom, and which
//! child (or the whole family) it is about.

use super::form_dialog::{Dialog, DialogKind};
use super::input::Input;
use crate::record::ChildId;
use crate::record::FamilyId;
use crate::tui::chrome::safe;
use crate::tui::form_screen::entry::read_date as parse_date;
use chrono::NaiveDate;

/// A chronology entry as typed in the dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    /// The family.
    pub family: FamilyId,
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

impl Dialog {
    /// The chronology-entry dialog for a family; `children` are offered
    /// by name after "the whole family", `preset` chosen to start with.
    pub fn chronology_entry(
        family: FamilyId,
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
}
