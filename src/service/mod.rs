//! The use cases the terminal interface and the command line share, above
//! the store, one file each: the due list, the action register, search,
//! the forms in use, exporting a record, a backup, the writer thread that
//! saves drafts off the interface thread, and the recovery files that hold
//! text the case file could not take. (docs/architecture.md: the rest of the use cases move here from
//! `tui/effects.rs`.)

pub mod actions;
pub mod backup;
pub mod due;
pub mod export;
pub mod forms;
pub mod recovery;
pub mod search;
pub mod writer;

pub use recovery::{Recovered, RecoveryDir};
pub use writer::{Unsaved, WriteJob, WriteOutcome, Writer};
