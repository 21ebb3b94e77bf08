//! Where the demonstration runs: a file the demonstration made and marked
//! itself, either kept where the trainer asked (`--keep PATH`) or in a
//! fresh temporary folder. It adds finalised records that can never be
//! removed and makes the trainer a supervisor, so every other file is
//! refused, and nothing is created until every check has passed.

use super::{DEMO_REFERENCE, DemoError, seed};
use crate::form::FormSet;
use crate::store::Store;
use crate::user::UserLogin;
use chrono::NaiveDate;
use std::fs::{DirBuilder, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The demonstration's file, ready to open.
#[derive(Debug)]
pub struct DemoFile {
    path: PathBuf,
    /// The folder made for a throwaway demonstration, removed by `finish`.
    temp_dir: Option<PathBuf>,
}

impl DemoFile {
    /// The demonstration file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes a throwaway demonstration (nothing in it is real); a kept
    /// file stays where it is.
    pub fn finish(self) {
        if let Some(dir) = self.temp_dir {
            // Best effort: a leftover holds only the fictional family.
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Makes the demonstration's file ready for `user`, with its records dated
/// around `today`.
///
/// With `keep`, an existing demonstration file is reused (seeded again
/// only if its family is missing); any other existing file is refused
/// untouched, as is a new path whose folder is missing or which is one of
/// `real_files` (where casenotes would look for a real case file, so the
/// demonstration could later pass for one). Without `keep`, the file goes
/// in a new temporary folder. A new file is seeded with the built-in forms
/// only, whatever an organisation's forms directory holds, and is removed
/// again if seeding fails, so no half-made file is ever left.
pub fn prepare(
    keep: Option<&Path>,
    real_files: &[PathBuf],
    user: &UserLogin,
    today: NaiveDate,
) -> Result<DemoFile, DemoError> {
    let Some(path) = keep else {
        let dir = temp_folder()?;
        let path = dir.join("casenotes-DEMO.sqlite3");
        if let Err(e) = create_new(&path).and_then(|()| fill_new(&path, user, today)) {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        return Ok(DemoFile {
            path,
            temp_dir: Some(dir),
        });
    };
    // symlink_metadata, so that a link to nowhere counts as something there.
    if std::fs::symlink_metadata(path).is_ok() {
        reuse(path, user, today)?;
    } else {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(DemoError::Refused(format!(
                "the folder {} does not exist; the demonstration makes a new file but not \
                 the folders above it",
                dir.display()
            )));
        }
        if real_files.iter().any(|r| same_file_name(r, path)) {
            return Err(DemoError::Refused(format!(
                "{} is where casenotes looks for a real case file, so the demonstration will \
                 not put its fictional family there; name another file for --keep",
                path.display()
            )));
        }
        create_new(path)?;
        if let Err(e) = fill_new(path, user, today) {
            remove_file_and_log(path);
            return Err(e);
        }
    }
    Ok(DemoFile {
        path: path.to_path_buf(),
        temp_dir: None,
    })
}

fn not_a_demo_file(path: &Path) -> DemoError {
    DemoError::Refused(format!(
        "{} is not a demonstration file, so the demonstration will not write to it (it \
         only writes to a file it made itself); nothing was changed. Name a file that does \
         not exist yet for --keep",
        path.display()
    ))
}

/// Opens an existing demonstration file, asking the file first without
/// writing to it, so that a real case file is never opened for writing.
fn reuse(path: &Path, user: &UserLogin, today: NaiveDate) -> Result<(), DemoError> {
    if !Store::is_demo_file(path) {
        return Err(not_a_demo_file(path));
    }
    let mut store = Store::open(path, user)?;
    // Asked again through the store's own connection: the answer above
    // was read without locks.
    if !store.is_demo()? {
        return Err(not_a_demo_file(path));
    }
    if store.family_by_reference(DEMO_REFERENCE)?.is_none() {
        seed(&mut store, &built_in_forms()?, today)?;
    }
    Ok(())
}

/// Marks and seeds a file this demonstration has just created.
fn fill_new(path: &Path, user: &UserLogin, today: NaiveDate) -> Result<(), DemoError> {
    let forms = built_in_forms()?;
    let mut store = Store::open(path, user)?;
    store.mark_demo()?;
    seed(&mut store, &forms, today)?;
    Ok(())
}

fn built_in_forms() -> Result<FormSet, DemoError> {
    FormSet::built_in().map_err(|e| DemoError::Data(e.to_string()))
}

/// Creates an empty file at `path`, owner-only, failing if anything is
/// there already: whatever is at `path` from now on was made here.
fn create_new(path: &Path) -> Result<(), DemoError> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|e| {
            DemoError::Refused(format!(
                "cannot make the demonstration file {}: {e}",
                path.display()
            ))
        })
}

/// Removes a file this demonstration made and could not finish, with the
/// log files SQLite keeps beside it.
fn remove_file_and_log(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        // Best effort: a leftover is a file holding nothing real.
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Makes a new folder of this user's own in the temporary directory. Never
/// an existing one: another user could have put a link there.
fn temp_folder() -> Result<PathBuf, DemoError> {
    let base = std::env::temp_dir();
    let mut last = None;
    for n in 0..100u32 {
        let dir = base.join(format!("casenotes-demo-{}-{n}", std::process::id()));
        match DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                last = Some(e);
                break;
            }
        }
    }
    Err(DemoError::Refused(format!(
        "cannot make a folder for the demonstration in {}: {}",
        base.display(),
        last.map_or_else(|| "no free name".to_owned(), |e| e.to_string())
    )))
}

/// Whether `a` and `b` name the same file, comparing their folders as the
/// system resolves them (so `./x` and `/home/t/x` match). A folder that
/// does not exist matches nothing.
fn same_file_name(a: &Path, b: &Path) -> bool {
    let folder = |p: &Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok(),
        _ => Path::new(".").canonicalize().ok(),
    };
    a.file_name().is_some()
        && a.file_name() == b.file_name()
        && folder(a).is_some()
        && folder(a) == folder(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn login(s: &str) -> UserLogin {
        UserLogin::new(s).unwrap()
    }

    #[test]
    fn a_kept_file_is_made_marked_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite3");
        let demo = prepare(Some(&path), &[], &login("trainer"), today()).unwrap();
        assert_eq!(demo.path(), path);
        demo.finish();
        assert!(Store::is_demo_file(&path));
        // Again: the same family, not a second one.
        prepare(Some(&path), &[], &login("trainer"), today()).unwrap();
        let s = Store::open(&path, "trainer").unwrap();
        assert!(s.family_by_reference(DEMO_REFERENCE).unwrap().is_some());
        assert_eq!(s.count_families().unwrap(), 1);
    }

    #[test]
    fn a_real_file_is_refused_byte_for_byte_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("real.sqlite3");
        {
            let mut s = Store::open(&path, "worker").unwrap();
            s.add_user("worker", crate::user::Role::Practitioner)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let e = prepare(Some(&path), &[], &login("worker"), today()).unwrap_err();
        assert!(e.to_string().contains("is not a demonstration file"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_or_a_real_place_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/demo.sqlite3");
        let e = prepare(Some(&path), &[], &login("trainer"), today()).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        let real = dir.path().join("casenotes.sqlite3");
        let other_spelling = dir.path().join(".").join("casenotes.sqlite3");
        let e = prepare(Some(&other_spelling), &[real], &login("trainer"), today()).unwrap_err();
        assert!(e.to_string().contains("real case file"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_throwaway_demo_is_removed_when_finished() {
        let demo = prepare(None, &[], &login("trainer"), today()).unwrap();
        let path = demo.path().to_path_buf();
        assert!(Store::is_demo_file(&path));
        demo.finish();
        assert!(!path.exists());
        assert!(path.parent().is_some_and(|d| !d.exists()));
    }
}
