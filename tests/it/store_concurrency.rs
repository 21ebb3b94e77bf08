//! Several people on one file: two connections racing to save one draft,
//! two processes creating a new file at the same moment, and a process
//! killed with SIGKILL in the middle of saving. The process tests re-run this
//! test binary as the child (`--exact NAME`), told what to do by environment
//! variables.

use crate::support::store::*;
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::store::{RecordDraft, RecordId, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const ROLE: &str = "CASENOTES_STORE_TEST_ROLE";
const DB: &str = "CASENOTES_STORE_TEST_DB";
const DIR: &str = "CASENOTES_STORE_TEST_DIR";
const NAME: &str = "CASENOTES_STORE_TEST_NAME";

/// Starts this test binary again, running only `test`, in `role`.
fn spawn_self(test: &str, role: &str, envs: &[(&str, String)]) -> Child {
    // The harness names a test by its path below the binary's root, and
    // this binary holds every module's tests.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let test = format!("{module}::{test}");
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", &test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

fn role() -> Option<String> {
    std::env::var(ROLE).ok()
}

fn env_path(key: &str) -> PathBuf {
    PathBuf::from(std::env::var(key).unwrap())
}

fn wait_for(what: &str, deadline: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn two_connections_racing_to_save_one_draft_one_wins_and_no_text_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut setup = open(&path, "setup");
    let form = form();
    let (f, c) = family_with_child(&mut setup, "EX-1");
    for round in 0..10 {
        let r = setup
            .create_record(f, &form, &draft(c, answers(c, "start")))
            .unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let racers: Vec<_> = ["alice", "bob"]
            .into_iter()
            .map(|who| {
                let barrier = Arc::clone(&barrier);
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut s = open(&path, who);
                    let base = s.record(r).unwrap().revision;
                    let mine = draft(c, answers(c, &format!("{who}'s words, round {round}")));
                    barrier.wait();
                    match s.save_draft(r, base, &mine) {
                        Ok(rev) => (who, Ok(rev), mine),
                        Err(StoreError::Conflict(conflict)) => {
                            assert_eq!((conflict.record, conflict.expected_revision), (r, base));
                            assert_eq!(conflict.stored_revision, base + 1);
                            assert_ne!(s.record(r).unwrap().answers, mine.answers);
                            let kept = s.create_record_from_conflict(&conflict, &mine).unwrap();
                            (who, Err(kept), mine)
                        }
                        Err(e) => panic!("unexpected error: {e:?}"),
                    }
                })
            })
            .collect();
        let results: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
        let winners: Vec<_> = results.iter().filter(|(_, r, _)| r.is_ok()).collect();
        assert_eq!(winners.len(), 1, "exactly one save wins: {results:?}");
        for (_, outcome, mine) in &results {
            match outcome {
                Ok(rev) => {
                    assert_eq!(*rev, 2);
                    assert_eq!(setup.record(r).unwrap().answers, mine.answers);
                }
                Err(kept) => assert_eq!(setup.record(*kept).unwrap().answers, mine.answers),
            }
        }
    }
}

#[test]
fn two_processes_creating_one_new_file_both_succeed_with_one_schema() {
    const TEST: &str = "two_processes_creating_one_new_file_both_succeed_with_one_schema";
    if role().as_deref() == Some("create") {
        let dir = env_path(DIR);
        let name = std::env::var(NAME).unwrap();
        std::fs::write(dir.join(format!("ready-{name}")), "").unwrap();
        wait_for("go", Duration::from_secs(30), || dir.join("go").exists());
        let mut s = Store::open(env_path(DB), &format!("user{name}")).unwrap();
        s.create_family(&casenotes::store::FamilyDetails::new(
            &format!("EX-{name}"),
            "Family Example",
            day("2026-01-01"),
        ))
        .unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sync = dir.path().join("sync");
    std::fs::create_dir(&sync).unwrap();
    let path = dir.path().join("data").join("new.sqlite3");
    const N: usize = 4;
    let children: Vec<Child> = (0..N)
        .map(|i| {
            spawn_self(
                TEST,
                "create",
                &[
                    (DB, path.display().to_string()),
                    (DIR, sync.display().to_string()),
                    (NAME, i.to_string()),
                ],
            )
        })
        .collect();
    wait_for("children ready", Duration::from_secs(60), || {
        (0..N).all(|i| sync.join(format!("ready-{i}")).exists())
    });
    std::fs::write(sync.join("go"), "").unwrap();
    for mut child in children {
        assert!(
            child.wait().unwrap().success(),
            "every process opened the new file"
        );
    }

    let reference = dir.path().join("reference.sqlite3");
    drop(Store::open(&reference, "ref").unwrap());
    let schema = |p: &Path| -> (i64, Vec<(String, String)>) {
        let c = Connection::open(p).unwrap();
        let v = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let mut st = c
            .prepare("SELECT name, ifnull(sql, '') FROM sqlite_schema ORDER BY name")
            .unwrap();
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        (v, rows.map(Result::unwrap).collect())
    };
    let (v, objects) = schema(&path);
    assert_eq!(v, SCHEMA_VERSION);
    assert_eq!((v, objects), schema(&reference), "one schema, created once");
    let s = Store::open(&path, "check").unwrap();
    s.check_integrity().unwrap();
    assert_eq!(s.count_families().unwrap(), N as u64);
}

/// The answers the saver writes at revision `rev`: big enough that one
/// save spans many pages, and each revision's text is known to the parent.
fn answers_at(child: ChildId, rev: i64) -> Answers {
    let mut a = Answers::new();
    let body = format!("revision {rev}: ") + &"the child said something long. ".repeat(800);
    a.set(Slot::for_child("voice", child, "views"), Value::Text(body));
    a.set(
        Slot::once("visit", "visit_date"),
        Value::Text(format!("rev {rev}")),
    );
    a
}

#[test]
fn a_process_killed_while_saving_leaves_the_old_or_the_new_draft() {
    const TEST: &str = "a_process_killed_while_saving_leaves_the_old_or_the_new_draft";
    if role().as_deref() == Some("saver") {
        let mut s = Store::open(env_path(DB), "saver").unwrap();
        let r = RecordId(std::env::var(NAME).unwrap().parse().unwrap());
        let rec = s.record(r).unwrap();
        let child = rec.children[0];
        let mut rev = rec.revision;
        loop {
            let d = RecordDraft {
                answers: answers_at(child, rev + 1),
                ..rec.to_draft()
            };
            rev = s.save_draft(r, rev, &d).unwrap();
            println!("saved {rev}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let (r, child) = {
        let mut s = open(&path, "setup");
        let (f, c) = family_with_child(&mut s, "EX-1");
        (
            s.create_record(f, &form(), &draft(c, answers_at(c, 1)))
                .unwrap(),
            c,
        )
    };
    for round in 0..6u64 {
        let mut saver = spawn_self(
            TEST,
            "saver",
            &[(DB, path.display().to_string()), (NAME, r.0.to_string())],
        );
        let mut lines = BufReader::new(saver.stdout.take().unwrap()).lines();
        let mut saves = 0;
        while saves < 5 {
            let line = lines.next().expect("saver is saving").unwrap();
            if line.starts_with("saved ") {
                saves += 1;
            }
        }
        // Land the kill at a different point of a save each round.
        std::thread::sleep(Duration::from_micros(round * 450));
        saver.kill().unwrap();
        saver.wait().unwrap();

        let raw = Connection::open(&path).unwrap();
        let check: String = raw
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        drop(raw);
        let s = Store::open(&path, "after").unwrap();
        let rec = s.record(r).unwrap();
        assert!(rec.revision >= 5, "saves happened before the kill");
        eprintln!("round {round}: revision {} survived the kill", rec.revision);
        assert_eq!(
            rec.answers,
            answers_at(child, rec.revision),
            "a complete version, whole"
        );
    }
}
