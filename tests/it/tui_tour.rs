//! The guided tour in the app (issue 17): its steps checked as data with
//! file:line:column, and two steps drawn over the real screens they are
//! about (snapshots), with keys going to the tour only while it runs.

use crate::support::tui_app::{Rig, key, screen};
use casenotes::demo::tour::{Tour, TourScreen};
use casenotes::tui::app::{Msg, Screen};
use ratatui::crossterm::event::KeyCode;

fn problems(text: &str) -> Vec<String> {
    Tour::parse("t.toml", text)
        .unwrap_err()
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

const STEP: &str = "[[step]]\nscreen = \"family\"\ntitle = \"A\"\ntext = \"B\"\nsource = \"001_e08e81dd70c4fa85.txt\"\n";

#[test]
fn a_tour_file_is_checked_with_file_line_and_column() {
    let good = format!("title = \"T\"\n{STEP}");
    let t = Tour::parse("t.toml", &good).unwrap();
    assert_eq!(t.steps[0].screen, TourScreen::Family);
    // An unknown screen, at its value.
    let p = problems(&good.replace("\"family\"", "\"attic\""));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("t.toml:3:10: "), "{p:?}");
    assert!(p[0].contains("families, family, draft, record, due, chronology"));
    // An empty text, at its value.
    let p = problems(&good.replace("text = \"B\"", "text = \"  \""));
    assert!(p[0].starts_with("t.toml:5:8: `text` is empty"), "{p:?}");
    // A key that is not part of a step.
    let p = problems(&good.replace("title = \"A\"", "titel = \"A\""));
    assert!(p[0].starts_with("t.toml:"), "{p:?}");
    assert!(p[0].contains("titel"), "{p:?}");
    // Broken TOML, and no steps at all.
    let p = problems("title = \"T\"\n[[step]\n");
    assert!(p[0].starts_with("t.toml:2:"), "{p:?}");
    let p = problems("title = \"T\"\n");
    assert!(p[0].contains("no steps"), "{p:?}");
}

fn touring() -> Rig {
    let mut rig = Rig::new("alex");
    rig.send(Msg::Tick);
    rig.send(Msg::StartTour(Box::new(Tour::built_in().unwrap())));
    assert!(rig.app.touring());
    rig
}

#[test]
fn the_tours_first_step_over_the_families() {
    let mut rig = touring();
    assert_eq!(rig.app.screen(), Screen::Home);
    insta::assert_snapshot!("tour_step1_80x24", screen(&mut rig.app, 80, 24));
}

#[test]
fn the_red_markers_step_over_the_draft_and_keys_go_to_the_tour() {
    let mut rig = touring();
    for _ in 0..4 {
        rig.send(key(KeyCode::Right));
    }
    assert_eq!(rig.app.screen(), Screen::Form, "{}", rig.app.status);
    // Typing reaches neither the form nor the draft.
    rig.typed("zz");
    assert!(!rig.app.has_unsaved_text());
    insta::assert_snapshot!("tour_step5_100x30", screen(&mut rig.app, 100, 30));
    // Back a step: the finished record, read as a whole.
    rig.send(key(KeyCode::Left));
    assert_eq!(rig.app.screen(), Screen::Review);
    rig.send(key(KeyCode::Esc));
    assert!(!rig.app.touring());
    assert!(
        rig.app.status.starts_with("Tour over"),
        "{}",
        rig.app.status
    );
}
