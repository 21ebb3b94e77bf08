//! One keystroke handled and the frame drawn, with 100 KB of text in a
//! multi-line field (budget: under 2 ms), on ratatui's `TestBackend`
//! through the form screen, as the runtime does it: `on_key`, then a full
//! `Terminal::draw` (render, diff against the last frame, write the
//! changes). Run by hand; the commands and results are in
//! docs/performance.md: `cargo bench --bench tui -- --warm-up-time 1 --measurement-time 3`.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // measurements and fixtures, not stored values

use casenotes::form::FormSet;
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::tui::form_screen::{FormContext, FormScreen};
use casenotes::tui::theme::Theme;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

/// A multi-line answer of the visit form, outside any per-child section.
const SECTION: &str = "purpose";
const FIELD: &str = "aim";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// About 100 KB as people write it: lines of prose, a blank line between
/// paragraphs.
fn text_100k() -> String {
    let mut t = String::new();
    let mut i = 0;
    while t.len() < 100_000 {
        t.push_str(&format!(
            "Paragraph {i}: the child talked about school, friends and home; \
             mum said the week had been calmer.\n"
        ));
        if i % 5 == 4 {
            t.push('\n');
        }
        i += 1;
    }
    t.truncate(100_000);
    t
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

/// The visit form with 100 KB in `purpose/aim`, that field focused, the
/// cursor at the start or the end of the text, one frame already drawn.
fn screen(at_end: bool, cols: u16, rows: u16) -> (FormScreen, Terminal<TestBackend>) {
    let forms = FormSet::built_in().unwrap();
    let visit = forms.get("visit").unwrap().clone();
    let slot = Slot::once(SECTION, FIELD);
    let mut answers = Answers::new();
    answers.set(slot.clone(), Value::Text(text_100k()));
    let mut s = FormScreen::new(FormContext {
        form: visit,
        family_label: "EX-00042 Family Example-00042".into(),
        children: vec![
            (ChildId(1), "Child Example-00042-A".into()),
            (ChildId(2), "Child Example-00042-B".into()),
        ],
        answers,
        read_only: false,
        today: today(),
    });
    for _ in 0..50 {
        if s.focused_slot().is_some_and(|f| f.section == SECTION) {
            break;
        }
        s.on_key(key(KeyCode::PageDown, KeyModifiers::NONE));
    }
    for _ in 0..50 {
        if s.focused_slot() == Some(slot.clone()) {
            break;
        }
        s.on_key(key(KeyCode::Tab, KeyModifiers::NONE));
    }
    assert_eq!(
        s.focused_slot(),
        Some(slot),
        "the 100 KB field has the focus"
    );
    let edge = if at_end { KeyCode::End } else { KeyCode::Home };
    s.on_key(key(edge, KeyModifiers::CONTROL));
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    let theme = Theme::colour();
    terminal.draw(|f| s.render(f, f.area(), &theme)).unwrap();
    (s, terminal)
}

/// Times one typed character and the frame after it; a backspace and its
/// frame, not timed, keep the text at 100 KB however long criterion runs.
fn keystroke(c: &mut Criterion, name: &str, at_end: bool, cols: u16, rows: u16) {
    let (mut s, mut terminal) = screen(at_end, cols, rows);
    let theme = Theme::colour();
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                s.on_key(key(KeyCode::Char('x'), KeyModifiers::NONE));
                terminal.draw(|f| s.render(f, f.area(), &theme)).unwrap();
                spent += t.elapsed();
                s.on_key(key(KeyCode::Backspace, KeyModifiers::NONE));
                terminal.draw(|f| s.render(f, f.area(), &theme)).unwrap();
            }
            spent
        });
    });
    let stored = s.answers().text(&Slot::once(SECTION, FIELD)).unwrap_or("");
    assert_eq!(stored.len(), 100_000, "the text is back to 100 KB");
}

/// The visit form as it opens, its first field focused and a line of
/// prose typed into it: what `benches/keystroke.rs` types through the real
/// binary, here without the terminal, to see the program's own share.
fn first_field(c: &mut Criterion) {
    let forms = FormSet::built_in().unwrap();
    let mut s = FormScreen::new(FormContext {
        form: forms.get("visit").unwrap().clone(),
        family_label: "EX-00042 Family Example-00042".into(),
        children: vec![(ChildId(1), "Child Example-00042-A".into())],
        answers: Answers::new(),
        read_only: false,
        today: today(),
    });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let theme = Theme::colour();
    for ch in "the child said school was better this week "
        .chars()
        .cycle()
        .take(200)
    {
        s.on_key(key(KeyCode::Char(ch), KeyModifiers::NONE));
    }
    terminal.draw(|f| s.render(f, f.area(), &theme)).unwrap();
    c.bench_function(
        "tui: key + frame, the visit form's first field, 80x24",
        |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for i in 0..iters {
                    let t = Instant::now();
                    let ch = if i % 2 == 0 { 'x' } else { ' ' };
                    s.on_key(key(KeyCode::Char(ch), KeyModifiers::NONE));
                    terminal.draw(|f| s.render(f, f.area(), &theme)).unwrap();
                    spent += t.elapsed();
                    s.on_key(key(KeyCode::Backspace, KeyModifiers::NONE));
                    terminal.draw(|f| s.render(f, f.area(), &theme)).unwrap();
                }
                spent
            });
        },
    );
}

fn keystrokes(c: &mut Criterion) {
    first_field(c);
    keystroke(
        c,
        "tui: key + frame, 100 KB field, cursor at end, 80x24",
        true,
        80,
        24,
    );
    keystroke(
        c,
        "tui: key + frame, 100 KB field, cursor at start, 80x24",
        false,
        80,
        24,
    );
    keystroke(
        c,
        "tui: key + frame, 100 KB field, cursor at end, 200x60",
        true,
        200,
        60,
    );
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
