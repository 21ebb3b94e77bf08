//! Shared by the store's integration tests: a small form written here (so
//! the tests do not depend on the built-in forms), a fixed clock, and a way
//! to see that a refused file and its folder were left exactly as they were.

use casenotes::form::{Form, FormSource, parse_form};
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::store::{FamilyDetails, FamilyId, RecordDraft, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;
use std::path::Path;

/// A cut-down home visit: a dated visit, whether the child was seen (and
/// why not, when not), and the child's own words for each child.
pub const FORM_TOML: &str = r#"
id = "test_visit"
version = 1
title = "Test visit"
purpose = "A small form for the store's tests."
can_be_significant = true
event_date_field = "visit_date"

[[section]]
id = "visit"
title = "The visit"

[[section.field]]
id = "visit_date"
label = "Date of visit"
kind = "date"
required = true
not_future = true

[[section.field]]
id = "child_seen"
label = "Was the child seen?"
kind = "yes_no"
required = true

[[section.field]]
id = "why_not_seen"
label = "Why was the child not seen?"
kind = "multiline"
required_when = { field = "child_seen", is = "no" }

[[section]]
id = "voice"
title = "Child's views"
child_voice = true
per_child = true

[[section.field]]
id = "views"
label = "What did the child say?"
kind = "multiline"
required = true
"#;

/// The test form.
pub fn form() -> Form {
    parse_form("test_visit.toml", FORM_TOML, FormSource::BuiltIn).expect("test form parses")
}

/// The test form with other text under the same id and version.
pub fn form_changed_without_new_version() -> Form {
    let text = FORM_TOML.replace("A small form", "A changed small form");
    parse_form("test_visit.toml", &text, FormSource::BuiltIn).expect("changed form parses")
}

/// A date from its text.
pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A fixed instant.
pub fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, h, m, 0).unwrap()
}

/// Opens a store with a fixed clock.
pub fn open(path: &Path, user: &str) -> Store {
    let mut s = Store::open(path, user).expect("store opens");
    s.set_clock(|| at(9, 30));
    s
}

/// A family with one child; returns both ids.
pub fn family_with_child(store: &mut Store, reference: &str) -> (FamilyId, ChildId) {
    let f = store
        .create_family(&FamilyDetails::new(
            reference,
            "Family Example",
            day("2026-01-05"),
        ))
        .unwrap();
    let c = store
        .add_child(
            f,
            &casenotes::store::ChildDetails::new("Child Example-A", Some(day("2019-04-01"))),
        )
        .unwrap();
    (f, c)
}

/// Answers with the child's words set to `words`.
pub fn answers(child: ChildId, words: &str) -> Answers {
    let mut a = Answers::new();
    a.set(
        Slot::for_child("voice", child, "views"),
        Value::Text(words.to_owned()),
    );
    a
}

/// A complete set of answers for the test form.
pub fn complete_answers(child: ChildId, words: &str) -> Answers {
    let mut a = answers(child, words);
    a.set(
        Slot::once("visit", "visit_date"),
        Value::Text("2026-03-09".into()),
    );
    a.set(Slot::once("visit", "child_seen"), Value::Text("yes".into()));
    a
}

/// A draft about one child.
pub fn draft(child: ChildId, a: Answers) -> RecordDraft {
    RecordDraft {
        event_date: day("2026-03-09"),
        significant: false,
        children: vec![child],
        answers: a,
    }
}

/// Every file in a folder with its bytes, to compare before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.file_type().unwrap().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// Makes a casenotes file at `path` and closes it, leaving no WAL beside it.
pub fn make_case_file(path: &Path) {
    let mut s = open(path, "maker");
    family_with_child(&mut s, "EX-1");
    drop(s);
}

/// Runs `casenotes --db DB check ARGS...` with a home and config of the
/// file's own folder; the exit status and what it printed.
pub fn run_check(db: &Path, args: &[&str]) -> (i32, String) {
    let dir = db.parent().expect("a folder");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .arg("--db")
        .arg(db)
        .arg("check")
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("CASENOTES_CONFIG", dir.join("none.toml"))
        .env("CASENOTES_SYSTEM_CONFIG", dir.join("none-system.toml"))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Undoes schema step 12 (discarded drafts), for the tests that make a
/// file of an earlier version by dropping what the later steps add.
pub const UNDO_DISCARD_STEP: &str =
    "DROP TRIGGER record_discarded_no_update; DROP TABLE discarded_draft;";
