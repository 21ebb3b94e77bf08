//! The record as Markdown and as plain text: every answer in the form's
//! order, the child's voice marked in both, blank answers left out,
//! tables written row by row, and nothing typed able to become markup or
//! reach a terminal as an escape sequence.

use casenotes::export::{Addendum, CHILD_VOICE_LABEL, RecordMeta, to_markdown, to_text};
use casenotes::form::{Form, FormSet};
use casenotes::record::{Answers, ChildId, Row, Slot, Value};
use chrono::NaiveDate;
use insta::assert_snapshot;

fn visit() -> Form {
    FormSet::built_in().unwrap().get("visit").unwrap().clone()
}

fn children() -> Vec<(ChildId, String)> {
    vec![
        (ChildId(1), "Child A".into()),
        (ChildId(2), "Child B".into()),
    ]
}

fn answers() -> Answers {
    let mut a = Answers::new();
    let mut set = |slot: Slot, v: &str| a.set(slot, Value::Text(v.into()));
    set(
        Slot::once("visit", "practitioner"),
        "Sam Worker, family support worker",
    );
    set(Slot::once("visit", "visit_date"), "2026-11-20");
    set(Slot::once("visit", "visit_time"), "10:30");
    set(Slot::once("visit", "announced"), "Announced");
    set(Slot::once("visit", "visit_took_place"), "yes");
    set(
        Slot::once("purpose", "aim"),
        "Check on the new bedroom.\nTalk about school.\n\n# Not a heading",
    );
    set(
        Slot::for_child("seeing_child", ChildId(1), "child_seen"),
        "no",
    );
    set(
        Slot::for_child("seeing_child", ChildId(1), "why_not_seen"),
        "At a friend's house.",
    );
    set(
        Slot::for_child("child_voice", ChildId(2), "child_views"),
        "\"I want my own room.\"",
    );
    let mut row = Row::new();
    row.insert("what".into(), "Book a dental check-up | soon".into());
    row.insert("who".into(), "Parent A".into());
    row.insert("by_when".into(), "2026-12-05".into());
    let blank = Row::new();
    a.set(
        Slot::once("actions", "smart_actions"),
        Value::Rows(vec![row, blank]),
    );
    a
}

fn meta() -> RecordMeta {
    RecordMeta {
        title: "Home visit".into(),
        family_label: "FX-0001 Example family".into(),
        event_date: NaiveDate::from_ymd_opt(2026, 11, 20),
        author: "Sam Worker".into(),
        status: "Finalised".into(),
        finalised_by: Some("Sam Worker".into()),
        finalised_at: Some("2026-11-21 14:05".into()),
        significant: Some(true),
        addenda: vec![Addendum {
            author: "Pat Manager".into(),
            date: "2026-11-25".into(),
            text: "The visit time was 10:45, not 10:30.".into(),
        }],
    }
}

#[test]
fn markdown_of_a_visit() {
    let md = to_markdown(&visit(), &answers(), &children(), &meta());
    assert_snapshot!("visit_markdown", md);
    assert!(md.starts_with("# Home visit\n"));
    assert!(md.contains("- **Finalised:** by Sam Worker at 2026-11-21 14:05"));
    assert!(md.contains(&format!(
        "## Child's views, wishes and feelings — Child B **{CHILD_VOICE_LABEL}**"
    )));
    assert!(md.contains(&format!(
        "**What are the child's views, wishes and feelings?** **{CHILD_VOICE_LABEL}**"
    )));
    // Typed markup stays text.
    assert!(md.contains("\\# Not a heading"));
    assert!(
        md.contains("| Book a dental check-up \\| soon | Parent A | Sat 05/12/2026 |  |  |  |")
    );
    // Only the row with something in it.
    assert_eq!(md.matches("| Parent A |").count(), 1);
    // Yes/no in words; blank answers left out.
    assert!(md.contains("**Was the child seen?**\n\nNo"));
    assert!(!md.contains("Venue"));
    assert!(md.contains("## Addenda"));
}

#[test]
fn text_of_a_visit() {
    let txt = to_text(&visit(), &answers(), &children(), &meta());
    assert_snapshot!("visit_text", txt);
    assert!(txt.starts_with("Home visit\n==========\n"));
    assert!(txt.contains(&format!(
        "Child's views, wishes and feelings — Child B  {CHILD_VOICE_LABEL}\n"
    )));
    assert!(txt.contains(&format!(
        "What are the child's views, wishes and feelings?  {CHILD_VOICE_LABEL}\n    \"I want my own room.\""
    )));
    assert!(txt.contains("    1.\n      What:     Book a dental check-up | soon\n"));
    assert!(txt.contains("Nothing recorded."));
    assert!(txt.contains("2026-11-25 — Pat Manager\n    The visit time was 10:45, not 10:30."));
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let mut a = Answers::new();
    a.set(
        Slot::once("visit", "venue"),
        Value::Text("Home\u{1b}[2J\u{7}\u{202E}".into()),
    );
    let mut m = meta();
    m.author = "Sam\u{1b}]0;x\u{7}".into();
    for out in [
        to_markdown(&visit(), &a, &children(), &m),
        to_text(&visit(), &a, &children(), &m),
    ] {
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains('\u{7}'));
        assert!(!out.contains('\u{202E}'));
        // Markdown escapes the bracket of "^[" too; both read as "^[".
        assert!(out.contains("^[") || out.contains("^\\["));
        assert!(out.contains("^G") && out.contains("U+202E"));
    }
}

#[test]
fn a_record_with_nothing_in_it_says_so() {
    let meta = RecordMeta {
        family_label: "FX-0001 Example family".into(),
        status: "Draft".into(),
        ..RecordMeta::default()
    };
    let txt = to_text(&visit(), &Answers::new(), &[], &meta);
    // With no title given, the form's title is used; per-child sections
    // with no children are left out.
    assert!(txt.starts_with("Home visit\n"));
    assert!(txt.contains("Status: Draft"));
    assert!(!txt.contains("Child's views"));
    assert!(!txt.contains("Finalised"));
    let md = to_markdown(&visit(), &Answers::new(), &[], &meta);
    assert!(md.contains("_Nothing recorded._"));
    assert!(!md.contains("Addenda"));
}

#[test]
fn every_built_in_form_exports_without_answers() {
    for form in FormSet::built_in().unwrap().iter() {
        let md = to_markdown(form, &Answers::new(), &children(), &RecordMeta::default());
        assert!(md.starts_with(&format!("# {}", form.title)), "{}", form.id);
        let txt = to_text(form, &Answers::new(), &children(), &RecordMeta::default());
        assert!(txt.starts_with(&form.title));
    }
}
