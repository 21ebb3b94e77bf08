//! `LineEdit`, the one-line text box inside every text and date input of
//! the dialogs: kept apart because its cost must stay linear however long
//! the line (a paste, a burst of keys), and that is easiest to see alone.

use crate::tui::chrome::{fit, safe};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One line of text being typed, with a cursor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineEdit {
    value: String,
    /// A byte offset, always at a character boundary: moving and editing
    /// at the cursor then cost nothing however long the text, so a paste
    /// or a long burst of keys is linear in its length.
    cursor: usize,
}

impl LineEdit {
    /// The text.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.value = text.to_owned();
        self.cursor = self.value.len();
    }

    /// Inserts text at the cursor; line breaks and control characters are
    /// dropped, since these fields hold one line.
    pub fn insert(&mut self, text: &str) {
        let kept: std::borrow::Cow<'_, str> = if text.chars().any(char::is_control) {
            text.chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
                .into()
        } else {
            text.into()
        };
        self.value.insert_str(self.cursor, &kept);
        self.cursor += kept.len();
    }

    /// The text before the cursor. (`get`, not indexing: were the cursor
    /// ever off a character boundary this must still not panic.)
    fn before(&self) -> &str {
        self.value.get(..self.cursor).unwrap_or(&self.value)
    }

    /// The length in bytes of the character before the cursor, if any.
    fn before_len(&self) -> Option<usize> {
        self.before().chars().next_back().map(char::len_utf8)
    }

    /// The length in bytes of the character after the cursor, if any.
    fn after_len(&self) -> Option<usize> {
        let after = self.value.get(self.cursor..).unwrap_or_default();
        after.chars().next().map(char::len_utf8)
    }

    /// Applies an editing key; returns whether it was one.
    pub fn on_key(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                if !c.is_control() {
                    self.value.insert(self.cursor, c);
                    self.cursor += c.len_utf8();
                }
            }
            KeyCode::Backspace => {
                if let Some(n) = self.before_len() {
                    self.cursor -= n;
                    self.value.remove(self.cursor);
                }
            }
            KeyCode::Delete => {
                if self.after_len().is_some() {
                    self.value.remove(self.cursor);
                }
            }
            KeyCode::Left => self.cursor -= self.before_len().unwrap_or(0),
            KeyCode::Right => self.cursor += self.after_len().unwrap_or(0),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.value.len(),
            _ => return false,
        }
        true
    }

    /// The visible part of the text for a box `width` columns wide, and the
    /// cursor's column in it.
    pub fn view(&self, width: usize) -> (String, usize) {
        // Only text within a box-width of the cursor can show, so no more
        // than that is looked at: drawing stays quick however long the line.
        let before = self.before();
        let after = self.value.get(self.cursor..).unwrap_or_default();
        let mut near_start = before.len();
        let mut cur = 0;
        for (i, g) in before.grapheme_indices(true).rev() {
            if cur >= width {
                break;
            }
            cur += drawn_width(g);
            near_start = i;
        }
        if cur < width {
            // The cursor is within the first box-width: show from the start.
            let shown = safe(head(&self.value, width));
            return (fit(&shown, width), cur.min(width.saturating_sub(1)));
        }
        // Scroll so the cursor stays in view: show the end of what is
        // before it.
        let near = safe(&before[near_start..]);
        let mut start = near.len();
        let mut shown = near.width();
        for (i, g) in near.grapheme_indices(true) {
            if shown < width {
                start = i;
                break;
            }
            shown = shown.saturating_sub(g.width());
            start = i + g.len();
        }
        let mut tail = near.get(start..).unwrap_or_default().to_owned();
        tail.push_str(&safe(head(after, width)));
        (fit(&tail, width), shown.min(width.saturating_sub(1)))
    }
}

/// The columns a grapheme cluster (what a reader sees as one character)
/// takes once made safe to draw.
fn drawn_width(g: &str) -> usize {
    safe(g).width()
}

/// The start of `text` up to the first grapheme cluster that takes it past
/// `width` columns once made safe to draw (that one included, so a cut-off
/// text still reads as too wide); all of it if it fits.
fn head(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        if used > width {
            return &text[..i];
        }
        used += drawn_width(g);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::dialogs::test_support::key;

    #[test]
    fn line_edit_handles_wide_and_multibyte_text() {
        let mut e = LineEdit::default();
        e.insert("Zoë 👩 ab");
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Backspace));
        assert_eq!(e.value(), "Zoë 👩 b");
        let (shown, col) = e.view(4);
        assert!(shown.width() <= 4, "{shown}");
        assert!(col < 4);
    }

    #[test]
    fn line_edit_moves_and_edits_by_whole_characters() {
        let mut e = LineEdit::default();
        e.insert("a€👩b");
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Char('é')));
        assert_eq!(e.value(), "a€é👩b");
        e.on_key(key(KeyCode::Delete));
        assert_eq!(e.value(), "a€éb");
        e.on_key(key(KeyCode::Home));
        e.on_key(key(KeyCode::Backspace));
        e.on_key(key(KeyCode::Left));
        e.on_key(key(KeyCode::Right));
        e.on_key(key(KeyCode::Delete));
        assert_eq!(e.value(), "aéb");
        e.on_key(key(KeyCode::End));
        e.on_key(key(KeyCode::Right));
        e.on_key(key(KeyCode::Delete));
        e.insert("\tx\ny\u{1b}");
        assert_eq!(e.value(), "aébxy");
        e.set("Zoë");
        e.on_key(key(KeyCode::Backspace));
        assert_eq!(e.value(), "Zo");
    }

    /// The view as it was before it looked only near the cursor: what the
    /// quick one must still show.
    fn whole_line_view(value: &str, cursor_chars: usize, width: usize) -> (String, usize) {
        let before: String = value.chars().take(cursor_chars).collect();
        let before = safe(&before);
        let all = safe(value);
        let cur = before.width();
        if all.width() < width || cur < width {
            return (fit(&all, width), cur.min(width.saturating_sub(1)));
        }
        let mut start = 0;
        let mut shown = cur;
        for (i, c) in before.char_indices() {
            if shown < width {
                start = i;
                break;
            }
            shown -= unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            start = i + c.len_utf8();
        }
        (
            fit(&all[start..], width),
            shown.min(width.saturating_sub(1)),
        )
    }

    #[test]
    fn the_cursor_column_counts_what_the_terminal_draws_not_code_points() {
        // A family emoji (three people joined by ZWJ) and an e with a
        // combining accent: one cluster each, drawn two and one wide.
        let mut e = LineEdit::default();
        e.set("a\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}e\u{301}b");
        assert_eq!(e.view(20).1, 5);
    }

    proptest::proptest! {
        #[test]
        fn the_view_near_the_cursor_shows_what_the_whole_line_view_showed(
            text in "[a-c é€世\\x1b\\n\\t\\u{7f}]{0,60}",
            cursor in 0usize..61,
            width in 0usize..24,
        ) {
            let mut e = LineEdit::default();
            e.set(&text);
            let n = text.chars().count();
            let cursor = cursor.min(n);
            e.on_key(key(KeyCode::Home));
            for _ in 0..cursor {
                e.on_key(key(KeyCode::Right));
            }
            proptest::prop_assert_eq!(e.view(width), whole_line_view(&text, cursor, width));
        }
    }

    #[test]
    fn drawing_a_200_kb_line_looks_only_near_the_cursor() {
        let mut e = LineEdit::default();
        e.set(&"Zoë € 世界 ".repeat(20_000));
        let start = std::time::Instant::now();
        for i in 0..3000 {
            let (shown, col) = e.view(70);
            assert!(shown.width() <= 70 && col < 70);
            e.on_key(key(if i < 1000 {
                KeyCode::Left
            } else {
                KeyCode::Home
            }));
        }
        let took = start.elapsed();
        assert!(took < std::time::Duration::from_secs(3), "took {took:?}");
    }
}
