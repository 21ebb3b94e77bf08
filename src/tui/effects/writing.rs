//! Keeping the user's writing help in the case file (issue 13): words added
//! to their own dictionary and kinds turned on or off, per login, so they
//! follow the user between machines on the team file.

use super::Executor;
use crate::tui::app::Msg;
use crate::tui::form_screen::WritingChange;

impl Executor {
    /// Keeps each change; the first that fails is said on the status line
    /// (the help on screen already has it, for this session).
    pub(super) fn save_writing(&mut self, changes: &[WritingChange]) -> Vec<Msg> {
        for change in changes {
            let kept = match change {
                WritingChange::AddWord(word) => self.store.add_own_word(word),
                WritingChange::Kind(kind, on) => self.store.set_writing_kind(kind, *on),
            };
            if let Err(e) = kept {
                return vec![Msg::Failed(format!(
                    "Your writing-help change is used now but was not kept in the case file: {e}"
                ))];
            }
        }
        Vec::new()
    }
}
