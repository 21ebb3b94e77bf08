//! The one rule for text that must never reach a terminal or viewer as it
//! is: control characters (ESC and the rest, which could move the cursor or
//! recolour the screen) and bidirectional overrides (which could make a
//! record read differently from what it says). Screens, exports and the
//! commands' printed lines show them as visible marks using these
//! functions; JSON for scripts keeps them exact but escaped as `\uXXXX`, so
//! the JSON, too, is safe to see in a terminal.

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

/// JSON text (as serde_json writes it) with every hidden control left raw
/// by serde_json (DEL, C1 controls and direction marks) written as a
/// `\uXXXX` escape; parsed, it gives back exactly the same values.
pub fn escape_json_controls(json: &str) -> std::borrow::Cow<'_, str> {
    // serde_json escapes C0 controls inside strings itself, so a raw C0
    // character in its output is the pretty printer's own line break between
    // tokens and must stay. Every other hidden control is at or above U+007F
    // and can only occur inside a string, where `\uXXXX` means the same
    // character; all of them are in the Basic Multilingual Plane, so one
    // four-digit escape always suffices.
    let needs = |c: char| (c as u32) >= 0x20 && is_hidden_control(c);
    if !json.chars().any(needs) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Any serialisable value as indented JSON in which no control or direction
/// character appears raw (see [`escape_json_controls`]).
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(match escape_json_controls(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    })
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

    /// Every character the JSON must never hold raw.
    const HIDDEN: &[char] = &[
        '\0', '\u{7}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9b}', '\u{9f}',
        '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ];

    #[test]
    fn json_escapes_every_hidden_control_and_parses_back_exactly() {
        let name: String = HIDDEN.iter().flat_map(|c| ['a', *c]).collect();
        let value = serde_json::json!({ "name": name, &name: [name.as_str(), "Zoë 😀"] });
        let text = to_json_pretty(&value).unwrap();
        assert!(
            !text.chars().any(|c| c != '\n' && is_hidden_control(c)),
            "{text:?}"
        );
        for c in [
            '\u{7f}', '\u{85}', '\u{9b}', '\u{200e}', '\u{202e}', '\u{2069}',
        ] {
            let escape = format!("\\u{:04x}", c as u32);
            assert!(text.contains(&escape), "{escape} missing from {text}");
        }
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        assert!(
            text.contains("Zoë 😀"),
            "ordinary text stays as it is: {text}"
        );
    }

    #[test]
    fn json_without_controls_is_borrowed_untouched() {
        let text = "{\n  \"name\": \"Ann Example\"\n}";
        assert!(matches!(
            escape_json_controls(text),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_survives_json_exactly_with_nothing_hidden_raw(s in "\\PC*|[\\x00-\\x{A0}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]*") {
            let text = to_json_pretty(&serde_json::json!({ "s": s })).unwrap();
            proptest::prop_assert!(!text.chars().any(|c| c != '\n' && is_hidden_control(c)));
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(back["s"].as_str(), Some(s.as_str()));
        }
    }
}
