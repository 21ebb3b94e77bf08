//! Brings a file's schema up to [`SCHEMA_VERSION`] inside one
//! `BEGIN IMMEDIATE` transaction. The version is read again once the write
//! lock is held, so two people starting casenotes at the same moment on a
//! new file cannot both run the steps: the second waits, then finds nothing
//! to do.

use super::chain;
use super::error::StoreError;
use super::schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// What a file says about itself before anything is written to it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Identity {
    /// `PRAGMA user_version`.
    pub version: i64,
    /// `PRAGMA application_id`.
    pub application_id: i64,
    /// How many tables, indexes, triggers and views the file holds.
    pub objects: i64,
}

/// Reads the identity. Reading `sqlite_schema` also makes SQLite parse page
/// one and the schema, which is where a damaged file is first noticed.
pub(crate) fn identity(conn: &Connection) -> rusqlite::Result<Identity> {
    let objects = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let application_id = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    Ok(Identity {
        version,
        application_id,
        objects,
    })
}

/// Refuses a file that belongs to another program or to a newer casenotes.
pub(crate) fn check_identity(id: Identity, path: &Path) -> Result<(), StoreError> {
    let ours = id.application_id == APPLICATION_ID;
    let blank = id.version == 0 && id.application_id == 0 && id.objects == 0;
    if !ours && !blank {
        return Err(StoreError::NotCasenotes {
            path: path.to_path_buf(),
        });
    }
    if id.version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: id.version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Runs the missing steps, all or none.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let id = identity(&tx)?;
    check_identity(id, path)?;
    // check_identity has refused anything above SCHEMA_VERSION, and a
    // negative user_version is refused as not ours by the cast below.
    let Ok(from) = usize::try_from(id.version) else {
        return Err(StoreError::NotCasenotes {
            path: path.to_path_buf(),
        });
    };
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from) {
        tx.execute_batch(step)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(i + 1).unwrap_or(i64::MAX),
        )?;
    }
    // A file written before the hash chain existed gets its chain now,
    // its items linked oldest first; on any other file this does nothing.
    chain::build_if_empty(&tx)?;
    tx.commit()?;
    Ok(())
}
