//! Backing up the case file: a complete, checked, owner-only copy made
//! while others go on working, and noted in the audit log.

use crate::store::Store;
use std::path::Path;

/// Writes a copy of the open case file to `dest`, which must not exist yet.
/// Errors are sentences naming what went wrong.
pub fn backup(store: &mut Store, dest: &Path) -> Result<(), String> {
    store.backup_to(dest).map_err(|e| e.to_string())
}
