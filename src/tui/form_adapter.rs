//! Connects the app to a form pane: the full form screen
//! (`form_screen::FormScreen`) for the program, and `PlainPane`, a
//! deliberately simple editor (every answer typed as text) that app tests
//! can use when they are about saving rather than about fields.

use super::app::{FormEvent, FormOpen, FormPane};
use super::chrome::{fit, safe};
use super::form_screen::{self as screen, FormContext, FormScreen};
use super::theme::Theme;
use crate::form::Form;
use crate::record::{Answers, ChildId, Slot, Value};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Builds the pane the program uses for a record: the full form screen.
pub fn make_form(open: FormOpen) -> Box<dyn FormPane> {
    Box::new(FormScreen::new(FormContext {
        form: open.form,
        family_label: open.family_label,
        children: open.children,
        answers: open.answers,
        read_only: open.read_only,
        today: open.today,
    }))
}

/// Builds the plain pane instead (for tests that want typing to land as
/// typed, whatever the field's kind).
pub fn make_plain_form(open: FormOpen) -> Box<dyn FormPane> {
    Box::new(PlainPane::new(open))
}

impl FormPane for FormScreen {
    fn on_key(&mut self, key: KeyEvent) -> FormEvent {
        map_event(FormScreen::on_key(self, key))
    }

    fn on_paste(&mut self, text: &str) -> FormEvent {
        map_event(FormScreen::on_paste(self, text))
    }

    fn is_typing(&self) -> bool {
        FormScreen::is_typing(self)
    }

    fn cursor_position(&self) -> Option<ratatui::layout::Position> {
        FormScreen::cursor_position(self)
    }

    fn answers(&self) -> &Answers {
        FormScreen::answers(self)
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        FormScreen::render(self, frame, area, theme);
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        FormScreen::keys(self)
    }
}

fn map_event(e: screen::FormEvent) -> FormEvent {
    match e {
        screen::FormEvent::Ignored => FormEvent::Ignored,
        screen::FormEvent::Handled => FormEvent::Handled,
        screen::FormEvent::Edited => FormEvent::Edited,
        screen::FormEvent::SectionChanged => FormEvent::SectionChanged,
        screen::FormEvent::Review => FormEvent::Review,
        screen::FormEvent::Close => FormEvent::Close,
    }
}

/// A plain editor: one section at a time, every answer as text.
pub struct PlainPane {
    form: Form,
    children: Vec<(ChildId, String)>,
    answers: Answers,
    read_only: bool,
    /// (section index, child) pages in order.
    pages: Vec<(usize, Option<ChildId>)>,
    page: usize,
    field: usize,
}

impl PlainPane {
    /// A pane over an opened record.
    pub fn new(open: FormOpen) -> PlainPane {
        let mut pages = Vec::new();
        for (i, s) in open.form.sections.iter().enumerate() {
            if s.per_child {
                pages.extend(open.children.iter().map(|c| (i, Some(c.0))));
            } else {
                pages.push((i, None));
            }
        }
        PlainPane {
            form: open.form,
            children: open.children,
            answers: open.answers,
            read_only: open.read_only,
            pages,
            page: 0,
            field: 0,
        }
    }

    fn slot(&self) -> Option<Slot> {
        let (si, child) = *self.pages.get(self.page)?;
        let s = self.form.sections.get(si)?;
        let f = s.fields.get(self.field)?;
        Some(Slot {
            section: s.id.clone(),
            child,
            field: f.id.clone(),
        })
    }

    fn field_count(&self) -> usize {
        self.pages
            .get(self.page)
            .and_then(|(si, _)| self.form.sections.get(*si))
            .map_or(0, |s| s.fields.len())
    }

    fn edit(&mut self, f: impl FnOnce(&mut String)) -> FormEvent {
        if self.read_only {
            return FormEvent::Handled;
        }
        let Some(slot) = self.slot() else {
            return FormEvent::Ignored;
        };
        let mut text = self.answers.text(&slot).unwrap_or("").to_owned();
        f(&mut text);
        self.answers.set(slot, Value::Text(text));
        FormEvent::Edited
    }

    fn turn(&mut self, forward: bool) -> FormEvent {
        let next = if forward {
            (self.page + 1).min(self.pages.len().saturating_sub(1))
        } else {
            self.page.saturating_sub(1)
        };
        if next == self.page {
            return FormEvent::Handled;
        }
        self.page = next;
        self.field = 0;
        FormEvent::SectionChanged
    }
}

impl FormPane for PlainPane {
    fn on_key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => FormEvent::Close,
            KeyCode::F(5) => FormEvent::Review,
            KeyCode::Char('r') if ctrl => FormEvent::Review,
            KeyCode::PageDown => self.turn(true),
            KeyCode::PageUp => self.turn(false),
            KeyCode::Tab | KeyCode::Down => {
                self.field = (self.field + 1).min(self.field_count().saturating_sub(1));
                FormEvent::Handled
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.field = self.field.saturating_sub(1);
                FormEvent::Handled
            }
            KeyCode::Enter => self.edit(|t| t.push('\n')),
            KeyCode::Backspace => self.edit(|t| {
                t.pop();
            }),
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.edit(|t| t.push(c))
            }
            _ => FormEvent::Ignored,
        }
    }

    fn on_paste(&mut self, text: &str) -> FormEvent {
        self.edit(|t| t.push_str(text))
    }

    fn answers(&self) -> &Answers {
        &self.answers
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(&(si, child)) = self.pages.get(self.page) else {
            return;
        };
        let Some(section) = self.form.sections.get(si) else {
            return;
        };
        let mut title = section.title.clone();
        if let Some(c) = child.and_then(|c| self.children.iter().find(|k| k.0 == c)) {
            title.push_str(&format!(" — {}", safe(&c.1)));
        }
        let width = usize::from(area.width.saturating_sub(4));
        let mut lines = Vec::new();
        for (i, f) in section.fields.iter().enumerate() {
            let slot = Slot {
                section: section.id.clone(),
                child,
                field: f.id.clone(),
            };
            let style = if i == self.field {
                theme.focus
            } else {
                theme.title
            };
            lines.push(Line::from(Span::styled(fit(&f.label, width), style)));
            let text = self.answers.text(&slot).unwrap_or("");
            for l in text.split('\n') {
                lines.push(Line::raw(format!("  {}", safe(l))));
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(Span::styled(
                    format!(" {} ({}/{}) ", title, self.page + 1, self.pages.len()),
                    theme.title,
                ))),
            area,
        );
    }

    fn keys(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("Tab", "next field"),
            ("PgDn PgUp", "section"),
            ("F5", "review"),
        ]
    }
}
