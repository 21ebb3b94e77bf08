//! For trainers (issue 17): `casenotes forms preview FORM` shows a form as
//! a person meets it without opening or creating any case file, and
//! `casenotes forms example FORM` prints every built-in form's worked
//! example, side by side within the width asked, or one after the other.

use std::path::Path;
use std::process::{Command, Output};

fn casenotes(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("CASENOTES_CONFIG", dir.join("none.toml"))
        .env("CASENOTES_SYSTEM_CONFIG", dir.join("none-system.toml"))
        .env("CASENOTES_DB", dir.join("cases.sqlite3"))
        .output()
        .expect("the binary runs")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_preview_shows_every_field_and_saves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = casenotes(dir.path(), &["forms", "preview", "visit"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let shown = text(&out);
    assert!(shown.contains("A preview: nothing is saved."), "{shown}");
    assert!(shown.contains("Section 1 of 12: The visit."), "{shown}");
    assert!(
        shown.contains("Name and role of practitioner. Required."),
        "{shown}"
    );
    assert!(
        shown.contains("This section is the child's voice."),
        "{shown}"
    );
    // No case file, no folder, nothing in the state directory.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert!(left.is_empty(), "the preview left {left:?}");
    let unknown = casenotes(dir.path(), &["forms", "preview", "no_such_form"]);
    assert_eq!(unknown.status.code(), Some(1));
}

#[test]
fn every_built_in_form_has_a_worked_example_side_by_side() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ids = [
        "visit",
        "case_summary",
        "allocation",
        "planning_meeting",
        "management_oversight",
        "case_supervision",
        "chronology_entry",
        "transfer",
        "closure",
        "supervision_record",
        "audit",
        "team_meeting",
    ];
    for id in ids {
        let out = casenotes(dir.path(), &["forms", "example", id, "--width", "90"]);
        assert_eq!(out.status.code(), Some(0), "{id}: {out:?}");
        let shown = text(&out);
        assert!(shown.contains("(fictional)"), "{id}");
        assert!(shown.contains("What makes the difference: "), "{id}");
        for line in shown.lines().filter(|l| l.contains(" | ")) {
            assert!(line.chars().count() <= 90, "{id}: too wide: {line}");
        }
        let plain = text(&casenotes(
            dir.path(),
            &["forms", "example", id, "--one-column"],
        ));
        assert!(!plain.contains(" | "), "{id}");
        assert!(plain.contains("A good record:") && plain.contains("A weak record:"));
    }
    let listed = text(&casenotes(dir.path(), &["forms", "list"]));
    assert_eq!(
        listed.lines().count(),
        ids.len(),
        "a form without an example?\n{listed}"
    );
}
