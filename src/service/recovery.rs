//! Recovery files: where a draft's text goes when the case file cannot take
//! it (the disk is full, the file became read-only, a colleague holds the
//! write lock for too long, the program is stopping and the last save did
//! not finish). One owner-only file per case file and record, in the
//! user's state directory, replaced atomically with newer text; the next
//! start offers it back.
//!
//! The files hold answer text, so they are as private as the case file:
//! owner-only, in an owner-only folder, never named in a log.

use crate::record::{Answers, ChildId};
use crate::store::{RecordDraft, RecordId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a recovery file holds: enough to put the text back into its draft,
/// or into a new draft beside it when the draft has moved on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovered {
    /// The case file the text belongs to (canonical when it could be made so).
    pub db: PathBuf,
    /// The draft it was typed into.
    pub record: RecordId,
    /// The revision the text was based on.
    pub expected_revision: i64,
    /// Which edit of this session the text is (newer text replaces older).
    pub generation: u64,
    /// When the file was written.
    pub written_at: DateTime<Utc>,
    /// The event date.
    pub event_date: NaiveDate,
    /// Marked a significant event.
    pub significant: bool,
    /// The children the record is about.
    pub children: Vec<ChildId>,
    /// The answers as typed.
    pub answers: Answers,
}

impl Recovered {
    /// The text as a draft to save.
    pub fn draft(&self) -> RecordDraft {
        RecordDraft {
            event_date: self.event_date,
            significant: self.significant,
            children: self.children.clone(),
            answers: self.answers.clone(),
        }
    }
}

/// The recovery files of one case file. Cloned handles share the note of
/// which generation each file holds, so an older save never replaces newer
/// text, whichever thread writes.
#[derive(Clone, Debug)]
pub struct RecoveryDir {
    dir: PathBuf,
    db: PathBuf,
    kept: Arc<Mutex<HashMap<RecordId, u64>>>,
}

impl RecoveryDir {
    /// Recovery files for `db`, kept in `dir`.
    pub fn new(dir: &Path, db: &Path) -> RecoveryDir {
        RecoveryDir {
            dir: dir.to_path_buf(),
            // realpath(3) only reads links and folders; the case file itself
            // is never opened here (see docs/safety.md).
            db: fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf()),
            kept: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Recovery files in the user's state directory (XDG), if there is one.
    pub fn in_state_dir(db: &Path) -> Option<RecoveryDir> {
        let dirs = directories::ProjectDirs::from("", "", "casenotes")?;
        let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Some(RecoveryDir::new(&base.join("recovery"), db))
    }

    /// The folder the files are in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file_for(&self, record: RecordId) -> PathBuf {
        self.dir
            .join(format!("{:016x}-record-{record}.json", fnv(&self.db)))
    }

    /// Writes `draft` for `record`, unless newer text is kept already.
    /// Returns where the text is. Synced to disk before returning: a
    /// recovery file that a power cut could lose would be a false promise.
    pub fn keep(
        &self,
        record: RecordId,
        expected_revision: i64,
        generation: u64,
        draft: &RecordDraft,
    ) -> std::io::Result<PathBuf> {
        let path = self.file_for(record);
        // A poisoned lock only means another thread panicked while holding
        // it; the map is still a valid map.
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.get(&record).is_some_and(|g| *g > generation) && path.exists() {
            return Ok(path);
        }
        let body = Recovered {
            db: self.db.clone(),
            record,
            expected_revision,
            generation,
            written_at: Utc::now(),
            event_date: draft.event_date,
            significant: draft.significant,
            children: draft.children.clone(),
            answers: draft.answers.clone(),
        };
        let text = serde_json::to_vec(&body).map_err(std::io::Error::other)?;
        write_private(&self.dir, &path, &text)?;
        kept.insert(record, generation);
        Ok(path)
    }

    /// Removes the file for `record` once its text is safely in the case
    /// file (a save of at least `generation` succeeded).
    pub fn discard(&self, record: RecordId, generation: u64) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.get(&record).is_some_and(|g| *g > generation) {
            return;
        }
        kept.remove(&record);
        let _ = fs::remove_file(self.file_for(record));
    }

    /// Removes the file at `path` (after its text was restored).
    pub fn remove(&self, path: &Path) -> std::io::Result<()> {
        match fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The recovery files of this case file, newest first. Files that do
    /// not read are left where they are, for a person to look at.
    pub fn list(&self) -> Vec<(PathBuf, Recovered)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let prefix = format!("{:016x}-record-", fnv(&self.db));
        let mut out: Vec<(PathBuf, Recovered)> = entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with(&prefix) && name.ends_with(".json")
            })
            .filter_map(|e| {
                let path = e.path();
                let meta = fs::symlink_metadata(&path).ok()?;
                // Only regular files of a sane size: this folder is ours, but
                // a link or a device here must not make us read for ever.
                if !meta.is_file() || meta.len() > 64 << 20 {
                    return None;
                }
                let text = fs::read(&path).ok()?;
                let r: Recovered = serde_json::from_slice(&text).ok()?;
                (r.db == self.db).then_some((path, r))
            })
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.1.written_at));
        out
    }
}

/// Writes `text` to `path` owner-only, through a temporary file renamed
/// into place and synced, so that a crash leaves the old file or the new,
/// never half of one.
fn write_private(dir: &Path, path: &Path, text: &[u8]) -> std::io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    f.write_all(text)?;
    f.sync_all()?;
    drop(f);
    fs::rename(&tmp, path)?;
    // The rename itself must survive a power cut too.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A stable 64-bit hash of the case file's path (FNV-1a), so recovery files
/// of different case files with the same record number never mix.
fn fnv(path: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str()
        .as_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Slot, Value};

    fn draft(text: &str) -> RecordDraft {
        let mut answers = Answers::new();
        answers.set(Slot::once("s", "f"), Value::Text(text.into()));
        RecordDraft {
            event_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            significant: false,
            children: vec![],
            answers,
        }
    }

    #[test]
    fn newest_text_wins_and_files_are_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let rec = RecoveryDir::new(&dir.path().join("r"), Path::new("/nonexistent/a.sqlite3"));
        let p = rec.keep(RecordId(3), 2, 5, &draft("newer")).unwrap();
        rec.keep(RecordId(3), 2, 4, &draft("older")).unwrap();
        let list = rec.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].1.generation, 5);
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = fs::metadata(rec.dir()).unwrap().permissions().mode() & 0o777;
        assert_eq!(dmode, 0o700);
        // A save of an older generation does not remove newer text.
        rec.discard(RecordId(3), 4);
        assert_eq!(rec.list().len(), 1);
        rec.discard(RecordId(3), 5);
        assert!(rec.list().is_empty());
    }

    #[test]
    fn other_case_files_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let a = RecoveryDir::new(dir.path(), Path::new("/nonexistent/a.sqlite3"));
        let b = RecoveryDir::new(dir.path(), Path::new("/nonexistent/b.sqlite3"));
        a.keep(RecordId(1), 1, 1, &draft("x")).unwrap();
        assert_eq!(a.list().len(), 1);
        assert!(b.list().is_empty());
    }
}
