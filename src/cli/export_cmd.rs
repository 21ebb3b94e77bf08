//! `casenotes export RECORD`: one record as Markdown or plain text, exactly
//! as the review screen shows it, with its addenda; the export is written
//! to the audit log. `records` lists a family's records one a line. Titles,
//! authors and the reference typed come from files and people, so they are
//! printed through `safe_text::for_terminal`; the export itself is already
//! made safe line by line in `crate::export`. Finding the record and
//! noting the export is `service::export`'s work; this file prints.

use crate::form::FormSet;
use crate::safe_text::for_terminal;
use crate::service::export;
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

/// The record rendered, and logged as exported (`service::export`).
pub fn render(
    store: &mut Store,
    forms: &FormSet,
    id: RecordId,
    format: Format,
) -> Result<String, String> {
    let format = match format {
        Format::Md => export::Format::Markdown,
        Format::Txt => export::Format::Text,
    };
    export::export_record(store, forms, id, format)
}

/// Runs `export`; returns the exit status.
pub fn run(
    store: &mut Store,
    forms: &FormSet,
    id: RecordId,
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
    let records = match export::records_of(store, forms, reference) {
        Ok(r) => r,
        Err(m) => {
            writeln!(err, "casenotes: {}", for_terminal(&m))?;
            return Ok(1);
        }
    };
    for line in records {
        let r = &line.record;
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
            for_terminal(&line.form_title),
            for_terminal(&r.author)
        )?;
    }
    Ok(0)
}
