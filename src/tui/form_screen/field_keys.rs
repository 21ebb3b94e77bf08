//! Keys and pastes for the focused field itself: typing into a text
//! editor, picking a choice, moving on a scale, editing a table.

use super::choose::{self, Pick};
use super::editor::EditOutcome;
use super::table::TableOutcome;
use super::{FormEvent, FormScreen, is_typed_field};
use crate::form::{CellKind, FieldKind};
use crate::record::{Slot, Value};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// What a field's own key handling did.
pub(super) enum Step {
    Edited,
    Handled,
    NotMine,
    Next,
    Prev,
}

impl FormScreen {
    /// Handles a bracketed paste into the focused field.
    pub fn on_paste(&mut self, text: &str) -> FormEvent {
        if self.read_only {
            return FormEvent::Ignored;
        }
        let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) else {
            return FormEvent::Ignored;
        };
        if super::is_fixed(&field) {
            return FormEvent::Ignored;
        }
        let changed = match &field.kind {
            FieldKind::Multiline | FieldKind::Cell(_) if is_typed_field(&field) => {
                let ed = self.editor(&slot, &field);
                if ed.paste(text) {
                    self.commit_text(&slot, &field);
                    true
                } else {
                    false
                }
            }
            FieldKind::Table(spec) => {
                let t = self.table(&slot);
                if t.paste(text, spec) {
                    let v = t.value();
                    self.answers_rev += 1;
                    self.answers.set(slot, v);
                    self.recheck();
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if changed {
            FormEvent::Edited
        } else {
            FormEvent::Ignored
        }
    }

    /// A key for a table, keeping what the table has to say.
    pub(super) fn table_key(
        &mut self,
        slot: &Slot,
        key: KeyEvent,
        spec: &crate::form::TableSpec,
    ) -> TableOutcome {
        let table = self.table(slot);
        let outcome = table.on_key(key, spec);
        if let Some(m) = table.message.take() {
            self.message = Some(m);
        }
        outcome
    }

    /// Keys for the focused field itself.
    pub(super) fn field_key(&mut self, key: KeyEvent) -> Step {
        let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) else {
            return Step::NotMine;
        };
        if matches!(key.code, KeyCode::Tab | KeyCode::BackTab)
            && !matches!(field.kind, FieldKind::Table(_))
            || super::is_fixed(&field)
        {
            return Step::NotMine;
        }
        match &field.kind {
            _ if is_typed_field(&field) => match self.editor(&slot, &field).on_key(key) {
                EditOutcome::Edited => {
                    self.commit_text(&slot, &field);
                    Step::Edited
                }
                EditOutcome::Moved => Step::Handled,
                EditOutcome::NotMine => Step::NotMine,
            },
            FieldKind::Cell(CellKind::YesNo) => {
                let pick = choose::yes_no(self.answers.text(&slot), &key);
                self.apply(slot, pick)
            }
            FieldKind::Cell(CellKind::Choice { options }) => {
                let mut cursor = self.list_cursor;
                let pick = choose::choice(options, self.answers.text(&slot), &mut cursor, &key);
                self.list_cursor = cursor;
                self.apply(slot, pick)
            }
            FieldKind::Choices { options } => {
                let chosen: Vec<String> = match self.answers.get(&slot) {
                    Some(Value::List(l)) => l.clone(),
                    _ => Vec::new(),
                };
                let mut cursor = self.list_cursor;
                let pick = choose::choices(options, &chosen, &mut cursor, &key);
                self.list_cursor = cursor;
                self.apply(slot, pick)
            }
            FieldKind::Scale(spec) => {
                let pick = choose::scale(spec, self.answers.text(&slot), &key);
                self.apply(slot, pick)
            }
            FieldKind::Table(spec) => match self.table_key(&slot, key, spec) {
                TableOutcome::Edited => {
                    let v = self.table(&slot).value();
                    self.store(slot, Some(v));
                    Step::Edited
                }
                TableOutcome::Moved => Step::Handled,
                TableOutcome::LeaveNext => Step::Next,
                TableOutcome::LeavePrev => Step::Prev,
                TableOutcome::NotMine => Step::NotMine,
            },
            _ => Step::NotMine,
        }
    }

    pub(super) fn apply(&mut self, slot: Slot, pick: Pick) -> Step {
        match pick {
            Pick::Set(v) => {
                self.store(slot, v);
                Step::Edited
            }
            Pick::Moved => Step::Handled,
            Pick::NotMine => Step::NotMine,
        }
    }
}
