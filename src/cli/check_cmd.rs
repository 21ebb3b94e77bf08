//! `casenotes check`: what a team manager runs to know a case file can be
//! trusted: its format, whether its tables and protections are as this
//! version of casenotes made them, and SQLite's full integrity check.

use crate::safe_text::for_terminal;
use crate::store::{SCHEMA_VERSION, Store, StoreError};
use std::io::{self, Write};

/// Prints the checks; returns the exit status (0 when all pass, 1 if not).
pub fn run(store: &Store, out: &mut impl Write) -> io::Result<i32> {
    let mut ok = true;
    writeln!(
        out,
        "Case file: {}",
        for_terminal(&store.path().display().to_string())
    )?;
    match store.schema_version() {
        Ok(v) => writeln!(
            out,
            "Format:    version {v} (this casenotes writes version {SCHEMA_VERSION})"
        )?,
        Err(e) => {
            ok = false;
            writeln!(out, "Format:    could not be read: {e}")?;
        }
    }
    match store.schema_report() {
        Ok(r) if r.is_intact() => writeln!(
            out,
            "Structure: as casenotes made it; the protections of finalised records and the audit log are in place"
        )?,
        Ok(r) => {
            ok = false;
            writeln!(
                out,
                "Structure: CHANGED by another program; casenotes refuses to write to this file"
            )?;
            for (what, names) in [
                ("missing", &r.missing),
                ("altered", &r.altered),
                ("not made by casenotes", &r.added),
            ] {
                if !names.is_empty() {
                    let names: Vec<_> = names.iter().map(|n| for_terminal(n)).collect();
                    writeln!(out, "           {what}: {}", names.join(", "))?;
                }
            }
            writeln!(
                out,
                "           Restore the file from a backup, or ask for help before anyone writes to it."
            )?;
        }
        Err(e) => {
            ok = false;
            writeln!(out, "Structure: could not be read: {e}")?;
        }
    }
    match store.check_integrity() {
        Ok(()) => writeln!(out, "Integrity: ok (SQLite's full integrity check)")?,
        Err(StoreError::Corrupt) => {
            ok = false;
            writeln!(
                out,
                "Integrity: DAMAGED; restore the file from a backup (SQLite's integrity check found problems)"
            )?;
        }
        Err(e) => {
            ok = false;
            writeln!(out, "Integrity: could not be checked: {e}")?;
        }
    }
    Ok(if ok { 0 } else { 1 })
}
