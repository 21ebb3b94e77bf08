//! Moving about the form: to the next or previous field and section,
//! to the next problem, and preparing the field the focus lands on.

use super::{FormEvent, FormScreen, draw, is_typed_field};
use crate::form::{CellKind, FieldKind};
use crate::record::{ProblemKind, Slot};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl FormScreen {
    /// Moving about when the field did not take the key.
    pub(super) fn navigation_key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Tab | KeyCode::Enter | KeyCode::Down => self.step_focus(true),
            KeyCode::BackTab | KeyCode::Up => self.step_focus(false),
            KeyCode::Right if ctrl => self.turn(true),
            KeyCode::Left if ctrl => self.turn(false),
            KeyCode::Home if ctrl => self.jump(0, 0),
            KeyCode::End if ctrl => {
                let last = self.pages.len().saturating_sub(1);
                self.jump(last, 0)
            }
            _ => FormEvent::Ignored,
        }
    }

    pub(super) fn toggle_guidance(&mut self) -> FormEvent {
        let shown = self
            .guidance
            .unwrap_or_else(|| draw::guidance_by_default(self.last_width));
        self.guidance = Some(!shown);
        FormEvent::Handled
    }

    /// The next or previous field, running on into the next or previous
    /// section at either end.
    pub(super) fn step_focus(&mut self, forward: bool) -> FormEvent {
        let n = self.field_count();
        if forward {
            if self.focus + 1 < n {
                self.set_focus(self.page, self.focus + 1, false);
                return FormEvent::Handled;
            }
            if self.page + 1 < self.pages.len() {
                self.set_focus(self.page + 1, 0, false);
                return FormEvent::SectionChanged;
            }
        } else {
            if self.focus > 0 && n > 0 {
                self.set_focus(self.page, self.focus - 1, true);
                return FormEvent::Handled;
            }
            if self.page > 0 {
                let prev = self.page - 1;
                let last = self
                    .pages
                    .get(prev)
                    .map_or(0, |p| p.fields(&self.form).len().saturating_sub(1));
                self.set_focus(prev, last, true);
                return FormEvent::SectionChanged;
            }
        }
        FormEvent::Handled
    }

    /// The next or previous section.
    pub(super) fn turn(&mut self, forward: bool) -> FormEvent {
        let target = if forward {
            (self.page + 1).min(self.pages.len().saturating_sub(1))
        } else {
            self.page.saturating_sub(1)
        };
        self.jump(target, 0)
    }

    pub(super) fn jump(&mut self, page: usize, field: usize) -> FormEvent {
        let changed = page != self.page;
        if changed {
            self.guidance_scroll = 0;
        }
        self.set_focus(page, field, false);
        if changed {
            FormEvent::SectionChanged
        } else {
            FormEvent::Handled
        }
    }

    /// F3: the next problem after the focused field, across sections,
    /// wrapping round to the first.
    pub(super) fn next_problem(&mut self) -> FormEvent {
        let here = (self.page, self.focus);
        let mut first: Option<(usize, usize, usize)> = None;
        let mut after: Option<(usize, usize, usize)> = None;
        for (i, p) in self.completeness.problems.iter().enumerate() {
            let Some((pi, fi)) = self.locate(&p.slot) else {
                continue;
            };
            if first.is_none_or(|(a, b, _)| (pi, fi) < (a, b)) {
                first = Some((pi, fi, i));
            }
            if (pi, fi) > here && after.is_none_or(|(a, b, _)| (pi, fi) < (a, b)) {
                after = Some((pi, fi, i));
            }
        }
        let Some((pi, fi, i)) = after.or(first) else {
            return FormEvent::Handled;
        };
        let event = self.jump(pi, fi);
        // Inside a table, go to the row and column at fault.
        let cell = self
            .completeness
            .problems
            .get(i)
            .and_then(|p| match &p.kind {
                ProblemKind::RowIncomplete { row, column }
                | ProblemKind::InvalidCell { row, column, .. } => Some((*row, column.clone())),
                _ => None,
            });
        if let (Some((row, column)), Some(field), Some(slot)) =
            (cell, self.focused_field().cloned(), self.focused_slot())
            && let FieldKind::Table(spec) = &field.kind
        {
            let col = spec
                .columns
                .iter()
                .position(|c| c.id == column)
                .unwrap_or(0);
            self.table(&slot).focus(row, col, spec);
        }
        event
    }

    /// The page and field index of a slot.
    pub(super) fn locate(&self, slot: &Slot) -> Option<(usize, usize)> {
        let pi = self.pages.iter().position(|p| p.holds(&self.form, slot))?;
        let fi = self
            .pages
            .get(pi)?
            .fields(&self.form)
            .iter()
            .position(|f| f.id == slot.field)?;
        Some((pi, fi))
    }

    /// Moves the focus, preparing the field it lands on: a text editor
    /// built once, a table's cell, a list's highlight on its answer.
    pub(super) fn set_focus(&mut self, page: usize, field: usize, backwards: bool) {
        let page = page.min(self.pages.len().saturating_sub(1));
        if page != self.page {
            self.scroll = 0;
        }
        self.page = page;
        self.focus = field.min(self.field_count().saturating_sub(1));
        self.list_cursor = 0;
        self.writing.list = None;
        let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) else {
            return;
        };
        if self.read_only {
            return;
        }
        match &field.kind {
            _ if is_typed_field(&field) => {
                self.editor(&slot, &field);
                self.enter_writing(&slot, &field);
            }
            FieldKind::Table(spec) => self.table(&slot).enter(backwards, spec),
            FieldKind::Cell(CellKind::Choice { options }) => {
                let at = self.answers.text(&slot);
                self.list_cursor = options
                    .iter()
                    .position(|o| Some(o.as_str()) == at)
                    .unwrap_or(0);
            }
            _ => {}
        }
    }
}
