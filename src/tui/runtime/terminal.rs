//! Setting the terminal up and giving it back: raw mode, the alternate
//! screen, bracketed paste and the window title, restored on every way out
//! (a panic included), and the refusals and checks that come before and
//! during (`TERM=dumb`, an input that has hung up).

use super::{TERMINAL_WAIT, Term};
use crate::tui::lean_backend::LeanBackend;
use crate::tui::term_caps::TermCaps;
use crate::tui::term_out;
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute, queue};
use std::io::Write;

/// Whether standard input has hung up or been closed: a zero-timeout poll
/// that reports POLLHUP, POLLERR or POLLNVAL. Crossterm alone can spin on
/// a closed input (crossterm issue 793), so the loop asks this each turn.
pub(super) fn input_gone() -> bool {
    crate::sys::hung_up(libc::STDIN_FILENO)
}

/// Leaves raw mode and the alternate screen. Errors are ignored: this runs
/// when the terminal may already be gone, and must never fail twice. Once
/// the output thread runs, the sequences go through it (after any frame
/// still waiting) and this waits for them only briefly: a terminal that
/// stopped reading must not keep the program from ending.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut seq = Vec::new();
    // The window title from before casenotes, from the title stack
    // (terminals without one ignore this).
    seq.extend_from_slice(b"\x1b[23;0t");
    // Frames leave their colours set (see lean_backend): undo them first.
    // Cleared before leaving: where there is no alternate screen the last
    // frame would otherwise stay on the terminal, status line and all.
    let _ = queue!(
        seq,
        ratatui::crossterm::style::SetAttribute(ratatui::crossterm::style::Attribute::Reset),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
        cursor::MoveTo(0, 0),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    send_now(seq);
}

/// Sends set-up or restoring sequences to the terminal: through the output
/// thread once it runs (after any frame still waiting, and waiting only
/// briefly, as the terminal may have stopped reading), else straight to
/// standard output. Errors are ignored, as the terminal may be gone.
pub(super) fn send_now(seq: Vec<u8>) {
    match term_out::handle() {
        Some(h) => {
            let _ = h.send_and_wait(seq, TERMINAL_WAIT);
        }
        None => {
            let mut out = std::io::stdout();
            let _ = out.write_all(&seq);
            let _ = out.flush();
        }
    }
}

pub(super) fn set_up_terminal(caps: TermCaps) -> std::io::Result<Term> {
    enable_raw_mode()?;
    let mut out = std::io::stdout();
    // Keep the window title to put back at exit (xterm's title stack).
    let _ = out.write_all(b"\x1b[22;0t");
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableBracketedPaste) {
        restore_terminal();
        return Err(e);
    }
    // One frame goes out in as few writes as possible, which matters over
    // a slow SSH link, and from a thread of its own (see term_out).
    let width = ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w);
    let backend = LeanBackend::for_terminal(term_out::start(), width, caps);
    match Terminal::new(backend) {
        // Cleared once at the start: where there is no alternate screen
        // (GNU screen's defaults, the Linux console) the shell's old text
        // would otherwise show through every blank cell.
        Ok(mut t) => match t.clear() {
            Ok(()) => Ok(t),
            Err(e) => {
                restore_terminal();
                Err(e)
            }
        },
        Err(e) => {
            restore_terminal();
            Err(e)
        }
    }
}

pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The terminal first, so the message below is readable.
        restore_terminal();
        previous(info);
    }));
}

/// Refuses a terminal that says it cannot move the cursor (`TERM=dumb`,
/// as in an editor's shell buffer): the full screen would be a stream of
/// escape sequences there.
pub fn refuse_dumb_terminal() -> Result<(), String> {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return Err(
            "this terminal says it cannot move the cursor (TERM=dumb), which the full-screen \
             interface needs: run casenotes from a terminal window, or use the commands \
             (casenotes --help); nothing was changed"
                .into(),
        );
    }
    Ok(())
}
