//! Changing a record: saving a draft against the revision it was based on,
//! finalising it, and keeping the user's text as a new draft after a
//! conflict. A save never overwrites someone else's: if the stored revision
//! is not the one the caller started from, nothing is written and
//! [`StoreError::Conflict`] names the record and both revisions; the caller
//! still holds its own text.

use super::actions::register_record;
use super::audit::{AuditAction, AuditEntity};
use super::chain::{self, ChainKind};
use super::error::{Conflict, StoreError};
use super::ids::{FamilyId, RecordId};
use super::open::{Store, Tx};
use super::records::{
    Record, RecordDraft, RecordStatus, insert_draft, load, record_children, set_children,
    status_from_row, tidy_children,
};
use super::rows::require_children_of;
use super::text::date_text;
use super::users::user_is_supervisor;
use crate::form::Form;
use crate::record::{check, parse_date};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// The stored facts a save is checked against.
struct Current {
    family: FamilyId,
    status: RecordStatus,
    revision: i64,
    author: String,
    form_id: String,
    form_version: u32,
}

/// As [`current`], refusing a discarded draft first: a save against it is
/// told so, not taken for a conflict.
fn current_live(tx: &Tx<'_>, id: RecordId) -> Result<Current, StoreError> {
    if super::discard::is_discarded(&tx.tx, id)? {
        return Err(StoreError::Discarded { record: id });
    }
    current(tx, id)
}

fn current(tx: &Tx<'_>, id: RecordId) -> Result<Current, StoreError> {
    tx.tx
        .prepare_cached(
            "SELECT family_id, status, revision, author, form_id, form_version
             FROM record WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Current {
                family: r.get(0)?,
                status: status_from_row(r, 1)?,
                revision: r.get(2)?,
                author: r.get(3)?,
                form_id: r.get(4)?,
                form_version: r.get(5)?,
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "record",
            id: id.0,
        })
}

/// Refuses a finalised record, then a revision that moved on.
fn check_unchanged(id: RecordId, now: &Current, expected_revision: i64) -> Result<(), StoreError> {
    if now.status == RecordStatus::Finalised {
        return Err(StoreError::Finalised { record: id });
    }
    if now.revision != expected_revision {
        return Err(StoreError::Conflict(Conflict {
            record: id,
            expected_revision,
            stored_revision: now.revision,
        }));
    }
    Ok(())
}

impl Store {
    /// Saves a draft that was loaded (or last saved) at `expected_revision`,
    /// returning the new revision. If someone saved in between, nothing is
    /// written and `StoreError::Conflict` names both revisions. Saving the
    /// same content again writes nothing and returns the same revision, so
    /// autosave costs nothing while the user is idle.
    pub fn save_draft(
        &mut self,
        id: RecordId,
        expected_revision: i64,
        draft: &RecordDraft,
    ) -> Result<i64, StoreError> {
        let children = tidy_children(&draft.children);
        let json = draft.answers.to_json();
        self.write(|tx| {
            tx.require_writer()?;
            let now = current_live(tx, id)?;
            check_unchanged(id, &now, expected_revision)?;
            require_children_of(&tx.tx, now.family, &children)?;
            let (same_answers, same_facts): (bool, bool) = tx
                .tx
                .prepare_cached(
                    "SELECT answers = ?2, event_date = ?3 AND significant = ?4
                     FROM record WHERE id = ?1",
                )?
                .query_row(
                    params![id, json, date_text(draft.event_date), draft.significant],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
            let stored_children = record_children(&tx.tx, id)?;
            if same_answers && same_facts && stored_children == children {
                return Ok(now.revision);
            }
            // Only the columns that changed: every index holding the event
            // date or the flag is rewritten when either is set, even to the
            // same value, and an autosave usually changes the answers alone
            // (issue 12, WAL bytes per save).
            let sql = if same_facts {
                "UPDATE record SET answers = ?3, updated_at = ?6, revision = revision + 1
                 WHERE id = ?1 AND revision = ?2 AND status = 'draft'
                   AND event_date = ?4 AND significant = ?5"
            } else {
                "UPDATE record SET answers = ?3, event_date = ?4, significant = ?5,
                    updated_at = ?6, revision = revision + 1
                 WHERE id = ?1 AND revision = ?2 AND status = 'draft'"
            };
            let changed = tx.tx.prepare_cached(sql)?.execute(params![
                id,
                expected_revision,
                json,
                date_text(draft.event_date),
                draft.significant,
                tx.now
            ])?;
            // The write lock is held since the check above, so the row cannot
            // have moved; this guards the invariant rather than a race.
            if changed != 1 {
                return Err(StoreError::Busy);
            }
            set_children(&tx.tx, id, &children)?;
            // One audit row per editing session, not per autosave.
            tx.audit_draft_save(now.family, id)?;
            Ok(expected_revision + 1)
        })
    }

    /// Saves `draft` and finalises the record in one step: checks the
    /// answers with [`check`] against `form` (the record's own form) and
    /// `today`, and refuses with `StoreError::Incomplete` listing what is
    /// missing. Only the author or a supervisor may finalise. When the form
    /// names an event-date field and its answer is a date, that answer
    /// becomes the record's event date. A refusal writes nothing.
    pub fn finalise(
        &mut self,
        id: RecordId,
        expected_revision: i64,
        draft: &RecordDraft,
        form: &Form,
        today: NaiveDate,
    ) -> Result<Record, StoreError> {
        let children = tidy_children(&draft.children);
        self.write(|tx| {
            tx.require_writer()?;
            let now = current_live(tx, id)?;
            check_unchanged(id, &now, expected_revision)?;
            if now.form_id != form.id || now.form_version != form.version {
                return Err(StoreError::FormMismatch {
                    form_id: now.form_id,
                    version: now.form_version,
                });
            }
            if now.author != tx.user && !user_is_supervisor(&tx.tx, tx.user)? {
                return Err(StoreError::NotAllowed { record: id });
            }
            if draft.significant && !form.can_be_significant {
                return Err(StoreError::Invalid(
                    "A record of this form cannot be marked as a significant event.",
                ));
            }
            require_children_of(&tx.tx, now.family, &children)?;
            let completeness = check(form, &draft.answers, &children, today);
            if !completeness.is_complete() {
                return Err(StoreError::Incomplete(completeness));
            }
            let event_date = form
                .event_date_field
                .as_deref()
                .and_then(|f| {
                    let (section, _) = form.field(f)?;
                    let slot = crate::record::Slot::once(&section.id, f);
                    parse_date(draft.answers.text(&slot)?)
                })
                .unwrap_or(draft.event_date);
            // Children first: the triggers forbid touching them once the
            // record is finalised.
            set_children(&tx.tx, id, &children)?;
            let changed = tx
                .tx
                .prepare_cached(
                    "UPDATE record SET answers = ?3, event_date = ?4, significant = ?5,
                        updated_at = ?6, revision = revision + 1, status = 'finalised',
                        finalised_at = ?6, finalised_by = ?7
                     WHERE id = ?1 AND revision = ?2 AND status = 'draft'",
                )?
                .execute(params![
                    id,
                    expected_revision,
                    draft.answers.to_json(),
                    date_text(event_date),
                    draft.significant,
                    tx.now,
                    tx.user
                ])?;
            // As in save_draft: the lock is held, so this guards the invariant.
            if changed != 1 {
                return Err(StoreError::Busy);
            }
            chain::link(&tx.tx, ChainKind::Record, id.0)?;
            tx.audit(
                AuditAction::Finalised,
                AuditEntity::Record,
                Some(id.0),
                Some(now.family),
                Some(id),
            )?;
            let record = load(&tx.tx, id)?;
            // The family's action register follows in the same transaction.
            register_record(tx, form, &record)?;
            Ok(record)
        })
    }

    /// After a [`StoreError::Conflict`], keeps `mine`, the caller's own
    /// draft, as a new draft of the conflicting record's family and form,
    /// authored by this store's user, beside the other person's. This is
    /// the way to keep the user's text; nothing is merged.
    pub fn create_record_from_conflict(
        &mut self,
        conflict: &Conflict,
        mine: &RecordDraft,
    ) -> Result<RecordId, StoreError> {
        self.write(|tx| {
            tx.require_writer()?;
            // Read in this transaction: family and form are fixed when a
            // record is created, so what the conflict saw still holds.
            let theirs = current(tx, conflict.record)?;
            let copy = insert_draft(
                tx,
                theirs.family,
                &theirs.form_id,
                theirs.form_version,
                mine,
            )?;
            // So that whoever saved first can be told (see `forks_of`).
            tx.tx
                .prepare_cached(
                    "INSERT INTO draft_fork (original, copy, who, at) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(rusqlite::params![conflict.record, copy, tx.user, tx.now])?;
            Ok(copy)
        })
    }
}
