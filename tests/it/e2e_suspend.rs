//! Suspending (issue 17), on the real binary in a pseudo-terminal under an
//! interactive shell with job control: Ctrl-Z on the families screen and
//! Alt-Z in a draft's form stop casenotes (the shell reports it stopped),
//! the draft having been saved first; `fg` brings the screen back, and
//! typing goes on with nothing lost. In a draft's form Ctrl-Z stays undo
//! and does not suspend.

use crate::support::pty::{CTRL_Q, ENTER, Place, Term, seed_drafts, stored_text};
use portable_pty::CommandBuilder;
use std::time::{Duration, Instant};

const FIRST_FIELD: &str = "practitioner";

/// bash with job control in the terminal, casenotes started from it.
fn under_a_shell(place: &Place) -> Term {
    let exe = std::env::var("CASENOTES_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_casenotes").to_owned());
    let mut cmd = CommandBuilder::new("/bin/bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    let root = place.dir.path();
    cmd.env_clear();
    cmd.env("PATH", "/usr/bin:/bin");
    cmd.env("HOME", root.join("home"));
    cmd.env("XDG_CONFIG_HOME", root.join("config"));
    cmd.env("XDG_DATA_HOME", root.join("data"));
    cmd.env("XDG_STATE_HOME", root.join("state"));
    cmd.env("CASENOTES_CONFIG", root.join("config/none.toml"));
    cmd.env("CASENOTES_DB", place.db());
    cmd.env("TERM", "xterm-256color");
    cmd.env("PS1", "$ ");
    cmd.cwd(root);
    let mut t = Term::spawn(cmd, 80, 24);
    t.wait = Duration::from_secs(15);
    t.wait_for("$ ");
    t.send(&format!("'{exe}'{ENTER}"));
    t
}

/// The state letter of casenotes, the shell's one child (`T` stopped).
fn state_of_casenotes(shell: i32) -> char {
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
    let Some(pid) = children.split_whitespace().next() else {
        return '?';
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // After the command name in parentheses comes the state.
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
        .unwrap_or('?')
}

fn wait_state(t: &Term, want: char) -> char {
    let until = Instant::now() + Duration::from_secs(10);
    let mut now = state_of_casenotes(t.pid());
    while now != want && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
        now = state_of_casenotes(t.pid());
    }
    now
}

#[test]
fn ctrl_z_and_alt_z_suspend_after_saving_and_fg_brings_everything_back() {
    let place = Place::new();
    let ids = seed_drafts(&place.db(), 1);
    let mut t = under_a_shell(&place);
    t.wait_for("Example family");
    // Ctrl-Z on the families screen: stopped, as the shell sees.
    t.send("\x1a");
    t.wait_for("Stopped");
    assert_eq!(wait_state(&t, 'T'), 'T', "{}", t.screen());
    t.send(&format!("fg{ENTER}"));
    t.wait_for("Welcome back");
    // Into the draft, typing; Alt-Z from inside the text field.
    t.open_seeded_draft(0);
    t.send("Suspended words");
    t.wait_for("Suspended words");
    t.send("\x1bz");
    t.wait_for("Stopped");
    assert_eq!(wait_state(&t, 'T'), 'T', "{}", t.screen());
    // Saved before it stopped.
    assert_eq!(
        stored_text(&place.db(), ids[0], FIRST_FIELD).as_deref(),
        Some("Suspended words")
    );
    t.send(&format!("fg{ENTER}"));
    t.wait_for("Welcome back");
    t.wait_for("Suspended words");
    t.send(" and more");
    t.wait_for("Suspended words and more");
    // In the draft's form Ctrl-Z is undo, not suspend.
    t.send("\x1a");
    std::thread::sleep(Duration::from_millis(400));
    t.pump();
    assert_ne!(state_of_casenotes(t.pid()), 'T', "{}", t.screen());
    assert!(!t.screen().contains("Stopped"), "{}", t.screen());
    t.send(CTRL_Q);
    assert_eq!(wait_state(&t, '?'), '?', "casenotes did not end");
    // `fg` returns the job's status: the shell says what it was.
    t.send(&format!("echo EXIT=$?{ENTER}"));
    t.wait_for("EXIT=0");
    let kept = stored_text(&place.db(), ids[0], FIRST_FIELD).unwrap_or_default();
    assert!(kept.starts_with("Suspended words"), "{kept:?}");
}

/// Started with no shell to bring it back (as `ssh host casenotes` is),
/// Ctrl-Z does not stop casenotes, which would hang the session for good:
/// it says why and carries on.
#[test]
fn without_a_shell_to_bring_it_back_ctrl_z_says_so_and_carries_on() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start(&place, false);
    t.wait_for("Example family");
    t.send("\x1a");
    t.wait_for("Not suspended");
    t.send(CTRL_Q);
    assert_eq!(t.exit_code(), 0, "{}", t.screen());
}
