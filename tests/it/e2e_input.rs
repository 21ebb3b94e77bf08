//! Input that must never stall (issue 9, item 5): the real binary in a
//! pseudo-terminal, fed bursts far longer than one read, large pastes with
//! and without brackets, resizes in the middle of an unfinished sequence, a
//! paste start whose end never comes, and a run of random bytes and sizes.
//! Every wait is bounded and the child is killed on any failure. Keys go
//! in with `Term::feed`, which keeps reading the screen while the
//! terminal's input queue is full.

use crate::support::pty::{
    CTRL_Q, CTRL_S, ENTER, Place, TAB, Term, WAIT, answers_of_drafts, integrity, seed_drafts_as,
    text_answer,
};
use rusqlite::Connection;
use std::path::Path;
use std::time::{Duration, Instant};

/// A family with a child and an empty home-visit draft, written by
/// someone other than the login the program runs as.
fn place_with_a_draft() -> Place {
    let place = Place::new();
    seed_drafts_as(&place.db(), "tester", 1);
    place
}

/// Opens the draft `place_with_a_draft` made, at its first field,
/// saying yes to editing someone else's draft.
fn open_the_draft(t: &mut Term) {
    t.wait_for("Example family");
    t.feed(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.feed(ENTER);
    t.wait_for("Someone else's draft");
    t.feed(ENTER);
    t.wait_for("Editing tester's draft");
}

/// Reads what was drawn at the old size, then resizes.
fn resize(t: &mut Term, cols: u16, rows: u16) {
    t.pump();
    t.resize(cols, rows);
}

/// The saved text of a field of the one draft, if the file can be read now.
fn saved(db: &Path, field: &str) -> Option<String> {
    let c = Connection::open(db).ok()?;
    let json: String = c
        .query_row(
            "SELECT answers FROM record WHERE status = 'draft' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok()?;
    text_answer(&json, field)
}

/// One-line text of about `len` bytes, multi-byte characters included,
/// with no control character in it.
fn long_text(len: usize, seed: &str) -> String {
    let mut s = String::with_capacity(len + 64);
    let mut i = 0;
    while s.len() < len {
        s.push_str(&format!("{seed} {i} Zoë €; "));
        i += 1;
    }
    s
}

#[test]
fn five_thousand_unbracketed_bytes_then_ctrl_q_are_all_acted_on() {
    let place = place_with_a_draft();
    let mut t = Term::start_sized(&place, false, 80, 24);
    open_the_draft(&mut t);
    let text: String = (0..5000)
        .map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap_or(0)))
        .collect();
    let mut burst = text.clone().into_bytes();
    burst.extend_from_slice(CTRL_Q.as_bytes());
    let sent = Instant::now();
    t.feed(&burst);
    let status = t.wait_exit(Duration::from_secs(5));
    eprintln!(
        "5,000 bytes and Ctrl-Q: ended {:?} after sending",
        sent.elapsed()
    );
    assert!(status.success(), "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(
        text_answer(&drafts[0], "practitioner").as_deref(),
        Some(text.as_str())
    );
}

/// Sends `bytes`, then Ctrl-S, and waits until `field` holds `want` in the
/// file; how long that took from the first byte.
fn pasted_and_saved(t: &mut Term, db: &Path, bytes: &[u8], field: &str, want: &str) -> Duration {
    let start = Instant::now();
    t.feed(bytes);
    t.feed(CTRL_S);
    let end = start + WAIT;
    while Instant::now() < end {
        t.pump();
        if saved(db, field).as_deref() == Some(want) {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let got = saved(db, field).map_or(0, |s| s.len());
    t.fail(format!(
        "{field} never held the {} bytes sent ({got} saved)",
        want.len()
    ));
}

#[test]
fn a_150_kb_bracketed_paste_is_in_the_field_and_saved_within_2_s() {
    let place = place_with_a_draft();
    let mut t = Term::start_sized(&place, false, 100, 30);
    open_the_draft(&mut t);
    let text = long_text(150_000, "Pasted with brackets");
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend_from_slice(text.as_bytes());
    paste.extend_from_slice(b"\x1b[201~");
    let took = pasted_and_saved(&mut t, &place.db(), &paste, "practitioner", &text);
    eprintln!(
        "{} bytes, bracketed paste: in the file after {took:?}",
        text.len()
    );
    assert!(
        took < Duration::from_secs(2),
        "bracketed paste took {took:?}"
    );
    t.feed(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

// The reader hands all 150,000 keys over at once; the form's text editor
// lays its window out again for every character it is given, so the event
// loop hands a run of waiting characters over in one piece (runtime.rs,
// `typed_run`). Before that, this took 50 s in a debug build.
#[test]
fn a_150_kb_unbracketed_paste_is_in_the_field_and_saved_within_2_s() {
    let place = place_with_a_draft();
    let mut t = Term::start_sized(&place, false, 100, 30);
    open_the_draft(&mut t);
    let text = long_text(150_000, "Typed or pasted bare");
    let took = pasted_and_saved(&mut t, &place.db(), text.as_bytes(), "practitioner", &text);
    eprintln!(
        "{} bytes, unbracketed: in the file after {took:?}",
        text.len()
    );
    assert!(
        took < Duration::from_secs(2),
        "unbracketed paste took {took:?}"
    );
    t.feed(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_150_kb_unbracketed_burst_into_a_dialog_field_is_all_taken_within_2_s() {
    let place = Place::new();
    let mut t = Term::start_sized(&place, false, 100, 30);
    t.wait_for("No families yet");
    t.feed(b"n");
    t.wait_for("New family");
    t.feed(TAB);
    let mut text = long_text(150_000, "Family name").into_bytes();
    text.extend_from_slice(b"END-OF-BURST");
    let start = Instant::now();
    t.feed(&text);
    // The field shows the end of its text once every key is taken.
    t.wait_for("END-OF-BURST");
    let took = start.elapsed();
    eprintln!(
        "{} bytes into a dialog field: all shown after {took:?}",
        text.len()
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
    t.feed(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_resize_in_the_middle_of_a_burst_never_stops_input() {
    let place = Place::new();
    let mut t = Term::start_sized(&place, false, 80, 24);
    t.wait_for("No families yet");
    t.feed(b"n");
    t.wait_for("New family");
    t.feed(TAB);
    for trial in 0..6u16 {
        let burst = long_text(8_000, "Burst");
        t.feed(burst.as_bytes());
        resize(&mut t, 80 + 10 * (trial % 3), 24 + trial % 2);
        t.feed(burst.as_bytes());
    }
    t.feed(b"END-OF-BURSTS");
    t.wait_for("END-OF-BURSTS");
    t.feed(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

/// Whether anything is drawn at or right of column `col`.
fn drawn_beyond(t: &Term, col: u16) -> bool {
    let (_, cols) = t.vt().size();
    t.vt()
        .rows(col, cols.get().saturating_sub(col))
        .any(|r| !r.trim().is_empty())
}

#[test]
fn a_resize_while_a_sequence_or_a_paste_is_unfinished_is_redrawn_within_100_ms() {
    let place = place_with_a_draft();
    let mut t = Term::start_sized(&place, false, 80, 24);
    t.wait_for("Example family");
    let mut cols = 80;
    for pending in [&b"\x1b["[..], b"\x1bO", b"\xe2\x82", b"\x1b[200~unfinished"] {
        t.feed(pending);
        cols += 20;
        let sent = Instant::now();
        resize(&mut t, cols, 30);
        let mut redrawn = false;
        while sent.elapsed() < Duration::from_secs(2) {
            t.pump();
            if drawn_beyond(&t, cols - 20) {
                redrawn = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let took = sent.elapsed();
        eprintln!("resize with {pending:?} waiting: redrawn after {took:?}");
        if !redrawn || took > Duration::from_millis(100) {
            t.fail(format!("with {pending:?} waiting, not redrawn in {took:?}"));
        }
        // Whatever was waiting ends (a paste with its end marker).
        t.feed(b"\x1b[201~");
        std::thread::sleep(Duration::from_millis(60));
    }
    t.feed(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_stray_paste_start_gives_way_and_ctrl_q_still_quits() {
    let place = Place::new();
    let mut t = Term::start_sized(&place, false, 80, 24);
    t.wait_for("No families yet");
    t.feed(b"\x1b[200~");
    // The paste's time limit is one second without input.
    std::thread::sleep(Duration::from_millis(1300));
    let sent = Instant::now();
    t.feed(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(3));
    eprintln!(
        "Ctrl-Q after a stray paste start: ended after {:?}",
        sent.elapsed()
    );
    assert!(status.success(), "exit status {status:?}");
}

/// A small, fixed pseudo-random sequence (xorshift), so a failing run can
/// be repeated exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn between(&mut self, lo: u16, hi: u16) -> u16 {
        lo + u16::try_from(self.below(u64::from(hi - lo) + 1)).unwrap_or(0)
    }
}

/// Bytes a terminal might send, the interesting ones made likely. Ctrl-C,
/// Ctrl-Q and `q` are left out: they would end the run early.
fn random_bytes(rng: &mut Rng, len: usize) -> Vec<u8> {
    const PIECES: &[&[u8]] = &[
        b"\x1b",
        b"\x1b[",
        b"\x1bO",
        b"\x1b[A",
        b"\x1b[1;5C",
        b"\x1b[3~",
        b"\x1b[200~",
        b"\x1b[201~",
        b"\t",
        b"\r",
        b"\x7f",
        "é€👩".as_bytes(),
        b"\xe2\x82",
    ];
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        match rng.below(4) {
            0 => out.extend_from_slice(PIECES[rng.below(PIECES.len() as u64) as usize]),
            1 => {
                let b = b' ' + u8::try_from(rng.below(95)).unwrap_or(0);
                if !matches!(b, b'q' | b'Q') {
                    out.push(b);
                }
            }
            _ => {
                let b = u8::try_from(rng.below(256)).unwrap_or(0);
                if !matches!(b, 0x03 | 0x11 | b'q' | b'Q') {
                    out.push(b);
                }
            }
        }
    }
    out
}

#[test]
fn random_input_and_sizes_never_stall_panic_or_damage_the_file() {
    let place = place_with_a_draft();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut t = Term::start_sized(&place, false, 80, 24);
    t.wait_for("Example family");
    let mut sent = 0;
    let mut restarts = 0;
    // A fixed number of rounds, so a seed always sends the same bytes.
    for _ in 0..300 {
        if rng.below(4) == 0 {
            let cols = rng.between(20, 250);
            let rows = rng.between(5, 80);
            resize(&mut t, cols, rows);
        }
        let len = match rng.below(10) {
            0 => 4096 + rng.below(8192) as usize,
            _ => 1 + rng.below(64) as usize,
        };
        let bytes = random_bytes(&mut rng, len);
        sent += bytes.len();
        t.feed(&bytes);
        t.pump();
        if let Ok(Some(status)) = t.child.try_wait() {
            // Some key quit on purpose (say Enter on a quit question):
            // start again and go on, unless it failed.
            if !status.success() || t.screen().contains("panicked") {
                t.fail(format!("the program ended mid-run: {status:?}"));
            }
            restarts += 1;
            assert!(restarts < 5, "the program keeps quitting");
            t = Term::start_sized(&place, false, 80, 24);
            t.wait_for("Example family");
        }
        std::thread::sleep(Duration::from_millis(rng.below(30)));
    }
    // End any paste the bytes began, and let the program work through what
    // it was sent (typing into a long form answer is slow, see above):
    // once the screen has been still for a while, Ctrl-Q must end it.
    t.feed(b"\x1b[201~");
    t.wait_quiet(Duration::from_millis(1000));
    let quit = Instant::now();
    t.feed(CTRL_Q);
    // A stall never ends; a loaded 2-core machine working through the
    // last of the input can take a few seconds.
    let status = t.wait_exit(Duration::from_secs(10));
    eprintln!(
        "random run: {sent} bytes, {restarts} restarts; Ctrl-Q ended it after {:?}",
        quit.elapsed()
    );
    let screen = t.screen();
    assert!(!screen.contains("panicked"), "{screen}");
    assert!(status.success(), "exit status {status:?}\n{screen}");
    assert_eq!(integrity(&place.db()), "ok");
}
