//! `casenotes actions REF` and `casenotes search WORDS` as printed: the
//! register with its overdue mark and history, text typed by people shown
//! with control characters made visible, JSON for scripts; and the due
//! list's count of overdue actions per family (issue 14).

use crate::support::forms::actions_section;
use casenotes::cli::{actions_cmd, search_cmd};
use casenotes::form::{FormSet, FormSource, parse_form};
use casenotes::record::{Answers, Row, Slot, Value};
use casenotes::service::CaseFile;
use casenotes::service::due::items_for;
use casenotes::store::{FamilyDetails, FamilyId, RecordDraft, Store};
use casenotes::timescale::{Calendar, Duties};
use chrono::NaiveDate;

const HEAD: &str = r#"
id = "act"
version = 1
title = "Actions note"
purpose = "Test."
"#;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A family allocated to worker.a with one finalised note setting two
/// actions, one with an escape sequence typed into it.
fn setup(dir: &std::path::Path) -> (Store, FamilyId, FormSet) {
    let form = parse_form(
        "act.toml",
        &format!("{HEAD}{}", actions_section(false)),
        FormSource::BuiltIn,
    )
    .unwrap();
    let mut s = Store::open(dir.join("c.sqlite3"), "worker.a").unwrap();
    let mut d = FamilyDetails::new("FX-1", "Example family", day("2026-01-01"));
    d.allocated_worker = Some("worker.a".into());
    let fam = s.create_family(&d).unwrap();
    let row = |what: &str, by: &str| -> Row {
        [("what", what), ("who", "Parent"), ("by_when", by)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    };
    let mut a = Answers::new();
    a.set(
        Slot::once("acts", "smart"),
        Value::Rows(vec![
            row("Book the dentist \u{1b}[31m", "2026-11-20"),
            row("Visit the library", "2026-12-20"),
        ]),
    );
    let draft = RecordDraft {
        event_date: day("2026-11-01"),
        significant: false,
        children: Vec::new(),
        answers: a,
    };
    let id = s.create_record(fam, &form, &draft).unwrap();
    s.finalise(id, 1, &draft, &form, day("2026-11-01")).unwrap();
    (s, fam, FormSet::from_forms(vec![form]))
}

#[test]
fn actions_prints_the_register_with_the_overdue_marked() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _, forms) = setup(dir.path());
    let s = CaseFile::new(s, forms);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = actions_cmd::run(&s, "FX-1", day("2026-12-01"), false, &mut out, &mut err).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(code, 0);
    assert!(
        text.contains("2 action(s), 2 open, 1 overdue as of 2026-12-01"),
        "{text}"
    );
    assert!(text.contains("!! #1"), "{text}");
    assert!(text.contains("Book the dentist ^[[31m"), "{text}");
    assert!(!text.contains('\u{1b}'));

    let mut out = Vec::new();
    actions_cmd::run(&s, "FX-1", day("2026-12-01"), true, &mut out, &mut err).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["actions"][0]["status"], "open");
    assert_eq!(v["actions"][1]["history"][0]["outcome"], "raised");

    let mut out = Vec::new();
    let code =
        actions_cmd::run(&s, "FX-404", day("2026-12-01"), false, &mut out, &mut err).unwrap();
    assert_eq!(code, 1);
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("no family has the reference FX-404")
    );
}

#[test]
fn search_prints_the_words_in_context_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _, forms) = setup(dir.path());
    let mut s = CaseFile::new(s, forms);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let words = vec!["libr".to_owned()];
    let code = search_cmd::run(&mut s, &words, None, false, &mut out, &mut err).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert!(text.starts_with("1 record(s) found."), "{text}");
    assert!(text.contains("SMART actions: "), "{text}");
    assert!(text.contains("Visit the library"), "{text}");

    let mut out = Vec::new();
    search_cmd::run(&mut s, &words, Some("FX-1"), true, &mut out, &mut err).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["found"][0]["family_reference"], "FX-1");
}

#[test]
fn the_due_list_counts_overdue_actions_per_family() {
    let dir = tempfile::tempdir().unwrap();
    let (s, fam, forms) = setup(dir.path());
    let duties = Duties::built_in().unwrap();
    let cal = Calendar::england_and_wales();
    let items = items_for(&s, &forms, &duties, &cal, day("2026-12-01"), false, false).unwrap();
    let late: Vec<_> = items
        .iter()
        .filter(|i| i.what.contains("action(s) past their date"))
        .collect();
    assert_eq!(late.len(), 1, "{items:#?}");
    assert_eq!(late[0].family_id, fam);
    assert_eq!(late[0].what, "1 action(s) past their date");
    assert_eq!(late[0].due, day("2026-11-20"));
}
