//! The action register screen (`a` on a family): the family's SMART
//! actions, open ones first with the earliest date at the top and the
//! overdue ones marked `!!` in words as well as colour, each followed by
//! its history (set, still open with a new date, done, dropped with the
//! reason). Enter opens the record a line comes from. The guidance: SMART
//! actions say what, who and by when (seed 004_e74e373a20bcf6ff.txt), and
//! oversight checks they were done (seed 000_80c8a2bb2a6002b3.txt §4).

use super::chrome::{fit, safe};
use super::keymap::{KeyTable, bind};
use super::list::{ListState, ListTable, Page};
use super::theme::Theme;
use crate::record::{FamilyId, RecordId};
use crate::service::{Action, ActionStatus};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

/// When a row of the register's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum RegisterKeys {
    /// A line is selected.
    OnLine,
    /// Always.
    Always,
}

/// The register's keys.
pub const KEYS: KeyTable<RegisterKeys> = KeyTable {
    screen: "action register",
    rows: &[
        bind(RegisterKeys::OnLine, "Enter", "open its record"),
        bind(RegisterKeys::Always, "Esc", "back"),
        bind(RegisterKeys::Always, "↑↓ PgUp PgDn Home End", "move"),
        bind(RegisterKeys::Always, "F1", "help"),
        bind(RegisterKeys::Always, "q", "quit"),
    ],
};

/// A family's register as loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterView {
    /// The family's id.
    pub family: FamilyId,
    /// e.g. "FX-0001 Example family".
    pub family_label: String,
    /// Its actions, open first.
    pub actions: Vec<Action>,
}

/// What a key on the register asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegisterAction {
    /// Nothing beyond redrawing.
    None,
    /// Back to the family.
    Back,
    /// Open this record.
    OpenRecord(RecordId),
    /// Show help.
    Help,
    /// Leave the program.
    Quit,
}

/// One line of the list: an action, or a step of its history.
#[derive(Clone, Debug, PartialEq)]
struct RegisterLine {
    record: RecordId,
    overdue: bool,
    status: Option<ActionStatus>,
    cells: [String; 4],
}

/// The register screen's state.
pub struct RegisterScreen {
    /// What is shown.
    pub view: RegisterView,
    lines: Vec<RegisterLine>,
    list: ListState,
    today: NaiveDate,
}

fn lines_of(actions: &[Action], today: NaiveDate) -> Vec<RegisterLine> {
    let mut out = Vec::new();
    for a in actions {
        let who = if a.who.is_empty() {
            String::new()
        } else {
            format!(" · {}", a.who)
        };
        out.push(RegisterLine {
            record: RecordId(a.record),
            overdue: a.is_overdue(today),
            status: Some(a.status),
            cells: [
                format!("#{}", a.id),
                crate::dates::short(a.due_on),
                a.status.as_str().to_owned(),
                format!("{}{who}", a.what),
            ],
        });
        // The first step is the setting of the action, which the line
        // above already says; the rest are what later records said.
        for e in a.history.iter().skip(1) {
            let detail = match (&e.reason, e.due_on) {
                (Some(r), _) => format!(": {r}"),
                (None, Some(d)) => format!(", now by {}", crate::dates::for_people(d)),
                _ => String::new(),
            };
            out.push(RegisterLine {
                record: RecordId(e.record),
                overdue: false,
                status: None,
                cells: [
                    String::new(),
                    crate::dates::short(e.on),
                    String::new(),
                    format!("↳ {}{detail} (by {})", e.outcome.label(), e.by),
                ],
            });
        }
    }
    out
}

impl RegisterScreen {
    /// The register, the cursor on its first line.
    pub fn new(view: RegisterView, today: NaiveDate) -> RegisterScreen {
        let lines = lines_of(&view.actions, today);
        let mut list = ListState::new(Page::Fixed(10));
        list.show_all(lines.len());
        RegisterScreen {
            view,
            lines,
            list,
            today,
        }
    }

    /// The family's id.
    pub fn family(&self) -> FamilyId {
        self.view.family
    }

    /// The keys that work here now.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let on = self.list.selected().is_some_and(|i| i < self.lines.len());
        KEYS.select(|w| match w {
            RegisterKeys::OnLine => on,
            RegisterKeys::Always => true,
        })
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> RegisterAction {
        if self.list.on_key(key.code) {
            return RegisterAction::None;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Backspace => RegisterAction::Back,
            KeyCode::Enter => self
                .list
                .selected()
                .and_then(|i| self.lines.get(i))
                .map_or(RegisterAction::None, |l| {
                    RegisterAction::OpenRecord(l.record)
                }),
            KeyCode::Char('q') => RegisterAction::Quit,
            KeyCode::Char('?') | KeyCode::F(1) => RegisterAction::Help,
            _ => RegisterAction::None,
        }
    }

    /// Draws the screen's body.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [head, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let open = self
            .view
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open)
            .count();
        let overdue = self
            .view
            .actions
            .iter()
            .filter(|a| a.is_overdue(self.today))
            .count();
        let mut spans = vec![Span::styled(
            format!("{} action(s), {open} open", self.view.actions.len()),
            theme.title,
        )];
        if overdue > 0 {
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(format!("!! {overdue} overdue"), theme.overdue));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), head);
        let what_w = usize::from(rest.width.saturating_sub(2 + 2 + 3 + 7 + 11 + 8 + 3));
        let lines = &self.lines;
        let row = |i: usize| {
            let Some(l) = lines.get(i) else {
                return Row::default();
            };
            let mark = if l.overdue {
                Span::styled("!!", theme.overdue)
            } else {
                Span::raw("")
            };
            let status = match l.status {
                Some(ActionStatus::Open) if l.overdue => {
                    Span::styled(l.cells[2].clone(), theme.overdue)
                }
                Some(ActionStatus::Open) => Span::styled(l.cells[2].clone(), theme.missing),
                Some(_) => Span::styled(l.cells[2].clone(), theme.ok),
                None => Span::raw(""),
            };
            let what = fit(&safe(&l.cells[3]), what_w);
            let what = if l.status.is_some() {
                Span::raw(what)
            } else {
                Span::styled(what, theme.hint)
            };
            Row::new(vec![
                Cell::from(mark),
                Cell::from(l.cells[0].clone()),
                Cell::from(l.cells[1].clone()),
                Cell::from(status),
                Cell::from(what),
            ])
        };
        let table = ListTable::new(
            [
                Constraint::Length(2),
                Constraint::Length(6),
                Constraint::Length(10),
                Constraint::Length(7),
                Constraint::Fill(1),
            ],
            row,
        )
        .header(["", "No.", "By when", "Now", "What · who"], theme.title)
        .block(Block::bordered().title(Span::styled(" Action register ", theme.title)))
        .empty(
            Paragraph::new("No actions yet. The SMART actions of finalised records appear here.")
                .style(theme.hint),
        )
        .highlight(theme.focus, "▶ ");
        frame.render_stateful_widget(table, rest, &mut self.list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{ActionEvent, ActionOutcome};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn an_overdue_action_is_marked_and_its_history_follows_it() {
        let a = Action {
            id: 4,
            family: 1,
            record: 10,
            what: "Book the dentist".into(),
            who: "Parent".into(),
            raised_on: d("2026-03-01"),
            due_on: d("2026-03-20"),
            status: ActionStatus::Open,
            history: vec![
                ActionEvent {
                    record: 10,
                    outcome: ActionOutcome::Raised,
                    due_on: Some(d("2026-03-10")),
                    reason: None,
                    on: d("2026-03-01"),
                    by: "alice".into(),
                },
                ActionEvent {
                    record: 11,
                    outcome: ActionOutcome::StillOpen,
                    due_on: Some(d("2026-03-20")),
                    reason: None,
                    on: d("2026-03-12"),
                    by: "alice".into(),
                },
            ],
        };
        let lines = lines_of(&[a], d("2026-03-21"));
        assert_eq!(lines.len(), 2);
        assert!(lines[0].overdue);
        assert_eq!(lines[1].record, RecordId(11));
        assert!(lines[1].cells[3].contains("still open, now by Fri 20/03/2026"));
    }
}
