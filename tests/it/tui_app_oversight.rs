//! Management oversight and roles in the app, driven by messages with no
//! terminal: the family screen says when oversight was last recorded and
//! flags a family with none within the configured period; `o` and the form
//! picker refuse a practitioner in plain words before anything is typed; a
//! supervisor starts oversight and comments on someone else's record.

use crate::support::tui_app::{Rig, clock_now, ctrl, d, form, key, screen, today};
use casenotes::record::{Answers, Slot, Value};
use casenotes::store::{RecordDraft, Store};
use casenotes::tui::app::{Overlay, Screen};
use ratatui::crossterm::event::KeyCode;

/// Records a finalised oversight by sam on a family, dated `when`.
fn oversight_by_sam(rig: &Rig, family: casenotes::store::FamilyId, when: chrono::NaiveDate) {
    let mut sam = Store::open(&rig.path, "sam").expect("opens");
    sam.set_clock(clock_now);
    let f = form("management_oversight");
    let mut answers = Answers::new();
    answers.set(
        Slot::once("main", "decision"),
        Value::Text("Plan agreed; review in a month.".into()),
    );
    let draft = RecordDraft {
        event_date: when,
        significant: false,
        children: Vec::new(),
        answers,
    };
    let id = sam.create_record(family, &f, &draft).expect("created");
    sam.finalise(id, 1, &draft, &f, today()).expect("finalised");
}

#[test]
fn a_family_without_oversight_in_the_period_is_flagged_in_words() {
    let mut rig = Rig::new("alex");
    rig.open_family("FX-0001");
    assert_eq!(rig.app.screen(), Screen::Family, "{}", rig.app.status);
    let view = &rig.app.family.as_ref().expect("family").view;
    assert!(view.oversight.overdue);
    assert_eq!(view.oversight.last, None);
    assert_eq!(view.oversight.due, Some(d(2026, 10, 1)));
    let s = screen(&mut rig.app, 80, 24);
    assert!(
        s.contains("!! No oversight within 1 month · none recorded · was due 01/10/2026"),
        "{s}"
    );
}

/// An oversight draft a manager started and left empty is not oversight
/// given: the family stays flagged (issue 10).
#[test]
fn an_empty_oversight_draft_does_not_count_as_the_last_oversight() {
    let mut rig = Rig::new("alex");
    {
        let mut sam = Store::open(&rig.path, "sam").expect("opens");
        sam.set_clock(clock_now);
        let f = form("management_oversight");
        let draft = RecordDraft {
            event_date: d(2026, 11, 10),
            significant: false,
            children: Vec::new(),
            answers: Answers::new(),
        };
        sam.create_record(rig.seeded.sample, &f, &draft)
            .expect("an empty draft");
    }
    rig.open_family("FX-0002");
    let view = &rig.app.family.as_ref().expect("family").view;
    assert_eq!(
        view.oversight.last, None,
        "a draft is not the last oversight"
    );
}

#[test]
fn the_last_oversight_is_shown_with_who_recorded_it() {
    let mut rig = Rig::new("alex");
    oversight_by_sam(&rig, rig.seeded.sample, d(2026, 11, 10));
    rig.open_family("FX-0002");
    let view = &rig.app.family.as_ref().expect("family").view;
    assert!(!view.oversight.overdue);
    let last = view.oversight.last.as_ref().expect("a last oversight");
    assert_eq!((last.date, last.by.as_str()), (d(2026, 11, 10), "sam"));
    let s = screen(&mut rig.app, 80, 24);
    assert!(
        s.contains(
            "Oversight: last 10/11/2026 by sam (Management oversight) · next due 10/12/2026"
        ),
        "{s}"
    );
}

#[test]
fn o_tells_a_practitioner_plainly_and_opens_nothing() {
    let mut rig = Rig::new("alex");
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('o')));
    assert!(rig.app.overlay.is_none(), "the picker opened");
    assert!(
        rig.app
            .status
            .starts_with("Only supervisors can record oversight; you (alex) are not one."),
        "{}",
        rig.app.status
    );
    let s = screen(&mut rig.app, 80, 24);
    assert!(s.contains("Only supervisors can record oversight"), "{s}");
}

#[test]
fn the_picker_refuses_a_supervisors_only_form_to_a_practitioner() {
    let mut rig = Rig::new("alex");
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('n')));
    rig.send(key(KeyCode::Down));
    rig.send(key(KeyCode::Enter));
    match &rig.app.overlay {
        Some(Overlay::Picker(p)) => {
            let e = p.error.as_deref().unwrap_or("");
            assert!(
                e.starts_with("Form: only a supervisor can write Management oversight"),
                "{e}"
            );
        }
        _ => panic!("the picker should stay open with its message"),
    }
    assert_eq!(rig.app.screen(), Screen::Family);
}

#[test]
fn o_opens_oversight_for_a_supervisor() {
    let mut rig = Rig::new("sam");
    rig.open_family("FX-0001");
    rig.send(key(KeyCode::Char('o')));
    match &rig.app.overlay {
        Some(Overlay::Picker(p)) => assert_eq!(
            p.form().map(|f| f.id.as_str()),
            Some("management_oversight")
        ),
        _ => panic!("no picker; status: {}", rig.app.status),
    }
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
    assert_eq!(
        rig.app.open.as_ref().map(|o| o.form.id.as_str()),
        Some("management_oversight")
    );
}

#[test]
fn a_supervisor_comments_on_a_practitioners_record_as_an_addendum() {
    let mut rig = Rig::new("sam");
    rig.open_family("FX-0001");
    let pos = rig
        .app
        .family
        .as_ref()
        .and_then(|f| {
            f.view
                .records
                .iter()
                .position(|r| r.id == rig.seeded.alex_final)
        })
        .expect("alex's note is listed");
    for _ in 0..pos {
        rig.send(key(KeyCode::Down));
    }
    rig.send(key(KeyCode::Enter));
    assert_eq!(rig.app.screen(), Screen::Review, "{}", rig.app.status);
    rig.send(key(KeyCode::Char('a')));
    assert!(matches!(rig.app.overlay, Some(Overlay::Addendum(_))));
    rig.typed("Agree with the plan; see me before the review.");
    rig.send(ctrl('s'));
    assert!(rig.app.overlay.is_none(), "{}", rig.app.status);
    assert_eq!(rig.app.status, "Addendum added.");
    let addenda = rig
        .reader()
        .addenda(rig.seeded.alex_final)
        .expect("addenda");
    assert_eq!(addenda.len(), 1);
    assert_eq!(addenda[0].author, "sam");
    assert_eq!(
        addenda[0].text,
        "Agree with the plan; see me before the review."
    );
    // The original stays as written, by its author.
    let r = rig.reader().record(rig.seeded.alex_final).expect("record");
    assert_eq!(r.author, "alex");
    assert_eq!(r.finalised_by.as_deref(), Some("alex"));
}
