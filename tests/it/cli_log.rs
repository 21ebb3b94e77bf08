//! `--log FILE` (issue 17): diagnostics carry ids and timings, never what
//! was typed. Answers are typed through the real program in a
//! pseudo-terminal, saved, and then looked for in the log.

use crate::support::pty::{CTRL_Q, ENTER, Place, Term, seed_drafts, stored_text};
use std::time::Duration;

#[test]
fn typed_answers_never_reach_the_log_but_the_saves_do() {
    let place = Place::new();
    let ids = seed_drafts(&place.db(), 1);
    let log = place.dir.path().join("support.log");
    let mut cmd = place.command(false);
    cmd.arg("--log");
    cmd.arg(&log);
    let mut t = Term::spawn(cmd, 80, 24);
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    let secret = "Quokka Wibblesworth, outreach";
    t.typed(secret);
    // Past the autosave, then quit, which saves again.
    std::thread::sleep(Duration::from_millis(900));
    t.pump();
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(Duration::from_secs(5)).exit_code(), 0);
    assert_eq!(
        stored_text(&place.db(), ids[0], "practitioner").as_deref(),
        Some(secret),
        "the answer was saved"
    );

    let text = std::fs::read_to_string(&log).expect("the log was written");
    // Every line is one JSON object.
    let events: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let said = |m: &str| events.iter().any(|e| e["message"] == m);
    assert!(said("start") && said("end"), "{text}");
    let saved: Vec<_> = events
        .iter()
        .filter(|e| e["message"] == "draft saved")
        .collect();
    assert!(!saved.is_empty(), "no save was logged:\n{text}");
    assert!(
        saved
            .iter()
            .all(|e| e["record"] == ids[0] && e["ms"].is_u64())
    );
    // Not a word of the answer, the family or the child.
    for word in [
        "Quokka",
        "Wibblesworth",
        "outreach",
        "Example family",
        "Child A",
    ] {
        assert!(!text.contains(word), "{word:?} reached the log:\n{text}");
    }
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&log).expect("the log").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the log is owner only");
}
