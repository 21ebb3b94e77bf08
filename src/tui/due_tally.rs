//! The due list's counts without the list: what the home screen shows
//! (counts per urgency and overdue items per family) for a supervisor,
//! whose team's list on a large file is hundreds of thousands of items
//! that only the due screen needs (issue 12).

use super::chrome::safe;
use super::theme::Theme;
use crate::record::FamilyId;
use crate::service::due::DueSink;
use crate::timescale::{DueItem, DueList, FamilyFacts, Found, Urgency};
use ratatui::style::Style;
use ratatui::text::Span;
use std::collections::HashMap;

/// How many items are overdue, due today and due this week.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DueCounts {
    /// Past their date.
    pub overdue: usize,
    /// Due today.
    pub today: usize,
    /// Due in the next seven days.
    pub week: usize,
}

/// What the due list looks like from the home screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueSummary {
    /// Not worked out yet (it is, just after the first frame).
    Pending,
    /// Worked out: whose, and how many.
    Ready {
        /// The whole team's work (else the person's own).
        team: bool,
        /// The counts.
        counts: DueCounts,
    },
    /// It could not be worked out; why, as a sentence.
    Failed(String),
}

impl DueSummary {
    /// The summary as spans for one line, with marks and words.
    pub fn spans(&self, theme: &Theme) -> Vec<Span<'static>> {
        match self {
            DueSummary::Pending => vec![Span::styled("What is due: working it out…", theme.hint)],
            DueSummary::Failed(why) => vec![Span::styled(
                format!("What is due could not be worked out: {}", safe(why)),
                theme.missing,
            )],
            DueSummary::Ready { team, counts } => {
                let who = if *team {
                    "Team's work: "
                } else {
                    "Your work: "
                };
                let loud = |n: usize, s: Style| if n > 0 { s } else { theme.base };
                vec![
                    Span::styled(who, theme.title),
                    Span::styled(
                        format!("!! {} overdue", counts.overdue),
                        loud(counts.overdue, theme.overdue),
                    ),
                    Span::raw(" · "),
                    Span::styled(
                        format!("! {} due today", counts.today),
                        loud(counts.today, theme.missing),
                    ),
                    Span::raw(" · "),
                    Span::raw(format!("{} due this week", counts.week)),
                ]
            }
        }
    }
}

impl DueCounts {
    /// Counts one item of this urgency (a later one is not counted).
    fn add(&mut self, urgency: Urgency) {
        match urgency {
            Urgency::Overdue => self.overdue += 1,
            Urgency::DueToday => self.today += 1,
            Urgency::DueThisWeek => self.week += 1,
            Urgency::Later => {}
        }
    }
}

/// The counts of one scope (the team's work or one's own).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeTally {
    /// Items per urgency.
    pub counts: DueCounts,
    /// Overdue items per family, for the families table.
    pub overdue: HashMap<FamilyId, u32>,
}

impl ScopeTally {
    /// Counts one item.
    pub fn add(&mut self, urgency: Urgency, family: FamilyId) {
        self.counts.add(urgency);
        if urgency == Urgency::Overdue {
            *self.overdue.entry(family).or_default() += 1;
        }
    }
}

/// The due list's counts for both scopes the due screen can show, so the
/// home screen follows a supervisor's choice of scope without the items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DueTally {
    /// Every item of the list.
    pub team: ScopeTally,
    /// The items owned by the person using the program.
    pub own: ScopeTally,
}

impl DueTally {
    /// Counts one item, owned by `owner`, for the person `user`.
    pub fn add(&mut self, urgency: Urgency, family: FamilyId, owner: Option<&str>, user: &str) {
        self.team.add(urgency, family);
        if owner == Some(user) {
            self.own.add(urgency, family);
        }
    }

    /// The counts of a due list's items, for the person `user`.
    pub fn of_list(list: &DueList, user: &str) -> DueTally {
        let mut tally = DueTally::default();
        for i in list.iter() {
            tally.add(i.urgency, i.family_id, i.owner, user);
        }
        tally
    }

    /// The counts of the team's work (`team`) or one's own.
    pub fn scope(&self, team: bool) -> &ScopeTally {
        if team { &self.team } else { &self.own }
    }
}

/// Counts a due list's items as they are found, for one person, keeping
/// none of them (`service::due::visit`): a team's list of 235,517 items
/// is counted without being held even for a moment.
pub struct Counter<'u> {
    tally: DueTally,
    user: &'u str,
}

impl<'u> Counter<'u> {
    /// Nothing counted yet, for the person `user`.
    pub fn new(user: &'u str) -> Self {
        Counter {
            tally: DueTally::default(),
            user,
        }
    }

    /// The counts.
    pub fn into_tally(self) -> DueTally {
        self.tally
    }
}

impl DueSink for Counter<'_> {
    fn found(&mut self, family: &FamilyFacts, found: Found<'_>) {
        self.tally
            .add(found.urgency, family.id, found.owner, self.user);
    }

    fn item(&mut self, item: &DueItem) {
        self.tally.add(
            item.urgency,
            item.family_id,
            item.owner.as_deref(),
            self.user,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(urgency: Urgency, family: i64, owner: Option<&str>) -> DueItem {
        DueItem {
            urgency,
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            working_days_overdue: 0,
            family_id: FamilyId(family),
            family_reference: format!("FX-{family:04}"),
            family_name: "Example family".into(),
            record_id: None,
            what: "Home visit".into(),
            owner: owner.map(str::to_owned),
            source: "seed".into(),
        }
    }

    #[test]
    fn both_scopes_are_counted_and_later_items_are_not() {
        let items = vec![
            item(Urgency::Overdue, 1, Some("alex")),
            item(Urgency::Overdue, 1, Some("sam")),
            item(Urgency::Overdue, 2, None),
            item(Urgency::DueToday, 2, Some("sam")),
            item(Urgency::DueThisWeek, 3, Some("alex")),
            item(Urgency::Later, 3, Some("sam")),
        ];
        let tally = DueTally::of_list(&DueList::from_items(&items), "sam");
        let counts = |overdue, today, week| DueCounts {
            overdue,
            today,
            week,
        };
        assert_eq!(tally.scope(true).counts, counts(3, 1, 1));
        assert_eq!(tally.scope(false).counts, counts(1, 1, 0));
        assert_eq!(tally.team.overdue.get(&FamilyId(1)), Some(&2));
        assert_eq!(tally.team.overdue.get(&FamilyId(3)), None);
        assert_eq!(tally.own.overdue.get(&FamilyId(2)), None);
        // Counting as found gives the same.
        let mut counter = Counter::new("sam");
        for i in &items {
            counter.item(i);
        }
        assert_eq!(counter.into_tally(), tally);
    }
}
