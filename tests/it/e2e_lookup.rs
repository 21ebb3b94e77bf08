//! Search and the action register in the real binary, in a
//! pseudo-terminal (issue 14): words typed into a draft are found by `/`
//! on the family as soon as the draft is saved (the index follows every
//! save in the same transaction), the result opens the draft at the
//! answer that matched, and `a` shows the family's (empty) register.

use crate::support::pty::{CTRL_Q, ENTER, Place, Term, WAIT, seed_drafts_as};

#[test]
fn a_saved_word_is_found_from_the_family_and_opens_where_it_was_typed() {
    let place = Place::new();
    // The program runs as this login, and finds only its own drafts.
    let me = casenotes::identity::login_name().unwrap().to_string();
    seed_drafts_as(&place.db(), &me, 1);
    let mut t = Term::start(&place, false);
    t.wait_for("Example family");
    t.feed(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.feed("a");
    t.wait_for("No actions yet");
    t.feed("\x1b");
    t.wait_for("Records (1, 1 draft)");
    t.feed(ENTER);
    t.wait_for("Name and role of practitioner");
    t.typed("Worker at the trampoline park");
    // Leaving the form saves the draft at once.
    t.feed("\x1b");
    t.wait_for("Records (1, 1 draft)");
    t.feed("/");
    t.wait_for("Search FX-0002");
    t.typed("trampo");
    t.feed(ENTER);
    t.wait_for("1 record(s) found.");
    t.wait_for("the trampoline park");
    t.feed(ENTER);
    t.wait_for("Name and role of practitioner");
    t.feed(CTRL_Q);
    let status = t.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}
