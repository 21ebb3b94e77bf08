//! The use cases the terminal interface and the command line share, above
//! the store, one file each: the due list, the forms in use, exporting a
//! record (to a file, too), the people on a family, a backup, the writer
//! thread that saves drafts off the interface thread, and the recovery
//! files that hold text the case file could not take; the case file's own
//! use cases (`case_file`), and what the screens read (`family_view`,
//! `records`), the action register, search and the audit log.

pub mod actions;
pub mod audit_evidence;
pub mod audit_log;
pub mod backup;
pub mod case_file;
mod clock;
mod command_line;
pub mod discard;
pub mod due;
pub mod export;
pub mod export_file;
pub mod family_list;
pub mod family_view;
pub mod forms;
pub mod people;
pub mod previous;
pub mod records;
pub mod recovery;
pub mod search;
pub mod users;
mod write_outcome;
pub mod writer;
mod writer_log;

pub use case_file::{CaseFile, FamilyChange, FamilyField, FamilyRefusal, Saved};
pub use discard::DraftToDiscard;
pub use family_list::{FamilyEntry, FamilyList, FamilyRow};
pub use family_view::{
    ActionCounts, ChildRow, ChronologyView, FamilyView, LastOversight, Oversight, PersonRow,
    RecordRow,
};
pub use previous::PreviousRecord;
pub use records::{CommentNotice, LoadedRecord, ResumeOffer, local_time};
// The store's data types are the service's too: the interfaces name them
// through this layer and never reach the store itself.
pub use crate::store::{
    Action, ActionEvent, ActionOutcome, ActionStatus, CaseStatus, ChainBreak, ChildDetails,
    FamilyDetails, Fork, Hash, NewChronologyEntry, Person, PersonDetails, PersonId, PersonKind,
    Record, RecordDraft, RecordStatus, SCHEMA_VERSION, SearchScope, StoreError, hex, parse_hex,
};
pub use recovery::{Recovered, RecoveryDir};
pub use writer::{Unsaved, WriteJob, WriteOutcome, Writer};
