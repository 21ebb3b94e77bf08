//! The guidance pane: the section's longer prompts, beside the page on a
//! wide screen or under it on a narrow one; F2 or Ctrl-G shows or hides it.

use crate::tui::chrome::wrap;
use crate::tui::text::visible;
use crate::tui::theme::{CHILD_VOICE_LABEL, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// Draws the guidance for a section from line `scroll` of its wrapped
/// text (clamped, and written back, so it never scrolls past the end).
/// `beside` puts a full border round it; under the page it gets a rule
/// above only. A pane too small for its text says how to scroll it.
pub(crate) fn draw(
    guidance: &str,
    child_voice: bool,
    beside: bool,
    scroll: &mut u16,
    buf: &mut Buffer,
    area: Rect,
    theme: &Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let borders = if beside { Borders::ALL } else { Borders::TOP };
    let inner_w = usize::from(area.width.saturating_sub(if beside { 2 } else { 0 }));
    let inner_h = usize::from(area.height.saturating_sub(if beside { 2 } else { 1 }));
    let mut lines: Vec<Line<'static>> = Vec::new();
    if child_voice {
        lines.push(Line::from(vec![
            Span::styled(CHILD_VOICE_LABEL, theme.child_voice),
            Span::styled(" — in the child's own words", theme.child_voice),
        ]));
        lines.push(Line::default());
    }
    if guidance.trim().is_empty() {
        lines.push(Line::from(Span::styled(
            "No guidance is written for this section.",
            theme.hint,
        )));
    } else {
        for l in guidance.lines() {
            let shown = visible(l);
            if shown.is_empty() {
                lines.push(Line::default());
                continue;
            }
            for part in wrap(&shown, inner_w.max(1)) {
                lines.push(Line::from(Span::styled(part, theme.hint)));
            }
        }
    }
    let most = lines.len().saturating_sub(inner_h);
    let from = usize::from(*scroll).min(most);
    *scroll = u16::try_from(from).unwrap_or(u16::MAX);
    let title = if most == 0 {
        " Guidance (F2 hides) ".to_owned()
    } else {
        let more = if from < most { " ↓" } else { "" };
        let less = if from > 0 { " ↑" } else { "" };
        format!(" Guidance (Shift-PgDn/PgUp scrolls{less}{more}) ")
    };
    let block = Block::default()
        .borders(borders)
        .border_style(theme.hint)
        .title(Span::styled(title, theme.title));
    let shown: Vec<Line<'static>> = lines.into_iter().skip(from).take(inner_h).collect();
    Paragraph::new(shown).block(block).render(area, buf);
}
