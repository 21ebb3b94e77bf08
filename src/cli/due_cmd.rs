//! `casenotes due`: what is overdue, due today and due this week, as text
//! for people or JSON for scripts, for one practitioner or (supervisors
//! only) the whole team, as of today or any `--at` date. Names, references
//! and form titles come from the case file and the forms folder, so every
//! one is printed through `safe_text`: visible marks in the text, `\uXXXX`
//! escapes in the JSON.

use crate::safe_text::{escape_json_controls, for_terminal};
use crate::service::CaseFile;
use crate::timescale::{Calendar, DueList, Duties, Urgency};
use crate::user::UserLogin;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// What `due` was asked for.
#[derive(Clone, Debug)]
pub struct DueOptions {
    /// The day to count from.
    pub at: NaiveDate,
    /// Print JSON instead of text.
    pub json: bool,
    /// The whole team's items, not just the user's own.
    pub team: bool,
    /// Include items due later than this week.
    pub all: bool,
}

/// The report's head; the items follow it one a line (see `write_json`).
#[derive(Serialize)]
struct Head<'a> {
    at: NaiveDate,
    view: &'a str,
    user: &'a UserLogin,
}

/// Runs `due`; returns the exit status.
pub fn run(
    case: &CaseFile,
    duties: &Duties,
    cal: &Calendar,
    opts: &DueOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let items = match case.due_list_for(duties, cal, opts.at, opts.team, opts.all) {
        Ok(i) => i,
        Err(m) => {
            writeln!(err, "casenotes: {}", for_terminal(&m))?;
            return Ok(1);
        }
    };
    if !cal.covers(opts.at) {
        writeln!(
            err,
            "casenotes: warning: the bank holiday table ends {}; dates after it count weekends only",
            cal.covered_until()
        )?;
    }
    if opts.json {
        let head = Head {
            at: opts.at,
            view: if opts.team { "team" } else { "own" },
            user: case.user(),
        };
        write_json(&head, &items, out)?;
        return Ok(0);
    }
    if items.is_empty() {
        writeln!(
            out,
            "Nothing due as of {}.",
            crate::dates::for_people(opts.at)
        )?;
        return Ok(0);
    }
    let (o, t, w) = items.counts();
    writeln!(
        out,
        "As of {}: {o} overdue, {t} due today, {w} due this week.",
        crate::dates::for_people(opts.at)
    )?;
    // Owners by display name (the JSON above keeps the logins).
    let who = case.user_directory().unwrap_or_default();
    for i in items.iter() {
        let late = match i.urgency {
            Urgency::Overdue => format!(" ({} working days late)", i.working_days_overdue),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:<13} {}  {:<10} {:<24} {}{late}  [{}]",
            i.urgency.label(),
            crate::dates::short(i.due),
            for_terminal(i.family_reference),
            for_terminal(i.family_name),
            for_terminal(&i.what.to_string()),
            for_terminal(&i.owner.map_or("unallocated".to_owned(), |o| who.label(o))),
        )?;
    }
    Ok(0)
}

/// The due list as one JSON object, `{"at":…,"view":…,"user":…,"items":[…]}`,
/// written an item a line as it goes: a team's list on a large file is
/// hundreds of thousands of items (docs/performance.md, issue 12). The
/// items are written by hand (`due_json`), with the same bytes as
/// serde_json's compact form escaped for the terminal
/// (`escape_json_controls`), which the head still uses.
fn write_json(head: &Head<'_>, items: &DueList, out: &mut dyn Write) -> std::io::Result<()> {
    /// Bytes gathered before each write, so a pipe gets few large writes.
    const CHUNK: usize = 256 * 1024;
    let head = serde_json::to_string(head).map_err(|e| std::io::Error::other(e.to_string()))?;
    // The head's closing brace gives way to the items.
    let open = head.strip_suffix('}').unwrap_or(&head);
    let mut buf = Vec::with_capacity(CHUNK + 4096);
    buf.extend_from_slice(escape_json_controls(open).as_bytes());
    buf.extend_from_slice(b",\"items\":[");
    for (n, item) in items.iter().enumerate() {
        buf.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        super::due_json::push_item(&mut buf, &item);
        if buf.len() >= CHUNK {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.extend_from_slice(b"\n]}\n");
    out.write_all(&buf)?;
    out.flush()
}
