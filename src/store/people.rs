//! The people on a family who are not its children: parents, carers and
//! other family members, with their relationship to the children, and the
//! professionals involved, with their role and agency (seed
//! 002_66f790c2d2b6d6fc.txt standards 14 and 15). Only the name is
//! required. Changes are audited as a change to the family's "people",
//! never with what was typed.

use super::audit::{AuditAction, AuditEntity};
use super::cleaned;
use super::error::StoreError;
use super::ids::{FamilyId, PersonId};
use super::open::Store;
use super::rows::require_family;
use rusqlite::{OptionalExtension, Row, params};

/// Whether a person belongs to the family or works with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonKind {
    /// A parent, carer or other family member.
    #[default]
    Family,
    /// A professional working with the family (teacher, health visitor...).
    Professional,
}

impl PersonKind {
    /// The word stored in the file.
    fn as_str(self) -> &'static str {
        match self {
            PersonKind::Family => "family",
            PersonKind::Professional => "professional",
        }
    }
}

/// What a practitioner enters about a person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonDetails {
    /// Family member or professional.
    pub kind: PersonKind,
    /// Their name, as they spell it.
    pub name: String,
    /// A family member's relationship to the children ("Mother of Ada and
    /// Ben"); `None` for a professional.
    pub relationship: Option<String>,
    /// A professional's role ("Health visitor"); `None` for family.
    pub role: Option<String>,
    /// A professional's agency ("Example Health Trust"); `None` for family.
    pub agency: Option<String>,
}

impl PersonDetails {
    /// A parent, carer or relative.
    pub fn family_member(name: &str, relationship: &str) -> PersonDetails {
        PersonDetails {
            kind: PersonKind::Family,
            name: name.to_owned(),
            relationship: Some(relationship.to_owned()),
            role: None,
            agency: None,
        }
    }

    /// A professional with a role and an agency.
    pub fn professional(name: &str, role: &str, agency: &str) -> PersonDetails {
        PersonDetails {
            kind: PersonKind::Professional,
            name: name.to_owned(),
            relationship: None,
            role: Some(role.to_owned()),
            agency: Some(agency.to_owned()),
        }
    }

    /// "Mother of Ada" or "Health visitor, Example Health Trust": who they
    /// are to the family, in one line; empty when nothing was recorded.
    pub fn describe(&self) -> String {
        match self.kind {
            PersonKind::Family => self.relationship.clone().unwrap_or_default(),
            PersonKind::Professional => [&self.role, &self.agency]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A stored person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Its id.
    pub id: PersonId,
    /// The family they are on.
    pub family: FamilyId,
    /// What was entered.
    pub details: PersonDetails,
}

const COLUMNS: &str = "id, family_id, kind, name, relationship, role, agency";

fn person_from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    let kind: String = row.get(2)?;
    Ok(Person {
        id: row.get(0)?,
        family: row.get(1)?,
        details: PersonDetails {
            // The table's CHECK allows only the two words.
            kind: if kind == "professional" {
                PersonKind::Professional
            } else {
                PersonKind::Family
            },
            name: row.get(3)?,
            relationship: row.get(4)?,
            role: row.get(5)?,
            agency: row.get(6)?,
        },
    })
}

/// The details trimmed, blanks as "not recorded", or a sentence saying
/// which answer is wrong.
fn checked(d: &PersonDetails) -> Result<PersonDetails, StoreError> {
    let name = cleaned::name(&d.name, "A person needs a name of 1 to 200 characters.")?;
    let opt = cleaned::optional;
    let (relationship, role, agency) = (opt(&d.relationship), opt(&d.role), opt(&d.agency));
    let too_long = [&relationship, &role, &agency]
        .into_iter()
        .flatten()
        .any(|v| v.chars().count() > 200);
    if too_long {
        return Err(StoreError::Invalid(
            "A relationship, role or agency can be at most 200 characters.",
        ));
    }
    match d.kind {
        PersonKind::Family if role.is_some() || agency.is_some() => Err(StoreError::Invalid(
            "A family member has a relationship to the children, not a role or agency.",
        )),
        PersonKind::Professional if relationship.is_some() => Err(StoreError::Invalid(
            "A professional has a role and agency, not a relationship to the children.",
        )),
        kind => Ok(PersonDetails {
            kind,
            name,
            relationship,
            role,
            agency,
        }),
    }
}

impl Store {
    /// Adds a person to a family.
    pub fn add_person(
        &mut self,
        family: FamilyId,
        details: &PersonDetails,
    ) -> Result<PersonId, StoreError> {
        let d = checked(details)?;
        self.write(|tx| {
            tx.require_writer()?;
            require_family(&tx.tx, family)?;
            tx.tx
                .prepare_cached(
                    "INSERT INTO person (family_id, kind, name, relationship, role, agency,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                )?
                .execute(params![
                    family,
                    d.kind.as_str(),
                    d.name,
                    d.relationship,
                    d.role,
                    d.agency,
                    tx.now
                ])?;
            let id = PersonId(tx.tx.last_insert_rowid());
            // The log's entities were fixed in schema step 1: a person is
            // logged as a change to the family's people.
            tx.audit_fields(
                AuditAction::Saved,
                AuditEntity::Family,
                Some(family.0),
                Some(family),
                None,
                &["people"],
            )?;
            Ok(id)
        })
    }

    /// Replaces a person's details (the family stays the same).
    pub fn update_person(
        &mut self,
        id: PersonId,
        details: &PersonDetails,
    ) -> Result<(), StoreError> {
        let d = checked(details)?;
        self.write(|tx| {
            tx.require_writer()?;
            let family: FamilyId = tx
                .tx
                .prepare_cached("SELECT family_id FROM person WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "person",
                    id: id.0,
                })?;
            tx.tx
                .prepare_cached(
                    "UPDATE person SET kind = ?2, name = ?3, relationship = ?4, role = ?5,
                        agency = ?6, updated_at = ?7
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    d.kind.as_str(),
                    d.name,
                    d.relationship,
                    d.role,
                    d.agency,
                    tx.now
                ])?;
            tx.audit_fields(
                AuditAction::Saved,
                AuditEntity::Family,
                Some(family.0),
                Some(family),
                None,
                &["people"],
            )
        })
    }

    /// One person.
    pub fn person(&self, id: PersonId) -> Result<Person, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM person WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], person_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "person",
                id: id.0,
            })
    }

    /// A family's people: family members first, then professionals, each
    /// by name.
    pub fn people(&self, family: FamilyId) -> Result<Vec<Person>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM person WHERE family_id = ?1 ORDER BY kind, name, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([family], person_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kinds_never_mix_and_blanks_are_not_recorded() {
        let mut d = PersonDetails::family_member("  Mum (demo) ", " ");
        let c = checked(&d).unwrap();
        assert_eq!(c.name, "Mum (demo)");
        assert_eq!(c.relationship, None);
        d.agency = Some("School".into());
        assert!(matches!(checked(&d), Err(StoreError::Invalid(_))));
        let mut p = PersonDetails::professional("Dr Example", "GP", "");
        assert_eq!(checked(&p).unwrap().agency, None);
        p.relationship = Some("Aunt".into());
        assert!(matches!(checked(&p), Err(StoreError::Invalid(_))));
        assert!(checked(&PersonDetails::default()).is_err());
    }

    #[test]
    fn a_person_is_described_in_one_line() {
        assert_eq!(
            PersonDetails::professional("X", "Health visitor", "Example Health (demo)").describe(),
            "Health visitor, Example Health (demo)"
        );
        assert_eq!(
            PersonDetails::family_member("Y", "Mother").describe(),
            "Mother"
        );
    }
}
