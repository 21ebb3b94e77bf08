//! The one rule for text that must never reach a terminal or viewer as it
//! is: control characters (ESC and the rest, which could move the cursor or
//! recolour the screen) and bidirectional overrides (which could make a
//! record read differently from what it says). Screens and exports both
//! show them as visible marks using these two functions.

/// Whether a character is a control or direction override. Callers decide
/// which of the harmless ones (newline, tab) they keep.
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Appends a visible stand-in for such a character: caret notation for C0
/// controls (`^[` for ESC) and DEL (`^?`), `<U+XXXX>` for anything else.
pub fn push_visible(out: &mut String, c: char) {
    match c {
        '\u{7f}' => out.push_str("^?"),
        c if (c as u32) < 0x20 => {
            out.push('^');
            // C0 controls map onto '@'..'_' by adding 0x40; always valid.
            out.push(char::from_u32(c as u32 + 0x40).unwrap_or('?'));
        }
        c => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// Text from a file or a person made safe to print on one terminal line:
/// every hidden control, newline and tab included, becomes its visible
/// stand-in. Borrowed when there is nothing to change (the usual case).
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins() {
        let mut s = String::new();
        for c in ['\u{1b}', '\u{7f}', '\u{9b}', '\u{202E}', '\0'] {
            push_visible(&mut s, c);
        }
        assert_eq!(s, "^[^?<U+009B><U+202E>^@");
        assert!(is_hidden_control('\n'));
        assert!(!is_hidden_control('é'));
    }

    #[test]
    fn one_line_for_a_terminal() {
        assert_eq!(for_terminal("Ann Example"), "Ann Example");
        assert_eq!(
            for_terminal("a\u{1b}]0;x\u{7}b\nc\u{202E}"),
            "a^[]0;x^Gb^Jc<U+202E>"
        );
    }
}
