//! Addenda: later corrections or additions to a finalised record, each with
//! its own author and time, shown beside the original, which never changes
//! (seed 001 §3: original and new content, each dated).

use super::audit::{AuditAction, AuditEntity};
use super::chain::{self, ChainKind};
use super::error::StoreError;
use super::ids::{AddendumId, FamilyId, RecordId};
use super::open::Store;
use super::records::{RecordStatus, status_from_row};
use super::text::get_instant;
use crate::user::UserLogin;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// One addendum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addendum {
    /// Its id.
    pub id: AddendumId,
    /// The record it belongs to.
    pub record: RecordId,
    /// Login name of who wrote it.
    pub author: UserLogin,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// What it says.
    pub text: String,
}

impl Store {
    /// Adds an addendum to a finalised record, written by this store's user
    /// now. A draft is refused: change the draft itself.
    pub fn add_addendum(&mut self, record: RecordId, text: &str) -> Result<AddendumId, StoreError> {
        if text.trim().is_empty() {
            return Err(StoreError::Invalid("An addendum needs some text."));
        }
        self.write(|tx| {
            tx.require_writer()?;
            let (family, status): (FamilyId, RecordStatus) = tx
                .tx
                .prepare_cached("SELECT family_id, status FROM record WHERE id = ?1")?
                .query_row([record], |r| Ok((r.get(0)?, status_from_row(r, 1)?)))
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "record",
                    id: record.0,
                })?;
            if status != RecordStatus::Finalised {
                return Err(StoreError::NotFinalised { record });
            }
            tx.tx
                .prepare_cached(
                    "INSERT INTO addendum (record_id, author, created_at, text)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![record, tx.user, tx.now, text])?;
            let id = AddendumId(tx.tx.last_insert_rowid());
            chain::link(&tx.tx, ChainKind::Addendum, id.0)?;
            // The autosaved text it was written from has done its work.
            tx.tx
                .prepare_cached("DELETE FROM addendum_draft WHERE record_id = ?1 AND author = ?2")?
                .execute(params![record, tx.user])?;
            tx.audit(
                AuditAction::Amended,
                AuditEntity::Addendum,
                Some(id.0),
                Some(family),
                Some(record),
            )?;
            Ok(id)
        })
    }

    /// Autosaves the addendum this store's user is writing to a finalised
    /// record; empty text removes it.
    pub fn save_addendum_draft(&mut self, record: RecordId, text: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.require_writer()?;
            let family: FamilyId = tx
                .tx
                .prepare_cached("SELECT family_id FROM record WHERE id = ?1")?
                .query_row([record], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "record",
                    id: record.0,
                })?;
            if text.trim().is_empty() {
                tx.tx
                    .prepare_cached(
                        "DELETE FROM addendum_draft WHERE record_id = ?1 AND author = ?2",
                    )?
                    .execute(params![record, tx.user])?;
                return Ok(());
            }
            tx.tx
                .prepare_cached(
                    "INSERT INTO addendum_draft (record_id, author, text, updated_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (record_id, author)
                     DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                )?
                .execute(params![record, tx.user, text, tx.now])?;
            tx.audit(
                AuditAction::Saved,
                AuditEntity::Addendum,
                None,
                Some(family),
                Some(record),
            )
        })
    }

    /// The addendum this store's user was writing to `record`, if any.
    pub fn addendum_draft(&self, record: RecordId) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT text FROM addendum_draft WHERE record_id = ?1 AND author = ?2")?
            .query_row(params![record, self.user().as_str()], |r| r.get(0))
            .optional()?)
    }

    /// The addenda of a record, oldest first.
    pub fn addenda(&self, record: RecordId) -> Result<Vec<Addendum>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, record_id, author, created_at, text FROM addendum
             WHERE record_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([record], |r| {
            Ok(Addendum {
                id: r.get(0)?,
                record: r.get(1)?,
                author: UserLogin::from_file(r.get(2)?),
                created_at: get_instant(r, 3)?,
                text: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Addenda that someone else added to this user's own finalised
    /// records since the user last opened each record (the audit log's
    /// "opened" rows say when), newest first, at most `limit`: the
    /// comments a manager left that the worker has not read yet.
    pub fn unread_comments(&self, limit: u32) -> Result<Vec<UnreadComment>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.record_id, r.family_id, r.form_id, a.author, a.created_at
             FROM addendum a JOIN record r ON r.id = a.record_id
             WHERE r.author = ?1 AND a.author <> ?1
               AND a.created_at > COALESCE(
                   (SELECT max(l.at) FROM audit l
                    WHERE l.record_id = a.record_id AND l.who = ?1 AND l.action = 'opened'),
                   '')
             ORDER BY a.created_at DESC, a.id DESC
             LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![self.user().as_str(), limit], |r| {
            Ok(UnreadComment {
                record: r.get(0)?,
                family: r.get(1)?,
                form_id: r.get(2)?,
                author: UserLogin::from_file(r.get(3)?),
                created_at: get_instant(r, 4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// An addendum someone else added to one of the user's records, not yet
/// read by them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadComment {
    /// The record commented on.
    pub record: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// Its form.
    pub form_id: String,
    /// Who added the comment.
    pub author: UserLogin,
    /// When.
    pub created_at: DateTime<Utc>,
}
