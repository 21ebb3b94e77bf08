//! Moving about the form: to the next or previous field and section,
//! to the next problem, and preparing the field the focus lands on.

use super::{FormEvent, FormScreen, draw, is_typed_field};
use crate::form::{CellKind, FieldKind};
use crate::record::{ProblemKind, Slot, is_unneeded};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl FormScreen {
    /// Moving about when the field did not take the key.
    pub(super) fn navigation_key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Tab | KeyCode::Enter => self.step_focus(true),
            KeyCode::BackTab => self.step_focus(false),
            KeyCode::Down => self.step_focus_by(true, false),
            KeyCode::Up => self.step_focus_by(false, false),
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
    /// section at either end, passing over fields that the answers make
    /// unnecessary (Tab, Shift-Tab, Enter).
    pub(super) fn step_focus(&mut self, forward: bool) -> FormEvent {
        self.step_focus_by(forward, true)
    }

    /// One field on, or back; with `skip`, on past unnecessary fields (the
    /// arrows stop at them, so they stay reachable).
    pub(super) fn step_focus_by(&mut self, forward: bool, skip: bool) -> FormEvent {
        let mut at = (self.page, self.focus);
        // Every field once at most, so a form of only unneeded fields ends.
        let total: usize = self
            .pages
            .iter()
            .map(|p| p.fields(&self.form).len() + 1)
            .sum();
        for _ in 0..total {
            let Some(next) = self.neighbour(at, forward) else {
                return FormEvent::Handled;
            };
            at = next;
            if !(skip && self.unneeded(at.0, at.1)) {
                break;
            }
        }
        if skip && self.unneeded(at.0, at.1) {
            return FormEvent::Handled;
        }
        let changed = at.0 != self.page;
        self.set_focus(at.0, at.1, !forward);
        if changed {
            FormEvent::SectionChanged
        } else {
            FormEvent::Handled
        }
    }

    /// The field after or before `(page, field)`, across sections.
    fn neighbour(&self, (page, field): (usize, usize), forward: bool) -> Option<(usize, usize)> {
        let count = |p: usize| self.pages.get(p).map_or(0, |p| p.fields(&self.form).len());
        if forward {
            if field + 1 < count(page) {
                Some((page, field + 1))
            } else {
                (page + 1 < self.pages.len()).then_some((page + 1, 0))
            }
        } else if field > 0 && count(page) > 0 {
            Some((page, field - 1))
        } else {
            page.checked_sub(1)
                .map(|prev| (prev, count(prev).saturating_sub(1)))
        }
    }

    /// Whether the answers make field `field` of page `page` unnecessary
    /// ("why not seen" once the child was seen): Tab passes it, and it is
    /// drawn dimmed.
    pub(super) fn unneeded(&self, page: usize, field: usize) -> bool {
        let Some(p) = self.pages.get(page) else {
            return false;
        };
        p.fields(&self.form)
            .get(field)
            .is_some_and(|f| is_unneeded(&self.form, f, p.child, &self.answers))
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
