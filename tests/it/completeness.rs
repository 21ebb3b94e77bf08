//! Completeness: what a record still lacks, with conditional requirements
//! (seed 003_e0d5b8f8efac37da.txt §5b: child seen, seen alone, and why
//! not), per-child repeats of the child's voice (seed 000_80c8a2bb2a6002b3.txt
//! §4: "must detail each individual child") and SMART action tables (seed
//! 000 §1: every action needs a date).

use casenotes::form::{Form, FormSource, parse_form};
use casenotes::record::{Answers, ChildId, ProblemKind, Row, Slot, Value, check, is_unneeded};
use chrono::NaiveDate;
use proptest::prelude::*;

const VISIT: &str = r#"id = "t_visit"
version = 1
title = "Visit"
purpose = "Test visit."
event_date_field = "date"

[[section]]
id = "visit"
title = "The visit"

[[section.field]]
id = "date"
label = "Date"
kind = "date"
required = true
not_future = true

[[section.field]]
id = "seen"
label = "Child seen?"
kind = "yes_no"
required = true

[[section.field]]
id = "why_not_seen"
label = "Why not?"
kind = "multiline"
required_when = { field = "seen", is = "no" }

[[section.field]]
id = "concerns"
label = "Concerns"
kind = "choices"
options = ["Housing", "School", "Health"]

[[section.field]]
id = "housing_detail"
label = "Housing detail"
kind = "text"
required_when = { field = "concerns", any_of = ["Housing"] }

[[section]]
id = "voice"
title = "Child's views"
child_voice = true
per_child = true

[[section.field]]
id = "alone"
label = "Seen alone?"
kind = "yes_no"
required = true

[[section.field]]
id = "why_not_alone"
label = "Why not alone?"
kind = "text"
required_when = { field = "alone", is = "no" }

[[section.field]]
id = "views"
label = "Views"
kind = "multiline"
required = true

[[section]]
id = "actions"
title = "Actions"

[[section.field]]
id = "scaling"
label = "Scaling"
kind = "scale"
min = 0
max = 10
min_label = "No safety"
max_label = "Ready to close"

[[section.field]]
id = "smart"
label = "SMART actions"
kind = "table"
required = true
min_rows = 1

[[section.field.column]]
id = "what"
label = "What"
kind = "text"
required = true

[[section.field.column]]
id = "who"
label = "Who"
kind = "text"
required = true

[[section.field.column]]
id = "by"
label = "By when"
kind = "date"
required = true

[[section.field.column]]
id = "note"
label = "Note"
kind = "text"
"#;

fn form() -> Form {
    parse_form("t_visit.toml", VISIT, FormSource::BuiltIn).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn text(a: &mut Answers, section: &str, field: &str, v: &str) {
    a.set(Slot::once(section, field), Value::Text(v.into()));
}

fn child_text(a: &mut Answers, child: i64, field: &str, v: &str) {
    a.set(
        Slot::for_child("voice", ChildId(child), field),
        Value::Text(v.into()),
    );
}

fn row(cells: &[(&str, &str)]) -> Row {
    cells
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// (section, child, field, kind) for each problem, for compact asserts.
fn summary(a: &Answers, kids: &[i64]) -> Vec<(String, Option<i64>, String, ProblemKind)> {
    let kids: Vec<ChildId> = kids.iter().map(|&k| ChildId(k)).collect();
    check(&form(), a, &kids, today())
        .problems
        .into_iter()
        .map(|p| {
            (
                p.slot.section,
                p.slot.child.map(|c| c.0),
                p.slot.field,
                p.kind,
            )
        })
        .collect()
}

fn complete_answers() -> Answers {
    let mut a = Answers::new();
    text(&mut a, "visit", "date", "2026-11-20");
    text(&mut a, "visit", "seen", "yes");
    for k in [1, 2] {
        child_text(&mut a, k, "alone", "yes");
        child_text(&mut a, k, "views", "Wants more time at the park");
    }
    a.set(
        Slot::once("actions", "smart"),
        Value::Rows(vec![row(&[
            ("what", "Book GP"),
            ("who", "Parent"),
            ("by", "2026-12-01"),
        ])]),
    );
    a
}

#[test]
fn an_empty_record_lists_every_required_field_and_each_child() {
    let s = summary(&Answers::new(), &[1, 2]);
    let places: Vec<(&str, Option<i64>, &str)> = s
        .iter()
        .map(|(a, b, c, _)| (a.as_str(), *b, c.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            ("visit", None, "date"),
            ("visit", None, "seen"),
            ("voice", Some(1), "alone"),
            ("voice", Some(1), "views"),
            ("voice", Some(2), "alone"),
            ("voice", Some(2), "views"),
            ("actions", None, "smart"),
        ]
    );
    assert!(s.iter().all(|p| p.3 == ProblemKind::Missing));
}

#[test]
fn a_complete_record_has_no_problems() {
    let c = check(
        &form(),
        &complete_answers(),
        &[ChildId(1), ChildId(2)],
        today(),
    );
    assert!(c.is_complete(), "{:#?}", c.problems);
}

#[test]
fn child_not_seen_makes_why_not_required_at_once() {
    let mut a = complete_answers();
    text(&mut a, "visit", "seen", "no");
    let s = summary(&a, &[1, 2]);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].2, "why_not_seen");
    assert_eq!(
        s[0].3,
        ProblemKind::MissingBecause {
            field: "seen".into(),
            answer: "no".into()
        }
    );
    text(&mut a, "visit", "why_not_seen", "Child was at nursery");
    assert!(summary(&a, &[1, 2]).is_empty());
}

#[test]
fn seen_alone_is_asked_of_each_child_separately() {
    let mut a = complete_answers();
    child_text(&mut a, 2, "alone", "no");
    let s = summary(&a, &[1, 2]);
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].1, s[0].2.as_str()), (Some(2), "why_not_alone"));
}

#[test]
fn a_several_choices_condition_fires_on_any_chosen_answer() {
    let mut a = complete_answers();
    a.set(
        Slot::once("visit", "concerns"),
        Value::List(vec!["School".into(), "Housing".into()]),
    );
    let s = summary(&a, &[1, 2]);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].2, "housing_detail");
}

#[test]
fn only_the_children_the_record_is_about_are_asked() {
    let a = complete_answers();
    // Child 3 joined the record: their views are now missing.
    let s = summary(&a, &[1, 2, 3]);
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|p| p.1 == Some(3)));
    // A record about one child ignores answers kept for another.
    assert!(summary(&a, &[1]).is_empty());
}

#[test]
fn table_rows_need_every_required_column_and_blank_rows_are_ignored() {
    let mut a = complete_answers();
    a.set(
        Slot::once("actions", "smart"),
        Value::Rows(vec![
            row(&[("what", "Book GP"), ("who", "Parent")]),
            row(&[("what", ""), ("who", " ")]),
            row(&[("note", "only a note")]),
        ]),
    );
    let s = summary(&a, &[1, 2]);
    let kinds: Vec<&ProblemKind> = s.iter().map(|p| &p.3).collect();
    assert_eq!(
        kinds,
        [
            &ProblemKind::RowIncomplete {
                row: 0,
                column: "by".into()
            },
            &ProblemKind::RowIncomplete {
                row: 2,
                column: "what".into()
            },
            &ProblemKind::RowIncomplete {
                row: 2,
                column: "who".into()
            },
            &ProblemKind::RowIncomplete {
                row: 2,
                column: "by".into()
            },
            &ProblemKind::TooFewRows { need: 1, have: 0 },
        ]
    );
}

#[test]
fn invalid_answers_are_problems_but_are_kept() {
    let mut a = complete_answers();
    text(&mut a, "visit", "date", "2026-11-3");
    text(&mut a, "actions", "scaling", "11");
    let s = summary(&a, &[1, 2]);
    assert_eq!(s.len(), 2, "{s:#?}");
    assert!(matches!(s[0].3, ProblemKind::Invalid(_)));
    assert!(matches!(s[1].3, ProblemKind::Invalid(_)));
    assert_eq!(a.text(&Slot::once("visit", "date")), Some("2026-11-3"));
}

#[test]
fn a_visit_dated_tomorrow_is_refused() {
    let mut a = complete_answers();
    text(&mut a, "visit", "date", "2026-11-23");
    let s = summary(&a, &[1, 2]);
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].3.to_string(),
        "answer is after today; record the date it happened"
    );
}

#[test]
fn section_counts_and_child_voice_flags() {
    let f = form();
    let c = check(&f, &Answers::new(), &[ChildId(1), ChildId(2)], today());
    assert_eq!(c.count_in_section("voice"), 4);
    assert_eq!(c.in_section("voice", Some(ChildId(2))).count(), 2);
    let voice = f.section("voice").unwrap();
    assert!(f.is_child_voice(voice, &voice.fields[0]));
    let visit = f.section("visit").unwrap();
    assert!(!f.is_child_voice(visit, &visit.fields[0]));
}

#[test]
fn completeness_is_fast_on_every_built_in_form() {
    let set = casenotes::form::FormSet::built_in().unwrap();
    let kids = [ChildId(1), ChildId(2), ChildId(3)];
    for f in set.iter() {
        let start = std::time::Instant::now();
        for _ in 0..100 {
            std::hint::black_box(check(f, &Answers::new(), &kids, today()));
        }
        // Far below a millisecond each: 100 checks well inside 100 ms even
        // on a slow, loaded CI machine and an unoptimised build.
        assert!(
            start.elapsed().as_millis() < 100,
            "{} took {:?}",
            f.id,
            start.elapsed()
        );
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("2026-11-20".to_string()),
        Just("Housing".to_string()),
        Just("10".to_string()),
        ".{0,12}",
    ]
}

fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        arb_text().prop_map(Value::Text),
        proptest::collection::vec(arb_text(), 0..4).prop_map(Value::List),
        proptest::collection::vec(
            proptest::collection::btree_map("[a-z]{1,5}|what|who|by", arb_text(), 0..4),
            0..4
        )
        .prop_map(Value::Rows),
    ]
}

proptest! {
    /// Random answers in random places, valid or not, never panic the check,
    /// and every problem names a field the form has.
    #[test]
    fn random_answers_never_panic(
        entries in proptest::collection::vec(
            ("visit|voice|actions|nowhere", proptest::option::of(0i64..4),
             "date|seen|why_not_seen|concerns|housing_detail|alone|why_not_alone|views|scaling|smart|bogus",
             arb_value()),
            0..30),
        kids in proptest::collection::vec(0i64..4, 0..4),
    ) {
        let f = form();
        let mut a = Answers::new();
        for (section, child, field, value) in entries {
            a.set(Slot { section, child: child.map(ChildId), field }, value);
        }
        let kids: Vec<ChildId> = kids.into_iter().map(ChildId).collect();
        let c = check(&f, &a, &kids, today());
        for p in &c.problems {
            prop_assert!(f.field(&p.slot.field).is_some());
        }
        // Answers survive their JSON round trip whatever they hold.
        prop_assert_eq!(Answers::from_json(&a.to_json()).unwrap(), a);
    }
}

/// A SMART action due before the visit it was agreed at is said (issue
/// 10), by table and row, and stops nothing: the record stays complete as
/// far as this goes.
#[test]
fn an_action_due_before_the_visit_is_warned_about_not_refused() {
    let forms = casenotes::form::FormSet::built_in().expect("the built-in forms");
    let visit = forms.get("visit").expect("the visit form");
    let (section, _) = visit.field("smart_actions").expect("the actions table");
    let mut a = Answers::new();
    a.set(
        Slot::once("visit", "visit_date"),
        Value::Text("2026-11-20".into()),
    );
    let row = |by: &str| -> Row {
        [
            ("what".to_owned(), "Book the dentist".to_owned()),
            ("who".to_owned(), "Parent".to_owned()),
            ("by_when".to_owned(), by.to_owned()),
        ]
        .into_iter()
        .collect()
    };
    a.set(
        Slot::once(&section.id, "smart_actions"),
        Value::Rows(vec![
            row("2026-12-04"),
            row("2025-11-27"),
            row("2026-11-20"),
        ]),
    );
    let warnings = casenotes::record::action_date_warnings(visit, &a);
    assert_eq!(
        warnings,
        [
            "SMART actions, row 2: \u{201c}by when\u{201d} (Thu 27/11/2025) is before this record's date (Fri 20/11/2026); check it."
        ]
    );
    // No visit date yet: nothing to compare with, nothing said.
    let mut undated = a.clone();
    undated.set(
        Slot::once("visit", "visit_date"),
        Value::Text(String::new()),
    );
    assert!(casenotes::record::action_date_warnings(visit, &undated).is_empty());
}

/// A field the answers make unnecessary (issue 14: passed by Tab and drawn
/// dimmed): only once the deciding answer is given and is not one that
/// needs it; per child for a per-child section; a choice list by its ticks.
#[test]
fn a_field_is_unneeded_once_the_deciding_answer_rules_it_out() {
    let f = form();
    let field = |section: &str, id: &str| {
        f.sections
            .iter()
            .find(|s| s.id == section)
            .and_then(|s| s.fields.iter().find(|x| x.id == id))
            .unwrap()
            .clone()
    };
    let why = field("visit", "why_not_seen");
    let housing = field("visit", "housing_detail");
    let why_alone = field("voice", "why_not_alone");
    let date = field("visit", "date");
    let mut a = Answers::new();
    // Nothing decided yet: needed as far as anyone knows.
    assert!(!is_unneeded(&f, &why, None, &a));
    assert!(!is_unneeded(&f, &housing, None, &a));
    text(&mut a, "visit", "seen", "yes");
    assert!(is_unneeded(&f, &why, None, &a));
    text(&mut a, "visit", "seen", "no");
    assert!(!is_unneeded(&f, &why, None, &a));
    a.set(
        Slot::once("visit", "concerns"),
        Value::List(vec!["School".into()]),
    );
    assert!(is_unneeded(&f, &housing, None, &a));
    a.set(
        Slot::once("visit", "concerns"),
        Value::List(vec!["School".into(), "Housing".into()]),
    );
    assert!(!is_unneeded(&f, &housing, None, &a));
    child_text(&mut a, 1, "alone", "yes");
    child_text(&mut a, 2, "alone", "no");
    assert!(is_unneeded(&f, &why_alone, Some(ChildId(1)), &a));
    assert!(!is_unneeded(&f, &why_alone, Some(ChildId(2)), &a));
    // A field needed always, or never, is never "unneeded".
    assert!(!is_unneeded(&f, &date, None, &a));
}

/// A chain of conditions (seed 003_e0d5b8f8efac37da.txt §5b (b) and (c):
/// seen, then seen alone, then why not alone): an answer left in a field
/// the earlier answer made unnecessary asks for nothing further.
const CHAIN: &str = r#"id = "t_chain"
version = 1
title = "Chain"
purpose = "Test chain."

[[section]]
id = "s"
title = "Seeing the child"

[[section.field]]
id = "seen"
label = "Seen?"
kind = "yes_no"
required = true

[[section.field]]
id = "alone"
label = "Seen alone?"
kind = "yes_no"
required_when = { field = "seen", is = "yes" }

[[section.field]]
id = "why_not_alone"
label = "If not alone, why not?"
kind = "multiline"
required_when = { field = "alone", is = "no" }
"#;

#[test]
fn an_answer_left_in_a_field_no_longer_needed_asks_for_nothing_further() {
    let f = parse_form("t_chain.toml", CHAIN, FormSource::BuiltIn).unwrap();
    let why = Slot::once("s", "why_not_alone");
    let why_field = &f.sections[0].fields[2];
    let mut a = Answers::new();
    text(&mut a, "s", "seen", "yes");
    text(&mut a, "s", "alone", "no");
    assert!(check(&f, &a, &[], today()).at(&why).any(|p| p.is_missing()));
    assert!(!is_unneeded(&f, why_field, None, &a));
    // The child was not seen after all: "alone: no" stays in the record
    // but no longer asks why.
    text(&mut a, "s", "seen", "no");
    assert_eq!(check(&f, &a, &[], today()).at(&why).count(), 0);
    assert!(is_unneeded(&f, why_field, None, &a));
    assert!(is_unneeded(&f, &f.sections[0].fields[1], None, &a));
}

/// Two fields each required because of the other (the form checker
/// refuses only a field naming itself): checking ends, whatever the
/// answers.
#[test]
fn a_circle_of_conditions_is_checked_without_end() {
    let circle = r#"id = "t_circle"
version = 1
title = "Circle"
purpose = "Test circle."

[[section]]
id = "s"
title = "S"

[[section.field]]
id = "a"
label = "A?"
kind = "yes_no"
required_when = { field = "b", is = "yes" }

[[section.field]]
id = "b"
label = "B?"
kind = "yes_no"
required_when = { field = "a", is = "no" }
"#;
    let f = parse_form("t_circle.toml", circle, FormSource::BuiltIn).unwrap();
    for (x, y) in [("yes", "yes"), ("no", "no"), ("yes", "no"), ("no", "yes")] {
        let mut a = Answers::new();
        text(&mut a, "s", "a", x);
        text(&mut a, "s", "b", y);
        let found = check(&f, &a, &[], today());
        assert!(found.problems.len() <= 2);
        let _ = is_unneeded(&f, &f.sections[0].fields[0], None, &a);
    }
}
