//! `casenotes discard RECORD` (issue 17): with standard input not a
//! terminal it names the draft and refuses without `--yes`; with `--yes`
//! the draft is discarded and the audit log keeps that it existed; a
//! finalised record is refused, exit status 1, nothing changed.

use crate::support::store::{answers, complete_answers, day, draft, family_with_child, form, open};
use casenotes::store::{AuditFilter, RecordId};
use std::path::Path;

fn discard(db: &Path, args: &[&str]) -> (i32, String, String) {
    let dir = db.parent().expect("a folder");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .arg("--db")
        .arg(db)
        .arg("discard")
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("CASENOTES_CONFIG", dir.join("none.toml"))
        .env("CASENOTES_SYSTEM_CONFIG", dir.join("none-system.toml"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A file holding a draft and a finalised record of the person running
/// the tests (the binary's user).
fn file(dir: &Path) -> (std::path::PathBuf, RecordId, RecordId) {
    let path = dir.join("cases.sqlite3");
    let me = casenotes::identity::login_name().expect("a login name");
    let mut s = open(&path, &me);
    let (family, child) = family_with_child(&mut s, "FX-1");
    let d = draft(child, answers(child, "Pelican words"));
    let kept = s.create_record(family, &form(), &d).unwrap();
    let done = draft(child, complete_answers(child, "All well"));
    let fin = s.create_record(family, &form(), &done).unwrap();
    s.finalise(fin, 1, &done, &form(), day("2026-03-10"))
        .unwrap();
    (path, kept, fin)
}

#[test]
fn discard_asks_for_yes_off_a_terminal_then_discards_and_logs() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id, _) = file(dir.path());
    let n = id.0.to_string();
    let (code, _, err) = discard(&path, &[&n]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("--yes") && err.contains("Mon 09/03/2026"),
        "{err}"
    );
    assert!(!err.contains("Pelican"), "{err}");
    assert!(!open(&path, "reader").is_discarded(id).unwrap());
    let (code, out, err) = discard(&path, &[&n, "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Discarded the draft"), "{out}");
    let s = open(&path, "reader");
    assert!(s.is_discarded(id).unwrap());
    let log = s
        .audit_entries(&AuditFilter {
            record: Some(id),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(log[0].fields, ["discarded"]);
}

#[test]
fn discard_refuses_a_finalised_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, fin) = file(dir.path());
    let (code, _, err) = discard(&path, &[&fin.0.to_string(), "--yes"]);
    assert_eq!(code, 1);
    assert!(err.contains("finalised"), "{err}");
}
