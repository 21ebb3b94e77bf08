//! `casenotes log` (issue 16): a practitioner sees their own entries and
//! is refused anyone else's; a supervisor sees everyone's, filtered by
//! person, family and day; `--json` for scripts. The roles are tried
//! through the service (the binary always runs as the real login name),
//! the printing through the binary itself.

use crate::support::store::*;
use casenotes::service::audit_log::{LogQuery, LogRefusal, LogView, entries};
use casenotes::store::{FamilyDetails, Store};
use casenotes::user::{Role, UserLogin};
use chrono::{TimeZone, Utc};
use std::path::Path;
use std::process::Command;

/// alice (practitioner) writes EX-00001 on 1 March; bob (practitioner)
/// opens it and writes EX-00002 on 10 March; sam is a supervisor.
fn team_file(db: &Path) {
    {
        let mut s = open(db, "sam");
        s.add_user("sam", Role::Supervisor).unwrap();
        s.add_user("alice", Role::Practitioner).unwrap();
        s.add_user("bob", Role::Practitioner).unwrap();
    }
    let mut a = open(db, "alice");
    a.set_clock(|| Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap());
    let (f, c) = family_with_child(&mut a, "EX-00001");
    let d = draft(c, complete_answers(c, "Words"));
    let r = a.create_record(f, &form(), &d).unwrap();
    a.finalise(r, 1, &d, &form(), day("2026-03-10")).unwrap();
    let mut b = open(db, "bob");
    b.note_opened(f, Some(r)).unwrap();
    b.create_family(&FamilyDetails::new(
        "EX-00002",
        "Family Example-Two",
        day("2026-03-10"),
    ))
    .unwrap();
}

fn query(user: Option<&str>, family: Option<&str>, since: Option<&str>) -> LogQuery {
    LogQuery {
        user: user.map(|u| UserLogin::new(u).unwrap()),
        family: family.map(str::to_owned),
        since: since.map(day),
    }
}

#[test]
fn a_practitioner_sees_only_their_own_entries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    team_file(&db);
    let alice = Store::open(&db, "alice").unwrap();
    let (view, list) = entries(&alice, &LogQuery::default()).unwrap();
    assert_eq!(view, LogView::Own);
    assert!(!list.is_empty());
    assert!(list.iter().all(|e| e.who == "alice"), "{list:?}");
    let actions: Vec<_> = list.iter().map(|e| e.action).collect();
    assert!(actions.contains(&"finalised"), "{actions:?}");
    let refused = entries(&alice, &query(Some("bob"), None, None)).unwrap_err();
    assert!(matches!(refused, LogRefusal::NotSupervisor), "{refused}");
    assert!(
        refused.to_string().contains("only supervisors"),
        "{refused}"
    );
}

#[test]
fn a_supervisor_sees_everyone_and_filters_by_person_family_and_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    team_file(&db);
    let sam = Store::open(&db, "sam").unwrap();
    let (view, all) = entries(&sam, &LogQuery::default()).unwrap();
    assert_eq!(view, LogView::Everyone);
    for who in ["sam", "alice", "bob"] {
        assert!(all.iter().any(|e| e.who == who), "{who}: {all:?}");
    }

    let (view, bob) = entries(&sam, &query(Some("bob"), None, None)).unwrap();
    assert_eq!(view, LogView::Person);
    assert!(bob.iter().all(|e| e.who == "bob"));
    assert!(
        bob.iter()
            .any(|e| e.action == "opened" && e.family.as_deref() == Some("EX-00001")),
        "{bob:?}"
    );

    let (_, one) = entries(&sam, &query(None, Some("ex-00001"), None)).unwrap();
    assert!(!one.is_empty());
    assert!(one.iter().all(|e| e.family.as_deref() == Some("EX-00001")));
    assert!(one.iter().any(|e| e.who == "alice") && one.iter().any(|e| e.who == "bob"));

    // The fixture's clock puts bob on 10 March, alice on 1 March.
    let (_, late) = entries(&sam, &query(None, None, Some("2026-03-05"))).unwrap();
    assert!(!late.is_empty());
    assert!(late.iter().all(|e| e.who != "alice"), "{late:?}");

    let missing = entries(&sam, &query(None, Some("EX-99999"), None)).unwrap_err();
    assert!(matches!(missing, LogRefusal::NoFamily), "{missing}");
}

fn log(db: &Path, args: &[&str]) -> (i32, String, String) {
    let dir = db.parent().expect("a folder");
    let out = Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .arg("--db")
        .arg(db)
        .arg("log")
        .args(args)
        .env("HOME", dir)
        .env("TZ", "UTC")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("CASENOTES_CONFIG", dir.join("none.toml"))
        .env("CASENOTES_SYSTEM_CONFIG", dir.join("none-system.toml"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_prints_lines_and_json_and_refuses_with_a_sentence() {
    let me = casenotes::identity::login_name()
        .expect("a login name")
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    team_file(&db);
    {
        let mut s = open(&db, &me);
        if me != "sam" && me != "alice" && me != "bob" {
            s.add_user(&me, Role::Supervisor).unwrap();
        }
        s.set_role(&me, Role::Supervisor).unwrap();
    }
    let (code, out, err) = log(&db, &["--family", "EX-00001"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().any(|l| l.starts_with("Sun 01/03/2026 10:00")
            && l.contains("alice")
            && l.contains("finalised")
            && l.contains("record 1")
            && l.contains("EX-00001")),
        "{out}"
    );
    assert!(!out.contains("Words"), "never what a record says: {out}");

    let (code, out, err) = log(&db, &["--json", "--user", "bob", "--since", "2026-03-10"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["view"], "person");
    let list = v["entries"].as_array().expect("entries");
    assert!(!list.is_empty());
    assert!(list.iter().all(|e| e["who"] == "bob"), "{out}");
    let opened = list
        .iter()
        .find(|e| e["action"] == "opened")
        .expect("bob opened the record");
    assert_eq!(opened["family"], "EX-00001");
    assert_eq!(opened["record"], 1);
    assert_eq!(opened["at"], "2026-03-10T09:30:00Z");

    let (code, _, err) = log(&db, &["--since", "last week"]);
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = log(&db, &["--family", "EX-00002", "--since", "2027-01-01"]);
    assert_eq!(code, 0);
    assert!(out.contains("No entries"), "{out}");

    {
        let mut s = open(&db, &me);
        s.set_role(&me, Role::Practitioner).unwrap();
    }
    let other = if me == "bob" { "alice" } else { "bob" };
    let (code, _, err) = log(&db, &["--user", other]);
    assert_eq!(code, 1);
    assert!(err.contains("only supervisors"), "{err}");
}
