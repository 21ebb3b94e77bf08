//! Who has a draft open (schema version 6): a note lapses when its session
//! stops refreshing it, leaving removes it, and a second save's new draft
//! is recorded as a fork of the first.

use crate::support::store::{answers, draft, family_with_child, form, open};
use casenotes::store::{PRESENCE_FRESH, StoreError};
use chrono::{DateTime, TimeZone, Utc};

fn at_noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()
}

fn ninety_seconds_later() -> DateTime<Utc> {
    at_noon() + chrono::Duration::seconds(90)
}

#[test]
fn a_presence_note_lapses_unless_refreshed_and_leaving_removes_it() {
    assert!(chrono::Duration::seconds(90) > PRESENCE_FRESH);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut alex = open(&path, "alex");
    let (family, child) = family_with_child(&mut alex, "FX-0009");
    let id = alex
        .create_record(family, &form(), &draft(child, answers(child, "Fine")))
        .unwrap();
    let mut jo = open(&path, "jo");
    jo.set_clock(at_noon);
    jo.mark_here(id).unwrap();
    alex.set_clock(at_noon);
    assert_eq!(alex.others_here(id).unwrap(), ["jo"]);
    assert!(jo.others_here(id).unwrap().is_empty(), "not oneself");
    alex.set_clock(ninety_seconds_later);
    assert!(alex.others_here(id).unwrap().is_empty(), "lapsed");
    jo.set_clock(ninety_seconds_later);
    jo.mark_here(id).unwrap();
    assert_eq!(alex.others_here(id).unwrap(), ["jo"]);
    jo.mark_gone(id).unwrap();
    assert!(alex.others_here(id).unwrap().is_empty());
}

#[test]
fn a_second_save_kept_as_a_new_draft_is_recorded_as_a_fork() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut alex = open(&path, "alex");
    let (family, child) = family_with_child(&mut alex, "FX-0009");
    let id = alex
        .create_record(family, &form(), &draft(child, answers(child, "First")))
        .unwrap();
    let mut jo = open(&path, "jo");
    alex.save_draft(id, 1, &draft(child, answers(child, "Alex's")))
        .unwrap();
    assert!(alex.forks_of(id).unwrap().is_empty());
    let mine = draft(child, answers(child, "Jo's"));
    let Err(StoreError::Conflict(c)) = jo.save_draft(id, 1, &mine) else {
        panic!("expected a conflict");
    };
    let copy = jo.create_record_from_conflict(&c, &mine).unwrap();
    let forks = alex.forks_of(id).unwrap();
    assert_eq!(forks.len(), 1);
    assert_eq!((forks[0].copy, forks[0].who.as_str()), (copy, "jo"));
}
