//! The hash chain (issue 16, docs/safety.md "Tampering shows"): someone
//! with the sqlite3 shell drops the trigger that protects a finalised
//! record or the audit log and changes a row; `casenotes check` names that
//! record or audit row by number, never its text, and the family it
//! belongs to reports the break too. A file made before the chain existed
//! gets one when it is opened.

use crate::support::store::*;
use casenotes::store::{ChainFault, ChainKind, FamilyId, RecordId, Store};
use std::path::Path;
use std::process::Command;

/// The sqlite3 shell, as someone with write access would use it
/// (`.ci/run` installs it).
fn shell(db: &Path, sql: &str) {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell runs (apt-get install sqlite3)");
    assert!(out.status.success(), "{out:?}");
}

/// A family with two finalised records (the second one is the target), an
/// addendum, and the audit rows all that wrote.
fn file_with_records(db: &Path) -> (FamilyId, RecordId) {
    let mut s = open(db, "alice");
    let (f, c) = family_with_child(&mut s, "EX-00001");
    let mut last = None;
    for words in ["First visit words", "Words the child said"] {
        let d = draft(c, complete_answers(c, words));
        let r = s.create_record(f, &form(), &d).unwrap();
        s.finalise(r, 1, &d, &form(), day("2026-03-10")).unwrap();
        last = Some(r);
    }
    let r = last.unwrap();
    s.add_addendum(r, "A later correction").unwrap();
    s.note_opened(f, Some(r)).unwrap();
    (f, r)
}

#[test]
fn an_edited_finalised_record_is_named_by_check_and_its_family() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    let (f, r) = file_with_records(&db);
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Chain:     ok"), "{out}");
    assert!(out.contains("Head:      "), "{out}");
    assert!(
        Store::open(&db, "alice")
            .unwrap()
            .family_chain_break(f)
            .unwrap()
            .is_none()
    );

    shell(
        &db,
        &format!(
            "DROP TRIGGER record_finalised_no_update;
             -- The search index's trigger too: a shell older than the
             -- SQLite built into casenotes cannot write to its table.
             DROP TRIGGER record_fts_finalised;
             UPDATE record SET answers = replace(answers, 'Words the child said', 'Other words')
             WHERE id = {};",
            r.0
        ),
    );
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("Chain:     BROKEN; record {} was changed", r.0)),
        "{out}"
    );
    assert!(!out.contains("Other words"), "never the text: {out}");
    let s = Store::open(&db, "alice").unwrap();
    let b = s
        .family_chain_break(f)
        .unwrap()
        .expect("the family shows it");
    assert_eq!(
        (b.kind, b.id, b.fault),
        (ChainKind::Record, r.0, ChainFault::Changed)
    );
}

#[test]
fn an_edited_audit_row_is_named_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    let (f, _) = file_with_records(&db);
    let id: i64 = {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(
            "SELECT min(id) FROM audit WHERE action = 'finalised'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    shell(
        &db,
        &format!(
            "DROP TRIGGER audit_no_update;
             UPDATE audit SET who = 'someone.else' WHERE id = {id};"
        ),
    );
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("Chain:     BROKEN; audit row {id} was changed")),
        "{out}"
    );
    let s = Store::open(&db, "alice").unwrap();
    let b = s
        .family_chain_break(f)
        .unwrap()
        .expect("the family shows it");
    assert_eq!((b.kind, b.id), (ChainKind::Audit, id));
}

#[test]
fn a_record_finalised_behind_the_programs_back_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    let f = {
        let mut s = open(&db, "alice");
        let (f, c) = family_with_child(&mut s, "EX-00001");
        s.create_record(f, &form(), &draft(c, answers(c, "Draft words")))
            .unwrap();
        f
    };
    shell(
        &db,
        "UPDATE record SET status = 'finalised', finalised_at = '2026-03-10T09:30:00.000Z',
         finalised_by = 'alice';",
    );
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("record 1 was added or finalised by another program"),
        "{out}"
    );
    let s = Store::open(&db, "alice").unwrap();
    let b = s
        .family_chain_break(f)
        .unwrap()
        .expect("the family shows it");
    assert_eq!(b.fault, ChainFault::Unlinked);
}

#[test]
fn a_file_from_before_the_chain_gets_one_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    file_with_records(&db);
    // What the step before the chain left: no chain table, a lower version.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        // Before the hash chain (step 11) and what follows it (step 12,
        // where each person was in a draft).
        c.execute_batch(&format!(
            "DROP TABLE chain; DROP INDEX audit_who; DROP TABLE edit_session; DROP TABLE draft_place; {} PRAGMA user_version = {};",
            crate::support::store::UNDO_DISCARD_STEP,
            v.min(11) - 1
        ))
        .unwrap();
    }
    let s = Store::open(&db, "alice").unwrap();
    let r = s.check_chain().unwrap();
    assert!(r.is_intact(), "{r:?}");
    // Two records, one addendum, and every audit row.
    let audit_rows = s.audit_entries(&Default::default()).unwrap().len() as u64;
    assert_eq!(r.links, 3 + audit_rows);
    drop(s);
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 0, "{out}");
}

/// Someone edits a record, puts the trigger back exactly, and has the
/// whole chain rebuilt from the edited content: the file alone now checks
/// clean, but the head noted down before no longer matches.
#[test]
fn a_rewritten_chain_is_caught_only_by_a_head_noted_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    let (_, r) = file_with_records(&db);
    let (_, out) = run_check(&db, &[]);
    let head = out
        .lines()
        .find_map(|l| l.strip_prefix("Head:      "))
        .and_then(|l| l.split_whitespace().next())
        .expect("check prints the head")
        .to_owned();
    let (code, out) = run_check(&db, &["--head", &head]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Noted:     ok"), "{out}");

    {
        let c = rusqlite::Connection::open(&db).unwrap();
        let trigger: String = c
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'record_finalised_no_update'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // Version 10: before the chain's step (11) and the later ones.
        c.execute_batch(&format!(
            "DROP TRIGGER record_finalised_no_update;
             UPDATE record SET author = 'someone.else' WHERE id = {};
             {trigger};
             DROP TABLE chain; DROP INDEX audit_who; DROP TABLE edit_session; DROP TABLE draft_place; {} PRAGMA user_version = {};",
            r.0,
            crate::support::store::UNDO_DISCARD_STEP,
            10
        ))
        .unwrap();
    }
    drop(Store::open(&db, "alice").unwrap()); // rebuilds the chain
    let (code, out) = run_check(&db, &[]);
    assert_eq!(code, 0, "the file alone cannot tell: {out}");
    let (code, out) = run_check(&db, &["--head", &head]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Noted:     NOT FOUND"), "{out}");
    let (code, _) = run_check(&db, &["--head", "not a hash"]);
    assert_eq!(code, 2);
}
