//! The chronology screen and significant events, driven by messages with
//! no terminal: `h` opens a family's chronology in date order (entries and
//! finalised significant records merged), digits narrow it to one child,
//! `a` adds an entry through a dialog whose messages name the field, and a
//! record finalised as a significant event appears in it. Snapshots at
//! 80×24 and 160×48 of the whole family's chronology and one child's.

use crate::support::tui_app::{Rig, clock_now, d, form, key, screen, today};
use casenotes::chronology::ChronologyRow;
use casenotes::store::{NewChronologyEntry, Store};
use casenotes::tui::app::{Overlay, Screen};
use ratatui::crossterm::event::KeyCode;

fn snap_both(name: &str, rig: &mut Rig) {
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut rig.app, w, h));
    }
}

/// Three entries (one for the whole family, one for each child) written by
/// alex, the longest long enough to wrap at 80 columns.
fn entries(rig: &Rig) {
    let mut alex = Store::open(&rig.path, "alex").expect("opens");
    alex.set_clock(clock_now);
    let s = rig.seeded;
    let add = |alex: &mut Store, date, child, what: &str, impact: &str, source: &str| {
        alex.add_chronology_entry(&NewChronologyEntry {
            family: s.example,
            child,
            date,
            what_happened: what.into(),
            impact: impact.into(),
            source: source.into(),
            record: None,
        })
        .expect("entry added");
    };
    add(
        &mut alex,
        d(2026, 10, 14),
        Some(s.child_a),
        "Started at a new primary school after the move",
        "Child A: anxious in the first week, settling by half term",
        "School, class teacher by phone",
    );
    add(
        &mut alex,
        d(2026, 9, 1),
        None,
        "Family moved to a two-bedroom flat across town, further from grandparents who had \
         collected the children from school every day",
        "Both children: longer journeys; less time with grandparents",
        "Parent, at the home visit",
    );
    add(
        &mut alex,
        d(2026, 11, 3),
        Some(s.child_b),
        "Missed a hospital appointment",
        "",
        "Health visitor",
    );
}

/// alex's draft finalised through the store as a significant event.
fn significant_by_store(rig: &Rig) {
    let mut alex = Store::open(&rig.path, "alex").expect("opens");
    alex.set_clock(clock_now);
    let f = form("tiny_note");
    let r = alex.record(rig.seeded.alex_draft).expect("the draft");
    let mut draft = r.to_draft();
    draft.significant = true;
    alex.finalise(rig.seeded.alex_draft, r.revision, &draft, &f, today())
        .expect("finalised");
}

fn whats(rows: &[ChronologyRow]) -> Vec<&str> {
    rows.iter().map(|r| r.what_happened.as_str()).collect()
}

fn open_chronology(rig: &mut Rig) {
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('h')));
    assert_eq!(rig.app.screen(), Screen::Chronology, "{}", rig.app.status);
}

fn shown(rig: &Rig) -> Vec<ChronologyRow> {
    rig.app
        .chronology
        .as_ref()
        .map(|c| c.rows().to_vec())
        .unwrap_or_default()
}

#[test]
fn h_opens_the_chronology_in_date_order_and_digits_pick_a_child() {
    let mut rig = Rig::new("alex");
    entries(&rig);
    significant_by_store(&rig);
    open_chronology(&mut rig);
    let rows = shown(&rig);
    assert_eq!(
        whats(&rows),
        [
            "Family moved to a two-bedroom flat across town, further from grandparents who had \
             collected the children from school every day",
            "Started at a new primary school after the move",
            "Missed a hospital appointment",
            "Tiny note: Visited after school",
        ]
    );
    assert_eq!(rows[3].record, Some(rig.seeded.alex_draft));
    // Child B: their own rows and the whole family's, not Child A's.
    rig.send(key(KeyCode::Char('2')));
    let rows = shown(&rig);
    assert_eq!(
        whats(&rows)[1..],
        ["Missed a hospital appointment"],
        "{rows:?}"
    );
    rig.send(key(KeyCode::Char('0')));
    assert_eq!(shown(&rig).len(), 4);
    // Enter on a row from a record opens it; leaving comes back here.
    rig.send(key(KeyCode::End));
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Review, "{}", rig.app.status);
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Chronology);
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Family);
}

fn dialog_errors(rig: &Rig) -> Vec<Option<String>> {
    match &rig.app.overlay {
        Some(Overlay::Dialog(d)) => d.inputs.iter().map(|i| i.error.clone()).collect(),
        _ => panic!("no dialog; status: {}", rig.app.status),
    }
}

#[test]
fn a_adds_an_entry_and_every_message_names_its_field() {
    let mut rig = Rig::new("alex");
    open_chronology(&mut rig);
    rig.send(key(KeyCode::Char('1')));
    rig.send(key(KeyCode::Char('a')));
    rig.send(key(KeyCode::Enter));
    let errors = dialog_errors(&rig);
    assert_eq!(errors[0].as_deref(), Some("Date it happened: required"));
    assert_eq!(errors[1].as_deref(), Some("What happened: required"));
    assert_eq!(errors[2], None);
    // A date after today is refused, naming the field.
    rig.typed("2026-12-01");
    rig.send(key(KeyCode::Enter));
    assert_eq!(
        dialog_errors(&rig)[0].as_deref(),
        Some("Date it happened: is after today")
    );
    for _ in 0..10 {
        rig.send(key(KeyCode::Backspace));
    }
    rig.typed("2026-11-24");
    rig.send(key(KeyCode::Tab));
    rig.typed("Told the teacher about worries at home");
    rig.send(key(KeyCode::Tab));
    rig.typed("Child A, relieved to have said it");
    rig.send(key(KeyCode::Tab));
    rig.typed("Class teacher");
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", dialog_errors(&rig));
    assert_eq!(rig.app.status, "Chronology entry added.");
    assert_eq!(rig.app.screen(), Screen::Chronology);
    // Stored about Child A (the child shown when `a` was pressed).
    let stored = rig.reader().chronology(rig.seeded.example).expect("rows");
    assert_eq!(stored.len(), 1);
    let e = &stored[0].entry;
    assert_eq!(e.date, d(2026, 11, 24));
    assert_eq!(e.child, Some(rig.seeded.child_a));
    assert_eq!(e.impact, "Child A, relieved to have said it");
    assert_eq!(e.source, "Class teacher");
    assert_eq!(stored[0].author, "alex");
    // The screen and the family's own list show it now.
    assert_eq!(
        whats(&shown(&rig)),
        ["Told the teacher about worries at home"]
    );
    let family = rig.app.family.as_ref().expect("family");
    assert_eq!(family.view.chronology.len(), 1);
}

#[test]
fn the_entry_dialog_can_be_about_the_whole_family_or_a_chosen_child() {
    let mut rig = Rig::new("alex");
    open_chronology(&mut rig);
    rig.send(key(KeyCode::Char('a')));
    rig.typed("2026-11-20");
    rig.send(key(KeyCode::Tab));
    rig.typed("Grandmother moved in");
    // To "About", then two steps: the whole family, Child A, Child B.
    for _ in 0..3 {
        rig.send(key(KeyCode::Tab));
    }
    rig.send(key(KeyCode::Right));
    rig.send(key(KeyCode::Char(' ')));
    rig.send(key(KeyCode::Enter));
    assert!(rig.app.overlay.is_none(), "{:?}", dialog_errors(&rig));
    let stored = rig.reader().chronology(rig.seeded.example).expect("rows");
    assert_eq!(stored[0].entry.child, Some(rig.seeded.child_b));
}

/// Finishes alex's draft through the keys, answering the significant
/// question with `answer`.
fn finalise_draft(rig: &mut Rig, answer: char) {
    rig.open_family("FX-0001");
    let pos = rig
        .app
        .family
        .as_ref()
        .and_then(|f| {
            f.view
                .records
                .iter()
                .position(|r| r.id == rig.seeded.alex_draft)
        })
        .expect("the draft is listed");
    for _ in 0..pos {
        rig.send(key(KeyCode::Down));
    }
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
    rig.send(key(KeyCode::F(5)));
    rig.send(key(KeyCode::Char('f')));
    assert!(
        matches!(rig.app.overlay, Some(Overlay::FinaliseSignificant(_))),
        "the question was not asked"
    );
    // Enter alone decides nothing: the answer must be said.
    rig.send(key(KeyCode::Enter));
    assert!(matches!(
        rig.app.overlay,
        Some(Overlay::FinaliseSignificant(_))
    ));
    rig.send(key(KeyCode::Char(answer)));
    assert!(rig.app.overlay.is_none());
    assert!(
        rig.app.open.as_ref().is_some_and(|o| !o.draft),
        "{}",
        rig.app.status
    );
}

#[test]
fn a_record_finalised_as_significant_is_in_the_chronology() {
    let mut rig = Rig::new("alex");
    finalise_draft(&mut rig, 'y');
    assert!(
        rig.app
            .status
            .ends_with("; a significant event, now in the chronology"),
        "{}",
        rig.app.status
    );
    let r = rig.reader().record(rig.seeded.alex_draft).expect("record");
    assert!(r.significant);
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Family);
    // The family screen's own chronology pane lists it too.
    let pane = &rig.app.family.as_ref().expect("the family").view.chronology;
    assert_eq!(pane.len(), 1, "{pane:?}");
    assert_eq!(pane[0].what, "Tiny note: Visited after school");
    assert_eq!(pane[0].date, d(2026, 11, 16));
    assert_eq!(pane[0].child.as_deref(), Some("Child A"));
    rig.send(key(KeyCode::Char('h')));
    let rows = shown(&rig);
    assert_eq!(whats(&rows), ["Tiny note: Visited after school"]);
    assert_eq!(rows[0].date, d(2026, 11, 16));
    assert_eq!(rows[0].children, vec![rig.seeded.child_a]);
    assert_eq!(rows[0].source, "Tiny note by alex");
}

#[test]
fn a_record_finalised_as_not_significant_stays_out_of_it() {
    let mut rig = Rig::new("alex");
    finalise_draft(&mut rig, 'n');
    let r = rig.reader().record(rig.seeded.alex_draft).expect("record");
    assert!(!r.significant);
    rig.send(key(KeyCode::Esc));
    rig.send(key(KeyCode::Char('h')));
    assert!(shown(&rig).is_empty());
}

#[test]
fn snapshot_chronology_whole_family_and_one_child() {
    let mut rig = Rig::new("alex");
    entries(&rig);
    significant_by_store(&rig);
    open_chronology(&mut rig);
    snap_both("chronology_all", &mut rig);
    rig.send(key(KeyCode::Char('1')));
    snap_both("chronology_child_a", &mut rig);
}

#[test]
fn snapshot_chronology_entry_dialog_and_finalise_question() {
    let mut rig = Rig::new("alex");
    open_chronology(&mut rig);
    rig.send(key(KeyCode::Char('a')));
    rig.typed("2026-12-01");
    rig.send(key(KeyCode::Enter));
    insta::assert_snapshot!(
        "chronology_entry_dialog_80x24",
        screen(&mut rig.app, 80, 24)
    );
    rig.send(key(KeyCode::Esc));
    rig.send(key(KeyCode::Esc));
    rig.send(key(KeyCode::Esc));
    // Back home: the draft from the family, to the finalise question.
    finalise_question(&mut rig);
    insta::assert_snapshot!("finalise_question_80x24", screen(&mut rig.app, 80, 24));
}

fn finalise_question(rig: &mut Rig) {
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Enter));
    rig.send(key(KeyCode::F(5)));
    rig.send(key(KeyCode::Char('f')));
    assert!(matches!(
        rig.app.overlay,
        Some(Overlay::FinaliseSignificant(_))
    ));
}
