//! The writing help in the terminal interface (issue 13): findings
//! underlined where they are typed, never blocking; F7 lists them with
//! their fixes; Enter applies a fix, `a` adds a word to the user's own
//! dictionary and 1-6 turn kinds off, both kept per user in the case file
//! and read back when a record opens; the review counts each kind.

use crate::support::tui_app::{Rig, form, key, screen, today};
use casenotes::record::{Answers, ChildId, Slot};
use casenotes::tui::app::Screen;
use casenotes::tui::form_screen::{FormContext, FormEvent, FormScreen, WritingChange};
use casenotes::tui::theme::Theme;
use casenotes::writing::Speller;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

fn note() -> FormScreen {
    // The dictionary is read beside the screen in the program; here it is
    // read first, so spelling is checked from the first key.
    Speller::shared();
    FormScreen::new(FormContext {
        form: form("tiny_note"),
        family_label: "FX-0001 Example family".into(),
        children: vec![(ChildId(1), "Kayleigh Example".into())],
        answers: Answers::new(),
        read_only: false,
        today: today(),
    })
}

fn press(s: &mut FormScreen, code: KeyCode) -> FormEvent {
    s.on_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(s: &mut FormScreen, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(s, code);
    }
}

fn draw(s: &mut FormScreen, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| s.render(f, f.area(), &Theme::colour())).unwrap();
    t.backend().buffer().clone()
}

/// The underlined runs of each screen row, as text.
fn underlined(buf: &Buffer) -> Vec<String> {
    let mut runs = Vec::new();
    for y in 0..buf.area.height {
        let mut run = String::new();
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if c.modifier.contains(Modifier::UNDERLINED) {
                run.push_str(c.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

fn what(s: &FormScreen) -> String {
    s.answers()
        .text(&Slot::once("main", "what"))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn findings_are_underlined_where_they_are_typed_and_typing_goes_on() {
    let mut s = note();
    type_text(
        &mut s,
        "Kayliegh said her behavior is good.\nIt seems the the CIN plan works.",
    );
    assert_eq!(
        underlined(&draw(&mut s, 80, 24)),
        ["Kayliegh", "behavior", "seems", "the the", "CIN"]
    );
    // A word still being typed is not marked until the cursor moves on.
    let mut s2 = note();
    type_text(&mut s2, "Her behavior");
    assert!(underlined(&draw(&mut s2, 80, 24)).is_empty());
    type_text(&mut s2, " ");
    assert_eq!(underlined(&draw(&mut s2, 80, 24)), ["behavior"]);
    // Never blocking: the text is all there and typing carries on.
    type_text(&mut s, " Yes.");
    assert!(what(&s).ends_with("works. Yes."));
}

#[test]
fn f7_lists_the_findings_and_enter_applies_the_fix() {
    let mut s = note();
    type_text(&mut s, "Her behavior was calm; Kayliegh played.");
    press(&mut s, KeyCode::F(7));
    assert_snapshot!(
        "writing_list_80x24",
        crate::support::tui_app::text(&draw(&mut s, 80, 24))
    );
    // The list has every key while it is open.
    assert_eq!(press(&mut s, KeyCode::Enter), FormEvent::Edited);
    assert_eq!(what(&s), "Her behaviour was calm; Kayliegh played.");
    assert_eq!(press(&mut s, KeyCode::Enter), FormEvent::Edited);
    assert_eq!(what(&s), "Her behaviour was calm; Kayleigh played.");
    press(&mut s, KeyCode::Esc);
    assert!(underlined(&draw(&mut s, 80, 24)).is_empty());
    // Esc closed the list, not the form: typing goes into the field.
    type_text(&mut s, "!");
    assert_eq!(
        what(&s),
        "Her behaviour was calm; Kayleigh! played.",
        "the cursor is after the fix"
    );
}

#[test]
fn a_word_added_to_the_dictionary_or_a_kind_turned_off_is_handed_to_the_app() {
    let mut s = note();
    type_text(&mut s, "We met at Thistlewood Road. It seems calm.");
    press(&mut s, KeyCode::F(7));
    assert_eq!(press(&mut s, KeyCode::Char('a')), FormEvent::WritingChanged);
    assert_eq!(
        s.take_writing_changes(),
        [WritingChange::AddWord("Thistlewood".into())]
    );
    assert_eq!(press(&mut s, KeyCode::Char('5')), FormEvent::WritingChanged);
    assert_eq!(
        s.take_writing_changes(),
        [WritingChange::Kind("opinion".into(), false)]
    );
    press(&mut s, KeyCode::Esc);
    assert!(underlined(&draw(&mut s, 80, 24)).is_empty());
    assert_eq!(s.writing_counts(), [0; 6]);
}

#[test]
fn words_and_settings_are_kept_per_user_and_the_review_counts_each_kind() {
    let mut rig = Rig::new("alex");
    rig.open_family("FX-0001");
    // alex's draft is the family's first record.
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
    Speller::shared();
    rig.send(key(KeyCode::End));
    rig.typed(" at Thistlewood; her behavior is calm.");
    rig.send(key(KeyCode::F(7)));
    rig.send(key(KeyCode::Char('a')));
    rig.send(key(KeyCode::Char('6')));
    rig.send(key(KeyCode::Esc));
    let alex = casenotes::store::Store::open(&rig.path, "alex").unwrap();
    assert_eq!(alex.own_words().unwrap(), ["Thistlewood"]);
    assert_eq!(alex.writing_off().unwrap(), ["repeat"]);
    rig.send(key(KeyCode::F(5)));
    assert_eq!(rig.app.screen(), Screen::Review);
    let shown = screen(&mut rig.app, 100, 30);
    assert!(
        shown.contains(
            "Writing help: 1 spelling (F7 in a field lists them; none stops finalising)."
        ),
        "{shown}"
    );
}
