//! The form's text fields by grapheme cluster (issue 10): the cursor never
//! splits a flag or a letter from its accents, Backspace and Delete take a
//! whole cluster, and what is drawn leaves no cell for the terminal to
//! guess. Each test here failed when the fields moved and measured by
//! `char`.

use super::*;
use crate::form::FormSet;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FLAG: &str = "\u{1F1EC}\u{1F1E7}";
const CHECK: &str = "\u{2714}\u{FE0F}";
const THUMB: &str = "\u{1F44D}\u{1F3FD}";
const SHIN: &str = "\u{05E9}\u{05C1}\u{05BC}";

fn practitioner_field() -> FormScreen {
    let form = FormSet::built_in().unwrap().get("visit").unwrap().clone();
    FormScreen::new(FormContext {
        form,
        family_label: "FX-0001 Example family".into(),
        children: vec![(ChildId(1), "Child A".into())],
        answers: Answers::new(),
        read_only: false,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    })
}

fn press(s: &mut FormScreen, code: KeyCode) {
    s.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(s: &mut FormScreen, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

fn answer(s: &FormScreen) -> String {
    let slot = s.focused_slot().unwrap();
    s.answers().text(&slot).unwrap_or_default().to_owned()
}

#[test]
fn backspace_removes_a_whole_flag_skin_tone_or_pointed_letter() {
    for g in [FLAG, THUMB, CHECK, SHIN] {
        let mut s = practitioner_field();
        typed(&mut s, &format!("a{g}"));
        press(&mut s, KeyCode::Backspace);
        assert_eq!(answer(&s), "a", "{g:?}");
    }
}

#[test]
fn the_cursor_steps_over_a_cluster_and_delete_takes_it_whole() {
    let mut s = practitioner_field();
    typed(&mut s, &format!("a{FLAG}b"));
    press(&mut s, KeyCode::Left);
    press(&mut s, KeyCode::Left);
    // Now before the flag: typing goes there, not between its halves.
    typed(&mut s, "x");
    assert_eq!(answer(&s), format!("ax{FLAG}b"));
    press(&mut s, KeyCode::Delete);
    assert_eq!(answer(&s), "axb");
    press(&mut s, KeyCode::Home);
    press(&mut s, KeyCode::Right);
    typed(&mut s, THUMB);
    press(&mut s, KeyCode::Home);
    press(&mut s, KeyCode::Right);
    press(&mut s, KeyCode::Right);
    typed(&mut s, "y");
    assert_eq!(answer(&s), format!("a{THUMB}yxb"));
}

#[test]
fn a_check_mark_with_its_selector_is_drawn_in_cells_we_write_and_the_cursor_follows() {
    let mut s = practitioner_field();
    typed(&mut s, &format!("{CHECK}ok"));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| s.render(f, f.area(), &Theme::colour())).unwrap();
    let at = s.cursor_position().expect("the cursor is in the field");
    let buf = t.backend().buffer();
    // The row holds "✔", a real space, "o", "k": no cell left unwritten
    // after the check mark, whatever width the terminal draws it at.
    let row: Vec<&str> = (0..80).map(|x| buf[(x, at.y)].symbol()).collect();
    let start = row.iter().position(|c| *c == "\u{2714}").expect("the mark");
    assert_eq!(&row[start..start + 4], ["\u{2714}", " ", "o", "k"]);
    // The cursor sits after "ok", as drawn (4 cells), not 3.
    assert_eq!(usize::from(at.x), start + 4);
}
