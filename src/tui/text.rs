//! Text from the store or a paste made safe to draw: control characters,
//! escape sequences and bidirectional overrides become visible marks
//! instead of reaching the terminal, where they could move the cursor,
//! change colours or disguise what a record says.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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

/// Already safe text cut to at most `width` cells, ending in `…` when
/// cut. It is cut between grapheme clusters (what a reader sees as one
/// character: a letter with its accents, a flag, an emoji family), each as
/// wide as the terminal draws it, never inside one.
pub fn cut_to_width(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// How text is wrapped everywhere on screen (textwrap): lines of at most
/// `width` cells, broken at spaces, a word longer than a line cut where it
/// must be, never at a hyphen (a case reference such as FX-0001 stays
/// whole).
pub fn wrap_options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width.max(1))
        .break_words(true)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
}

/// `text` wrapped by [`wrap_options`], as owned lines (one empty line for
/// empty text).
pub fn wrap_to_width(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, wrap_options(width))
        .into_iter()
        .map(Cow::into_owned)
        .collect()
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
    fn cutting_never_splits_what_a_reader_sees_as_one_character() {
        // e + combining acute, and a family emoji joined by ZWJ: each one
        // cluster, kept whole or left out whole.
        assert_eq!(cut_to_width("cafe\u{301}s!", 5), "cafe\u{301}…");
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let cut = cut_to_width(&format!("{family}{family}ab"), 4);
        assert_eq!(cut, format!("{family}…"));
        assert!(cut.width() <= 4);
    }

    #[test]
    fn wrapping_breaks_at_spaces_not_hyphens() {
        assert_eq!(
            wrap_to_width("see FX-0001 today", 8),
            ["see", "FX-0001", "today"]
        );
        assert_eq!(wrap_to_width("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap_to_width("", 3), [""]);
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        assert!(matches!(visible("Zoë's views\nline two"), Cow::Borrowed(_)));
    }
}
