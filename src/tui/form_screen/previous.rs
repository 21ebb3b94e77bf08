//! The family's last record of the same form, read-only, beside the form
//! on a wide screen or in the guidance pane's place at 80x24 (issue 14):
//! F4 or Ctrl-P shows and hides it. It opens at the section being
//! written; Shift-PgDn/PgUp scroll it from there. The record comes from
//! the service with the draft (`service::PreviousRecord`); this file only
//! draws it.

use super::FormScreen;
use crate::export::{DocAnswer, DocSection};
use crate::record::date_with_weekday;
use crate::service::PreviousRecord;
use crate::tui::chrome::wrap;
use crate::tui::theme::{CHILD_VOICE_LABEL, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// What the form knows of the earlier record, and how it is shown.
#[derive(Default)]
pub(super) struct PreviousPane {
    /// The record; `None` when the family has no earlier one of this form.
    record: Option<PreviousRecord>,
    /// Shown now.
    pub(super) shown: bool,
    /// Lines scrolled past the start of the matching section, and the page
    /// they were scrolled on (a new page starts at its section again).
    scroll: (usize, i32),
}

/// Said when there is nothing to show, so an empty pane is never a puzzle.
pub(crate) const NO_EARLIER: &str = "No earlier record of this form for this family.";

impl FormScreen {
    /// Gives the form the family's last record of the same form (or none).
    pub fn set_previous(&mut self, record: Option<PreviousRecord>) {
        self.previous.record = record;
    }

    /// F4 or Ctrl-P: shows or hides the earlier record.
    pub(super) fn toggle_previous(&mut self) -> super::FormEvent {
        self.previous.shown = !self.previous.shown;
        self.previous.scroll = (self.page, 0);
        super::FormEvent::Handled
    }

    /// Shift-PgDn/PgUp while the earlier record shows: scroll it.
    pub(super) fn scroll_previous(&mut self, by: i32) {
        let (page, offset) = self.previous.scroll;
        let offset = if page == self.page { offset } else { 0 };
        self.previous.scroll = (self.page, offset.saturating_add(by));
    }

    /// Draws the earlier record into `area`: a full border `beside` the
    /// form, a rule above it under the form.
    pub(super) fn draw_previous(
        &mut self,
        buf: &mut Buffer,
        area: Rect,
        beside: bool,
        theme: &Theme,
    ) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let borders = if beside { Borders::ALL } else { Borders::TOP };
        let inner_w = usize::from(area.width.saturating_sub(if beside { 2 } else { 0 })).max(1);
        let inner_h = usize::from(area.height.saturating_sub(if beside { 2 } else { 1 }));
        let Some(record) = &self.previous.record else {
            let block = Block::default()
                .borders(borders)
                .border_style(theme.hint)
                .title(Span::styled(" Last record (F4 hides) ", theme.title));
            let lines: Vec<Line<'static>> = wrap(NO_EARLIER, inner_w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.hint)))
                .collect();
            Paragraph::new(lines).block(block).render(area, buf);
            return;
        };
        let (lines, starts) = record_lines(record, inner_w, theme);
        // The section being written, for this child when it is per child;
        // else the same section for any child; else the top.
        let page = self.current_page();
        let section_id = page
            .and_then(|p| p.section(&self.form))
            .map(|s| s.id.as_str());
        let child = page.and_then(|p| p.child);
        let at = record
            .anchors
            .iter()
            .position(|(s, c)| Some(s.as_str()) == section_id && *c == child)
            .or_else(|| {
                record
                    .anchors
                    .iter()
                    .position(|(s, _)| Some(s.as_str()) == section_id)
            })
            .and_then(|i| starts.get(i).copied())
            .unwrap_or(0);
        let (page_scrolled, offset) = self.previous.scroll;
        let offset = if page_scrolled == self.page {
            offset
        } else {
            0
        };
        let most = lines.len().saturating_sub(inner_h);
        let from = usize::try_from(i64::try_from(at).unwrap_or(0) + i64::from(offset))
            .unwrap_or(0)
            .min(most);
        // Keep the offset within what can be shown, so scrolling back
        // answers at once.
        let clamped = i64::try_from(from).unwrap_or(0) - i64::try_from(at).unwrap_or(0);
        self.previous.scroll = (self.page, i32::try_from(clamped).unwrap_or(0));
        // The date and the key first: at 80 columns the title is cut.
        let title = format!(
            " Last record: {} (F4 hides) · read only · by {} ",
            date_with_weekday(record.event_date),
            record.author
        );
        let block = Block::default()
            .borders(borders)
            .border_style(theme.hint)
            .title(Span::styled(title, theme.title));
        let shown: Vec<Line<'static>> = lines.into_iter().skip(from).take(inner_h).collect();
        Paragraph::new(shown).block(block).render(area, buf);
    }
}

/// The record's lines wrapped at `width`, and the line each section
/// starts at (in the document's order).
fn record_lines(
    record: &PreviousRecord,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for section in &record.document.sections {
        starts.push(lines.len());
        section_lines(section, width, theme, &mut lines);
        lines.push(Line::default());
    }
    (lines, starts)
}

fn section_lines(section: &DocSection, width: usize, theme: &Theme, out: &mut Vec<Line<'static>>) {
    for l in wrap(&section.heading(), width) {
        out.push(Line::from(Span::styled(l, theme.title)));
    }
    if section.items.is_empty() {
        out.push(Line::from(Span::styled("  Nothing recorded.", theme.hint)));
        return;
    }
    let inner = width.saturating_sub(2).max(1);
    for item in &section.items {
        let label = if item.child_voice {
            format!("{} {CHILD_VOICE_LABEL}", item.label)
        } else {
            item.label.clone()
        };
        for l in wrap(&label, width) {
            out.push(Line::from(Span::styled(l, theme.hint)));
        }
        let style = if item.child_voice {
            theme.child_voice
        } else {
            theme.base
        };
        let text = match &item.answer {
            DocAnswer::Text(t) => t.clone(),
            DocAnswer::List(l) => l.join(", "),
            DocAnswer::Table { columns, rows } => rows
                .iter()
                .map(|r| {
                    columns
                        .iter()
                        .zip(r)
                        .filter(|(_, v)| !v.trim().is_empty())
                        .map(|(c, v)| format!("{c}: {v}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        };
        for para in text.lines() {
            for l in wrap(para, inner) {
                out.push(Line::from(vec![Span::raw("  "), Span::styled(l, style)]));
            }
        }
    }
}
