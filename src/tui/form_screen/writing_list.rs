//! The writing help on screen: findings underlined in the field being
//! typed, and the list F7 opens (each finding with its fix; Enter applies
//! it, `a` adds the word to the user's own dictionary, 1-6 turn a kind on
//! or off). Never blocking: the list closes with Esc and nothing in it
//! stops a save or a finalise.

use super::editor::TextEditor;
use super::writing::is_checked;
use super::{FormEvent, FormScreen};
use crate::tui::text::visible;
use crate::tui::theme::Theme;
use crate::writing::{Finding, Kind};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::DataCursor;

/// The key that opens and closes the list.
pub(super) const LIST_KEY: KeyCode = KeyCode::F(7);

impl FormScreen {
    /// F7: opens the focused field's findings, or closes them.
    pub(super) fn toggle_writing_list(&mut self) -> FormEvent {
        if self.writing.list.is_some() {
            self.writing.list = None;
            return FormEvent::Handled;
        }
        let checked = self.focused_field().is_some_and(is_checked);
        if !checked || self.read_only {
            return FormEvent::Handled;
        }
        self.writing.list = Some(0);
        self.choose_finding(0);
        FormEvent::Handled
    }

    /// Chooses a finding in the list and works out its fixes.
    fn choose_finding(&mut self, at: usize) {
        let findings = self.focused_findings();
        let at = at.min(findings.len().saturating_sub(1));
        let chosen = findings.get(at).cloned();
        self.writing.list = Some(at);
        self.writing_fixes = match chosen {
            Some(f) => self.writing.full_suggestions(&f),
            None => Vec::new(),
        };
    }

    /// A key while the list is open. Every key is the list's.
    pub(super) fn writing_list_key(&mut self, key: KeyEvent) -> FormEvent {
        let at = self.writing.list.unwrap_or(0);
        let chosen = self.focused_findings().get(at).cloned();
        match key.code {
            KeyCode::Esc | LIST_KEY => {
                self.writing.list = None;
                FormEvent::Handled
            }
            KeyCode::Down => {
                self.choose_finding(at + 1);
                FormEvent::Handled
            }
            KeyCode::Up => {
                self.choose_finding(at.saturating_sub(1));
                FormEvent::Handled
            }
            KeyCode::Enter => match (chosen, self.writing_fixes.first().cloned()) {
                (Some(f), Some(fix)) => self.apply_fix(&f, &fix),
                _ => FormEvent::Handled,
            },
            KeyCode::Char('a') => match chosen {
                Some(f) if matches!(f.kind, Kind::Spelling | Kind::Name) => {
                    self.writing.add_word(&f.text);
                    self.after_writing_change(at)
                }
                _ => FormEvent::Handled,
            },
            KeyCode::Char(c @ '1'..='6') => {
                let i = usize::from(c as u8 - b'1');
                self.writing.toggle(Kind::ALL[i]);
                self.after_writing_change(at)
            }
            _ => FormEvent::Handled,
        }
    }

    /// Re-checks the focused field after the user's words or settings
    /// changed, keeping the list's place.
    fn after_writing_change(&mut self, at: usize) -> FormEvent {
        if let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) {
            self.recheck_writing(&slot, &field);
        }
        self.choose_finding(at);
        FormEvent::WritingChanged
    }

    /// Puts a fix in place of what a finding found.
    fn apply_fix(&mut self, finding: &Finding, fix: &str) -> FormEvent {
        let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) else {
            return FormEvent::Handled;
        };
        let Some(ed) = self.editors.get_mut(&slot) else {
            return FormEvent::Handled;
        };
        if !ed.replace(finding.range.clone(), fix) {
            return FormEvent::Handled;
        }
        self.commit_text(&slot, &field);
        let at = self.writing.list.unwrap_or(0);
        self.choose_finding(at);
        FormEvent::Edited
    }

    /// Underlines the focused field's findings where the editor drew them.
    pub(super) fn underline_findings(&self, ed: &TextEditor, rect: Rect, buf: &mut Buffer) {
        let findings = self.focused_findings();
        if findings.is_empty() {
            return;
        }
        // (line from 0, first character, character after the last). What
        // touches the cursor is still being typed ("th" on the way to
        // "the"): it is underlined once the cursor moves on, so a word is
        // not marked and unmarked letter by letter (which would also cost
        // the terminal bytes on every key).
        let (cursor_line, cursor_col) = ed.cursor_line_col();
        let marks: Vec<(usize, usize, usize)> = findings
            .iter()
            .map(|f| {
                let start = f.column - 1;
                (f.line - 1, start, start + f.text.chars().count())
            })
            .filter(|&(l, s, e)| !(l == cursor_line && s <= cursor_col && cursor_col <= e))
            .collect();
        if marks.is_empty() {
            return;
        }
        let (line0, col0) = ed.window_origin();
        let area = ed.area();
        let (top, left) = area.scroll_offset();
        let mut last_start: Option<DataCursor> = None;
        for dy in 0..rect.height {
            let row = usize::from(top) + usize::from(dy);
            // Below the text the row clamps to the last line: stop there.
            let start = area.screen_to_data(row, usize::from(left));
            if dy > 0 && last_start == Some(start) {
                break;
            }
            last_start = Some(start);
            for dx in 0..rect.width {
                let DataCursor(r, c) =
                    area.screen_to_data(row, usize::from(left) + usize::from(dx));
                let line = line0 + r;
                let col = if r == 0 { col0 + c } else { c };
                if marks
                    .iter()
                    .any(|&(l, s, e)| l == line && s <= col && col < e)
                    && let Some(cell) = buf.cell_mut((rect.x + dx, rect.y + dy))
                {
                    cell.modifier.insert(Modifier::UNDERLINED);
                }
            }
        }
    }

    /// The list of the focused field's findings, over the lower part of
    /// `area`.
    pub(super) fn draw_writing_list(&self, buf: &mut Buffer, area: Rect, theme: &Theme) {
        let h = (area.height / 2).max(8).min(area.height);
        let rect = Rect {
            y: area.y + area.height - h,
            height: h,
            ..area
        };
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.hint)
            .title(Span::styled(
                " Writing help (F7 or Esc closes) ",
                theme.title,
            ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let findings = self.focused_findings();
        let chosen = self.writing.list.unwrap_or(0);
        let mut lines: Vec<Line<'static>> = Vec::new();
        if findings.is_empty() {
            lines.push(Line::styled("Nothing to note in this answer.", theme.ok));
        }
        // Keep the chosen finding in view: start a few before it.
        let room = usize::from(inner.height.saturating_sub(3)).max(1);
        let first = chosen.saturating_sub(room.saturating_sub(3) / 2);
        for (i, f) in findings.iter().enumerate().skip(first).take(room) {
            let style = if i == chosen { theme.focus } else { theme.base };
            lines.push(Line::styled(
                format!(
                    "{}:{} {}: {}",
                    f.line,
                    f.column,
                    f.kind.name(),
                    visible(&f.message)
                ),
                style,
            ));
            if i == chosen {
                let mut fix = Vec::new();
                if let Some(s) = self.writing_fixes.first() {
                    fix.push(Span::styled("  Enter", theme.key));
                    fix.push(Span::raw(format!(" puts \"{}\"", visible(s))));
                    if self.writing_fixes.len() > 1 {
                        let others: Vec<String> = self.writing_fixes[1..]
                            .iter()
                            .map(|s| visible(s).into_owned())
                            .collect();
                        fix.push(Span::styled(
                            format!(" (or {})", others.join(", ")),
                            theme.hint,
                        ));
                    }
                }
                if matches!(f.kind, Kind::Spelling | Kind::Name) {
                    fix.push(Span::styled("  a", theme.key));
                    fix.push(Span::raw(" adds it to your dictionary"));
                }
                if !fix.is_empty() {
                    lines.push(Line::from(fix));
                }
            }
        }
        let mut kinds = vec![Span::styled("Turn on/off:", theme.hint)];
        for (i, k) in Kind::ALL.iter().enumerate() {
            let on = self.writing.is_on(*k);
            kinds.push(Span::styled(format!(" {}", i + 1), theme.key));
            let name = if on {
                format!(" {}", k.name())
            } else {
                format!(" {} (off)", k.name())
            };
            kinds.push(Span::styled(name, if on { theme.base } else { theme.hint }));
        }
        let kinds = Line::from(kinds);
        let kinds_h: u16 = if kinds.width() > usize::from(inner.width) {
            2
        } else {
            1
        };
        let list_h = inner.height.saturating_sub(kinds_h);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(
            Rect {
                height: list_h,
                ..inner
            },
            buf,
        );
        Paragraph::new(kinds).wrap(Wrap { trim: true }).render(
            Rect {
                y: inner.y + list_h,
                height: kinds_h.min(inner.height),
                ..inner
            },
            buf,
        );
    }
}
