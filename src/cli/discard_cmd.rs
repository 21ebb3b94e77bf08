//! `casenotes discard RECORD`: throws away a draft after naming its form
//! and date and asking (or with `--yes`). Only its author or a supervisor
//! may; a finalised record never can. The audit log keeps that it existed.

use crate::record::RecordId;
use crate::safe_text::for_terminal;
use crate::service::CaseFile;
use std::io::{BufRead, IsTerminal, Write};

/// Discards draft `record`; asks first on a terminal unless `yes`.
/// Returns the exit status: 0 discarded, 1 refused or not confirmed.
pub fn run(
    case: &mut CaseFile,
    record: RecordId,
    yes: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let draft = match case.draft_to_discard(record) {
        Ok(d) => d,
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            return Ok(1);
        }
    };
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            writeln!(
                err,
                "casenotes: {} Nothing was discarded: add --yes to discard without being asked.",
                for_terminal(&draft.question())
            )?;
            return Ok(1);
        }
        write!(err, "{} [y/N] ", for_terminal(&draft.question()))?;
        err.flush()?;
        let mut answer = String::new();
        stdin.lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
            writeln!(err, "Nothing was discarded.")?;
            return Ok(1);
        }
    }
    match case.discard_draft(record) {
        Ok(d) => {
            writeln!(
                out,
                "Discarded the draft {} of {} (record {}).",
                for_terminal(&d.form_title),
                crate::dates::for_people(d.event_date),
                d.record
            )?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            Ok(1)
        }
    }
}
