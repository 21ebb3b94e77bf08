//! The family's action register (schema step 7): finalising a record
//! enters its SMART rows; the next record starts from the open ones and
//! finalising it marks each done, still open with a new date, or dropped
//! with a reason; the history is kept and can never be changed. The
//! guidance: seed 004_e74e373a20bcf6ff.txt (issues from last visit, SMART
//! actions: what, who, by when).

use crate::support::forms::actions_section;
use crate::support::store::{day, family_with_child, open};
use casenotes::form::carry::{
    CARRIED_FIELD, COL_NEW_DATE, COL_OUTCOME, COL_REASON, DONE, DROPPED, STILL_OPEN,
};
use casenotes::form::{Form, FormSource, parse_form};
use casenotes::record::{Answers, ChildId, Row, Slot, Value};
use casenotes::service::actions::start_answers;
use casenotes::store::{ActionOutcome, ActionStatus, RecordDraft, Store};
use rusqlite::Connection;

const FORM_HEAD: &str = r#"
id = "carry_visit"
version = 1
title = "Visit with actions"
purpose = "Tests the action register."
event_date_field = "visit_date"

[[section]]
id = "since"
title = "Since the last visit"
carry_forward = "actions"

[[section.field]]
id = "visit_date"
label = "Date of visit"
kind = "date"
required = true
"#;

fn form() -> Form {
    parse_form(
        "carry_visit.toml",
        &format!("{FORM_HEAD}{}", actions_section(true)),
        FormSource::BuiltIn,
    )
    .unwrap()
}

fn action(what: &str, who: &str, by: &str) -> Row {
    [("what", what), ("who", who), ("by_when", by)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Creates and finalises a record dated `date` with these answers.
fn finalise(
    s: &mut Store,
    fam: casenotes::store::FamilyId,
    c: ChildId,
    date: &str,
    mut a: Answers,
) {
    let f = form();
    a.set(
        Slot::once("since", "visit_date"),
        Value::Text(date.to_owned()),
    );
    let d = RecordDraft {
        event_date: day(date),
        significant: false,
        children: vec![c],
        answers: a,
    };
    let id = s.create_record(fam, &f, &d).unwrap();
    s.finalise(id, 1, &d, &f, day("2026-12-31")).unwrap();
}

#[test]
fn actions_are_carried_forward_and_their_history_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("c.sqlite3"), "alice");
    let (fam, c) = family_with_child(&mut s, "EX-00001");

    // A draft's actions are not in the register: only a finalised record's.
    let mut first = Answers::new();
    first.set(
        Slot::once("acts", "smart"),
        Value::Rows(vec![
            action("Book the dentist", "Parent Example", "2026-03-20"),
            action("Ask school about attendance", "Worker", "2026-03-27"),
            action("Fix the bedroom door", "Landlord", "2026-04-30"),
        ]),
    );
    let d = RecordDraft {
        event_date: day("2026-03-09"),
        significant: false,
        children: vec![c],
        answers: first.clone(),
    };
    s.create_record(fam, &form(), &d).unwrap();
    assert!(s.actions(fam).unwrap().is_empty());

    finalise(&mut s, fam, c, "2026-03-09", first);
    let reg = s.actions(fam).unwrap();
    assert_eq!(reg.len(), 3);
    assert!(reg.iter().all(|a| a.status == ActionStatus::Open));
    assert_eq!(reg[0].what, "Book the dentist", "earliest date first");
    assert!(reg[0].is_overdue(day("2026-03-21")));
    assert!(!reg[0].is_overdue(day("2026-03-20")));

    // The next visit starts from the open actions.
    let start = start_answers(&s, &form(), fam, day("2026-04-01")).unwrap();
    let Some(Value::Rows(rows)) = start.get(&Slot::once("since", CARRIED_FIELD)) else {
        panic!("carried rows")
    };
    assert_eq!(rows.len(), 3);
    let mut rows = rows.clone();
    rows[0].insert(COL_OUTCOME.into(), DONE.into());
    rows[1].insert(COL_OUTCOME.into(), STILL_OPEN.into());
    rows[1].insert(COL_NEW_DATE.into(), "2026-04-15".into());
    rows[2].insert(COL_OUTCOME.into(), DROPPED.into());
    rows[2].insert(COL_REASON.into(), "The family moved".into());
    let mut second = Answers::new();
    second.set(Slot::once("since", CARRIED_FIELD), Value::Rows(rows));
    finalise(&mut s, fam, c, "2026-04-01", second);

    let reg = s.actions(fam).unwrap();
    let open: Vec<_> = reg
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .collect();
    assert_eq!(open.len(), 1);
    assert_eq!(reg[0].what, "Ask school about attendance", "open first");
    assert_eq!(reg[0].due_on, day("2026-04-15"));
    let steps: Vec<_> = reg[0].history.iter().map(|e| e.outcome).collect();
    assert_eq!(steps, [ActionOutcome::Raised, ActionOutcome::StillOpen]);
    let dropped = reg
        .iter()
        .find(|a| a.status == ActionStatus::Dropped)
        .unwrap();
    assert_eq!(
        dropped.history.last().unwrap().reason.as_deref(),
        Some("The family moved")
    );
    assert!(reg.iter().any(|a| a.status == ActionStatus::Done));

    // The due list's count: one open action, overdue after its new date.
    assert!(s.overdue_actions(day("2026-04-15")).unwrap().is_empty());
    let late = s.overdue_actions(day("2026-04-16")).unwrap();
    assert_eq!((late[0].family, late[0].count), (fam, 1));
    assert_eq!(late[0].reference, "EX-00001");
}

#[test]
fn the_register_cannot_be_rewritten_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let (fam, c) = family_with_child(&mut s, "EX-00002");
    let mut a = Answers::new();
    a.set(
        Slot::once("acts", "smart"),
        Value::Rows(vec![action("Book the dentist", "Parent", "2026-03-20")]),
    );
    finalise(&mut s, fam, c, "2026-03-09", a);
    drop(s);
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "DELETE FROM action",
        "UPDATE action SET what = 'something else'",
        "DELETE FROM action_event",
        "UPDATE action_event SET reason = 'x'",
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("action"), "{sql}: {e}");
    }
}
