//! The help overlay (F1, or `?` where no text is being typed): every key
//! that works where you are, drawn from the same lists as the footer so the
//! two can never disagree.

use super::chrome::{dialog_box, fit, wrap};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Keys that work on every screen.
pub const GLOBAL_KEYS: &[(&str, &str)] = &[
    ("F1", "this help (also ? where you are not typing)"),
    ("Ctrl-Q", "quit (an open draft is saved first); Ctrl-C too"),
    ("Ctrl-L", "redraw the whole screen"),
    (
        "Ctrl-Z",
        "suspend, saving first (fg brings it back); in a draft's form Ctrl-Z is undo",
    ),
    ("Alt-Z", "suspend, also from a draft's form"),
];

/// What a screen's keys do in another part of it, which its list of keys
/// (of the part with the cursor) cannot say.
pub fn notes(screen: &str) -> &'static [&'static str] {
    match screen {
        "family" => &[
            "On the children list, Enter or e edits the child; elsewhere e edits \
             the family (flags, worker, open or closed).",
        ],
        _ => &[],
    }
}

/// Draws the help for a screen: its name, its keys, then the global ones.
pub fn render(frame: &mut Frame, area: Rect, screen: &str, keys: &[(&str, &str)], theme: &Theme) {
    // The screen's own "F1 help" is said again below, with more words.
    let keys: Vec<&(&str, &str)> = keys.iter().filter(|(k, _)| *k != "F1").collect();
    let width = if area.width >= 120 { 90 } else { 74 };
    let notes: Vec<String> = notes(screen)
        .iter()
        .flat_map(|n| wrap(n, usize::from(width).saturating_sub(4)))
        .collect();
    let note_rows = if notes.is_empty() { 0 } else { notes.len() + 1 };
    let rows = keys.len() + note_rows + GLOBAL_KEYS.len() + 5;
    let height = u16::try_from(rows).unwrap_or(u16::MAX);
    let inner = dialog_box(
        frame,
        area,
        width,
        height,
        &format!("Help: {screen}"),
        theme,
    );
    let key_w = keys
        .iter()
        .copied()
        .chain(GLOBAL_KEYS)
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .min(22);
    let what_w = usize::from(inner.width).saturating_sub(key_w + 3);
    let line = |(k, what): &(&str, &str)| {
        Line::from(vec![
            Span::styled(format!(" {:<key_w$}", fit(k, key_w)), theme.key),
            Span::raw("  "),
            Span::raw(fit(what, what_w)),
        ])
    };
    let mut lines: Vec<Line> = keys.iter().copied().map(line).collect();
    if !notes.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(
            notes
                .into_iter()
                .map(|n| Line::from(Span::styled(format!(" {n}"), theme.hint))),
        );
    }
    lines.push(Line::raw(""));
    lines.extend(GLOBAL_KEYS.iter().map(line));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        " Esc, F1 or ? closes this help.",
        theme.hint,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
