//! The addendum dialog: the only way to add to a finalised record, a
//! free-text box whose text is autosaved as a draft.

use super::DialogOutcome;
use crate::record::RecordId;
use crate::tui::chrome::dialog_box;
use crate::tui::theme::{MISSING_MARK, Theme};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

/// Writing an addendum to a finalised record. The text is autosaved as a
/// draft like any other (the app counts the edits and hands them over).
pub struct AddendumDialog {
    /// The record it will be added to.
    pub record: RecordId,
    area: TextArea<'static>,
    /// Why it cannot be added yet.
    pub error: Option<String>,
    /// Counts the changes to the text.
    pub edits: u64,
    /// The newest change handed over to be saved.
    pub handed: u64,
    /// The newest change known to be saved.
    pub saved: u64,
    /// When the first change not yet handed over was made.
    pub first_unhanded: Option<std::time::Instant>,
}

impl AddendumDialog {
    /// An empty addendum for a record.
    pub fn new(record: RecordId) -> AddendumDialog {
        AddendumDialog::with_text(record, "")
    }

    /// An addendum that starts from text autosaved earlier.
    pub fn with_text(record: RecordId, text: &str) -> AddendumDialog {
        let mut area = if text.is_empty() {
            TextArea::default()
        } else {
            TextArea::new(text.split('\n').map(str::to_owned).collect())
        };
        area.set_placeholder_text("What needs correcting or adding, and why.");
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        AddendumDialog {
            record,
            area,
            error: None,
            edits: 0,
            handed: 0,
            saved: 0,
            first_unhanded: None,
        }
    }

    /// Whether there are changes not yet saved.
    pub fn unsaved(&self) -> bool {
        self.edits > self.saved
    }

    /// The text typed.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The keys that work in the dialog.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        super::ADDENDUM_KEYS.all()
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> DialogOutcome {
        match key.code {
            KeyCode::Esc => DialogOutcome::Cancel,
            KeyCode::F(1) => DialogOutcome::Help,
            KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                if self.text().trim().is_empty() {
                    self.error = Some("Addendum: write what needs correcting or adding".into());
                    DialogOutcome::Continue
                } else {
                    DialogOutcome::Submit
                }
            }
            _ => {
                if self.area.input(key) {
                    self.edits += 1;
                }
                self.error = None;
                DialogOutcome::Continue
            }
        }
    }

    /// Pasted text is inserted with its control characters made visible.
    pub fn on_paste(&mut self, text: &str) {
        self.edits += 1;
        let clean: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .split('\n')
            .map(|l| crate::tui::text::visible(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        self.area.insert_str(clean);
    }

    /// Draws the dialog centred over `area`.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = dialog_box(frame, area, 76, 16, "Addendum", theme);
        let [text, msg, hint] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(self.error.is_some())),
            Constraint::Length(1),
        ])
        .areas(inner);
        self.area.set_block(Block::bordered());
        frame.render_widget(&self.area, text);
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(format!("{MISSING_MARK} {e}")).style(theme.missing),
                msg,
            );
        }
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Ctrl-S", theme.key),
                Span::raw(" add (it cannot be changed afterwards)  "),
                Span::styled("Esc", theme.key),
                Span::raw(" cancel"),
            ])),
            hint,
        );
    }
}
