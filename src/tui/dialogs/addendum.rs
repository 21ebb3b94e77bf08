//! The addendum dialog: the only way to add to a finalised record, a
//! free-text box whose text is autosaved as a draft. The box is the form's
//! own text editor (`form_screen::editor`), so it edits, undoes and draws
//! text exactly as a form's field does, by grapheme cluster.

use super::DialogOutcome;
use crate::record::RecordId;
use crate::tui::chrome::dialog_box;
use crate::tui::form_screen::editor::{EditOutcome, TextEditor};
use crate::tui::theme::{MISSING_MARK, Theme};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Writing an addendum to a finalised record. The text is autosaved as a
/// draft like any other (the app counts the edits and hands them over).
pub struct AddendumDialog {
    /// The record it will be added to.
    pub record: RecordId,
    editor: TextEditor,
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
        // The editor starts with its cursor at the end of the text.
        AddendumDialog {
            record,
            editor: TextEditor::new(text, true),
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
        self.editor.text()
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
                if self.editor.on_key(key) == EditOutcome::Edited {
                    self.edits += 1;
                }
                self.error = None;
                DialogOutcome::Continue
            }
        }
    }

    /// Pasted text is inserted with its control characters made visible.
    pub fn on_paste(&mut self, text: &str) {
        // The editor makes line endings one kind and controls visible.
        if self.editor.paste(text) {
            self.edits += 1;
        }
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
        let block = Block::bordered();
        let inside = block.inner(text);
        frame.render_widget(block, text);
        self.editor.set_styles(theme.base, theme.focus);
        self.editor.note_size(inside.width, inside.height);
        let buf = frame.buffer_mut();
        self.editor.area().render(inside, buf);
        crate::tui::graphemes::settle(buf, inside);
        if self.editor.text().is_empty() {
            Paragraph::new("What needs correcting or adding, and why.")
                .style(theme.hint)
                .render(inside, buf);
        }
        // The terminal's own cursor marks the place, as in a form's field
        // (screen readers follow it).
        if let Some(at) = crate::tui::graphemes::textarea_cursor(self.editor.area(), inside) {
            frame.set_cursor_position(at);
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn press(d: &mut AddendumDialog, code: KeyCode) {
        d.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn an_addendum_is_edited_by_grapheme_cluster_with_the_terminal_cursor_after_the_text() {
        // issue 10: the addendum box measured and deleted by `char`.
        let mut d = AddendumDialog::with_text(RecordId(1), "Seen ");
        for c in "ok \u{2714}\u{FE0F}\u{1F1EC}\u{1F1E7}".chars() {
            press(&mut d, KeyCode::Char(c));
        }
        press(&mut d, KeyCode::Backspace);
        assert_eq!(d.text(), "Seen ok \u{2714}\u{FE0F}");
        assert!(d.unsaved());
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| d.render(f, f.area(), &Theme::colour())).unwrap();
        let at = t.get_cursor_position().unwrap();
        let buf = t.backend().buffer();
        // "Seen ok ✔" then the space written after the check mark: the
        // cursor follows the drawn cells, 10 from the text's start.
        let start = (0..80)
            .find(|&x| buf[(x, at.y)].symbol() == "S")
            .expect("the text's row");
        assert_eq!(buf[(start + 8, at.y)].symbol(), "\u{2714}");
        assert_eq!(buf[(start + 9, at.y)].symbol(), " ");
        assert_eq!(at.x, start + 10);
        press(&mut d, KeyCode::Backspace);
        assert_eq!(d.text(), "Seen ok ");
    }
}
