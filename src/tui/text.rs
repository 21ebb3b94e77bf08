//! Text from the store or a paste made safe to draw: control characters,
//! escape sequences and bidirectional overrides become visible marks
//! instead of reaching the terminal, where they could move the cursor,
//! change colours or disguise what a record says.

use std::borrow::Cow;

/// Whether a character must not reach the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
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
        match c {
            '\t' => out.push_str("    "),
            '\u{7f}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                // The C0 range maps onto '@'..'_' by adding 0x40.
                out.push(char::from_u32(c as u32 + 0x40).unwrap_or('?'));
            }
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
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
