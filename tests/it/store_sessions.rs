//! One audit row per editing session of a draft, not per autosave (issue
//! 16): saves by the same person within `SESSION_GAP` of the last, with
//! nobody else saving in between, add to the session's count; a save by
//! someone else or after a pause begins a session (and an audit row) of
//! its own, so who saved what is never lost.

use crate::support::store::*;
use casenotes::store::{AuditAction, AuditFilter, RecordId, Store};
use chrono::{DateTime, TimeDelta, Utc};
use std::sync::{Arc, Mutex};

/// A store whose clock the test moves.
fn at_time(path: &std::path::Path, user: &str, now: &Arc<Mutex<DateTime<Utc>>>) -> Store {
    let mut s = Store::open(path, user).unwrap();
    let now = Arc::clone(now);
    s.set_clock(move || *now.lock().unwrap());
    s
}

fn saves(s: &Store, r: RecordId) -> Vec<(String, u32)> {
    let mut v: Vec<_> = s
        .audit_entries(&AuditFilter {
            record: Some(r),
            ..AuditFilter::default()
        })
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::Saved)
        .map(|e| {
            (
                e.who.to_string(),
                e.session.expect("a draft save has a session").1,
            )
        })
        .collect();
    v.reverse();
    v
}

#[test]
fn autosaves_make_one_row_per_session_and_keep_who_saved_what() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    let now = Arc::new(Mutex::new(at(9, 0)));
    let mut alice = at_time(&db, "alice", &now);
    let mut bob = at_time(&db, "bob", &now);
    let (f, c) = family_with_child(&mut alice, "EX-00001");
    let r = alice
        .create_record(f, &form(), &draft(c, answers(c, "a")))
        .unwrap();
    let mut rev = 1;
    let save = |s: &mut Store, words: &str, rev: &mut i64| {
        *now.lock().unwrap() += TimeDelta::minutes(1);
        *rev = s.save_draft(r, *rev, &draft(c, answers(c, words))).unwrap();
    };
    for w in ["ab", "abc", "abcd"] {
        save(&mut alice, w, &mut rev);
    }
    assert_eq!(saves(&alice, r), [("alice".to_owned(), 3)]);
    save(&mut bob, "abcd (bob)", &mut rev);
    save(&mut alice, "abcd (bob) more", &mut rev);
    assert_eq!(
        saves(&alice, r),
        [
            ("alice".to_owned(), 3),
            ("bob".to_owned(), 1),
            ("alice".to_owned(), 1)
        ]
    );
    // A pause longer than the gap begins a new session.
    *now.lock().unwrap() += casenotes::store::SESSION_GAP;
    save(&mut alice, "after lunch", &mut rev);
    save(&mut alice, "after lunch, more", &mut rev);
    let v = saves(&alice, r);
    assert_eq!(v.len(), 4);
    assert_eq!(v[3], ("alice".to_owned(), 2));
    let last = alice
        .audit_entries(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .find(|e| e.action == AuditAction::Saved)
        .unwrap();
    assert_eq!(last.session.unwrap().0, *now.lock().unwrap());
    // The session rows leave the chain whole.
    assert!(alice.check_chain().unwrap().is_intact());
}
