//! The store: one SQLite file holding families, children, the other people
//! on a family, records, addenda, the chronology, form definitions, users
//! and the audit log. The only layer that speaks SQL.
//!
//! Guarantees the rest of the program relies on:
//! - a file is never created with more than owner-only permissions, and a
//!   file that is not ours, damaged, read-only or from a newer casenotes is
//!   refused without a byte written or a file created beside it;
//! - every write is one `BEGIN IMMEDIATE` transaction that also writes its
//!   audit row, committed with a synced WAL (`synchronous = FULL`);
//! - a draft save never overwrites another person's save (revisions), and a
//!   finalised record never changes again (also enforced by triggers);
//! - times come from the store's clock, set by tests; no rule reads "today".

#![warn(missing_docs)]

mod actions;
mod addenda;
mod audit;
mod backup;
mod chain;
mod chain_check;
mod children;
mod chronology;
mod cleaned;
mod demo_mark;
mod discard;
mod draft_place;
mod drafts;
mod error;
mod families;
mod fictional;
mod guard;
mod home_list;
mod ids;
mod migrate;
mod open;
mod paths;
mod people;
mod presence;
mod records;
mod rows;
mod schema;
mod schema_check;
mod schema_step15;
mod schema_steps_12_14;
mod search;
mod sessions;
mod text;
mod users;
mod writing_prefs;

pub use actions::{Action, ActionEvent, ActionOutcome, ActionStatus, OverdueActions};
pub use addenda::{Addendum, UnreadComment};
pub use audit::{AuditAction, AuditEntity, AuditEntry, AuditFilter};
pub use chain::{ChainBreak, ChainFault, ChainKind, ChainReport, Hash, hex, parse_hex};
pub use children::{Child, ChildDetails};
pub use chronology::{ChronologyEntry, NewChronologyEntry};
pub use discard::DiscardedDraft;
pub use error::{Conflict, StoreError};
pub use families::{
    CaseStatus, Family, FamilyDetails, FamilyFilter, FamilyOrder, FamilySummary, StatusFilter,
};
pub use fictional::{FictionalAnswers, FictionalSize};
pub use home_list::ListedFamily;
pub use ids::{ActionId, AddendumId, AuditId, ChronologyId, PersonId};
pub use open::{BUSY_TIMEOUT, Clock, Store};
pub use paths::{
    ENV_VAR, FILE_NAME, PathOrigin, TeamFile, choose_path, default_path, resolve_path,
    resolve_path_with,
};
pub use people::{Person, PersonDetails, PersonKind};
pub use presence::{Fork, PRESENCE_FRESH};
pub use records::{Record, RecordDraft, RecordStatus, RecordSummary};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use schema_check::SchemaReport;
pub use search::{COUNT_CAP, SearchHit, SearchResults, SearchScope, fts_query};
pub use sessions::SESSION_GAP;
pub use users::User;
pub use writing_prefs::MAX_OWN_WORD_CHARS;

pub use crate::record::{ChildId, FamilyId, RecordId};
mod due_facts;
mod form_of;
