//! Who has a draft open right now, and drafts that two people saved at
//! once (schema version 6). Names and times only: never any text.

use super::error::StoreError;
use super::ids::RecordId;
use super::open::Store;
use super::text::get_instant;
use crate::user::UserLogin;
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

/// How long a presence row counts after it was last refreshed: a little
/// over twice the refresh interval the interface uses, so one late refresh
/// does not make someone vanish.
pub const PRESENCE_FRESH: Duration = Duration::seconds(75);

/// Someone else's text that became a new draft because this draft had
/// been saved by another person first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fork {
    /// The new draft holding their text.
    pub copy: RecordId,
    /// Whose text it is.
    pub who: String,
    /// When it was made.
    pub at: DateTime<Utc>,
}

impl Store {
    /// Notes that this user has `record` open now (or refreshes the note).
    pub fn mark_here(&mut self, record: RecordId) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.tx
                .prepare_cached(
                    "INSERT INTO presence (record_id, who, since, seen_at) VALUES (?1, ?2, ?3, ?3)
                 ON CONFLICT (record_id, who) DO UPDATE SET seen_at = excluded.seen_at",
                )?
                .execute(params![record, tx.user, tx.now])?;
            Ok(())
        })
    }

    /// Notes that this user has left `record`.
    pub fn mark_gone(&mut self, record: RecordId) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.tx
                .prepare_cached("DELETE FROM presence WHERE record_id = ?1 AND who = ?2")?
                .execute(params![record, tx.user])?;
            Ok(())
        })
    }

    /// Who else has `record` open now, by login, in the order they came.
    pub fn others_here(&self, record: RecordId) -> Result<Vec<UserLogin>, StoreError> {
        let fresh = super::text::instant_text(self.now() - PRESENCE_FRESH);
        let mut stmt = self.conn.prepare_cached(
            "SELECT who FROM presence
             WHERE record_id = ?1 AND who <> ?2 AND seen_at >= ?3
             ORDER BY since, who",
        )?;
        let rows = stmt.query_map(params![record, self.user().as_str(), fresh], |r| {
            r.get(0).map(UserLogin::from_file)
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Drafts made from `record` because someone saved it after another
    /// person had, oldest first.
    pub fn forks_of(&self, record: RecordId) -> Result<Vec<Fork>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT copy, who, at FROM draft_fork WHERE original = ?1 ORDER BY at, copy",
        )?;
        let rows = stmt.query_map([record], |r| {
            Ok(Fork {
                copy: r.get(0)?,
                who: r.get(1)?,
                at: get_instant(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
