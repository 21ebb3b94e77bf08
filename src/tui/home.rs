//! The first screen: every family with its reference, name, status, flags,
//! drafts and overdue items, filtered as you type, under a line counting
//! what is overdue, due today and due this week. The whole list lives in
//! memory and is matched there, so filtering 10,000 families never waits
//! for the file.

use super::chrome::{fit, safe};
use super::due_view::DueSummary;
use super::home_filter::FilterIndex;
use super::keymap::{KeyTable, action, bind, pressed};
use super::list::{ListState, ListTable, Page};
use super::theme::Theme;
use crate::record::{FamilyId, RecordId};
pub use crate::service::{FamilyEntry, FamilyList, FamilyRow, ResumeOffer};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Wrap};
use std::collections::HashMap;

/// When a row of the families screen's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum HomeKeys {
    /// An interrupted draft is offered back.
    Notice,
    /// The filter is being typed.
    Filtering,
    /// The list, no filter being typed, nothing offered.
    Listing,
    /// Whenever the filter is not being typed.
    NotFiltering,
    /// Always.
    Always,
}

/// The screen's name in the key tables and the config (`[keys.families]`).
const SCREEN: &str = "families";

/// The families screen's keys.
pub const KEYS: KeyTable<HomeKeys> = KeyTable {
    screen: SCREEN,
    rows: &[
        bind(HomeKeys::Notice, "Enter", "open the draft"),
        bind(HomeKeys::Notice, "Esc", "dismiss"),
        bind(HomeKeys::Filtering, "type", "filter"),
        bind(HomeKeys::Filtering, "Enter", "open"),
        bind(HomeKeys::Filtering, "Esc", "clear filter"),
        bind(HomeKeys::Listing, "Enter", "open"),
        action(HomeKeys::Listing, "filter", "filter"),
        action(HomeKeys::Listing, "new_family", "new family"),
        action(HomeKeys::Listing, "due", "what is due"),
        action(HomeKeys::Listing, "search", "search records"),
        action(HomeKeys::Listing, "audit_log", "audit log"),
        bind(HomeKeys::Always, "↑↓", "move"),
        bind(HomeKeys::Always, "PgUp PgDn Home End", "page"),
        bind(HomeKeys::Always, "F1", "help"),
        action(HomeKeys::NotFiltering, "quit", "quit"),
    ],
};

/// What a key on the home screen asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum HomeAction {
    /// Nothing beyond redrawing.
    None,
    /// Open this family.
    Open(FamilyId),
    /// Show the new-family dialog.
    NewFamily,
    /// Show what is due.
    Due,
    /// Search the records of the caseload (a supervisor's: the team).
    Search,
    /// Show the audit log (a supervisor's: everyone's).
    AuditLog,
    /// Open the interrupted draft.
    Resume(RecordId),
    /// Put the recovered text of this draft back and open it.
    Restore(RecordId),
    /// Show help.
    Help,
    /// Leave the program.
    Quit,
}

/// The home screen's state.
pub struct Home {
    /// Every family, held compactly (issue 12: 50,000 families in a few
    /// MB, not a `FamilyRow` each).
    families: FamilyList,
    /// Comments on this person's records they have not read yet.
    pub comments: Vec<crate::service::CommentNotice>,
    /// "REFERENCE name" for each family, lower-cased once per load for
    /// matching, and what the filter matched last.
    index: FilterIndex,
    filtering: bool,
    /// The families shown (indices into `families`), the filter's text and
    /// the selection; a page is the rows visible at the last draw.
    list: ListState,
    /// The interrupted draft on offer, until opened or dismissed.
    pub notice: Option<ResumeOffer>,
    /// What is due, as counted for the line above the list.
    due: DueSummary,
    /// Overdue items per family, once worked out; applied to every list
    /// loaded after, since the store's rows do not carry them.
    overdue: Option<HashMap<FamilyId, u32>>,
}

impl Default for Home {
    fn default() -> Self {
        Home::new(FamilyList::new())
    }
}

impl Home {
    /// A home screen listing these families in the order given.
    pub fn new(families: FamilyList) -> Home {
        let mut h = Home {
            families: FamilyList::new(),
            comments: Vec::new(),
            index: FilterIndex::default(),
            filtering: false,
            list: ListState::new(Page::Drawn(10)),
            notice: None,
            due: DueSummary::Pending,
            overdue: None,
        };
        h.set_families(families);
        h
    }

    /// Replaces the list (after a reload), keeping the filter and, where it
    /// still exists, the selected family.
    pub fn set_families(&mut self, mut families: FamilyList) {
        let keep = self.selected().map(|f| f.id);
        if let Some(m) = &self.overdue {
            apply_overdue(&mut families, m);
        }
        self.index = FilterIndex::new(&families);
        self.families = families;
        self.refilter();
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    /// Every family's row, in the list's order (not only those shown).
    pub fn rows(&self) -> &FamilyList {
        &self.families
    }

    /// Replaces one family's row (its drafts or details changed), keeping
    /// its overdue count, the list's order and the selection; reloading
    /// every family for one changed row would be slow on a large file.
    pub fn set_family(&mut self, mut row: FamilyRow) {
        let Some(i) = self.families.position(row.id) else {
            return;
        };
        row.overdue = self.families.get(i).and_then(|f| f.overdue);
        self.families.replace(i, &row);
        self.index = FilterIndex::new(&self.families);
        self.refilter();
    }

    /// Shows what is due: the counts line and, once worked out, each
    /// family's overdue items.
    pub fn set_due(&mut self, summary: DueSummary, overdue: Option<HashMap<FamilyId, u32>>) {
        self.due = summary;
        if let Some(m) = &overdue {
            apply_overdue(&mut self.families, m);
        }
        self.overdue = overdue;
    }

    /// The counts line as it stands.
    pub fn due(&self) -> &DueSummary {
        &self.due
    }

    /// Selects the family with this id if it is shown.
    pub fn select_id(&mut self, id: FamilyId) {
        if let Some(pos) = self.list.find(|i| self.families.id(i) == Some(id)) {
            self.list.select(Some(pos));
        }
    }

    /// The family under the cursor.
    pub fn selected(&self) -> Option<FamilyEntry<'_>> {
        self.families.get(self.list.selected()?)
    }

    /// The filter text.
    pub fn filter(&self) -> &str {
        self.list.filter()
    }

    /// Whether keys are going into the filter.
    pub fn is_filtering(&self) -> bool {
        self.filtering
    }

    /// How many families are shown and how many there are.
    pub fn counts(&self) -> (usize, usize) {
        (self.list.len(), self.families.len())
    }

    /// The family with this id, shown or not.
    pub fn family(&self, id: FamilyId) -> Option<FamilyEntry<'_>> {
        self.families.get(self.families.position(id)?)
    }

    fn refilter(&mut self) {
        match self.index.matches(&self.families, self.list.filter()) {
            None => self.list.show_all(self.families.len()),
            Some(rows) => self.list.show(rows),
        }
        self.list.to_top();
    }

    /// The keys that work here now, for the footer and help.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        KEYS.select(|w| match w {
            HomeKeys::Notice => self.notice.is_some(),
            HomeKeys::Filtering => self.notice.is_none() && self.filtering,
            HomeKeys::Listing => self.notice.is_none() && !self.filtering,
            HomeKeys::NotFiltering => !self.filtering,
            HomeKeys::Always => true,
        })
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> HomeAction {
        if self.notice.is_some() {
            match key.code {
                KeyCode::Enter => {
                    return match self.notice.take() {
                        Some(n) if n.recovered => HomeAction::Restore(n.record),
                        Some(n) => HomeAction::Resume(n.record),
                        None => HomeAction::None,
                    };
                }
                KeyCode::Esc => {
                    self.notice = None;
                    return HomeAction::None;
                }
                KeyCode::F(1) | KeyCode::Char('?') => return HomeAction::Help,
                _ if pressed(&key, SCREEN, "quit") => return HomeAction::Quit,
                // Any other key means the person has moved on: the offer
                // goes, so Enter means "open this family" again.
                _ => self.notice = None,
            }
        }
        if self.move_key(key.code) {
            return HomeAction::None;
        }
        if self.filtering {
            return self.filter_key(key);
        }
        // The rebindable actions first, with the keys in effect.
        let does = |a: &str| pressed(&key, SCREEN, a);
        if does("filter") {
            self.filtering = true;
            return HomeAction::None;
        }
        if does("new_family") {
            return HomeAction::NewFamily;
        }
        if does("due") {
            return HomeAction::Due;
        }
        if does("search") {
            return HomeAction::Search;
        }
        if does("audit_log") {
            return HomeAction::AuditLog;
        }
        if does("quit") {
            return HomeAction::Quit;
        }
        match key.code {
            KeyCode::Enter => self.open(),
            KeyCode::Char('?') | KeyCode::F(1) => HomeAction::Help,
            KeyCode::Esc => {
                if !self.list.filter().is_empty() {
                    self.list.filter_mut().clear();
                    self.refilter();
                }
                HomeAction::None
            }
            _ => HomeAction::None,
        }
    }

    fn open(&self) -> HomeAction {
        self.selected()
            .map_or(HomeAction::None, |f| HomeAction::Open(f.id))
    }

    fn filter_key(&mut self, key: KeyEvent) -> HomeAction {
        match key.code {
            KeyCode::Enter => {
                self.filtering = false;
                self.open()
            }
            KeyCode::Esc => {
                self.filtering = false;
                self.list.filter_mut().clear();
                self.refilter();
                HomeAction::None
            }
            KeyCode::F(1) => HomeAction::Help,
            KeyCode::Backspace => {
                if self.list.filter_mut().pop().is_none() {
                    self.filtering = false;
                }
                self.refilter();
                HomeAction::None
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.list.filter_mut().push(c);
                self.refilter();
                HomeAction::None
            }
            _ => HomeAction::None,
        }
    }

    /// Pasted text goes into the filter while filtering.
    pub fn on_paste(&mut self, text: &str) {
        if self.filtering {
            self.list
                .filter_mut()
                .extend(text.chars().filter(|c| !c.is_control()));
            self.refilter();
        }
    }

    fn move_key(&mut self, code: KeyCode) -> bool {
        // While filtering, Home and End belong to the filter's text.
        if self.filtering && matches!(code, KeyCode::Home | KeyCode::End) {
            return false;
        }
        self.list.on_key(code)
    }

    /// Draws the screen's body.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let notice_h = if self.notice.is_some() { 4 } else { 0 };
        let filter_h = if self.filtering || !self.list.filter().is_empty() {
            1
        } else {
            0
        };
        let comments_h = u16::from(!self.comments.is_empty());
        let [due_area, comments_area, notice_area, filter_area, list_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(comments_h),
            Constraint::Length(notice_h),
            Constraint::Length(filter_h),
            Constraint::Fill(1),
        ])
        .areas(area);
        let mut due = self.due.spans(theme);
        if matches!(self.due, DueSummary::Ready { .. }) {
            due.push(Span::styled("   d: the list", theme.hint));
        }
        frame.render_widget(Paragraph::new(Line::from(due)), due_area);
        if let Some(c) = self.comments.first() {
            let more = match self.comments.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let text = format!(
                "New comment from {} on {}, {}, {}{more}: open the record to read it.",
                safe(&c.from),
                safe(&c.family_label),
                safe(&c.form_title),
                c.when
            );
            frame.render_widget(
                Paragraph::new(fit(&text, usize::from(comments_area.width))).style(theme.missing),
                comments_area,
            );
        }
        if let Some(n) = &self.notice {
            let text = if n.recovered {
                format!(
                    "Text that could not be saved last time is kept safe: {}, {} — press Enter \
                     to put it back into its draft, Esc to leave it for now.",
                    safe(&n.family),
                    safe(&n.form_title)
                )
            } else {
                format!(
                    "You have an unfinished draft: {}, {} — press Enter to open it, Esc to leave it for now.",
                    safe(&n.family),
                    safe(&n.form_title)
                )
            };
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .style(theme.missing)
                    .block(
                        Block::bordered().title(Span::styled(" Unfinished draft ", theme.title)),
                    ),
                notice_area,
            );
        }
        if filter_h > 0 {
            let mut spans = vec![
                Span::styled("Filter: ", theme.title),
                Span::styled(safe(self.list.filter()), theme.base),
            ];
            if self.filtering {
                spans.push(Span::styled("▏", theme.key));
            } else {
                spans.push(Span::styled("   (/ to change, Esc to clear)", theme.hint));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), filter_area);
        }
        self.render_table(frame, list_area, theme);
    }

    fn render_table(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let (shown, total) = self.counts();
        let title = if shown == total {
            format!(" Families ({total}) ")
        } else {
            format!(" Families ({shown} of {total}) ")
        };
        let block = Block::bordered().title(Span::styled(title, theme.title));
        let inner = block.inner(area);
        let empty = if self.families.is_empty() {
            static EMPTY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            EMPTY
                .get_or_init(|| {
                    format!(
                        "No families yet. Press {} to add the first.",
                        crate::keys::label_in_effect(SCREEN, "new_family")
                    )
                })
                .as_str()
        } else {
            "No family matches the filter. Esc clears it."
        };
        let with_overdue = self.families.any_overdue();
        let mut widths = vec![
            Constraint::Length(12),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(11),
            Constraint::Length(6),
        ];
        let mut header = vec!["Reference", "Family", "Status", "Flags", "Drafts"];
        if with_overdue {
            widths.push(Constraint::Length(7));
            header.push("Overdue");
        }
        let name_width = usize::from(inner.width.saturating_sub(12 + 6 + 11 + 6 + 5))
            .saturating_sub(if with_overdue { 8 } else { 0 });
        let families = &self.families;
        let row = |i: usize| {
            let Some(f) = families.get(i) else {
                return Row::default();
            };
            let mut cells = vec![
                Cell::from(fit(&safe(f.reference), 12)),
                Cell::from(fit(&safe(f.name), name_width)),
                Cell::from(if f.closed { "closed" } else { "active" }),
                Cell::from(f.flags()),
                Cell::from(format!("{:>6}", f.drafts)),
            ];
            if with_overdue {
                // The marks say "overdue" without colour; a dash reads as none.
                let o = match f.overdue {
                    Some(0) => "-".to_owned(),
                    Some(n) => format!("!! {n}"),
                    None => String::new(),
                };
                let style = if f.overdue.unwrap_or(0) > 0 {
                    theme.overdue
                } else {
                    theme.base
                };
                cells.push(Cell::from(Span::styled(format!("{o:>7}"), style)));
            }
            Row::new(cells)
        };
        let table = ListTable::new(widths, row)
            .header(header, theme.title)
            .block(block)
            .empty(Paragraph::new(empty).style(theme.hint))
            .highlight(theme.focus, "▶ ");
        frame.render_stateful_widget(table, area, &mut self.list);
    }
}

/// Each family's overdue count from the due list's (none listed: 0).
fn apply_overdue(families: &mut FamilyList, m: &HashMap<FamilyId, u32>) {
    for i in 0..families.len() {
        let n = families.id(i).map(|id| m.get(&id).copied().unwrap_or(0));
        families.set_overdue(i, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, reference: &str, name: &str) -> FamilyRow {
        FamilyRow::example(id, reference, name)
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn filter_matches_fuzzily_and_esc_clears() {
        let mut h = Home::new(
            vec![
                row(1, "FX-0001", "Example family"),
                row(2, "FX-0002", "Sample household"),
            ]
            .into(),
        );
        h.on_key(key(KeyCode::Char('/')));
        for c in "smpl".chars() {
            h.on_key(key(KeyCode::Char(c)));
        }
        assert_eq!(h.counts(), (1, 2));
        assert_eq!(h.selected().map(|f| f.id), Some(FamilyId(2)));
        h.on_key(key(KeyCode::Esc));
        assert_eq!(h.counts(), (2, 2));
        assert!(!h.is_filtering());
    }

    #[test]
    fn ten_thousand_families_filter_quickly() {
        let rows: Vec<_> = (0..10_000)
            .map(|i| row(i, &format!("FX-{i:05}"), &format!("Example family {i}")))
            .collect();
        let mut h = Home::new(rows.into());
        h.on_key(key(KeyCode::Char('/')));
        let start = std::time::Instant::now();
        for c in "9999".chars() {
            h.on_key(key(KeyCode::Char(c)));
        }
        assert!(h.counts().0 >= 1);
        // A generous bound: this is a guard against an accidental quadratic,
        // not a benchmark.
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn the_notice_takes_enter_until_dismissed() {
        let mut h = Home::new(vec![row(1, "FX-0001", "Example family")].into());
        h.notice = Some(ResumeOffer {
            record: RecordId(9),
            family: "Example family".into(),
            form_title: "Home visit".into(),
            recovered: false,
        });
        assert_eq!(
            h.on_key(key(KeyCode::Enter)),
            HomeAction::Resume(RecordId(9))
        );
        assert_eq!(h.on_key(key(KeyCode::Enter)), HomeAction::Open(FamilyId(1)));
    }
}
