//! The linear mode for screen readers (issue 17), through the real binary
//! in a pseudo-terminal: plain lines only (no box drawing, no escape
//! sequences), what is missing said in words, and an answer typed there is
//! in the SQLite file afterwards, after quitting or after a signal.

use crate::support::pty::{Place, Term, seed_drafts, stored_text};
use std::time::Duration;

/// The program in linear mode, keeping everything it writes.
fn linear(place: &Place, flag: bool) -> Term {
    let mut cmd = place.command(false);
    if flag {
        cmd.arg("--linear");
    }
    let mut t = Term::spawn(cmd, 100, 40);
    t.transcript = Some(Vec::new());
    t
}

/// Opens the seeded family's draft at its first missing field.
fn open_the_draft(t: &mut Term) {
    t.wait_for("Family number, or q to quit:");
    t.send("1\r");
    t.wait_for("Record number to write in it");
    t.send("1\r");
    t.wait_for("Answer:");
}

fn transcript(t: &Term) -> String {
    String::from_utf8_lossy(t.transcript.as_deref().unwrap_or_default()).into_owned()
}

#[test]
fn an_answer_typed_in_linear_mode_is_saved_and_nothing_is_drawn() {
    let place = Place::new();
    let ids = seed_drafts(&place.db(), 1);
    let mut t = linear(&place, true);
    open_the_draft(&mut t);
    t.send("Worker Example, Early Help\r");
    t.wait_for("Saved.");
    t.send("/help\r");
    t.wait_for("/missing or /m");
    t.send("/quit\r");
    let status = t.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 0, "{}", transcript(&t));
    assert_eq!(
        stored_text(&place.db(), ids[0], "practitioner").as_deref(),
        Some("Worker Example, Early Help")
    );
    let said = transcript(&t);
    // Plain lines: no box drawing or block characters, no escape
    // sequences (no colour, no cursor movement, no alternate screen).
    let drawn: Vec<char> = said
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c))
        .collect();
    assert!(drawn.is_empty(), "box drawing {drawn:?} in:\n{said}");
    assert!(!said.contains('\u{1b}'), "an escape sequence in:\n{said}");
    // What is missing, said in words.
    assert!(said.contains("Field 1 of "), "{said}");
    assert!(
        said.contains("Name and role of practitioner. Required."),
        "{said}"
    );
    assert!(said.contains("Missing: required."), "{said}");
    assert!(
        said.contains("answer(s) still missing in this record."),
        "{said}"
    );
}

#[test]
fn a_signal_in_linear_mode_ends_128_plus_n_with_the_answers_saved() {
    let place = Place::new();
    let ids = seed_drafts(&place.db(), 1);
    let mut t = linear(&place, true);
    open_the_draft(&mut t);
    t.send("Typed before the hang-up\r");
    t.wait_for("Saved.");
    t.signal(libc::SIGTERM);
    let status = t.wait_exit(Duration::from_secs(3));
    assert_eq!(status.exit_code(), 143, "{}", transcript(&t));
    assert_eq!(
        stored_text(&place.db(), ids[0], "practitioner").as_deref(),
        Some("Typed before the hang-up")
    );
}

#[test]
fn the_config_setting_starts_linear_mode_and_a_wrong_answer_is_explained() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let config = place.dir.path().join("config");
    std::fs::create_dir_all(&config).expect("a folder");
    std::fs::write(config.join("none.toml"), "linear = true\n").expect("a config");
    let mut t = linear(&place, false);
    open_the_draft(&mut t);
    // Field 2 is the date of the visit: a date that cannot be read is
    // kept and explained.
    t.send("/field 2\r");
    t.wait_for("Field 2 of");
    t.send("31/02/2026\r");
    t.wait_for("Kept, but not accepted yet");
    t.send("/quit\r");
    assert_eq!(t.wait_exit(Duration::from_secs(5)).exit_code(), 0);
}

#[test]
fn an_audit_started_in_linear_mode_carries_its_evidence_and_the_evidence_cannot_be_typed_over() {
    // issue 16: the linear mode started a blank audit, and could type over
    // the evidence the screens keep fixed.
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    {
        let me = crate::support::pty::login();
        let mut s = casenotes::store::Store::open(place.db(), me.as_str()).unwrap();
        s.add_user(me.as_str(), casenotes::user::Role::Supervisor)
            .unwrap();
    }
    let mut t = linear(&place, true);
    t.wait_for("Family number, or q to quit:");
    t.send("1\r");
    t.wait_for("Record number to write in it");
    t.send("n\r");
    t.wait_for("Form number, or b to go back:");
    let said = transcript(&t);
    let number = said
        .lines()
        .find_map(|l| {
            l.split_once(". Case recording audit")
                .map(|(n, _)| n.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no audit form listed:\n{said}"));
    t.send(&format!("{number}\r"));
    t.wait_for("Answer:");
    t.send("/section 2\r");
    t.wait_for("Gathered ");
    t.send("Nothing to see here\r");
    t.wait_for("cannot be changed");
    t.send("/clear\r");
    t.send("/quit\r");
    let status = t.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 0, "{}", transcript(&t));
    let c = rusqlite::Connection::open(place.db()).unwrap();
    let answers: String = c
        .query_row(
            "SELECT answers FROM record WHERE form_id = 'audit'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let evidence = crate::support::pty::text_answer(&answers, "s01_evidence").unwrap_or_default();
    assert!(
        evidence.starts_with("Gathered "),
        "{evidence}\n{}",
        transcript(&t)
    );
    assert!(!answers.contains("Nothing to see here"));
}
