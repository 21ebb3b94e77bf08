//! The writer and a busy case file (issue 12, capacity of one team file):
//! a save that waits a moment for a colleague's write lock, with its text
//! safe in a recovery file meanwhile, is retried quietly and never shown
//! to the person as a problem; text that could not be kept safe is
//! reported at once.

use crate::support::store::*;
use casenotes::service::{RecoveryDir, WriteJob, WriteOutcome, Writer};
use rusqlite::Connection;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A draft, a writer on a connection of its own (keeping waiting text in
/// recovery files when `keep`), and a colleague holding the write lock;
/// the save handed over while the lock is held.
fn busy_save(
    keep: bool,
) -> (
    Connection,
    mpsc::Receiver<WriteOutcome>,
    Writer,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    let mut s = open(&path, "alice");
    let (f, c) = family_with_child(&mut s, "EX-00001");
    let id = s
        .create_record(f, &form(), &draft(c, answers(c, "first words")))
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let recovery = keep.then(|| RecoveryDir::new(&dir.path().join("recovery"), &path));
    let writer = Writer::start(s.open_another().unwrap(), recovery, tx);
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer.submit(WriteJob::Save {
        record: id,
        expected_revision: 1,
        draft: draft(c, answers(c, "words written while the file was busy")),
        generation: 1,
    });
    (holder, rx, writer, dir)
}

#[test]
fn a_short_wait_with_the_text_kept_safe_is_not_shown() {
    let (holder, rx, mut writer, dir) = busy_save(true);
    // Past the writer's first wait for the lock (750 ms): the text is in a
    // recovery file by now.
    std::thread::sleep(Duration::from_millis(1_500));
    let kept = std::fs::read_dir(dir.path().join("recovery"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(kept, 1, "the waiting text is in a recovery file");
    holder.execute_batch("COMMIT").unwrap();
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(WriteOutcome::Saved { .. }) => break,
            Ok(WriteOutcome::Waiting { .. }) => panic!("a short wait was reported"),
            Ok(WriteOutcome::Failed { error, .. }) => panic!("the save failed: {error}"),
            Ok(_) => {}
            Err(_) => panic!("never saved after the lock was let go"),
        }
    }
    assert!(
        writer
            .finish(Instant::now() + Duration::from_secs(5))
            .is_some()
    );
}

#[test]
fn a_wait_without_a_recovery_file_is_shown_at_once() {
    let (holder, rx, mut writer, _dir) = busy_save(false);
    match rx.recv_timeout(Duration::from_secs(3)) {
        Ok(WriteOutcome::Waiting { kept: None, .. }) => {}
        Ok(_) => panic!("something else came first"),
        Err(_) => panic!("the person was not told the text is not safe"),
    }
    holder.execute_batch("COMMIT").unwrap();
    assert!(
        writer
            .finish(Instant::now() + Duration::from_secs(10))
            .is_some()
    );
}
