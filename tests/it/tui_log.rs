//! The audit log on screen (issue 16): `l` on the families screen lists
//! who did what to which family or record and when; a supervisor sees
//! everyone's entries, a practitioner their own; the filter line narrows
//! by person, family, action and date, and a filter it cannot use says
//! why. No answer text is ever shown (the log holds none).

use crate::support::tui_app::{Rig, key, screen};
use casenotes::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;

fn open_log(rig: &mut Rig) {
    rig.send(key(KeyCode::Char('l')));
    assert_eq!(rig.app.screen(), Screen::Log, "{}", rig.app.status);
}

fn filter(rig: &mut Rig, text: &str) {
    rig.send(key(KeyCode::Char('/')));
    rig.typed(text);
    rig.send(key(KeyCode::Enter));
}

#[test]
fn a_supervisor_sees_everyones_entries() {
    let mut rig = Rig::new("sam");
    open_log(&mut rig);
    let log = rig.app.log.as_ref().expect("the log screen");
    let who: std::collections::BTreeSet<&str> =
        log.data.entries.iter().map(|e| e.who.as_str()).collect();
    assert!(
        who.contains("alex") && who.contains("jo") && who.contains("sam"),
        "{who:?}"
    );
    insta::assert_snapshot!("audit_log_supervisor_80x24", screen(&mut rig.app, 80, 24));
    insta::assert_snapshot!("audit_log_supervisor_140x40", screen(&mut rig.app, 140, 40));
    // What a record says is never in the log.
    let big = screen(&mut rig.app, 140, 40);
    assert!(!big.contains("Home visit, all well"), "{big}");
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
}

#[test]
fn a_practitioner_sees_only_their_own() {
    let mut rig = Rig::new("alex");
    open_log(&mut rig);
    let log = rig.app.log.as_ref().expect("the log screen");
    assert!(!log.data.entries.is_empty());
    assert!(log.data.entries.iter().all(|e| e.who == "alex"));
    let s = screen(&mut rig.app, 80, 24);
    assert!(s.contains("Your own entries"), "{s}");
}

#[test]
fn the_filter_line_narrows_by_person_family_action_and_date() {
    let mut rig = Rig::new("sam");
    open_log(&mut rig);
    let all = rig.app.log.as_ref().map_or(0, |l| l.data.entries.len());
    filter(
        &mut rig,
        "who:alex action:final family:fx-0001 since:2026-11-01",
    );
    let log = rig.app.log.as_ref().expect("the log screen");
    assert_eq!(log.shown(), 1, "{}", screen(&mut rig.app, 120, 30));
    let s = screen(&mut rig.app, 100, 24);
    assert!(s.contains("1 of"), "{s}");
    assert!(s.contains("alex") && s.contains("finalised"), "{s}");
    // A day with nothing, then a date that is not one.
    rig.send(key(KeyCode::Esc));
    filter(&mut rig, "until:2000-01-01");
    assert_eq!(rig.app.log.as_ref().map(|l| l.shown()), Some(0));
    assert!(screen(&mut rig.app, 80, 24).contains("No entries match."));
    rig.send(key(KeyCode::Esc));
    filter(&mut rig, "since:last-week");
    let s = screen(&mut rig.app, 80, 24);
    assert!(
        s.contains("! since: `last-week` is not a date; write it as YYYY-MM-DD"),
        "{s}"
    );
    // Still typing: put it right.
    for _ in 0.."last-week".len() {
        rig.send(key(KeyCode::Backspace));
    }
    rig.typed("2026-11-01 who:jo");
    rig.send(key(KeyCode::Enter));
    let log = rig.app.log.as_ref().expect("the log screen");
    assert!(log.shown() >= 1 && log.shown() < all);
    // Esc clears the filter, then goes back.
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.log.as_ref().map(|l| l.shown()), Some(all));
    rig.send(key(KeyCode::Esc));
    assert_eq!(rig.app.screen(), Screen::Home);
}
