//! The list of sections beside the page: each marked ✓ when complete or
//! with how many answers are missing, the child's voice starred, and a
//! per-child section listed once with one entry under it per child; the
//! current entry highlighted and kept in view.

use super::fit::fit;
use crate::tui::theme::{CHILD_VOICE_MARK, COMPLETE_MARK, INVALID_MARK, MISSING_MARK, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// One entry of the list (one page of the walk-through).
pub(crate) struct Entry {
    /// The section's title.
    pub title: String,
    /// The child's name, for a per-child section's page.
    pub child: Option<String>,
    /// The first child's page of its section: the section's title goes
    /// on a line of its own above it.
    pub first_of_group: bool,
    /// Required answers still blank.
    pub missing: usize,
    /// Answers present but not accepted.
    pub invalid: usize,
    /// Any part of the section is the child's voice.
    pub child_voice: bool,
}

/// A row of the list: a per-child section's title, or an entry.
enum ListRow {
    Group(usize),
    Entry(usize),
}

/// Draws the list, scrolled so the current entry is in view.
pub(crate) fn draw(entries: &[Entry], current: usize, buf: &mut Buffer, area: Rect, theme: &Theme) {
    let height = usize::from(area.height);
    if height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width);
    let mut rows = Vec::with_capacity(entries.len() + 4);
    for (i, e) in entries.iter().enumerate() {
        if e.first_of_group {
            rows.push(ListRow::Group(i));
        }
        rows.push(ListRow::Entry(i));
    }
    let at = rows
        .iter()
        .position(|r| matches!(r, ListRow::Entry(i) if *i == current))
        .unwrap_or(0);
    let start = if rows.len() <= height {
        0
    } else {
        at.saturating_sub(height / 2)
            .min(rows.len().saturating_sub(height))
    };
    for (y, row) in rows.iter().skip(start).take(height).enumerate() {
        let line = match row {
            ListRow::Group(i) => entries.get(*i).map(|e| group_line(e, width, theme)),
            ListRow::Entry(i) => entries
                .get(*i)
                .map(|e| entry_line(e, *i == current, width, theme)),
        };
        let y = area.y.saturating_add(u16::try_from(y).unwrap_or(u16::MAX));
        if let Some(line) = line {
            line.render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

fn voice_mark(e: &Entry, theme: &Theme) -> Option<Span<'static>> {
    e.child_voice
        .then(|| Span::styled(format!("{CHILD_VOICE_MARK} "), theme.child_voice))
}

fn group_line(e: &Entry, width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw("    ")];
    spans.extend(voice_mark(e, theme));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(
        fit(&e.title, width.saturating_sub(used)),
        theme.base,
    ));
    Line::from(spans)
}

fn entry_line(e: &Entry, current: bool, width: usize, theme: &Theme) -> Line<'static> {
    let wide = width >= 34;
    let mut spans: Vec<Span<'static>> = Vec::new();
    spans.push(if e.missing > 0 {
        let words = if wide { " missing" } else { "" };
        Span::styled(
            format!("{MISSING_MARK}{:>2}{words} ", e.missing),
            theme.missing,
        )
    } else if e.invalid > 0 {
        Span::styled(format!("{INVALID_MARK}{:>2} ", e.invalid), theme.invalid)
    } else {
        Span::styled(format!("{COMPLETE_MARK}   "), theme.ok)
    });
    spans.extend(voice_mark(e, theme));
    let name = match &e.child {
        Some(c) => format!("  {c}"),
        None => e.title.clone(),
    };
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let style = if current { theme.focus } else { theme.base };
    spans.push(Span::styled(fit(&name, width.saturating_sub(used)), style));
    Line::from(spans)
}
