//! What can go wrong in the store, as plain sentences for the people using
//! the program. No message ever carries the text of an answer or the name of
//! a child: errors end up on screen, in terminals that others may see, and in
//! logs.

use super::ids::RecordId;
use crate::record::Completeness;
use std::path::PathBuf;

/// Everything the store can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file's schema is newer than this program understands.
    #[error(
        "{path} was written by a newer version of casenotes (its format is version {found}; \
         this program understands up to version {supported}). Nothing was changed; \
         update casenotes to open it."
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The file's `user_version`.
        found: i64,
        /// The newest version this program can migrate to.
        supported: i64,
    },
    /// The file is not an SQLite database at all.
    #[error(
        "{path} is not a casenotes case file (it is not an SQLite database). Nothing was changed."
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The file is an SQLite database belonging to some other program.
    #[error(
        "{path} is a database made by another program, not a casenotes case file. Nothing was changed."
    )]
    NotCasenotes {
        /// The file.
        path: PathBuf,
    },
    /// The path names a directory or something else that is not a file.
    #[error("{path} is not a file. Give the path of a case file, not of a folder.")]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// SQLite reports the file damaged.
    #[error(
        "The case file is damaged and cannot be read safely. Nothing was changed; \
         restore it from a backup or ask for help."
    )]
    Corrupt,
    /// The file may not be written.
    #[error(
        "{path} is read-only. casenotes needs to write to the case file; ask for write \
         permission or open a copy."
    )]
    ReadOnlyFile {
        /// The file.
        path: PathBuf,
    },
    /// The file's folder may not be written, so SQLite could not keep its
    /// write-ahead log beside the file.
    #[error(
        "The folder {dir} is read-only. casenotes needs to write beside the case file; \
         ask for write permission on the folder or use another folder."
    )]
    ReadOnlyDirectory {
        /// The folder.
        dir: PathBuf,
    },
    /// No data directory can be found for this user (no home directory).
    #[error(
        "No data folder could be found for this user. Name a case file with --db or CASENOTES_DB."
    )]
    NoDataDirectory,
    /// A file could not be created, read or checked.
    #[error("{path} could not be used: {source}.")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Someone else holds the file's write lock for longer than we wait.
    #[error(
        "The case file is busy: someone else is saving. Nothing was lost; try again in a moment."
    )]
    Busy,
    /// The draft changed underneath the caller; nothing was overwritten.
    #[error(
        "Record {} was saved from another session while you were editing it. That version \
         was not overwritten and yours is kept, so you can save it as a new draft.",
        .0.record
    )]
    Conflict(Conflict),
    /// The record is finalised and can no longer change.
    #[error(
        "Record {record} has been finalised and cannot be changed. Add an addendum to correct \
         or add to it."
    )]
    Finalised {
        /// The record.
        record: RecordId,
    },
    /// The draft was discarded and can no longer be opened or saved.
    #[error(
        "Record {record} was a draft that has been discarded; it can no longer be opened or \
         saved. Nothing was changed."
    )]
    Discarded {
        /// The record.
        record: RecordId,
    },
    /// Only a draft's author or a supervisor may discard it.
    #[error(
        "Only the author of draft {record} or a supervisor can discard it. Nothing was changed."
    )]
    NotYourDraft {
        /// The record.
        record: RecordId,
    },
    /// An addendum was asked for on a record that is still a draft.
    #[error(
        "Record {record} is still a draft; change the draft itself instead of adding an addendum."
    )]
    NotFinalised {
        /// The record.
        record: RecordId,
    },
    /// Finalising was refused because answers are missing or wrong.
    #[error(
        "This record cannot be finalised yet: {} answer(s) are missing or need correcting.",
        .0.problems.len()
    )]
    Incomplete(Completeness),
    /// Finalising was asked for with a form other than the record's own.
    #[error(
        "This record was written with form {form_id} version {version}; it can only be \
         finalised with that form."
    )]
    FormMismatch {
        /// The record's form id.
        form_id: String,
        /// The record's form version.
        version: u32,
    },
    /// A form's text differs from the text already stored under the same id
    /// and version, so old records could be shown with the wrong form.
    #[error(
        "Form {form_id} version {version} is not the same as the one already kept in this \
         case file. A changed form needs a new version number."
    )]
    FormVersionClash {
        /// The form id.
        form_id: String,
        /// The version both texts claim.
        version: u32,
    },
    /// Only the record's author or a supervisor may finalise it.
    #[error("Only the author of record {record} or a supervisor can finalise it.")]
    NotAllowed {
        /// The record.
        record: RecordId,
    },
    /// Only a family's allocated worker or a supervisor may change its
    /// allocation, status or flags.
    #[error(
        "Only the family's allocated worker or a supervisor can change who it is allocated to, \
         whether it is open or closed, or its plan flags. Nothing was changed."
    )]
    NotYourFamily,
    /// Only supervisors may start a record of this form.
    #[error(
        "Only a supervisor can write a {form} record; ask a supervisor, or have one add you with `casenotes user add`."
    )]
    SupervisorsOnly {
        /// The form's title.
        form: String,
    },
    /// A read-only user asked to write.
    #[error(
        "You have read-only access to this case file: you can read and export records, but not \
         write, change or add anything. Nothing was changed; ask a supervisor if you need to write."
    )]
    ReadOnlyUser,
    /// Only a supervisor or manager may add or change users (once one is
    /// listed).
    #[error("Only a supervisor or manager can add or change users. Nothing was changed.")]
    NotUserAdmin,
    /// No row with this id.
    #[error("There is no {what} {id} in this case file.")]
    NotFound {
        /// What was looked for ("family", "record", ...).
        what: &'static str,
        /// The id.
        id: i64,
    },
    /// Another family already has this reference number.
    #[error("Another family already has reference {reference}. Reference numbers must be unique.")]
    DuplicateReference {
        /// The reference number (the council's case number, not a name).
        reference: String,
    },
    /// A user with this login name is already listed.
    #[error("{login} is already a user of this case file.")]
    UserExists {
        /// The login name.
        login: String,
    },
    /// No user with this login name is listed.
    #[error("{login} is not a user of this case file; add them first.")]
    UnknownUser {
        /// The login name.
        login: String,
    },
    /// A value given to the store breaks one of its rules.
    #[error("{0}")]
    Invalid(&'static str),
    /// A login, display name or role given to the store is not one.
    #[error(transparent)]
    User(#[from] crate::user::UserError),
    /// A backup would overwrite an existing file.
    #[error("{path} already exists. Choose a new name for the backup; nothing was overwritten.")]
    BackupExists {
        /// The destination asked for.
        path: PathBuf,
    },
    /// A stored record's answers cannot be read back.
    #[error(
        "The answers of record {record} cannot be read; the case file may have been changed by another program."
    )]
    UnreadableAnswers {
        /// The record.
        record: RecordId,
    },
    /// The file's tables or protections are not what this version of
    /// casenotes made: something outside it changed the file, so writing
    /// could break the rules that keep finalised records unchanged.
    #[error(
        "The case file's structure has been changed by another program (a table or one of the \
         protections that keep finalised records unchanged is missing or altered). Nothing \
         was written; ask your team manager to run `casenotes check`."
    )]
    SchemaChanged,
    /// Any other SQLite failure. The message names only SQLite's error code,
    /// never the statement or its values.
    #[error("The case file could not be read or written ({}).", sqlite_reason(.0))]
    Sqlite(#[source] rusqlite::Error),
}

/// A save that found the record moved on: which record, and the revision
/// the caller started from beside the one stored now. It holds no answers of
/// either side, so it can be logged or shown as it is; the caller still has
/// its own draft and keeps it with
/// [`Store::create_record_from_conflict`](super::Store::create_record_from_conflict),
/// which makes it a new draft beside the stored record.
// Only ids and numbers, so the derived Debug cannot show answer text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The record that was saved from another session.
    pub record: RecordId,
    /// The revision the caller's draft was based on.
    pub expected_revision: i64,
    /// The record's revision as stored now.
    pub stored_revision: i64,
}

/// SQLite's error code as a plain reason; the statement and its values are
/// never shown (they may hold a child's name).
fn sqlite_reason(e: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DiskFull) => "the disk is full",
        Some(C::ReadOnly) => "the file has become read-only",
        Some(C::SystemIoFailure) => "the disk reported an error",
        Some(C::PermissionDenied) => "permission was refused",
        Some(C::CannotOpen) => "the file could not be opened; it may have been moved or deleted",
        Some(C::ConstraintViolation) => "one of the case file's rules refused the change",
        Some(C::OutOfMemory) => "the computer ran out of memory",
        Some(C::FileLockingProtocolFailed) => "the file's locks failed",
        Some(C::TooBig) => "a piece of text is too large to store",
        Some(C::SchemaChanged) => "the file's structure changed while it was in use",
        Some(C::Unknown) => "the file's structure is not what this version of casenotes expects",
        Some(_) => "SQLite reported an unexpected error",
        None => "a stored value could not be read",
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// An `Io` error about a path.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
