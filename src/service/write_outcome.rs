//! What became of a job handed to the writer thread, as the interface and
//! the diagnostics log see it.

use crate::record::Completeness;
use crate::store::{Record, RecordId};
use std::path::PathBuf;

/// What became of a job, for the interface.
pub enum WriteOutcome {
    /// The text is in the case file at this revision.
    Saved {
        /// The draft (as the interface knows it).
        record: RecordId,
        /// Its new revision.
        revision: i64,
        /// The edit that was saved.
        generation: u64,
    },
    /// Someone else had saved the draft; this text is a new draft beside it.
    SavedAsNew {
        /// The draft the interface had open.
        old: RecordId,
        /// The new draft holding this person's text.
        new: RecordId,
        /// Its revision.
        revision: i64,
        /// The edit that was saved.
        generation: u64,
    },
    /// The record is finalised.
    Finalised(Box<Record>),
    /// Finalising was refused: these answers are missing or wrong.
    FinaliseRefused(Completeness),
    /// An addendum being written is saved as a draft.
    AddendumDraftSaved {
        /// The finalised record.
        record: RecordId,
        /// The edit that was saved.
        generation: u64,
    },
    /// The file is busy; the text is kept at `kept` (if it could be) and
    /// saving goes on being tried.
    Waiting {
        /// The draft.
        record: RecordId,
        /// The recovery file holding the text.
        kept: Option<PathBuf>,
    },
    /// The save failed for a reason retrying here will not mend; the
    /// interface tries again later with its newest text.
    Failed {
        /// The draft.
        record: RecordId,
        /// The edit that was not saved.
        generation: u64,
        /// Why, as a sentence.
        error: String,
        /// The recovery file holding the text, when it could be written.
        kept: Option<PathBuf>,
    },
}
