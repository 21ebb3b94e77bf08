//! `casenotes check`: what a team manager runs to know a case file can be
//! trusted: its format, whether its tables and protections are as this
//! version of casenotes made them, whether every finalised record, addendum
//! and audit row still matches its link in the hash chain, and SQLite's
//! full integrity check.

use crate::safe_text::for_terminal;
use crate::service::CaseFile;
use crate::service::{Hash, SCHEMA_VERSION, StoreError, hex};
use std::io::{self, Write};

/// Prints the checks; returns the exit status (0 when all pass, 1 if not).
/// With `head`, also whether the chain still passes through that hash,
/// noted down from an earlier check.
pub fn run(case: &CaseFile, head: Option<&Hash>, out: &mut impl Write) -> io::Result<i32> {
    let mut ok = true;
    writeln!(
        out,
        "Case file: {}",
        for_terminal(&case.path().display().to_string())
    )?;
    match case.schema_version() {
        Ok(v) => writeln!(
            out,
            "Format:    version {v} (this casenotes writes version {SCHEMA_VERSION})"
        )?,
        Err(e) => {
            ok = false;
            writeln!(out, "Format:    could not be read: {e}")?;
        }
    }
    match case.schema_report() {
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
    ok &= chain(case, out)?;
    if let Some(h) = head {
        ok &= noted_head(case, h, out)?;
    }
    match case.check_integrity() {
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

/// The hash chain (issue 16, docs/safety.md): names the first item that
/// no longer matches, by kind and number, and prints the head hash to be
/// noted down elsewhere. Whether it passed.
fn chain(case: &CaseFile, out: &mut impl Write) -> io::Result<bool> {
    match case.check_chain() {
        Ok(r) => {
            match r.first {
                None => writeln!(
                    out,
                    "Chain:     ok; all {} links match their finalised records, addenda and audit rows",
                    r.links
                )?,
                Some(first) => {
                    writeln!(out, "Chain:     BROKEN; {first}")?;
                    if r.broken > 1 {
                        writeln!(
                            out,
                            "           {} items in all do not match; `casenotes check` names the first",
                            r.broken
                        )?;
                    }
                    writeln!(
                        out,
                        "           Compare with a backup, and keep this file as it is for whoever investigates."
                    )?;
                }
            }
            if let Some(head) = r.head {
                writeln!(
                    out,
                    "Head:      {} (link {}; note it down away from this file to detect a rewrite of the whole chain)",
                    hex(&head),
                    r.links
                )?;
            }
            Ok(r.is_intact())
        }
        Err(e) => {
            writeln!(out, "Chain:     could not be checked: {e}")?;
            Ok(false)
        }
    }
}

/// Whether a head noted down earlier is still a link of the chain.
fn noted_head(case: &CaseFile, head: &Hash, out: &mut impl Write) -> io::Result<bool> {
    match case.chain_link_with(head) {
        Ok(Some(n)) => {
            writeln!(
                out,
                "Noted:     ok; the chain still passes through the head you noted (link {n})"
            )?;
            Ok(true)
        }
        Ok(None) => {
            writeln!(
                out,
                "Noted:     NOT FOUND; the chain no longer passes through the head you noted, so it was rewritten"
            )?;
            Ok(false)
        }
        Err(e) => {
            writeln!(out, "Noted:     could not be checked: {e}")?;
            Ok(false)
        }
    }
}
