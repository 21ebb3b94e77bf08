//! `casenotes actions FAMILY`: the family's action register, open actions
//! first with the overdue ones marked, each with its history; `--json` for
//! scripts. What, who and reasons were typed by people, so every one is
//! printed through `safe_text`.

use crate::safe_text::{for_terminal, to_json_pretty};
use crate::service::ActionStatus;
use crate::service::CaseFile;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Report<'a> {
    at: NaiveDate,
    family: &'a str,
    actions: &'a [crate::service::Action],
}

/// Runs `actions REF`; returns the exit status.
pub fn run(
    case: &CaseFile,
    reference: &str,
    today: NaiveDate,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (family, actions) = match case.register_of(reference) {
        Ok(r) => r,
        Err(m) => {
            writeln!(err, "casenotes: {}", for_terminal(&m))?;
            return Ok(1);
        }
    };
    if json {
        let report = Report {
            at: today,
            family: &family.details.reference,
            actions: &actions,
        };
        let text = to_json_pretty(&report).map_err(|e| std::io::Error::other(e.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    let open = actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .count();
    let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
    writeln!(
        out,
        "{} {}: {} action(s), {open} open, {overdue} overdue as of {today}.",
        for_terminal(&family.details.reference),
        for_terminal(&family.details.name),
        actions.len()
    )?;
    for a in &actions {
        let mark = if a.is_overdue(today) { "!!" } else { "  " };
        writeln!(
            out,
            "{mark} #{:<5} {:<8} by {}  {}  [{}]  (set {} in record {})",
            a.id,
            a.status.as_str(),
            crate::dates::short(a.due_on),
            for_terminal(&a.what),
            for_terminal(if a.who.is_empty() {
                "no one named"
            } else {
                &a.who
            }),
            crate::dates::short(a.raised_on),
            a.record
        )?;
        for e in a.history.iter().skip(1) {
            let detail = match (&e.due_on, &e.reason) {
                (_, Some(r)) => format!(": {}", for_terminal(r)),
                (Some(d), None) => format!(", now by {}", crate::dates::short(*d)),
                _ => String::new(),
            };
            writeln!(
                out,
                "           {} {}{detail}  (record {}, {})",
                e.on,
                e.outcome.label(),
                e.record,
                for_terminal(&e.by)
            )?;
        }
    }
    Ok(0)
}
