//! The writer's diagnostics events (`--log`, src/cli/diagnostics.rs): one
//! per finished job, with its kind, ids and milliseconds, never its text.

use super::write_outcome::WriteOutcome;
use std::time::Instant;

/// Milliseconds since `since`, for the diagnostics log.
pub(super) fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// One diagnostics event for a finished job: its kind, ids and time,
/// never its text (`--log`, src/cli/diagnostics.rs).
pub(super) fn log_outcome(outcome: &WriteOutcome, started: Instant) {
    let ms = millis(started);
    match outcome {
        WriteOutcome::Saved {
            record, revision, ..
        } => tracing::info!(record = record.0, revision, ms, "draft saved"),
        WriteOutcome::SavedAsNew { old, new, .. } => {
            tracing::info!(
                record = old.0,
                new = new.0,
                ms,
                "draft saved as a new draft"
            )
        }
        WriteOutcome::Finalised(r) => tracing::info!(record = r.id.0, ms, "record finalised"),
        WriteOutcome::FinaliseRefused(c) => {
            tracing::info!(problems = c.problems.len(), ms, "finalising refused")
        }
        WriteOutcome::AddendumDraftSaved { record, .. } => {
            tracing::info!(record = record.0, ms, "addendum draft saved")
        }
        WriteOutcome::Waiting { .. } | WriteOutcome::Failed { .. } => {}
    }
}
