//! Terminals people actually have (issue 10): what the program sends
//! follows what the terminal declares. Under GNU screen's entry (eight
//! colours, no italics) in a Latin-1 locale: only the basic colour codes,
//! no italic (screen shows it as reverse video), lines in ASCII, and a
//! typed Latin-1 letter stored as that letter.

use crate::support::pty::{
    CTRL_Q, ENTER, Place, Term, answers_of_drafts, seed_drafts, text_answer,
};
use std::time::Duration;

#[test]
fn an_eight_colour_latin1_terminal_gets_basic_colours_no_italics_and_ascii() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start_env(
        &place,
        &[
            ("TERM", "screen"),
            ("LANG", "en_GB.ISO-8859-1"),
            ("LC_ALL", ""),
            ("LC_CTYPE", ""),
        ],
    );
    t.transcript = Some(Vec::new());
    t.wait_for("Example family");
    // Typing a Latin-1 é into the families filter: read as é, and said.
    t.send("/");
    t.send_bytes(b"\xe9");
    t.wait_for("not UTF-8");
    t.send("\x1b");
    t.send(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "exit {status:?}");
    let raw = t.transcript.clone().unwrap_or_default();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        !has(b"38;5;"),
        "256-colour codes sent to an 8-colour terminal"
    );
    assert!(!has(b"\x1b[3m"), "italics sent to a terminal without them");
    assert!(
        !has("─".as_bytes()),
        "UTF-8 box lines sent to a Latin-1 terminal"
    );
    assert!(has(b"+--"), "no ASCII box lines");
}

#[test]
fn a_utf8_xterm_gets_its_lines_and_italics() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start_env(
        &place,
        &[
            ("TERM", "xterm-256color"),
            ("LANG", "en_GB.UTF-8"),
            ("LC_ALL", ""),
        ],
    );
    t.transcript = Some(Vec::new());
    t.wait_for("Example family");
    t.send(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "exit {status:?}");
    let raw = t.transcript.clone().unwrap_or_default();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(has("─".as_bytes()), "no box lines");
}

#[test]
fn the_window_title_names_the_family_reference_and_form_never_a_name_and_is_put_back() {
    use crate::support::pty::ENTER;
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start_env(&place, &[("TERM", "xterm-256color")]);
    t.transcript = Some(Vec::new());
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.send(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "exit {status:?}");
    let raw = String::from_utf8_lossy(&t.transcript.clone().unwrap_or_default()).into_owned();
    let titles: Vec<&str> = raw
        .split("\x1b]2;")
        .skip(1)
        .filter_map(|s| s.split('\x07').next())
        .collect();
    assert_eq!(
        titles,
        [
            "casenotes",
            "casenotes · FX-0002",
            "casenotes · FX-0002 · Home visit"
        ]
    );
    assert!(
        titles
            .iter()
            .all(|t| !t.contains("Child A") && !t.contains("Example family"))
    );
    assert!(raw.contains("\x1b[22;0t"), "the title was not kept");
    assert!(raw.contains("\x1b[23;0t"), "the title was not put back");
}

#[test]
fn a_resize_of_the_same_size_repaints_the_whole_screen_as_on_reattaching() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start_env(&place, &[("TERM", "xterm-256color")]);
    t.wait_for("Example family");
    // Let the first frames finish, then note how much has arrived.
    std::thread::sleep(Duration::from_millis(400));
    t.pump();
    let before = t.received;
    // dtach and screen signal a resize of the same size on re-attaching,
    // to a terminal that shows nothing of ours: all of it must come again.
    // SAFETY: a signal to the child this test started.
    unsafe {
        libc::kill(t.pid(), libc::SIGWINCH);
    }
    std::thread::sleep(Duration::from_millis(400));
    t.pump();
    let sent = t.received - before;
    assert!(
        sent > 500,
        "only {sent} bytes after SIGWINCH: not a full repaint"
    );
    t.send(CTRL_Q);
    assert!(t.wait_exit(Duration::from_secs(10)).success());
}

#[test]
fn flags_and_emoji_sequences_are_typed_deleted_whole_and_leave_no_stray_glyph() {
    // issue 10: a deleted flag left its second letter on the screen, and a
    // Backspace took half of it from the text. vt100, like tmux, draws a
    // flag's two letters apart, so a cell nobody rewrites shows stale.
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start_env(&place, &[("TERM", "xterm-256color")]);
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.send("ab\u{1F1EC}\u{1F1E7}\u{2714}\u{FE0F}\u{1F44D}\u{1F3FD}cd");
    t.wait_for("cd");
    for _ in 0..5 {
        t.send("\x7f");
    }
    t.wait_quiet(Duration::from_millis(400));
    let screen = t.screen();
    let stray = |c: char| {
        ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
            || ['\u{2714}', '\u{1F44D}', '\u{1F3FD}', 'G', 'B'].contains(&c)
    };
    let row = screen
        .lines()
        .find(|l| l.contains("\u{258F}ab"))
        .unwrap_or_else(|| t.fail(format!("no field row with the text:\n{screen}")));
    let after = &row[row.find("\u{258F}ab").unwrap_or(0)..];
    assert!(!after.chars().any(stray), "a stray glyph: {row:?}");
    t.send(CTRL_Q);
    assert!(t.wait_exit(Duration::from_secs(10)).success());
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(
        text_answer(&drafts[0], "practitioner").as_deref(),
        Some("ab"),
        "Backspace five times takes d, c and the three clusters whole"
    );
}
