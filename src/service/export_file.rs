//! Writing an export to a file from the review screen (issue 15): created
//! owner-only (0600), written to a temporary file beside it, synced and
//! then moved into place, so a crash leaves no half-written export; an
//! existing file is never replaced unless the person said yes; and the
//! case file itself (or its `-wal`, `-shm`, `-journal`) is never a target
//! (docs/safety.md rule 1: nothing but SQLite opens the case file). The
//! export is noted in the audit log by `service::export`, never its text.

use super::export::{Format, export_record, export_record_for_child};
use crate::form::FormSet;
use crate::record::ChildId;
use crate::store::{RecordId, Store};
use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Why an export was not written.
#[derive(Debug, PartialEq, Eq)]
pub enum ExportFileError {
    /// The file exists; nothing was written. Ask before replacing it.
    Exists(PathBuf),
    /// Anything else, as a sentence naming the file.
    Failed(String),
}

/// What was written.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    /// Where (as given).
    pub path: PathBuf,
    /// How many bytes.
    pub bytes: usize,
}

/// Exports a record (for one child, or all) to `path`; replaces an
/// existing file only when `replace`.
pub fn export_to_file(
    store: &mut Store,
    forms: &FormSet,
    record: RecordId,
    child: Option<ChildId>,
    format: Format,
    path: &Path,
    replace: bool,
) -> Result<Written, ExportFileError> {
    if path.as_os_str().is_empty() {
        return Err(ExportFileError::Failed(
            "File: give a file name to export to.".to_owned(),
        ));
    }
    if is_case_file(store.path(), path) {
        return Err(ExportFileError::Failed(format!(
            "{} is the case file itself; choose another file name.",
            path.display()
        )));
    }
    if !replace && fs::symlink_metadata(path).is_ok() {
        return Err(ExportFileError::Exists(path.to_path_buf()));
    }
    let text = match child {
        Some(c) => export_record_for_child(store, forms, record, &c.0.to_string(), format),
        None => export_record(store, forms, record, format),
    }
    .map_err(ExportFileError::Failed)?;
    write_owner_only(path, text.as_bytes(), replace).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => ExportFileError::Exists(path.to_path_buf()),
        _ => ExportFileError::Failed(format!("{} could not be written: {e}.", path.display())),
    })?;
    Ok(Written {
        path: path.to_path_buf(),
        bytes: text.len(),
    })
}

/// Whether `target` names the case file or one of SQLite's files beside it.
fn is_case_file(db: &Path, target: &Path) -> bool {
    let full = |p: &Path| -> Option<PathBuf> {
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Some(fs::canonicalize(parent).ok()?.join(p.file_name()?))
    };
    let (Some(db), Some(target)) = (full(db), full(target)) else {
        return false;
    };
    ["", "-wal", "-shm", "-journal"].iter().any(|end| {
        let mut name = db.clone().into_os_string();
        name.push(end);
        name == target.as_os_str()
    })
}

/// Writes through a temporary file in the same folder, synced, then moved
/// into place: renamed over the old file when `replace`, else linked,
/// which fails if a file appeared meanwhile.
fn write_owner_only(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if replace {
            fs::rename(&tmp, path)
        } else {
            fs::hard_link(&tmp, path)
        }
    })();
    // Gone after a rename; after a link, or a failure, it is removed here.
    let _ = fs::remove_file(&tmp);
    result
}

impl super::CaseFile {
    /// Writes one record (or one child's part of it) to a file: see
    /// [`export_to_file`].
    pub fn export_to_file(
        &mut self,
        record: RecordId,
        child: Option<ChildId>,
        format: Format,
        path: &Path,
        replace: bool,
    ) -> Result<Written, ExportFileError> {
        export_to_file(
            &mut self.store,
            &self.forms,
            record,
            child,
            format,
            path,
            replace,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_file_and_its_companions_are_never_targets() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("c.sqlite3");
        fs::write(&db, b"").unwrap();
        assert!(is_case_file(&db, &db));
        assert!(is_case_file(&db, &dir.path().join("c.sqlite3-wal")));
        assert!(is_case_file(&db, &dir.path().join(".").join("c.sqlite3")));
        assert!(!is_case_file(&db, &dir.path().join("c.md")));
    }

    #[test]
    fn a_file_is_written_owner_only_and_never_replaced_unasked() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_owner_only(&p, b"one", false).unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let e = write_owner_only(&p, b"two", false).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_owner_only(&p, b"three", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
