//! The guided tour's box, drawn over the lower part of a real screen of
//! the demonstration: which step of how many, what it says, the guidance
//! it comes from, and the keys (→ next, ← back, Esc ends the tour). While
//! the tour runs its keys are the only ones: the screen beneath is shown,
//! not used, so nothing can be typed into the demonstration by mistake.

use super::chrome::safe;
use super::keymap::{KeyTable, bind};
use super::theme::Theme;
use crate::demo::tour::{Tour, TourScreen, TourStep};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The tour's keys.
pub const TOUR_KEYS: KeyTable<()> = KeyTable {
    screen: "guided tour",
    rows: &[
        bind((), "→ Space Enter", "next step"),
        bind((), "← Backspace", "previous step"),
        bind((), "Esc", "end the tour"),
        bind((), "F1", "help"),
    ],
};

/// What a key asks of the app during the tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourMove {
    /// Nothing (a key the tour does not use).
    Stay,
    /// Show the step now current.
    Show(TourScreen),
    /// Show the help.
    Help,
    /// The tour is over (Esc, or → on the last step).
    End,
}

/// A tour under way.
#[derive(Clone, Debug)]
pub struct TourState {
    tour: Tour,
    at: usize,
}

impl TourState {
    /// The tour at its first step.
    pub fn new(tour: Tour) -> TourState {
        TourState { tour, at: 0 }
    }

    /// The step showing.
    pub fn step(&self) -> Option<&TourStep> {
        self.tour.steps.get(self.at)
    }

    /// Which step (from 1) of how many.
    pub fn position(&self) -> (usize, usize) {
        (self.at + 1, self.tour.steps.len())
    }

    /// Handles one key.
    pub fn on_key(&mut self, key: KeyEvent) -> TourMove {
        match key.code {
            KeyCode::Right | KeyCode::Char(' ') | KeyCode::Enter | KeyCode::PageDown => {
                if self.at + 1 >= self.tour.steps.len() {
                    return TourMove::End;
                }
                self.at += 1;
                self.show()
            }
            KeyCode::Left | KeyCode::Backspace | KeyCode::PageUp if self.at > 0 => {
                self.at -= 1;
                self.show()
            }
            KeyCode::Esc => TourMove::End,
            KeyCode::F(1) | KeyCode::Char('?') => TourMove::Help,
            _ => TourMove::Stay,
        }
    }

    fn show(&self) -> TourMove {
        self.step()
            .map_or(TourMove::End, |s| TourMove::Show(s.screen))
    }

    /// Draws the step's box over the lower part of `area` (the body).
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(step) = self.step() else {
            return;
        };
        let (n, of) = self.position();
        let width = area.width.min(100);
        let inner_w = usize::from(width.saturating_sub(2)).max(1);
        // Lines the text wraps to, roughly (words are not split), plus the
        // source, the keys and a blank line between.
        let text_lines = textwrap::wrap(&safe(&step.text), inner_w).len()
            + textwrap::wrap(&format!("Source: {}", safe(&step.source)), inner_w).len();
        let want = u16::try_from(text_lines + 4).unwrap_or(u16::MAX);
        let height = want.min(area.height);
        let rect = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + area.height - height,
            width,
            height,
        );
        frame.render_widget(Clear, rect);
        let block = Block::bordered()
            .title(Span::styled(
                format!(" Tour {n}/{of} · {} ", safe(&step.title)),
                theme.demo,
            ))
            .style(theme.base);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [body, keys] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        let lines = vec![
            Line::from(safe(&step.text)),
            Line::from(""),
            Line::from(Span::styled(
                format!("Source: {}", safe(&step.source)),
                theme.hint,
            )),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
        let keys_line = Line::from(vec![
            Span::styled("→", theme.key),
            Span::raw(if n == of { " end  " } else { " next  " }),
            Span::styled("←", theme.key),
            Span::raw(" back  "),
            Span::styled("Esc", theme.key),
            Span::raw(" end the tour"),
        ]);
        frame.render_widget(Paragraph::new(keys_line), keys);
    }
}
