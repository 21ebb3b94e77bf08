//! A table answer being edited: its rows (blank ones included, which the
//! stored answer may drop), the focused cell, and an editor for a typed
//! cell. Ctrl-A adds a row, Ctrl-D deletes one, Tab walks the cells.

use super::choose::{self, Pick};
use super::editor::{EditOutcome, TextEditor};
use super::entry::{date_as_typed, normalise_time, normalise_typed_date};
use crate::form::{CellKind, Column, TableSpec};
use crate::record::{Row, Value};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TableOutcome {
    /// Rows or cells changed.
    Edited,
    /// Only the focus within the table moved.
    Moved,
    /// Tab (or ↓) past the last cell: on to the next field.
    LeaveNext,
    /// Shift-Tab (or ↑) before the first cell: back to the previous field.
    LeavePrev,
    /// Not a table key.
    NotMine,
}

/// The rows of one table and where the focus is in it.
pub(crate) struct TableEditor {
    /// Every row shown, blank ones included.
    pub rows: Vec<Row>,
    /// The focused row (meaningless while there are no rows).
    pub row: usize,
    /// The focused column.
    pub col: usize,
    cell: Option<TextEditor>,
    cell_at: Option<(usize, usize)>,
    /// A row holding text that Ctrl-D was pressed on once: a second
    /// Ctrl-D on it deletes it; any other key forgets.
    armed: Option<usize>,
    /// Rows deleted, newest last, with where they were: Ctrl-Z straight
    /// after a delete brings the row back.
    deleted: Vec<(usize, Row)>,
    /// Whether the last key deleted a row (so Ctrl-Z undoes that, not the
    /// text of a cell).
    just_deleted: bool,
    /// Something to tell the person (taken by the form screen).
    pub message: Option<String>,
    /// Today, for dates typed as `t`, `y` or without a year.
    today: NaiveDate,
}

/// How many deleted rows can be brought back.
const UNDO_ROWS: usize = 20;

/// Whether a column's cells are typed (as opposed to picked).
pub(crate) fn is_typed(kind: &CellKind) -> bool {
    matches!(
        kind,
        CellKind::Text | CellKind::Date { .. } | CellKind::Time | CellKind::Number { .. }
    )
}

impl TableEditor {
    /// The rows of a stored answer (none when blank or of another shape).
    pub fn new(value: Option<&Value>, today: NaiveDate) -> TableEditor {
        let rows = match value {
            Some(Value::Rows(rows)) => rows.clone(),
            _ => Vec::new(),
        };
        TableEditor {
            rows,
            row: 0,
            col: 0,
            cell: None,
            armed: None,
            deleted: Vec::new(),
            just_deleted: false,
            message: None,
            cell_at: None,
            today,
        }
    }

    /// The answer to store.
    pub fn value(&self) -> Value {
        Value::Rows(self.rows.clone())
    }

    /// The editor of the focused typed cell, if there is one.
    pub fn cell_editor(&self) -> Option<&TextEditor> {
        self.cell
            .as_ref()
            .filter(|_| self.cell_at == Some((self.row, self.col)))
    }

    /// The editor of the focused typed cell, for styling before drawing.
    pub fn cell_editor_mut(&mut self) -> Option<&mut TextEditor> {
        if self.cell_at == Some((self.row, self.col)) {
            self.cell.as_mut()
        } else {
            None
        }
    }

    /// Moves the focus to a cell, within bounds.
    pub fn focus(&mut self, row: usize, col: usize, spec: &TableSpec) {
        self.row = row.min(self.rows.len().saturating_sub(1));
        self.col = col.min(spec.columns.len().saturating_sub(1));
        self.sync_cell(spec);
    }

    /// Focus on the first cell (entering forwards) or the last (backwards).
    pub fn enter(&mut self, backwards: bool, spec: &TableSpec) {
        if backwards {
            self.focus(usize::MAX, usize::MAX, spec);
        } else {
            self.focus(0, 0, spec);
        }
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent, spec: &TableSpec) -> TableOutcome {
        use TableOutcome::{Edited, LeaveNext, LeavePrev, Moved, NotMine};
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last_col = spec.columns.len().saturating_sub(1);
        let is_delete = ctrl && matches!(key.code, KeyCode::Char('d' | 'D'));
        let is_undo = ctrl && matches!(key.code, KeyCode::Char('z' | 'Z'));
        let armed = if is_delete { self.armed.take() } else { None };
        self.armed = None;
        if is_undo && std::mem::take(&mut self.just_deleted) {
            return if self.restore_row(spec) {
                Edited
            } else {
                Moved
            };
        }
        self.just_deleted = false;
        match key.code {
            KeyCode::Char('a' | 'A') if ctrl => {
                self.add_row(spec);
                return Edited;
            }
            KeyCode::Char('d' | 'D') if ctrl => {
                // A row holding text is asked about first (a SMART action
                // typed in full is too much to lose to one key).
                let holds_text = self
                    .rows
                    .get(self.row)
                    .is_some_and(|r| !crate::record::row_is_blank(r));
                if holds_text && armed != Some(self.row) {
                    self.armed = Some(self.row);
                    self.message = Some(
                        "This row holds text: press Ctrl-D again to delete it (Ctrl-Z then brings it back)."
                            .to_owned(),
                    );
                    return Moved;
                }
                return if self.delete_row(spec) {
                    self.just_deleted = true;
                    self.message = Some("Row deleted; Ctrl-Z brings it back.".to_owned());
                    Edited
                } else {
                    Moved
                };
            }
            KeyCode::Tab => {
                if self.rows.is_empty() {
                    return LeaveNext;
                }
                if self.col < last_col {
                    self.col += 1;
                } else if self.row + 1 < self.rows.len() {
                    self.row += 1;
                    self.col = 0;
                } else {
                    return LeaveNext;
                }
                self.sync_cell(spec);
                return Moved;
            }
            KeyCode::BackTab => {
                if self.rows.is_empty() {
                    return LeavePrev;
                }
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = last_col;
                } else {
                    return LeavePrev;
                }
                self.sync_cell(spec);
                return Moved;
            }
            KeyCode::Up if !ctrl => {
                if self.row == 0 || self.rows.is_empty() {
                    return LeavePrev;
                }
                self.row -= 1;
                self.sync_cell(spec);
                return Moved;
            }
            KeyCode::Down if !ctrl => {
                if self.row + 1 >= self.rows.len() {
                    return LeaveNext;
                }
                self.row += 1;
                self.sync_cell(spec);
                return Moved;
            }
            KeyCode::Enter if !ctrl => {
                let blank = self
                    .rows
                    .get(self.row)
                    .is_none_or(crate::record::row_is_blank);
                if self.row + 1 < self.rows.len() {
                    self.row += 1;
                    self.col = 0;
                    self.sync_cell(spec);
                    return Moved;
                }
                if blank {
                    return LeaveNext;
                }
                self.add_row(spec);
                return Edited;
            }
            _ => {}
        }
        if self.rows.is_empty() {
            // Typing into an empty table starts its first row.
            let printable = matches!(key.code, KeyCode::Char(_)) && !ctrl;
            if !printable {
                return NotMine;
            }
            self.add_row(spec);
        }
        let Some(column) = spec.columns.get(self.col) else {
            return NotMine;
        };
        if is_typed(&column.kind) {
            self.sync_cell(spec);
            let Some(ed) = self.cell.as_mut() else {
                return NotMine;
            };
            match ed.on_key(key) {
                EditOutcome::Edited => {
                    let text = ed.text();
                    self.store_cell(column, text);
                    Edited
                }
                EditOutcome::Moved => Moved,
                EditOutcome::NotMine => NotMine,
            }
        } else {
            let current = self.cell_text(column).map(str::to_owned);
            let pick = match &column.kind {
                CellKind::YesNo => choose::yes_no(current.as_deref(), &key),
                CellKind::Choice { options } => cycle(options, current.as_deref(), &key),
                _ => Pick::NotMine,
            };
            match pick {
                Pick::Set(v) => {
                    let text = match v {
                        Some(Value::Text(t)) => t,
                        _ => String::new(),
                    };
                    self.store_cell(column, text);
                    Edited
                }
                Pick::Moved => Moved,
                Pick::NotMine => NotMine,
            }
        }
    }

    /// Pasted text into the focused typed cell.
    pub fn paste(&mut self, text: &str, spec: &TableSpec) -> bool {
        if self.rows.is_empty() {
            self.add_row(spec);
        }
        let Some(column) = spec.columns.get(self.col) else {
            return false;
        };
        if !is_typed(&column.kind) {
            return false;
        }
        self.sync_cell(spec);
        let Some(ed) = self.cell.as_mut() else {
            return false;
        };
        if !ed.paste(text) {
            return false;
        }
        let text = ed.text();
        self.store_cell(column, text);
        true
    }

    /// Adds a blank row after the focused one and focuses its first cell.
    pub fn add_row(&mut self, spec: &TableSpec) {
        let at = if self.rows.is_empty() {
            0
        } else {
            (self.row + 1).min(self.rows.len())
        };
        self.rows.insert(at, Row::new());
        self.row = at;
        self.col = 0;
        self.cell_at = None;
        self.sync_cell(spec);
    }

    /// Deletes the focused row; false when there is none.
    pub fn delete_row(&mut self, spec: &TableSpec) -> bool {
        if self.row >= self.rows.len() {
            return false;
        }
        let gone = self.rows.remove(self.row);
        self.deleted.push((self.row, gone));
        if self.deleted.len() > UNDO_ROWS {
            self.deleted.remove(0);
        }
        self.row = self.row.min(self.rows.len().saturating_sub(1));
        self.cell_at = None;
        self.sync_cell(spec);
        true
    }

    /// Puts the last deleted row back where it was; false when none was.
    pub fn restore_row(&mut self, spec: &TableSpec) -> bool {
        let Some((at, row)) = self.deleted.pop() else {
            return false;
        };
        let at = at.min(self.rows.len());
        self.rows.insert(at, row);
        self.row = at;
        self.cell_at = None;
        self.sync_cell(spec);
        self.message = Some("Row brought back.".to_owned());
        true
    }

    /// The text of the focused cell in this column.
    fn cell_text(&self, column: &Column) -> Option<&str> {
        self.rows
            .get(self.row)
            .and_then(|r| r.get(&column.id))
            .map(String::as_str)
    }

    fn store_cell(&mut self, column: &Column, typed: String) {
        let stored = match column.kind {
            CellKind::Date { .. } => normalise_typed_date(&typed, self.today),
            CellKind::Time => normalise_time(&typed),
            _ => typed,
        };
        if let Some(row) = self.rows.get_mut(self.row) {
            if stored.trim().is_empty() {
                row.remove(&column.id);
            } else {
                row.insert(column.id.clone(), stored);
            }
        }
    }

    /// Makes sure the focused typed cell has its editor, built from the
    /// cell only when the focus arrives (never on every frame).
    fn sync_cell(&mut self, spec: &TableSpec) {
        let typed = spec
            .columns
            .get(self.col)
            .is_some_and(|c| is_typed(&c.kind));
        if !typed || self.rows.get(self.row).is_none() {
            self.cell = None;
            self.cell_at = None;
            return;
        }
        if self.cell_at == Some((self.row, self.col)) {
            return;
        }
        let column = spec.columns.get(self.col);
        let stored = column.and_then(|c| self.cell_text(c)).unwrap_or_default();
        let text = if column.is_some_and(|c| matches!(c.kind, CellKind::Date { .. })) {
            date_as_typed(stored)
        } else {
            stored.to_owned()
        };
        self.cell = Some(TextEditor::new(&text, false));
        self.cell_at = Some((self.row, self.col));
    }
}

/// A choice in a cell: Space or → steps forward through the options,
/// ← steps back, Delete clears.
fn cycle(options: &[String], current: Option<&str>, key: &KeyEvent) -> Pick {
    if options.is_empty() {
        return Pick::NotMine;
    }
    let at = current.and_then(|c| options.iter().position(|o| o == c));
    let n = options.len();
    let next = match key.code {
        KeyCode::Char(' ') | KeyCode::Right => at.map_or(0, |i| (i + 1) % n),
        KeyCode::Left => at.map_or(n - 1, |i| (i + n - 1) % n),
        KeyCode::Backspace | KeyCode::Delete => return Pick::Set(None),
        _ => return Pick::NotMine,
    };
    options
        .get(next)
        .map_or(Pick::Moved, |o| Pick::Set(Some(Value::Text(o.clone()))))
}
