//! Each user's own writing help in the case file (issue 13, schema step 9):
//! words added to their dictionary and kinds turned off, kept per login so
//! they follow the user to another machine on the team file, and never
//! another user's.

use casenotes::store::Store;

#[test]
fn own_words_and_settings_are_kept_per_user_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.sqlite3");
    {
        let mut a = Store::open(&path, "worker.a").unwrap();
        a.add_own_word("Thistlewood").unwrap();
        a.add_own_word("Thistlewood").unwrap();
        a.add_own_word("Penhallow").unwrap();
        a.set_writing_kind("opinion", false).unwrap();
        a.set_writing_kind("jargon", false).unwrap();
        a.set_writing_kind("jargon", true).unwrap();
    }
    // The same user on another machine opens the same team file.
    let a = Store::open(&path, "worker.a").unwrap();
    assert_eq!(a.own_words().unwrap(), ["Penhallow", "Thistlewood"]);
    assert_eq!(a.writing_off().unwrap(), ["opinion"]);
    let b = Store::open(&path, "worker.b").unwrap();
    assert!(b.own_words().unwrap().is_empty());
    assert!(b.writing_off().unwrap().is_empty());
}

#[test]
fn a_sentence_or_an_unknown_kind_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("c.sqlite3"), "worker.a").unwrap();
    let e = s.add_own_word("two words").unwrap_err();
    assert!(e.to_string().contains("one word"), "{e}");
    assert!(s.add_own_word(&"x".repeat(101)).is_err());
    assert!(s.set_writing_kind("grammar", false).is_err());
    assert!(s.own_words().unwrap().is_empty());
}
