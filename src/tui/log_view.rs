//! The audit log on screen (`l` on the families screen, issue 16): who
//! opened, saved, finalised, exported or searched which family or record,
//! and when, newest first. A supervisor sees everyone's entries, anyone
//! else their own (the service decides: `service::audit_log`), as seed
//! 002_66f790c2d2b6d6fc.txt standard 20 asks of managers' monitoring. A
//! filter line narrows the list by person, family, action and date. The
//! log holds no answer and no search word, so none can show here.

use super::chrome::{fit, safe};
use super::keymap::{KeyTable, bind};
use super::list::{ListState, ListTable, Page};
use super::theme::Theme;
use crate::service::audit_log::{LogEntry, LogView};
use chrono::{Local, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};

/// When a row of the log screen's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum LogKeys {
    /// Typing into the filter line.
    Filtering,
    /// Moving through the list.
    Listing,
    /// A filter is applied.
    Filtered,
    /// Always.
    Always,
}

/// The log screen's keys.
pub const KEYS: KeyTable<LogKeys> = KeyTable {
    screen: "audit log",
    rows: &[
        bind(
            LogKeys::Filtering,
            "type",
            "who:LOGIN family:REF action:WORD since:DATE until:DATE",
        ),
        bind(LogKeys::Filtering, "Enter", "apply the filter"),
        bind(LogKeys::Filtering, "Esc", "stop filtering"),
        bind(LogKeys::Listing, "/", "filter"),
        bind(LogKeys::Filtered, "Esc", "clear the filter"),
        bind(LogKeys::Listing, "Esc", "back"),
        bind(LogKeys::Always, "↑↓ PgUp PgDn Home End", "move"),
        bind(LogKeys::Listing, "F1", "help"),
        bind(LogKeys::Listing, "q", "quit"),
    ],
};

/// The log as loaded for this person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogData {
    /// Whose entries these are.
    pub view: LogView,
    /// The entries, newest first.
    pub entries: Vec<LogEntry>,
}

/// What a key on the log asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogAction {
    /// Nothing beyond redrawing.
    None,
    /// Back to the families.
    Back,
    /// Show help.
    Help,
    /// Leave the program.
    Quit,
}

/// A filter read from the filter line: every part must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilter {
    who: Option<String>,
    family: Option<String>,
    action: Option<String>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    words: Vec<String>,
}

impl LogFilter {
    /// Reads `who:alex family:FX-1 action:export since:2026-11-01
    /// until:2026-11-30` and bare words (matched against the person,
    /// family, action and what); an unknown key or a date that is not one
    /// is refused with a sentence naming it.
    pub fn parse(text: &str) -> Result<LogFilter, String> {
        let mut f = LogFilter::default();
        for term in text.split_whitespace() {
            let lower = term.to_lowercase();
            let Some((key, value)) = lower.split_once(':') else {
                f.words.push(lower);
                continue;
            };
            let date = |v: &str| {
                crate::record::parse_date(v)
                    .ok_or_else(|| format!("{key}: `{v}` is not a date; write it as YYYY-MM-DD"))
            };
            match key {
                "who" | "user" => f.who = Some(value.to_owned()),
                "family" => f.family = Some(value.to_owned()),
                "action" => f.action = Some(value.to_owned()),
                "since" | "from" => f.since = Some(date(value)?),
                "until" | "to" => f.until = Some(date(value)?),
                _ => {
                    return Err(format!(
                        "`{key}:` is not a filter; use who:, family:, action:, since: or until:"
                    ));
                }
            }
        }
        Ok(f)
    }

    /// Whether an entry passes.
    pub fn matches(&self, e: &LogEntry) -> bool {
        let day = e.at.with_timezone(&Local).date_naive();
        let family = e.family.as_deref().unwrap_or("").to_lowercase();
        // A login or a display name, as the person knows them.
        let who = e.who.to_lowercase();
        let name = e.name.as_deref().map(str::to_lowercase);
        self.who
            .as_ref()
            .is_none_or(|w| who == *w || name.as_deref() == Some(w.as_str()))
            && self.family.as_ref().is_none_or(|r| family == *r)
            && self
                .action
                .as_ref()
                .is_none_or(|a| e.action.starts_with(a.as_str()))
            && self.since.is_none_or(|d| day >= d)
            && self.until.is_none_or(|d| day <= d)
            && self.words.iter().all(|w| {
                who.contains(w.as_str())
                    || family.contains(w.as_str())
                    || e.action.contains(w.as_str())
                    || e.entity.contains(w.as_str())
            })
    }
}

/// The audit log screen's state.
pub struct LogScreen {
    /// What was loaded.
    pub data: LogData,
    list: ListState,
    filtering: bool,
    /// The filter line as typed.
    line: String,
    /// Why the filter line could not be used, if it could not.
    error: Option<String>,
}

impl LogScreen {
    /// The log, everything shown, the newest entry selected.
    pub fn new(data: LogData) -> LogScreen {
        let mut list = ListState::new(Page::Drawn(1));
        list.show_all(data.entries.len());
        LogScreen {
            data,
            list,
            filtering: false,
            line: String::new(),
            error: None,
        }
    }

    /// How many entries pass the filter.
    pub fn shown(&self) -> usize {
        self.list.len()
    }

    /// The keys that work here now.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        KEYS.select(|w| match w {
            LogKeys::Filtering => self.filtering,
            LogKeys::Listing => !self.filtering && self.line.is_empty(),
            LogKeys::Filtered => !self.filtering && !self.line.is_empty(),
            LogKeys::Always => true,
        })
    }

    /// Whether a key types into the filter line (so `?` and `q` are text).
    pub fn is_typing(&self) -> bool {
        self.filtering
    }

    fn apply(&mut self) {
        match LogFilter::parse(&self.line) {
            Ok(f) => {
                self.error = None;
                let rows = (0..self.data.entries.len())
                    .filter(|i| f.matches(&self.data.entries[*i]))
                    .collect();
                self.list.show(rows);
                self.list.select(Some(0));
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> LogAction {
        if self.list.on_key(key.code) {
            return LogAction::None;
        }
        if self.filtering {
            match key.code {
                KeyCode::Enter => {
                    self.apply();
                    if self.error.is_none() {
                        self.filtering = false;
                    }
                }
                KeyCode::Esc => self.filtering = false,
                KeyCode::Backspace => {
                    self.line.pop();
                }
                KeyCode::Char(c)
                    if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
                {
                    self.line.push(c);
                }
                _ => {}
            }
            return LogAction::None;
        }
        match key.code {
            KeyCode::Char('/') => {
                self.filtering = true;
                LogAction::None
            }
            KeyCode::Esc if !self.line.is_empty() => {
                self.line.clear();
                self.error = None;
                self.list.show_all(self.data.entries.len());
                LogAction::None
            }
            KeyCode::Esc | KeyCode::Backspace => LogAction::Back,
            KeyCode::Char('q') => LogAction::Quit,
            KeyCode::Char('?') | KeyCode::F(1) => LogAction::Help,
            _ => LogAction::None,
        }
    }

    /// Draws the screen's body: whose entries, the filter line, the list.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [head, filter, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let whose = match self.data.view {
            LogView::Everyone => "Everyone's entries (you are a supervisor)",
            LogView::Person => "One person's entries",
            LogView::Own => "Your own entries",
        };
        let width = usize::from(filter.width);
        // A filter that cannot be used says why where the counts were, so
        // the line being typed stays in view to be put right.
        let head_line = match &self.error {
            Some(e) => Line::from(Span::styled(fit(&format!("! {e}"), width), theme.invalid)),
            None => Line::from(vec![
                Span::styled(whose, theme.title),
                Span::raw(format!(
                    " · {} of {} shown · newest first",
                    self.shown(),
                    self.data.entries.len()
                )),
            ]),
        };
        frame.render_widget(Paragraph::new(head_line), head);
        let filter_line = match (self.filtering, self.line.is_empty()) {
            (true, _) => Line::from(vec![
                Span::styled("Filter: ", theme.focus),
                Span::raw(fit(
                    &format!("{}▏", safe(&self.line)),
                    width.saturating_sub(8),
                )),
            ]),
            (false, true) => Line::from(Span::styled(
                fit(
                    "/ to filter: who:LOGIN family:REF action:WORD since:DATE until:DATE",
                    width,
                ),
                theme.hint,
            )),
            (false, false) => Line::from(vec![
                Span::styled("Filter: ", theme.title),
                Span::raw(fit(&safe(&self.line), width.saturating_sub(8))),
            ]),
        };
        frame.render_widget(Paragraph::new(filter_line), filter);
        let entries = &self.data.entries;
        let detail_w = usize::from(
            rest.width
                .saturating_sub(2 + 2 + 16 + 14 + 11 + 12 + 12 + 6),
        );
        let row = |i: usize| {
            let Some(e) = entries.get(i) else {
                return Row::default();
            };
            let what = match e.entity_id {
                Some(id) => format!("{} {id}", e.entity),
                None => e.entity.to_owned(),
            };
            Row::new(vec![
                Cell::from(crate::dates::short_moment(e.at)),
                Cell::from(fit(&safe(e.name.as_deref().unwrap_or(&e.who)), 14)),
                Cell::from(e.action.replace('_', " ")),
                Cell::from(fit(&what, 12)),
                Cell::from(fit(&safe(e.family.as_deref().unwrap_or("")), 12)),
                Cell::from(Span::styled(fit(&detail(e), detail_w), theme.hint)),
            ])
        };
        let table = ListTable::new(
            [
                Constraint::Length(16),
                Constraint::Length(14),
                Constraint::Length(11),
                Constraint::Length(12),
                Constraint::Length(12),
                Constraint::Fill(1),
            ],
            row,
        )
        .header(
            ["When", "Who", "Did", "What", "Family", "Detail"],
            theme.title,
        )
        .block(Block::bordered().title(Span::styled(" Audit log ", theme.title)))
        .empty(Paragraph::new("No entries match.").style(theme.hint))
        .highlight(theme.focus, "▶ ");
        frame.render_stateful_widget(table, rest, &mut self.list);
    }
}

/// The rest of an entry: the record a family entry is about, a session's
/// saves, the details of a family that changed (by name, never value).
fn detail(e: &LogEntry) -> String {
    let mut parts = Vec::new();
    if let (Some(r), false) = (e.record, e.entity == "record") {
        parts.push(format!("record {r}"));
    }
    if let (Some(n), Some(last)) = (e.saves, e.last_saved) {
        let s = if n == 1 { "" } else { "s" };
        parts.push(format!(
            "{n} save{s}, last {}",
            last.with_timezone(&Local).format("%H:%M")
        ));
    }
    if !e.fields.is_empty() {
        parts.push(e.fields.join(", "));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn entry(who: &str, action: &'static str, family: Option<&str>, day: u32) -> LogEntry {
        LogEntry {
            at: Utc
                .with_ymd_and_hms(2026, 11, day, 12, 0, 0)
                .single()
                .unwrap_or_default(),
            who: crate::user::UserLogin::new(who).unwrap(),
            name: None,
            action,
            entity: "record",
            entity_id: Some(3),
            family: family.map(str::to_owned),
            record: Some(3),
            fields: Vec::new(),
            saves: None,
            last_saved: None,
        }
    }

    #[test]
    fn the_filter_reads_each_key_and_refuses_what_it_cannot_use() {
        let f = LogFilter::parse("who:Alex family:fx-1 action:export since:2026-11-02").unwrap();
        assert!(f.matches(&entry("alex", "exported", Some("FX-1"), 3)));
        assert!(!f.matches(&entry("alex", "exported", Some("FX-1"), 1)));
        assert!(!f.matches(&entry("sam", "exported", Some("FX-1"), 3)));
        assert!(!f.matches(&entry("alex", "opened", Some("FX-1"), 3)));
        assert!(!f.matches(&entry("alex", "exported", Some("FX-2"), 3)));
        let until = LogFilter::parse("until:2026-11-02 sam").unwrap();
        assert!(until.matches(&entry("sam", "opened", None, 2)));
        assert!(!until.matches(&entry("sam", "opened", None, 3)));
        assert_eq!(
            LogFilter::parse("since:yesterday").unwrap_err(),
            "since: `yesterday` is not a date; write it as YYYY-MM-DD"
        );
        assert!(
            LogFilter::parse("colour:red")
                .unwrap_err()
                .contains("`colour:` is not a filter")
        );
    }
}
