//! The due view: what is overdue, due today and due this week, most urgent
//! first, each row opening its draft or its family. A practitioner sees
//! their own work; a supervisor sees the team's and can switch to their
//! own. The list is worked out by the executor after the first frame (see
//! `Effect::ComputeDue`), so this screen only keeps and shows it. A
//! supervisor's team list is large (235,517 items on a 50,000-family
//! file): it is worked out when this screen opens (`Effect::ComputeDueList`)
//! and kept only while the screen is open or on the way back to it; the
//! rest of the time only its counts ([`DueTally`]) are kept (issue 12).

use super::chrome::{fit, safe, wrap};
use super::due_tally::DueTally;
pub use super::due_tally::{DueCounts, DueSummary};
use super::keymap::{KeyTable, action, bind, pressed};
use super::list::{ListState, ListTable, Page, wrapped_message};
use super::theme::Theme;
use crate::record::{FamilyId, RecordId};
use crate::timescale::{DueList, DueRef, Urgency};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row};
use std::collections::HashMap;

/// When a row of the due list's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum DueKeys {
    /// The selected item is a draft to finish.
    OnDraft,
    /// The selected item is due on a family (a visit, a review).
    OnFamilyItem,
    /// An item is selected.
    Selected,
    /// A supervisor looking at the team's work.
    TeamShown,
    /// A supervisor looking at their own.
    OwnShown,
    /// Not a supervisor.
    NotSupervisor,
    /// Always.
    Always,
}

/// The screen's name in the key tables (`[keys.due]` in the config).
const SCREEN: &str = "what is due";

/// The due list's keys.
pub const KEYS: KeyTable<DueKeys> = KeyTable {
    screen: SCREEN,
    rows: &[
        bind(DueKeys::OnDraft, "Enter", "open draft"),
        bind(DueKeys::OnFamilyItem, "Enter", "open family"),
        action(DueKeys::TeamShown, "toggle_team", "only mine"),
        action(DueKeys::OwnShown, "toggle_team", "team's work"),
        action(DueKeys::NotSupervisor, "toggle_team", "team (supervisors)"),
        action(DueKeys::Selected, "family", "its family"),
        action(DueKeys::Always, "refresh", "refresh"),
        bind(DueKeys::Always, "Esc", "back"),
        bind(DueKeys::Always, "↑↓ PgUp PgDn Home End", "move"),
        bind(DueKeys::Always, "F1", "help"),
        action(DueKeys::Always, "quit", "quit"),
    ],
};

/// The mark and words for each urgency, so colour is never the only cue.
pub fn urgency_text(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "!! overdue",
        Urgency::DueToday => "!  due today",
        Urgency::DueThisWeek => "·  this week",
        Urgency::Later => "   later",
    }
}

/// What a key on the due view asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueAction {
    /// Nothing beyond redrawing.
    None,
    /// Back to the families.
    Back,
    /// Open this draft.
    OpenRecord(RecordId),
    /// Open this family.
    OpenFamily(FamilyId),
    /// Switch between the team's work and one's own.
    ToggleTeam,
    /// Work the list out again.
    Refresh,
    /// Show help.
    Help,
    /// Leave the program.
    Quit,
}

/// The due view's state: the list as last worked out, and whose is shown.
pub struct DueScreen {
    /// Every item worked out (the team's for a supervisor, else one's own),
    /// while they are held: compact, as a team's list at 50,000 families
    /// holds 235,517 items (issue 12).
    all: Option<DueList>,
    /// The counts, when a supervisor's items are not held.
    tally: Option<DueTally>,
    /// Whose work is shown has been set once (after that, the person's
    /// choice is kept).
    scoped: bool,
    /// Why the last attempt failed, if it did.
    error: Option<String>,
    /// Whose work is shown: the team's (supervisors only) or one's own.
    team: bool,
    /// Whether the person may see the team's.
    supervisor: bool,
    /// The person using the program, to pick out their own items.
    user: String,
    /// Who is who, to show owners by display name.
    pub people: crate::user::UserDirectory,
    /// The items shown (indices into `all`) and the selection; a page is
    /// the rows visible at the last draw.
    list: ListState,
    /// The day the list was worked out for.
    as_of: Option<NaiveDate>,
}

impl DueScreen {
    /// An empty due view for this person, not yet worked out.
    pub fn new(user: &str) -> DueScreen {
        DueScreen {
            all: None,
            tally: None,
            scoped: false,
            error: None,
            team: false,
            supervisor: false,
            user: user.to_owned(),
            people: crate::user::UserDirectory::default(),
            list: ListState::new(Page::Drawn(10)),
            as_of: None,
        }
    }

    /// Takes a freshly worked-out list. A supervisor starts on the team's
    /// work; after that the scope they chose is kept.
    pub fn set_items(&mut self, items: DueList, supervisor: bool, as_of: NaiveDate) {
        let keep = self
            .selected()
            .map(|i| (i.family_id, i.record_id, i.what.to_string()));
        self.set_scope(supervisor);
        // The counts come from the tally whether or not the items are
        // kept, so they are counted one way only.
        self.tally = Some(DueTally::of_list(&items, &self.user));
        self.all = Some(items);
        self.error = None;
        self.as_of = Some(as_of);
        self.rescope();
        if let Some((family, record, what)) = keep
            && let Some(pos) = self.list.find(|i| {
                self.item(i).is_some_and(|x| {
                    // The words are made up only for the selected family.
                    x.family_id == family && x.record_id == record && x.what.to_string() == what
                })
            })
        {
            self.list.select(Some(pos));
        }
    }

    /// Takes fresh counts in place of the items (a supervisor away from
    /// this screen), dropping any items held.
    pub fn set_tally(&mut self, tally: DueTally, supervisor: bool, as_of: NaiveDate) {
        self.set_scope(supervisor);
        self.all = None;
        self.tally = Some(tally);
        self.error = None;
        self.as_of = Some(as_of);
        self.rescope();
    }

    /// A supervisor starts on the team's work; after that the scope they
    /// chose is kept.
    fn set_scope(&mut self, supervisor: bool) {
        if !self.scoped {
            self.team = supervisor;
            self.scoped = true;
        }
        if !supervisor {
            self.team = false;
        }
        self.supervisor = supervisor;
    }

    /// Keeps only the counts of a supervisor's items, which the home screen
    /// needs, and drops the items (called when this screen is left); true
    /// when items were dropped. A practitioner's own list is small and kept.
    pub fn forget_items(&mut self) -> bool {
        if !self.supervisor {
            return false;
        }
        if self.all.take().is_none() {
            return false;
        }
        self.rescope();
        true
    }

    /// Notes that the list could not be worked out.
    pub fn set_error(&mut self, why: String) {
        self.error = Some(why);
    }

    /// Sets whether the person is a supervisor (known before the list is).
    pub fn set_supervisor(&mut self, supervisor: bool) {
        self.supervisor = supervisor;
        if !supervisor && self.team {
            self.team = false;
            self.rescope();
        }
    }

    /// Switches between the team's work and one's own; refused (false) for
    /// someone who is not a supervisor.
    pub fn toggle_team(&mut self) -> bool {
        if !self.supervisor {
            return false;
        }
        self.team = !self.team;
        self.rescope();
        true
    }

    /// Whether the team's work is shown.
    pub fn is_team(&self) -> bool {
        self.team
    }

    /// Whether the list's items are held (worked out, and not dropped).
    pub fn is_ready(&self) -> bool {
        self.all.is_some()
    }

    fn item(&self, i: usize) -> Option<DueRef<'_>> {
        self.all.as_ref()?.get(i)
    }

    fn rescope(&mut self) {
        let user = self.user.as_str();
        let team = self.team;
        let shown = self.all.as_ref().map_or_else(Vec::new, |all| {
            all.iter()
                .enumerate()
                .filter(|(_, i)| team || i.owner == Some(user))
                .map(|(n, _)| n)
                .collect()
        });
        self.list.show(shown);
    }

    /// The items shown, most urgent first.
    pub fn items(&self) -> Vec<DueRef<'_>> {
        self.list.rows().filter_map(|i| self.item(i)).collect()
    }

    /// The item under the cursor.
    pub fn selected(&self) -> Option<DueRef<'_>> {
        self.item(self.list.selected()?)
    }

    /// How many items of each urgency are shown.
    pub fn counts(&self) -> DueCounts {
        self.tally
            .as_ref()
            .map_or_else(DueCounts::default, |t| t.scope(self.team).counts)
    }

    /// The summary for the home screen.
    pub fn summary(&self) -> DueSummary {
        let ready = self.tally.is_some();
        match (ready, &self.error) {
            (false, Some(e)) => DueSummary::Failed(e.clone()),
            (false, None) => DueSummary::Pending,
            (true, _) => DueSummary::Ready {
                team: self.team,
                counts: self.counts(),
            },
        }
    }

    /// Overdue items shown, per family, for the families table; `None`
    /// until the list is worked out.
    pub fn overdue_by_family(&self) -> Option<HashMap<FamilyId, u32>> {
        Some(self.tally.as_ref()?.scope(self.team).overdue.clone())
    }

    /// The keys that work here, the most used first (the footer shows as
    /// many as fit at 80 columns; help shows them all).
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let selected = self.selected();
        KEYS.select(|w| match w {
            DueKeys::OnDraft => selected.is_some_and(|i| i.record_id.is_some()),
            DueKeys::OnFamilyItem => selected.is_some_and(|i| i.record_id.is_none()),
            DueKeys::Selected => selected.is_some(),
            DueKeys::TeamShown => self.supervisor && self.team,
            DueKeys::OwnShown => self.supervisor && !self.team,
            DueKeys::NotSupervisor => !self.supervisor,
            DueKeys::Always => true,
        })
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> DueAction {
        if self.list.on_key(key.code) {
            return DueAction::None;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Backspace => DueAction::Back,
            KeyCode::Enter => match self.selected() {
                Some(DueRef {
                    record_id: Some(r), ..
                }) => DueAction::OpenRecord(r),
                Some(i) => DueAction::OpenFamily(i.family_id),
                None => DueAction::None,
            },
            _ if pressed(&key, SCREEN, "family") => self
                .selected()
                .map_or(DueAction::None, |i| DueAction::OpenFamily(i.family_id)),
            _ if pressed(&key, SCREEN, "toggle_team") => DueAction::ToggleTeam,
            _ if pressed(&key, SCREEN, "refresh") => DueAction::Refresh,
            _ if pressed(&key, SCREEN, "quit") => DueAction::Quit,
            KeyCode::Char('?') | KeyCode::F(1) => DueAction::Help,
            _ => DueAction::None,
        }
    }

    /// Draws the screen's body.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let [head, list, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(3),
        ])
        .areas(area);
        let mut spans = self.summary().spans(theme);
        if let Some(d) = self.as_of {
            spans.push(Span::styled(
                format!("  (as of {})", crate::dates::short(d)),
                theme.hint,
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), head);
        let title = if self.team {
            " Due: the team's work "
        } else {
            " Due: your work "
        };
        let block = Block::bordered().title(Span::styled(title, theme.title));
        self.render_table(frame, list, block, theme);
        self.render_detail(frame, detail, theme);
    }

    fn empty_message(&self) -> Option<String> {
        match (&self.all, &self.error) {
            // After an earlier success the old list stays, and the status
            // line says why it was not refreshed.
            (None, Some(e)) => Some(format!("What is due could not be worked out: {}", safe(e))),
            (None, None) => Some("Working out what is due…".to_owned()),
            (Some(_), None) if self.list.is_empty() => Some(if self.team {
                "Nothing in the team is overdue, due today or due this week.".to_owned()
            } else {
                "Nothing of yours is overdue, due today or due this week. (Your drafts and the \
                 families allocated to you are counted.)"
                    .to_owned()
            }),
            _ => None,
        }
    }

    fn render_table(&mut self, frame: &mut Frame, list: Rect, block: Block, theme: &Theme) {
        let area = block.inner(list);
        let team = self.team;
        // Columns: urgency, due date, family, what, and whose (team only).
        let owner_w: u16 = if team { 12 } else { 0 };
        let fixed = 2 + 12 + 10 + owner_w + if team { 4 } else { 3 };
        let rest = area.width.saturating_sub(fixed);
        let family_w = (rest * 2 / 5).max(8);
        let what_w = rest.saturating_sub(family_w);
        let mut widths = vec![
            Constraint::Length(12),
            Constraint::Length(10),
            Constraint::Length(family_w),
            Constraint::Length(what_w),
        ];
        let mut header = vec!["Urgency", "Due by", "Family", "What is due"];
        if team {
            widths.push(Constraint::Length(owner_w));
            header.push("Whose");
        }
        // Of a team's list over a large file (tens of thousands), the list
        // builds only the rows that can be seen.
        let all = self.all.as_ref();
        let row = |n: usize| {
            let Some(i) = all.and_then(|a| a.get(n)) else {
                return Row::default();
            };
            let style = match i.urgency {
                Urgency::Overdue => theme.overdue,
                Urgency::DueToday => theme.missing,
                _ => theme.base,
            };
            let family = format!("{} {}", i.family_reference, i.family_name);
            let mut cells = vec![
                Cell::from(Span::styled(urgency_text(i.urgency), style)),
                Cell::from(crate::dates::short(i.due)),
                Cell::from(fit(&safe(&family), usize::from(family_w))),
                Cell::from(fit(&safe(&i.what.to_string()), usize::from(what_w))),
            ];
            if team {
                let owner = i
                    .owner
                    .map_or("unallocated".to_owned(), |o| safe(&self.people.label(o)));
                cells.push(Cell::from(fit(&owner, usize::from(owner_w))));
            }
            Row::new(cells)
        };
        let mut table = ListTable::new(widths, row)
            .header(header, theme.title)
            .block(block)
            .highlight(theme.focus, "▶ ");
        // An old list that failed to refresh and shows nothing has no
        // message (the status line says why), so its header stands alone.
        if let Some(message) = self.empty_message() {
            table = table.empty(wrapped_message(&message, area.width, theme.hint));
        }
        frame.render_stateful_widget(table, list, &mut self.list);
    }

    /// The selected item in full, wrapped: the table cuts long text.
    fn render_detail(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some(i) = self.selected() else {
            return;
        };
        let late = match i.urgency {
            Urgency::Overdue => format!(
                "overdue since {} ({} working day(s) late)",
                crate::dates::for_people(i.due),
                i.working_days_overdue
            ),
            Urgency::DueToday => format!("due today ({})", crate::dates::for_people(i.due)),
            _ => format!("due by {}", crate::dates::for_people(i.due)),
        };
        let whose = i
            .owner
            .map_or("unallocated".to_owned(), |o| safe(&self.people.label(o)));
        let text = format!(
            "{} {} · {} · {late} · {whose} · rule: {}",
            safe(i.family_reference),
            safe(i.family_name),
            safe(&i.what.to_string()),
            safe(i.source)
        );
        let lines: Vec<Line> = wrap(&text, usize::from(area.width))
            .into_iter()
            .take(usize::from(area.height))
            .map(|l| Line::from(Span::styled(l, theme.base)))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timescale::DueItem;
    use ratatui::crossterm::event::KeyModifiers;

    fn d(s: &str) -> NaiveDate {
        crate::record::parse_date(s).unwrap_or_default()
    }

    fn item(urgency: Urgency, family: i64, record: Option<i64>, owner: &str) -> DueItem {
        DueItem {
            urgency,
            due: d("2026-11-20"),
            working_days_overdue: 0,
            family_id: FamilyId(family),
            family_reference: format!("FX-{family:04}"),
            family_name: "Example family".into(),
            record_id: record.map(RecordId),
            what: "Finish Home visit".into(),
            owner: Some(owner.into()),
            source: "seed".into(),
        }
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn a_practitioner_sees_their_own_and_cannot_switch() {
        let mut s = DueScreen::new("alex");
        s.set_items(
            DueList::from_items(&[
                item(Urgency::Overdue, 1, Some(7), "alex"),
                item(Urgency::DueToday, 2, None, "sam"),
            ]),
            false,
            d("2026-11-25"),
        );
        assert_eq!(s.items().len(), 1);
        assert!(!s.toggle_team());
        assert_eq!(
            s.on_key(key(KeyCode::Enter)),
            DueAction::OpenRecord(RecordId(7))
        );
        assert_eq!(
            s.on_key(key(KeyCode::Char('f'))),
            DueAction::OpenFamily(FamilyId(1))
        );
        assert_eq!(
            s.overdue_by_family()
                .and_then(|m| m.get(&FamilyId(1)).copied()),
            Some(1)
        );
    }

    #[test]
    fn a_long_team_list_draws_only_what_shows_and_follows_the_cursor() {
        let mut s = DueScreen::new("sam");
        let items: Vec<DueItem> = (0..30_000)
            .map(|n| item(Urgency::Overdue, n, None, "alex"))
            .collect();
        s.set_items(DueList::from_items(&items), true, d("2026-11-25"));
        s.on_key(key(KeyCode::End));
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
            .unwrap_or_else(|e| panic!("{e}"));
        t.draw(|f| s.render(f, f.area(), &Theme::plain()))
            .unwrap_or_else(|e| panic!("{e}"));
        let shown: String = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(shown.contains("FX-29999"), "the last row is not drawn");
        assert_eq!(s.selected().map(|i| i.family_id), Some(FamilyId(29_999)));
    }

    #[test]
    fn a_supervisor_starts_on_the_team_and_can_switch() {
        let mut s = DueScreen::new("sam");
        let items = vec![
            item(Urgency::Overdue, 1, Some(7), "alex"),
            item(Urgency::DueToday, 2, None, "sam"),
        ];
        s.set_items(DueList::from_items(&items), true, d("2026-11-25"));
        assert!(s.is_team());
        assert_eq!(
            s.counts(),
            DueCounts {
                overdue: 1,
                today: 1,
                week: 0
            }
        );
        assert!(s.toggle_team());
        assert_eq!(s.items().len(), 1);
        // A reload keeps the chosen scope.
        s.set_items(DueList::from_items(&items), true, d("2026-11-25"));
        assert!(!s.is_team());
    }
}
