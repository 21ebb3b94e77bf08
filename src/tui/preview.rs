//! Previewing a form from the forms list (the new-record picker, `p`):
//! the form drawn exactly as a record of it would be, read-only and with
//! no answers, under a mark that says nothing is saved. No draft is made
//! and nothing reaches the case file or the audit log; Esc goes back to the
//! picker as it was.

use super::app::FormPane;
use super::chrome::{fit, safe};
use super::dialogs::FormPicker;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The words of the mark over a preview, in colour and in words (a
/// projector may wash colour out).
pub const PREVIEW_MARK: &str = "PREVIEW: nothing is saved";

/// What a key in the preview asks of the app.
pub enum PreviewKey {
    /// Stay in the preview.
    Stay,
    /// Show the help.
    Help,
    /// Back to this picker.
    Back(Box<FormPicker>),
}

/// A form shown for a look, with the picker to go back to.
pub struct FormPreview {
    /// The form's title.
    pub title: String,
    pane: Box<dyn FormPane>,
    /// The picker as it was, restored on Esc.
    picker: FormPicker,
}

impl FormPreview {
    /// A preview of a form in `pane` (built read-only, without answers),
    /// opened from `picker`.
    pub fn new(title: String, pane: Box<dyn FormPane>, picker: FormPicker) -> FormPreview {
        FormPreview {
            title,
            pane,
            picker,
        }
    }

    /// Handles one key: Esc gives back the picker, F1 asks for help;
    /// anything else moves through the form, which changes nothing (it is
    /// read-only, and what it reports is dropped here).
    pub fn on_key(&mut self, key: KeyEvent) -> PreviewKey {
        match key.code {
            KeyCode::Esc => PreviewKey::Back(Box::new(self.picker.clone())),
            KeyCode::F(1) => PreviewKey::Help,
            // Review is for a record; there is none.
            KeyCode::F(5) => PreviewKey::Stay,
            _ => {
                let _ = self.pane.on_key(key);
                PreviewKey::Stay
            }
        }
    }

    /// The keys that work in the preview, for the footer and help.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let mut k: Vec<_> = self
            .pane
            .keys()
            .into_iter()
            // No review of a form nothing was written in, wherever the
            // config put that key.
            .filter(|(key, does)| !matches!(*key, "Esc" | "Ctrl-S" | "F1") && *does != "review")
            .collect();
        k.push(("Esc", "back to the forms"));
        k.push(("F1", "help"));
        k
    }

    /// Draws the mark and the form over `area` (the screen's body).
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        frame.render_widget(Clear, area);
        let [mark, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let text = format!(
            " {PREVIEW_MARK} · {} · no draft is made ",
            safe(&self.title)
        );
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                fit(&text, usize::from(mark.width)),
                theme.demo,
            ))),
            mark,
        );
        self.pane.render(frame, body, theme);
    }
}
