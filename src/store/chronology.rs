//! The chronology: significant events in a family's history in date order,
//! in the format seed 003 §6 asks for (date, what happened, who has been
//! affected and how) with the source of the information.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::ids::{ChronologyId, FamilyId, RecordId};
use super::open::Store;
use super::rows::{require_children_of, require_family};
use super::text::{date_text, get_date, get_instant};
use crate::record::ChildId;
use crate::user::UserLogin;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

/// What a practitioner enters for one chronology entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewChronologyEntry {
    /// The family.
    pub family: FamilyId,
    /// The child it is about, or `None` for the whole family.
    pub child: Option<ChildId>,
    /// When it happened.
    pub date: NaiveDate,
    /// What happened.
    pub what_happened: String,
    /// Who has been affected and how.
    pub impact: String,
    /// Where the information came from.
    pub source: String,
    /// The record it came from, if any (of the same family).
    pub record: Option<RecordId>,
}

/// A stored chronology entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChronologyEntry {
    /// Its id.
    pub id: ChronologyId,
    /// What was entered.
    pub entry: NewChronologyEntry,
    /// Login name of who entered it.
    pub author: UserLogin,
    /// When it was entered.
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, family_id, child_id, event_date, what_happened, impact, source, \
    record_id, author, created_at";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<ChronologyEntry> {
    Ok(ChronologyEntry {
        id: r.get(0)?,
        entry: NewChronologyEntry {
            family: r.get(1)?,
            child: r.get::<_, Option<i64>>(2)?.map(ChildId),
            date: get_date(r, 3)?,
            what_happened: r.get(4)?,
            impact: r.get(5)?,
            source: r.get(6)?,
            record: r.get(7)?,
        },
        author: UserLogin::from_file(r.get(8)?),
        created_at: get_instant(r, 9)?,
    })
}

impl Store {
    /// Adds a chronology entry, written by this store's user now.
    pub fn add_chronology_entry(
        &mut self,
        entry: &NewChronologyEntry,
    ) -> Result<ChronologyId, StoreError> {
        if entry.what_happened.trim().is_empty() {
            return Err(StoreError::Invalid(
                "A chronology entry needs to say what happened.",
            ));
        }
        self.write(|tx| {
            tx.require_writer()?;
            require_family(&tx.tx, entry.family)?;
            if let Some(c) = entry.child {
                require_children_of(&tx.tx, entry.family, &[c])?;
            }
            if let Some(r) = entry.record {
                let of: Option<FamilyId> = tx
                    .tx
                    .prepare_cached("SELECT family_id FROM record WHERE id = ?1")?
                    .query_row([r], |row| row.get(0))
                    .optional()?;
                if of != Some(entry.family) {
                    return Err(StoreError::Invalid(
                        "A chronology entry can only come from a record of the same family.",
                    ));
                }
            }
            tx.tx
                .prepare_cached(
                    "INSERT INTO chronology (family_id, child_id, event_date, what_happened,
                        impact, source, author, created_at, record_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    entry.family,
                    entry.child.map(|c| c.0),
                    date_text(entry.date),
                    entry.what_happened,
                    entry.impact,
                    entry.source,
                    tx.user,
                    tx.now,
                    entry.record
                ])?;
            let id = ChronologyId(tx.tx.last_insert_rowid());
            tx.audit(
                AuditAction::Created,
                AuditEntity::Chronology,
                Some(id.0),
                Some(entry.family),
                entry.record,
            )?;
            Ok(id)
        })
    }

    /// A family's chronology, in date order (entries of one date in the
    /// order they were entered).
    pub fn chronology(&self, family: FamilyId) -> Result<Vec<ChronologyEntry>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM chronology WHERE family_id = ?1 ORDER BY event_date, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([family], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One child's chronology, in date order: the entries about the child
    /// and the entries about the whole family, which affect every child in
    /// it (seed 003 §6: in a sibling group each child must be evident).
    pub fn child_chronology(&self, child: ChildId) -> Result<Vec<ChronologyEntry>, StoreError> {
        let family = self.child(child)?.family;
        let sql = format!(
            "SELECT {COLUMNS} FROM chronology
             WHERE family_id = ?1 AND (child_id = ?2 OR child_id IS NULL)
             ORDER BY event_date, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![family, child.0], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
