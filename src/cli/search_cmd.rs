//! `casenotes search WORDS`: the records holding every word, in the user's
//! caseload (a supervisor: the team) or one family (`--family REF`),
//! newest first, each with the matching words in context; `--json` for
//! scripts. The search is noted in the audit log with its count, never
//! its words (`Store::search`).

use crate::safe_text::{for_terminal, to_json_pretty};
use crate::service::CaseFile;
use crate::service::SearchScope;
use crate::service::search::summary;
use std::io::Write;

/// Runs `search`; returns the exit status.
pub fn run(
    case: &mut CaseFile,
    words: &[String],
    family: Option<&str>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let fail = |err: &mut dyn Write, m: &str| -> std::io::Result<i32> {
        writeln!(err, "casenotes: {}", for_terminal(m))?;
        Ok(1)
    };
    let scope = match family {
        Some(reference) => match case.family_by_reference(reference) {
            Ok(Some(f)) => SearchScope::Family(f.id),
            Ok(None) => return fail(err, &format!("no family has the reference {reference}")),
            Err(e) => return fail(err, &e.to_string()),
        },
        None => match case.is_supervisor() {
            Ok(true) => SearchScope::Team,
            Ok(false) => SearchScope::Caseload,
            Err(e) => return fail(err, &e.to_string()),
        },
    };
    let outcome = match case.search_records(&words.join(" "), scope) {
        Ok(o) => o,
        Err(m) => return fail(err, &m),
    };
    if json {
        let text = to_json_pretty(&outcome).map_err(|e| std::io::Error::other(e.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    if outcome.total == 0 {
        writeln!(out, "No records found.")?;
        return Ok(0);
    }
    writeln!(out, "{}", summary(&outcome))?;
    for f in &outcome.found {
        writeln!(
            out,
            "{:>6}  {}  {:<10} {:<24} {}{}",
            f.record,
            crate::dates::short(f.event_date),
            for_terminal(&f.family_reference),
            for_terminal(&f.family_name),
            for_terminal(&f.form),
            if f.draft { " (draft)" } else { "" },
        )?;
        if !f.context.is_empty() {
            let field = f
                .field
                .as_deref()
                .map(|l| format!("{}: ", for_terminal(l)))
                .unwrap_or_default();
            writeln!(out, "        {field}{}", for_terminal(&f.context))?;
        }
    }
    Ok(0)
}
