//! `casenotes audit FAMILY`: the evidence a case-file audit starts from
//! (issue 16), standard by standard, with the proposed answer for each the
//! file can answer; `--json` for scripts (dates as YYYY-MM-DD). The
//! sentences quote names and words from the records, so plain text goes
//! through `safe_text`.

use crate::safe_text::{for_terminal, to_json_pretty};
use crate::service::CaseFile;
use crate::service::audit_evidence::EvidenceRules;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Report<'a> {
    family: &'a str,
    #[serde(flatten)]
    evidence: &'a crate::audit_evidence::Evidence,
}

/// Runs `audit REF`; returns the exit status.
pub fn run(
    case: &mut CaseFile,
    reference: &str,
    rules: &EvidenceRules<'_>,
    today: NaiveDate,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let evidence = match case.audit_evidence_of(reference, rules, today) {
        Ok(e) => e,
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            return Ok(1);
        }
    };
    if json {
        let report = Report {
            family: reference,
            evidence: &evidence,
        };
        let text = to_json_pretty(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    writeln!(out, "Case-file audit of {}", for_terminal(reference))?;
    // A line at a time: the sentences' line breaks are the program's own.
    for line in crate::audit_evidence::plain_text(&evidence).lines() {
        writeln!(out, "{}", for_terminal(line))?;
    }
    Ok(0)
}
