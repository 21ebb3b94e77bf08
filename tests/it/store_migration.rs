//! A file written by an older casenotes is brought up to the current schema
//! when it is opened, keeping everything in it: here a version 1 file
//! (before the due list's covering index) with a family and a record.

use crate::support::store::*;
use casenotes::store::{FamilyFilter, PersonDetails, SCHEMA_VERSION, Store};
use rusqlite::Connection;

fn index_exists(path: &std::path::Path, name: &str) -> bool {
    let c = Connection::open(path).unwrap();
    c.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

#[test]
fn a_version_1_file_gains_the_due_index_and_keeps_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let mut s = open(&path, "alice");
        let (f, c) = family_with_child(&mut s, "EX-00001");
        s.create_record(f, &form(), &draft(c, answers(c, "I like school")))
            .unwrap();
    }
    // What version 1 left: the same tables without what the later steps
    // add (the due index, the demo mark, addendum drafts, the audit's
    // field names, who has a draft open, the people on a family, the hash chain).
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP INDEX record_due;
             DROP TRIGGER demo_mark_only_empty; DROP TABLE demo_mark;
             DROP TABLE addendum_draft;
             ALTER TABLE audit DROP COLUMN fields;
             DROP TABLE presence; DROP TABLE draft_fork;
             DROP INDEX person_family; DROP TABLE person;
             DROP TRIGGER chain_no_update; DROP TRIGGER chain_no_delete; DROP TABLE chain;
             DROP INDEX audit_who; DROP TABLE edit_session;
             DROP TABLE draft_place;
             PRAGMA user_version = 1;",
        )
        .unwrap();
        c.execute_batch(UNDO_DISCARD_STEP).unwrap();
    }
    assert!(!index_exists(&path, "record_due"));

    let s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(index_exists(&path, "record_due"));
    let families = s.list_families(&FamilyFilter::default()).unwrap();
    assert_eq!(families.len(), 1);
    assert_eq!(families[0].drafts, 1);
    let facts = s.due_facts().unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].records.len(), 1);
    assert_eq!(facts[0].records[0].form_id, "test_visit");
    assert!(s.schema_report().unwrap().is_intact());
}

/// A file of schema version 5 (before who has a draft open and the people
/// on a family) gains both when opened, and can hold people at once.
#[test]
fn a_version_5_file_gains_the_people_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite3");
    let family = {
        let mut s = open(&path, "alice");
        family_with_child(&mut s, "EX-00005").0
    };
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP INDEX person_family; DROP TABLE person;
             DROP TABLE presence; DROP TABLE draft_fork;
             DROP TABLE chain; DROP INDEX audit_who; DROP TABLE edit_session;
             DROP TABLE draft_place;
             PRAGMA user_version = 5;",
        )
        .unwrap();
        c.execute_batch(UNDO_DISCARD_STEP).unwrap();
    }
    let mut s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(s.schema_report().unwrap().is_intact());
    assert!(s.people(family).unwrap().is_empty());
    s.add_person(
        family,
        &PersonDetails::family_member("Mum (fictional)", "Mother"),
    )
    .unwrap();
    assert_eq!(s.people(family).unwrap().len(), 1);
}

/// A file of schema version 11 (before discarded drafts) gains the step
/// when opened, and one of its drafts can then be discarded.
#[test]
fn a_version_11_file_gains_discarded_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite3");
    let id = {
        let mut s = open(&path, "alice");
        let (f, c) = family_with_child(&mut s, "EX-00011");
        s.create_record(f, &form(), &draft(c, answers(c, "Words")))
            .unwrap()
    };
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(UNDO_DISCARD_STEP).unwrap();
        // Roles (13) run again harmlessly; the draft place (14) is undone.
        c.execute_batch("DROP TABLE draft_place; PRAGMA user_version = 11;")
            .unwrap();
    }
    let mut s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(s.schema_report().unwrap().is_intact());
    assert!(!s.is_discarded(id).unwrap());
    s.discard_draft(id).unwrap();
    assert!(s.is_discarded(id).unwrap());
    // The triggers hold: a discarded draft is never changed again, and
    // the mark is never taken away.
    let c = Connection::open(&path).unwrap();
    let e = c
        .execute("UPDATE record SET answers = '[]' WHERE id = ?1", [id.0])
        .unwrap_err();
    assert!(e.to_string().contains("discarded"), "{e}");
    assert!(c.execute("DELETE FROM discarded_draft", []).is_err());
}
