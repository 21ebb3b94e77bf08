//! The case file as the interfaces use it: the open store and the forms in
//! use, with the changes people make through dialogs (families, children,
//! chronology entries, records started, addenda) as use cases. The
//! terminal interface reaches the store only through this.

use super::clock::local_time;
use crate::export::Addendum;
use crate::form::FormSet;
use crate::record::ChildId;
use crate::store::{
    CaseStatus, Child, ChildDetails, Conflict, FamilyDetails, FamilyId, Fork, NewChronologyEntry,
    Record, RecordDraft, RecordId, Store, StoreError,
};
use crate::user::{Role, UserLogin};
use chrono::{DateTime, NaiveDate, Utc};

/// One open case file and the forms in use.
pub struct CaseFile {
    pub(super) store: Store,
    pub(super) forms: FormSet,
}

/// Which answer of a family's details a refusal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FamilyField {
    /// The council's case reference.
    Reference,
    /// The closing date.
    ClosedOn,
}

/// Why a change to a family was not made, naming the answer when one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyRefusal {
    /// The answer to point at, if one.
    pub field: Option<FamilyField>,
    /// What is wrong, as a sentence that names the answer.
    pub message: String,
}

impl FamilyRefusal {
    fn from_store(e: StoreError) -> FamilyRefusal {
        match e {
            StoreError::DuplicateReference { reference } => FamilyRefusal {
                field: Some(FamilyField::Reference),
                message: format!("Reference: another family already has {reference}"),
            },
            e => FamilyRefusal {
                field: None,
                message: e.to_string(),
            },
        }
    }
}

/// A family's details as someone changed them in the edit dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyChange {
    /// The family.
    pub family: FamilyId,
    /// The council's case reference.
    pub reference: String,
    /// The family's name.
    pub name: String,
    /// A child protection plan applies.
    pub cp: bool,
    /// A child in need plan applies.
    pub cin: bool,
    /// A child is looked after.
    pub lac: bool,
    /// The allocated worker's login name.
    pub allocated_worker: Option<String>,
    /// The closing date, if the case is closed.
    pub closed_on: Option<NaiveDate>,
}

/// Where a draft's text went when it was saved in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Into the draft, now at this revision.
    Revision(i64),
    /// Someone else had changed the draft: into a new draft of this
    /// person's own (at revision 1); theirs is unchanged.
    AsNew(RecordId),
}

impl CaseFile {
    /// The case file over an open store, with the forms in use.
    pub fn new(store: Store, forms: FormSet) -> CaseFile {
        CaseFile { store, forms }
    }

    /// Opens the case file at `path` for `user` (creating it if new; see
    /// `Store::open` for what is checked first; `user` is a login or text
    /// checked as one).
    pub fn open(
        path: &std::path::Path,
        user: &(impl crate::user::AsLogin + ?Sized),
        forms: FormSet,
    ) -> Result<CaseFile, StoreError> {
        Ok(CaseFile::new(Store::open(path, user)?, forms))
    }

    /// The forms in use.
    pub fn forms(&self) -> &FormSet {
        &self.forms
    }

    /// Who is using the program.
    pub fn user(&self) -> &UserLogin {
        self.store.user()
    }

    /// The store's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.store.now()
    }

    /// Another connection to the same file, for a thread of its own (the
    /// writer, the due list); SQLite's only (docs/safety.md, rule 1).
    pub fn open_another(&self) -> Result<Store, StoreError> {
        self.store.open_another()
    }

    /// Whether the person using the program is a listed supervisor.
    pub fn is_supervisor(&self) -> Result<bool, StoreError> {
        Ok(self.store.my_role()?.oversees())
    }

    /// What the person using the program may do.
    pub fn my_role(&self) -> Result<Role, StoreError> {
        self.store.my_role()
    }

    /// Whether the file was made by the demonstration (and is marked so).
    pub fn is_demo(&self) -> bool {
        self.store.is_demo().unwrap_or(false)
    }

    /// Whether the file's schema is still the one this program wrote.
    pub fn schema_intact(&self) -> bool {
        self.store.schema_intact()
    }

    /// Everything the due list is worked out from.
    pub fn due_facts(&self) -> Result<Vec<crate::timescale::FamilyFacts>, StoreError> {
        self.store.due_facts()
    }

    /// Notes in the audit log that this person opened a family or record.
    pub fn note_opened(
        &mut self,
        family: FamilyId,
        record: Option<RecordId>,
    ) -> Result<(), StoreError> {
        self.store.note_opened(family, record)
    }

    /// A family's stored details.
    pub fn family_details(&self, id: FamilyId) -> Result<FamilyDetails, StoreError> {
        Ok(self.store.family(id)?.details)
    }

    /// Opens a case; whoever opens it is its worker until it is allocated
    /// to someone else, so its duties show in someone's own due list.
    pub fn open_case(&mut self, mut d: FamilyDetails) -> Result<FamilyId, FamilyRefusal> {
        self.require_writer().map_err(FamilyRefusal::from_store)?;
        d.allocated_worker = Some(self.store.user().to_string());
        self.store
            .create_family(&d)
            .map_err(FamilyRefusal::from_store)
    }

    /// Changes a family's details over what is stored now (the opening
    /// date is the store's: the dialog does not change it), checking the
    /// closing date against the stored opening date and `today`.
    pub fn change_family(
        &mut self,
        e: &FamilyChange,
        today: NaiveDate,
    ) -> Result<(), FamilyRefusal> {
        self.require_writer().map_err(FamilyRefusal::from_store)?;
        let refuse = |field: Option<FamilyField>, message: String| FamilyRefusal { field, message };
        let mut d = self
            .store
            .family(e.family)
            .map_err(FamilyRefusal::from_store)?
            .details;
        if let Some(w) = e.allocated_worker.as_deref().map(str::trim)
            && !w.is_empty()
            && UserLogin::new(w).is_err()
        {
            return Err(refuse(
                None,
                "Allocated worker: is a login name (1 to 64 characters, no spaces), not a \
                 display name"
                    .into(),
            ));
        }
        match e.closed_on {
            Some(on) if on < d.opened_on => {
                return Err(refuse(
                    Some(FamilyField::ClosedOn),
                    format!(
                        "Closing date: is before the case was opened ({})",
                        crate::dates::for_people(d.opened_on)
                    ),
                ));
            }
            Some(on) if on > today => {
                return Err(refuse(
                    Some(FamilyField::ClosedOn),
                    "Closing date: is after today".into(),
                ));
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
        self.store
            .update_family(e.family, &d)
            .map_err(FamilyRefusal::from_store)
    }

    /// Adds a child to a family.
    pub fn add_child(&mut self, family: FamilyId, c: &ChildDetails) -> Result<ChildId, StoreError> {
        self.require_writer()?;
        self.store.add_child(family, c)
    }

    /// A child as stored.
    pub fn child(&self, id: ChildId) -> Result<Child, StoreError> {
        self.store.child(id)
    }

    /// Corrects a child's details.
    pub fn correct_child(&mut self, id: ChildId, details: &ChildDetails) -> Result<(), StoreError> {
        self.require_writer()?;
        self.store.update_child(id, details)
    }

    /// Adds an entry to a family's chronology.
    pub fn add_chronology_entry(&mut self, entry: &NewChronologyEntry) -> Result<(), StoreError> {
        self.require_writer()?;
        self.store.add_chronology_entry(entry).map(|_| ())
    }

    /// Starts a draft of `form_id` about `children`, dated today, with the
    /// answers the form fills in itself (today's date, the writer's name).
    pub fn start_record(
        &mut self,
        family: FamilyId,
        form_id: &str,
        children: Vec<ChildId>,
        today: NaiveDate,
    ) -> Result<RecordId, String> {
        self.start_record_with(family, form_id, children, today, None)
    }

    /// As [`CaseFile::start_record`]; an audit form (one whose fields
    /// prefill from the evidence) also starts with the family's evidence,
    /// gathered with `evidence` (the due list's calendar and the writing
    /// lists), each proposal waiting for the manager to confirm it.
    pub fn start_record_with(
        &mut self,
        family: FamilyId,
        form_id: &str,
        children: Vec<ChildId>,
        today: NaiveDate,
        evidence: Option<&super::audit_evidence::EvidenceRules<'_>>,
    ) -> Result<RecordId, String> {
        self.require_writer().map_err(|e| e.to_string())?;
        let Some(form) = self.forms.get(form_id) else {
            return Err(format!("Form: there is no form {form_id}"));
        };
        // The form's prefills and, where a section carries them forward,
        // the family's open actions (issue 14).
        let mut answers = super::actions::start_answers(&self.store, form, family, today)
            .map_err(|e| e.to_string())?;
        if let Some(rules) = evidence
            && super::audit_evidence::wants_evidence(form)
        {
            // Gathered before the draft exists, so the audit's own draft
            // is not part of its evidence.
            let found = self
                .audit_evidence(family, rules, today)
                .map_err(|e| e.to_string())?;
            super::audit_evidence::fill_from_evidence(form, &found, &mut answers);
        }
        let draft = RecordDraft {
            event_date: today,
            significant: false,
            children,
            answers,
        };
        self.store
            .create_record(family, form, &draft)
            .map_err(|e| e.to_string())
    }

    /// Saves a draft here and now (the writer thread does this beside the
    /// interface; this is for tests and for putting recovered text back):
    /// into the draft if nobody else changed it since `expected`, else
    /// into a new draft of this person's own. A draft finalised since is
    /// treated the same way: nothing stored is ever overwritten.
    pub fn save_in_place(
        &mut self,
        record: RecordId,
        expected: i64,
        draft: &RecordDraft,
    ) -> Result<Saved, StoreError> {
        self.require_writer()?;
        match self.store.save_draft(record, expected, draft) {
            Ok(revision) => Ok(Saved::Revision(revision)),
            Err(StoreError::Conflict(c)) => self
                .store
                .create_record_from_conflict(&c, draft)
                .map(Saved::AsNew),
            Err(StoreError::Finalised { .. }) => {
                let theirs = self.store.record(record)?;
                let c = Conflict {
                    record,
                    expected_revision: expected,
                    stored_revision: theirs.revision,
                };
                self.store
                    .create_record_from_conflict(&c, draft)
                    .map(Saved::AsNew)
            }
            Err(e) => Err(e),
        }
    }

    /// Saves and finalises a draft here and now (see `save_in_place`).
    pub fn finalise_in_place(
        &mut self,
        record: RecordId,
        expected: i64,
        draft: &RecordDraft,
        form: &crate::form::Form,
        today: NaiveDate,
    ) -> Result<Record, StoreError> {
        self.require_writer()?;
        self.store.finalise(record, expected, draft, form, today)
    }

    /// Keeps this person's text as a new draft of their own after a
    /// conflict.
    pub fn keep_as_new(
        &mut self,
        c: &Conflict,
        draft: &RecordDraft,
    ) -> Result<RecordId, StoreError> {
        self.require_writer()?;
        self.store.create_record_from_conflict(c, draft)
    }

    /// Autosaves the addendum being written (empty text removes it).
    pub fn save_addendum_draft(&mut self, record: RecordId, text: &str) -> Result<(), StoreError> {
        self.require_writer()?;
        self.store.save_addendum_draft(record, text)
    }

    /// Adds an addendum to a finalised record, signed now by this person.
    pub fn add_addendum(&mut self, record: RecordId, text: &str) -> Result<Addendum, StoreError> {
        self.require_writer()?;
        self.store.add_addendum(record, text)?;
        Ok(Addendum {
            author: self.with_role(self.store.user().as_str()),
            date: local_time(self.store.now()),
            text: text.to_owned(),
        })
    }

    /// Notes that this person has `record` open now (`here`) or has left
    /// it, in place (the writer thread does it beside the interface).
    pub fn mark_presence(&mut self, record: RecordId, here: bool) -> Result<(), StoreError> {
        if here {
            self.store.mark_here(record)
        } else {
            self.store.mark_gone(record)
        }
    }

    /// Keeps where this person is in the draft `record`, in place (the
    /// writer thread does it beside the interface).
    pub fn keep_place(
        &mut self,
        record: RecordId,
        place: &crate::record::DraftPlace,
    ) -> Result<(), StoreError> {
        self.store.set_draft_place(record, place)
    }

    /// Who else has `record` open now, and the drafts made from it because
    /// someone saved it after another person had.
    pub fn who_else(&self, record: RecordId) -> Result<(Vec<UserLogin>, Vec<Fork>), StoreError> {
        Ok((
            self.store.others_here(record)?,
            self.store.forks_of(record)?,
        ))
    }

    /// Keeps changes to this user's writing help (words added to their own
    /// dictionary, kinds turned on or off); stops at the first that fails.
    pub fn keep_writing_changes(
        &mut self,
        changes: &[crate::writing::WritingChange],
    ) -> Result<(), StoreError> {
        for change in changes {
            match change {
                crate::writing::WritingChange::AddWord(word) => self.store.add_own_word(word)?,
                crate::writing::WritingChange::Kind(kind, on) => {
                    self.store.set_writing_kind(kind, *on)?;
                }
            }
        }
        Ok(())
    }
}
