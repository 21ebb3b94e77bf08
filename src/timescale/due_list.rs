//! A whole team's due list kept compact: each family's reference and name
//! once, every other word (owners, form and duty titles, sources) once in
//! a table of texts, and each item a few numbers pointing into them. A
//! supervisor's list on a 50,000-family file is 235,517 items; as
//! [`DueItem`]s that is five strings each (over 100 MB, and a quarter of
//! `casenotes due`'s time in the allocator, issue 12). The order is the
//! same as [`super::sort_items`] gives.

use super::due::{DueItem, FamilyFacts, Found, Urgency, What};
use crate::record::{FamilyId, RecordId};
use chrono::NaiveDate;
use std::collections::HashMap;

/// An index into [`DueList`]'s table of texts.
type TextId = u32;

/// What is due, pointing into the list's texts.
#[derive(Clone, Copy, Debug)]
enum WhatId {
    Finish {
        title: TextId,
        event_date: Option<NaiveDate>,
    },
    Text(TextId),
}

/// One item, compact.
#[derive(Clone, Copy, Debug)]
struct Entry {
    due: NaiveDate,
    urgency: Urgency,
    family: u32,
    working_days_overdue: i64,
    record_id: Option<RecordId>,
    what: WhatId,
    owner: Option<TextId>,
    source: TextId,
}

/// A family that has at least one item.
#[derive(Clone, Debug)]
struct FamilyRow {
    id: FamilyId,
    reference: String,
    name: String,
}

/// Every item of a due list, compact; built a family at a time with
/// [`DueList::add`], then [`DueList::sort`]ed and read with
/// [`DueList::iter`].
#[derive(Clone, Debug, Default)]
pub struct DueList {
    families: Vec<FamilyRow>,
    texts: Vec<String>,
    text_ids: HashMap<String, TextId>,
    entries: Vec<Entry>,
}

/// One item of a [`DueList`], borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueRef<'a> {
    /// How pressing.
    pub urgency: Urgency,
    /// The date it is due by.
    pub due: NaiveDate,
    /// Working days past due (0 when not overdue).
    pub working_days_overdue: i64,
    /// The family's id.
    pub family_id: FamilyId,
    /// The family's reference.
    pub family_reference: &'a str,
    /// The family's name.
    pub family_name: &'a str,
    /// The record to finish, when the item is a draft.
    pub record_id: Option<RecordId>,
    /// What is due.
    pub what: What<'a>,
    /// Whose it is: the draft's author, or the allocated worker.
    pub owner: Option<&'a str>,
    /// The rule's source in the guidance.
    pub source: &'a str,
}

impl DueRef<'_> {
    /// The item as the list's owned type.
    pub fn to_item(&self) -> DueItem {
        DueItem {
            urgency: self.urgency,
            due: self.due,
            working_days_overdue: self.working_days_overdue,
            family_id: self.family_id,
            family_reference: self.family_reference.to_owned(),
            family_name: self.family_name.to_owned(),
            record_id: self.record_id,
            what: self.what.to_string(),
            owner: self.owner.map(str::to_owned),
            source: self.source.to_owned(),
        }
    }
}

impl DueList {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn text(&mut self, t: &str) -> TextId {
        if let Some(id) = self.text_ids.get(t) {
            return *id;
        }
        // More than four thousand million distinct texts cannot be held in
        // memory anyway; the last id is shared rather than panicking.
        let id = TextId::try_from(self.texts.len()).unwrap_or(TextId::MAX);
        self.texts.push(t.to_owned());
        self.text_ids.insert(t.to_owned(), id);
        id
    }

    /// The index of this family's row, added at the end unless it is the
    /// last one added (families come a family at a time, in id order).
    fn family(&mut self, id: FamilyId, reference: &str, name: &str) -> u32 {
        let found = match self.families.last() {
            Some(last) if last.id == id => Some(self.families.len() - 1),
            // Items given whole (open actions) come after the scan, so
            // their family is looked up among the rows, in id order.
            _ => self
                .families
                .binary_search_by_key(&id, |f| f.id)
                .ok()
                .filter(|&i| self.families[i].reference == reference),
        };
        let index = found.unwrap_or_else(|| {
            self.families.push(FamilyRow {
                id,
                reference: reference.to_owned(),
                name: name.to_owned(),
            });
            self.families.len() - 1
        });
        // As for texts: no list that fits in memory has 2^32 families.
        u32::try_from(index).unwrap_or(u32::MAX)
    }

    /// Adds one item found for `family` (see [`super::family_due`]).
    pub fn add(&mut self, family: &FamilyFacts, found: Found<'_>) {
        let fam = self.family(family.id, &family.reference, &family.name);
        let what = match found.what {
            What::Finish { title, event_date } => WhatId::Finish {
                title: self.text(title),
                event_date,
            },
            What::Text(t) => WhatId::Text(self.text(t)),
        };
        let owner = found.owner.map(|o| self.text(o));
        let source = self.text(found.source);
        self.entries.push(Entry {
            due: found.due,
            urgency: found.urgency,
            family: fam,
            working_days_overdue: found.working_days_overdue,
            record_id: found.record_id,
            what,
            owner,
            source,
        });
    }

    /// Adds an item given whole (an open action's reminder).
    pub fn add_item(&mut self, item: &DueItem) {
        let fam = self.family(item.family_id, &item.family_reference, &item.family_name);
        let what = WhatId::Text(self.text(&item.what));
        let owner = item.owner.as_deref().map(|o| self.text(o));
        let source = self.text(&item.source);
        self.entries.push(Entry {
            due: item.due,
            urgency: item.urgency,
            family: fam,
            working_days_overdue: item.working_days_overdue,
            record_id: item.record_id,
            what,
            owner,
            source,
        });
    }

    fn what(&self, w: WhatId) -> What<'_> {
        match w {
            WhatId::Finish { title, event_date } => What::Finish {
                title: self.str(title),
                event_date,
            },
            WhatId::Text(t) => What::Text(self.str(t)),
        }
    }

    fn str(&self, t: TextId) -> &str {
        usize::try_from(t)
            .ok()
            .and_then(|i| self.texts.get(i))
            .map_or("", String::as_str)
    }

    fn view(&self, e: &Entry) -> DueRef<'_> {
        let f = usize::try_from(e.family)
            .ok()
            .and_then(|i| self.families.get(i));
        DueRef {
            urgency: e.urgency,
            due: e.due,
            working_days_overdue: e.working_days_overdue,
            family_id: f.map_or(FamilyId(0), |f| f.id),
            family_reference: f.map_or("", |f| f.reference.as_str()),
            family_name: f.map_or("", |f| f.name.as_str()),
            record_id: e.record_id,
            what: self.what(e.what),
            owner: e.owner.map(|o| self.str(o)),
            source: self.str(e.source),
        }
    }

    /// Puts the items in the list's order, as [`super::sort_items`] would:
    /// soonest due first, then by family reference and what is due, items
    /// alike in all three in the order they were added. The references
    /// are ranked once, so most comparisons are of two numbers.
    pub fn sort(&mut self) {
        let mut by_reference: Vec<usize> = (0..self.families.len()).collect();
        by_reference.sort_by(|&a, &b| self.families[a].reference.cmp(&self.families[b].reference));
        let mut rank = vec![0usize; self.families.len()];
        for (pos, w) in by_reference.windows(2).enumerate() {
            // Equal references share a rank, so what is due decides.
            let same = self.families[w[0]].reference == self.families[w[1]].reference;
            rank[w[1]] = if same { rank[w[0]] } else { pos + 1 };
        }
        let rank_of = |e: &Entry| {
            usize::try_from(e.family)
                .ok()
                .and_then(|i| rank.get(i))
                .copied()
                .unwrap_or(usize::MAX)
        };
        let mut entries = std::mem::take(&mut self.entries);
        let (mut text_a, mut text_b) = (String::new(), String::new());
        entries.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| rank_of(a).cmp(&rank_of(b)))
                .then_with(|| {
                    // One family, one day: the words are made up only here.
                    let (wa, wb) = (self.what(a.what), self.what(b.what));
                    if let (What::Text(x), What::Text(y)) = (wa, wb) {
                        return x.cmp(y);
                    }
                    text_a.clear();
                    text_b.clear();
                    wa.push_to(&mut text_a);
                    wb.push_to(&mut text_b);
                    text_a.cmp(&text_b)
                })
        });
        self.entries = entries;
    }

    /// Items given whole, kept in the order given (a list already sorted,
    /// such as [`super::sort_items`] makes).
    pub fn from_items(items: &[DueItem]) -> DueList {
        let mut list = DueList::new();
        for item in items {
            list.add_item(item);
        }
        list
    }

    /// The item at `index`, in the order they are in.
    pub fn get(&self, index: usize) -> Option<DueRef<'_>> {
        self.entries.get(index).map(|e| self.view(e))
    }

    /// The items, in the order they are in.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = DueRef<'_>> + '_ {
        self.entries.iter().map(|e| self.view(e))
    }

    /// The items as the list's owned type, in order.
    pub fn to_items(&self) -> Vec<DueItem> {
        self.iter().map(|r| r.to_item()).collect()
    }

    /// How many items of each urgency: overdue, due today, due this week.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |u| self.entries.iter().filter(|e| e.urgency == u).count();
        (
            n(Urgency::Overdue),
            n(Urgency::DueToday),
            n(Urgency::DueThisWeek),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timescale::{PlanFlags, sort_items};

    fn family(id: i64, reference: &str) -> FamilyFacts {
        FamilyFacts {
            id: FamilyId(id),
            reference: reference.to_owned(),
            name: format!("Example family {id}"),
            active: true,
            opened: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            worker: Some("example.worker".to_owned()),
            flags: PlanFlags::default(),
            records: Vec::new(),
            chronology_updated: None,
        }
    }

    #[test]
    fn short_dates_are_written_as_dates_short_writes_them() {
        let dates = [
            NaiveDate::from_ymd_opt(2026, 3, 3),
            NaiveDate::from_ymd_opt(1, 1, 9),
            NaiveDate::from_ymd_opt(9999, 12, 31),
            NaiveDate::from_ymd_opt(10000, 1, 1),
            NaiveDate::from_ymd_opt(-1, 1, 1),
            Some(NaiveDate::MAX),
            Some(NaiveDate::MIN),
        ];
        for d in dates.into_iter().flatten() {
            let mut s = String::new();
            crate::timescale::due::push_short_date(&mut s, d);
            assert_eq!(s, crate::dates::short(d));
        }
    }

    #[test]
    fn sorts_as_the_owned_items_sort() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
        // Two families share a reference; drafts and duties share days.
        let fams = [family(1, "EX-2"), family(2, "EX-1"), family(3, "EX-2")];
        let finds = [
            (0, day(5), What::Text("Visit")),
            (1, day(5), What::Text("Visit")),
            (2, day(5), What::Text("Review")),
            (
                0,
                day(5),
                What::Finish {
                    title: "Visit",
                    event_date: Some(day(2)),
                },
            ),
            (
                0,
                day(5),
                What::Finish {
                    title: "Visit",
                    event_date: Some(day(1)),
                },
            ),
            (
                0,
                day(5),
                What::Finish {
                    title: "Visit",
                    event_date: None,
                },
            ),
            (2, day(4), What::Text("Visit")),
            (
                1,
                day(5),
                What::Finish {
                    title: "Visit",
                    event_date: Some(day(1)),
                },
            ),
            (
                1,
                day(5),
                What::Finish {
                    title: "Visit",
                    event_date: Some(day(1)),
                },
            ),
        ];
        let mut list = DueList::new();
        let mut items = Vec::new();
        for (n, (f, due, what)) in finds.into_iter().enumerate() {
            let found = Found {
                urgency: Urgency::Later,
                due,
                working_days_overdue: 0,
                record_id: Some(RecordId(i64::try_from(n).unwrap_or_default())),
                what,
                owner: Some("example.worker"),
                source: "seed 001_e08e81dd70c4fa85.txt §4",
            };
            items.push(found.to_item(&fams[f]));
        }
        // The list is built a family at a time, as the scan gives them.
        for f in &fams {
            for i in items.iter().filter(|i| i.family_id == f.id) {
                list.add_item(i);
            }
        }
        let mut expected: Vec<DueItem> = fams
            .iter()
            .flat_map(|f| items.iter().filter(|i| i.family_id == f.id).cloned())
            .collect();
        sort_items(&mut expected);
        list.sort();
        assert_eq!(list.to_items(), expected);
    }
}
