//! Every family as the home screen lists it, held compactly (issue 12:
//! under 20 MB resident at 50,000 families). A `FamilyRow` is three heap
//! strings and a dozen fields, some 260 bytes a family once the allocator
//! has rounded each string up; here every family's reference and name sit
//! in one shared text buffer, the allocated workers are kept once each
//! (a team has a few dozen, shared by thousands of families), and each
//! family is one small fixed-size record: about 80 bytes a family in all.
//! `FamilyRow`, one family as a screen shows it, lives here too, so the
//! family screens' module (`family_view`) uses this one and not the other
//! way round.

use crate::store::{CaseStatus, FamilyId, ListedFamily};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One family as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyRow {
    /// The store's id.
    pub id: FamilyId,
    /// The council's case reference.
    pub reference: String,
    /// The family's name.
    pub name: String,
    /// Whether the case is closed.
    pub closed: bool,
    /// The day it closed (seed 002_66f790c2d2b6d6fc.txt standard 18).
    pub closed_on: Option<chrono::NaiveDate>,
    /// The allocated worker: the login name, or on the family screen the
    /// display name (issue 14).
    pub worker: Option<String>,
    /// A child protection plan applies.
    pub cp: bool,
    /// A child in need plan applies.
    pub cin: bool,
    /// A child is looked after.
    pub lac: bool,
    /// How many records are still drafts.
    pub drafts: u32,
    /// How many records are overdue, once due dates are worked out; the
    /// column appears only when some family has a number.
    pub overdue: Option<u32>,
}

impl From<crate::store::FamilySummary> for FamilyRow {
    /// A home-screen row from the store's summary; the overdue count comes
    /// later, once the due list is worked out.
    fn from(s: crate::store::FamilySummary) -> FamilyRow {
        FamilyRow::new(s.family.id, s.family.details, s.drafts)
    }
}

impl FamilyRow {
    /// A row from a family's details and its number of drafts; the overdue
    /// count comes later, once the due list is worked out.
    pub fn new(id: FamilyId, d: crate::store::FamilyDetails, drafts: u32) -> FamilyRow {
        FamilyRow {
            id,
            reference: d.reference,
            name: d.name,
            closed: matches!(d.status, crate::store::CaseStatus::Closed(_)),
            closed_on: match d.status {
                crate::store::CaseStatus::Closed(on) => Some(on),
                crate::store::CaseStatus::Active => None,
            },
            worker: d.allocated_worker,
            cp: d.child_protection_plan,
            cin: d.child_in_need,
            lac: d.looked_after,
            drafts,
            overdue: None,
        }
    }

    /// The flags as short labels, in a fixed order.
    pub fn flags(&self) -> String {
        let mut out = Vec::new();
        if self.cp {
            out.push("CP");
        }
        if self.cin {
            out.push("CIN");
        }
        if self.lac {
            out.push("LAC");
        }
        out.join(" ")
    }

    /// "FX-0001 Example family", as titles show it.
    pub fn label(&self) -> String {
        format!("{} {}", self.reference, self.name)
    }
}

/// One family's fixed-size part; its text is in [`FamilyList::text`].
#[derive(Clone, Copy, Debug)]
struct Packed {
    id: FamilyId,
    /// Where the reference starts in the text; a space and the name
    /// follow it, so that "REFERENCE name" is one slice for the filter.
    start: usize,
    /// The reference's length in bytes, then the name's: a SQLite text
    /// value is at most SQLITE_MAX_LENGTH (1,000,000,000) bytes, so each
    /// fits a u32.
    reference_len: u32,
    name_len: u32,
    /// 1 + the worker's index in [`FamilyList::workers`]; 0 for none.
    worker: u32,
    closed_on: Option<NaiveDate>,
    drafts: u32,
    overdue: Option<u32>,
    /// [`CLOSED`], [`CP`], [`CIN`], [`LAC`].
    bits: u8,
}

const CLOSED: u8 = 1;
const CP: u8 = 2;
const CIN: u8 = 4;
const LAC: u8 = 8;

/// The families in the home screen's order, held compactly; rows go in as
/// [`FamilyRow`]s and come out as borrowed [`FamilyEntry`]s.
#[derive(Clone, Debug, Default)]
pub struct FamilyList {
    rows: Vec<Packed>,
    /// Every family's "REFERENCE name", one after another; a replaced
    /// row's new text is added at the end (the old is left, a few bytes).
    text: String,
    /// Each allocated worker's login, once.
    workers: Vec<Box<str>>,
    /// Where each worker is in `workers`, while rows are being added;
    /// emptied by [`FamilyList::finish`].
    worker_index: HashMap<Box<str>, u32>,
}

/// One family of a [`FamilyList`], borrowed: the fields of a [`FamilyRow`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FamilyEntry<'a> {
    /// The store's id.
    pub id: FamilyId,
    /// The council's case reference.
    pub reference: &'a str,
    /// The family's name.
    pub name: &'a str,
    /// Whether the case is closed.
    pub closed: bool,
    /// The day it closed.
    pub closed_on: Option<NaiveDate>,
    /// The allocated worker's login.
    pub worker: Option<&'a str>,
    /// A child protection plan applies.
    pub cp: bool,
    /// A child in need plan applies.
    pub cin: bool,
    /// A child is looked after.
    pub lac: bool,
    /// How many records are still drafts.
    pub drafts: u32,
    /// How many items are overdue, once the due list is worked out.
    pub overdue: Option<u32>,
}

impl FamilyEntry<'_> {
    /// The flags as short labels in a fixed order, as [`FamilyRow::flags`]
    /// gives them, without building a string.
    pub fn flags(&self) -> &'static str {
        match (self.cp, self.cin, self.lac) {
            (false, false, false) => "",
            (true, false, false) => "CP",
            (false, true, false) => "CIN",
            (false, false, true) => "LAC",
            (true, true, false) => "CP CIN",
            (true, false, true) => "CP LAC",
            (false, true, true) => "CIN LAC",
            (true, true, true) => "CP CIN LAC",
        }
    }

    /// The same family as an owned row.
    pub fn to_row(&self) -> FamilyRow {
        FamilyRow {
            id: self.id,
            reference: self.reference.to_owned(),
            name: self.name.to_owned(),
            closed: self.closed,
            closed_on: self.closed_on,
            worker: self.worker.map(str::to_owned),
            cp: self.cp,
            cin: self.cin,
            lac: self.lac,
            drafts: self.drafts,
            overdue: self.overdue,
        }
    }
}

impl FamilyList {
    /// An empty list.
    pub fn new() -> FamilyList {
        FamilyList::default()
    }

    /// Adds a family at the end.
    pub fn push(&mut self, row: &FamilyRow) {
        let packed = self.pack(&entry_of(row));
        self.rows.push(packed);
    }

    /// Adds a family at the end as the store lists it, without a string of
    /// its own on the way (its overdue count comes later).
    pub fn push_listed(&mut self, f: &ListedFamily<'_>) {
        let (closed, closed_on) = match f.status {
            CaseStatus::Closed(on) => (true, Some(on)),
            CaseStatus::Active => (false, None),
        };
        let packed = self.pack(&FamilyEntry {
            id: f.id,
            reference: f.reference,
            name: f.name,
            closed,
            closed_on,
            worker: f.allocated_worker,
            cp: f.child_protection_plan,
            cin: f.child_in_need,
            lac: f.looked_after,
            drafts: f.drafts,
            overdue: None,
        });
        self.rows.push(packed);
    }

    /// Replaces the `i`th family (nothing if there is none), keeping its
    /// place in the list.
    pub fn replace(&mut self, i: usize, row: &FamilyRow) {
        if i < self.rows.len() {
            let packed = self.pack(&entry_of(row));
            self.rows[i] = packed;
        }
    }

    /// Sets the `i`th family's overdue count (nothing if there is none).
    pub fn set_overdue(&mut self, i: usize, overdue: Option<u32>) {
        if let Some(p) = self.rows.get_mut(i) {
            p.overdue = overdue;
        }
    }

    /// Gives back what adding rows reserved beyond what they use, and the
    /// workers' look-up table, once every row is in.
    pub fn finish(&mut self) {
        self.rows.shrink_to_fit();
        self.text.shrink_to_fit();
        self.workers.shrink_to_fit();
        self.worker_index = HashMap::new();
    }

    /// How many families there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The `i`th family.
    pub fn get(&self, i: usize) -> Option<FamilyEntry<'_>> {
        self.rows.get(i).map(|p| self.entry(p))
    }

    /// Where the family with this id is in the list.
    pub fn position(&self, id: FamilyId) -> Option<usize> {
        self.rows.iter().position(|p| p.id == id)
    }

    /// The `i`th family's id, without looking at its text.
    pub fn id(&self, i: usize) -> Option<FamilyId> {
        self.rows.get(i).map(|p| p.id)
    }

    /// Whether any family has an overdue count (the column shows then).
    pub fn any_overdue(&self) -> bool {
        self.rows.iter().any(|p| p.overdue.is_some())
    }

    /// The `i`th family's "REFERENCE name", as the filter matches it,
    /// without copying it (issue 12: the filter keeps no copy of its own).
    pub fn hay(&self, i: usize) -> &str {
        self.rows.get(i).map_or("", |p| {
            let end = p.start + p.reference_len as usize + 1 + p.name_len as usize;
            self.text.get(p.start..end).unwrap_or_default()
        })
    }

    /// Every family, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = FamilyEntry<'_>> + '_ {
        self.rows.iter().map(|p| self.entry(p))
    }

    fn entry(&self, p: &Packed) -> FamilyEntry<'_> {
        // The lengths were taken from these strings when they were pushed
        // (u32 <= usize on every target casenotes builds for); `get` keeps
        // a mistake from panicking.
        let ref_end = p.start + p.reference_len as usize;
        let name_end = ref_end + 1 + p.name_len as usize;
        let worker = p
            .worker
            .checked_sub(1)
            .and_then(|w| self.workers.get(w as usize))
            .map(|w| &**w);
        FamilyEntry {
            id: p.id,
            reference: self.text.get(p.start..ref_end).unwrap_or_default(),
            name: self.text.get(ref_end + 1..name_end).unwrap_or_default(),
            closed: p.bits & CLOSED != 0,
            closed_on: p.closed_on,
            worker,
            cp: p.bits & CP != 0,
            cin: p.bits & CIN != 0,
            lac: p.bits & LAC != 0,
            drafts: p.drafts,
            overdue: p.overdue,
        }
    }

    fn pack(&mut self, row: &FamilyEntry<'_>) -> Packed {
        let start = self.text.len();
        self.text.push_str(row.reference);
        self.text.push(' ');
        self.text.push_str(row.name);
        let worker = match row.worker {
            None => 0,
            Some(w) => 1 + self.worker(w),
        };
        let bit = |on: bool, b: u8| if on { b } else { 0 };
        Packed {
            id: row.id,
            start,
            reference_len: len32(row.reference),
            name_len: len32(row.name),
            worker,
            closed_on: row.closed_on,
            drafts: row.drafts,
            overdue: row.overdue,
            bits: bit(row.closed, CLOSED) | bit(row.cp, CP) | bit(row.cin, CIN) | bit(row.lac, LAC),
        }
    }

    /// The worker's index in `workers`, adding it if it is new.
    fn worker(&mut self, login: &str) -> u32 {
        if let Some(&i) = self.worker_index.get(login) {
            return i;
        }
        // After `finish` the look-up table is gone: one changed row looks
        // through the few workers itself.
        if let Some(i) = self.workers.iter().position(|w| &**w == login) {
            return index32(i);
        }
        let i = index32(self.workers.len());
        self.workers.push(login.into());
        self.worker_index.insert(login.into(), i);
        i
    }
}

/// A row borrowed as an entry.
fn entry_of(row: &FamilyRow) -> FamilyEntry<'_> {
    FamilyEntry {
        id: row.id,
        reference: &row.reference,
        name: &row.name,
        closed: row.closed,
        closed_on: row.closed_on,
        worker: row.worker.as_deref(),
        cp: row.cp,
        cin: row.cin,
        lac: row.lac,
        drafts: row.drafts,
        overdue: row.overdue,
    }
}

/// A text value's length as a u32: SQLite holds no longer text (see
/// [`Packed::reference_len`]); a longer one made elsewhere would show cut
/// short or empty in the list (`entry` reads with `get`), never panic or
/// change the file.
fn len32(s: &str) -> u32 {
    u32::try_from(s.len()).unwrap_or(u32::MAX)
}

/// A worker's index: a file has far fewer than 4 billion logins.
fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX - 1)
}

impl From<Vec<FamilyRow>> for FamilyList {
    fn from(rows: Vec<FamilyRow>) -> FamilyList {
        rows.iter().collect()
    }
}

impl<'a> FromIterator<&'a FamilyRow> for FamilyList {
    fn from_iter<I: IntoIterator<Item = &'a FamilyRow>>(rows: I) -> FamilyList {
        let mut list = FamilyList::new();
        for r in rows {
            list.push(r);
        }
        list.finish();
        list
    }
}

impl FromIterator<FamilyRow> for FamilyList {
    fn from_iter<I: IntoIterator<Item = FamilyRow>>(rows: I) -> FamilyList {
        let mut list = FamilyList::new();
        for r in rows {
            list.push(&r);
        }
        list.finish();
        list
    }
}

#[cfg(test)]
impl FamilyRow {
    /// An open family with no worker, flag or draft, for tests.
    pub(crate) fn example(id: i64, reference: &str, name: &str) -> FamilyRow {
        FamilyRow {
            id: FamilyId(id),
            reference: reference.into(),
            name: name.into(),
            closed: false,
            closed_on: None,
            worker: None,
            cp: false,
            cin: false,
            lac: false,
            drafts: 0,
            overdue: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, reference: &str, name: &str, worker: Option<&str>) -> FamilyRow {
        FamilyRow {
            worker: worker.map(Into::into),
            ..FamilyRow::example(id, reference, name)
        }
    }

    #[test]
    fn rows_come_back_as_they_went_in() {
        let mut a = row(1, "FX-0001", "Example family", Some("worker.a"));
        a.cp = true;
        a.lac = true;
        a.drafts = 3;
        a.overdue = Some(2);
        let mut b = row(2, "FX-0002", "Sample household ÿ", None);
        b.closed = true;
        b.closed_on = NaiveDate::from_ymd_opt(2026, 11, 30);
        b.cin = true;
        let c = row(3, "", "", Some("worker.a"));
        let rows = vec![a, b, c];
        let list: FamilyList = rows.iter().collect();
        assert_eq!(list.len(), 3);
        let back: Vec<FamilyRow> = list.iter().map(|e| e.to_row()).collect();
        assert_eq!(back, rows);
        assert_eq!(list.workers.len(), 1, "one worker kept once");
        for (e, r) in list.iter().zip(&rows) {
            assert_eq!(e.flags(), r.flags());
        }
    }

    #[test]
    fn every_combination_of_flags_reads_as_the_row_says() {
        for bits in 0..8u8 {
            let mut r = row(1, "FX-1", "Example", None);
            r.cp = bits & 1 != 0;
            r.cin = bits & 2 != 0;
            r.lac = bits & 4 != 0;
            let list: FamilyList = std::iter::once(&r).collect();
            assert_eq!(list.get(0).map(|e| e.flags()), Some(r.flags().as_str()));
        }
    }

    #[test]
    fn a_replaced_row_keeps_its_place_and_the_others_their_text() {
        let mut list: FamilyList = [
            row(1, "FX-0001", "Example family", Some("worker.a")),
            row(2, "FX-0002", "Sample household", Some("worker.b")),
        ]
        .iter()
        .collect();
        let new = row(1, "FX-0101", "Example family renamed", Some("worker.c"));
        list.replace(0, &new);
        list.set_overdue(1, Some(4));
        assert_eq!(list.get(0).map(|e| e.to_row()), Some(new));
        let second = list.get(1).expect("two rows");
        assert_eq!(
            (second.reference, second.name, second.worker, second.overdue),
            ("FX-0002", "Sample household", Some("worker.b"), Some(4))
        );
        assert_eq!(list.position(FamilyId(2)), Some(1));
        assert_eq!(list.hay(1), "FX-0002 Sample household");
        assert_eq!(list.hay(0), "FX-0101 Example family renamed");
        assert_eq!(list.hay(2), "");
        assert_eq!(list.get(2), None);
    }

    #[test]
    fn a_family_costs_far_less_than_a_row() {
        // The fixed part: what every one of 50,000 families costs beyond
        // its text (a FamilyRow is over 100 bytes before its three strings).
        assert!(std::mem::size_of::<Packed>() <= 48);
    }
}
