//! Families (cases): creating, changing, reading, and the home screen's
//! list with each family's count of drafts and latest record date, in one
//! query that stays fast with 10,000 families and 200,000 records.

use super::audit::{AuditAction, AuditEntity};
use super::cleaned;
use super::error::StoreError;
use super::ids::FamilyId;
use super::open::{Store, Tx};
use super::rows::require_family;
use super::text::{date_text, get_date, get_instant, get_opt_date, unknown_word};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// Whether the case is open, and since when it is closed (seed 002
/// standard 18).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseStatus {
    /// The family is receiving a service.
    Active,
    /// The service ended on this date.
    Closed(NaiveDate),
}

/// What a practitioner enters about a family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyDetails {
    /// The council's case number; unique in the file (ignoring case).
    pub reference: String,
    /// The family's name as shown on screen.
    pub name: String,
    /// When the case was opened.
    pub opened_on: NaiveDate,
    /// Active, or closed on a date.
    pub status: CaseStatus,
    /// A child protection plan is in place (seed 002 standard 17).
    pub child_protection_plan: bool,
    /// The family is supported as child in need.
    pub child_in_need: bool,
    /// A child is looked after by the local authority (seed 002 standard 17).
    pub looked_after: bool,
    /// Login name of the allocated worker, if any.
    pub allocated_worker: Option<String>,
}

impl FamilyDetails {
    /// An active family with no flags and no worker.
    pub fn new(reference: &str, name: &str, opened_on: NaiveDate) -> FamilyDetails {
        FamilyDetails {
            reference: reference.to_owned(),
            name: name.to_owned(),
            opened_on,
            status: CaseStatus::Active,
            child_protection_plan: false,
            child_in_need: false,
            looked_after: false,
            allocated_worker: None,
        }
    }
}

/// A stored family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// Its id.
    pub id: FamilyId,
    /// What was entered.
    pub details: FamilyDetails,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its details last changed.
    pub updated_at: DateTime<Utc>,
}

/// Which families to list, for the home screen.
#[derive(Clone, Debug, Default)]
pub struct FamilyFilter {
    /// Text found anywhere in the reference or name (ignoring case).
    pub text: Option<String>,
    /// Only active, or only closed, families.
    pub status: Option<StatusFilter>,
    /// Only families allocated to this login name.
    pub allocated_worker: Option<String>,
    /// The order of the list.
    pub order: FamilyOrder,
    /// At most this many families.
    pub limit: Option<u32>,
    /// Skip this many first.
    pub offset: u32,
}

/// Active or closed, for filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    /// Open cases.
    Active,
    /// Closed cases.
    Closed,
}

/// How the family list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FamilyOrder {
    /// By name, then reference.
    #[default]
    Name,
    /// By reference.
    Reference,
    /// The family with the most recent record first; families without
    /// records last.
    LatestRecord,
}

/// One line of the home screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilySummary {
    /// The family.
    pub family: Family,
    /// How many of its records are drafts.
    pub drafts: u32,
    /// The event date of its latest record, if it has any.
    pub latest_record: Option<NaiveDate>,
    /// How many children it has.
    pub children: u32,
}

pub(super) const COLUMNS: &str = "f.id, f.reference, f.name, f.status, f.opened_on, f.closed_on, \
    f.child_protection_plan, f.child_in_need, f.looked_after, f.allocated_worker, \
    f.created_at, f.updated_at";

pub(super) fn family_from_row(row: &Row<'_>) -> rusqlite::Result<Family> {
    let status: String = row.get(3)?;
    let status = match (status.as_str(), get_opt_date(row, 5)?) {
        ("active", None) => CaseStatus::Active,
        ("closed", Some(d)) => CaseStatus::Closed(d),
        _ => return Err(unknown_word(3)),
    };
    Ok(Family {
        id: row.get(0)?,
        details: FamilyDetails {
            reference: row.get(1)?,
            name: row.get(2)?,
            opened_on: get_date(row, 4)?,
            status,
            child_protection_plan: row.get(6)?,
            child_in_need: row.get(7)?,
            looked_after: row.get(8)?,
            allocated_worker: row.get(9)?,
        },
        created_at: get_instant(row, 10)?,
        updated_at: get_instant(row, 11)?,
    })
}

/// Trims and checks what was entered, returning the values to store.
fn checked(d: &FamilyDetails) -> Result<FamilyDetails, StoreError> {
    let reference = d.reference.trim();
    let name = d.name.trim();
    if reference.is_empty() || reference.chars().count() > 64 {
        return Err(StoreError::Invalid(
            "A family needs a reference number of 1 to 64 characters.",
        ));
    }
    if reference.chars().any(char::is_control) {
        return Err(StoreError::Invalid(
            "A reference number cannot contain control characters.",
        ));
    }
    let name = cleaned::name(name, "A family needs a name of 1 to 200 characters.")?;
    if let CaseStatus::Closed(on) = d.status
        && on < d.opened_on
    {
        return Err(StoreError::Invalid(
            "A case cannot be closed before the date it was opened.",
        ));
    }
    let worker = cleaned::optional(&d.allocated_worker);
    // A worker is a login, never a display name typed in its place.
    if worker
        .as_deref()
        .is_some_and(|w| crate::user::UserLogin::new(w).is_err())
    {
        return Err(StoreError::Invalid(
            "A family's allocated worker is a login name: 1 to 64 characters with no spaces.",
        ));
    }
    Ok(FamilyDetails {
        reference: reference.to_owned(),
        name,
        allocated_worker: worker,
        ..d.clone()
    })
}

fn status_words(s: CaseStatus) -> (&'static str, Option<String>) {
    match s {
        CaseStatus::Active => ("active", None),
        CaseStatus::Closed(d) => ("closed", Some(date_text(d))),
    }
}

fn refuse_duplicate(
    conn: &Connection,
    reference: &str,
    except: Option<FamilyId>,
) -> Result<(), StoreError> {
    let other: Option<i64> = conn
        .prepare_cached("SELECT id FROM family WHERE reference = ?1 AND id IS NOT ?2")?
        .query_row(params![reference, except], |r| r.get(0))
        .optional()?;
    match other {
        Some(_) => Err(StoreError::DuplicateReference {
            reference: reference.to_owned(),
        }),
        None => Ok(()),
    }
}

impl Store {
    /// Creates a family.
    pub fn create_family(&mut self, details: &FamilyDetails) -> Result<FamilyId, StoreError> {
        let d = checked(details)?;
        self.write(|tx| {
            tx.require_writer()?;
            refuse_duplicate(&tx.tx, &d.reference, None)?;
            let (status, closed_on) = status_words(d.status);
            tx.tx
                .prepare_cached(
                    "INSERT INTO family (reference, name, status, opened_on, closed_on,
                        child_protection_plan, child_in_need, looked_after, allocated_worker,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                )?
                .execute(params![
                    d.reference,
                    d.name,
                    status,
                    date_text(d.opened_on),
                    closed_on,
                    d.child_protection_plan,
                    d.child_in_need,
                    d.looked_after,
                    d.allocated_worker,
                    tx.now
                ])?;
            let id = FamilyId(tx.tx.last_insert_rowid());
            tx.audit(
                AuditAction::Created,
                AuditEntity::Family,
                Some(id.0),
                Some(id),
                None,
            )?;
            Ok(id)
        })
    }

    /// Replaces a family's details. Last writer wins: family details are
    /// short and rarely edited by two people at once, unlike records.
    pub fn update_family(
        &mut self,
        id: FamilyId,
        details: &FamilyDetails,
    ) -> Result<(), StoreError> {
        let d = checked(details)?;
        let before = self.family(id)?.details;
        let changed = changed_fields(&before, &d);
        if changed.is_empty() {
            return Ok(());
        }
        let guarded = changed.iter().any(|f| GUARDED.contains(f));
        self.write(|tx| {
            tx.require_writer()?;
            require_family(&tx.tx, id)?;
            if guarded && !may_change_family(tx, before.allocated_worker.as_deref())? {
                return Err(StoreError::NotYourFamily);
            }
            refuse_duplicate(&tx.tx, &d.reference, Some(id))?;
            let (status, closed_on) = status_words(d.status);
            tx.tx
                .prepare_cached(
                    "UPDATE family SET reference = ?2, name = ?3, status = ?4, opened_on = ?5,
                        closed_on = ?6, child_protection_plan = ?7, child_in_need = ?8,
                        looked_after = ?9, allocated_worker = ?10, updated_at = ?11
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    d.reference,
                    d.name,
                    status,
                    date_text(d.opened_on),
                    closed_on,
                    d.child_protection_plan,
                    d.child_in_need,
                    d.looked_after,
                    d.allocated_worker,
                    tx.now
                ])?;
            tx.audit_fields(
                AuditAction::Saved,
                AuditEntity::Family,
                Some(id.0),
                Some(id),
                None,
                &changed,
            )
        })
    }

    /// One family.
    pub fn family(&self, id: FamilyId) -> Result<Family, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM family f WHERE f.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], family_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "family",
                id: id.0,
            })
    }

    /// The family with this reference number (ignoring case), if any.
    pub fn family_by_reference(&self, reference: &str) -> Result<Option<Family>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM family f WHERE f.reference = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([reference.trim()], family_from_row)
            .optional()?)
    }

    /// Families for the home screen, each with its count of drafts, latest
    /// record date and number of children, in one query: the counts are
    /// index look-ups (`record_family_drafts`, `record_family_date`,
    /// `child_family`), never a scan of the records.
    pub fn list_families(&self, filter: &FamilyFilter) -> Result<Vec<FamilySummary>, StoreError> {
        let (sql, args) = list_sql(filter);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |row| {
            Ok(FamilySummary {
                family: family_from_row(row)?,
                drafts: row.get(12)?,
                latest_record: get_opt_date(row, 13)?,
                children: row.get(14)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many families the file holds.
    pub fn count_families(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM family")?
            .query_row([], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }
}

/// The home screen's query and its parameters. The SQL is assembled from
/// fixed pieces only; every value the user typed is a bound parameter.
fn list_sql(filter: &FamilyFilter) -> (String, Vec<SqlValue>) {
    let mut sql = format!(
        "SELECT {COLUMNS},
            (SELECT count(*) FROM record r WHERE r.family_id = f.id AND r.status = 'draft'
                AND NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id)),
            (SELECT max(r.event_date) FROM record r WHERE r.family_id = f.id
                AND NOT EXISTS (SELECT 1 FROM discarded_draft d WHERE d.record_id = r.id))
                AS latest,
            (SELECT count(*) FROM child c WHERE c.family_id = f.id)
         FROM family f WHERE 1"
    );
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        sql.push_str(r" AND (f.reference LIKE ? ESCAPE '\' OR f.name LIKE ? ESCAPE '\')");
        let pattern = format!("%{}%", escape_like(text));
        args.push(SqlValue::Text(pattern.clone()));
        args.push(SqlValue::Text(pattern));
    }
    if let Some(s) = filter.status {
        sql.push_str(" AND f.status = ?");
        let word = match s {
            StatusFilter::Active => "active",
            StatusFilter::Closed => "closed",
        };
        args.push(SqlValue::Text(word.to_owned()));
    }
    if let Some(w) = &filter.allocated_worker {
        sql.push_str(" AND f.allocated_worker = ?");
        args.push(SqlValue::Text(w.clone()));
    }
    sql.push_str(match filter.order {
        FamilyOrder::Name => " ORDER BY f.name, f.reference",
        FamilyOrder::Reference => " ORDER BY f.reference",
        FamilyOrder::LatestRecord => " ORDER BY latest IS NULL, latest DESC, f.name",
    });
    sql.push_str(" LIMIT ? OFFSET ?");
    args.push(SqlValue::Integer(filter.limit.map_or(-1, i64::from)));
    args.push(SqlValue::Integer(i64::from(filter.offset)));
    (sql, args)
}

/// Escapes `%`, `_` and the escape character itself so typed text matches
/// literally.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The details only the allocated worker or a supervisor may change
/// (issue 10): who has the case, whether it is open, and its plan flags.
const GUARDED: [&str; 6] = [
    "allocated_worker",
    "status",
    "closed_on",
    "child_protection_plan",
    "child_in_need",
    "looked_after",
];

/// The names of the details that differ, in a fixed order.
fn changed_fields(before: &FamilyDetails, after: &FamilyDetails) -> Vec<&'static str> {
    let mut out = Vec::new();
    let (status_before, closed_before) = status_words(before.status);
    let (status_after, closed_after) = status_words(after.status);
    let checks: [(&'static str, bool); 9] = [
        ("reference", before.reference != after.reference),
        ("name", before.name != after.name),
        ("status", status_before != status_after),
        ("closed_on", closed_before != closed_after),
        ("opened_on", before.opened_on != after.opened_on),
        (
            "child_protection_plan",
            before.child_protection_plan != after.child_protection_plan,
        ),
        ("child_in_need", before.child_in_need != after.child_in_need),
        ("looked_after", before.looked_after != after.looked_after),
        (
            "allocated_worker",
            before.allocated_worker != after.allocated_worker,
        ),
    ];
    for (name, differs) in checks {
        if differs {
            out.push(name);
        }
    }
    out
}

/// Whether this transaction's user may change a family's guarded details:
/// its allocated worker, a supervisor, anyone while it is allocated to
/// nobody (there is no colleague's case to protect), or anyone while the
/// file has no supervisor at all (roles not set up yet, as `casenotes user
/// add` allows the first supervisor to be anyone).
fn may_change_family(tx: &Tx<'_>, worker: Option<&str>) -> Result<bool, StoreError> {
    match worker {
        None => return Ok(true),
        Some(w) if w == tx.user => return Ok(true),
        Some(_) => {}
    }
    if super::users::user_is_supervisor(&tx.tx, tx.user)? {
        return Ok(true);
    }
    Ok(super::users::overseers(&tx.tx)? == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(store: &Store, filter: &FamilyFilter) -> Vec<String> {
        let (sql, args) = list_sql(filter);
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// The home screen must never read the records table row by row: each
    /// per-family figure is an index look-up, whatever the filter.
    #[test]
    fn the_home_screen_query_uses_indexes_for_every_count() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("c.sqlite3"), "alice").unwrap();
        let filters = [
            FamilyFilter::default(),
            FamilyFilter {
                status: Some(StatusFilter::Active),
                ..Default::default()
            },
            FamilyFilter {
                allocated_worker: Some("alice".into()),
                ..Default::default()
            },
            FamilyFilter {
                text: Some("ex".into()),
                order: FamilyOrder::LatestRecord,
                ..Default::default()
            },
        ];
        for f in &filters {
            let lines = plan(&store, f);
            let joined = lines.join(" | ");
            assert!(
                !lines
                    .iter()
                    .any(|l| l.starts_with("SCAN r") || l.starts_with("SCAN c")),
                "{f:?}: {joined}"
            );
            assert!(joined.contains("record_family_drafts"), "{joined}");
            assert!(joined.contains("record_family_date"), "{joined}");
            assert!(joined.contains("child_family"), "{joined}");
        }
        let by_name = plan(&store, &FamilyFilter::default()).join(" | ");
        assert!(
            !by_name.contains("TEMP B-TREE"),
            "ordered by an index: {by_name}"
        );
    }

    #[test]
    fn like_patterns_match_typed_text_literally() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
