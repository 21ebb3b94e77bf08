//! Opening a case file: the checks before SQLite sees it, the connection
//! settings every session relies on, the migration, and the two transaction
//! helpers every other part of the store goes through.

use super::error::StoreError;
use super::guard;
use super::migrate::{self, check_identity, identity};
use super::schema::SCHEMA_VERSION;
use super::schema_check::{self, SchemaReport};
use super::text::instant_text;
use crate::user::{AsLogin, UserLogin};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another writer before giving up with
/// [`StoreError::Busy`]. Saves take milliseconds; several seconds covers a
/// colleague's backup or a slow shared disk without hanging the screen.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the store gets the time from; tests set a fixed one.
pub type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

/// An open case file, used by one person.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    user: UserLogin,
    clock: Clock,
    /// The tables and protections are as this version made them; when not,
    /// every write is refused (reading still works, to get the text out).
    schema_intact: bool,
}

/// The context of one write transaction: who, when, and the transaction.
pub(crate) struct Tx<'a> {
    pub tx: Transaction<'a>,
    pub user: &'a str,
    pub now: String,
}

impl Store {
    /// Opens (creating if missing) the case file at `path` for `user`, the
    /// login name of the person at the keyboard. Refuses, without writing
    /// anything, a file that is not SQLite, belongs to another program, is
    /// damaged, read-only, in a read-only folder, or from a newer casenotes.
    ///
    /// `user` is a [`UserLogin`] or text that is checked as one (tests and
    /// the demonstration name their users as text).
    pub fn open(
        path: impl AsRef<Path>,
        user: &(impl AsLogin + ?Sized),
    ) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let user: UserLogin = user.to_login()?;
        let user = &user;
        // The only place the path is looked at outside SQLite, and only
        // before this process has a connection to it: see `open_another`.
        guard::prepare(path)?;
        Store::connect(path, user, Connect::First)
    }

    /// A further connection to the same file, for work beside this one (the
    /// writer thread, the due list). Opened through SQLite alone: once a
    /// connection is open, nothing in the process may open the file, its
    /// `-wal` or `-shm` itself, because closing any descriptor of the file
    /// drops every POSIX lock the process holds on it, and another client
    /// would then take itself for the last user and delete the WAL.
    pub fn open_another(&self) -> Result<Store, StoreError> {
        Store::connect(&self.path, &self.user, Connect::Another)
    }

    fn connect(path: &Path, user: &UserLogin, how: Connect) -> Result<Store, StoreError> {
        // No CREATE flag: the file exists now (guard made it, owner-only), and
        // SQLite must never make one of its own if it vanished meanwhile.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| at_open(e, path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Connection settings only; none of these writes to the file.
        // trusted_schema off: a file from elsewhere cannot make our queries
        // run functions with side effects through its views or triggers.
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;")
            .map_err(|e| at_open(e, path))?;
        let id = identity(&conn).map_err(|e| at_open(e, path))?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnlyFile {
                path: path.to_path_buf(),
            });
        }
        check_identity(id, path)?;
        if how == Connect::Another && id.version != SCHEMA_VERSION {
            // The first connection migrated the file; anything else means
            // another program changed it underneath us.
            return Err(StoreError::SchemaChanged);
        }
        // Only now, with the file known to be ours (or empty), is anything
        // written to it.
        set_wal(&conn).map_err(|e| at_open(e, path))?;
        // FULL: in WAL mode, NORMAL may lose the last transactions on power
        // loss (they are in the log but not yet synced). A finalised case
        // record must survive a power cut the moment the screen says saved,
        // so every commit syncs the log. The cost is one fsync per save.
        // temp_store in memory: statement journals (needed by every write
        // that fires our triggers) stay off the disk and out of /tmp, where
        // they would cost a write per page and leave case data in a temp file.
        // secure_delete: text replaced by a later save is overwritten with
        // zeros in the file instead of lingering in free pages, where anyone
        // with a copy of the file could read what was deleted.
        conn.execute_batch(
            "PRAGMA synchronous = FULL;
             PRAGMA journal_size_limit = 16777216;
             PRAGMA temp_store = MEMORY;
             PRAGMA secure_delete = ON;",
        )?;
        if id.version < SCHEMA_VERSION {
            migrate::migrate(&mut conn, path)?;
        }
        let schema_intact = schema_check::compare(&conn)?.is_intact();
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            user: user.clone(),
            clock: Box::new(Utc::now),
            schema_intact,
        })
    }

    /// Changes how long a write waits for another writer's lock (the
    /// writer thread waits less, and puts the text somewhere safe first).
    pub fn set_busy_timeout(&mut self, wait: Duration) {
        // Only fails for a closed connection, which a Store never holds.
        let _ = self.conn.busy_timeout(wait);
    }

    /// Whether the file's tables and protections were as this version made
    /// them when it was opened. When not, writes are refused.
    pub fn schema_intact(&self) -> bool {
        self.schema_intact
    }

    /// How the file's structure differs from what this version makes, by
    /// object name (for `casenotes check`).
    pub fn schema_report(&self) -> Result<SchemaReport, StoreError> {
        schema_check::compare(&self.conn)
    }

    /// The file this store has open.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The login name of the person using this store.
    pub fn user(&self) -> &UserLogin {
        &self.user
    }

    /// Replaces the clock (tests use a fixed time).
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + 'static) {
        self.clock = Box::new(clock);
    }

    /// The time now, by this store's clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs SQLite's full integrity check; `Err(Corrupt)` if it finds
    /// anything. Slow on a big file: for a `check` command, not for start-up.
    pub fn check_integrity(&self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if lines.len() == 1 && lines[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt)
        }
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction, committing if it
    /// returns `Ok`. Immediate, so that a writer waits for the lock at the
    /// start (under the busy timeout) instead of failing half-way when a
    /// read turns into a write.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if !self.schema_intact {
            return Err(StoreError::SchemaChanged);
        }
        let now = instant_text((self.clock)());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ctx = Tx {
            tx,
            user: self.user.as_str(),
            now,
        };
        let out = f(&ctx)?;
        ctx.tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a read transaction, so that several queries see one
    /// state of the file even while others write.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }
}

/// Whether a connection is the process's first to the file (the path
/// checks and the migration happen then) or a further one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Connect {
    First,
    Another,
}

/// Maps errors met while opening: the file began like SQLite (guard checked
/// the magic bytes), so "not a database" here means a damaged header.
fn at_open(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt,
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnlyFile {
            path: path.to_path_buf(),
        },
        _ => StoreError::from(e),
    }
}

/// Switches the file to WAL once; retries while another process does the
/// same, since changing the journal mode takes an exclusive lock that the
/// busy handler does not always wait for.
fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        return Ok(());
    }
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(m) if m.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some("the file cannot be put in WAL mode".to_owned()),
                ));
            }
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
}
