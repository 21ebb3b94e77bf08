//! The form walk-through (docs/tui.md, "The form screen's contract"): one
//! page per section (per child for a per-child section), fields edited in
//! place, missing and invalid answers marked as they change, the child's
//! voice shown apart, guidance beside. This file holds the screen's state
//! and sends keys on: the key table is `keys.rs`, a field's own keys
//! `field_keys.rs`, moving about `navigate.rs`, drawing `draw.rs`.

mod choose;
mod draw;
mod draw_choices;
mod draw_field;
mod draw_table;
pub(crate) mod editor;
pub(crate) mod entry;
mod field_keys;
pub(crate) mod fit;
mod goto;
#[cfg(test)]
mod grapheme_tests;
mod guidance;
mod keys;
mod navigate;
mod page_cells;
mod pages;
mod previous;
pub(crate) mod problems;
mod rows;
mod side;
mod table;
mod writing;
mod writing_list;

use crate::form::{CellKind, Field, FieldKind, Form};
use crate::record::{Answers, ChildId, Completeness, Slot, Value, check};
use crate::tui::render_cache::RenderCache;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use editor::TextEditor;
use entry::{date_as_typed, normalise_time, normalise_typed_date};
use field_keys::Step;
pub use keys::{FormKeys, KEYS};
use pages::Page;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::collections::HashMap;
use table::TableEditor;
pub use writing::{WritingChange, WritingPrefs};

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
    /// Where the text cursor was drawn, with its text area: the
    /// terminal's own cursor goes there, so screen readers and braille
    /// displays follow the typing and each key costs the terminal one
    /// character, not a redrawn block; and a letter can be shown there
    /// ahead of its frame (tui/echo.rs).
    cursor: std::cell::Cell<Option<crate::tui::echo::TextCursor>>,
    /// Writing help for the record's text (issue 13).
    writing: writing::WritingState,
    /// The fixes offered for the finding chosen in the writing list.
    writing_fixes: Vec<String>,
    /// The record's children's names, known to the writing help.
    child_names: Vec<String>,
    /// The family's last record of this form, shown beside on request.
    previous: previous::PreviousPane,
    /// The list of sections as last drawn, copied while it is unchanged:
    /// drawn for (page, count of checks, theme).
    side_cells: RenderCache<(usize, u64, Theme)>,
    /// The guidance pane as last drawn: (page, child's voice, beside the
    /// form, scrolled by, theme).
    guidance_cells: RenderCache<(usize, bool, bool, u16, Theme)>,
    /// The fields without the focus as last drawn, and what they show is
    /// made from: counted changes to the answers and to the problems.
    page_cells: page_cells::PageCells,
    answers_rev: u64,
    completeness_rev: u64,
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
            previous: previous::PreviousPane::default(),
            side_cells: RenderCache::default(),
            guidance_cells: RenderCache::default(),
            page_cells: page_cells::PageCells::default(),
            answers_rev: 0,
            completeness_rev: 0,
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
        // The form's commands, with the keys in effect (the config may
        // move them; src/keys.rs).
        let does = |a: &str| crate::tui::keymap::pressed(&key, "form", a);
        if does("review") {
            return FormEvent::Review;
        }
        if does("guidance") {
            return self.toggle_guidance();
        }
        if does("next_missing") {
            return self.next_problem();
        }
        if does("evidence") {
            return self.evidence_links();
        }
        if does("last_record") {
            return if self.read_only {
                FormEvent::Ignored
            } else {
                self.toggle_previous()
            };
        }
        match key.code {
            writing_list::LIST_KEY => return self.toggle_writing_list(),
            KeyCode::Esc => return FormEvent::Close,
            KeyCode::F(1) => return FormEvent::Ignored,
            // Shift-PgDn/PgUp scroll the earlier record while it shows (it
            // is in the guidance pane's place).
            KeyCode::PageDown
                if key.modifiers.contains(KeyModifiers::SHIFT) && self.previous.shown =>
            {
                self.scroll_previous(3);
                return FormEvent::Handled;
            }
            KeyCode::PageUp
                if key.modifiers.contains(KeyModifiers::SHIFT) && self.previous.shown =>
            {
                self.scroll_previous(-3);
                return FormEvent::Handled;
            }
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
            KeyCode::Char(c) if ctrl && !alt => {
                if matches!(c.to_ascii_lowercase(), 's' | 'q') {
                    return FormEvent::Ignored;
                }
            }
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
        // A field drawn at a new size may show its text badly placed
        // (`TextEditor::fit_view`): put right and drawn again, in the same
        // frame, so the terminal only ever gets the right one.
        if let Some(ed) = self.focused_editor().filter(|ed| ed.take_resized()) {
            ed.fit_view();
            self.cursor.set(None);
            // Text drawn over text leaves what the first drawing had past
            // each line's end: the area starts blank again, as a frame does.
            let blank = area.intersection(frame.area());
            ratatui::widgets::Widget::render(ratatui::widgets::Clear, blank, frame.buffer_mut());
            self.draw(frame, area, theme);
        }
    }

    /// Work that can wait for a pause in typing: the focused long answer's
    /// window fitted to its box, so that the first key typed into it does
    /// not pay for that. True when the form is to be drawn again.
    pub fn settle(&mut self) -> bool {
        self.focused_editor().is_some_and(TextEditor::settle)
    }

    /// The focused field's text editor, when it has one.
    fn focused_editor(&mut self) -> Option<&mut TextEditor> {
        let slot = self.focused_slot()?;
        self.editors.get_mut(&slot)
    }

    /// Where the text cursor was drawn in the last frame, if a text field
    /// has the focus and is in view.
    pub fn cursor_position(&self) -> Option<ratatui::layout::Position> {
        self.cursor.get().map(|c| c.at)
    }

    /// That cursor with the text area holding it, in the last frame.
    pub fn text_cursor(&self) -> Option<crate::tui::echo::TextCursor> {
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
            FormKeys::NotMultiline => !matches!(kind, Some(FieldKind::Multiline)),
            FormKeys::NotTable => !matches!(kind, Some(FieldKind::Table(_))),
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

    /// Forgets every kept pane and page, so the next frame is drawn
    /// afresh (tests compare the two).
    #[cfg(test)]
    fn forget_kept_cells(&mut self) {
        self.side_cells = RenderCache::default();
        self.guidance_cells = RenderCache::default();
        self.page_cells = page_cells::PageCells::default();
    }

    fn recheck(&mut self) {
        self.completeness_rev += 1;
        self.completeness = check(&self.form, &self.answers, &self.child_ids, self.today);
    }

    /// The editor of a text field, built from its answer on first use.
    fn editor(&mut self, slot: &Slot, field: &Field) -> &mut TextEditor {
        let multiline = matches!(field.kind, FieldKind::Multiline);
        let date = matches!(field.kind, FieldKind::Cell(CellKind::Date { .. }));
        let answers = &self.answers;
        self.editors.entry(slot.clone()).or_insert_with(|| {
            let stored = answers.text(slot).unwrap_or_default();
            if date {
                TextEditor::new(&date_as_typed(stored), false)
            } else {
                TextEditor::new(stored, multiline)
            }
        })
    }

    /// Something to tell the person (a question before deleting a row),
    /// for the status line.
    pub fn take_message(&mut self) -> Option<String> {
        self.message.take()
    }

    fn table(&mut self, slot: &Slot) -> &mut TableEditor {
        let answers = &self.answers;
        let today = self.today;
        self.tables
            .entry(slot.clone())
            .or_insert_with(|| TableEditor::new(answers.get(slot), today))
    }

    /// Stores the focused editor's text, dates and times in their stored
    /// shape once they read as one (and as typed until then).
    fn commit_text(&mut self, slot: &Slot, field: &Field) {
        let Some(ed) = self.editors.get(slot) else {
            return;
        };
        let typed = ed.text();
        let stored = match &field.kind {
            FieldKind::Cell(CellKind::Date { .. }) => normalise_typed_date(&typed, self.today),
            FieldKind::Cell(CellKind::Time) => normalise_time(&typed),
            _ => typed,
        };
        let was_blank = self.answers.get(slot).is_none_or(Value::is_blank);
        let stored = Value::Text(stored);
        // Checking the whole form on every keystroke was a tenth of a
        // key's time (issue 12); a letter more in free text that was
        // already answered cannot change what is missing or wrong.
        let same_problems = was_blank == stored.is_blank()
            && crate::record::only_blankness_counts(&self.form, field);
        self.answers.set(slot.clone(), stored);
        if !same_problems {
            // Other fields may show it (dimmed when a rule no longer
            // needs them): the kept page goes.
            self.answers_rev += 1;
            self.recheck();
        }
        self.recheck_writing(slot, field);
    }

    fn store(&mut self, slot: Slot, value: Option<Value>) {
        self.answers_rev += 1;
        match value {
            Some(v) => self.answers.set(slot, v),
            None => self.answers.clear(&slot),
        }
        self.recheck();
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
    field.is_fixed()
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
