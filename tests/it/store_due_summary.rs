//! Schema step 12's due summary (issue 12): the due list worked out from
//! each family's drafts and its latest finalised record of each form gives
//! exactly the items the full computation over every record gives, after
//! every kind of change a case file sees (saves, finalises, closures,
//! reallocations, plans, chronology), and after a migration builds it.

use crate::support::store::*;
use casenotes::form::FormSet;
use casenotes::record::{ChildId, FamilyId, RecordId, Slot, Value};
use casenotes::store::{CaseStatus, NewChronologyEntry, Store};
use casenotes::timescale::{Calendar, DueItem, Duties, due_items};
use rusqlite::Connection;

/// Duties counted with the test form (the built-in ones name the built-in
/// forms); the periods of seed 001_e08e81dd70c4fa85.txt §8.
const DUTIES: &str = r#"
max_recording_working_days = 10

[[duty]]
id = "visit"
title = "Visit"
source = "seed 001_e08e81dd70c4fa85.txt §8"
applies_to = "all"
done_by = ["test_visit"]
finalised_only = true
every = { weeks = 4 }

[[duty]]
id = "cp_visit"
title = "Child protection visit"
source = "seed 001_e08e81dd70c4fa85.txt §8"
applies_to = "child_protection"
done_by = ["test_visit"]
chronology = true
every = { working_days = 10 }

[[duty]]
id = "seen_after"
title = "Seen after a visit"
source = "seed 000_80c8a2bb2a6002b3.txt §1"
applies_to = "all"
done_by = ["test_visit"]
finalised_only = true
after_form = "test_visit"
within = { working_days = 5 }
"#;

/// Both computations, every item (no horizon), as of a fixed day.
fn both(s: &Store) -> (Vec<DueItem>, Vec<DueItem>) {
    let forms = FormSet::from_forms(vec![form()]);
    let duties = Duties::parse("duties.toml", DUTIES).unwrap();
    let cal = Calendar::england_and_wales();
    let today = day("2026-03-20");
    let full = due_items(
        &s.due_facts_in_full().unwrap(),
        &forms,
        &duties,
        &cal,
        today,
        None,
    );
    let summary = due_items(&s.due_facts().unwrap(), &forms, &duties, &cal, today, None);
    (full, summary)
}

fn assert_same(s: &Store, step: &str) {
    let (full, summary) = both(s);
    assert!(!full.is_empty(), "{step}: something is due");
    assert_eq!(summary, full, "after {step}");
}

fn visit_on(s: &mut Store, f: FamilyId, c: ChildId, date: &str) -> RecordId {
    let mut d = draft(c, complete_answers(c, "Fictional words"));
    d.event_date = day(date);
    d.answers
        .set(Slot::once("visit", "visit_date"), Value::Text(date.into()));
    s.create_record(f, &form(), &d).unwrap()
}

fn finalise(s: &mut Store, id: RecordId) {
    let r = s.record(id).unwrap();
    s.finalise(id, r.revision, &r.to_draft(), &form(), day("2026-03-20"))
        .unwrap();
}

#[test]
fn the_summary_gives_the_same_items_as_every_record_after_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "worker.a");
    s.add_user("worker.a", casenotes::user::Role::Supervisor)
        .unwrap();
    let (f1, c1) = family_with_child(&mut s, "EX-00001");
    let (f2, c2) = family_with_child(&mut s, "EX-00002");
    let (f3, _) = family_with_child(&mut s, "EX-00003");
    let mut later = Vec::new();
    for date in ["2026-02-02", "2026-03-02", "2026-01-12", "2026-03-02"] {
        later.push(visit_on(&mut s, f1, c1, date));
    }
    let other = visit_on(&mut s, f2, c2, "2026-02-16");
    assert_same(&s, "drafts only");

    // Finalised out of date order, two on the same day.
    for &id in &later[..3] {
        finalise(&mut s, id);
        assert_same(&s, "a finalise");
    }
    finalise(&mut s, later[3]);
    assert_same(&s, "a finalise on an equal date");
    let facts = s.due_facts().unwrap();
    let f1_facts = facts.iter().find(|f| f.id == f1).unwrap();
    assert_eq!(
        f1_facts.records.len(),
        1,
        "four finalised records of one form are summed up by the latest"
    );
    assert_eq!(f1_facts.records[0].date(), day("2026-03-02"));

    // A save that moves the draft's date, then a finalise.
    let r = s.record(other).unwrap();
    let mut d = r.to_draft();
    d.event_date = day("2026-03-05");
    s.save_draft(other, r.revision, &d).unwrap();
    assert_same(&s, "a save that moves the event date");
    finalise(&mut s, other);
    assert_same(&s, "finalising that draft");

    // Closure, reallocation, a plan, a chronology entry.
    let mut details = s.family(f2).unwrap().details;
    details.status = CaseStatus::Closed(day("2026-03-10"));
    s.update_family(f2, &details).unwrap();
    assert_same(&s, "a closure");
    let mut details = s.family(f1).unwrap().details;
    details.allocated_worker = Some("example.worker02".into());
    details.child_protection_plan = true;
    s.update_family(f1, &details).unwrap();
    assert_same(&s, "a reallocation and a plan");
    s.add_chronology_entry(&NewChronologyEntry {
        family: f1,
        child: None,
        date: day("2026-03-12"),
        what_happened: "Fictional event".into(),
        impact: String::new(),
        source: "Example".into(),
        record: None,
    })
    .unwrap();
    assert_same(&s, "a chronology entry");
    let _ = f3;
}

#[test]
fn a_file_from_before_the_summary_gets_it_built_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.sqlite3");
    {
        let mut s = open(&path, "worker.a");
        let (f, c) = family_with_child(&mut s, "EX-00011");
        for date in ["2026-02-02", "2026-03-02"] {
            let id = visit_on(&mut s, f, c, date);
            finalise(&mut s, id);
        }
        visit_on(&mut s, f, c, "2026-03-09");
    }
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TRIGGER due_latest_insert; DROP TRIGGER due_latest_finalise;
             DROP TABLE due_latest; DROP INDEX record_due_drafts;
             PRAGMA user_version = 14;",
        )
        .unwrap();
    }
    let s = Store::open(&path, "worker.a").unwrap();
    assert!(s.schema_report().unwrap().is_intact());
    let facts = s.due_facts().unwrap();
    let dates: Vec<String> = facts[0]
        .records
        .iter()
        .map(|r| r.date().to_string())
        .collect();
    assert_eq!(
        dates,
        ["2026-03-02", "2026-03-09"],
        "the latest finalised, then the draft"
    );
    assert_same(&s, "the migration");
}
