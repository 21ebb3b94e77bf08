//! Records: creating a draft, reading one back, listing a family's records,
//! and keeping the exact form text each record was written with.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::ids::{FamilyId, RecordId};
use super::open::{Store, Tx};
use super::rows::{require_children_of, require_family};
use super::text::{date_text, get_date, get_instant, get_opt_instant, unknown_word};
use crate::form::Form;
use crate::record::{Answers, ChildId};
use crate::user::UserLogin;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// A draft or a finalised record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordStatus {
    /// Still being written; may change.
    Draft,
    /// Signed off by its author; never changes again.
    Finalised,
}

impl RecordStatus {
    /// The word stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordStatus::Draft => "draft",
            RecordStatus::Finalised => "finalised",
        }
    }

    fn from_word(s: &str) -> Option<RecordStatus> {
        match s {
            "draft" => Some(RecordStatus::Draft),
            "finalised" => Some(RecordStatus::Finalised),
            _ => None,
        }
    }
}

/// What the writer of a record controls: saved as a whole by
/// [`Store::save_draft`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordDraft {
    /// The date of the event recorded, not of typing (seed 003 §4).
    pub event_date: NaiveDate,
    /// Marked as a significant event (for the chronology).
    pub significant: bool,
    /// The children the record is about, all of its family.
    pub children: Vec<ChildId>,
    /// The answers.
    pub answers: Answers,
}

/// A stored record, answers included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its id.
    pub id: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// The form it was written with.
    pub form_id: String,
    /// That form's version.
    pub form_version: u32,
    /// Draft or finalised.
    pub status: RecordStatus,
    /// Login name of who created it.
    pub author: UserLogin,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// When it was finalised.
    pub finalised_at: Option<DateTime<Utc>>,
    /// Login name of who finalised it.
    pub finalised_by: Option<UserLogin>,
    /// Counts saves; pass it back to [`Store::save_draft`].
    pub revision: i64,
    /// The date of the event recorded.
    pub event_date: NaiveDate,
    /// Marked as a significant event.
    pub significant: bool,
    /// The children it is about, by id.
    pub children: Vec<ChildId>,
    /// The answers.
    pub answers: Answers,
}

impl Record {
    /// The part of the record its writer controls, to edit and save back.
    pub fn to_draft(&self) -> RecordDraft {
        RecordDraft {
            event_date: self.event_date,
            significant: self.significant,
            children: self.children.clone(),
            answers: self.answers.clone(),
        }
    }
}

/// A record without its answers, for lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordSummary {
    /// Its id.
    pub id: RecordId,
    /// Its family.
    pub family: FamilyId,
    /// The form it was written with.
    pub form_id: String,
    /// That form's version.
    pub form_version: u32,
    /// The date of the event recorded.
    pub event_date: NaiveDate,
    /// Draft or finalised.
    pub status: RecordStatus,
    /// Login name of who created it.
    pub author: UserLogin,
    /// Counts saves.
    pub revision: i64,
    /// Marked as a significant event.
    pub significant: bool,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// When it was finalised.
    pub finalised_at: Option<DateTime<Utc>>,
    /// The children it is about.
    pub children: Vec<ChildId>,
}

pub(crate) fn status_from_row(row: &Row<'_>, idx: usize) -> rusqlite::Result<RecordStatus> {
    let s: String = row.get(idx)?;
    RecordStatus::from_word(&s).ok_or_else(|| unknown_word(idx))
}

/// Children ids as SQLite's `group_concat` writes them.
fn parse_children(text: Option<String>) -> Vec<ChildId> {
    let mut out: Vec<ChildId> = text
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .map(ChildId)
        .collect();
    out.sort();
    out
}

/// The children of a draft, sorted and without repeats.
pub(crate) fn tidy_children(children: &[ChildId]) -> Vec<ChildId> {
    let mut c = children.to_vec();
    c.sort();
    c.dedup();
    c
}

/// Makes the record's children exactly `children`.
pub(crate) fn set_children(
    conn: &Connection,
    record: RecordId,
    children: &[ChildId],
) -> Result<(), StoreError> {
    let now = record_children(conn, record)?;
    if now == children {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM record_child WHERE record_id = ?1")?
        .execute([record])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO record_child (record_id, child_id) VALUES (?1, ?2)")?;
    for c in children {
        insert.execute(params![record, c.0])?;
    }
    Ok(())
}

pub(crate) fn record_children(
    conn: &Connection,
    record: RecordId,
) -> Result<Vec<ChildId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT child_id FROM record_child WHERE record_id = ?1 ORDER BY child_id",
    )?;
    let rows = stmt.query_map([record], |r| Ok(ChildId(r.get(0)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Reads a whole record inside the caller's transaction.
pub(crate) fn load(conn: &Connection, id: RecordId) -> Result<Record, StoreError> {
    let found = conn
        .prepare_cached(
            "SELECT id, family_id, form_id, form_version, status, author, created_at,
                updated_at, finalised_at, finalised_by, revision, event_date, significant, answers
             FROM record WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((
                Record {
                    id: row.get(0)?,
                    family: row.get(1)?,
                    form_id: row.get(2)?,
                    form_version: row.get(3)?,
                    status: status_from_row(row, 4)?,
                    author: UserLogin::from_file(row.get(5)?),
                    created_at: get_instant(row, 6)?,
                    updated_at: get_instant(row, 7)?,
                    finalised_at: get_opt_instant(row, 8)?,
                    finalised_by: row.get::<_, Option<String>>(9)?.map(UserLogin::from_file),
                    revision: row.get(10)?,
                    event_date: get_date(row, 11)?,
                    significant: row.get(12)?,
                    children: Vec::new(),
                    answers: Answers::new(),
                },
                row.get::<_, String>(13)?,
            ))
        })
        .optional()?;
    let (mut record, json) = found.ok_or(StoreError::NotFound {
        what: "record",
        id: id.0,
    })?;
    record.answers =
        Answers::from_json(&json).map_err(|_| StoreError::UnreadableAnswers { record: id })?;
    record.children = record_children(conn, id)?;
    Ok(record)
}

/// Keeps the form's text under its id and version, refusing a different
/// text under the same pair: an old record must always be shown with the
/// form it was really written with.
pub(crate) fn keep_form_definition(tx: &Tx<'_>, form: &Form) -> Result<(), StoreError> {
    let stored: Option<String> = tx
        .tx
        .prepare_cached("SELECT toml FROM form_definition WHERE form_id = ?1 AND version = ?2")?
        .query_row(params![form.id, form.version], |r| r.get(0))
        .optional()?;
    match stored {
        Some(text) if text == form.toml => Ok(()),
        Some(_) => Err(StoreError::FormVersionClash {
            form_id: form.id.clone(),
            version: form.version,
        }),
        None => {
            tx.tx
                .prepare_cached(
                    "INSERT INTO form_definition (form_id, version, toml, stored_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![form.id, form.version, form.toml, tx.now])?;
            Ok(())
        }
    }
}

/// Inserts a draft and its children; the form's definition must be kept
/// already.
pub(crate) fn insert_draft(
    tx: &Tx<'_>,
    family: FamilyId,
    form_id: &str,
    form_version: u32,
    draft: &RecordDraft,
) -> Result<RecordId, StoreError> {
    require_family(&tx.tx, family)?;
    let children = tidy_children(&draft.children);
    require_children_of(&tx.tx, family, &children)?;
    tx.tx
        .prepare_cached(
            "INSERT INTO record (family_id, form_id, form_version, event_date, status, author,
                created_at, updated_at, significant, answers, revision)
             VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?6, ?7, ?8, 1)",
        )?
        .execute(params![
            family,
            form_id,
            form_version,
            date_text(draft.event_date),
            tx.user,
            tx.now,
            draft.significant,
            draft.answers.to_json()
        ])?;
    let id = RecordId(tx.tx.last_insert_rowid());
    set_children(&tx.tx, id, &children)?;
    tx.audit(
        AuditAction::Created,
        AuditEntity::Record,
        Some(id.0),
        Some(family),
        Some(id),
    )?;
    Ok(id)
}

impl Store {
    /// Creates a draft record of `form` for a family, authored by this
    /// store's user, and keeps the form's text if this (id, version) is new.
    pub fn create_record(
        &mut self,
        family: FamilyId,
        form: &Form,
        draft: &RecordDraft,
    ) -> Result<RecordId, StoreError> {
        if form.supervisors_only && !self.my_role()?.oversees() {
            return Err(StoreError::SupervisorsOnly {
                form: form.title.clone(),
            });
        }
        if draft.significant && !form.can_be_significant {
            return Err(StoreError::Invalid(
                "A record of this form cannot be marked as a significant event.",
            ));
        }
        self.write(|tx| {
            tx.require_writer()?;
            keep_form_definition(tx, form)?;
            insert_draft(tx, family, &form.id, form.version, draft)
        })
    }

    /// One record with its answers.
    pub fn record(&self, id: RecordId) -> Result<Record, StoreError> {
        self.read(|conn| load(conn, id))
    }

    /// A family's records without their answers, latest event first.
    pub fn list_records(&self, family: FamilyId) -> Result<Vec<RecordSummary>, StoreError> {
        self.read(|conn| {
            require_family(conn, family)?;
            let mut stmt = conn.prepare_cached(
                "SELECT r.id, r.family_id, r.form_id, r.form_version, r.event_date, r.status,
                    r.author, r.revision, r.significant, r.updated_at, r.finalised_at,
                    (SELECT group_concat(child_id) FROM record_child rc WHERE rc.record_id = r.id)
                 FROM record r WHERE r.family_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id)
                 ORDER BY r.event_date DESC, r.id DESC",
            )?;
            let rows = stmt.query_map([family], |row| {
                Ok(RecordSummary {
                    id: row.get(0)?,
                    family: row.get(1)?,
                    form_id: row.get(2)?,
                    form_version: row.get(3)?,
                    event_date: get_date(row, 4)?,
                    status: status_from_row(row, 5)?,
                    author: UserLogin::from_file(row.get(6)?),
                    revision: row.get(7)?,
                    significant: row.get(8)?,
                    updated_at: get_instant(row, 9)?,
                    finalised_at: get_opt_instant(row, 10)?,
                    children: parse_children(row.get(11)?),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// The exact TOML text of a form version some record was written with.
    pub fn form_definition(
        &self,
        form_id: &str,
        version: u32,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT toml FROM form_definition WHERE form_id = ?1 AND version = ?2")?
            .query_row(params![form_id, version], |r| r.get(0))
            .optional()?)
    }
}
