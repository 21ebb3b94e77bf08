//! `Confirm`, the yes/no question asked before anything that cannot be
//! taken back.

use super::DialogOutcome;
use crate::tui::chrome::dialog_box;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// A yes/no question.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    /// The heading.
    pub title: String,
    /// The question, with what happens.
    pub text: String,
    /// What Enter does, for the hint line.
    pub yes: String,
}

impl Confirm {
    /// Handles one key press: Enter or `y` confirms, Esc or `n` cancels.
    pub fn on_key(&self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Enter | KeyCode::Char('y') => DialogOutcome::Submit,
            KeyCode::Esc | KeyCode::Char('n') => DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => DialogOutcome::Help,
            _ => DialogOutcome::Continue,
        }
    }

    /// Draws the question centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = dialog_box(frame, area, 64, 9, &self.title, theme);
        let [text, hint] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        frame.render_widget(
            Paragraph::new(self.text.as_str()).wrap(Wrap { trim: true }),
            text,
        );
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Enter", theme.key),
                Span::raw(format!(" {}  ", self.yes)),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}
