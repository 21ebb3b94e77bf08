//! Checks that the ids a caller passes name rows of the right family. More
//! than one table (and the audit log) asks them before writing, so they live
//! below all of them: a table never imports another table for a check.

use super::error::StoreError;
use super::ids::FamilyId;
use crate::record::ChildId;
use rusqlite::{Connection, OptionalExtension};

/// Refuses an id that names no family.
pub(crate) fn require_family(conn: &Connection, id: FamilyId) -> Result<(), StoreError> {
    let found = conn
        .prepare_cached("SELECT 1 FROM family WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?;
    found.ok_or(StoreError::NotFound {
        what: "family",
        id: id.0,
    })
}

/// Refuses children that are not in `family`, with a sentence rather than
/// the trigger's abort.
pub(crate) fn require_children_of(
    conn: &Connection,
    family: FamilyId,
    children: &[ChildId],
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached("SELECT family_id FROM child WHERE id = ?1")?;
    for c in children {
        let of: Option<FamilyId> = stmt.query_row([c.0], |r| r.get(0)).optional()?;
        if of != Some(family) {
            return Err(StoreError::Invalid(
                "A record can only be about children of its own family.",
            ));
        }
    }
    Ok(())
}
