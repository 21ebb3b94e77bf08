//! `--log FILE`: diagnostics for support, one JSON object a line (tracing
//! and tracing-subscriber). Events carry ids, counts, kinds and timings
//! only, never what a record says, a name or a path: a log is sent to
//! whoever supports casenotes, who must learn nothing about a family from
//! it. `tests/it/cli_log.rs` types answers through the real program and
//! checks that none of them reaches the file.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;

/// Sends every event from here on to `path` (appended to; created owner
/// only), as JSON lines.
pub fn start(path: &Path) -> Result<(), String> {
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("could not open the log file {}: {e}", path.display()))?;
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(false)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .with_writer(Mutex::new(file))
        .try_init()
        // Only one subscriber per process; a second is a programming slip.
        .map_err(|_| "diagnostics were already started".to_owned())
}
