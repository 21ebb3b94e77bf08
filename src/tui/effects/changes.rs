//! Changes to families, children and the chronology, from the dialogs.

use super::Executor;
use crate::record::FamilyId;
use crate::service::{
    CaseStatus, ChildDetails, FamilyChange, FamilyDetails, FamilyField, NewChronologyEntry,
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
        match self.case.open_case(d) {
            Ok(id) => vec![Msg::FamilyCreated(id)],
            Err(r) => vec![Msg::DialogRefused {
                // The new-family dialog asks for the reference first.
                field: r.field.map(|_| 0),
                message: r.message,
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
        match self.case.add_chronology_entry(&entry) {
            Ok(()) => vec![Msg::ChronologyAdded { family: e.family }],
            Err(e) => vec![Msg::DialogRefused {
                field: None,
                message: e.to_string(),
            }],
        }
    }

    /// Saves a family's edited details over what is stored now.
    pub(super) fn update_family(&mut self, e: &FamilyEdit, today: NaiveDate) -> Vec<Msg> {
        let change = FamilyChange {
            family: e.family,
            reference: e.reference.clone(),
            name: e.name.clone(),
            cp: e.cp,
            cin: e.cin,
            lac: e.lac,
            allocated_worker: e.allocated_worker.clone(),
            closed_on: e.closed_on,
        };
        match self.case.change_family(&change, today) {
            Ok(()) => vec![Msg::FamilyUpdated {
                family: e.family,
                closed_on: e.closed_on,
            }],
            Err(r) => vec![Msg::DialogRefused {
                field: r.field.map(|f| match f {
                    FamilyField::Reference => edit_family_field::REFERENCE,
                    FamilyField::ClosedOn => edit_family_field::CLOSED_ON,
                }),
                message: r.message,
            }],
        }
    }

    pub(super) fn add_child(&mut self, family: FamilyId, c: &ChildDetails) -> Vec<Msg> {
        match self.case.add_child(family, c) {
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
