//! Choosing a record an audit's evidence names (issue 16): F6 on a
//! standard's page lists the lines of its evidence that point at a record;
//! Enter opens that record, and leaving it comes back to the audit at the
//! same standard.

use super::DialogOutcome;
use crate::record::{RecordId, Slot};
use crate::tui::chrome::{dialog_box, fit, safe};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The records a standard's evidence names, to open one.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPicker {
    /// Each record with the evidence line naming it.
    pub links: Vec<(RecordId, String)>,
    /// Where the audit is to be opened again on coming back.
    pub back_at: Slot,
    cursor: usize,
}

impl LinkPicker {
    /// A picker over these links, the first chosen.
    pub fn new(links: Vec<(RecordId, String)>, back_at: Slot) -> LinkPicker {
        LinkPicker {
            links,
            back_at,
            cursor: 0,
        }
    }

    /// The record chosen.
    pub fn chosen(&self) -> Option<RecordId> {
        self.links.get(self.cursor).map(|l| l.0)
    }

    /// Handles one key press: ↑↓ choose, Enter opens, Esc cancels.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => {
                self.cursor = (self.cursor + 1).min(self.links.len().saturating_sub(1));
            }
            KeyCode::Enter => return DialogOutcome::Submit,
            KeyCode::Esc => return DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => return DialogOutcome::Help,
            _ => {}
        }
        DialogOutcome::Continue
    }

    /// Draws the list centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let rows = u16::try_from(self.links.len()).unwrap_or(u16::MAX);
        let inner = dialog_box(
            frame,
            area,
            76,
            rows.saturating_add(4),
            "Open a record the evidence names",
            theme,
        );
        let [list, hint] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        let width = usize::from(list.width).saturating_sub(2);
        let lines: Vec<Line> = self
            .links
            .iter()
            .enumerate()
            .map(|(i, (_, text))| {
                let t = fit(&safe(text), width);
                if i == self.cursor {
                    Line::from(Span::styled(format!("▶ {t}"), theme.focus))
                } else {
                    Line::from(format!("  {t}"))
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Enter", theme.key),
                Span::raw(" open it (Esc there comes back here)  "),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}

/// The records an evidence text names ("record 12"), each with the line
/// naming it, first mention first.
pub fn links_in(evidence: &str) -> Vec<(RecordId, String)> {
    let mut out: Vec<(RecordId, String)> = Vec::new();
    for line in evidence.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("record") {
            let mut after = rest[at..]
                .trim_start_matches("records")
                .trim_start_matches("record");
            // "record 4", or "records 20, 21".
            loop {
                let trimmed = after.trim_start();
                let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
                let Ok(n) = digits.parse::<i64>() else { break };
                if !out.iter().any(|(id, _)| id.0 == n) {
                    out.push((RecordId(n), line.trim_start_matches("- ").to_owned()));
                }
                after = &trimmed[digits.len()..];
                match after.strip_prefix(',') {
                    Some(more) => after = more,
                    None => break,
                }
            }
            rest = &rest[at + "record".len()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_named_is_found_once() {
        let text = "Gathered 2026-11-25, proposed: partly. Summary.\n\
                    - record 4 (Home visit, 2026-11-02) was finalised late.\n\
                    - The meeting on 2026-10-06 is recorded 2 times: records 20, 21.\n\
                    - record 4 again.";
        let found: Vec<i64> = links_in(text).iter().map(|l| l.0.0).collect();
        assert_eq!(found, vec![4, 20, 21]);
    }
}
