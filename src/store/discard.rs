//! Discarding a draft: its author (or a supervisor) throws it away. The
//! record row stays, because audit rows name it, but its answers and the
//! children it was about are emptied and a `discarded_draft` row says who
//! discarded it and when; from then on the draft is in no list, count or
//! due date, and cannot be saved again. The audit log keeps that it
//! existed (a `saved` row with the detail `discarded`), never its text. A
//! finalised record can never be discarded (seed 001 §3: corrections are
//! addenda).

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::ids::{FamilyId, RecordId};
use super::open::{Store, Tx};
use super::records::{RecordStatus, status_from_row};
use super::text::get_date;
use super::users::user_is_supervisor;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// What is left to say about a discarded draft: enough for a confirmation
/// and the log, nothing of what it said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscardedDraft {
    /// The record.
    pub record: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// The form it was written with.
    pub form_id: String,
    /// The date of the event it was about.
    pub event_date: NaiveDate,
}

/// Whether `id` has been discarded, read in any connection or transaction.
pub(crate) fn is_discarded(conn: &rusqlite::Connection, id: RecordId) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM discarded_draft WHERE record_id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    /// Discards draft `id`. Refused, with nothing written, when it is
    /// finalised, already discarded, or neither this user's own nor this
    /// user a supervisor.
    pub fn discard_draft(&mut self, id: RecordId) -> Result<DiscardedDraft, StoreError> {
        self.write(|tx| discard_in(tx, id))
    }

    /// Whether draft `id` has been discarded.
    pub fn is_discarded(&self, id: RecordId) -> Result<bool, StoreError> {
        self.read(|conn| is_discarded(conn, id))
    }
}

fn discard_in(tx: &Tx<'_>, id: RecordId) -> Result<DiscardedDraft, StoreError> {
    let row = tx
        .tx
        .prepare_cached(
            "SELECT family_id, form_id, event_date, status, author FROM record WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, FamilyId>(0)?,
                r.get::<_, String>(1)?,
                get_date(r, 2)?,
                status_from_row(r, 3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "record",
            id: id.0,
        })?;
    let (family, form_id, event_date, status, author) = row;
    if status == RecordStatus::Finalised {
        return Err(StoreError::Finalised { record: id });
    }
    if is_discarded(&tx.tx, id)? {
        return Err(StoreError::Discarded { record: id });
    }
    if author != tx.user && !user_is_supervisor(&tx.tx, tx.user)? {
        return Err(StoreError::NotYourDraft { record: id });
    }
    // The text goes (the search index follows through its trigger); the
    // revision moves on, so a save made against the old one is refused.
    tx.tx
        .prepare_cached(
            "UPDATE record SET answers = ?3, updated_at = ?2, revision = revision + 1
             WHERE id = ?1 AND status = 'draft'",
        )?
        .execute(params![id, tx.now, crate::record::Answers::new().to_json()])?;
    tx.tx
        .prepare_cached("DELETE FROM record_child WHERE record_id = ?1")?
        .execute([id])?;
    tx.tx
        .prepare_cached("DELETE FROM presence WHERE record_id = ?1")?
        .execute([id])?;
    tx.tx
        .prepare_cached("INSERT INTO discarded_draft (record_id, who, at) VALUES (?1, ?2, ?3)")?
        .execute(params![id, tx.user, tx.now])?;
    tx.audit_fields(
        AuditAction::Saved,
        AuditEntity::Record,
        Some(id.0),
        Some(family),
        Some(id),
        &["discarded"],
    )?;
    Ok(DiscardedDraft {
        record: id,
        family,
        form_id,
        event_date,
    })
}
