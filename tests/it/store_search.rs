//! Full-text search (schema step 8): the index follows every save in the
//! same transaction, a search reaches only what the user may read, the
//! audit log notes the count and never the words, and a file from before
//! the index gets it built when it is opened.

use crate::support::store::*;
use casenotes::record::{Slot, Value};
use casenotes::store::{SearchScope, Store};
use casenotes::user::Role;
use rusqlite::Connection;

#[test]
fn a_save_is_found_at_once_and_an_edit_replaces_the_old_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let (f, c) = family_with_child(&mut s, "EX-00001");
    let id = s
        .create_record(f, &form(), &draft(c, answers(c, "I like the trampoline")))
        .unwrap();
    let r = s.search("trampo", SearchScope::Family(f), 10).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].record, id);
    assert_eq!(r.hits[0].family_reference, "EX-00001");
    // Case and accents do not matter; every word must be there.
    assert_eq!(
        s.search("TRÂMPOLINE", SearchScope::Caseload, 10)
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        s.search("trampoline bicycle", SearchScope::Caseload, 10)
            .unwrap()
            .total,
        0
    );
    // Section and field ids are not text of the record.
    assert_eq!(
        s.search("voice views", SearchScope::Caseload, 10)
            .unwrap()
            .total,
        0
    );

    s.save_draft(id, 1, &draft(c, answers(c, "I like my bicycle")))
        .unwrap();
    assert_eq!(
        s.search("trampoline", SearchScope::Record(id), 10)
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        s.search("bicycle", SearchScope::Record(id), 10)
            .unwrap()
            .total,
        1
    );
    // Search syntax is only text.
    assert_eq!(
        s.search("\"bi* OR NEAR(", SearchScope::Caseload, 10)
            .unwrap()
            .total,
        0
    );
    assert!(s.search("  ** ", SearchScope::Caseload, 10).is_err());
}

#[test]
fn a_search_reaches_only_what_the_user_may_read_and_logs_no_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut alice = open(&path, "alice");
    let (f, c) = family_with_child(&mut alice, "EX-00002");
    alice
        .create_record(f, &form(), &draft(c, answers(c, "the secret garden")))
        .unwrap();
    let mut bob = open(&path, "bob");
    // Alice's draft is hers until it is finalised.
    assert_eq!(
        bob.search("garden", SearchScope::Family(f), 10)
            .unwrap()
            .total,
        0
    );
    assert!(bob.search("garden", SearchScope::Team, 10).is_err());
    assert_eq!(
        alice
            .search("garden", SearchScope::Caseload, 10)
            .unwrap()
            .total,
        1
    );

    let log = alice.search_audit().unwrap();
    assert_eq!(
        log,
        [
            ("bob".into(), "family".into(), 0),
            ("alice".into(), "caseload".into(), 1)
        ]
    );
    let conn = Connection::open(&path).unwrap();
    let words: i64 = conn
        .query_row(
            "SELECT count(*) FROM search_audit WHERE
             (SELECT group_concat(name) FROM pragma_table_info('search_audit')) LIKE '%word%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(words, 0, "the log has no column for the words");
    assert!(conn.execute("DELETE FROM search_audit", []).is_err());
}

#[test]
fn a_file_from_before_the_index_gets_it_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let mut s = open(&path, "alice");
        let (f, c) = family_with_child(&mut s, "EX-00003");
        let mut a = complete_answers(c, "we went to the aquarium");
        a.set(
            Slot::once("visit", "why_not_seen"),
            Value::Text(String::new()),
        );
        s.create_record(f, &form(), &draft(c, a)).unwrap();
    }
    let version: i64 = {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TRIGGER record_fts_insert; DROP TRIGGER record_fts_draft_saved;
             DROP TRIGGER record_fts_finalised; DROP TRIGGER record_fts_pending_delete;
             DROP TABLE record_fts_pending;
             DROP TRIGGER record_fts_delete; DROP TABLE record_fts;
             DROP TRIGGER search_audit_no_update; DROP TRIGGER search_audit_no_delete;
             DROP TABLE search_audit;
             DROP TABLE chain; DROP INDEX audit_who; DROP TABLE edit_session;
             DROP TABLE draft_place;",
        )
        .unwrap();
        c.execute_batch(crate::support::store::UNDO_DISCARD_STEP)
            .unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        // Before the search step (version 10), which the hash chain's
        // (11), discarded drafts (12), roles (13), each person's place in a
        // draft (14) and the due summary (15) follow.
        c.execute_batch("PRAGMA user_version = 9;").unwrap();
        v
    };
    let mut s = Store::open(&path, "alice").unwrap();
    assert_eq!(s.schema_version().unwrap(), version);
    assert!(s.schema_intact());
    assert_eq!(
        s.search("aquarium", SearchScope::Caseload, 10)
            .unwrap()
            .total,
        1
    );
}

#[test]
fn a_word_in_every_record_is_counted_no_further_than_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.sqlite3");
    let mut s = open(&path, "sam");
    s.fill_fictional(
        &form(),
        casenotes::store::FictionalSize {
            families: 60,
            children_per_family: 1,
            records_per_family: 20,
            answers: casenotes::store::FictionalAnswers::Every,
        },
    )
    .unwrap();
    s.add_user("sam", Role::Supervisor).unwrap();
    let r = s.search("fictional", SearchScope::Team, 50).unwrap();
    assert!(r.more);
    assert_eq!(r.total, casenotes::store::COUNT_CAP);
    assert_eq!(r.hits.len(), 50);
    assert!(
        r.hits
            .windows(2)
            .all(|w| w[0].event_date >= w[1].event_date),
        "newest event first"
    );
    // A word in one record only (each record has a word of its own).
    let one = s.search("note00042x07", SearchScope::Team, 50).unwrap();
    assert_eq!((one.total, one.more), (1, false));
}

/// Schema step 12 (issue 12): an autosave notes the draft as waiting
/// instead of writing the index (which cost as many bytes again as the text
/// on every save); the next search or the finalise indexes it, so a search
/// still finds the newest words and never the old ones.
#[test]
fn an_autosave_leaves_the_index_to_the_next_search_or_the_finalise() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let (f, c) = family_with_child(&mut s, "EX-00012");
    let id = s
        .create_record(f, &form(), &draft(c, answers(c, "we went to the aquarium")))
        .unwrap();
    let waiting = || {
        Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM record_fts_pending", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };
    assert_eq!(waiting(), 0, "a new record is indexed as it is written");
    let rev = s
        .save_draft(id, 1, &draft(c, answers(c, "we went to the planetarium")))
        .unwrap();
    let rev = s
        .save_draft(
            id,
            rev,
            &draft(c, answers(c, "we went to the planetarium again")),
        )
        .unwrap();
    assert_eq!(waiting(), 1, "two autosaves, one draft waiting");
    let found =
        |s: &mut Store, word: &str| s.search(word, SearchScope::Record(id), 10).unwrap().total;
    assert_eq!(found(&mut s, "aquarium"), 0);
    assert_eq!(found(&mut s, "planetarium"), 1);
    assert_eq!(waiting(), 0, "the search indexed it");

    let rev = s
        .save_draft(
            id,
            rev,
            &draft(c, complete_answers(c, "we went to the zoo")),
        )
        .unwrap();
    assert_eq!(waiting(), 1);
    let record = s.record(id).unwrap();
    s.finalise(id, rev, &record.to_draft(), &form(), day("2026-03-10"))
        .unwrap();
    assert_eq!(waiting(), 0, "finalising indexes the record");
    assert_eq!(found(&mut s, "planetarium"), 0);
    assert_eq!(found(&mut s, "zoo"), 1);
}
