//! The audit log: who did what, when, to which family or record. Rows are
//! written by each action in its own transaction (see `Tx::audit`) and can
//! never be changed or deleted (SQLite triggers). They never hold answers.

use super::chain::{self, ChainKind};
use super::error::StoreError;
use super::ids::{AuditId, FamilyId, RecordId};
use super::open::{Store, Tx};
use super::rows::{require_children_of, require_family};
use super::text::{get_instant, get_opt_instant, unknown_word};
use crate::record::ChildId;
use crate::user::UserLogin;
use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, params};

/// What was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    /// A family or record was looked at.
    Opened,
    /// Something was created.
    Created,
    /// A draft or details were saved.
    Saved,
    /// A record was finalised.
    Finalised,
    /// An addendum was added to a finalised record.
    Amended,
    /// A family or record was exported.
    Exported,
    /// The file was backed up.
    BackedUp,
}

/// What kind of thing it was done to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditEntity {
    /// A family (case).
    Family,
    /// A child.
    Child,
    /// A record.
    Record,
    /// An addendum.
    Addendum,
    /// A chronology entry.
    Chronology,
    /// A user of the program.
    User,
    /// The case file itself.
    File,
}

impl AuditAction {
    /// The word stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Opened => "opened",
            AuditAction::Created => "created",
            AuditAction::Saved => "saved",
            AuditAction::Finalised => "finalised",
            AuditAction::Amended => "amended",
            AuditAction::Exported => "exported",
            AuditAction::BackedUp => "backed_up",
        }
    }

    fn from_word(s: &str) -> Option<AuditAction> {
        use AuditAction::*;
        [
            Opened, Created, Saved, Finalised, Amended, Exported, BackedUp,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

impl AuditEntity {
    /// The word stored in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEntity::Family => "family",
            AuditEntity::Child => "child",
            AuditEntity::Record => "record",
            AuditEntity::Addendum => "addendum",
            AuditEntity::Chronology => "chronology",
            AuditEntity::User => "user",
            AuditEntity::File => "file",
        }
    }

    fn from_word(s: &str) -> Option<AuditEntity> {
        use AuditEntity::*;
        [Family, Child, Record, Addendum, Chronology, User, File]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

// Here rather than beside `Tx` in open.rs, so that opening a file knows
// nothing of the log and the log's words and its one writer stay together.
impl Tx<'_> {
    /// Writes one audit row in this transaction. There is no parameter for
    /// text: the log cannot hold answers.
    pub fn audit(
        &self,
        action: AuditAction,
        entity: AuditEntity,
        entity_id: Option<i64>,
        family: Option<FamilyId>,
        record: Option<RecordId>,
    ) -> Result<(), StoreError> {
        self.audit_fields(action, entity, entity_id, family, record, &[])
    }

    /// As [`Tx::audit`], naming the details that changed. `'static`: only
    /// names written in the code, never anything typed, can reach the log.
    pub fn audit_fields(
        &self,
        action: AuditAction,
        entity: AuditEntity,
        entity_id: Option<i64>,
        family: Option<FamilyId>,
        record: Option<RecordId>,
        fields: &[&'static str],
    ) -> Result<(), StoreError> {
        self.insert_audit(action, entity, entity_id, family, record, fields)
            .map(|_| ())
    }

    /// Writes the row and its link in the chain; returns the row's id.
    pub(crate) fn insert_audit(
        &self,
        action: AuditAction,
        entity: AuditEntity,
        entity_id: Option<i64>,
        family: Option<FamilyId>,
        record: Option<RecordId>,
        fields: &[&'static str],
    ) -> Result<i64, StoreError> {
        let fields = (!fields.is_empty()).then(|| fields.join(","));
        self.tx
            .prepare_cached(
                "INSERT INTO audit (at, who, action, entity, entity_id, family_id, record_id, fields)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                self.now,
                self.user,
                action.as_str(),
                entity.as_str(),
                entity_id,
                family,
                record,
                fields
            ])?;
        let id = self.tx.last_insert_rowid();
        // Linked in the same transaction, so no row is ever unchained.
        chain::link(&self.tx, ChainKind::Audit, id)?;
        Ok(id)
    }
}

/// One row of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// Row id; later rows have larger ids.
    pub id: AuditId,
    /// When, by the store's clock.
    pub at: DateTime<Utc>,
    /// Login name of who did it.
    pub who: UserLogin,
    /// What was done.
    pub action: AuditAction,
    /// What kind of thing it was done to.
    pub entity: AuditEntity,
    /// The id of that thing, when it has one.
    pub entity_id: Option<i64>,
    /// The family concerned, if any.
    pub family: Option<FamilyId>,
    /// The record concerned, if any.
    pub record: Option<RecordId>,
    /// Which details changed, by name (a family's allocation, status,
    /// flags...), never their values.
    pub fields: Vec<String>,
    /// For the save that began an editing session of a draft: when its
    /// last save was and how many saves it had (`sessions.rs`).
    pub session: Option<(DateTime<Utc>, u32)>,
}

/// Which audit rows to list.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Only rows about this family.
    pub family: Option<FamilyId>,
    /// Only rows about this record.
    pub record: Option<RecordId>,
    /// Only rows of this person (login name).
    pub who: Option<UserLogin>,
    /// Only rows at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// At most this many rows (newest first).
    pub limit: Option<u32>,
}

impl Store {
    /// Audit rows, newest first.
    pub fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        let mut sql = String::from(
            "SELECT id, at, who, action, entity, entity_id, family_id, record_id, fields,
                (SELECT last_saved_at FROM edit_session WHERE audit_id = audit.id),
                (SELECT saves FROM edit_session WHERE audit_id = audit.id)
             FROM audit WHERE 1",
        );
        let mut args: Vec<SqlValue> = Vec::new();
        if let Some(f) = filter.family {
            sql.push_str(" AND family_id = ?");
            args.push(SqlValue::Integer(f.0));
        }
        if let Some(r) = filter.record {
            sql.push_str(" AND record_id = ?");
            args.push(SqlValue::Integer(r.0));
        }
        if let Some(w) = &filter.who {
            sql.push_str(" AND who = ?");
            args.push(SqlValue::Text(w.to_string()));
        }
        if let Some(t) = filter.since {
            // Instants are stored as RFC 3339 text in UTC, which sorts as time.
            sql.push_str(" AND at >= ?");
            args.push(SqlValue::Text(super::text::instant_text(t)));
        }
        sql.push_str(" ORDER BY id DESC LIMIT ?");
        args.push(SqlValue::Integer(filter.limit.map_or(-1, i64::from)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |row| {
            let action: String = row.get(3)?;
            let entity: String = row.get(4)?;
            Ok(AuditEntry {
                id: row.get(0)?,
                at: get_instant(row, 1)?,
                who: UserLogin::from_file(row.get(2)?),
                action: AuditAction::from_word(&action).ok_or_else(|| unknown_word(3))?,
                entity: AuditEntity::from_word(&entity).ok_or_else(|| unknown_word(4))?,
                entity_id: row.get(5)?,
                family: row.get(6)?,
                record: row.get(7)?,
                fields: row
                    .get::<_, Option<String>>(8)?
                    .map(|f| f.split(',').map(str::to_owned).collect())
                    .unwrap_or_default(),
                session: match get_opt_instant(row, 9)? {
                    Some(at) => Some((at, row.get(10)?)),
                    None => None,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Logs that the user opened a family's case, or one of its records.
    pub fn note_opened(
        &mut self,
        family: FamilyId,
        record: Option<RecordId>,
    ) -> Result<(), StoreError> {
        self.note(AuditAction::Opened, family, record)
    }

    /// Logs that the user exported a family's case, or one of its records.
    pub fn note_exported(
        &mut self,
        family: FamilyId,
        record: Option<RecordId>,
    ) -> Result<(), StoreError> {
        self.note(AuditAction::Exported, family, record)
    }

    /// Notes an export in `format` ("md", "txt", "html") of a record, or
    /// of a family's file when `record` is `None`, for one child or for
    /// all. The row names the record, the child and the format (as its
    /// one field name), never the text.
    pub fn note_export(
        &mut self,
        family: FamilyId,
        record: Option<RecordId>,
        child: Option<ChildId>,
        format: &'static str,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            require_family(&tx.tx, family)?;
            if let Some(r) = record {
                let of: Option<FamilyId> = tx
                    .tx
                    .prepare_cached("SELECT family_id FROM record WHERE id = ?1")?
                    .query_row([r], |row| row.get(0))
                    .optional()?;
                if of != Some(family) {
                    return Err(StoreError::NotFound {
                        what: "record",
                        id: r.0,
                    });
                }
            }
            if let Some(c) = child {
                require_children_of(&tx.tx, family, &[c])?;
            }
            let (entity, id) = match (child, record) {
                (Some(c), _) => (AuditEntity::Child, c.0),
                (None, Some(r)) => (AuditEntity::Record, r.0),
                (None, None) => (AuditEntity::Family, family.0),
            };
            tx.audit_fields(
                AuditAction::Exported,
                entity,
                Some(id),
                Some(family),
                record,
                &[format],
            )
        })
    }

    fn note(
        &mut self,
        action: AuditAction,
        family: FamilyId,
        record: Option<RecordId>,
    ) -> Result<(), StoreError> {
        self.write(|tx| match record {
            Some(r) => {
                let of: Option<FamilyId> = tx
                    .tx
                    .prepare_cached("SELECT family_id FROM record WHERE id = ?1")?
                    .query_row([r], |row| row.get(0))
                    .optional()?;
                if of != Some(family) {
                    return Err(StoreError::NotFound {
                        what: "record",
                        id: r.0,
                    });
                }
                tx.audit(
                    action,
                    AuditEntity::Record,
                    Some(r.0),
                    Some(family),
                    Some(r),
                )
            }
            None => {
                require_family(&tx.tx, family)?;
                tx.audit(
                    action,
                    AuditEntity::Family,
                    Some(family.0),
                    Some(family),
                    None,
                )
            }
        })
    }
}
