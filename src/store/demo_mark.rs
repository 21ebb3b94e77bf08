//! The mark that tells a demonstration file from a real case file. The
//! demonstration adds finalised records, which can never be removed, and
//! makes the trainer a supervisor; it may do that only to a file it made
//! and marked itself, and this mark is how it recognises one later.

use super::audit::{AuditAction, AuditEntity};
use super::error::StoreError;
use super::open::Store;
use super::schema::APPLICATION_ID;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

impl Store {
    /// Marks this file as a demonstration file. Only a file with no
    /// families and no users can be marked (the schema enforces it too),
    /// so a real case file can never become one.
    pub fn mark_demo(&mut self) -> Result<(), StoreError> {
        self.write(|tx| {
            let used: bool = tx.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM family) OR EXISTS (SELECT 1 FROM users)",
                [],
                |r| r.get(0),
            )?;
            if used {
                return Err(StoreError::Invalid(
                    "Only a new, empty file can be made a demonstration file.",
                ));
            }
            tx.tx.execute(
                "INSERT OR IGNORE INTO demo_mark (id, marked_at) VALUES (1, ?1)",
                params![tx.now],
            )?;
            tx.audit(AuditAction::Created, AuditEntity::File, None, None, None)
        })
    }

    /// Whether this file was made by the demonstration.
    pub fn is_demo(&self) -> Result<bool, StoreError> {
        self.read(|c| marked(c).map_err(StoreError::from))
    }

    /// Whether the existing file at `path` is a demonstration file, found
    /// out without writing to it or creating anything beside it, so that
    /// asking about a real case file leaves it exactly as it was. Anything
    /// that cannot be read as one (another program's file, a damaged file,
    /// plain text, a missing file) is not one.
    pub fn is_demo_file(path: &Path) -> bool {
        // immutable: SQLite takes no locks and makes no -wal or -shm file.
        // A mark still only in a colleague's write-ahead log is missed,
        // which errs on the side of refusing.
        let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path.as_os_str()));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(conn) = Connection::open_with_flags(uri, flags) else {
            return false;
        };
        let ours = conn
            .pragma_query_value(None, "application_id", |r| r.get::<_, i64>(0))
            .is_ok_and(|id| id == APPLICATION_ID);
        ours && marked(&conn).unwrap_or(false)
    }
}

fn marked(c: &Connection) -> rusqlite::Result<bool> {
    let has_table = c
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'demo_mark'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !has_table {
        return Ok(false);
    }
    c.query_row("SELECT EXISTS (SELECT 1 FROM demo_mark)", [], |r| r.get(0))
}

/// `path` written for a `file:` URI: every byte but the unreserved ones and
/// `/` percent-encoded, so `?`, `#` and `%` in a name stay part of it.
fn uri_path(path: &OsStr) -> String {
    let mut out = String::new();
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_marked_and_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("odd ?#% name.sqlite3");
        let mut s = Store::open(&path, "trainer").unwrap();
        assert!(!s.is_demo().unwrap());
        s.mark_demo().unwrap();
        assert!(s.is_demo().unwrap());
        drop(s);
        assert!(Store::is_demo_file(&path));
    }

    #[test]
    fn a_file_in_use_is_never_marked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("real.sqlite3");
        let mut s = Store::open(&path, "worker").unwrap();
        s.add_user("worker", crate::user::Role::Practitioner)
            .unwrap();
        assert!(matches!(s.mark_demo(), Err(StoreError::Invalid(_))));
        assert!(!s.is_demo().unwrap());
        // The schema refuses it too, whatever the program does.
        let e = s
            .conn
            .execute("INSERT INTO demo_mark (id, marked_at) VALUES (1, 'x')", [])
            .unwrap_err();
        assert!(e.to_string().contains("only a new, empty file"), "{e}");
        drop(s);
        let before = std::fs::read(&path).unwrap();
        assert!(!Store::is_demo_file(&path));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no -wal or -shm was left beside the file");
    }

    #[test]
    fn other_files_are_not_demo_files_and_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database").unwrap();
        assert!(!Store::is_demo_file(&text));
        assert!(!Store::is_demo_file(&dir.path().join("missing.sqlite3")));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "nothing was created beside the file");
        assert_eq!(std::fs::read(&text).unwrap(), b"not a database");
    }
}
