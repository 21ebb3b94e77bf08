//! The finalise question: whether a record that can feed the chronology
//! is a significant event, asked so that it must be answered, not
//! defaulted.

use super::DialogOutcome;
use crate::tui::chrome::{dialog_box, safe};
use crate::tui::theme::{MISSING_MARK, Theme};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The finalise question for a form that can feed the chronology: finalise
/// as a significant event (y), finalise as an ordinary record (n), or not
/// at all (Esc). Enter alone decides nothing: the answer must be said.
#[derive(Clone, Debug, PartialEq)]
pub struct FinaliseQuestion {
    /// Who will sign it.
    pub user: String,
    /// Whether the draft is marked significant already.
    pub was_significant: bool,
    /// The answer, once given.
    pub significant: Option<bool>,
    /// Shown after a key that is not an answer.
    pub nudge: bool,
}

impl FinaliseQuestion {
    /// The question for this user's finalising.
    pub fn new(user: &str, was_significant: bool) -> FinaliseQuestion {
        FinaliseQuestion {
            user: user.to_owned(),
            was_significant,
            significant: None,
            nudge: false,
        }
    }

    /// Handles one key press: `y` or `n` answers and finalises, Esc cancels.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Char('y' | 'Y') => {
                self.significant = Some(true);
                DialogOutcome::Submit
            }
            KeyCode::Char('n' | 'N') => {
                self.significant = Some(false);
                DialogOutcome::Submit
            }
            KeyCode::Esc => DialogOutcome::Cancel,
            KeyCode::F(1) | KeyCode::Char('?') => DialogOutcome::Help,
            _ => {
                self.nudge = true;
                DialogOutcome::Continue
            }
        }
    }

    /// The keys that work in the question.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        super::FINALISE_KEYS.all()
    }

    /// Draws the question centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = dialog_box(frame, area, 68, 14, "Finalise", theme);
        let [text, hint] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
        let mut lines = vec![
            Line::raw(format!(
                "Finalise this record as {}? It will be signed with your name and the time \
                 now, and can never be changed again; later corrections become addenda.",
                safe(&self.user)
            )),
            Line::raw(""),
            Line::from(Span::styled(
                "Is it a significant event? A significant event is listed in the family's \
                 chronology.",
                theme.title,
            )),
        ];
        if self.was_significant {
            lines.push(Line::from(Span::styled(
                "(The draft is marked significant now.)",
                theme.hint,
            )));
        }
        if self.nudge {
            lines.push(Line::from(Span::styled(
                format!("{MISSING_MARK} Answer y or n, or press Esc to go back."),
                theme.missing,
            )));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
        let key = |k: &'static str, what: &'static str| {
            Line::from(vec![
                Span::styled(format!("{k:<4}"), theme.key),
                Span::raw(what),
            ])
        };
        frame.render_widget(
            Paragraph::new(vec![
                key("y", "yes: finalise as a significant event"),
                key("n", "no: finalise, not a significant event"),
                key("Esc", "cancel: nothing is finalised"),
            ]),
            hint,
        );
    }
}
