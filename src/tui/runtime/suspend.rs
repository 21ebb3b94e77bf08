//! Suspending with the terminal's conventional key: the open draft is
//! saved first (through the writer, waited for), the terminal is given
//! back as it was, and the process stops itself with SIGTSTP, so the shell
//! sees it stopped (`fg` brings it back). When it is continued (SIGCONT)
//! the alternate screen is entered again and everything is repainted.
//!
//! The keys: Ctrl-Z suspends everywhere except in the form of a draft
//! being written and in an addendum, where it stays undo (as in every word
//! processor, which is where practitioners' hands learnt it); Alt-Z
//! suspends everywhere, the form included.

use super::{Session, Term, restore_terminal};
use crate::tui::app::App;
use crate::tui::effects::drive;
use ratatui::crossterm::event::{EnableBracketedPaste, KeyCode, KeyEvent, KeyModifiers};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::time::{Duration, Instant};

/// How long suspending waits for the draft to be saved; after that it
/// does not suspend, and says so.
const SAVE_WAIT: Duration = Duration::from_secs(5);

/// Said when the draft could not be saved in time, so nothing stopped.
pub(super) const NOT_SUSPENDED: &str =
    "Not suspended: your draft could not be saved yet. Try again in a moment.";

/// Said when no shell could bring casenotes back after suspending.
pub(super) const NO_JOB_CONTROL: &str =
    "Not suspended: casenotes was not started from a shell that could bring it back (fg).";

/// Whether `k` asks to suspend: Alt-Z anywhere, Ctrl-Z unless it is
/// undo where the person is (`App::ctrl_z_is_undo`).
pub(super) fn asks_to_suspend(k: &KeyEvent, app: &App) -> bool {
    let z = matches!(k.code, KeyCode::Char('z' | 'Z'));
    if !z {
        return false;
    }
    if k.modifiers.contains(KeyModifiers::ALT) {
        return true;
    }
    k.modifiers.contains(KeyModifiers::CONTROL) && !app.ctrl_z_is_undo()
}

/// Saves, gives the terminal back, stops until continued, then takes the
/// terminal again for a full repaint. `false` (and a status line saying
/// why) when the draft could not be saved in time: then nothing stops.
pub(super) fn suspend(terminal: &mut Term, s: &mut Session) -> bool {
    // Without a shell to bring it back, a stopped casenotes would hang the
    // session for good (and the kernel would not stop it anyway).
    if !crate::sys::under_job_control() {
        s.app.status = NO_JOB_CONTROL.to_owned();
        return false;
    }
    if let Some(effect) = s.app.emergency_save() {
        let today = s.app.today;
        for m in s.exec.run(effect, today) {
            drive(&mut s.app, &mut s.exec, m, Instant::now());
        }
    }
    let deadline = Instant::now() + SAVE_WAIT;
    loop {
        while let Ok(outcome) = s.writes.try_recv() {
            for m in s.exec.on_write(outcome) {
                drive(&mut s.app, &mut s.exec, m, Instant::now());
            }
        }
        if s.exec.writes_idle() && !s.app.has_unsaved_text() {
            break;
        }
        if Instant::now() >= deadline {
            s.app.status = NOT_SUSPENDED.to_owned();
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    restore_terminal();
    // The default action of SIGTSTP stops the process; it returns here
    // once continued. Without a shell that does job control (an orphaned
    // process group) the kernel drops the signal and we carry straight on.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    let _ = enable_raw_mode();
    let mut seq = Vec::new();
    // As at start: keep the shell's window title to put back at exit.
    seq.extend_from_slice(b"\x1b[22;0t");
    let _ = queue!(seq, EnterAlternateScreen, EnableBracketedPaste);
    super::terminal::send_now(seq);
    // Everything is drawn again, and the cursor hidden as ratatui expects.
    let _ = terminal.hide_cursor();
    let _ = terminal.clear();
    s.app.status = "Welcome back: everything was saved before suspending.".to_owned();
    true
}
