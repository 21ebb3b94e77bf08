//! Discarding a draft, as the screens and the command line ask for it:
//! first what is about to go (form and date, for the confirmation, and
//! whether this person may), then the discard itself. Only a draft's author
//! or a supervisor may; a finalised record never can (`store/discard.rs`).

use super::case_file::CaseFile;
use crate::store::{FamilyId, RecordId, RecordStatus, StoreError};
use chrono::NaiveDate;

/// A draft someone may discard, named as the confirmation names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftToDiscard {
    /// The draft.
    pub record: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// Its form's title (or id, when the form is no longer in use).
    pub form_title: String,
    /// The date of the event it is about.
    pub event_date: NaiveDate,
}

impl DraftToDiscard {
    /// The confirmation's question, naming form and date and never a word
    /// of what the draft says.
    pub fn question(&self) -> String {
        format!(
            "Discard the draft {} of {} (record {})? Its text is thrown away for good; \
             the audit log keeps only that it existed, who discarded it and when.",
            self.form_title,
            crate::dates::for_people(self.event_date),
            self.record
        )
    }
}

impl CaseFile {
    /// The draft `id` as the confirmation names it, refused (with the
    /// reason as a sentence) when it is finalised, already discarded, or
    /// neither this person's own nor this person a supervisor.
    pub fn draft_to_discard(&self, id: RecordId) -> Result<DraftToDiscard, StoreError> {
        if self.store.is_discarded(id)? {
            return Err(StoreError::Discarded { record: id });
        }
        let r = self.store.record(id)?;
        if r.status == RecordStatus::Finalised {
            return Err(StoreError::Finalised { record: id });
        }
        if &r.author != self.store.user() && !self.is_supervisor()? {
            return Err(StoreError::NotYourDraft { record: id });
        }
        Ok(DraftToDiscard {
            record: id,
            family: r.family,
            form_title: self.form_title(&r.form_id),
            event_date: r.event_date,
        })
    }

    /// Discards draft `id` (the store checks again, in its transaction).
    pub fn discard_draft(&mut self, id: RecordId) -> Result<DraftToDiscard, StoreError> {
        let d = self.store.discard_draft(id)?;
        Ok(DraftToDiscard {
            record: d.record,
            family: d.family,
            form_title: self.form_title(&d.form_id),
            event_date: d.event_date,
        })
    }
}
