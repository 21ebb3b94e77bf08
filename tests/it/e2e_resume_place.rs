//! The real binary in a pseudo-terminal: a draft left and opened again
//! starts where the person left it, in the same field and on the same
//! line of its text (issue 14, faster entry).

use crate::support::pty::{CTRL_Q, ENTER, Place, TAB, Term, seed_drafts, stored_text};
use std::time::Duration;

const PAGE_DOWN: &str = "\x1b[6~";
const UP: &str = "\x1b[A";

#[test]
fn quitting_and_starting_again_returns_to_the_field_and_line_left() {
    let place = Place::new();
    let id = seed_drafts(&place.db(), 1)[0];
    let mut t = Term::start(&place, false);
    t.open_seeded_draft(0);
    // Third page, second field: the aim of the visit, three lines, the
    // cursor left on the second.
    t.send(PAGE_DOWN);
    t.send(PAGE_DOWN);
    t.wait_for("What is the aim/purpose of this visit?");
    t.send(TAB);
    t.typed("Line one");
    t.send(ENTER);
    t.typed("Line two");
    t.send(ENTER);
    t.typed("Line three");
    t.send(UP);
    std::thread::sleep(Duration::from_millis(200));
    t.send(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(
        stored_text(&place.db(), id, "aim").as_deref(),
        Some("Line one\nLine two\nLine three")
    );

    // Started again and the draft opened from its family: the same page,
    // the same field, the cursor at the end of the same line.
    let mut t = Term::start(&place, false);
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (");
    t.send(ENTER);
    t.wait_for("What is the aim/purpose of this visit?");
    t.typed(" and more");
    std::thread::sleep(Duration::from_millis(200));
    t.send(CTRL_Q);
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(
        stored_text(&place.db(), id, "aim").as_deref(),
        Some("Line one\nLine two and more\nLine three")
    );
    assert_eq!(stored_text(&place.db(), id, "practitioner"), None);
}
