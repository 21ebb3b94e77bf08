//! `casenotes export RECORD`: one record as Markdown or plain text, exactly
//! as the review screen shows it, with its addenda; the export is written
//! to the audit log. `records` lists a family's records one a line. Titles,
//! authors and the reference typed come from files and people, so they are
//! printed through `safe_text::for_terminal`; the export itself is already
//! made safe line by line in `crate::export`.

use crate::export::{self, Addendum, RecordMeta};
use crate::form::FormSet;
use crate::safe_text::for_terminal;
use crate::store::{RecordId, RecordStatus, Store};
use std::io::Write;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
}

/// The record rendered, and logged as exported.
pub fn render(
    store: &mut Store,
    forms: &FormSet,
    id: i64,
    format: Format,
) -> Result<String, String> {
    let s = |e: crate::store::StoreError| e.to_string();
    let record = store.record(RecordId(id)).map_err(s)?;
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
        Format::Md => export::to_markdown(&form, &record.answers, &children, &meta),
        Format::Txt => export::to_text(&form, &record.answers, &children, &meta),
    };
    store
        .note_exported(record.family, Some(record.id))
        .map_err(s)?;
    Ok(text)
}

/// Runs `export`; returns the exit status.
pub fn run(
    store: &mut Store,
    forms: &FormSet,
    id: i64,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match render(store, forms, id, format) {
        Ok(text) => {
            out.write_all(text.as_bytes())?;
            Ok(0)
        }
        Err(m) => {
            writeln!(err, "casenotes: {}", for_terminal(&m))?;
            Ok(1)
        }
    }
}

/// Runs `records REF`: one line a record, newest first; returns the exit status.
pub fn list(
    store: &Store,
    forms: &FormSet,
    reference: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let family = match store.family_by_reference(reference) {
        Ok(Some(f)) => f,
        Ok(None) => {
            writeln!(
                err,
                "casenotes: no family has the reference {}",
                for_terminal(reference)
            )?;
            return Ok(1);
        }
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            return Ok(1);
        }
    };
    let records = match store.list_records(family.id) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            return Ok(1);
        }
    };
    for r in records {
        let title = forms
            .get(&r.form_id)
            .map_or(r.form_id.as_str(), |f| f.title.as_str());
        let status = match r.status {
            RecordStatus::Draft => "draft",
            RecordStatus::Finalised => "finalised",
        };
        writeln!(
            out,
            "{:>6}  {}  {:<10} {:<28} {}",
            r.id.0,
            r.event_date,
            status,
            for_terminal(title),
            for_terminal(&r.author)
        )?;
    }
    Ok(0)
}
