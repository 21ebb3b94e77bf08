//! Where each person was in a draft when they left it (schema step 12,
//! `store/draft_place.rs`): kept per draft and person, replaced as they
//! move, none for a finalised record, and added to older files by the
//! migration.

use crate::support::store::*;
use casenotes::record::{DraftPlace, Slot};
use casenotes::store::{SCHEMA_VERSION, Store};
use rusqlite::Connection;

fn place(section: &str, field: &str, line: usize) -> DraftPlace {
    DraftPlace {
        slot: Slot::once(section, field),
        line,
    }
}

#[test]
fn a_place_is_kept_per_person_and_replaced_as_they_move() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let (f, c) = family_with_child(&mut s, "EX-00012");
    let r = s
        .create_record(f, &form(), &draft(c, answers(c, "Fine.")))
        .unwrap();
    assert_eq!(s.draft_place(r).unwrap(), None);
    s.set_draft_place(r, &place("visit", "visit_date", 0))
        .unwrap();
    let mut at_child = DraftPlace {
        slot: Slot::for_child("voice", c, "views"),
        line: 3,
    };
    s.set_draft_place(r, &at_child).unwrap();
    assert_eq!(s.draft_place(r).unwrap(), Some(at_child.clone()));
    drop(s);

    // Another person's place is their own.
    let mut bob = open(&path, "bob");
    assert_eq!(bob.draft_place(r).unwrap(), None);
    bob.set_draft_place(r, &place("visit", "child_seen", 0))
        .unwrap();
    drop(bob);
    let mut s = open(&path, "alice");
    assert_eq!(s.draft_place(r).unwrap(), Some(at_child.clone()));

    // Finalised, the record keeps no new place.
    let rec = s.record(r).unwrap();
    let mut fin = rec.to_draft();
    fin.answers = complete_answers(c, "Fine.");
    s.finalise(r, rec.revision, &fin, &form(), day("2026-03-10"))
        .unwrap();
    at_child.line = 9;
    s.set_draft_place(r, &at_child).unwrap();
    assert_eq!(s.draft_place(r).unwrap().map(|p| p.line), Some(3));
}

#[test]
fn a_version_11_file_gains_the_draft_place_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite3");
    let r = {
        let mut s = open(&path, "alice");
        let (f, c) = family_with_child(&mut s, "EX-00011");
        s.create_record(f, &form(), &draft(c, answers(c, "Fine.")))
            .unwrap()
    };
    {
        let c = Connection::open(&path).unwrap();
        // The step before the draft place (14) is discarded drafts and roles.
        c.execute_batch("DROP TABLE draft_place; PRAGMA user_version = 13;")
            .unwrap();
    }
    let mut s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(s.schema_report().unwrap().is_intact());
    s.set_draft_place(r, &place("visit", "visit_date", 2))
        .unwrap();
    assert_eq!(s.draft_place(r).unwrap().map(|p| p.line), Some(2));
}
