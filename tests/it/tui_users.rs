//! Display names and roles on screen (issue 14): a record's review names
//! its author and a manager's comment by display name ("Sam Manager
//! (supervisor)"), the family screen its worker, the header the person
//! using the program; a read-only user's write keys are refused with the
//! reason on the status line.

use crate::support::tui_app::{Rig, key, screen};
use casenotes::store::Store;
use casenotes::tui::app::{Effect, READ_ONLY_STATUS};
use casenotes::user::{DisplayName, UserLogin};
use crossterm::event::KeyCode;

fn run(rig: &mut Rig, effect: Effect) {
    for m in rig.exec.run(effect, crate::support::tui_app::today()) {
        rig.app.update(m, rig.now);
    }
}

/// Names sam and alex, and has sam comment on alex's finalised record.
fn named(rig: &mut Rig) {
    let mut sam = Store::open(&rig.path, "sam").expect("sam's connection");
    sam.set_clock(crate::support::tui_app::clock_now);
    for (login, name) in [("sam", "Sam Manager"), ("alex", "Alex Worker")] {
        sam.set_display_name(
            &UserLogin::new(login).unwrap(),
            Some(&DisplayName::new(name).unwrap()),
        )
        .expect("named");
    }
    sam.add_addendum(rig.seeded.alex_final, "Please add the school's view.")
        .expect("sam comments");
    let people = rig.exec.case.user_directory().expect("who is who");
    rig.app.set_people(people);
}

#[test]
fn a_record_shows_its_author_and_comments_by_display_name() {
    let mut rig = Rig::new("alex");
    named(&mut rig);
    let record = rig.seeded.alex_final;
    run(&mut rig, Effect::OpenRecord(record));
    let shown = screen(&mut rig.app, 100, 30);
    assert!(shown.contains("Alex Worker"), "{shown}");
    assert!(shown.contains("Sam Manager (supervisor)"), "{shown}");
    assert!(!shown.contains("sam (supervisor)"), "{shown}");
    insta::assert_snapshot!("review_display_names_100x30", shown);
}

#[test]
fn the_family_screen_names_its_worker() {
    let mut rig = Rig::new("alex");
    named(&mut rig);
    rig.open_family("FX-0001");
    let shown = screen(&mut rig.app, 100, 30);
    assert!(shown.contains("Alex Worker"), "{shown}");
}

#[test]
fn a_read_only_user_is_told_why_a_write_key_does_nothing() {
    let mut rig = Rig::new("alex");
    rig.app.read_only = true;
    rig.open_family("FX-0001");
    for k in ['n', 'c', 'p'] {
        rig.app.status.clear();
        rig.send(key(KeyCode::Char(k)));
        assert_eq!(rig.app.status, READ_ONLY_STATUS, "key {k}");
        assert!(rig.app.overlay.is_none(), "key {k} opened a dialog");
    }
    let shown = screen(&mut rig.app, 100, 30);
    assert!(shown.contains("(read-only)"), "{shown}");
    // Nor are those keys offered: the footer and help leave out what a
    // read-only user may not do, and keep what they may.
    let (_, keys) = rig.app.keys();
    let offered: Vec<&str> = keys.iter().map(|(_, does)| *does).collect();
    for write in [
        "new record",
        "add child",
        "add parent, carer or professional",
        "discard draft",
    ] {
        assert!(!offered.contains(&write), "{write} offered: {offered:?}");
    }
    assert!(offered.contains(&"chronology"), "{offered:?}");
    rig.app.read_only = false;
    let (_, keys) = rig.app.keys();
    assert!(keys.iter().any(|(_, does)| *does == "add child"));
}
