//! Opening someone else's draft (issue 10): it says whose it is and asks
//! before anything can change; read-only until the person says yes; once
//! they do, their changes are saved into the draft and the audit log
//! names them. Driven through `update` against a seeded case file.

use crate::support::tui_app::{Rig, key, screen};
use casenotes::record::Slot;
use casenotes::store::{AuditAction, AuditFilter};
use casenotes::tui::app::{Msg, Overlay, Screen};
use ratatui::crossterm::event::KeyCode;

/// jo (a practitioner) opens alex's draft on the Example family.
fn jo_opens_alexs_draft() -> Rig {
    let mut rig = Rig::new("jo");
    rig.send(Msg::Tick);
    let id = rig.seeded.alex_draft;
    let loaded = rig.exec.load_record(id).expect("alex's draft loads");
    rig.send(Msg::Record(Box::new(loaded)));
    assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
    rig
}

fn stored_text(rig: &Rig) -> String {
    let r = rig
        .reader()
        .record(rig.seeded.alex_draft)
        .expect("the draft is stored");
    r.answers
        .text(&Slot::once("main", "what"))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_colleagues_draft_asks_first_and_stays_unchanged_when_read_only() {
    let mut rig = jo_opens_alexs_draft();
    assert!(
        matches!(rig.app.overlay, Some(Overlay::ConfirmEdit(_))),
        "no question asked"
    );
    let shown = screen(&mut rig.app, 80, 24);
    assert!(
        shown.contains("alex's"),
        "whose draft is not said:\n{shown}"
    );
    // Esc: read only. Typing changes nothing, and nothing is saved.
    rig.send(key(KeyCode::Esc));
    assert!(rig.app.overlay.is_none());
    assert!(
        rig.app.status.contains("Reading alex's draft"),
        "{}",
        rig.app.status
    );
    rig.typed("xyz");
    rig.send(Msg::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )));
    assert_eq!(stored_text(&rig), "Visited after school");
    assert!(!rig.app.has_unsaved_text());
}

#[test]
fn a_colleagues_draft_edited_on_purpose_is_saved_and_logged_under_the_editor() {
    let mut rig = jo_opens_alexs_draft();
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none());
    assert!(
        rig.app.status.contains("Editing alex's draft"),
        "{}",
        rig.app.status
    );
    rig.send(key(KeyCode::End));
    rig.typed(" (jo)");
    rig.send(Msg::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )));
    assert_eq!(stored_text(&rig), "Visited after school (jo)");
    let log = rig
        .reader()
        .audit_entries(&AuditFilter::default())
        .expect("the audit log reads");
    assert!(
        log.iter().any(|e| e.who == "jo"
            && e.record == Some(rig.seeded.alex_draft)
            && e.action == AuditAction::Saved),
        "no audit entry names jo's save: {log:?}"
    );
}

#[test]
fn ones_own_draft_opens_without_a_question() {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    let loaded = rig
        .exec
        .load_record(rig.seeded.alex_draft)
        .expect("the draft loads");
    rig.send(Msg::Record(Box::new(loaded)));
    assert!(rig.app.overlay.is_none());
}

/// The Rig's `now` moved on, then a tick: the draft says it is still
/// open and asks who else has it.
fn tick_later(rig: &mut Rig, secs: u64) {
    rig.now += std::time::Duration::from_secs(secs);
    rig.send(Msg::Tick);
}

#[test]
fn the_draft_shows_who_else_has_it_open_and_tells_the_first_saver_of_a_second_save() {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    let id = rig.seeded.alex_draft;
    let loaded = rig.exec.load_record(id).expect("the draft loads");
    rig.send(Msg::Record(Box::new(loaded)));
    assert!(rig.app.open.as_ref().is_some_and(|o| o.others.is_empty()));
    // sam opens the same draft elsewhere (on the same clock as the rig).
    let mut sam = casenotes::store::Store::open(&rig.path, "sam").expect("sam's connection");
    sam.set_clock(crate::support::tui_app::clock_now);
    sam.mark_here(id).expect("sam is here");
    tick_later(&mut rig, 31);
    assert_eq!(
        rig.app.open.as_ref().map(|o| o.others.clone()),
        Some(vec![casenotes::user::UserLogin::new("sam").unwrap()])
    );
    let shown = screen(&mut rig.app, 120, 30);
    assert!(shown.contains("also open: sam"), "{shown}");
    // alex saves; then sam saves over an old revision: sam's text becomes
    // a draft of sam's own, and alex is told at the next check.
    rig.send(key(KeyCode::End));
    rig.typed(" (alex)");
    rig.send(Msg::Key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )));
    let theirs = sam.record(id).expect("reads");
    let draft = casenotes::store::RecordDraft {
        event_date: theirs.event_date,
        significant: false,
        children: theirs.children.clone(),
        answers: theirs.answers.clone(),
    };
    let conflict = match sam.save_draft(id, 1, &draft) {
        Err(casenotes::store::StoreError::Conflict(c)) => c,
        other => panic!("expected a conflict, got {other:?}"),
    };
    let copy = sam
        .create_record_from_conflict(&conflict, &draft)
        .expect("sam's text kept as a new draft");
    tick_later(&mut rig, 31);
    assert!(
        rig.app.status.starts_with("sam saved this draft after you"),
        "{}",
        rig.app.status
    );
    assert!(
        rig.app.status.contains(&format!("record {copy}")),
        "{}",
        rig.app.status
    );
    // Leaving says so: sam no longer sees alex.
    rig.send(key(KeyCode::Esc));
    assert!(sam.others_here(id).expect("reads").is_empty());
}
