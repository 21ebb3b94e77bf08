//! The "unfinished draft" marker. While a draft is open in the form, a
//! small file in the user's state directory names the case file, the record
//! and the process. Leaving the form on purpose removes the entry; a dropped
//! connection, a signal, a panic or a killed process leaves it, so the next
//! start can honestly say "you were interrupted while writing this".
//!
//! The file holds ids only, never names or answers, and is owner-only.

use crate::record::RecordId;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// One draft that was open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The case file, as given (canonical when it could be made so).
    pub db: PathBuf,
    /// The record's id.
    pub record: RecordId,
    /// The process that had it open.
    pub pid: u32,
}

/// The marker file.
#[derive(Clone, Debug)]
pub struct Markers {
    file: PathBuf,
    db: PathBuf,
}

impl Markers {
    /// Markers for this case file, kept in `dir` (the state directory).
    pub fn new(dir: &Path, db: &Path) -> Markers {
        Markers {
            file: dir.join("open-drafts.json"),
            db: fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf()),
        }
    }

    /// Markers in the user's state directory (XDG), if there is one.
    pub fn in_state_dir(db: &Path) -> Option<Markers> {
        let dirs = directories::ProjectDirs::from("", "", "casenotes")?;
        let dir = dirs
            .state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf();
        Some(Markers::new(&dir, db))
    }

    fn read(&self) -> Vec<Entry> {
        fs::read_to_string(&self.file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    fn write(&self, entries: &[Entry]) -> std::io::Result<()> {
        if let Some(dir) = self.file.parent() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        let tmp = self.file.with_extension("json.tmp");
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(
            serde_json::to_string(entries)
                .unwrap_or_default()
                .as_bytes(),
        )?;
        f.sync_all()?;
        // Renamed into place so a crash mid-write never leaves half a file.
        fs::rename(&tmp, &self.file)
    }

    /// Notes that this process has the record open.
    pub fn opened(&self, record: RecordId) -> std::io::Result<()> {
        let mut all = self.read();
        all.retain(|e| !(e.db == self.db && e.record == record));
        all.push(Entry {
            db: self.db.clone(),
            record,
            pid: std::process::id(),
        });
        self.write(&all)
    }

    /// Notes that the record was left on purpose (or finalised).
    pub fn closed(&self, record: RecordId) -> std::io::Result<()> {
        let mut all = self.read();
        let before = all.len();
        all.retain(|e| !(e.db == self.db && e.record == record));
        if all.len() == before {
            return Ok(());
        }
        self.write(&all)
    }

    /// The records of this case file left open by a process that is no
    /// longer running (a process still running has them open right now).
    pub fn interrupted(&self) -> Vec<RecordId> {
        self.read()
            .into_iter()
            .filter(|e| e.db == self.db && !process_alive(e.pid))
            .map(|e| e.record)
            .collect()
    }
}

fn process_alive(pid: u32) -> bool {
    pid != std::process::id() && crate::sys::process_exists(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_then_close_leaves_nothing_and_our_own_pid_counts_as_gone() {
        let dir = tempfile::tempdir().unwrap();
        let m = Markers::new(dir.path(), Path::new("/nonexistent/cases.sqlite3"));
        m.opened(RecordId(7)).unwrap();
        assert_eq!(m.interrupted(), vec![RecordId(7)]);
        m.closed(RecordId(7)).unwrap();
        assert!(m.interrupted().is_empty());
        let other = Markers::new(dir.path(), Path::new("/nonexistent/other.sqlite3"));
        m.opened(RecordId(8)).unwrap();
        assert!(other.interrupted().is_empty());
    }
}
