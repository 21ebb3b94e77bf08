//! How a session ends: the last save handed over and waited for, text the
//! case file did not take put in a recovery file, and the exit status and
//! last words that say which happened (docs/safety.md, "An honest exit").

use super::{Ending, QUIT_WAIT, STOP_WAIT, Session};
use crate::service::Unsaved;
use crate::tui::app::Effect;
use std::path::PathBuf;
use std::time::Instant;

/// What became of the last save before the program ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LastSave {
    /// There was nothing unsaved.
    NothingToSave,
    /// The text is in the case file.
    Saved,
    /// The case file did not take the text; it is in this recovery file.
    Kept(PathBuf),
    /// Neither the case file nor a recovery file took it.
    Lost,
    /// Saving itself failed unexpectedly.
    Unknown,
}

/// The exit status and the last words for stderr. 0 when everything typed
/// is in the case file and the person quit; 1 when text is not in the case
/// file; 128+n after signal n (SIGHUP when the terminal simply vanished).
pub(super) fn exit_report(ending: Ending, saved: &LastSave) -> (u8, Option<String>) {
    let failed = match saved {
        LastSave::Kept(path) => Some(format!(
            "casenotes: your last changes could not be saved in the case file. They are kept \
             in {} and offered back the next time you start casenotes.",
            path.display()
        )),
        LastSave::Lost => Some(
            "casenotes: your last changes could not be saved, in the case file or in a \
             recovery file. Check that the disk has space and the case file can be written."
                .to_owned(),
        ),
        LastSave::Unknown => Some(
            "casenotes: saving your last changes failed unexpectedly; what was autosaved \
             before is kept."
                .to_owned(),
        ),
        LastSave::NothingToSave | LastSave::Saved => None,
    };
    let signal_code = |n: i32| u8::try_from(128 + n).unwrap_or(1);
    match ending {
        Ending::Quit => (u8::from(failed.is_some()), failed),
        Ending::Signal(n) | Ending::TerminalGone(n) => {
            let words = failed.unwrap_or_else(|| {
                if *saved == LastSave::Saved {
                    "casenotes: stopped; your draft was saved.".to_owned()
                } else {
                    "casenotes: stopped; nothing was left unsaved.".to_owned()
                }
            });
            (signal_code(n), Some(words))
        }
        Ending::Fault => (
            1,
            Some(format!(
                "casenotes stopped because of an internal fault; please report it. {}",
                failed.unwrap_or_else(|| "Everything you typed was saved.".to_owned())
            )),
        ),
    }
}

/// Hands the newest text to the writer, waits for it (briefly after a
/// signal), and puts whatever the case file did not take into a recovery
/// file. The interrupted-draft marker stays, so the next start offers the
/// draft back.
pub(super) fn save_before_exit(s: &mut Session, ending: Ending) -> LastSave {
    let unsaved_now = s.app.has_unsaved_text();
    let last = s.app.emergency_save();
    let today = s.app.today;
    if let Some(effect) = last.clone() {
        // With no writer thread this saves in place; the messages say how.
        let msgs = s.exec.run(effect, today);
        let now = Instant::now();
        for m in msgs {
            s.app.update(m, now);
        }
    }
    let wait = if ending == Ending::Quit {
        QUIT_WAIT
    } else {
        STOP_WAIT
    };
    let report = s.exec.finish_writes(Instant::now() + wait);
    let keep_last = |s: &Session| -> LastSave {
        let Some(Effect::SaveDraft {
            record,
            expected_revision,
            draft,
            generation,
        }) = &last
        else {
            return LastSave::Lost;
        };
        match s
            .recovery
            .as_ref()
            .map(|r| r.keep(*record, *expected_revision, *generation, draft))
        {
            Some(Ok(path)) => LastSave::Kept(path),
            _ => LastSave::Lost,
        }
    };
    match report {
        // The writer is still at it (a held lock, a stalled disk): keep the
        // newest text where it is safe for certain, then go.
        None if unsaved_now => keep_last(s),
        None => LastSave::NothingToSave,
        Some(unsaved) => {
            if let Some(u) = unsaved.into_values().next() {
                return match u {
                    Unsaved::Kept(path) => LastSave::Kept(path),
                    Unsaved::Lost => keep_last(s),
                };
            }
            if s.app.has_unsaved_text() && last.is_some() && !s.exec.saves_in_background() {
                // Saved in place and refused: the app still holds it.
                return keep_last(s);
            }
            if unsaved_now {
                LastSave::Saved
            } else {
                LastSave::NothingToSave
            }
        }
    }
}
