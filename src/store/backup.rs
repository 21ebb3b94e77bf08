//! Backing up the open file with SQLite's online backup API, which copies a
//! consistent snapshot while others keep reading and writing. A plain file
//! copy could catch a half-written page or miss what is still in the WAL.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::open::Store;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::fs::{OpenOptions, Permissions};
use std::io::ErrorKind;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

impl Store {
    /// Writes a complete copy of the case file to `dest`, a new file made
    /// owner-only, checks the copy, and logs the backup. Never overwrites an
    /// existing file.
    pub fn backup_to(&mut self, dest: impl AsRef<Path>) -> Result<(), StoreError> {
        let dest = dest.as_ref();
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dest)
        {
            Ok(f) => f
                .set_permissions(Permissions::from_mode(0o600))
                .map_err(|e| StoreError::io(dest, e))?,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(StoreError::BackupExists {
                    path: dest.to_path_buf(),
                });
            }
            Err(e) => return Err(StoreError::io(dest, e)),
        }
        let copied = copy_into(&self.conn, dest);
        if let Err(e) = copied {
            // The file is ours (created above) and holds no complete copy.
            let _ = std::fs::remove_file(dest);
            return Err(e);
        }
        self.write(|tx| tx.audit(AuditAction::BackedUp, AuditEntity::File, None, None, None))
    }
}

fn copy_into(src: &Connection, dest: &Path) -> Result<(), StoreError> {
    let mut out = Connection::open(dest)?;
    {
        let backup = Backup::new(src, &mut out)?;
        let deadline = Instant::now() + super::open::BUSY_TIMEOUT;
        loop {
            // -1: every page in one step, so the copy is one snapshot and
            // cannot be restarted by a colleague's write half-way through.
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => return Err(StoreError::Busy),
            }
        }
    }
    let check: String = out.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt);
    }
    out.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok(())
}
