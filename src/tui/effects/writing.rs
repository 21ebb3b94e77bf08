//! Keeping the user's writing help in the case file (issue 13): words added
//! to their own dictionary and kinds turned on or off, per login, so they
//! follow the user between machines on the team file.

use super::Executor;
use crate::tui::app::Msg;
use crate::writing::WritingChange;

impl Executor {
    /// Keeps each change; the first that fails is said on the status line
    /// (the help on screen already has it, for this session).
    pub(super) fn save_writing(&mut self, changes: &[WritingChange]) -> Vec<Msg> {
        match self.case.keep_writing_changes(changes) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Msg::Failed(format!(
                "Your writing-help change is used now but was not kept in the case file: {e}"
            ))],
        }
    }
}
