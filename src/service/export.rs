//! Exporting a record, and listing a family's records to choose one. An
//! export is always made with the form version the record was written
//! with, and noted in the audit log, whoever asks for it; the command line
//! only prints what comes back.

use crate::export::{self, Addendum, RecordMeta};
use crate::form::FormSet;
use crate::store::{RecordId, RecordStatus, RecordSummary, Store, StoreError};

/// The kinds of document a record is exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

/// One of a family's records, with the title of the form it was written with.
#[derive(Clone, Debug)]
pub struct RecordLine {
    /// The record as the store lists it.
    pub record: RecordSummary,
    /// Its form's title, or the form's id when that form is no longer in use.
    pub form_title: String,
}

/// The record as one document, with its addenda; the export is written to
/// the audit log before the text is returned. Errors are sentences.
pub fn export_record(
    store: &mut Store,
    forms: &FormSet,
    id: RecordId,
    format: Format,
) -> Result<String, String> {
    let s = |e: StoreError| e.to_string();
    let record = store.record(id).map_err(s)?;
    let form = store
        .form_of(forms, &record.form_id, record.form_version)
        .map_err(s)?;
    let family = store.family(record.family).map_err(s)?;
    let children = store.record_children(&record).map_err(s)?;
    let addenda = store.addenda(record.id).map_err(s)?;
    let at = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
    let meta = RecordMeta {
        title: form.title.clone(),
        family_label: format!("{} {}", family.details.reference, family.details.name),
        event_date: Some(record.event_date),
        author: record.author.clone(),
        status: match record.status {
            RecordStatus::Draft => "Draft".into(),
            RecordStatus::Finalised => "Finalised".into(),
        },
        finalised_by: record.finalised_by.clone(),
        finalised_at: record.finalised_at.map(at),
        significant: form.can_be_significant.then_some(record.significant),
        addenda: addenda
            .iter()
            .map(|a| Addendum {
                author: a.author.clone(),
                date: at(a.created_at),
                text: a.text.clone(),
            })
            .collect(),
    };
    let text = match format {
        Format::Markdown => export::to_markdown(&form, &record.answers, &children, &meta),
        Format::Text => export::to_text(&form, &record.answers, &children, &meta),
    };
    store
        .note_exported(record.family, Some(record.id))
        .map_err(s)?;
    Ok(text)
}

/// The records of the family with this reference, newest first. Errors are
/// sentences; they quote the reference as typed.
pub fn records_of(
    store: &Store,
    forms: &FormSet,
    reference: &str,
) -> Result<Vec<RecordLine>, String> {
    let family = store
        .family_by_reference(reference)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no family has the reference {reference}"))?;
    let records = store.list_records(family.id).map_err(|e| e.to_string())?;
    Ok(records
        .into_iter()
        .map(|record| {
            let form_title = forms
                .get(&record.form_id)
                .map_or_else(|| record.form_id.clone(), |f| f.title.clone());
            RecordLine { record, form_title }
        })
        .collect())
}
