//! Discarding a draft from the family's record list (issue 17): `x` on a
//! draft asks, naming the form and date; Enter discards; the list and the
//! families' Drafts count follow; a finalised record offers nothing, and a
//! colleague's draft is refused in words. Driven through `update` against
//! a seeded case file.

use crate::support::tui_app::{Rig, key, screen};
use casenotes::tui::app::{Msg, Overlay};
use ratatui::crossterm::event::KeyCode;

/// `user` on the Example family's records list, the cursor on the first
/// (newest) record: alex's draft of 2026-11-16.
fn on_records(user: &str) -> Rig {
    let mut rig = Rig::new(user);
    rig.send(Msg::Tick);
    rig.open_family("FX-0001");
    // The records list has the cursor when a family opens.
    assert_eq!(
        rig.app.family.as_ref().unwrap().focus(),
        casenotes::tui::family::Pane::Records
    );
    rig
}

fn drafts_of_example(rig: &Rig) -> u32 {
    rig.exec
        .families()
        .unwrap()
        .iter()
        .find(|f| f.reference == "FX-0001")
        .unwrap()
        .drafts
}

#[test]
fn x_on_a_draft_asks_naming_form_and_date_then_discards_it() {
    let mut rig = on_records("alex");
    assert_eq!(drafts_of_example(&rig), 1);
    let keys = rig.app.family.as_ref().unwrap().keys();
    assert!(keys.contains(&("x", "discard draft")), "{keys:?}");
    rig.send(key(KeyCode::Char('x')));
    assert!(
        matches!(rig.app.overlay, Some(Overlay::ConfirmDiscard(..))),
        "no question asked: {}",
        rig.app.status
    );
    let shown = screen(&mut rig.app, 80, 24);
    assert!(shown.contains("Tiny note"), "{shown}");
    assert!(shown.contains("Mon 16/11/2026"), "{shown}");
    // Esc keeps it.
    rig.send(key(KeyCode::Esc));
    assert!(rig.app.overlay.is_none());
    assert!(!rig.reader().is_discarded(rig.seeded.alex_draft).unwrap());
    rig.send(key(KeyCode::Char('x')));
    rig.send(key(KeyCode::Enter));
    assert!(rig.reader().is_discarded(rig.seeded.alex_draft).unwrap());
    assert!(
        rig.app
            .status
            .starts_with("Draft Tiny note of Mon 16/11/2026 discarded"),
        "{}",
        rig.app.status
    );
    let listed = &rig.app.family.as_ref().unwrap().view.records;
    assert_eq!(listed.len(), 1, "still listed");
    assert_eq!(drafts_of_example(&rig), 0, "the Drafts count follows");
    // Back on the families screen, the row says so too.
    rig.send(key(KeyCode::Esc));
    let row = rig
        .app
        .home
        .rows()
        .iter()
        .find(|r| r.reference == "FX-0001")
        .map(|r| r.drafts);
    assert_eq!(row, Some(0));
}

#[test]
fn a_finalised_record_offers_no_discard() {
    let mut rig = on_records("alex");
    rig.send(key(KeyCode::Down));
    let keys = rig.app.family.as_ref().unwrap().keys();
    assert!(!keys.iter().any(|k| k.0 == "x"), "{keys:?}");
    rig.send(key(KeyCode::Char('x')));
    assert!(rig.app.overlay.is_none());
}

#[test]
fn a_colleagues_draft_is_refused_in_words() {
    let mut rig = on_records("jo");
    rig.send(key(KeyCode::Char('x')));
    assert!(rig.app.overlay.is_none());
    let shown = screen(&mut rig.app, 80, 24);
    assert!(
        rig.app.status.contains("Only the author"),
        "{}\n{shown}",
        rig.app.status
    );
    assert!(!rig.reader().is_discarded(rig.seeded.alex_draft).unwrap());
}

/// From the draft's own review (F5, then `d`): the same question; once
/// discarded the record is left without another save, back on the family.
#[test]
fn d_in_a_drafts_review_discards_it_and_leaves_it() {
    let mut rig = on_records("alex");
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), casenotes::tui::app::Screen::Form);
    rig.typed("zz");
    rig.send(key(KeyCode::F(5)));
    assert_eq!(rig.app.screen(), casenotes::tui::app::Screen::Review);
    rig.send(key(KeyCode::Char('d')));
    assert!(
        matches!(rig.app.overlay, Some(Overlay::ConfirmDiscard(..))),
        "{}",
        rig.app.status
    );
    rig.send(key(KeyCode::Enter));
    assert!(rig.reader().is_discarded(rig.seeded.alex_draft).unwrap());
    assert!(rig.app.open.is_none());
    assert_eq!(rig.app.screen(), casenotes::tui::app::Screen::Family);
    assert_eq!(drafts_of_example(&rig), 0);
    // Nothing was saved into it after the discard.
    let stored = rig.reader().record(rig.seeded.alex_draft).unwrap();
    assert!(!stored.answers.to_json().contains("zz"));
}
