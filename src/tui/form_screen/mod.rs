//! The form walk-through (docs/tui.md, "The form screen's contract"): one
//! page per section (per child for a per-child section), fields edited in
//! place, missing and invalid answers marked as they change, the child's
//! voice shown apart, guidance beside. This file holds the screen's state
//! and turns keys into changes; drawing lives in `draw.rs`.

mod choose;
mod draw;
mod draw_choices;
mod draw_table;
mod editor;
pub(crate) mod entry;
pub(crate) mod fit;
mod goto;
mod guidance;
mod pages;
pub(crate) mod problems;
mod rows;
mod side;
mod table;
mod writing;
mod writing_list;

use super::keymap::{KeyTable, bind};
use crate::form::{CellKind, Field, FieldKind, Form};
use crate::record::{Answers, ChildId, Completeness, ProblemKind, Slot, Value, check};
use crate::tui::theme::Theme;
use choose::Pick;
use chrono::NaiveDate;
use editor::{EditOutcome, TextEditor};
use entry::{normalise_date, normalise_time};
use pages::Page;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::collections::HashMap;
use table::{TableEditor, TableOutcome};
pub use writing::{WritingChange, WritingPrefs};

/// When a row of the form's keys applies: the field with the cursor
/// decides the first rows, which the footer shows first.
#[derive(Clone, Copy, Debug)]
pub enum FormKeys {
    /// A finalised record, read only.
    ReadOnly,
    /// A text field of several lines.
    Multiline,
    /// A date.
    Date,
    /// A yes/no answer.
    YesNo,
    /// One choice of several.
    Choice,
    /// Boxes to tick.
    Choices,
    /// A scale.
    Scale,
    /// A table (SMART actions).
    Table,
    /// Any field of a draft.
    Editing,
    /// A page with an audit's evidence on it (issue 16).
    Evidence,
}

/// The form's keys. The last rows are what works somewhere in a form, for
/// the help overlay (the footer shows only the first few); kept short
/// enough to fit the overlay at 80x24.
pub const KEYS: KeyTable<FormKeys> = KeyTable {
    screen: "form",
    rows: &[
        bind(FormKeys::Evidence, "F6", "open a record the evidence names"),
        bind(FormKeys::ReadOnly, "↑/↓", "field"),
        bind(FormKeys::ReadOnly, "PgDn/PgUp", "section"),
        bind(FormKeys::ReadOnly, "F5", "review"),
        bind(FormKeys::ReadOnly, "Esc", "back"),
        bind(FormKeys::Multiline, "Enter", "new line"),
        bind(FormKeys::Multiline, "Ctrl-Z/Y", "undo/redo"),
        bind(FormKeys::Date, "DD/MM/YYYY", "date"),
        bind(FormKeys::YesNo, "y/n ←/→", "answer"),
        bind(FormKeys::Choice, "↑/↓ Space ←/→", "pick"),
        bind(FormKeys::Choices, "↑/↓ Space", "tick"),
        bind(FormKeys::Scale, "←/→", "move"),
        bind(FormKeys::Table, "Ctrl-A", "add row"),
        bind(FormKeys::Table, "Ctrl-D", "delete row"),
        bind(FormKeys::Editing, "Tab/Shift-Tab", "next/previous field"),
        bind(FormKeys::Editing, "PgDn/PgUp", "section"),
        bind(FormKeys::Editing, "F3/Ctrl-N", "next missing"),
        bind(FormKeys::Editing, "F7", "writing help: fixes"),
        bind(
            FormKeys::Editing,
            "F2/Ctrl-G",
            "guidance (Shift-PgDn/PgUp scrolls it)",
        ),
        bind(FormKeys::Editing, "Ctrl-S", "save"),
        bind(FormKeys::Editing, "F5/Ctrl-R", "review"),
        bind(FormKeys::Editing, "Esc", "back"),
        bind(
            FormKeys::Editing,
            "Ctrl-←/→ Shift",
            "jump a word, select text",
        ),
        // Ctrl-C quits everywhere, as the help's last lines say.
        bind(FormKeys::Editing, "Ctrl-X/V Z/Y", "cut/paste, undo/redo"),
        bind(
            FormKeys::Editing,
            "y/n Space 1-9",
            "answer yes/no, pick or tick a choice",
        ),
        bind(FormKeys::Editing, "←/→ Home/End", "move on a scale"),
        bind(FormKeys::Editing, "Ctrl-A/Ctrl-D", "add/delete a table row"),
        bind(FormKeys::Editing, "Delete", "clear a picked answer"),
    ],
};

/// Everything the form screen needs to open a record.
pub struct FormContext {
    /// The form the record was written with.
    pub form: Form,
    /// How the family is shown, e.g. "FX-0001 Example family".
    pub family_label: String,
    /// The children the record is about, with their names as shown.
    pub children: Vec<(ChildId, String)>,
    /// The answers so far.
    pub answers: Answers,
    /// A finalised record: walk through it, change nothing.
    pub read_only: bool,
    /// Today, for "not in the future" checks (passed in, never read here).
    pub today: NaiveDate,
}

/// What a key or paste asks of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormEvent {
    /// Not the form's key: the app may use it (F1, `?`, Ctrl-S).
    Ignored,
    /// Handled; only the view changed.
    Handled,
    /// An answer changed: autosave after a pause in typing.
    Edited,
    /// Moved to another section: save now.
    SectionChanged,
    /// Open the review screen.
    Review,
    /// Back to the family (the app saves first).
    Close,
    /// The user's writing help changed (a word added to their dictionary,
    /// a kind turned off): the app keeps it (`take_writing_changes`).
    WritingChanged,
    /// Offer the records this audit standard's evidence names (the app
    /// reads them from [`FormScreen::evidence_slot`]'s answer).
    OpenLinks,
}

/// The form walk-through of one record.
pub struct FormScreen {
    form: Form,
    family_label: String,
    child_ids: Vec<ChildId>,
    answers: Answers,
    read_only: bool,
    today: NaiveDate,
    /// Something to tell the person, for the app's status line.
    message: Option<String>,
    completeness: Completeness,
    pages: Vec<Page>,
    page: usize,
    focus: usize,
    /// Text editors by slot, built when a field first gets the focus and
    /// kept, so undo history survives moving between fields.
    editors: HashMap<Slot, TextEditor>,
    /// Tables being edited, by slot: their blank rows live only here.
    tables: HashMap<Slot, TableEditor>,
    /// The highlighted option of the focused choice list.
    list_cursor: usize,
    /// Guidance pane shown or hidden by F2; `None` until toggled, when the
    /// width decides.
    guidance: Option<bool>,
    /// First content row drawn, kept so the focused field stays in view.
    scroll: usize,
    /// The width last drawn at, so F2 toggles what is actually shown.
    last_width: u16,
    /// How far the guidance pane is scrolled (back to the top on a new
    /// page); clamped when drawn.
    guidance_scroll: u16,
    /// Where the text cursor was drawn: the terminal's own cursor goes
    /// there, so screen readers and braille displays follow the typing and
    /// each key costs the terminal one character, not a redrawn block.
    cursor: std::cell::Cell<Option<ratatui::layout::Position>>,
    /// Writing help for the record's text (issue 13).
    writing: writing::WritingState,
    /// The fixes offered for the finding chosen in the writing list.
    writing_fixes: Vec<String>,
    /// The record's children's names, known to the writing help.
    child_names: Vec<String>,
}

/// What a field's own key handling did.
enum Step {
    Edited,
    Handled,
    NotMine,
    Next,
    Prev,
}

impl FormScreen {
    /// Opens a record at its first section.
    pub fn new(ctx: FormContext) -> FormScreen {
        let child_ids: Vec<ChildId> = ctx.children.iter().map(|(id, _)| *id).collect();
        let completeness = check(&ctx.form, &ctx.answers, &child_ids, ctx.today);
        let pages = pages::build(&ctx.form, &ctx.children);
        let child_names: Vec<String> = ctx.children.iter().map(|(_, n)| n.clone()).collect();
        let mut screen = FormScreen {
            form: ctx.form,
            family_label: ctx.family_label,
            child_ids,
            answers: ctx.answers,
            read_only: ctx.read_only,
            today: ctx.today,
            message: None,
            completeness,
            pages,
            page: 0,
            focus: 0,
            editors: HashMap::new(),
            tables: HashMap::new(),
            list_cursor: 0,
            guidance: None,
            scroll: 0,
            last_width: 0,
            guidance_scroll: 0,
            cursor: std::cell::Cell::new(None),
            writing: writing::WritingState::new(
                crate::writing::WritingLists::built_in().unwrap_or_default(),
                &[],
            ),
            writing_fixes: Vec::new(),
            child_names,
        };
        let people = screen.child_people();
        screen.writing.set_people(&people);
        screen.set_focus(0, 0, false);
        screen
    }

    /// Handles one key press (releases are ignored).
    pub fn on_key(&mut self, key: KeyEvent) -> FormEvent {
        if key.kind == KeyEventKind::Release {
            return FormEvent::Ignored;
        }
        if self.writing.list.is_some() {
            return self.writing_list_key(key);
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            writing_list::LIST_KEY => return self.toggle_writing_list(),
            KeyCode::Esc => return FormEvent::Close,
            KeyCode::F(5) => return FormEvent::Review,
            KeyCode::F(2) => return self.toggle_guidance(),
            KeyCode::F(3) => return self.next_problem(),
            KeyCode::F(6) => return self.evidence_links(),
            KeyCode::F(1) => return FormEvent::Ignored,
            // Shift with PgDn/PgUp scrolls the guidance instead of turning
            // the page: at 80x24 a section's guidance is longer than its pane.
            KeyCode::PageDown if key.modifiers.contains(KeyModifiers::SHIFT) => {
                self.guidance_scroll = self.guidance_scroll.saturating_add(3);
                return FormEvent::Handled;
            }
            KeyCode::PageUp if key.modifiers.contains(KeyModifiers::SHIFT) => {
                self.guidance_scroll = self.guidance_scroll.saturating_sub(3);
                return FormEvent::Handled;
            }
            KeyCode::PageDown => return self.turn(true),
            KeyCode::PageUp => return self.turn(false),
            KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
                'r' => return FormEvent::Review,
                'g' => return self.toggle_guidance(),
                'n' => return self.next_problem(),
                's' | 'q' => return FormEvent::Ignored,
                _ => {}
            },
            _ => {}
        }
        let step = if self.read_only {
            Step::NotMine
        } else {
            self.field_key(key)
        };
        match step {
            Step::Edited => FormEvent::Edited,
            Step::Handled => FormEvent::Handled,
            Step::Next => self.step_focus(true),
            Step::Prev => self.step_focus(false),
            Step::NotMine => self.navigation_key(key),
        }
    }

    /// Handles a bracketed paste into the focused field.
    pub fn on_paste(&mut self, text: &str) -> FormEvent {
        if self.read_only {
            return FormEvent::Ignored;
        }
        let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) else {
            return FormEvent::Ignored;
        };
        if is_fixed(&field) {
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

    /// Uses a council's writing lists (abbreviations, jargon, opinion
    /// phrases) instead of the built-in ones.
    pub fn set_writing_lists(&mut self, lists: crate::writing::WritingLists) {
        let people = self.child_people();
        self.writing = writing::WritingState::new(lists, &people);
        if let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) {
            self.enter_writing(&slot, &field);
        }
    }

    /// The answers as they are now.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// What is missing or wrong, recomputed on every edit.
    pub fn completeness(&self) -> &Completeness {
        &self.completeness
    }

    /// Draws the screen into `area`.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        self.cursor.set(None);
        self.draw(frame, area, theme);
    }

    /// Where the text cursor was drawn in the last frame, if a text field
    /// has the focus and is in view.
    pub fn cursor_position(&self) -> Option<ratatui::layout::Position> {
        self.cursor.get()
    }

    /// The keys that work here now, as (key, what it does), for the
    /// footer and help.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let kind = self.focused_field().map(|f| &f.kind);
        KEYS.select(|w| match w {
            FormKeys::Evidence => self.evidence_slot().is_some(),
            FormKeys::ReadOnly => self.read_only,
            _ if self.read_only => false,
            // An audit's evidence is read, not typed in.
            FormKeys::Multiline => {
                matches!(kind, Some(FieldKind::Multiline))
                    && !self.focused_field().is_some_and(is_fixed)
            }
            FormKeys::Date => matches!(kind, Some(FieldKind::Cell(CellKind::Date { .. }))),
            FormKeys::YesNo => matches!(kind, Some(FieldKind::Cell(CellKind::YesNo))),
            FormKeys::Choice => matches!(kind, Some(FieldKind::Cell(CellKind::Choice { .. }))),
            FormKeys::Choices => matches!(kind, Some(FieldKind::Choices { .. })),
            FormKeys::Scale => matches!(kind, Some(FieldKind::Scale(_))),
            FormKeys::Table => matches!(kind, Some(FieldKind::Table(_))),
            FormKeys::Editing => true,
        })
    }

    /// The slot of the focused field, if the page has one.
    pub fn focused_slot(&self) -> Option<Slot> {
        self.pages.get(self.page)?.slot(&self.form, self.focus)
    }

    /// The index of the page shown (sections, with one page per child for
    /// a per-child section) and how many there are.
    pub fn page_position(&self) -> (usize, usize) {
        (self.page, self.pages.len())
    }

    /// Whether a key would type text (so `?` is text, not help).
    pub fn is_typing(&self) -> bool {
        if self.read_only {
            return false;
        }
        match self.focused_field().map(|f| &f.kind) {
            Some(FieldKind::Table(spec)) => {
                let col = self
                    .focused_slot()
                    .and_then(|s| self.tables.get(&s))
                    .map_or(0, |t| t.col);
                spec.columns
                    .get(col)
                    .is_none_or(|c| table::is_typed(&c.kind))
            }
            Some(_) => self.focused_field().is_some_and(is_typed_field),
            None => false,
        }
    }

    // ---- state helpers -------------------------------------------------

    fn current_page(&self) -> Option<&Page> {
        self.pages.get(self.page)
    }

    fn focused_field(&self) -> Option<&Field> {
        self.current_page()?.fields(&self.form).get(self.focus)
    }

    fn field_count(&self) -> usize {
        self.current_page()
            .map_or(0, |p| p.fields(&self.form).len())
    }

    fn recheck(&mut self) {
        self.completeness = check(&self.form, &self.answers, &self.child_ids, self.today);
    }

    /// The editor of a text field, built from its answer on first use.
    fn editor(&mut self, slot: &Slot, field: &Field) -> &mut TextEditor {
        let multiline = matches!(field.kind, FieldKind::Multiline);
        let answers = &self.answers;
        self.editors
            .entry(slot.clone())
            .or_insert_with(|| TextEditor::new(answers.text(slot).unwrap_or_default(), multiline))
    }

    /// The table being edited at a slot, built from its answer on first use.
    /// A key for a table, keeping what the table has to say.
    fn table_key(
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

    /// Something to tell the person (a question before deleting a row),
    /// for the status line.
    pub fn take_message(&mut self) -> Option<String> {
        self.message.take()
    }

    fn table(&mut self, slot: &Slot) -> &mut TableEditor {
        let answers = &self.answers;
        self.tables
            .entry(slot.clone())
            .or_insert_with(|| TableEditor::new(answers.get(slot)))
    }

    /// Stores the focused editor's text, dates and times in their stored
    /// shape once they read as one (and as typed until then).
    fn commit_text(&mut self, slot: &Slot, field: &Field) {
        let Some(ed) = self.editors.get(slot) else {
            return;
        };
        let typed = ed.text();
        let stored = match &field.kind {
            FieldKind::Cell(CellKind::Date { .. }) => normalise_date(&typed),
            FieldKind::Cell(CellKind::Time) => normalise_time(&typed),
            _ => typed,
        };
        self.answers.set(slot.clone(), Value::Text(stored));
        self.recheck();
        self.recheck_writing(slot, field);
    }

    fn store(&mut self, slot: Slot, value: Option<Value>) {
        match value {
            Some(v) => self.answers.set(slot, v),
            None => self.answers.clear(&slot),
        }
        self.recheck();
    }

    // ---- keys ------------------------------------------------------------

    /// Keys for the focused field itself.
    fn field_key(&mut self, key: KeyEvent) -> Step {
        let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) else {
            return Step::NotMine;
        };
        if matches!(key.code, KeyCode::Tab | KeyCode::BackTab)
            && !matches!(field.kind, FieldKind::Table(_))
            || is_fixed(&field)
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

    fn apply(&mut self, slot: Slot, pick: Pick) -> Step {
        match pick {
            Pick::Set(v) => {
                self.store(slot, v);
                Step::Edited
            }
            Pick::Moved => Step::Handled,
            Pick::NotMine => Step::NotMine,
        }
    }

    /// Moving about when the field did not take the key.
    fn navigation_key(&mut self, key: KeyEvent) -> FormEvent {
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

    fn toggle_guidance(&mut self) -> FormEvent {
        let shown = self
            .guidance
            .unwrap_or_else(|| draw::guidance_by_default(self.last_width));
        self.guidance = Some(!shown);
        FormEvent::Handled
    }

    /// The next or previous field, running on into the next or previous
    /// section at either end.
    fn step_focus(&mut self, forward: bool) -> FormEvent {
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
    fn turn(&mut self, forward: bool) -> FormEvent {
        let target = if forward {
            (self.page + 1).min(self.pages.len().saturating_sub(1))
        } else {
            self.page.saturating_sub(1)
        };
        self.jump(target, 0)
    }

    fn jump(&mut self, page: usize, field: usize) -> FormEvent {
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
    fn next_problem(&mut self) -> FormEvent {
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
    fn locate(&self, slot: &Slot) -> Option<(usize, usize)> {
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
    fn set_focus(&mut self, page: usize, field: usize, backwards: bool) {
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

impl FormScreen {
    /// The place of the audit evidence on the page showing, if it has any.
    pub fn evidence_slot(&self) -> Option<Slot> {
        let page = self.current_page()?;
        let fields = page.fields(&self.form);
        let i = fields.iter().position(is_fixed)?;
        let slot = page.slot(&self.form, i)?;
        self.answers.text(&slot).is_some().then_some(slot)
    }

    /// F6: the records the page's evidence names, to choose one to open.
    fn evidence_links(&mut self) -> FormEvent {
        let Some(slot) = self.evidence_slot() else {
            return FormEvent::Ignored;
        };
        let text = self.answers.text(&slot).unwrap_or_default();
        let links = crate::tui::dialogs::links_in(text);
        if links.is_empty() {
            self.message = Some("This standard's evidence names no record.".into());
            return FormEvent::Handled;
        }
        FormEvent::OpenLinks
    }
}

/// Whether a field's answer is fixed when the record starts: an audit's
/// evidence (issue 16), kept as the manager saw it, so it can be read and
/// walked past but not changed.
pub(super) fn is_fixed(field: &Field) -> bool {
    field.prefill == Some(crate::form::Prefill::AuditEvidence)
}

/// Whether a field's answer is typed in a text editor.
fn is_typed_field(field: &Field) -> bool {
    if is_fixed(field) {
        return false;
    }
    match &field.kind {
        FieldKind::Multiline => true,
        FieldKind::Cell(k) => table::is_typed(k),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
