//! Key bindings from the config file (issue 17), on the real binary in a
//! pseudo-terminal: a rebound action acts on its new key, not its old one,
//! and the footer shows the key in effect; a config giving one key to two
//! actions is refused at start, naming the file's line and column, before
//! the screen is taken over. `casenotes config --defaults` prints text a
//! config file accepts.

use crate::support::pty::{CTRL_Q, ENTER, Place, Term, seed_drafts};
use std::time::Duration;

fn with_config(place: &Place, text: &str) -> Term {
    let config = place.dir.path().join("config/none.toml");
    std::fs::create_dir_all(config.parent().expect("a folder")).expect("folder");
    std::fs::write(&config, text).expect("config written");
    let mut t = Term::start(place, false);
    t.wait = Duration::from_secs(15);
    t
}

#[test]
fn a_rebound_key_acts_and_the_footer_shows_it() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = with_config(
        &place,
        "[keys.family]\nchronology = \"Ctrl-t\"\nsearch = \"h\"\n",
    );
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (");
    // The empty chronology's hint names the key in effect, and so does
    // the help, from the same table.
    t.wait_for("Press Ctrl-t, then a");
    t.send("\x1bOP"); // F1
    t.wait_for("Help: family");
    let screen = t.screen();
    let line = screen.lines().find(|l| l.contains("Ctrl-t")).unwrap_or("");
    assert!(line.contains("chronology"), "{screen}");
    t.send("\x1b");
    // `h` is search now: the search screen, not the chronology.
    t.send("h");
    t.wait_for("casenotes · Search");
    t.send("\x1b");
    t.wait_for("Records (");
    t.send("\x14"); // Ctrl-T: the chronology screen.
    t.wait_for("Showing the whole family");
    t.send(CTRL_Q);
    assert_eq!(t.exit_code(), 0, "{}", t.screen());
}

#[test]
fn a_key_given_twice_is_refused_at_start_with_line_and_column() {
    let place = Place::new();
    let mut t = with_config(&place, "# mine\n[keys.families]\nnew_family = \"d\"\n");
    t.wait_for("none.toml:3:14:");
    assert!(t.screen().contains("would be both"), "{}", t.screen());
    assert_eq!(t.exit_code(), 1, "{}", t.screen());
}

#[test]
fn config_defaults_is_config_text_that_is_accepted() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casenotes"))
        .args(["config", "--defaults"])
        .env("CASENOTES_CONFIG", "/nonexistent/none.toml")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("[keys.family]\n"), "{text}");
    assert!(text.contains("discard_draft = \"x\""), "{text}");
    let c = casenotes::config::Config::parse("defaults.toml", &text).expect("valid config");
    casenotes::keys::Bindings::with(&c.keys).expect("valid bindings");
}

#[test]
fn a_colour_that_is_not_one_is_refused_at_start_with_line_and_column() {
    let place = Place::new();
    let mut t = with_config(&place, "[colours]\nmissing = \"mauve bold\"\n");
    t.wait_for("none.toml:2:11:");
    assert!(
        t.screen().contains("`mauve` is not a colour"),
        "{}",
        t.screen()
    );
    assert_eq!(t.exit_code(), 1, "{}", t.screen());
}
