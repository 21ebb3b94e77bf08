//! What is due: drafts that must be written up within their form's
//! recording timescale, and the recurring duties of each open case. Pure:
//! the facts, the forms, the duties, the calendar and today come in; a list
//! sorted most urgent first comes out.

use super::calendar::Calendar;
use super::duties::{AppliesTo, Duties, Period, Schedule};
use crate::form::FormSet;
use crate::record::{FamilyId, RecordId};
use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

/// A family's plan flags (seed 002_66f790c2d2b6d6fc.txt standard 17).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlanFlags {
    /// A child is on a child protection plan.
    pub child_protection: bool,
    /// A child has a child in need plan.
    pub child_in_need: bool,
    /// A child is looked after.
    pub looked_after: bool,
}

/// What the due list needs to know of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordFacts {
    /// The store's record id.
    pub id: RecordId,
    /// Its form.
    pub form_id: String,
    /// The date of the event it records, if given yet.
    pub event_date: Option<NaiveDate>,
    /// The day it was started (used when there is no event date yet).
    pub created: NaiveDate,
    /// Whether it is finalised.
    pub finalised: bool,
    /// Whether it is a significant event.
    pub significant: bool,
    /// Who wrote it.
    pub author: String,
}

impl RecordFacts {
    /// The date it counts from: the event, or failing that the day it was begun.
    pub fn date(&self) -> NaiveDate {
        self.event_date.unwrap_or(self.created)
    }
}

/// What the due list needs to know of one family.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyFacts {
    /// The store's family id.
    pub id: FamilyId,
    /// The council's case reference.
    pub reference: String,
    /// The family name.
    pub name: String,
    /// Whether the case is open.
    pub active: bool,
    /// The day the case opened.
    pub opened: NaiveDate,
    /// The allocated worker's login name.
    pub worker: Option<String>,
    /// Plan flags.
    pub flags: PlanFlags,
    /// Its records.
    pub records: Vec<RecordFacts>,
    /// The day a chronology entry was last added.
    pub chronology_updated: Option<NaiveDate>,
}

/// How pressing an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Past its date.
    Overdue,
    /// Due today.
    DueToday,
    /// Due within the next seven days.
    DueThisWeek,
    /// Due later.
    Later,
}

impl Urgency {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueToday => "due today",
            Urgency::DueThisWeek => "due this week",
            Urgency::Later => "later",
        }
    }
}

/// One thing due.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueItem {
    /// How pressing.
    pub urgency: Urgency,
    /// The date it is due by.
    pub due: NaiveDate,
    /// Working days past due (0 when not overdue).
    pub working_days_overdue: i64,
    /// The family's id.
    pub family_id: FamilyId,
    /// The family's reference.
    pub family_reference: String,
    /// The family's name.
    pub family_name: String,
    /// The record to finish, when the item is a draft.
    pub record_id: Option<RecordId>,
    /// What is due.
    pub what: String,
    /// Whose it is: the draft's author, or the allocated worker.
    pub owner: Option<String>,
    /// The rule's source in the guidance.
    pub source: String,
}

/// Adds a period to a date.
pub fn add_period(cal: &Calendar, from: NaiveDate, p: Period) -> NaiveDate {
    let far = NaiveDate::MAX;
    match p {
        Period::WorkingDays(n) => cal.add_working_days(from, n),
        Period::Days(n) => from.checked_add_days(Days::new(n.into())).unwrap_or(far),
        Period::Weeks(n) => from
            .checked_add_days(Days::new(u64::from(n) * 7))
            .unwrap_or(far),
        Period::Months(n) => from.checked_add_months(Months::new(n)).unwrap_or(far),
    }
}

fn applies(a: AppliesTo, f: &PlanFlags) -> bool {
    match a {
        AppliesTo::All => true,
        AppliesTo::ChildProtection => f.child_protection,
        AppliesTo::ChildInNeed => f.child_in_need,
        AppliesTo::LookedAfter => f.looked_after,
    }
}

/// What is due, as the list words it: finishing a draft (the words are put
/// together only when printed, so a list of a team's items does not hold
/// one string each) or a duty's own title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What<'a> {
    /// "Finish {title} of {event date}", or "(no event date yet)".
    Finish {
        /// The form's title (its id when the form is unknown).
        title: &'a str,
        /// The draft's event date, if given yet.
        event_date: Option<NaiveDate>,
    },
    /// A duty's title, or other words given whole.
    Text(&'a str),
}

impl What<'_> {
    /// Appends the words, as [`std::fmt::Display`] writes them, without
    /// going through a formatter (the list's sort compares them often).
    pub fn push_to(&self, out: &mut String) {
        match self {
            What::Finish { title, event_date } => {
                out.push_str("Finish ");
                out.push_str(title);
                match event_date {
                    Some(d) => {
                        out.push_str(" of ");
                        push_short_date(out, *d);
                    }
                    None => out.push_str(" (no event date yet)"),
                }
            }
            What::Text(t) => out.push_str(t),
        }
    }
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

/// Appends a date as [`crate::dates::short`] writes it ("03/03/2026"),
/// by hand for the years chrono writes as four plain digits.
pub(crate) fn push_short_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    let Some(year) = u32::try_from(d.year()).ok().filter(|y| *y <= 9999) else {
        out.push_str(&crate::dates::short(d));
        return;
    };
    let digits = |out: &mut String, n: u32, width: u32| {
        for p in (0..width).rev() {
            let digit = n / 10u32.pow(p) % 10;
            out.push(char::from_digit(digit, 10).unwrap_or('?'));
        }
    };
    digits(out, d.day(), 2);
    out.push('/');
    digits(out, d.month(), 2);
    out.push('/');
    digits(out, year, 4);
}

/// One thing due for a family, borrowing its words from the family's facts
/// and the rules (see [`DueItem`] for the fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// How pressing.
    pub urgency: Urgency,
    /// The date it is due by.
    pub due: NaiveDate,
    /// Working days past due (0 when not overdue).
    pub working_days_overdue: i64,
    /// The record to finish, when the item is a draft.
    pub record_id: Option<RecordId>,
    /// What is due.
    pub what: What<'a>,
    /// Whose it is: the draft's author, or the allocated worker.
    pub owner: Option<&'a str>,
    /// The rule's source in the guidance.
    pub source: &'a str,
}

impl Found<'_> {
    /// The item as the list's owned type, with its family's words.
    pub fn to_item(&self, f: &FamilyFacts) -> DueItem {
        DueItem {
            urgency: self.urgency,
            due: self.due,
            working_days_overdue: self.working_days_overdue,
            family_id: f.id,
            family_reference: f.reference.clone(),
            family_name: f.name.clone(),
            record_id: self.record_id,
            what: self.what.to_string(),
            owner: self.owner.map(str::to_owned),
            source: self.source.to_owned(),
        }
    }
}

/// Whether two duties are done by the same forms (the same list, in any
/// order), without sorting copies of the lists for every family.
fn same_forms(a: &[String], b: &[String]) -> bool {
    let count = |list: &[String], x: &String| list.iter().filter(|y| *y == x).count();
    a.len() == b.len() && a.iter().all(|x| count(a, x) == count(b, x))
}

/// Everything due for these families as of `today`, most urgent first
/// (overdue longest at the top). Items due later than `horizon` days from
/// today are left out; pass `None` to keep them all.
pub fn due_items(
    families: &[FamilyFacts],
    forms: &FormSet,
    duties: &Duties,
    cal: &Calendar,
    today: NaiveDate,
    horizon: Option<u64>,
) -> Vec<DueItem> {
    let mut out = Vec::new();
    for f in families {
        family_due(f, forms, duties, cal, today, horizon, |found| {
            out.push(found.to_item(f));
        });
    }
    sort_items(&mut out);
    out
}

/// Calls `emit` with everything due for one family as of `today`, in the
/// order it is found (drafts, then duties); items due later than `horizon`
/// days from today are left out. [`due_items`] sorts what this finds; a
/// team's list keeps it compact ([`super::DueList`]).
pub fn family_due<'a>(
    f: &'a FamilyFacts,
    forms: &'a FormSet,
    duties: &'a Duties,
    cal: &Calendar,
    today: NaiveDate,
    horizon: Option<u64>,
    mut emit: impl FnMut(Found<'a>),
) {
    let week_end = today
        .checked_add_days(Days::new(7))
        .unwrap_or(NaiveDate::MAX);
    let limit = horizon.and_then(|h| today.checked_add_days(Days::new(h)));
    let mut push = |record_id, what: What<'a>, due: NaiveDate, owner, source: &'a str| {
        if limit.is_some_and(|l| due > l) {
            return;
        }
        let urgency = if due < today {
            Urgency::Overdue
        } else if due == today {
            Urgency::DueToday
        } else if due <= week_end {
            Urgency::DueThisWeek
        } else {
            Urgency::Later
        };
        emit(Found {
            urgency,
            due,
            working_days_overdue: cal.working_days_between(due, today).max(0),
            record_id,
            what,
            owner,
            source,
        });
    };
    // Drafts: write up within the form's timescale, shorter for a child
    // on a plan or a significant event (seed 001_e08e81dd70c4fa85.txt §4),
    // never more than the ceiling.
    for r in f.records.iter().filter(|r| !r.finalised) {
        let form = forms.get(&r.form_id);
        let title = form.map_or(r.form_id.as_str(), |f| f.title.as_str());
        let ts = form.and_then(|f| f.timescale);
        let urgent = f.flags.child_protection || r.significant;
        let days = match ts {
            Some(t) => match (urgent, t.urgent_working_days) {
                (true, Some(u)) => Some(u),
                _ => Some(t.working_days),
            },
            None => None,
        };
        let days = match (days, duties.max_recording_working_days) {
            (Some(d), Some(m)) => Some(d.min(m)),
            (d, m) => d.or(m),
        };
        let Some(days) = days else { continue };
        let due = cal.add_working_days(r.date(), days);
        let what = What::Finish {
            title,
            event_date: r.event_date,
        };
        push(
            Some(r.id),
            what,
            due,
            Some(r.author.as_str()),
            "seed 001_e08e81dd70c4fa85.txt §4",
        );
    }
    if !f.active {
        return;
    }
    // One visit satisfies every visiting duty that applies (a child on a
    // plan and in need is visited once, at the closer of the two
    // rhythms): of the recurring duties done by the same forms, only
    // the one due first is listed, so the team list never shows the
    // same visit twice.
    let mut recurring: Vec<(NaiveDate, &super::duties::Duty)> = Vec::new();
    for d in duties
        .duties
        .iter()
        .filter(|d| applies(d.applies_to, &f.flags))
    {
        let done =
            |r: &&RecordFacts| d.done_by.contains(&r.form_id) && (r.finalised || !d.finalised_only);
        match &d.schedule {
            Schedule::Every(p) => {
                let last_record = f.records.iter().filter(done).map(RecordFacts::date).max();
                let last_chron = if d.chronology {
                    f.chronology_updated
                } else {
                    None
                };
                let last = last_record.max(last_chron);
                let due = add_period(cal, last.unwrap_or(f.opened), *p);
                match recurring
                    .iter_mut()
                    .find(|(_, e)| same_forms(&e.done_by, &d.done_by))
                {
                    Some(slot) if due < slot.0 => *slot = (due, d),
                    Some(_) => {}
                    None => recurring.push((due, d)),
                }
            }
            Schedule::After { form, within } => {
                let Some(start) = f
                    .records
                    .iter()
                    .filter(|r| &r.form_id == form)
                    .map(RecordFacts::date)
                    .max()
                else {
                    continue;
                };
                let met = f.records.iter().filter(done).any(|r| r.date() >= start);
                if !met {
                    let due = add_period(cal, start, *within);
                    push(
                        None,
                        What::Text(&d.title),
                        due,
                        f.worker.as_deref(),
                        &d.source,
                    );
                }
            }
        }
    }
    for (due, d) in recurring {
        push(
            None,
            What::Text(&d.title),
            due,
            f.worker.as_deref(),
            &d.source,
        );
    }
}

/// Puts items in the list's order: soonest due first (so the longest
/// overdue at the top), then by family reference and what is due. Lists
/// built a family at a time are sorted once with this at the end.
pub fn sort_items(items: &mut [DueItem]) {
    items.sort_by(|a, b| {
        (a.due, &a.family_reference, &a.what).cmp(&(b.due, &b.family_reference, &b.what))
    });
}

/// How many items of each urgency, for the home screen.
pub fn counts(items: &[DueItem]) -> (usize, usize, usize) {
    let n = |u| items.iter().filter(|i| i.urgency == u).count();
    (
        n(Urgency::Overdue),
        n(Urgency::DueToday),
        n(Urgency::DueThisWeek),
    )
}
