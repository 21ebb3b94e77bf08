//! One family's case: when management oversight was last recorded (and a
//! flag when there has been none within the configured period), its
//! children, its records (newest first) and its chronology, each a list you
//! can move through; the parents, carers and professionals are listed
//! under the children. Starting a record, adding a child or a person,
//! changing the family's, a child's or a person's details, opening a
//! record and opening the full chronology all begin here.

use super::chrome::{fit, safe};
use super::family_lines::{age_text, chain_line, oversight_spans, person_row};
use super::keymap::{KeyTable, action, bind, pressed};
use super::list::{ListState, ListTable, Page};
use super::theme::Theme;
use crate::record::ChildId;
use crate::record::{FamilyId, RecordId};
use crate::service::PersonId;
pub use crate::service::family_view::ChronologyRow;
pub use crate::service::{
    ActionCounts, ChildRow, FamilyView, LastOversight, Oversight, PersonRow, RecordRow,
};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

/// When a row of the family screen's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum FamilyKeys {
    /// A child is selected in the children list.
    OnChild,
    /// A parent, carer or professional is selected in the children list.
    OnPerson,
    /// The records list has the cursor and holds a record.
    OnRecord,
    /// The record under the cursor is a draft.
    OnDraft,
    /// The chronology pane has the cursor.
    OnChronology,
    /// Neither a child nor a person is selected.
    NotOnChild,
    /// Always.
    Always,
}

/// The screen's name in the key tables and the config (`[keys.family]`).
const SCREEN: &str = "family";

/// The family screen's keys.
pub const KEYS: KeyTable<FamilyKeys> = KeyTable {
    screen: SCREEN,
    rows: &[
        bind(FamilyKeys::OnChild, "Enter e", "edit child"),
        bind(FamilyKeys::OnPerson, "Enter e", "edit person"),
        bind(FamilyKeys::OnChronology, "Enter", "chronology"),
        bind(FamilyKeys::OnRecord, "Enter", "open record"),
        action(FamilyKeys::Always, "new_record", "new record"),
        action(FamilyKeys::Always, "add_child", "add child"),
        action(FamilyKeys::NotOnChild, "edit", "edit family"),
        action(
            FamilyKeys::Always,
            "add_person",
            "add parent, carer or professional",
        ),
        action(FamilyKeys::Always, "oversight", "oversight"),
        action(FamilyKeys::Always, "chronology", "chronology"),
        action(FamilyKeys::Always, "actions", "actions"),
        action(FamilyKeys::Always, "search", "search"),
        action(FamilyKeys::OnDraft, "discard_draft", "discard draft"),
        bind(FamilyKeys::Always, "Tab", "next list"),
        bind(FamilyKeys::Always, "↑↓", "move"),
        bind(FamilyKeys::Always, "Esc", "families"),
        bind(FamilyKeys::Always, "F1", "help"),
        action(FamilyKeys::Always, "quit", "quit"),
    ],
};

static EMPTY_RECORDS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
static EMPTY_CHRONOLOGY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A hint naming an action's key in effect, made once per run (the
/// bindings never change while it runs); `{}` in `text` is the key.
pub(super) fn hint(
    cell: &'static std::sync::OnceLock<String>,
    text: &str,
    action: &'static str,
) -> &'static str {
    cell.get_or_init(|| {
        text.replace("{}", crate::keys::label_in_effect(SCREEN, action))
            .replace("{add}", crate::keys::label_in_effect("chronology", "add"))
    })
}

/// Which list has the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The children.
    Children,
    /// The records.
    Records,
    /// The chronology.
    Chronology,
}

/// What a key on the family screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum FamilyAction {
    /// Nothing beyond redrawing.
    None,
    /// Back to the families.
    Back,
    /// Show the add-child dialog.
    AddChild,
    /// Change the family's details.
    EditFamily,
    /// Correct this child's details.
    EditChild(ChildId),
    /// Show the add-person dialog.
    AddPerson,
    /// Correct this person's details.
    EditPerson(PersonId),
    /// Show the form picker, starting on this form if given.
    NewRecord(Option<&'static str>),
    /// Open this record.
    OpenRecord(RecordId),
    /// Ask whether to discard this draft.
    DiscardDraft(RecordId),
    /// Open the family's chronology.
    Chronology,
    /// Open the family's action register.
    Register,
    /// Search the family's records.
    Search,
    /// Show help.
    Help,
    /// Leave the program.
    Quit,
}

/// The family screen's state.
pub struct FamilyScreen {
    /// What is shown.
    pub view: FamilyView,
    focus: Pane,
    children: ListState,
    records: ListState,
    chronology: ListState,
    today: NaiveDate,
}

impl FamilyScreen {
    /// The screen for a loaded family; the cursor starts on the records.
    pub fn new(view: FamilyView, today: NaiveDate) -> FamilyScreen {
        // A page is ten rows in every pane, whatever its height.
        let first = |n: usize| {
            let mut list = ListState::new(Page::Fixed(10));
            list.show_all(n);
            list
        };
        FamilyScreen {
            children: first(view.children.len() + view.people.len()),
            records: first(view.records.len()),
            chronology: first(view.chronology.len()),
            view,
            focus: Pane::Records,
            today,
        }
    }

    /// Replaces what is shown after a reload, keeping the cursor where it can.
    pub fn reload(&mut self, view: FamilyView) {
        self.children
            .show_all(view.children.len() + view.people.len());
        self.records.show_all(view.records.len());
        self.chronology.show_all(view.chronology.len());
        self.view = view;
    }

    /// Puts the cursor on a record, if listed.
    pub fn select_record(&mut self, id: RecordId) {
        if let Some(i) = self.view.records.iter().position(|r| r.id == id) {
            self.focus = Pane::Records;
            self.records.select(Some(i));
        }
    }

    /// Which list has the cursor.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The family's id.
    pub fn id(&self) -> FamilyId {
        self.view.family.id
    }

    /// The keys that work here now.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let child = self.selected_child().is_some();
        let person = self.selected_person().is_some();
        KEYS.select(|w| match w {
            FamilyKeys::OnChild => child,
            FamilyKeys::OnPerson => person,
            FamilyKeys::OnRecord => self.focus == Pane::Records && !self.view.records.is_empty(),
            FamilyKeys::OnDraft => self.selected_draft().is_some(),
            FamilyKeys::OnChronology => self.focus == Pane::Chronology,
            FamilyKeys::NotOnChild => !child && !person,
            FamilyKeys::Always => true,
        })
    }

    /// The draft under the cursor, when the records list has the focus.
    fn selected_draft(&self) -> Option<RecordId> {
        if self.focus != Pane::Records {
            return None;
        }
        self.records
            .selected()
            .and_then(|i| self.view.records.get(i))
            .filter(|r| r.draft)
            .map(|r| r.id)
    }

    /// The child under the cursor, when the children list has the focus.
    fn selected_child(&self) -> Option<ChildId> {
        if self.focus != Pane::Children {
            return None;
        }
        self.children
            .selected()
            .and_then(|i| self.view.children.get(i))
            .map(|c| c.id)
    }

    /// The person under the cursor: the people are listed after the
    /// children, in the same pane.
    fn selected_person(&self) -> Option<PersonId> {
        if self.focus != Pane::Children {
            return None;
        }
        let i = self.children.selected()?;
        let p = i.checked_sub(self.view.children.len())?;
        self.view.people.get(p).map(|p| p.id)
    }

    /// What `e` or Enter edits in the children pane: the child or person
    /// under the cursor.
    fn edit_selected(&self) -> Option<FamilyAction> {
        self.selected_child()
            .map(FamilyAction::EditChild)
            .or_else(|| self.selected_person().map(FamilyAction::EditPerson))
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> FamilyAction {
        // The rebindable actions first, with the keys in effect.
        let does = |a: &str| pressed(&key, SCREEN, a);
        if let Some(action) = [
            ("add_child", FamilyAction::AddChild),
            ("add_person", FamilyAction::AddPerson),
            ("new_record", FamilyAction::NewRecord(None)),
            (
                "oversight",
                FamilyAction::NewRecord(Some("management_oversight")),
            ),
            ("chronology", FamilyAction::Chronology),
            ("actions", FamilyAction::Register),
            ("search", FamilyAction::Search),
            ("quit", FamilyAction::Quit),
        ]
        .into_iter()
        .find_map(|(a, action)| does(a).then_some(action))
        {
            return action;
        }
        if does("edit") {
            // On a child or person, edit is theirs, as Enter is; anywhere
            // else it is the family's.
            return self.edit_selected().unwrap_or(FamilyAction::EditFamily);
        }
        if does("discard_draft") {
            return self
                .selected_draft()
                .map_or(FamilyAction::None, FamilyAction::DiscardDraft);
        }
        match key.code {
            KeyCode::Esc | KeyCode::Backspace => FamilyAction::Back,
            KeyCode::Char('?') | KeyCode::F(1) => FamilyAction::Help,
            KeyCode::Tab => {
                self.focus = match self.focus {
                    Pane::Children => Pane::Records,
                    Pane::Records => Pane::Chronology,
                    Pane::Chronology => Pane::Children,
                };
                FamilyAction::None
            }
            KeyCode::BackTab => {
                self.focus = match self.focus {
                    Pane::Children => Pane::Chronology,
                    Pane::Records => Pane::Children,
                    Pane::Chronology => Pane::Records,
                };
                FamilyAction::None
            }
            KeyCode::Enter => match self.focus {
                Pane::Records => self
                    .records
                    .selected()
                    .and_then(|i| self.view.records.get(i))
                    .map_or(FamilyAction::None, |r| FamilyAction::OpenRecord(r.id)),
                Pane::Chronology => FamilyAction::Chronology,
                Pane::Children => self.edit_selected().unwrap_or(FamilyAction::None),
            },
            code => {
                let list = match self.focus {
                    Pane::Children => &mut self.children,
                    Pane::Records => &mut self.records,
                    Pane::Chronology => &mut self.chronology,
                };
                list.on_key(code);
                FamilyAction::None
            }
        }
    }

    /// Draws the screen's body.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let broken = u16::from(self.view.chain_break.is_some());
        let [head, tampered, oversight, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(broken),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        if let Some(b) = &self.view.chain_break {
            frame.render_widget(Paragraph::new(chain_line(b, theme)), tampered);
        }
        let f = &self.view.family;
        let mut spans = vec![
            Span::styled(safe(&f.reference), theme.title),
            Span::raw("  "),
            Span::styled(safe(&f.name), theme.title),
            Span::raw(match (f.closed, f.closed_on) {
                (true, Some(on)) => format!("  closed {}", crate::dates::short(on)),
                (true, None) => "  closed".to_owned(),
                (false, _) => "  active".to_owned(),
            }),
        ];
        let flags = f.flags();
        if !flags.is_empty() {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(flags, theme.overdue));
        }
        let worker = f
            .worker
            .as_deref()
            .map_or("unallocated".to_owned(), |w| format!("worker {}", safe(w)));
        spans.push(Span::styled(
            format!("  · {worker} · {} draft(s)", f.drafts),
            theme.hint,
        ));
        // The overdue mark comes first, so a narrow terminal cuts the
        // count of open actions rather than the mark.
        let a = self.view.actions;
        if a.overdue > 0 {
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(
                format!("!! {} action(s) late", a.overdue),
                theme.overdue,
            ));
            spans.push(Span::styled(format!(", {} open", a.open), theme.hint));
        } else if a.open > 0 {
            spans.push(Span::styled(
                format!(" · {} action(s) open", a.open),
                theme.hint,
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), head);
        frame.render_widget(
            Paragraph::new(Line::from(oversight_spans(&self.view.oversight, theme))),
            oversight,
        );

        let rows = self.view.children.len() + self.view.people.len();
        let kids_h = u16::try_from(rows.clamp(1, 6) + 3).unwrap_or(9);
        if rest.width >= 140 {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(rest);
            let [kids, recs] =
                Layout::vertical([Constraint::Length(kids_h), Constraint::Fill(1)]).areas(left);
            self.render_children(frame, kids, theme);
            self.render_records(frame, recs, theme);
            self.render_chronology(frame, right, theme);
        } else {
            let [kids, recs, chron] = Layout::vertical([
                Constraint::Length(kids_h.min(7)),
                Constraint::Fill(3),
                Constraint::Fill(2),
            ])
            .areas(rest);
            self.render_children(frame, kids, theme);
            self.render_records(frame, recs, theme);
            self.render_chronology(frame, chron, theme);
        }
    }

    fn block(&self, pane: Pane, title: String, theme: &Theme) -> Block<'static> {
        let style = if self.focus == pane {
            theme.key
        } else {
            theme.title
        };
        let mark = if self.focus == pane { "▶ " } else { "" };
        Block::bordered().title(Span::styled(format!(" {mark}{title} "), style))
    }

    /// A pane's list: its frame, the message when it is empty (frame and
    /// all in the hint style), and the highlight only when it has the focus.
    fn pane<'a, R>(
        &self,
        pane: Pane,
        title: String,
        empty: &'static str,
        list: ListTable<'a, R>,
        theme: &Theme,
    ) -> ListTable<'a, R>
    where
        R: FnMut(usize) -> Row<'a>,
    {
        let rows = match pane {
            Pane::Children => &self.children,
            Pane::Records => &self.records,
            Pane::Chronology => &self.chronology,
        };
        let mut block = self.block(pane, title, theme);
        if rows.is_empty() {
            block = block.border_style(theme.hint);
        }
        let focused = self.focus == pane;
        list.block(block)
            .empty(Paragraph::new(empty).style(theme.hint))
            .highlight(
                if focused { theme.focus } else { theme.base },
                if focused { "▶ " } else { "  " },
            )
    }

    fn render_children(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let today = self.today;
        let children = &self.view.children;
        let people = &self.view.people;
        let row = |i: usize| {
            let Some(c) = children.get(i) else {
                // The people follow the children in the same list.
                return i
                    .checked_sub(children.len())
                    .and_then(|p| people.get(p))
                    .map_or_else(Row::default, person_row);
            };
            let (dob, age) = match c.date_of_birth {
                Some(d) => (crate::dates::short(d), age_text(d, today)),
                None => ("—".to_owned(), String::new()),
            };
            Row::new(vec![
                Cell::from(safe(&c.name)),
                Cell::from(dob),
                Cell::from(age),
                Cell::from(safe(&c.details)),
            ])
        };
        let table = ListTable::new(
            [
                Constraint::Length(24),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
            row,
        )
        .header(["Name", "Born", "Age", "Details"], theme.title);
        let table = self.pane(
            Pane::Children,
            format!(
                "Children ({}) and people ({})",
                children.len(),
                people.len()
            ),
            "No children recorded yet. Press c to add one, p for a parent or professional.",
            table,
            theme,
        );
        frame.render_stateful_widget(table, area, &mut self.children);
    }

    fn render_records(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let records = &self.view.records;
        let drafts = records.iter().filter(|r| r.draft).count();
        let form_w = usize::from(area.width.saturating_sub(2 + 11 + 10 + 14 + 4));
        let row = |i: usize| {
            let Some(r) = records.get(i) else {
                return Row::default();
            };
            let status = if r.draft {
                Span::styled("draft", theme.missing)
            } else {
                Span::styled("final ✓", theme.ok)
            };
            Row::new(vec![
                Cell::from(crate::dates::short(r.event_date)),
                Cell::from(fit(&safe(&r.form_title), form_w)),
                Cell::from(status),
                Cell::from(fit(&safe(&r.author), 14)),
            ])
        };
        let table = ListTable::new(
            [
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(8),
                Constraint::Length(14),
            ],
            row,
        )
        .header(["Event", "Form", "Status", "Author"], theme.title);
        let table = self.pane(
            Pane::Records,
            format!("Records ({}, {drafts} draft)", records.len()),
            hint(
                &EMPTY_RECORDS,
                "No records yet. Press {} to start one.",
                "new_record",
            ),
            table,
            theme,
        );
        frame.render_stateful_widget(table, area, &mut self.records);
    }

    fn render_chronology(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let entries = &self.view.chronology;
        let row = |i: usize| {
            let Some(c) = entries.get(i) else {
                return Row::default();
            };
            let who = c.child.as_deref().map(safe).unwrap_or_default();
            let what = if who.is_empty() {
                safe(&c.what)
            } else {
                format!("{who}: {}", safe(&c.what))
            };
            Row::new(vec![
                Cell::from(crate::dates::short(c.date)),
                Cell::from(what),
                Cell::from(safe(&c.affected)),
                Cell::from(safe(&c.source)),
            ])
        };
        let table = ListTable::new(
            [
                Constraint::Length(10),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Fill(1),
            ],
            row,
        )
        .header(["Date", "What happened", "Impact", "Source"], theme.title);
        let table = self.pane(
            Pane::Chronology,
            format!("Chronology ({})", entries.len()),
            hint(
                &EMPTY_CHRONOLOGY,
                "No chronology entries yet. Press {}, then {add}, to add one.",
                "chronology",
            ),
            table,
            theme,
        );
        frame.render_stateful_widget(table, area, &mut self.chronology);
    }
}
