//! Children of a family, with what seed 002 standard 12 asks a record to
//! hold about each (gender, nationality, ethnicity, languages, religion,
//! disability), all optional but the name.

use super::audit::{AuditAction, AuditEntity};
use super::cleaned;
use super::error::StoreError;
use super::ids::FamilyId;
use super::open::Store;
use super::rows::require_family;
use super::text::{date_text, get_opt_date};
use crate::record::ChildId;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

/// What a practitioner enters about a child.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChildDetails {
    /// The child's name.
    pub name: String,
    /// Date of birth; `None` for an unborn child or while it is not known.
    pub date_of_birth: Option<NaiveDate>,
    /// Gender, as the child or family describe it.
    pub gender: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// Ethnicity, race and culture.
    pub ethnicity: Option<String>,
    /// Languages spoken at home.
    pub languages: Option<String>,
    /// Religion and current practice.
    pub religion: Option<String>,
    /// Disability and health conditions.
    pub disability: Option<String>,
}

impl ChildDetails {
    /// A child known only by name and date of birth.
    pub fn new(name: &str, date_of_birth: Option<NaiveDate>) -> ChildDetails {
        ChildDetails {
            name: name.to_owned(),
            date_of_birth,
            ..ChildDetails::default()
        }
    }
}

/// A stored child.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Child {
    /// Its id, which also keys its answers in per-child sections.
    pub id: ChildId,
    /// The family it belongs to.
    pub family: FamilyId,
    /// What was entered.
    pub details: ChildDetails,
}

const COLUMNS: &str = "id, family_id, name, date_of_birth, gender, nationality, ethnicity, \
    languages, religion, disability";

fn child_from_row(row: &Row<'_>) -> rusqlite::Result<Child> {
    Ok(Child {
        id: ChildId(row.get(0)?),
        family: row.get(1)?,
        details: ChildDetails {
            name: row.get(2)?,
            date_of_birth: get_opt_date(row, 3)?,
            gender: row.get(4)?,
            nationality: row.get(5)?,
            ethnicity: row.get(6)?,
            languages: row.get(7)?,
            religion: row.get(8)?,
            disability: row.get(9)?,
        },
    })
}

fn checked(d: &ChildDetails) -> Result<ChildDetails, StoreError> {
    let name = cleaned::name(&d.name, "A child needs a name of 1 to 200 characters.")?;
    let opt = cleaned::optional;
    Ok(ChildDetails {
        name,
        date_of_birth: d.date_of_birth,
        gender: opt(&d.gender),
        nationality: opt(&d.nationality),
        ethnicity: opt(&d.ethnicity),
        languages: opt(&d.languages),
        religion: opt(&d.religion),
        disability: opt(&d.disability),
    })
}

impl Store {
    /// Adds a child to a family.
    pub fn add_child(
        &mut self,
        family: FamilyId,
        details: &ChildDetails,
    ) -> Result<ChildId, StoreError> {
        let d = checked(details)?;
        self.write(|tx| {
            tx.require_writer()?;
            require_family(&tx.tx, family)?;
            tx.tx
                .prepare_cached(
                    "INSERT INTO child (family_id, name, date_of_birth, gender, nationality,
                        ethnicity, languages, religion, disability, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                )?
                .execute(params![
                    family,
                    d.name,
                    d.date_of_birth.map(date_text),
                    d.gender,
                    d.nationality,
                    d.ethnicity,
                    d.languages,
                    d.religion,
                    d.disability,
                    tx.now
                ])?;
            let id = ChildId(tx.tx.last_insert_rowid());
            tx.audit(
                AuditAction::Created,
                AuditEntity::Child,
                Some(id.0),
                Some(family),
                None,
            )?;
            Ok(id)
        })
    }

    /// Replaces a child's details (the family stays the same).
    pub fn update_child(&mut self, id: ChildId, details: &ChildDetails) -> Result<(), StoreError> {
        let d = checked(details)?;
        self.write(|tx| {
            tx.require_writer()?;
            let family: FamilyId = tx
                .tx
                .prepare_cached("SELECT family_id FROM child WHERE id = ?1")?
                .query_row([id.0], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "child",
                    id: id.0,
                })?;
            tx.tx
                .prepare_cached(
                    "UPDATE child SET name = ?2, date_of_birth = ?3, gender = ?4,
                        nationality = ?5, ethnicity = ?6, languages = ?7, religion = ?8,
                        disability = ?9, updated_at = ?10
                     WHERE id = ?1",
                )?
                .execute(params![
                    id.0,
                    d.name,
                    d.date_of_birth.map(date_text),
                    d.gender,
                    d.nationality,
                    d.ethnicity,
                    d.languages,
                    d.religion,
                    d.disability,
                    tx.now
                ])?;
            tx.audit(
                AuditAction::Saved,
                AuditEntity::Child,
                Some(id.0),
                Some(family),
                None,
            )
        })
    }

    /// One child.
    pub fn child(&self, id: ChildId) -> Result<Child, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM child WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], child_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "child",
                id: id.0,
            })
    }

    /// The children of a family, by name.
    pub fn children(&self, family: FamilyId) -> Result<Vec<Child>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM child WHERE family_id = ?1 ORDER BY name, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([family], child_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
