//! One audit row per editing session of a draft instead of one per
//! autosave (issue 16), so the log is readable and small. The first save of
//! a session writes the audit row (chained like every other, `chain.rs`);
//! further saves by the same person, with nobody else saving in between and
//! at most [`SESSION_GAP`] after the last, only move the session's
//! "last saved" time and count. Who saved what is never lost: a save by
//! someone else, or after a pause, starts a session (and an audit row) of
//! its own.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::ids::{FamilyId, RecordId};
use super::open::Tx;
use super::text::parse_instant;
use chrono::TimeDelta;
use rusqlite::{OptionalExtension, params};

/// The longest pause between two saves of one session.
pub const SESSION_GAP: TimeDelta = TimeDelta::minutes(30);

impl Tx<'_> {
    /// Notes a save of draft `record`: a new session with its audit row, or
    /// one more save of the session this person is in.
    pub(crate) fn audit_draft_save(
        &self,
        family: FamilyId,
        record: RecordId,
    ) -> Result<(), StoreError> {
        let last: Option<(i64, String, String)> = self
            .tx
            .prepare_cached(
                "SELECT audit_id, who, last_saved_at FROM edit_session
                 WHERE record_id = ?1 ORDER BY audit_id DESC LIMIT 1",
            )?
            .query_row([record], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let recent = |at: &str| match (parse_instant(at), parse_instant(&self.now)) {
            (Ok(then), Ok(now)) => now - then <= SESSION_GAP,
            _ => false,
        };
        if let Some((session, who, at)) = last
            && who == self.user
            && recent(&at)
        {
            self.tx
                .prepare_cached(
                    "UPDATE edit_session SET last_saved_at = ?2, saves = saves + 1
                     WHERE audit_id = ?1",
                )?
                .execute(params![session, self.now])?;
            return Ok(());
        }
        let audit = self.insert_audit(
            AuditAction::Saved,
            AuditEntity::Record,
            Some(record.0),
            Some(family),
            Some(record),
            &[],
        )?;
        self.tx
            .prepare_cached(
                "INSERT INTO edit_session (audit_id, record_id, who, last_saved_at, saves)
                 VALUES (?1, ?2, ?3, ?4, 1)",
            )?
            .execute(params![audit, record, self.user, self.now])?;
        Ok(())
    }
}
