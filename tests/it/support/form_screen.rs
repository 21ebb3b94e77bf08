//! A form screen on its own, driven by keys and drawn into TestBackend:
//! the fixture the form-screen tests share (`tui_form_screen`,
//! `tui_form_entry`).

use casenotes::form::{Form, FormSet};
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::tui::echo::Guess;
use casenotes::tui::form_screen::{FormContext, FormEvent, FormScreen};
use casenotes::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The screens' today: a Sunday.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A built-in form.
pub fn form(id: &str) -> Form {
    FormSet::built_in().unwrap().get(id).unwrap().clone()
}

/// A draft of `form_id` about two children, with these answers.
pub fn open(form_id: &str, answers: Answers) -> FormScreen {
    FormScreen::new(FormContext {
        form: form(form_id),
        family_label: "FX-0001 Example family".into(),
        children: vec![
            (ChildId(1), "Child A".into()),
            (ChildId(2), "Child B".into()),
        ],
        answers,
        read_only: false,
        today: today(),
    })
}

/// The visit form with `text` in `purpose/aim` (a box of several lines),
/// that field focused and the cursor at the end of its text.
pub fn open_in_aim(text: &str) -> FormScreen {
    let mut answers = Answers::new();
    if !text.is_empty() {
        answers.set(Slot::once("purpose", "aim"), Value::Text(text.to_owned()));
    }
    let mut s = open("visit", answers);
    go_to(&mut s, "purpose", None);
    tab_to(&mut s, "aim");
    s.on_key(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
    s
}

/// One typed character and the frame after it.
pub fn type_and_draw(s: &mut FormScreen, term: &mut Terminal<TestBackend>, theme: &Theme, c: char) {
    press(s, KeyCode::Char(c));
    term.draw(|f| s.render(f, f.area(), theme)).unwrap();
}

/// Whether every cell an echo guessed is what the frame drew there.
pub fn guess_landed(buffer: &Buffer, guess: &Guess) -> bool {
    guess
        .cells
        .iter()
        .all(|e| buffer[(e.at.x, e.at.y)] == e.typed)
}

/// One key with no modifier.
pub fn press(s: &mut FormScreen, code: KeyCode) -> FormEvent {
    s.on_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Ctrl and a letter.
pub fn ctrl(s: &mut FormScreen, c: char) -> FormEvent {
    s.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Each character as a key.
pub fn type_text(s: &mut FormScreen, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

/// Pages on until the focus is in this section (for this child).
pub fn go_to(s: &mut FormScreen, section: &str, child: Option<ChildId>) {
    for _ in 0..50 {
        if s.focused_slot()
            .is_some_and(|x| x.section == section && x.child == child)
        {
            return;
        }
        press(s, KeyCode::PageDown);
    }
    panic!("no page {section}");
}

/// Tabs on until the focus is on this field.
pub fn tab_to(s: &mut FormScreen, field: &str) {
    for _ in 0..100 {
        if s.focused_slot().is_some_and(|x| x.field == field) {
            return;
        }
        press(s, KeyCode::Tab);
    }
    panic!("no field {field}");
}

/// One frame at this size.
pub fn draw(s: &mut FormScreen, (w, h): (u16, u16), theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| s.render(f, f.area(), theme)).unwrap();
    t
}

/// One row of the buffer as text.
pub fn row_text(buf: &Buffer, y: u16) -> String {
    (buf.area.left()..buf.area.right())
        .map(|x| buf[(x, y)].symbol().to_owned())
        .collect()
}

/// The whole buffer as text, a line a row.
pub fn all_text(buf: &Buffer) -> String {
    (buf.area.top()..buf.area.bottom())
        .map(|y| row_text(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}
