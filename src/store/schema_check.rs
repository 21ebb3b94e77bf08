//! Whether a case file's tables, indexes and triggers are exactly what this
//! version of casenotes made. The triggers are protections (a finalised
//! record never changes, the audit log is append-only); another program can
//! drop or alter them, or add a trigger of its own, and `integrity_check`
//! would still say "ok". So the structure is compared, object by object,
//! with the one the migration steps build in memory.

use super::error::StoreError;
use super::schema::MIGRATIONS;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One object of the schema: its kind and the SQL that made it.
type Objects = BTreeMap<String, (String, Option<String>)>;

/// How a file's structure differs from the expected one, by object name
/// only (the SQL is not shown: it says nothing a team manager can act on).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaReport {
    /// Expected objects that are not in the file.
    pub missing: Vec<String>,
    /// Objects whose definition was changed.
    pub altered: Vec<String>,
    /// Objects in the file that this version did not make.
    pub added: Vec<String>,
}

impl SchemaReport {
    /// Whether the file's structure is as this version made it.
    pub fn is_intact(&self) -> bool {
        self.missing.is_empty() && self.altered.is_empty() && self.added.is_empty()
    }
}

fn objects(conn: &Connection) -> rusqlite::Result<Objects> {
    let mut stmt = conn.prepare(
        "SELECT name, type, sql FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            (r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?),
        ))
    })?;
    rows.collect()
}

/// The structure every migration step together makes.
fn expected() -> Result<Objects, StoreError> {
    let mem = Connection::open_in_memory()?;
    for step in MIGRATIONS {
        mem.execute_batch(step)?;
    }
    Ok(objects(&mem)?)
}

/// Compares the file's structure with the expected one.
pub(crate) fn compare(conn: &Connection) -> Result<SchemaReport, StoreError> {
    let want = expected()?;
    let have = objects(conn)?;
    let mut report = SchemaReport::default();
    for (name, def) in &want {
        match have.get(name) {
            None => report.missing.push(name.clone()),
            Some(d) if d != def => report.altered.push(name.clone()),
            Some(_) => {}
        }
    }
    report.added = have
        .keys()
        .filter(|n| !want.contains_key(*n))
        .cloned()
        .collect();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_schema_is_intact_and_every_change_is_named() {
        let conn = Connection::open_in_memory().unwrap();
        for step in MIGRATIONS {
            conn.execute_batch(step).unwrap();
        }
        assert!(compare(&conn).unwrap().is_intact());
        conn.execute_batch(
            "DROP TRIGGER record_finalised_no_update;
             DROP TRIGGER audit_no_delete;
             CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END;
             CREATE TRIGGER sneaky AFTER INSERT ON audit BEGIN SELECT 1; END;",
        )
        .unwrap();
        let r = compare(&conn).unwrap();
        assert_eq!(r.missing, vec!["record_finalised_no_update".to_owned()]);
        assert_eq!(r.altered, vec!["audit_no_delete".to_owned()]);
        assert_eq!(r.added, vec!["sneaky".to_owned()]);
        assert!(!r.is_intact());
    }
}
