//! Fitting text into terminal cells: cutting to a width with an ellipsis,
//! wrapping a preview, and taking only the head of a long answer so that
//! drawing never walks a 100 KB string.

use crate::tui::text::visible;
use unicode_width::UnicodeWidthStr;

/// At most `max` characters from the start of `s`.
pub(crate) fn head(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// `s` made safe and cut to `width` cells, ending in `…` when cut.
pub(crate) fn fit(s: &str, width: usize) -> String {
    let safe = visible(head(s, width.saturating_mul(2).saturating_add(8)));
    cut(&safe, width)
}

/// Already safe text cut to `width` cells.
fn cut(s: &str, width: usize) -> String {
    crate::tui::text::cut_to_width(s, width)
}

/// `title` then `suffix`, cutting the title rather than the suffix (so a
/// child's name always shows).
pub(crate) fn fit_with_suffix(title: &str, suffix: &str, width: usize) -> String {
    let suffix = fit(suffix, width);
    let room = width.saturating_sub(suffix.width());
    let mut out = fit(title, room);
    out.push_str(&suffix);
    out
}

/// The first `max_lines` lines of `text` wrapped at `width` cells, made
/// safe, and whether any text was left over.
pub(crate) fn wrap(text: &str, width: usize, max_lines: usize) -> (Vec<String>, bool) {
    let width = width.max(1);
    let budget = width
        .saturating_mul(max_lines)
        .saturating_mul(2)
        .saturating_add(16);
    let shown = head(text, budget);
    let mut lines = Vec::new();
    let mut more = shown.len() < text.len();
    for raw in shown.split('\n') {
        lines.extend(wrap_line(&visible(raw), width));
        if lines.len() >= max_lines {
            break;
        }
    }
    // Blank lines at the end of a draft say nothing in a preview.
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        more = true;
    } else if lines.len() == max_lines {
        let consumed: usize = shown.split('\n').take(max_lines).map(|l| l.len() + 1).sum();
        more |= consumed < shown.len();
    }
    (lines, more)
}

/// One line of already safe text wrapped at `width` cells: at spaces
/// where it can, inside a word longer than the width where it must.
pub(crate) fn wrap_line(text: &str, width: usize) -> Vec<String> {
    crate::tui::text::wrap_to_width(text, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_respects_wide_characters_and_escapes() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("\u{1b}[2J", 10), "^[[2J");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn suffix_survives() {
        assert_eq!(
            fit_with_suffix("Child's views, wishes", " — Child A", 18),
            "Child's… — Child A"
        );
    }

    #[test]
    fn wrapping_a_preview() {
        let (lines, more) = wrap("one two three four five", 9, 2);
        assert_eq!(lines, vec!["one two", "three"]);
        assert!(more);
        let (lines, more) = wrap("short", 9, 3);
        assert_eq!(lines, vec!["short"]);
        assert!(!more);
        let (lines, _) = wrap("abcdefghijkl", 5, 5);
        assert_eq!(lines, vec!["abcde", "fghij", "kl"]);
        let (lines, more) = wrap(&"word ".repeat(40_000), 20, 3);
        assert_eq!(lines.len(), 3);
        assert!(more);
    }
}
