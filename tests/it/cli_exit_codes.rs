//! The exit statuses of README.md's table (issue 17): 0 success, 1 a
//! failure, 2 a mistake on the command line (clap's own included), 128+n
//! after signal n.

use crate::support::pty::{Place, Term};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn status(dir: &Path, args: &[&str]) -> Option<i32> {
    Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("CASENOTES_CONFIG", dir.join("none.toml"))
        .env("CASENOTES_SYSTEM_CONFIG", dir.join("none-system.toml"))
        .env_remove("CASENOTES_DB")
        .output()
        .expect("the binary runs")
        .status
        .code()
}

#[test]
fn success_is_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(status(dir.path(), &["forms", "list"]), Some(0));
    assert_eq!(status(dir.path(), &["--help"]), Some(0));
    assert_eq!(status(dir.path(), &["--version"]), Some(0));
}

#[test]
fn a_failure_is_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-file.sqlite3");
    let db = missing.to_str().expect("utf-8");
    assert_eq!(status(dir.path(), &["--db", db, "due"]), Some(1));
    assert_eq!(
        status(dir.path(), &["forms", "show", "no_such_form"]),
        Some(1)
    );
}

#[test]
fn a_mistake_on_the_command_line_is_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Unknown option, unknown subcommand, a value its parser refuses, a
    // missing argument.
    assert_eq!(status(dir.path(), &["--no-such-option"]), Some(2));
    assert_eq!(status(dir.path(), &["no-such-command"]), Some(2));
    assert_eq!(status(dir.path(), &["due", "--at", "tomorrow"]), Some(2));
    assert_eq!(status(dir.path(), &["export"]), Some(2));
}

#[test]
fn a_signal_is_128_plus_its_number() {
    for (sig, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let place = Place::new();
        let mut t = Term::start(&place, false);
        t.wait_for("No families yet");
        t.signal(sig);
        let status = t.wait_exit(Duration::from_secs(5));
        assert_eq!(status.exit_code(), code, "signal {sig}: {status:?}");
    }
}
