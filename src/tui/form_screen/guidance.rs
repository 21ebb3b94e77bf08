//! The guidance pane: the section's longer prompts, beside the page on a
//! wide screen or under it on a narrow one; F2 or Ctrl-G shows or hides it.

use crate::tui::text::visible;
use crate::tui::theme::{CHILD_VOICE_LABEL, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// Draws the guidance for a section. `beside` puts a full border round
/// it; under the page it gets a rule above only.
pub(crate) fn draw(
    guidance: &str,
    child_voice: bool,
    beside: bool,
    buf: &mut Buffer,
    area: Rect,
    theme: &Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let borders = if beside { Borders::ALL } else { Borders::TOP };
    let block = Block::default()
        .borders(borders)
        .border_style(theme.hint)
        .title(Span::styled(" Guidance (F2 hides) ", theme.title));
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
            lines.push(Line::from(Span::styled(
                visible(l).into_owned(),
                theme.hint,
            )));
        }
    }
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}
