//! The search screen: `/` on a family searches its records, `s` on the
//! families searches the person's caseload (a supervisor's: the team).
//! The words are typed on the top line; Enter runs the search
//! (`service::search`, noted in the audit log with its count, never the
//! words). Each record found shows its family, date, form and the matching
//! words in context; Enter opens it at the answer that matched.

use super::chrome::{fit, safe};
use super::keymap::{KeyTable, bind};
use super::list::{ListState, ListTable, Page};
use super::theme::Theme;
use crate::record::RecordId;
use crate::record::Slot;
use crate::service::SearchScope;
use crate::service::search::{Found, Outcome, summary};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

/// When a row of the search screen's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum SearchKeys {
    /// The words are being typed.
    Typing,
    /// Results are listed.
    Results,
    /// Always.
    Always,
}

/// The search screen's keys.
pub const KEYS: KeyTable<SearchKeys> = KeyTable {
    screen: "search",
    rows: &[
        bind(SearchKeys::Typing, "type", "words"),
        bind(SearchKeys::Typing, "Enter", "search"),
        bind(SearchKeys::Results, "Enter", "open record"),
        bind(SearchKeys::Results, "/", "new search"),
        bind(SearchKeys::Results, "↑↓ PgUp PgDn", "move"),
        bind(SearchKeys::Always, "Esc", "back"),
        bind(SearchKeys::Always, "F1", "help"),
    ],
};

/// What a key on the search screen asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchAction {
    /// Nothing beyond redrawing.
    None,
    /// Back to where the search began.
    Back,
    /// Run the search for these words.
    Run(String),
    /// Open this record at this answer.
    Open(RecordId, Option<Slot>),
    /// Show help.
    Help,
}

/// The search screen's state.
pub struct SearchScreen {
    /// Where the search looks.
    pub scope: SearchScope,
    /// In words: "EX-00001 Family Example" or "your caseload".
    pub label: String,
    query: String,
    typing: bool,
    outcome: Option<Outcome>,
    message: Option<String>,
    list: ListState,
}

impl SearchScreen {
    /// A new search of `scope`, the words still to type.
    pub fn new(scope: SearchScope, label: String) -> SearchScreen {
        SearchScreen {
            scope,
            label,
            query: String::new(),
            typing: true,
            outcome: None,
            message: None,
            list: ListState::new(Page::Fixed(5)),
        }
    }

    /// Shows what a search found.
    pub fn show(&mut self, outcome: Outcome) {
        self.list.show_all(outcome.found.len());
        self.typing = outcome.found.is_empty();
        self.message = None;
        self.outcome = Some(outcome);
    }

    /// Shows why a search could not run.
    pub fn failed(&mut self, why: String) {
        self.typing = true;
        self.message = Some(why);
    }

    fn selected(&self) -> Option<&Found> {
        self.outcome.as_ref()?.found.get(self.list.selected()?)
    }

    /// The keys that work here now.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        KEYS.select(|w| match w {
            SearchKeys::Typing => self.typing,
            SearchKeys::Results => !self.typing,
            SearchKeys::Always => true,
        })
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> SearchAction {
        if key.code == KeyCode::Esc {
            return SearchAction::Back;
        }
        if key.code == KeyCode::F(1) {
            return SearchAction::Help;
        }
        if self.typing {
            match key.code {
                KeyCode::Enter if !self.query.trim().is_empty() => {
                    return SearchAction::Run(self.query.clone());
                }
                KeyCode::Backspace => {
                    self.query.pop();
                }
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                        && self.query.chars().count() < 200 =>
                {
                    self.query.push(c);
                }
                KeyCode::Down if self.outcome.as_ref().is_some_and(|o| !o.found.is_empty()) => {
                    self.typing = false;
                }
                _ => {}
            }
            return SearchAction::None;
        }
        if self.list.on_key(key.code) {
            return SearchAction::None;
        }
        match key.code {
            KeyCode::Enter => self.selected().map_or(SearchAction::None, |f| {
                SearchAction::Open(RecordId(f.record), f.slot.clone())
            }),
            KeyCode::Char('/') => {
                self.typing = true;
                SearchAction::None
            }
            KeyCode::Char('?') => SearchAction::Help,
            _ => SearchAction::None,
        }
    }

    /// Draws the screen's body.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [input, info, rest] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let cursor = if self.typing { "▏" } else { "" };
        let style = if self.typing { theme.key } else { theme.title };
        frame.render_widget(
            Paragraph::new(format!("{}{cursor}", safe(&self.query))).block(
                Block::bordered().title(Span::styled(
                    format!(" Search {} ", safe(&self.label)),
                    style,
                )),
            ),
            input,
        );
        let info_line = match (&self.message, &self.outcome) {
            (Some(m), _) => Line::from(Span::styled(safe(m), theme.overdue)),
            (None, Some(o)) if o.total == 0 => {
                Line::from(Span::styled("No records found.", theme.hint))
            }
            (None, Some(o)) => Line::from(Span::styled(summary(o), theme.title)),
            (None, None) => Line::from(Span::styled(
                "Every word must be in the record; the start of a word is enough.",
                theme.hint,
            )),
        };
        frame.render_widget(Paragraph::new(info_line), info);
        let found: &[Found] = self.outcome.as_ref().map_or(&[], |o| &o.found);
        let wide = usize::from(rest.width.saturating_sub(4));
        let row = |i: usize| {
            let Some(f) = found.get(i) else {
                return Row::default();
            };
            let draft = if f.draft { " (draft)" } else { "" };
            let head = format!(
                "{}  {} {}  {}{draft}",
                crate::dates::short(f.event_date),
                safe(&f.family_reference),
                safe(&f.family_name),
                safe(&f.form)
            );
            let field = f.field.as_deref().map(safe).unwrap_or_default();
            let context = if field.is_empty() {
                safe(&f.context)
            } else {
                format!("{field}: {}", safe(&f.context))
            };
            Row::new(vec![Cell::from(vec![
                Line::from(fit(&head, wide)),
                Line::from(Span::styled(
                    format!("  {}", fit(&context, wide.saturating_sub(2))),
                    theme.hint,
                )),
            ])])
            .height(2)
        };
        let table = ListTable::new([Constraint::Fill(1)], row)
            .heights(|_| 2)
            .block(Block::bordered())
            .highlight(
                if self.typing { theme.base } else { theme.focus },
                if self.typing { "  " } else { "▶ " },
            );
        frame.render_stateful_widget(table, rest, &mut self.list);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::FamilyId;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn typed_words_run_and_a_result_opens_at_its_answer() {
        let mut s = SearchScreen::new(SearchScope::Family(FamilyId(1)), "EX-1".into());
        assert_eq!(s.on_key(key(KeyCode::Enter)), SearchAction::None);
        for c in "dent".chars() {
            s.on_key(key(KeyCode::Char(c)));
        }
        assert_eq!(
            s.on_key(key(KeyCode::Enter)),
            SearchAction::Run("dent".into())
        );
        s.show(Outcome {
            found: vec![Found {
                record: 7,
                family: FamilyId(1),
                family_reference: "EX-1".into(),
                family_name: "Family Example".into(),
                form: "Home visit".into(),
                event_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap_or_default(),
                draft: false,
                slot: Some(Slot::once("visit", "venue")),
                field: Some("Venue".into()),
                context: "the dentist".into(),
            }],
            total: 1,
            more: false,
        });
        assert_eq!(
            s.on_key(key(KeyCode::Enter)),
            SearchAction::Open(RecordId(7), Some(Slot::once("visit", "venue")))
        );
    }
}
