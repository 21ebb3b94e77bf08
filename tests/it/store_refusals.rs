//! Each file the store must refuse is refused with its own error, and left
//! exactly as it was: the same bytes, and no `-wal`, `-shm` or `-journal`
//! beside it.

use crate::support::store::*;
use casenotes::store::{SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Opens `path` and checks the folder is byte-for-byte the same afterwards.
fn refused(dir: &Path, path: &Path) -> StoreError {
    let before = snapshot(dir);
    let Err(err) = Store::open(path, "alice") else {
        panic!("{} was opened but should have been refused", path.display());
    };
    let after = snapshot(dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file created or removed beside it"
    );
    assert!(before == after, "no file's bytes changed");
    err
}

#[test]
fn a_file_from_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    make_case_file(&path);
    let c = Connection::open(&path).unwrap();
    c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(c);
    let err = refused(dir.path(), &path);
    assert!(
        matches!(err, StoreError::NewerSchema { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("newer version of casenotes"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "Dear diary, this is a text file and not a database at all.\n",
    )
    .unwrap();
    let err = refused(dir.path(), &path);
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    // Shorter than the header is refused the same way.
    std::fs::write(&path, "SQLite").unwrap();
    assert!(matches!(
        refused(dir.path(), &path),
        StoreError::NotADatabase { .. }
    ));
}

#[test]
fn a_corrupt_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    make_case_file(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 100-byte header (magic included); ruin the rest of page one,
    // where the schema lives.
    for b in &mut bytes[100..4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(dir.path(), &path);
    assert!(matches!(err, StoreError::Corrupt), "{err:?}");
}

#[test]
fn a_file_with_a_damaged_header_is_refused_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    make_case_file(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    // Page size 3 bytes: impossible.
    bytes[16] = 0;
    bytes[17] = 3;
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(dir.path(), &path);
    assert!(matches!(err, StoreError::Corrupt), "{err:?}");
}

#[test]
fn a_database_of_another_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    let c = Connection::open(&path).unwrap();
    c.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(c);
    let err = refused(dir.path(), &path);
    assert!(matches!(err, StoreError::NotCasenotes { .. }), "{err:?}");
}

#[test]
fn a_read_only_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    make_case_file(&path);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    let err = refused(dir.path(), &path);
    assert!(matches!(err, StoreError::ReadOnlyFile { .. }), "{err:?}");
}

#[test]
fn a_file_in_a_read_only_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("c.sqlite3");
    make_case_file(&path);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let err = refused(&folder, &path);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(
        matches!(err, StoreError::ReadOnlyDirectory { .. }),
        "{err:?}"
    );
}

#[test]
fn a_new_file_in_a_read_only_folder_is_refused_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let err = refused(&folder, &folder.join("new.sqlite3"));
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(
        matches!(err, StoreError::ReadOnlyDirectory { .. }),
        "{err:?}"
    );
}

#[test]
fn a_folder_is_refused_as_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = refused(dir.path(), dir.path());
    assert!(matches!(err, StoreError::NotAFile { .. }), "{err:?}");
}

#[test]
fn refusal_messages_are_plain_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a database, just some text here").unwrap();
    let msg = refused(dir.path(), &path).to_string();
    assert!(msg.ends_with('.'), "{msg}");
    assert!(msg.contains("not a casenotes case file"), "{msg}");
    assert!(!msg.contains("SQLITE_"), "{msg}");
}
