//! The screens that look things up (issue 14), driven by messages with no
//! terminal: `a` on a family opens its action register (open actions
//! first, overdue marked `!!`, history under each), `/` on a family and
//! `s` on the families search records and open the one chosen at the
//! answer that matched. Snapshots at 80×24 and 160×48.

use crate::support::forms::actions_section;
use crate::support::tui_app::{Rig, clock_now, d, key, screen, today};
use casenotes::form::carry::{CARRIED_FIELD, COL_OUTCOME, COL_REASON, DROPPED};
use casenotes::form::{FormSource, parse_form};
use casenotes::record::{Answers, Row, Slot, Value};
use casenotes::service::actions::start_answers;
use casenotes::store::{RecordDraft, Store};
use casenotes::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;

const ACTIONS_FORM_HEAD: &str = r#"
id = "action_note"
version = 1
title = "Note with actions"
purpose = "Tests the register screen."

[[section]]
id = "since"
title = "Since last time"
carry_forward = "actions"

[[section.field]]
id = "note"
label = "Note"
kind = "text"
"#;

fn snap_both(name: &str, rig: &mut Rig) {
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut rig.app, w, h));
    }
}

fn row(what: &str, who: &str, by: &str) -> Row {
    [("what", what), ("who", who), ("by_when", by)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Alex finalises a note setting three actions for the example family,
/// then a second that drops one of them.
fn actions(rig: &Rig) {
    let form = parse_form(
        "a.toml",
        &format!("{ACTIONS_FORM_HEAD}{}", actions_section(true)),
        FormSource::BuiltIn,
    )
    .unwrap();
    let mut alex = Store::open(&rig.path, "alex").unwrap();
    alex.set_clock(clock_now);
    let fam = rig.seeded.example;
    let finalise = |alex: &mut Store, answers: Answers, on| {
        let draft = RecordDraft {
            event_date: on,
            significant: false,
            children: vec![rig.seeded.child_a],
            answers,
        };
        let id = alex.create_record(fam, &form, &draft).unwrap();
        alex.finalise(id, 1, &draft, &form, today()).unwrap();
    };
    let mut a = Answers::new();
    a.set(
        Slot::once("acts", "smart"),
        Value::Rows(vec![
            row("Book the dentist for Child A", "Parent", "2026-11-10"),
            row("Ask school about attendance", "alex", "2026-12-10"),
            row("Fix the bedroom door", "Landlord", "2026-12-20"),
        ]),
    );
    finalise(&mut alex, a, d(2026, 11, 3));
    let mut start = start_answers(&alex, &form, fam, today()).unwrap();
    let slot = Slot::once("since", CARRIED_FIELD);
    let Some(Value::Rows(mut rows)) = start.get(&slot).cloned() else {
        panic!("carried rows")
    };
    // Only the door is settled: the landlord has already fixed it.
    rows.retain(|r| r.get("what").is_some_and(|w| w.contains("door")));
    rows[0].insert(COL_OUTCOME.into(), DROPPED.into());
    rows[0].insert(
        COL_REASON.into(),
        "The landlord fixed it before we asked".into(),
    );
    start.set(slot, Value::Rows(rows));
    finalise(&mut alex, start, d(2026, 11, 17));
}

#[test]
fn a_opens_the_register_open_first_with_the_overdue_marked() {
    let mut rig = Rig::new("alex");
    actions(&rig);
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('a')));
    assert_eq!(rig.app.screen(), Screen::Register);
    let text = screen(&mut rig.app, 80, 24);
    assert!(text.contains("!! 1 overdue"), "{text}");
    let dentist = text.find("Book the dentist").unwrap();
    let door = text.find("Fix the bedroom door").unwrap();
    assert!(dentist < door, "open actions first");
    assert!(text.contains("dropped: The landlord fixed it"), "{text}");
    snap_both("register", &mut rig);
    // Enter opens the record that set the action; Esc comes back.
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Review);
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Register);
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Family);
}

#[test]
fn slash_on_a_family_searches_its_records_and_opens_the_match() {
    let mut rig = Rig::new("alex");
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('/')));
    assert_eq!(rig.app.screen(), Screen::Search);
    rig.typed("schoo");
    rig.send(key(KeyCode::Enter));
    let text = screen(&mut rig.app, 80, 24);
    assert!(text.contains("1 record(s) found"), "{text}");
    assert!(text.contains("Visited after school"), "{text}");
    snap_both("search_family", &mut rig);
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Form);
    let log = rig.reader().search_audit().unwrap();
    assert_eq!(log, [("alex".into(), "family".into(), 1)]);
}

#[test]
fn s_on_the_families_searches_the_caseload_and_not_others_drafts() {
    let mut rig = Rig::new("alex");
    rig.send(key(KeyCode::Char('s')));
    assert_eq!(rig.app.screen(), Screen::Search);
    // Jo's draft mentions school too, but it is Jo's.
    rig.typed("school");
    rig.send(key(KeyCode::Enter));
    let text = screen(&mut rig.app, 80, 24);
    assert!(text.contains("1 record(s) found"), "{text}");
    assert!(!text.contains("Phone call"), "{text}");
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
}
