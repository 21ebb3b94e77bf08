//! `casenotes due`, `user` and `backup` run as the real binary against a
//! fixture file built with known dates: the JSON a script would read, the
//! supervisor-only team view, and the refusal for everyone else.

use casenotes::form::FormSet;
use casenotes::record::{Answers, Slot, Value};
use casenotes::store::{ChildDetails, FamilyDetails, RecordDraft, Store};
use casenotes::user::Role;
use chrono::{NaiveDate, TimeZone, Utc};
use std::path::Path;
use std::process::Command;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn me() -> String {
    casenotes::identity::login_name().unwrap().to_string()
}

/// Two families: one on a child protection plan with a visit draft, one
/// allocated to someone else.
fn fixture(path: &Path) {
    let forms = FormSet::built_in().unwrap();
    let mut store = Store::open(path, &me()).unwrap();
    store.set_clock(|| Utc.with_ymd_and_hms(2026, 11, 16, 10, 0, 0).unwrap());
    let mut cp = FamilyDetails::new("FX-0001", "Example family", d("2026-10-01"));
    cp.child_protection_plan = true;
    cp.allocated_worker = Some(me());
    let a = store.create_family(&cp).unwrap();
    let child = store
        .add_child(a, &ChildDetails::new("Child A", Some(d("2018-01-01"))))
        .unwrap();
    let visit = forms.get("visit").unwrap();
    let mut answers = Answers::new();
    answers.set(
        Slot::once("visit", "visit_date"),
        Value::Text("2026-11-16".into()),
    );
    store
        .create_record(
            a,
            visit,
            &RecordDraft {
                event_date: d("2026-11-16"),
                significant: false,
                children: vec![child],
                answers,
            },
        )
        .unwrap();
    let mut other = FamilyDetails::new("FX-0002", "Sample family", d("2026-10-20"));
    other.allocated_worker = Some("someone.else".into());
    store.create_family(&other).unwrap();
}

fn casenotes(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .args(args)
        .env("CASENOTES_DB", db)
        .env("CASENOTES_CONFIG", db.with_extension("no-config.toml"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn due_json_at_a_known_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    fixture(&db);
    let (code, out, err) = casenotes(&db, &["due", "--json", "--at", "2026-11-19"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["at"], "2026-11-19");
    assert_eq!(v["view"], "own");
    let items = v["items"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = items
        .iter()
        .map(|i| {
            (
                i["urgency"].as_str().unwrap().to_owned(),
                i["due"].as_str().unwrap().to_owned(),
                i["what"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // Oversight within a month of opening (seed 000_80c8a2bb2a6002b3.txt
    // §3): 1 November. A child on a protection plan: the visit is written up
    // within 2 working days (seed 001_e08e81dd70c4fa85.txt §4), so
    // Wednesday 18th. The next visit (10 working days, §8) falls after this
    // week, and the other family is someone else's.
    let expect = [
        ("overdue", "2026-11-01", "Management oversight"),
        ("overdue", "2026-11-18", "Finish Home visit of 16/11/2026"),
    ];
    let expect: Vec<(String, String, String)> = expect
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(summary, expect);
    assert_eq!(items[0]["working_days_overdue"], 14);
    assert_eq!(items[1]["working_days_overdue"], 1);
    assert_eq!(items[1]["family_reference"], "FX-0001");
    assert!(items[1]["record_id"].is_number());
    assert!(items[0]["record_id"].is_null());
}
#[test]
fn the_team_view_is_for_supervisors_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    fixture(&db);
    let (code, _, err) = casenotes(&db, &["due", "--team", "--at", "2026-11-19"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("only supervisors can see the team's due list"),
        "{err}"
    );
    // Nobody is a supervisor yet, so the first may be added by anyone.
    let (code, out, _) = casenotes(&db, &["user", "add", &me(), "--supervisor"]);
    assert_eq!(code, 0);
    assert!(out.contains("added as a supervisor"));
    let (code, out, err) = casenotes(&db, &["due", "--team", "--all", "--at", "2026-11-19"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("FX-0002"), "{out}");
    assert!(out.contains("someone.else"), "{out}");
    let (_, out, _) = casenotes(&db, &["user", "list"]);
    assert!(out.contains("supervisor"));
}

#[test]
fn a_practitioner_cannot_make_themself_a_supervisor_once_one_exists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    fixture(&db);
    {
        let mut s = Store::open(&db, &me()).unwrap();
        s.add_user("team.manager", Role::Supervisor).unwrap();
    }
    let (code, _, err) = casenotes(&db, &["user", "add", &me(), "--supervisor"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("only a supervisor or manager can add or change users"),
        "{err}"
    );
}

#[test]
fn backup_refuses_to_overwrite_and_copies_safely() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    fixture(&db);
    let copy = dir.path().join("copy.sqlite3");
    let (code, out, err) = casenotes(&db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Backed up"));
    let s = Store::open(&copy, "reader").unwrap();
    assert_eq!(s.count_families().unwrap(), 2);
    let (code, _, err) = casenotes(&db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn a_mistyped_path_is_refused_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.sqlite3");
    for args in [
        vec!["due"],
        vec!["records", "FX-0001"],
        vec!["export", "1"],
        vec!["user", "list"],
    ] {
        let (code, _, err) = casenotes(&missing, &args);
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains("there is no case file at"), "{args:?}: {err}");
    }
    let deep = dir.path().join("no/such/folder/cases.sqlite3");
    let (code, _, err) = casenotes(&deep, &["user", "add", "team.manager", "--supervisor"]);
    assert_eq!(code, 1);
    assert!(err.contains("does not exist"), "{err}");
    // Nothing was created by any of it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Naming a new file in an existing folder starts a case file.
    let (code, _, err) = casenotes(&missing, &["user", "add", "team.manager", "--supervisor"]);
    assert_eq!(code, 0, "{err}");
    assert!(missing.exists());
}
