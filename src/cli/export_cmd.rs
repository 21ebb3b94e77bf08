//! `casenotes export RECORD` and `casenotes export --family REF`: one
//! record as the review screen shows it, with its addenda, or a family's
//! whole file, as Markdown, plain text or HTML, for everyone or (`--child`)
//! for one child; the export is written to the audit log. `records` lists a family's records one a line. Titles,
//! authors and the reference typed come from files and people, so they are
//! printed through `safe_text::for_terminal`; the export itself is already
//! made safe line by line in `crate::export`. Finding the record and
//! noting the export is `service::export`'s work; this file prints.

use crate::record::RecordId;
use crate::safe_text::for_terminal;
use crate::service::CaseFile;
use crate::service::RecordStatus;
use crate::service::export;
use std::io::Write;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
    /// One self-contained HTML page (styles inside, no scripts).
    Html,
}

impl From<Format> for export::Format {
    fn from(f: Format) -> export::Format {
        match f {
            Format::Md => export::Format::Markdown,
            Format::Txt => export::Format::Text,
            Format::Html => export::Format::Html,
        }
    }
}

/// What to export: one record or a family's file, for all or one child.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// One record.
    Record(RecordId),
    /// A family's whole file, by its case reference.
    Family(String),
}

/// The record rendered, and logged as exported (`service::export`).
pub fn render(case: &mut CaseFile, id: RecordId, format: Format) -> Result<String, String> {
    case.export_record(id, format.into())
}

/// The export asked for, rendered and logged (`service::export`).
pub fn render_what(
    case: &mut CaseFile,
    what: &What,
    child: Option<&str>,
    format: Format,
) -> Result<String, String> {
    match (what, child) {
        (What::Record(id), None) => render(case, *id, format),
        (What::Record(id), Some(c)) => case.export_record_for_child(*id, c, format.into()),
        (What::Family(reference), c) => case.export_family(reference, c, format.into()),
    }
}

/// Runs `export`; returns the exit status.
pub fn run(
    case: &mut CaseFile,
    what: &What,
    child: Option<&str>,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match render_what(case, what, child, format) {
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
    case: &CaseFile,
    reference: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let records = match case.records_of(reference) {
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
            crate::dates::short(r.event_date),
            status,
            for_terminal(&line.form_title),
            for_terminal(r.author.as_str())
        )?;
    }
    Ok(0)
}
