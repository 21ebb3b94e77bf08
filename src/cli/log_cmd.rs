//! `casenotes log`: the audit log for people or scripts (issue 16). A
//! practitioner sees their own entries, a supervisor everyone's; filters
//! by person, family and day. Login names and references come from the
//! case file, so each is printed through `safe_text`.

use crate::safe_text::{for_terminal, to_json_pretty};
use crate::service::CaseFile;
use crate::service::audit_log::{LogEntry, LogQuery, LogView};
use crate::user::{UserDirectory, UserLogin};
use chrono::Local;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Report<'a> {
    user: &'a UserLogin,
    view: LogView,
    entries: &'a [LogEntry],
}

/// Runs `log`; returns the exit status.
pub fn run(
    case: &CaseFile,
    q: &LogQuery,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (view, list) = match case.log_entries(q) {
        Ok(x) => x,
        Err(e) => {
            writeln!(err, "casenotes: {}", for_terminal(&e.to_string()))?;
            return Ok(1);
        }
    };
    if json {
        let report = Report {
            user: case.user(),
            view,
            entries: &list,
        };
        let text = to_json_pretty(&report).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    if list.is_empty() {
        writeln!(out, "No entries in the audit log match.")?;
        return Ok(0);
    }
    // People by display name (the JSON above keeps the logins).
    let who = case.user_directory().unwrap_or_default();
    for e in &list {
        writeln!(out, "{}", line(e, &who))?;
    }
    Ok(0)
}

/// "Tue 10/03/2026 09:30  alice  finalised  record 2  EX-00001", local time.
fn line(e: &LogEntry, who: &UserDirectory) -> String {
    let what = match e.entity_id {
        Some(id) => format!("{} {id}", e.entity),
        None => e.entity.to_owned(),
    };
    let mut s = format!(
        "{}  {:<12}  {:<9}  {:<14}",
        crate::dates::moment(e.at),
        for_terminal(&who.label(e.who.as_str())),
        e.action.replace('_', " "),
        what
    );
    if let Some(r) = &e.family {
        s.push_str("  ");
        s.push_str(&for_terminal(r));
    }
    if let (Some(r), false) = (e.record, e.entity == "record") {
        s.push_str(&format!("  record {r}"));
    }
    if let (Some(n), Some(last)) = (e.saves, e.last_saved) {
        let s_ = if n == 1 { "" } else { "s" };
        s.push_str(&format!(
            "  ({n} save{s_}, last {})",
            last.with_timezone(&Local).format("%H:%M")
        ));
    }
    if !e.fields.is_empty() {
        s.push_str(&format!("  ({})", e.fields.join(", ")));
    }
    s.trim_end().to_owned()
}
