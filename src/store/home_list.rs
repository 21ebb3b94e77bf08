//! The home screen's whole list, streamed: every family by name with its
//! number of drafts, handed over one at a time and borrowed from the row
//! being read, so that 50,000 families are never held twice (once as the
//! store's rows, once as the screen's) and no string is made for a family
//! only to be copied into the screen's list; with nothing the screen does
//! not show (issue 12: `list_families` also counts children and finds the
//! latest record, two more look-ups a family, and every `Family` parses
//! two instants the list never shows). Once read, the page cache the scan
//! filled is given back.

use super::error::StoreError;
use super::families::CaseStatus;
use super::open::Store;
use super::text::unknown_word;
use crate::record::FamilyId;
use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

/// One family as the home screen's list reads it, borrowed from the row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListedFamily<'a> {
    /// The store's id.
    pub id: FamilyId,
    /// The council's case reference.
    pub reference: &'a str,
    /// The family's name.
    pub name: &'a str,
    /// Active, or closed on a date.
    pub status: CaseStatus,
    /// A child protection plan is in place.
    pub child_protection_plan: bool,
    /// The family is supported as child in need.
    pub child_in_need: bool,
    /// A child is looked after.
    pub looked_after: bool,
    /// Login name of the allocated worker, if any.
    pub allocated_worker: Option<&'a str>,
    /// How many of its records are drafts.
    pub drafts: u32,
}

impl Store {
    /// Calls `each` with every family, by name then reference, and how many
    /// of its records are drafts (a look-up in `record_family_drafts`).
    pub fn for_each_family_by_name(
        &self,
        mut each: impl FnMut(&ListedFamily<'_>),
    ) -> Result<(), StoreError> {
        const SQL: &str = "SELECT f.id, f.reference, f.name, f.status, f.closed_on,
                f.child_protection_plan, f.child_in_need, f.looked_after, f.allocated_worker,
                (SELECT count(*) FROM record r WHERE r.family_id = f.id AND r.status = 'draft'
                   AND NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id))
             FROM family f ORDER BY f.name, f.reference";
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(SQL)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                each(&listed(row)?);
            }
            Ok(())
        })?;
        // The pages the whole table passed through are of no use to what
        // comes next (one family's screen): SQLite gives them back (up to
        // 2 MB of its page cache; issue 12, memory). Only memory: a list
        // that was read is not failed for it.
        let _ = self.conn.execute_batch("PRAGMA shrink_memory");
        Ok(())
    }
}

/// The row's family, its text borrowed.
fn listed<'r>(row: &'r Row<'_>) -> rusqlite::Result<ListedFamily<'r>> {
    let status = match (text(row, 3)?, text_opt(row, 4)?) {
        ("active", None) => CaseStatus::Active,
        ("closed", Some(d)) => {
            CaseStatus::Closed(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(4, Type::Text, Box::new(e))
            })?)
        }
        _ => return Err(unknown_word(3)),
    };
    Ok(ListedFamily {
        id: row.get(0)?,
        reference: text(row, 1)?,
        name: text(row, 2)?,
        status,
        child_protection_plan: row.get(5)?,
        child_in_need: row.get(6)?,
        looked_after: row.get(7)?,
        allocated_worker: text_opt(row, 8)?,
        drafts: row.get(9)?,
    })
}

/// Column `idx` as text, borrowed from the row.
fn text<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(idx)?.as_str().map_err(|e| conversion(idx, e))
}

/// Column `idx` as text or NULL, borrowed from the row.
fn text_opt<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<Option<&'r str>> {
    row.get_ref(idx)?
        .as_str_or_null()
        .map_err(|e| conversion(idx, e))
}

fn conversion(idx: usize, e: FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}
