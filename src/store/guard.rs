//! Everything checked and done to the path before SQLite is allowed to see
//! it: a file that is not SQLite, a folder, a read-only file or folder is
//! refused without anything being written; a missing file is created here,
//! owner-only, so that SQLite never creates one with looser permissions.

use super::error::StoreError;
use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The first 16 bytes of every SQLite database file.
pub(crate) const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Case files hold records about children: only their owner may read them.
const FILE_MODE: u32 = 0o600;
const DIR_MODE: u32 = 0o700;

/// Makes sure `path` is an existing, writable file that is empty or starts
/// like an SQLite database, creating it (and its folder) when missing.
/// Returns whether the file was created by this call.
pub(crate) fn prepare(path: &Path) -> Result<bool, StoreError> {
    let dir = parent_dir(path);
    match fs::metadata(path) {
        Ok(_) => {
            check_existing(path, &dir)?;
            Ok(false)
        }
        Err(e) if e.kind() == ErrorKind::NotFound => create(path, &dir),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// The folder that holds `path` (the current folder for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn check_existing(path: &Path, dir: &Path) -> Result<(), StoreError> {
    let meta = fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    check_header(path)?;
    if !may_write(path, meta.permissions().mode(), libc::W_OK) {
        return Err(StoreError::ReadOnlyFile {
            path: path.to_path_buf(),
        });
    }
    check_dir(dir)
}

/// Refuses a non-empty file that does not begin with SQLite's magic bytes,
/// before SQLite could try to "recover" it or put a journal beside it.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = File::open(path).map_err(|e| StoreError::io(path, e))?;
    let mut head = [0u8; 16];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
    // SQLite treats an empty file as a new, empty database.
    if got == 0 || (got == head.len() && &head == SQLITE_MAGIC) {
        Ok(())
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

/// SQLite writes its `-wal` and `-shm` files beside the database, so the
/// folder must be writable even when the file is.
fn check_dir(dir: &Path) -> Result<(), StoreError> {
    let meta = fs::metadata(dir).map_err(|e| StoreError::io(dir, e))?;
    if !may_write(dir, meta.permissions().mode(), libc::W_OK | libc::X_OK) {
        return Err(StoreError::ReadOnlyDirectory {
            dir: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// Whether this process may write `path`. A file or folder with no write
/// bit at all is treated as read-only even for root: somebody marked it so
/// on purpose, and root ignoring that would surprise them.
fn may_write(path: &Path, mode: u32, how: libc::c_int) -> bool {
    if mode & 0o222 == 0 {
        return false;
    }
    crate::sys::may_access(path, how)
}

fn create(path: &Path, dir: &Path) -> Result<bool, StoreError> {
    match fs::metadata(dir) {
        Ok(_) => check_dir(dir)?,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(dir)
                .map_err(|e| StoreError::io(dir, e))?;
            // The umask may have taken away bits the owner needs; set exactly.
            fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
                .map_err(|e| StoreError::io(dir, e))?;
        }
        Err(e) => return Err(StoreError::io(dir, e)),
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
    {
        Ok(file) => {
            file.set_permissions(Permissions::from_mode(FILE_MODE))
                .map_err(|e| StoreError::io(path, e))?;
            Ok(true)
        }
        // Someone starting at the same moment created it first: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            check_existing(path, dir)?;
            Ok(false)
        }
        Err(e) => Err(StoreError::io(path, e)),
    }
}
