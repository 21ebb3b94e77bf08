//! `casenotes user add LOGIN --name NAME --role ROLE`, `user set` and
//! `casenotes users` (issue 14): names and roles are listed; the first
//! overseer may be added by anyone, after that only a supervisor or
//! manager changes users, and anyone else is refused with exit status 1
//! and a sentence.

use crate::support::store::*;
use casenotes::user::Role;
use std::path::Path;
use std::process::Command;

/// The login the binary runs as.
fn me() -> String {
    casenotes::identity::login_name()
        .expect("a login name")
        .to_string()
}

fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let dir = db.parent().expect("a folder");
    let out = Command::new(
        std::env::var("CASENOTES_TEST_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_casenotes").to_owned()),
    )
    .arg("--db")
    .arg(db)
    .args(args)
    .env("HOME", dir)
    .env("XDG_CONFIG_HOME", dir.join("config"))
    .env("XDG_DATA_HOME", dir.join("data"))
    .env("CASENOTES_CONFIG", dir.join("none.toml"))
    .output()
    .expect("casenotes runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn users_are_added_with_names_and_roles_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    make_case_file(&db);
    let me = me();
    let (code, out, err) = run(
        &db,
        &[
            "user",
            "add",
            &me,
            "--name",
            "Sam Manager",
            "--role",
            "manager",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(Sam Manager) added as a manager."), "{out}");
    let (code, _, err) = run(
        &db,
        &[
            "user",
            "add",
            "dana.w",
            "--name",
            "Dana Worker",
            "--role",
            "practitioner",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&db, &["user", "add", "robin.r", "--role", "read-only"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("robin.r added as a read-only user."), "{out}");
    let (code, out, err) = run(&db, &["user", "set", "robin.r", "--name", "Robin Reader"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("read-only     Robin Reader"), "{out}");
    // Naming a listed user keeps their role.
    let (code, out, err) = run(&db, &["user", "add", &me, "--name", "Sam Manager-Example"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("is now a manager."), "{out}");
    let (code, out, err) = run(&db, &["users"]);
    assert_eq!(code, 0, "{err}");
    let dana = out
        .lines()
        .find(|l| l.starts_with("dana.w"))
        .expect("dana listed");
    assert!(
        dana.contains("practitioner") && dana.ends_with("Dana Worker"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("robin.r")
            && l.contains("read-only")
            && l.ends_with("Robin Reader")),
        "{out}"
    );
    // A role that is not one is refused with the roles there are.
    let (code, _, err) = run(&db, &["user", "add", "x.y", "--role", "boss"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("practitioner, supervisor, manager, read-only"),
        "{err}"
    );
}

#[test]
fn a_read_only_user_cannot_change_users() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    make_case_file(&db);
    let me = me();
    {
        let mut s = open(&db, "sam");
        s.add_user("sam", Role::Supervisor).unwrap();
        s.add_user(me.as_str(), Role::ReadOnly).unwrap();
    }
    let (code, out, err) = run(&db, &["user", "add", &me, "--role", "supervisor"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("only a supervisor or manager can add or change users"),
        "{err}"
    );
    let (code, _, err) = run(&db, &["user", "set", "sam", "--name", "Someone"]);
    assert_eq!(code, 1);
    assert!(err.contains("only a supervisor or manager"), "{err}");
    let (code, out, _) = run(&db, &["users"]);
    assert_eq!(code, 0);
    assert!(out.contains("read-only"), "reading is allowed: {out}");
}

/// `casenotes log` names people by display name; its JSON keeps the login
/// and adds the name.
#[test]
fn the_log_names_people_and_its_json_keeps_the_login() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cases.sqlite3");
    make_case_file(&db);
    let me = me();
    let (code, _, err) = run(
        &db,
        &[
            "user",
            "add",
            &me,
            "--name",
            "Sam Manager",
            "--role",
            "manager",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&db, &["log"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.contains("Sam Manager")), "{out}");
    let (code, out, err) = run(&db, &["log", "--json", "--user", &me]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let mine = v["entries"].as_array().expect("entries");
    assert!(!mine.is_empty(), "{out}");
    assert!(
        mine.iter()
            .all(|e| e["who"] == me.as_str() && e["name"] == "Sam Manager"),
        "{out}"
    );
}
