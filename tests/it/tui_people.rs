//! The parents, carers and professionals on a family, from the family
//! screen: `p` adds one, Enter or `e` on one corrects them, they are
//! listed under the children with who they are in words, and the dialog
//! refuses a family member's answers on a professional (and the reverse)
//! on the field (seed 002_66f790c2d2b6d6fc.txt standard 14).

use crate::support::tui_app::{Rig, key, screen};
use casenotes::store::{PersonDetails, PersonKind};
use casenotes::tui::app::{Msg, Overlay, Screen};
use casenotes::tui::dialogs::{Dialog, DialogKind};
use ratatui::crossterm::event::KeyCode;

fn dialog(rig: &Rig) -> &Dialog {
    match &rig.app.overlay {
        Some(Overlay::Dialog(d)) => d,
        _ => panic!("no dialog is open; status: {}", rig.app.status),
    }
}

fn on_family(reference: &str) -> Rig {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    rig.open_family(reference);
    assert_eq!(rig.app.screen(), Screen::Family);
    rig
}

#[test]
fn p_adds_a_professional_who_is_listed_under_the_children_and_corrected_with_e() {
    let mut rig = on_family("FX-0001");
    let family = rig.seeded.example;
    rig.send(key(KeyCode::Char('p')));
    assert!(matches!(dialog(&rig).kind, DialogKind::AddPerson { .. }));
    assert_eq!(rig.app.keys().0, "add a person");
    rig.typed("Hana Visitor");
    rig.press(KeyCode::Tab, 2);
    rig.typed("Health visitor");
    rig.send(key(KeyCode::Tab));
    rig.typed("Example Health");
    rig.send(key(KeyCode::Tab));
    // On "Who they are": Space chooses Professional.
    rig.send(key(KeyCode::Char(' ')));
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{}", rig.app.status);
    assert_eq!(rig.app.status, "Hana Visitor: saved.");
    let stored = rig.reader().people(family).expect("people");
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].details,
        PersonDetails::professional("Hana Visitor", "Health visitor", "Example Health")
    );
    let shown = screen(&mut rig.app, 160, 48);
    assert!(shown.contains("Children (2) and people (1)"), "{shown}");
    assert!(
        shown
            .contains("Hana Visitor                                 professional · Health visitor"),
        "{shown}"
    );

    // The person is after the two children in the same list.
    rig.send(key(KeyCode::BackTab));
    rig.press(KeyCode::Down, 2);
    let (_, keys) = rig.app.keys();
    assert!(keys.contains(&("Enter e", "edit person")), "{keys:?}");
    rig.send(key(KeyCode::Char('e')));
    assert!(matches!(dialog(&rig).kind, DialogKind::EditPerson { .. }));
    assert_eq!(dialog(&rig).inputs[0].edit.value(), "Hana Visitor");
    rig.clear_field();
    rig.typed("Hannah Visitor");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{}", rig.app.status);
    let stored = rig.reader().people(family).expect("people");
    assert_eq!(stored[0].details.name, "Hannah Visitor");
    assert_eq!(stored[0].details.kind, PersonKind::Professional);
}

#[test]
fn a_family_member_needs_a_relationship_and_no_role() {
    let mut rig = on_family("FX-0001");
    rig.send(key(KeyCode::Char('p')));
    rig.typed("Parent A");
    rig.press(KeyCode::Tab, 2);
    rig.typed("Teacher");
    rig.send(key(KeyCode::Enter));
    let d = dialog(&rig);
    assert_eq!(
        d.inputs[1].error.as_deref(),
        Some("Relationship to the children: required for a family member")
    );
    assert!(
        d.inputs[2]
            .error
            .as_deref()
            .unwrap_or("")
            .starts_with("Role: only for a professional")
    );
    assert_eq!(d.focus(), 1);
    assert!(
        rig.reader()
            .people(rig.seeded.example)
            .expect("people")
            .is_empty()
    );
}
