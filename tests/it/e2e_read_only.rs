//! A read-only user (issue 14) in the real binary: the header says so, the
//! key that starts a draft is refused with the reason on the status line,
//! a draft opens to read only (no "change it?" question), and nothing is
//! written to the case file however they type.

use crate::support::pty::{ENTER, Place, Term, answers_of_drafts, login, seed_drafts_as};
use casenotes::user::{DisplayName, Role, UserLogin};
use std::time::Duration;

fn record_count(db: &std::path::Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM record", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_read_only_user_cannot_start_a_draft_or_change_one() {
    let place = Place::new();
    seed_drafts_as(&place.db(), "tester", 1);
    {
        let mut s = casenotes::store::Store::open(place.db(), "sam").unwrap();
        s.add_user_named(
            &UserLogin::new("sam").unwrap(),
            Role::Supervisor,
            Some(&DisplayName::new("Sam Manager").unwrap()),
        )
        .unwrap();
        s.add_user_named(
            &UserLogin::new(&login()).unwrap(),
            Role::ReadOnly,
            Some(&DisplayName::new("Robin Reader").unwrap()),
        )
        .unwrap();
    }
    let before = answers_of_drafts(&place.db());
    let mut t = Term::start(&place, false);
    t.wait_for("Robin Reader (read-only)");
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send("n");
    t.wait_for("Read-only access: you can read and export");
    assert!(!t.screen().contains("New record"), "{}", t.screen());
    // The colleague's draft opens straight to reading.
    t.send(ENTER);
    t.wait_for("Home visit");
    assert!(
        !t.screen().contains("Someone else's draft"),
        "{}",
        t.screen()
    );
    t.wait_for("read only");
    t.send("Typed by a reader");
    std::thread::sleep(Duration::from_millis(1500));
    t.pump();
    t.send("\x11"); // Ctrl-Q
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(record_count(&place.db()), 1, "no new record");
    assert_eq!(
        answers_of_drafts(&place.db()),
        before,
        "the draft unchanged"
    );
}
