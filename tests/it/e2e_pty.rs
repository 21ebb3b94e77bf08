//! The real binary in a pseudo-terminal: typed words must survive a
//! dropped SSH connection (SIGHUP) and a terminal that simply vanishes (no
//! signal at all), and the next start must offer the draft back.

use crate::support::pty::{
    ENTER, Place, TAB, Term, answers_of_drafts, seed_drafts, seed_drafts_as, text_answer,
};
use std::time::{Duration, Instant};

#[test]
fn sighup_while_typing_saves_every_character_and_the_draft_is_offered_back() {
    let place = Place::new();
    let mut t = Term::start(&place, false);
    t.wait_for("No families yet");
    t.send("n");
    t.wait_for("New family");
    t.typed("FX-0001");
    t.send(TAB);
    t.typed("Example family");
    t.send(ENTER);
    t.wait_for("No children recorded yet");
    t.send("c");
    t.wait_for("Add a child");
    t.typed("Child A");
    t.send(TAB);
    t.typed("2019-04-30");
    t.send(ENTER);
    t.wait_for("Children (1)");
    t.send("n");
    t.wait_for("New record");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.typed("Worker Example, Early Help");
    // Let one autosave happen, then go on typing in later fields.
    std::thread::sleep(Duration::from_millis(900));
    t.pump();
    t.send(TAB);
    t.typed("20/11/2026");
    t.send(TAB);
    t.typed("09:30");
    t.send(TAB);
    t.typed("45");
    t.send(TAB);
    // Measure what one typed character costs on the wire, in the middle of
    // a word (the status line has already changed to "not saved yet").
    t.typed("Fa");
    std::thread::sleep(Duration::from_millis(150));
    t.pump();
    let before = t.received;
    t.send("m");
    std::thread::sleep(Duration::from_millis(150));
    t.pump();
    let one_char = t.received - before;
    t.typed("ily home, kitchen table");
    // Mid-typing: no pause for the autosave.
    // SAFETY: sending a signal to the child this test started.
    unsafe {
        libc::kill(t.pid(), libc::SIGHUP);
    }
    let status = t.wait_exit(Duration::from_secs(5));
    // Ended by a hang-up: 128 + SIGHUP, by convention.
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let a = &drafts[0];
    assert_eq!(
        text_answer(a, "practitioner").as_deref(),
        Some("Worker Example, Early Help")
    );
    assert_eq!(text_answer(a, "visit_date").as_deref(), Some("2026-11-20"));
    assert_eq!(text_answer(a, "visit_time").as_deref(), Some("09:30"));
    assert_eq!(text_answer(a, "duration_minutes").as_deref(), Some("45"));
    assert_eq!(
        text_answer(a, "venue").as_deref(),
        Some("Family home, kitchen table")
    );
    eprintln!("bytes written to the terminal for one typed character: {one_char}");
    assert!(one_char < 400, "one character cost {one_char} bytes");

    // The next start offers the draft back, and Enter opens it.
    let mut t = Term::start(&place, false);
    t.wait_for("You have an unfinished draft: Example family, Home visit");
    t.send(ENTER);
    t.wait_for("Family home, kitchen table");
    t.send("\x11"); // Ctrl-Q
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_vanished_terminal_is_noticed_and_the_draft_saved_within_a_second() {
    let place = Place::new();
    // A family with a child and a draft already in the file.
    seed_drafts_as(&place.db(), "tester", 1);
    let mut t = Term::start(&place, true);
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send(ENTER);
    t.wait_for("Someone else's draft");
    t.send(ENTER);
    t.wait_for("Editing tester's draft");
    t.typed("Typed as the line went");
    let gone = Instant::now();
    t.hang_up();
    let status = t.wait_exit(Duration::from_secs(3));
    let took = gone.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?} to notice");
    // Ended by a hang-up: 128 + SIGHUP, by convention.
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(
        text_answer(&drafts[0], "practitioner").as_deref(),
        Some("Typed as the line went")
    );
}

/// What typing costs on the wire, as a slow SSH link feels it: a typed
/// letter in a text field is sent as that letter (the cursor moves with
/// it), a one-line field scrolls half its width at a time, and a screen
/// left alone sends nothing. Budget: at most what vim sends in insert
/// mode (13 bytes a key, docs/performance.md).
#[test]
fn typing_costs_no_more_bytes_than_vim_and_an_idle_screen_sends_nothing() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start(&place, false);
    t.open_seeded_draft(0);
    std::thread::sleep(Duration::from_millis(300));
    t.pump();
    let text = "the quick brown fox jumps over the lazy dog ".repeat(3);
    let mut costs = Vec::new();
    for c in text.chars() {
        let before = t.received;
        t.send(&c.to_string());
        std::thread::sleep(Duration::from_millis(15));
        t.pump();
        costs.push(t.received - before);
    }
    // Let the last save land and the status line settle.
    std::thread::sleep(Duration::from_millis(1500));
    t.pump();
    let mut sorted = costs.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let total: usize = costs.iter().sum();
    eprintln!(
        "bytes per typed key: median {median}, total {total} for {} keys",
        costs.len()
    );
    assert!(median <= 13, "median {median} bytes a key: {costs:?}");
    assert!(
        total <= 13 * costs.len(),
        "{total} bytes for {} keys: {costs:?}",
        costs.len()
    );
    let idle_from = t.received;
    std::thread::sleep(Duration::from_secs(3));
    t.pump();
    assert_eq!(t.received - idle_from, 0, "an idle screen sent bytes");
    t.send("\x11");
    t.wait_exit(Duration::from_secs(5));
}

/// A terminal that says it cannot move the cursor gets a sentence, not a
/// screenful of escape sequences, and nothing is created.
#[test]
fn term_dumb_is_refused_with_a_sentence() {
    let place = Place::new();
    let mut t = Term::start_env(&place, &[("TERM", "dumb")]);
    let status = t.wait_exit(Duration::from_secs(5));
    assert_eq!(status.exit_code(), 1);
    let screen = t.screen();
    assert!(screen.contains("TERM=dumb"), "{screen}");
    assert!(!place.db().exists(), "a case file was created");
}

/// The screen starts clean whatever was on the terminal before (no
/// alternate screen: GNU screen, the Linux console), and Ctrl-L repaints a
/// damaged one.
#[test]
fn the_screen_starts_clean_and_ctrl_l_repaints_it() {
    let place = Place::new();
    seed_drafts(&place.db(), 1);
    let mut t = Term::start(&place, false);
    // Old text on the terminal, as a shell leaves it.
    t.parser
        .process(b"\x1b[?1049l\x1b[20;1Hold shell text left behind");
    t.wait_for("Example family");
    std::thread::sleep(Duration::from_millis(300));
    t.pump();
    // Damage: the terminal loses what it showed.
    t.parser.process(b"\x1b[2J\x1b[5;1Hgarbage");
    assert!(!t.screen().contains("Example family"));
    t.send("\x0c"); // Ctrl-L
    t.wait_for("Example family");
    assert!(!t.screen().contains("garbage"), "{}", t.screen());
    t.send("\x11");
    t.wait_exit(Duration::from_secs(5));
}

/// Every cell of the screen with its colours and attributes, to compare
/// two screens exactly.
fn cells(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| match screen.cell(r, c) {
                    // A cell never written and a written space look the same.
                    Some(cell) => format!(
                        "{}{:?}{:?}{}{}{}{}",
                        if cell.has_contents() {
                            cell.contents()
                        } else {
                            " "
                        },
                        cell.fgcolor(),
                        cell.bgcolor(),
                        u8::from(cell.bold()),
                        u8::from(cell.italic()),
                        u8::from(cell.underline()),
                        u8::from(cell.inverse())
                    ),
                    None => String::new(),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// A typed letter is shown before its frame (tui/echo.rs) wherever the
/// cursor sits on a blank with room after it. Typing prose key by key into
/// a multi-line field wraps words to the next line, where that guess is
/// wrong, as it is when a selection is typed over: after those keys the
/// screen must be exactly what a full repaint (Ctrl-L) draws, and the text
/// saved must be the text typed.
#[test]
fn letters_shown_ahead_of_their_frame_leave_the_screen_as_a_repaint_draws_it() {
    let place = Place::new();
    let ids = seed_drafts(&place.db(), 1);
    let mut t = Term::start(&place, false);
    t.open_seeded_draft(0);
    // To the "Reason for contact" section and into its multi-line aim.
    t.send("\x1b[6~");
    t.wait_quiet(Duration::from_millis(100));
    t.send("\x1b[6~");
    t.wait_for("aim/purpose of this visit");
    t.send(TAB);
    t.wait_quiet(Duration::from_millis(100));
    let text = "Visited to review the plan with the family; the child showed \
                me her drawings and said school felt better this week. ";
    let typed = text.repeat(2);
    // The last three characters selected and typed over: the letter lands
    // where the selection began, not at the cursor, so the guess made at
    // the cursor is wrong and the frame must take it back.
    let keys: Vec<String> = typed
        .chars()
        .map(String::from)
        .chain(["\x1b[D"; 3].map(String::from))
        .chain(["\x1b[1;2C"; 3].map(String::from))
        .chain(["X".to_owned()])
        .collect();
    for (i, key) in keys.iter().enumerate() {
        t.send(key);
        t.wait_quiet(Duration::from_millis(15));
        // Now and then, and at the end: the screen against a repaint of it.
        if i % 37 == 36 || i + 1 == keys.len() {
            let shown = cells(t.vt());
            let cursor = t.vt().cursor_position();
            t.send("\x0c"); // Ctrl-L
            t.wait_quiet(Duration::from_millis(60));
            let repainted = cells(t.vt());
            if t.vt().cursor_position() != cursor {
                let again = t.vt().cursor_position();
                t.fail(format!(
                    "after {} keys the cursor was at {cursor:?}, a repaint puts it at {again:?}",
                    i + 1
                ));
            }
            let differ: Vec<usize> = (0..shown.len())
                .filter(|&r| shown[r] != repainted[r])
                .collect();
            if let Some(&r) = differ.first() {
                let cells_of = |row: &str| row.split('|').map(str::to_owned).collect::<Vec<_>>();
                let (a, b) = (cells_of(&shown[r]), cells_of(&repainted[r]));
                let col = (0..a.len()).find(|&c| a[c] != b[c]).unwrap_or(0);
                t.fail(format!(
                    "after {} keys rows {differ:?} differ from a repaint; row {r} column {col}: {:?} shown, {:?} repainted",
                    i + 1, a[col], b[col]
                ));
            }
        }
    }
    // Let the save land, then leave.
    std::thread::sleep(Duration::from_millis(900));
    t.send("\x11");
    t.wait_exit(Duration::from_secs(5));
    let store =
        casenotes::store::Store::open(place.db(), &crate::support::pty::login()).expect("store");
    let saved = store
        .record(casenotes::record::RecordId(ids[0]))
        .expect("the record");
    let want = format!("{}X", &typed[..typed.len() - 3]);
    assert_eq!(
        saved
            .answers
            .text(&casenotes::record::Slot::once("purpose", "aim")),
        Some(want.as_str())
    );
}
