//! The real binary in a pseudo-terminal: typed words must survive a
//! dropped SSH connection (SIGHUP) and a terminal that simply vanishes (no
//! signal at all), and the next start must offer the draft back.

use crate::support::pty::{ENTER, Place, TAB, Term, answers_of_drafts, text_answer};
use std::time::{Duration, Instant};

#[test]
fn sighup_while_typing_saves_every_character_and_the_draft_is_offered_back() {
    let place = Place::new();
    let mut t = Term::start(&place, false);
    t.wait_for("No families yet");
    t.send("n");
    t.wait_for("New family");
    t.typed("FX-0001");
    t.send(TAB);
    t.typed("Example family");
    t.send(ENTER);
    t.wait_for("No children recorded yet");
    t.send("c");
    t.wait_for("Add a child");
    t.typed("Child A");
    t.send(TAB);
    t.typed("2019-04-30");
    t.send(ENTER);
    t.wait_for("Children (1)");
    t.send("n");
    t.wait_for("New record");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.typed("Worker Example, Early Help");
    // Let one autosave happen, then go on typing in later fields.
    std::thread::sleep(Duration::from_millis(900));
    t.pump();
    t.send(TAB);
    t.typed("20/11/2026");
    t.send(TAB);
    t.typed("09:30");
    t.send(TAB);
    t.typed("45");
    t.send(TAB);
    // Measure what one typed character costs on the wire, in the middle of
    // a word (the status line has already changed to "not saved yet").
    t.typed("Fa");
    std::thread::sleep(Duration::from_millis(150));
    t.pump();
    let before = t.received;
    t.send("m");
    std::thread::sleep(Duration::from_millis(150));
    t.pump();
    let one_char = t.received - before;
    t.typed("ily home, kitchen table");
    // Mid-typing: no pause for the autosave.
    // SAFETY: sending a signal to the child this test started.
    unsafe {
        libc::kill(t.pid(), libc::SIGHUP);
    }
    let status = t.wait_exit(Duration::from_secs(5));
    // Ended by a hang-up: 128 + SIGHUP, by convention.
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let a = &drafts[0];
    assert_eq!(
        text_answer(a, "practitioner").as_deref(),
        Some("Worker Example, Early Help")
    );
    assert_eq!(text_answer(a, "visit_date").as_deref(), Some("2026-11-20"));
    assert_eq!(text_answer(a, "visit_time").as_deref(), Some("09:30"));
    assert_eq!(text_answer(a, "duration_minutes").as_deref(), Some("45"));
    assert_eq!(
        text_answer(a, "venue").as_deref(),
        Some("Family home, kitchen table")
    );
    eprintln!("bytes written to the terminal for one typed character: {one_char}");
    assert!(one_char < 400, "one character cost {one_char} bytes");

    // The next start offers the draft back, and Enter opens it.
    let mut t = Term::start(&place, false);
    t.wait_for("You have an unfinished draft: Example family, Home visit");
    t.send(ENTER);
    t.wait_for("Family home, kitchen table");
    t.send("\x11"); // Ctrl-Q
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_vanished_terminal_is_noticed_and_the_draft_saved_within_a_second() {
    let place = Place::new();
    // A family with a child and a draft already in the file.
    {
        let mut store = casenotes::store::Store::open(place.db(), "tester").expect("store");
        let today = chrono::Local::now().date_naive();
        let fam = store
            .create_family(&casenotes::store::FamilyDetails::new(
                "FX-0002",
                "Example family",
                today,
            ))
            .expect("family");
        let child = store
            .add_child(fam, &casenotes::store::ChildDetails::new("Child A", None))
            .expect("child");
        let forms = casenotes::form::FormSet::built_in().expect("forms");
        let form = forms.get("visit").expect("the visit form");
        store
            .create_record(
                fam,
                form,
                &casenotes::store::RecordDraft {
                    event_date: today,
                    significant: false,
                    children: vec![child],
                    answers: Default::default(),
                },
            )
            .expect("record");
    }
    let mut t = Term::start(&place, true);
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.typed("Typed as the line went");
    let gone = Instant::now();
    t.hang_up();
    let status = t.wait_exit(Duration::from_secs(3));
    let took = gone.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?} to notice");
    // Ended by a hang-up: 128 + SIGHUP, by convention.
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(
        text_answer(&drafts[0], "practitioner").as_deref(),
        Some("Typed as the line went")
    );
}
