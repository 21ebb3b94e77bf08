//! The form screen and the review screen drawn into ratatui's TestBackend:
//! text snapshots at 80×24 (SSH) and 160×48 (projector), and the styles a
//! text snapshot cannot show (the child's voice, missing marks, no colour
//! under NO_COLOR, escape sequences made visible).

use crate::support::form_screen::{
    all_text, ctrl, draw, form, go_to, open, press, row_text, tab_to, today, type_text,
};
use casenotes::record::{Answers, ChildId, Row, Slot, Value};
use casenotes::tui::form_screen::{FormEvent, FormScreen};
use casenotes::tui::theme::{CHILD_VOICE_LABEL, MISSING_MARK, Theme};
use chrono::NaiveDate;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap(name: &str, s: &mut FormScreen, theme: &Theme) {
    for size in SIZES {
        let t = draw(s, size, theme);
        assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), t.backend());
    }
}

/// Where a text starts in the buffer (cells compared one by one, so it
/// works with the wide and narrow characters used here).
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let chars: Vec<String> = needle.chars().map(String::from).collect();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let fits = chars.iter().enumerate().all(|(i, c)| {
                let cx = x as usize + i;
                cx < area.right() as usize && buf[(cx as u16, y)].symbol() == c
            });
            if fits {
                return Some((x, y));
            }
        }
    }
    None
}

// ---- the form screen ---------------------------------------------------

#[test]
fn visit_empty_shows_missing_marks() {
    let mut s = open("visit", Answers::new());
    snap("visit_empty", &mut s, &Theme::colour());
}

#[test]
fn visit_child_not_seen_shows_the_new_requirement() {
    let mut s = open("visit", Answers::new());
    go_to(&mut s, "seeing_child", Some(ChildId(1)));
    assert_eq!(press(&mut s, KeyCode::Char('n')), FormEvent::Edited);
    snap("visit_child_not_seen", &mut s, &Theme::colour());
    let t = draw(&mut s, (80, 24), &Theme::colour());
    let text = all_text(t.backend().buffer());
    assert!(
        text.contains("required because “Was the child seen?” is No"),
        "{text}"
    );
}

fn voice_answers() -> Answers {
    let mut a = Answers::new();
    a.set(
        Slot::for_child("child_voice", ChildId(1), "child_views"),
        Value::Text(
            "\"I like my new school and my teacher.\"\nWorried about Mum being sad sometimes."
                .into(),
        ),
    );
    a.set(
        Slot::for_child("child_voice", ChildId(1), "understands_plan"),
        Value::Text("Partly".into()),
    );
    a
}

#[test]
fn visit_child_voice_page_for_one_child() {
    let mut s = open("visit", voice_answers());
    go_to(&mut s, "child_voice", Some(ChildId(1)));
    press(&mut s, KeyCode::Tab);
    snap("visit_child_voice", &mut s, &Theme::colour());
}

#[test]
fn child_voice_label_is_drawn_in_the_child_voice_style() {
    let theme = Theme::colour();
    let mut s = open("visit", voice_answers());
    go_to(&mut s, "child_voice", Some(ChildId(1)));
    for size in SIZES {
        let t = draw(&mut s, size, &theme);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, CHILD_VOICE_LABEL).expect("label drawn");
        for i in 0..CHILD_VOICE_LABEL.chars().count() as u16 {
            assert_eq!(buf[(x + i, y)].fg, theme.child_voice.fg.unwrap());
        }
        // The side list stars both children's entries.
        let a = find(buf, "— Child A").is_some();
        assert!(a, "{}", all_text(buf));
    }
}

#[test]
fn missing_mark_is_drawn_in_the_missing_style() {
    let theme = Theme::colour();
    let mut s = open("visit", Answers::new());
    let t = draw(&mut s, (80, 24), &theme);
    let buf = t.backend().buffer();
    // The practitioner's field is the first on the page, and missing.
    let (_, y) = find(buf, "Name and role of practitioner").unwrap();
    let (mx, my) = (0..buf.area.width)
        .map(|x| (x, y))
        .find(|&(x, y)| buf[(x, y)].symbol() == MISSING_MARK)
        .expect("missing mark on the field's row");
    assert_eq!(buf[(mx, my)].fg, theme.missing.fg.unwrap());
    assert!(
        buf[(mx, my)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    );
    // The header shows the total.
    assert!(row_text(buf, 0).contains("missing"));
}

fn table_screen() -> FormScreen {
    let mut s = open("visit", Answers::new());
    go_to(&mut s, "actions", None);
    ctrl(&mut s, 'a');
    type_text(&mut s, "Book a dental check-up");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "Parent A");
    press(&mut s, KeyCode::Tab);
    type_text(&mut s, "05/12/2026");
    ctrl(&mut s, 'a');
    type_text(&mut s, "Ask school about attendance");
    press(&mut s, KeyCode::Tab);
    s
}

#[test]
fn visit_actions_table() {
    let mut s = table_screen();
    snap("visit_table", &mut s, &Theme::colour());
}

#[test]
fn case_supervision_scale() {
    let mut s = open("case_supervision", Answers::new());
    let f = form("case_supervision");
    let section = f.field("harm_scale").unwrap().0.id.clone();
    go_to(&mut s, &section, None);
    tab_to(&mut s, "harm_scale");
    for _ in 0..4 {
        press(&mut s, KeyCode::Right);
    }
    snap("scale", &mut s, &Theme::colour());
}

#[test]
fn guidance_pane_shown_and_hidden() {
    // Hidden by default below 100 columns, shown by F2.
    let mut s = open("visit", Answers::new());
    let t = draw(&mut s, (80, 24), &Theme::colour());
    assert!(find(t.backend().buffer(), "Guidance").is_none());
    assert_eq!(press(&mut s, KeyCode::F(2)), FormEvent::Handled);
    let t = draw(&mut s, (80, 24), &Theme::colour());
    assert!(find(t.backend().buffer(), "Guidance").is_some());
    assert_snapshot!("guidance_shown_80x24", t.backend());
    // Too long for its pane at 80x24: Shift-PgDn scrolls it (issue 10),
    // and the whole of it can be read.
    let all_before = all_text(t.backend().buffer());
    let shift = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
    let mut seen = all_before.clone();
    for _ in 0..10 {
        assert_eq!(s.on_key(shift(KeyCode::PageDown)), FormEvent::Handled);
        let t = draw(&mut s, (80, 24), &Theme::colour());
        seen.push_str(&all_text(t.backend().buffer()));
    }
    assert_ne!(seen, all_before, "the guidance moved");
    assert!(
        seen.contains("seen instead."),
        "the end of the guidance can be reached"
    );
    // Still on the same page: Shift-PgDn did not turn it.
    let t = draw(&mut s, (80, 24), &Theme::colour());
    assert!(find(t.backend().buffer(), "Name and role of practitioner").is_some());

    // Shown by default from 100 columns, hidden by Ctrl-G.
    let mut s = open("visit", Answers::new());
    let t = draw(&mut s, (160, 48), &Theme::colour());
    assert!(find(t.backend().buffer(), "Guidance").is_some());
    assert_snapshot!("guidance_shown_160x48", t.backend());
    ctrl(&mut s, 'g');
    let t = draw(&mut s, (160, 48), &Theme::colour());
    assert!(find(t.backend().buffer(), "Guidance").is_none());
    assert_snapshot!("guidance_hidden_160x48", t.backend());
}

fn assert_no_colour(buf: &Buffer) {
    for y in buf.area.top()..buf.area.bottom() {
        for x in buf.area.left()..buf.area.right() {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, Color::Reset, "fg at {x},{y}");
            assert_eq!(c.bg, Color::Reset, "bg at {x},{y}");
        }
    }
}

#[test]
fn plain_theme_draws_no_colour() {
    let theme = Theme::plain();
    let mut s = open("visit", voice_answers());
    go_to(&mut s, "child_voice", Some(ChildId(1)));
    let t = draw(&mut s, (80, 24), &theme);
    assert_snapshot!("visit_child_voice_plain_80x24", t.backend());
    assert_no_colour(t.backend().buffer());
    // Without colour the child's voice still stands apart from the other
    // labels, which are bold too (issue 10): reverse video besides the ★.
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "CHILD").expect("the child's-voice label");
    assert!(
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    let (x, y) = find(buf, "The visit").expect("an ordinary heading");
    assert!(
        !buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    // Every kind of field, focused and not, the table editor included.
    let mut s = table_screen();
    for size in SIZES {
        assert_no_colour(draw(&mut s, size, &theme).backend().buffer());
    }
    press(&mut s, KeyCode::F(2));
    for page in 0..20 {
        for size in SIZES {
            assert_no_colour(draw(&mut s, size, &theme).backend().buffer());
        }
        let _ = page;
        press(&mut s, KeyCode::PageUp);
        press(&mut s, KeyCode::Tab);
    }
}

#[test]
fn escape_sequences_in_answers_are_drawn_escaped() {
    let mut a = Answers::new();
    a.set(
        Slot::once("visit", "venue"),
        Value::Text("Home\u{1b}[2J".into()),
    );
    a.set(
        Slot::once("visit", "practitioner"),
        Value::Text("Sam\u{1b}]0;owned\u{7}".into()),
    );
    let mut s = open("visit", a);
    let check = |s: &mut FormScreen| {
        let t = draw(s, (80, 24), &Theme::colour());
        let buf = t.backend().buffer();
        let text = all_text(buf);
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
        text
    };
    // The practitioner's field has the focus (drawn by the text editor);
    // the venue is drawn from the answer.
    let text = check(&mut s);
    assert!(text.contains("Home^[[2J"), "{text}");
    assert!(text.contains("Sam^[]0;owned^G"), "{text}");
    tab_to(&mut s, "venue");
    let text = check(&mut s);
    assert!(text.contains("Home^[[2J"), "{text}");
}

#[test]
fn a_child_voice_section_is_marked_for_every_child_in_the_side_list() {
    let theme = Theme::colour();
    let mut s = open("visit", Answers::new());
    let t = draw(&mut s, (160, 48), &theme);
    let buf = t.backend().buffer();
    assert!(find(buf, "★ Child's views").is_some(), "{}", all_text(buf));
    for child in ["Child A", "Child B"] {
        // Each child has two entries (seeing the child, their voice); the
        // voice entry is starred in the child's-voice style.
        let row = (0..buf.area.height)
            .find(|&y| {
                let r = row_text(buf, y);
                r.contains(child) && r.split('│').next().is_some_and(|side| side.contains('★'))
            })
            .expect("a starred entry per child");
        let x = (0..buf.area.width)
            .find(|&x| buf[(x, row)].symbol() == "★")
            .expect("starred");
        assert_eq!(buf[(x, row)].fg, theme.child_voice.fg.unwrap());
    }
}

#[test]
fn stored_table_rows_draw_without_the_focus() {
    let mut a = Answers::new();
    let mut r = Row::new();
    r.insert("what".into(), "Book a dental check-up".into());
    a.set(Slot::once("actions", "smart_actions"), Value::Rows(vec![r]));
    let mut s = open("visit", a);
    go_to(&mut s, "actions", None);
    press(&mut s, KeyCode::Tab);
    let t = draw(&mut s, (80, 24), &Theme::colour());
    let text = all_text(t.backend().buffer());
    assert!(text.contains("Book a dental"), "{text}");
    assert!(text.contains("row 1: Who is required"), "{text}");
}

// ---- the review screen -------------------------------------------------

use casenotes::export::{Addendum, RecordMeta};
use casenotes::tui::review::{ReviewContext, ReviewEvent, ReviewScreen};

fn text(a: &mut Answers, slot: Slot, v: &str) {
    a.set(slot, Value::Text(v.into()));
}

/// Every required answer of the visit form, for two children.
fn complete_visit() -> Answers {
    let mut a = Answers::new();
    for (f, v) in [
        ("practitioner", "Sam Worker, family support worker"),
        ("visit_date", "2026-11-20"),
        ("visit_time", "10:30"),
        ("duration_minutes", "60"),
        ("venue", "Family home"),
        ("visit_type", "Case worker visit child seen"),
        ("announced", "Announced"),
        ("visit_took_place", "yes"),
    ] {
        text(&mut a, Slot::once("visit", f), v);
    }
    text(&mut a, Slot::once("last_visit", "issues_last_visit"), "no");
    for (f, v) in [
        ("contact_heading", "Home visit to Child A and Child B"),
        ("aim", "See both children and their new bedroom."),
        ("aim_linked_to_plan", "yes"),
        (
            "aim_plan_note",
            "Outcome 2 of the plan: a safe, settled home.",
        ),
    ] {
        text(&mut a, Slot::once("purpose", f), v);
    }
    let mut row = Row::new();
    row.insert("name".into(), "Parent A".into());
    row.insert("role".into(), "Mother".into());
    row.insert("seen".into(), "yes".into());
    a.set(
        Slot::once("present", "people_present"),
        Value::Rows(vec![row]),
    );
    for child in [ChildId(1), ChildId(2)] {
        for (f, v) in [
            ("child_seen", "yes"),
            ("where_seen", "Their bedroom"),
            ("seen_alone", "yes"),
            (
                "child_observations",
                "Relaxed, playing with building blocks.",
            ),
        ] {
            text(&mut a, Slot::for_child("seeing_child", child, f), v);
        }
        text(
            &mut a,
            Slot::for_child("child_voice", child, "child_views"),
            "\"I like my new room. I miss Nan.\"",
        );
        text(
            &mut a,
            Slot::for_child("child_voice", child, "understands_plan"),
            "Yes",
        );
    }
    text(
        &mut a,
        Slot::once("observations", "home_observations"),
        "Warm, tidy, food in.",
    );
    text(&mut a, Slot::once("progress", "plan_progress"), "On track.");
    for (f, v) in [
        ("working_well", "Routines are back in place."),
        ("worried_about", "Mum's low mood."),
        ("needs_to_happen", "GP appointment for Mum."),
        ("hypothesis", "Stress about housing lowers Mum's mood."),
    ] {
        text(&mut a, Slot::once("analysis", f), v);
    }
    let mut act = Row::new();
    act.insert("what".into(), "Book a GP appointment".into());
    act.insert("who".into(), "Parent A".into());
    act.insert("by_when".into(), "2026-12-05".into());
    a.set(
        Slot::once("actions", "smart_actions"),
        Value::Rows(vec![act]),
    );
    a
}

fn review(answers: Answers) -> ReviewScreen {
    ReviewScreen::new(ReviewContext {
        form: form("visit"),
        children: vec![
            (ChildId(1), "Child A".into()),
            (ChildId(2), "Child B".into()),
        ],
        answers,
        meta: RecordMeta {
            title: "Home visit".into(),
            family_label: "FX-0001 Example family".into(),
            event_date: NaiveDate::from_ymd_opt(2026, 11, 20),
            author: "Sam Worker".into(),
            status: "Draft".into(),
            ..RecordMeta::default()
        },
        today: today(),
    })
}

fn draw_review(r: &mut ReviewScreen, (w, h): (u16, u16), theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| r.render(f, f.area(), theme)).unwrap();
    t
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn review_lists_what_is_missing_above_the_record() {
    let mut a = complete_visit();
    a.clear(&Slot::once("visit", "venue"));
    text(
        &mut a,
        Slot::for_child("seeing_child", ChildId(2), "child_seen"),
        "no",
    );
    // Not seen, so not seen alone either (that would be a contradiction).
    a.clear(&Slot::for_child("seeing_child", ChildId(2), "seen_alone"));
    a.clear(&Slot::for_child("child_voice", ChildId(1), "child_views"));
    let mut r = review(a);
    assert_eq!(r.completeness().problems.len(), 3);
    for size in SIZES {
        let t = draw_review(&mut r, size, &Theme::colour());
        assert_snapshot!(format!("review_missing_{}x{}", size.0, size.1), t.backend());
        let all = all_text(t.backend().buffer());
        assert!(all.contains("Seeing the child — Child B"), "{all}");
        assert!(all.contains("! Venue: required"), "{all}");
    }
    // Finalising is refused on screen, not sent to the app.
    assert_eq!(r.on_key(key(KeyCode::F(10))), ReviewEvent::Handled);
    let t = draw_review(&mut r, (80, 24), &Theme::colour());
    let last = row_text(t.backend().buffer(), 23);
    assert!(last.contains("Not yet: 3 answers need attention"), "{last}");
    assert_eq!(r.on_key(key(KeyCode::Char('a'))), ReviewEvent::Handled);
    assert_eq!(r.on_key(key(KeyCode::Esc)), ReviewEvent::Back);
}

#[test]
fn review_of_a_complete_record() {
    let mut r = review(complete_visit());
    assert!(r.completeness().is_complete(), "{:?}", r.completeness());
    for size in SIZES {
        let t = draw_review(&mut r, size, &Theme::colour());
        assert_snapshot!(
            format!("review_complete_{}x{}", size.0, size.1),
            t.backend()
        );
    }
    assert_eq!(r.on_key(key(KeyCode::Char('f'))), ReviewEvent::Finalise);
    assert_eq!(r.on_key(key(KeyCode::Down)), ReviewEvent::Handled);
    assert_eq!(r.on_key(key(KeyCode::F(1))), ReviewEvent::Ignored);
}

#[test]
fn review_shows_who_finalised_and_the_addenda() {
    let theme = Theme::colour();
    let mut r = review(complete_visit());
    r.set_finalised("Sam Worker", "2026-11-21 14:05");
    r.set_addenda(vec![Addendum {
        author: "Pat Manager".into(),
        date: "2026-11-25".into(),
        text: "The visit began at 10:45, not 10:30.".into(),
    }]);
    assert!(!r.is_draft());
    let t = draw_review(&mut r, (80, 24), &theme);
    let buf = t.backend().buffer();
    assert!(row_text(buf, 1).contains("Finalised by Sam Worker at 2026-11-21 14:05"));
    assert!(row_text(buf, 0).contains("finalised"));
    assert_eq!(r.on_key(key(KeyCode::Char('a'))), ReviewEvent::AddAddendum);
    assert_eq!(r.on_key(key(KeyCode::F(10))), ReviewEvent::Handled);
    r.on_key(key(KeyCode::End));
    let t = draw_review(&mut r, (80, 24), &theme);
    let all = all_text(t.backend().buffer());
    assert!(all.contains("Addenda"), "{all}");
    assert!(all.contains("2026-11-25 — Pat Manager"), "{all}");
    assert!(
        all.contains("The visit began at 10:45, not 10:30."),
        "{all}"
    );
    // What was reviewed is what is exported.
    assert!(r.markdown().contains("### 2026-11-25 — Pat Manager"));
    assert!(
        r.plain_text()
            .contains("Finalised:     by Sam Worker at 2026-11-21 14:05")
    );
}

#[test]
fn review_marks_the_child_voice_and_draws_no_colour_when_plain() {
    let mut r = review(complete_visit());
    let theme = Theme::colour();
    // Scroll until a child's-voice heading is on screen.
    for _ in 0..200 {
        let t = draw_review(&mut r, (80, 24), &theme);
        let buf = t.backend().buffer();
        if let Some((x, y)) = find(buf, CHILD_VOICE_LABEL) {
            assert_eq!(buf[(x, y)].fg, theme.child_voice.fg.unwrap());
            let plain = draw_review(&mut r, (80, 24), &Theme::plain());
            assert_no_colour(plain.backend().buffer());
            assert_snapshot!("review_child_voice_plain_80x24", plain.backend());
            return;
        }
        r.on_key(key(KeyCode::Down));
    }
    panic!("no child's voice label in the review");
}

#[test]
fn review_draws_escape_sequences_escaped() {
    let mut a = complete_visit();
    text(&mut a, Slot::once("visit", "practitioner"), "\u{1b}[2J");
    let mut r = review(a);
    let t = draw_review(&mut r, (80, 24), &Theme::colour());
    let all = all_text(t.backend().buffer());
    assert!(all.contains("^[[2J"), "{all}");
    assert!(!all.contains('\u{1b}'));
}

#[test]
fn review_survives_any_size() {
    let mut r = review(complete_visit());
    for size in [(0, 0), (1, 1), (5, 2), (20, 3), (200, 60)] {
        draw_review(&mut r, size, &Theme::colour());
        r.on_key(key(KeyCode::End));
        draw_review(&mut r, size, &Theme::colour());
    }
}

/// One keystroke handled and one frame drawn with 100 KB in the field.

// The keystroke budget with 100 KB in a field is measured by
// `cargo bench --bench tui` (docs/performance.md), not here.

#[test]
fn the_focused_field_is_always_on_screen() {
    let mut s = open("visit", Answers::new());
    // The last field of the first section is below the fold at 80×24.
    let t = draw(&mut s, (80, 24), &Theme::colour());
    assert!(find(t.backend().buffer(), "What happened, and when").is_none());
    tab_to(&mut s, "no_access_note");
    let t = draw(&mut s, (80, 24), &Theme::colour());
    let all = all_text(t.backend().buffer());
    assert!(
        all.contains("What happened, and when will you visit again?"),
        "{all}"
    );
    // The scroll mark sits in the heading's last cell, never over an
    // answer (issue 10: "↑ more" once covered the end of a field's text).
    let heading = all
        .lines()
        .find(|l| l.contains("1/14"))
        .expect("the heading");
    assert!(
        heading.ends_with('↑') || heading.ends_with('↕'),
        "{heading}"
    );
    assert!(
        all.contains("( ) Child seen alone/baby awake (CP stat visit)"),
        "{all}"
    );
    // And back up again.
    for _ in 0..8 {
        press(&mut s, KeyCode::BackTab);
    }
    let t = draw(&mut s, (80, 24), &Theme::colour());
    assert!(find(t.backend().buffer(), "Name and role of practitioner").is_some());
}

#[test]
fn an_invalid_answer_is_marked_with_its_reason() {
    let theme = Theme::colour();
    let mut s = open("visit", Answers::new());
    tab_to(&mut s, "visit_date");
    type_text(&mut s, "31/02/2026");
    tab_to(&mut s, "duration_minutes");
    type_text(&mut s, "900");
    let t = draw(&mut s, (80, 24), &theme);
    let buf = t.backend().buffer();
    let all = all_text(buf);
    // A day that does not exist is said as such (issue 10), not as a
    // wrong format.
    assert!(all.contains("? there is no 31 February 2026"), "{all}");
    assert!(all.contains("? must be between 1 and 720"), "{all}");
    let (_, y) = find(buf, "Date of visit").unwrap();
    let x = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == casenotes::tui::theme::INVALID_MARK)
        .expect("invalid mark on the label row");
    assert_eq!(buf[(x, y)].style().fg, theme.invalid.fg);
    assert!(
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    // The header counts it apart from the missing.
    assert!(
        row_text(buf, 0).contains("? 2 to check"),
        "{}",
        row_text(buf, 0)
    );
}

#[test]
fn review_says_when_an_action_is_due_before_the_visit_and_still_finalises() {
    let mut a = complete_visit();
    let mut act = Row::new();
    act.insert("what".into(), "Book a GP appointment".into());
    act.insert("who".into(), "Parent A".into());
    act.insert("by_when".into(), "2025-12-05".into());
    a.set(
        Slot::once("actions", "smart_actions"),
        Value::Rows(vec![act]),
    );
    let mut r = review(a);
    let t = draw_review(&mut r, (120, 40), &Theme::colour());
    let shown: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(shown.contains("Check: SMART actions, row 1"), "{shown}");
    // Said, not refused: F10/f still finalises.
    assert!(r.completeness().is_complete());
    assert_eq!(r.on_key(key(KeyCode::Char('f'))), ReviewEvent::Finalise);
}

/// Typing on past the end of a row: when a row is typed exactly full the
/// text area has no cell for the cursor; it waits at the start of the next
/// row (where the next letter goes) instead of vanishing for a key at the
/// end of every line.
#[test]
fn the_cursor_stays_in_sight_as_typing_fills_each_row() {
    use crate::support::form_screen::{draw, open_in_aim, type_and_draw};
    let mut s = open_in_aim("");
    let theme = casenotes::tui::theme::Theme::colour();
    for size in [(80, 24), (120, 40)] {
        let mut term = draw(&mut s, size, &theme);
        let text = "Visited to review the plan with the family; the child showed me her \
                    drawings and said school felt better this week. "
            .repeat(3);
        let mut rows = std::collections::BTreeSet::new();
        for (i, c) in text.chars().enumerate() {
            type_and_draw(&mut s, &mut term, &theme, c);
            let Some(at) = s.cursor_position() else {
                panic!("{size:?}: the cursor vanished after {} characters", i + 1);
            };
            rows.insert(at.y);
        }
        assert!(rows.len() >= 4, "{size:?}: the text wrapped onto {rows:?}");
        // Start again for the next size.
        for _ in 0..text.chars().count() {
            press(&mut s, KeyCode::Backspace);
        }
    }
}

/// The echo's guess (tui/echo.rs) checked against the form as it draws:
/// typing prose into a multi-line field, wherever the last frame offered a
/// spot, the cells the guess writes are the cells the next frame draws and
/// the cursor is where the guess put it, a row's last cell and a word
/// carried down to the next row included.
#[test]
fn the_echos_guess_matches_the_frame_that_follows() {
    use crate::support::form_screen::{draw, guess_landed, open_in_aim, type_and_draw};
    use casenotes::tui::echo::EchoSpot;
    let mut s = open_in_aim("");
    let theme = casenotes::tui::theme::Theme::colour();
    let mut term = draw(&mut s, (80, 24), &theme);
    let text = "Visited to review the plan with the family; the child showed me her \
                drawings and said school felt better this week. "
        .repeat(3);
    let (mut right, mut wrong, mut row_ends, mut carried) = (0, 0, 0, 0);
    for c in text.chars() {
        let guess = s
            .text_cursor()
            .and_then(|cursor| EchoSpot::find(term.backend().buffer(), cursor))
            .and_then(|spot| spot.guess(c));
        type_and_draw(&mut s, &mut term, &theme, c);
        let Some(guess) = guess else { continue };
        if guess_landed(term.backend().buffer(), &guess) && s.cursor_position() == Some(guess.next)
        {
            right += 1;
            if guess.cells.len() > 1 {
                carried += 1;
            } else if guess.next.y != guess.cells[0].at.y {
                row_ends += 1;
            }
        } else {
            wrong += 1;
        }
    }
    assert!(row_ends > 0, "no row was typed exactly full");
    assert!(carried > 0, "no word was carried down");
    assert!(
        wrong * 50 <= right,
        "{wrong} wrong guesses against {right} right"
    );
}

/// Typing on at the end of a long answer, as the keystroke bench does, at
/// 80x24 and 200x60: every letter and space is guessed ahead of its frame
/// and every guess is right, but for the key that fills the field's last
/// row (the field then scrolls, which only a frame can draw). A space
/// typed just after a row filled exactly was left to its frame until the
/// guess learned that it starts the next row.
#[test]
fn typing_on_at_the_end_of_a_long_answer_is_all_echoed_but_for_the_scroll() {
    use crate::support::form_screen::{draw, guess_landed, open_in_aim, type_and_draw};
    use casenotes::tui::echo::EchoSpot;
    let sentences = [
        "The visit took place at the family home in the afternoon.",
        "Child A showed the worker their bedroom and the drawings on the wall.",
        "The carer said the mornings before school had become calmer.",
        "We talked about the plan agreed at the last review and what has moved on since.",
    ];
    let mut prose = String::new();
    for i in 0..60 {
        if i > 0 {
            prose.push_str(if i % 7 == 0 { "\n\n" } else { " " });
        }
        prose.push_str(sentences[i % sentences.len()]);
    }
    prose.push(' ');
    let theme = casenotes::tui::theme::Theme::colour();
    for size in [(80, 24), (200, 60)] {
        let mut s = open_in_aim(&prose);
        let mut term = draw(&mut s, size, &theme);
        let (mut right, mut scrolls) = (0, 0);
        let typed = "the child said school was better this week ";
        for (i, c) in typed.chars().cycle().take(1500).enumerate() {
            let cursor = s.text_cursor().expect("the text cursor is shown");
            let guess = EchoSpot::find(term.backend().buffer(), cursor).and_then(|g| g.guess(c));
            type_and_draw(&mut s, &mut term, &theme, c);
            let after = s.cursor_position().expect("the cursor is shown");
            let Some(guess) = guess else {
                let last_row = cursor.at.y + 1 == cursor.area.bottom();
                assert!(
                    last_row && after.y < cursor.at.y,
                    "{size:?}: key {i} ({c:?}) at {:?} was not guessed, and did not scroll",
                    cursor.at
                );
                scrolls += 1;
                continue;
            };
            assert!(
                guess_landed(term.backend().buffer(), &guess) && after == guess.next,
                "{size:?}: key {i} ({c:?}) at {:?} guessed wrong",
                cursor.at
            );
            right += 1;
        }
        assert!(scrolls > 0, "{size:?}: the field never scrolled");
        assert_eq!(right + scrolls, 1500);
    }
}

/// Widening the terminal with the cursor at the end of a long answer:
/// the field shows the text before the cursor in full, not the cursor's
/// row alone at the top of an empty box (the text area kept the top row
/// it had at the narrower width, where the text took more rows). Typed
/// in as a run (as a terminal sends a fast typist's keys) or a key at a
/// time, or not at all.
#[test]
fn a_wider_terminal_shows_a_full_field_of_the_text_before_the_cursor() {
    use crate::support::form_screen::{draw, open_in_aim, type_text};
    let prose = "The visit took place at the family home in the afternoon. \
                 Child A showed the worker their bedroom and the drawings on the wall. "
        .repeat(150);
    let theme = casenotes::tui::theme::Theme::colour();
    for after in ["", " and more", "x"] {
        let mut s = open_in_aim(&prose);
        let mut narrow = draw(&mut s, (80, 24), &theme);
        type_text(&mut s, "typed at the end");
        narrow.draw(|f| s.render(f, f.area(), &theme)).unwrap();
        let mut wide = draw(&mut s, (200, 60), &theme);
        if after.len() > 1 {
            s.on_paste(after);
        } else {
            type_text(&mut s, after);
        }
        wide.draw(|f| s.render(f, f.area(), &theme)).unwrap();
        let c = s.text_cursor().expect("the cursor is shown");
        let buf = wide.backend().buffer();
        assert_eq!(
            c.at.y + 1,
            c.area.bottom(),
            "{after:?}: the cursor on the box's last row"
        );
        for y in c.area.top()..c.area.bottom() {
            let row: String = (c.area.left()..c.area.right())
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect();
            assert!(
                !row.trim().is_empty(),
                "{after:?}: row {y} of the box is empty"
            );
        }
    }
}
