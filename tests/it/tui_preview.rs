//! Previewing a form from the forms list (issue 17): `p` in the new-record
//! picker shows the chosen form drawn as a record of it would be, read-only
//! and empty, under "PREVIEW: nothing is saved"; no draft is made, nothing
//! is typed into it, nothing reaches the audit log, and Esc goes back to
//! the picker. Snapshots at 80x24 and 120x40.

use crate::support::tui_app::{Rig, key, screen};
use casenotes::store::AuditFilter;
use casenotes::tui::app::{Msg, Overlay};
use ratatui::crossterm::event::KeyCode;

fn previewing() -> Rig {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('n')));
    assert!(matches!(rig.app.overlay, Some(Overlay::Picker(_))));
    rig.send(key(KeyCode::Char('p')));
    assert!(
        matches!(rig.app.overlay, Some(Overlay::Preview(_))),
        "no preview: {}",
        rig.app.status
    );
    rig
}

fn counts(rig: &Rig) -> (usize, usize) {
    let s = rig.reader();
    (
        s.list_records(rig.seeded.example).unwrap().len(),
        s.audit_entries(&AuditFilter::default()).unwrap().len(),
    )
}

#[test]
fn p_in_the_picker_previews_the_form_and_saves_nothing() {
    let before = {
        let rig = Rig::new("alex");
        counts(&rig)
    };
    let mut rig = previewing();
    let after_open = counts(&rig);
    let shown = screen(&mut rig.app, 80, 24);
    assert!(shown.contains("PREVIEW: nothing is saved"), "{shown}");
    assert!(shown.contains("Tiny note"), "{shown}");
    // Typing goes nowhere: the preview is read-only.
    rig.typed("zanzibar");
    rig.send(key(KeyCode::Enter));
    rig.typed("quokka");
    let shown = screen(&mut rig.app, 80, 24);
    assert!(
        !shown.contains("quokka") && !shown.contains("zanzibar"),
        "{shown}"
    );
    assert!(!rig.app.has_unsaved_text());
    // Esc: back to the picker, which can still start a record.
    rig.send(key(KeyCode::Esc));
    assert!(matches!(rig.app.overlay, Some(Overlay::Picker(_))));
    assert_eq!(counts(&rig), after_open, "the preview wrote something");
    // Opening the family writes its one audit row; the preview none, and
    // no record was made.
    assert_eq!(after_open.0, before.0);
}

#[test]
fn the_preview_snapshots() {
    let mut rig = previewing();
    insta::assert_snapshot!("preview_80x24", screen(&mut rig.app, 80, 24));
    insta::assert_snapshot!("preview_120x40", screen(&mut rig.app, 120, 40));
}
