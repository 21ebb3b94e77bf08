//! Text from the store or a paste made safe to draw: control characters,
//! escape sequences and bidirectional overrides become visible marks
//! instead of reaching the terminal, where they could move the cursor,
//! change colours or disguise what a record says.

use std::borrow::Cow;

/// Whether a character must not reach the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c != '\n' && crate::safe_text::is_hidden_control(c)
}

/// One line of text with every unsafe character shown visibly: C0 controls
/// in caret notation (`^[` for ESC), tab as spaces, and anything else as
/// `<U+XXXX>`. Newlines are kept; split lines before calling when drawing.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        if c == '\t' {
            // A tab's width depends on the terminal; spaces do not.
            out.push_str("    ");
        } else {
            crate::safe_text::push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        assert_eq!(visible("a\u{1b}[31mred"), "a^[[31mred");
        assert_eq!(visible("bell\u{7}"), "bell^G");
        assert_eq!(visible("csi\u{9b}2J"), "csi<U+009B>2J");
        assert_eq!(visible("rtl\u{202E}txt"), "rtl<U+202E>txt");
        assert_eq!(visible("tab\tend"), "tab    end");
        assert_eq!(visible("del\u{7f}"), "del^?");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        assert!(matches!(visible("Zoë's views\nline two"), Cow::Borrowed(_)));
    }
}
