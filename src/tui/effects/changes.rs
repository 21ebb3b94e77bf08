//! Changes to families, children and the chronology, from the dialogs.

use super::Executor;
use crate::store::{
    CaseStatus, ChildDetails, FamilyDetails, FamilyId, NewChronologyEntry, StoreError,
};
use crate::tui::app::Msg;
use crate::tui::dialogs::{FamilyEdit, NewEntry, NewFamily, edit_family_field};
use chrono::NaiveDate;

impl Executor {
    pub(super) fn create_family(&mut self, f: &NewFamily, today: NaiveDate) -> Vec<Msg> {
        let mut d = FamilyDetails::new(&f.reference, &f.name, today);
        d.child_protection_plan = f.cp;
        d.child_in_need = f.cin;
        d.looked_after = f.lac;
        // Whoever opens a case is its worker until it is allocated to
        // someone else, so its duties show in someone's own due list.
        d.allocated_worker = Some(self.store.user().to_owned());
        match self.store.create_family(&d) {
            Ok(id) => vec![Msg::FamilyCreated(id)],
            Err(StoreError::DuplicateReference { reference }) => vec![Msg::DialogRefused {
                field: Some(0),
                message: format!("Reference: another family already has {reference}"),
            }],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }

    pub(super) fn open_family(&mut self, id: FamilyId, today: NaiveDate) -> Vec<Msg> {
        match self.family_view(id, today) {
            Ok(view) => {
                self.note_opened(id, None);
                vec![Msg::Family(view)]
            }
            Err(e) => vec![Msg::Failed(e.to_string())],
        }
    }

    pub(super) fn add_entry(&mut self, e: &NewEntry) -> Vec<Msg> {
        let entry = NewChronologyEntry {
            family: e.family,
            child: e.child,
            date: e.date,
            what_happened: e.what_happened.clone(),
            impact: e.affected.clone(),
            source: e.source.clone(),
            record: None,
        };
        match self.store.add_chronology_entry(&entry) {
            Ok(_) => vec![Msg::ChronologyAdded { family: e.family }],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }

    /// Saves a family's edited details over what is stored now; the
    /// opening date is the store's, since the dialog does not change it.
    pub(super) fn update_family(&mut self, e: &FamilyEdit, today: NaiveDate) -> Vec<Msg> {
        use edit_family_field as field;
        let refuse =
            |field: Option<usize>, message: String| vec![Msg::DialogRefused { field, message }];
        let mut d = match self.store.family(e.family) {
            Ok(f) => f.details,
            Err(err) => return refuse(None, err.to_string()),
        };
        // The dialog checked these against the opening date it was given;
        // checked again here against the stored one, and named, rather
        // than left to the store's general refusal.
        match e.closed_on {
            Some(on) if on < d.opened_on => {
                return refuse(
                    Some(field::CLOSED_ON),
                    format!(
                        "Closing date: is before the case was opened ({})",
                        d.opened_on.format("%Y-%m-%d")
                    ),
                );
            }
            Some(on) if on > today => {
                return refuse(
                    Some(field::CLOSED_ON),
                    "Closing date: is after today".into(),
                );
            }
            _ => {}
        }
        d.reference.clone_from(&e.reference);
        d.name.clone_from(&e.name);
        d.child_protection_plan = e.cp;
        d.child_in_need = e.cin;
        d.looked_after = e.lac;
        d.allocated_worker.clone_from(&e.allocated_worker);
        d.status = e.closed_on.map_or(CaseStatus::Active, CaseStatus::Closed);
        match self.store.update_family(e.family, &d) {
            Ok(()) => vec![Msg::FamilyUpdated {
                family: e.family,
                closed_on: e.closed_on,
            }],
            Err(StoreError::DuplicateReference { reference }) => refuse(
                Some(field::REFERENCE),
                format!("Reference: another family already has {reference}"),
            ),
            Err(err) => refuse(None, err.to_string()),
        }
    }

    pub(super) fn add_child(&mut self, family: FamilyId, c: &ChildDetails) -> Vec<Msg> {
        match self.store.add_child(family, c) {
            Ok(_) => vec![Msg::ChildAdded(c.name.clone())],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }
}

/// A family's stored details as the edit dialog takes them.
pub(super) fn family_edit(id: FamilyId, d: &FamilyDetails) -> FamilyEdit {
    FamilyEdit {
        family: id,
        reference: d.reference.clone(),
        name: d.name.clone(),
        opened_on: d.opened_on,
        closed_on: match d.status {
            CaseStatus::Active => None,
            CaseStatus::Closed(on) => Some(on),
        },
        cp: d.child_protection_plan,
        cin: d.child_in_need,
        lac: d.looked_after,
        allocated_worker: d.allocated_worker.clone(),
    }
}
