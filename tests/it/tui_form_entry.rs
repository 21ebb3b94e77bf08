//! Faster entry on the form screen (issue 14): quick dates with their
//! weekday, undo by word, fields a condition makes unnecessary skipped
//! and dimmed, and the family's last record of the form beside it.
//! Drawn into ratatui's TestBackend at 80×24 and 160×48.

use crate::support::form_screen::{all_text, draw, form, go_to, open, press, tab_to, type_text};
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::tui::form_screen::{FormEvent, FormScreen};
use casenotes::tui::theme::Theme;
use chrono::NaiveDate;
use insta::assert_snapshot;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

// ---- dates ---------------------------------------------------------------

#[test]
fn t_y_and_a_month_name_are_dates_shown_with_their_weekday() {
    let mut s = open("visit", Answers::new());
    tab_to(&mut s, "visit_date");
    let slot = Slot::once("visit", "visit_date");
    type_text(&mut s, "t");
    assert_eq!(s.answers().text(&slot), Some("2026-11-22"));
    assert!(
        all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer())
            .contains("Sun 22/11/2026")
    );
    press(&mut s, KeyCode::Backspace);
    type_text(&mut s, "y");
    assert_eq!(s.answers().text(&slot), Some("2026-11-21"));
    press(&mut s, KeyCode::Backspace);
    type_text(&mut s, "3 mar 26");
    assert_eq!(s.answers().text(&slot), Some("2026-03-03"));
    let t = draw(&mut s, (80, 24), &Theme::colour());
    assert_snapshot!("quick_date_80x24", t.backend());
}

#[test]
fn a_day_that_does_not_exist_says_so_beside_the_field() {
    let mut s = open("visit", Answers::new());
    tab_to(&mut s, "visit_date");
    type_text(&mut s, "31/02/2026");
    let text = all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer());
    assert!(text.contains("there is no 31 February 2026"), "{text}");
}

#[test]
fn a_stored_date_is_shown_day_first_with_its_weekday_and_edited_day_first() {
    let mut answers = Answers::new();
    answers.set(
        Slot::once("visit", "visit_date"),
        Value::Text("2026-03-03".into()),
    );
    let mut s = open("visit", answers);
    let text = all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer());
    assert!(text.contains("Tue 03/03/2026"), "{text}");
    assert!(!text.contains("2026-03-03"), "{text}");
    tab_to(&mut s, "visit_date");
    let text = all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer());
    let line = text.lines().find(|l| l.contains("▏03/03/2026")).unwrap();
    assert!(line.contains("Tue 03/03/2026"), "{text}");
}

// ---- fields the answers make unnecessary ---------------------------------

fn focused(s: &FormScreen) -> String {
    s.focused_slot().map(|x| x.field).unwrap_or_default()
}

#[test]
fn tab_passes_why_not_seen_once_the_child_was_seen_and_the_arrows_reach_it() {
    let mut s = open("visit", Answers::new());
    go_to(&mut s, "seeing_child", Some(ChildId(1)));
    assert_eq!(focused(&s), "child_seen");
    // Not yet answered: nothing is decided, so Tab stops at every field.
    press(&mut s, KeyCode::Tab);
    assert_eq!(focused(&s), "why_not_seen");
    press(&mut s, KeyCode::BackTab);
    press(&mut s, KeyCode::Char('y'));
    press(&mut s, KeyCode::Tab);
    assert_eq!(focused(&s), "where_seen");
    press(&mut s, KeyCode::BackTab);
    assert_eq!(focused(&s), "child_seen");
    // The arrows still stop there, so an old answer can be reached.
    press(&mut s, KeyCode::Down);
    assert_eq!(focused(&s), "why_not_seen");
    // Not seen: the question is needed again and Tab stops at it.
    press(&mut s, KeyCode::BackTab);
    assert_eq!(focused(&s), "child_seen");
    press(&mut s, KeyCode::Char('n'));
    press(&mut s, KeyCode::Tab);
    assert_eq!(focused(&s), "why_not_seen");
}

#[test]
fn tab_passes_what_happened_when_the_visit_took_place() {
    let mut s = open("visit", Answers::new());
    tab_to(&mut s, "visit_took_place");
    press(&mut s, KeyCode::Char('y'));
    assert_eq!(press(&mut s, KeyCode::Tab), FormEvent::SectionChanged);
    assert_ne!(focused(&s), "no_access_note");
    assert_eq!(press(&mut s, KeyCode::BackTab), FormEvent::SectionChanged);
    assert_eq!(focused(&s), "visit_took_place");
}

#[test]
fn an_unneeded_field_is_dimmed_and_says_so() {
    let mut s = open("visit", Answers::new());
    go_to(&mut s, "seeing_child", Some(ChildId(1)));
    press(&mut s, KeyCode::Char('y'));
    for (w, h) in [(80, 24), (160, 48)] {
        let t = draw(&mut s, (w, h), &Theme::colour());
        assert_snapshot!(format!("unneeded_field_{w}x{h}"), t.backend());
        let buf = t.backend().buffer();
        let text = all_text(buf);
        let y = text
            .lines()
            .position(|l| l.contains("Why was the child not seen?"))
            .unwrap();
        let line = text.lines().nth(y).unwrap();
        assert!(line.contains("(not needed)"), "{line}");
        let x = line
            .chars()
            .collect::<Vec<_>>()
            .windows(3)
            .position(|w| w.iter().collect::<String>() == "Why")
            .unwrap();
        let theme = Theme::colour();
        assert_eq!(buf[(x as u16, y as u16)].fg, theme.hint.fg.unwrap());
    }
}

// ---- the last record beside the form --------------------------------------

/// An earlier home visit of the Example family, as the service gives it.
fn earlier_visit() -> casenotes::service::PreviousRecord {
    let form = form("visit");
    let children = vec![
        (ChildId(1), "Child A".to_owned()),
        (ChildId(2), "Child B".to_owned()),
    ];
    let mut a = Answers::new();
    let mut set = |section: &str, field: &str, text: &str| {
        a.set(Slot::once(section, field), Value::Text(text.into()));
    };
    set("visit", "practitioner", "Worker Example, Early Help");
    set("visit", "visit_date", "2026-10-20");
    set(
        "purpose",
        "contact_heading",
        "Fortnightly visit to the family home",
    );
    set(
        "purpose",
        "aim",
        "To see how the new morning routine is going and talk with Child A about school.",
    );
    a.set(
        Slot::for_child("seeing_child", ChildId(1), "child_seen"),
        Value::Text("yes".into()),
    );
    let anchors = form
        .sections
        .iter()
        .flat_map(|s| {
            let runs: Vec<Option<ChildId>> = if s.per_child {
                children.iter().map(|(id, _)| Some(*id)).collect()
            } else {
                vec![None]
            };
            runs.into_iter().map(|c| (s.id.clone(), c))
        })
        .collect();
    casenotes::service::PreviousRecord {
        id: casenotes::record::RecordId(7),
        event_date: NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(),
        author: "Worker Example (practitioner)".into(),
        document: casenotes::export::document(
            &form,
            &a,
            &children,
            &casenotes::export::RecordMeta::default(),
        ),
        anchors,
    }
}

fn f4(s: &mut FormScreen) -> FormEvent {
    press(s, KeyCode::F(4))
}

#[test]
fn f4_shows_the_last_record_at_the_section_being_written_and_hides_it() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = open("visit", Answers::new());
        s.set_previous(Some(earlier_visit()));
        press(&mut s, KeyCode::PageDown);
        press(&mut s, KeyCode::PageDown);
        assert_eq!(s.focused_slot().unwrap().section, "purpose");
        assert_eq!(f4(&mut s), FormEvent::Handled);
        let t = draw(&mut s, (w, h), &Theme::colour());
        assert_snapshot!(format!("last_record_{w}x{h}"), t.backend());
        let text = all_text(t.backend().buffer());
        assert!(text.contains("Last record: Tue 20/10/2026"), "{text}");
        assert!(text.contains("Fortnightly visit to the family"), "{text}");
        // Scrolled to the section: the first section's answer is above.
        if h == 24 {
            assert!(!text.contains("Worker Example, Early Help"), "{text}");
        }
        // The form is still there to write in, and typing goes into it.
        press(&mut s, KeyCode::Char('V'));
        assert_eq!(
            s.answers().text(&Slot::once("purpose", "contact_heading")),
            Some("V")
        );
        assert_eq!(f4(&mut s), FormEvent::Handled);
        let text = all_text(draw(&mut s, (w, h), &Theme::colour()).backend().buffer());
        assert!(!text.contains("Last record"), "{text}");
    }
}

#[test]
fn the_last_record_follows_the_page_and_ctrl_p_toggles_it_too() {
    let mut s = open("visit", Answers::new());
    s.set_previous(Some(earlier_visit()));
    s.on_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    let text = all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer());
    assert!(text.contains("Worker Example, Early Help"), "{text}");
    for _ in 0..4 {
        press(&mut s, KeyCode::PageDown);
    }
    assert_eq!(s.focused_slot().unwrap().section, "seeing_child");
    let text = all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer());
    assert!(text.contains("Seeing the child — Child A"), "{text}");
    assert!(!text.contains("Worker Example, Early Help"), "{text}");
    s.on_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    let text = all_text(draw(&mut s, (80, 24), &Theme::colour()).backend().buffer());
    assert!(!text.contains("Last record"), "{text}");
}

#[test]
fn with_no_earlier_record_the_pane_says_so_and_shows_nothing_else() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut s = open("visit", Answers::new());
        s.set_previous(None);
        f4(&mut s);
        let t = draw(&mut s, (w, h), &Theme::colour());
        assert_snapshot!(format!("no_last_record_{w}x{h}"), t.backend());
        let text = all_text(t.backend().buffer());
        assert!(
            text.contains("No earlier record of this form for this family."),
            "{text}"
        );
    }
}

// ---- the last record through the service ----------------------------------

mod through_the_app {
    use crate::support::tui_app::{Rig, ctrl, screen};
    use casenotes::tui::app::{Msg, Screen};

    fn open_own_draft(user: &str, pick: impl Fn(&Rig) -> casenotes::record::RecordId) -> Rig {
        let mut rig = Rig::new(user);
        rig.send(Msg::Tick);
        let id = pick(&rig);
        let loaded = rig.exec.load_record(id).expect("the draft loads");
        rig.send(Msg::Record(Box::new(loaded)));
        assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
        rig
    }

    #[test]
    fn the_familys_finalised_note_shows_beside_the_draft_of_the_same_form() {
        let mut rig = open_own_draft("alex", |r| r.seeded.alex_draft);
        assert!(!screen(&mut rig.app, 80, 24).contains("Home visit, all well"));
        rig.send(ctrl('p'));
        for (w, h) in [(80, 24), (160, 48)] {
            let text = screen(&mut rig.app, w, h);
            assert!(text.contains("Last record: Mon 02/11/2026"), "{text}");
            assert!(text.contains("Home visit, all well"), "{text}");
        }
    }

    #[test]
    fn a_family_with_no_earlier_record_of_the_form_is_told_so() {
        let mut rig = open_own_draft("jo", |r| r.seeded.jo_draft);
        rig.send(ctrl('p'));
        let text = screen(&mut rig.app, 80, 24);
        assert!(
            text.contains("No earlier record of this form for this family."),
            "{text}"
        );
    }
}

// ---- the help still fits ---------------------------------------------------

/// The help overlay at 80x24 holds the form's keys that apply, a blank,
/// three keys that work everywhere, a blank and how to close it, inside a
/// border: 16 of the form's keys at most. The F4 row must not push the
/// last line off on any field (a text of several lines, a table).
#[test]
fn the_forms_keys_fit_the_help_at_80x24_on_every_field() {
    let mut s = open("visit", Answers::new());
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..400 {
        let n = s.keys().len();
        assert!(
            n <= 16,
            "{n} keys at {:?}: {:?}",
            s.focused_slot(),
            s.keys()
        );
        if let Some(slot) = s.focused_slot() {
            seen.insert(slot.field);
        }
        press(&mut s, KeyCode::Tab);
    }
    for field in [
        "aim",
        "smart_actions",
        "visit_date",
        "child_seen",
        "other_information",
    ] {
        assert!(seen.contains(field), "{field} not reached: {seen:?}");
    }
}
