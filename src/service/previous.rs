//! The family's last record of the same form, for showing beside a draft
//! while it is written (issue 14): read-only, as a document of sections,
//! each with the section and child it came from so that the screen can
//! scroll to the one being written.

use super::case_file::CaseFile;
use crate::export::{Document, RecordMeta, document};
use crate::record::{ChildId, RecordId};
use crate::store::{FamilyId, RecordStatus, StoreError};
use chrono::NaiveDate;

/// An earlier record, ready to read beside the form.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviousRecord {
    /// Its id.
    pub id: RecordId,
    /// The day of the event it records.
    pub event_date: NaiveDate,
    /// Who wrote it, as shown on records.
    pub author: String,
    /// Its answers as a document (blank answers left out, text made safe).
    pub document: Document,
    /// For each of the document's sections, in order: the form section's
    /// id and the child, for a per-child section.
    pub anchors: Vec<(String, Option<ChildId>)>,
}

impl CaseFile {
    /// The family's latest finalised record of form `form_id` other than
    /// `current` (by event date, then the latest written), if there is one.
    pub fn previous_record(
        &self,
        family: FamilyId,
        form_id: &str,
        current: RecordId,
    ) -> Result<Option<PreviousRecord>, StoreError> {
        let latest = self
            .store
            .list_records(family)?
            .into_iter()
            .filter(|r| {
                r.form_id == form_id && r.id != current && r.status == RecordStatus::Finalised
            })
            .max_by_key(|r| (r.event_date, r.finalised_at, r.id.0));
        let Some(summary) = latest else {
            return Ok(None);
        };
        let r = self.store.record(summary.id)?;
        let form = self
            .store
            .form_of(&self.forms, &r.form_id, r.form_version)?;
        let children = self.store.record_children(&r)?;
        let author = self.with_role(&r.author);
        let meta = RecordMeta {
            title: form.title.clone(),
            event_date: Some(r.event_date),
            author: author.clone(),
            ..RecordMeta::default()
        };
        let anchors = form
            .sections
            .iter()
            .flat_map(|s| {
                let runs: Vec<Option<ChildId>> = if s.per_child {
                    children.iter().map(|(id, _)| Some(*id)).collect()
                } else {
                    vec![None]
                };
                runs.into_iter().map(|c| (s.id.clone(), c))
            })
            .collect();
        Ok(Some(PreviousRecord {
            id: r.id,
            event_date: r.event_date,
            author,
            document: document(&form, &r.answers, &children, &meta),
            anchors,
        }))
    }
}
