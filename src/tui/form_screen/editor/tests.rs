//! The text editor's tests: typing, undo and redo, safe text, and the
//! window that keeps a long answer quick to edit.

use super::window::MIN_WINDOW;
use super::*;
use ratatui::crossterm::event::KeyEvent;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn long_text() -> String {
    let mut s = String::new();
    let mut n = 0;
    while s.len() < 100_000 {
        s.push_str(&format!("Paragraph {n} says the child likes the bus. "));
        if n % 7 == 6 {
            s.push('\n');
        }
        n += 1;
    }
    s
}

#[test]
fn typing_and_undo_redo() {
    let mut ed = TextEditor::new("", true);
    for c in "ab".chars() {
        assert_eq!(ed.on_key(key(KeyCode::Char(c))), EditOutcome::Edited);
    }
    ed.on_key(key(KeyCode::Enter));
    ed.on_key(key(KeyCode::Char('c')));
    assert_eq!(ed.text(), "ab\nc");
    ed.on_key(ctrl('z'));
    assert_eq!(ed.text(), "ab\n");
    ed.on_key(ctrl('y'));
    assert_eq!(ed.text(), "ab\nc");
}

#[test]
fn control_characters_never_enter_the_text() {
    let mut ed = TextEditor::new("a\u{1b}[2Jb\tc\u{202E}", true);
    assert_eq!(ed.text(), "a^[[2Jb    c<U+202E>");
    ed.on_key(key(KeyCode::Char('\u{7}')));
    assert!(!ed.text().contains('\u{7}'));
    ed.paste("x\r\ny\u{1b}");
    assert!(ed.text().ends_with("x\ny^["));
}

#[test]
fn one_line_editors_keep_one_line() {
    let mut ed = TextEditor::new("a\nb", false);
    assert_eq!(ed.text(), "a b");
    ed.paste("c\nd");
    assert_eq!(ed.text(), "a bc d");
    assert_eq!(ed.on_key(key(KeyCode::Enter)), EditOutcome::NotMine);
    assert_eq!(ed.on_key(key(KeyCode::Down)), EditOutcome::NotMine);
}

#[test]
fn a_long_text_round_trips_through_window_moves() {
    let text = long_text();
    let mut ed = TextEditor::new(&text, true);
    assert!(ed.window_len() < 3 * MAX_WINDOW);
    assert_eq!(ed.text(), text);
    // Walk to the top and back: the window moves, the text does not.
    ed.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    ed.on_key(key(KeyCode::Char('X')));
    assert!(ed.text().starts_with('X'));
    for _ in 0..400 {
        ed.on_key(key(KeyCode::Down));
    }
    ed.on_key(key(KeyCode::Char('Y')));
    let t = ed.text();
    assert_eq!(t.len(), text.len() + 2);
    assert!(t.contains('Y'));
    assert!(ed.window_len() < 3 * MAX_WINDOW);
}

#[test]
fn ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_text() {
    let mut ed = TextEditor::new("first line\nsecond, longer line\nend", true);
    ed.on_key(key(KeyCode::Up));
    ed.on_key(key(KeyCode::Right));
    ed.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    ed.on_key(key(KeyCode::Char('A')));
    assert!(ed.text().starts_with("Afirst line"), "{}", ed.text());
    ed.on_key(key(KeyCode::Down));
    ed.on_key(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
    ed.on_key(key(KeyCode::Char('Z')));
    assert!(ed.text().ends_with("endZ"), "{}", ed.text());
}

#[test]
fn a_big_paste_is_one_undo_step() {
    let mut ed = TextEditor::new("start ", true);
    ed.on_key(key(KeyCode::Char('a')));
    let big = long_text();
    assert!(ed.paste(&big));
    assert_eq!(ed.text().len(), "start a".len() + big.len());
    assert!(ed.window_len() < 3 * MAX_WINDOW);
    ed.on_key(key(KeyCode::Char('z')));
    ed.on_key(ctrl('z'));
    assert_eq!(ed.text().len(), "start a".len() + big.len());
    ed.on_key(ctrl('z'));
    assert_eq!(ed.text(), "start a");
}

#[test]
fn window_cuts_fall_on_boundaries_even_in_one_long_line() {
    let text = "é".repeat(60_000);
    let mut ed = TextEditor::new(&text, true);
    assert_eq!(ed.text(), text);
    ed.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    for _ in 0..5000 {
        ed.on_key(key(KeyCode::Right));
    }
    ed.on_key(key(KeyCode::Char('x')));
    assert_eq!(ed.text().chars().filter(|&c| c == 'x').count(), 1);
    assert_eq!(ed.text().len(), text.len() + 1);
}

#[cfg(test)]
mod drawing {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    /// Why text is cleaned before it reaches the text area: ratatui's
    /// buffer drops C0 controls such as ESC, but the rest of an escape
    /// sequence ("[2J") would still show as if it were text, and
    /// direction overrides are not control characters to it at all.
    #[test]
    fn ratatui_drops_c0_controls_but_not_direction_overrides() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        Line::from("a\u{1b}[2J\u{202E}b").render(buf.area, &mut buf);
        let drawn: String = (0..12).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(!drawn.contains('\u{1b}'));
        assert!(drawn.contains('\u{202E}'));

        // Through the editor, both come out visible.
        let ed = TextEditor::new("a\u{1b}[2J\u{202E}b", false);
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        ed.area().render(buf.area, &mut buf);
        let drawn: String = (0..20).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(drawn.starts_with("a^[[2J<U+202E>b"), "{drawn}");
    }
}

/// Undo by word (issue 14): a run of letters is one step, the space or
/// punctuation after it part of that step; a deletion is its own step.
#[cfg(test)]
mod by_word {
    use super::*;

    fn type_in(ed: &mut TextEditor, text: &str) {
        for c in text.chars() {
            ed.on_key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn a_run_of_letters_is_one_undo_step() {
        let mut ed = TextEditor::new("", true);
        type_in(&mut ed, "Seen at home, well.");
        assert_eq!(ed.on_key(ctrl('z')), EditOutcome::Edited);
        assert_eq!(ed.text(), "Seen at home, ");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "Seen at ");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "Seen ");
        ed.on_key(ctrl('y'));
        assert_eq!(ed.text(), "Seen at ");
        ed.on_key(ctrl('y'));
        ed.on_key(ctrl('y'));
        assert_eq!(ed.text(), "Seen at home, well.");
        assert_eq!(ed.on_key(ctrl('y')), EditOutcome::Moved);
        for _ in 0..4 {
            ed.on_key(ctrl('z'));
        }
        assert_eq!(ed.text(), "");
        assert_eq!(ed.on_key(ctrl('z')), EditOutcome::Moved);
    }

    #[test]
    fn an_apostrophe_stays_in_its_word_and_a_new_line_ends_it() {
        let mut ed = TextEditor::new("", true);
        type_in(&mut ed, "don't");
        ed.on_key(key(KeyCode::Enter));
        type_in(&mut ed, "go");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "don't\n");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "");
    }

    #[test]
    fn deleting_and_moving_break_the_run() {
        let mut ed = TextEditor::new("", false);
        type_in(&mut ed, "abc");
        ed.on_key(key(KeyCode::Backspace));
        ed.on_key(key(KeyCode::Backspace));
        type_in(&mut ed, "xy");
        ed.on_key(key(KeyCode::Left));
        type_in(&mut ed, "Q");
        assert_eq!(ed.text(), "axQy");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "axy");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "a");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "ab");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "abc");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "");
    }

    #[test]
    fn typing_over_a_selection_and_pasting_are_one_step_each() {
        let mut ed = TextEditor::new("", false);
        type_in(&mut ed, "one two");
        ed.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT));
        ed.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT));
        ed.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT));
        type_in(&mut ed, "six");
        assert_eq!(ed.text(), "one six");
        ed.paste(" more");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "one six");
        ed.on_key(ctrl('z'));
        assert_eq!(ed.text(), "one two");
        // Typing after an undo drops what could be redone.
        type_in(&mut ed, "!");
        assert_eq!(ed.on_key(ctrl('y')), EditOutcome::Moved);
        assert_eq!(ed.text(), "one two!");
    }
}

/// Draws `ed` in a `width`×`height` field as the form does, noting the
/// size; the scroll offset after drawing.
fn draw_in(ed: &TextEditor, width: u16, height: u16) -> (u16, u16) {
    use ratatui::widgets::Widget;
    let rect = ratatui::layout::Rect::new(0, 0, width, height);
    let mut buf = ratatui::buffer::Buffer::empty(rect);
    ed.note_size(width, height);
    ed.area().render(rect, &mut buf);
    ed.area().scroll_offset()
}

#[test]
fn a_field_of_several_rows_scrolls_half_its_height_at_a_time_and_typing_lands_in_order() {
    let (width, height) = (20, 8);
    let mut ed = TextEditor::new("", true);
    draw_in(&ed, width, height);
    let text = "the child said school was better this week and ".repeat(12);
    let mut tops = vec![0u16];
    for c in text.chars() {
        ed.on_key(key(KeyCode::Char(c)));
        let (top, _) = draw_in(&ed, width, height);
        if tops.last() != Some(&top) {
            tops.push(top);
        }
        // The cursor is always in view, the row it is on inside the field.
        let at = ed.area().screen_cursor();
        assert!(
            at.row >= usize::from(top) && at.row < usize::from(top + height),
            "cursor row {} outside rows {top}..{}",
            at.row,
            top + height
        );
    }
    assert_eq!(ed.text(), text, "every letter where it was typed");
    assert!(tops.len() >= 4, "the field scrolled: {tops:?}");
    for pair in tops.windows(2) {
        assert!(
            pair[1] >= pair[0] + height / 2 - 1,
            "scrolled by less than half the field: {tops:?}"
        );
    }
}

#[test]
fn a_small_field_holds_a_small_window_with_a_fields_worth_before_the_cursor() {
    let (width, height) = (100u16, 10u16);
    let cells = usize::from(width) * usize::from(height);
    let text = long_text();
    let mut ed = TextEditor::new(&text, true);
    draw_in(&ed, width, height);
    let size = window_size(cells);
    assert!(size < MAX_WINDOW, "a 100x10 field needs less than the most");
    let mut keys: Vec<KeyEvent> = Vec::new();
    keys.extend(std::iter::repeat_n(key(KeyCode::Up), 150));
    keys.extend("now typed here ".chars().map(|c| key(KeyCode::Char(c))));
    keys.extend(std::iter::repeat_n(key(KeyCode::PageUp), 20));
    keys.push(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    keys.extend(std::iter::repeat_n(key(KeyCode::Down), 300));
    keys.push(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
    keys.extend("and at the end ".chars().map(|c| key(KeyCode::Char(c))));
    for (i, k) in keys.into_iter().enumerate() {
        ed.on_key(k);
        draw_in(&ed, width, height);
        assert!(
            ed.window_len() <= size + size / 2,
            "key {i}: a window of {} bytes",
            ed.window_len()
        );
        // Enough rows above the cursor to fill the field: never a field
        // half empty with text hidden above it.
        if !ed.prefix.is_empty() {
            assert!(
                ed.area().screen_cursor().row + 1 >= usize::from(height),
                "key {i}: only {} rows above the cursor",
                ed.area().screen_cursor().row
            );
        }
    }
    let t = ed.text();
    assert_eq!(t.len(), text.len() + "now typed here and at the end ".len());
    assert!(t.ends_with("and at the end "));
}

#[test]
fn the_window_fitted_to_the_field_keeps_the_first_words_undo() {
    let text = long_text();
    let mut ed = TextEditor::new(&text, true);
    assert!(
        ed.window_len() > MIN_WINDOW,
        "built before any size is known"
    );
    draw_in(&ed, 60, 5);
    for c in "one two".chars() {
        ed.on_key(key(KeyCode::Char(c)));
    }
    assert!(
        ed.window_len() <= MIN_WINDOW + MIN_WINDOW / 2,
        "fitted on the first key"
    );
    ed.on_key(ctrl('z'));
    assert_eq!(ed.text(), format!("{text}one "), "a word at a time");
    // Fitted before the first letter, not after it: that letter is in the
    // same word as the rest, not left behind as a step of its own.
    ed.on_key(ctrl('z'));
    assert_eq!(ed.text(), text);
}

#[test]
fn a_pause_fits_the_window_once_so_the_first_key_need_not() {
    let text = long_text();
    let mut ed = TextEditor::new(&text, true);
    assert!(!ed.settle(), "nothing to fit before the box is drawn");
    draw_in(&ed, 60, 5);
    assert!(ed.settle(), "built again for the box's size");
    assert!(ed.window_len() <= MIN_WINDOW + MIN_WINDOW / 2);
    assert!(!ed.settle(), "and only once");
    ed.on_key(key(KeyCode::Char('z')));
    assert_eq!(ed.text(), format!("{text}z"));
}

#[test]
fn a_paste_of_more_than_half_a_small_window_is_its_own_undo_step() {
    let text = long_text();
    let mut ed = TextEditor::new(&text, true);
    draw_in(&ed, 60, 5);
    ed.settle();
    for c in "typed first ".chars() {
        ed.on_key(key(KeyCode::Char(c)));
    }
    let pasted = "A pasted paragraph of the kind copied from an email. ".repeat(30);
    assert!(pasted.len() > MIN_WINDOW / 2 && pasted.len() < MAX_WINDOW / 2);
    assert!(ed.paste(&pasted));
    ed.on_key(ctrl('z'));
    assert_eq!(
        ed.text(),
        format!("{text}typed first "),
        "the paste alone undone"
    );
}
