//! `[[contradiction]]` in the form language (docs/form-language.md,
//! "Contradictions"): answers that cannot both stand are findings like
//! missing ones, at the second field, with the form's own sentence; the
//! checker refuses a contradiction it could not evaluate. The built-in
//! visit (seed 003_e0d5b8f8efac37da.txt §5b (b), (c)) and closure (seed
//! 002_66f790c2d2b6d6fc.txt Standard 18) forms use them.

use casenotes::form::{FormSet, FormSource, parse_form};
use casenotes::record::{Answers, ChildId, ProblemKind, Slot, Value, check};
use chrono::NaiveDate;

const FORM: &str = r#"
id = "mini"
version = 1
title = "Mini"
purpose = "Tests."

[[section]]
id = "main"
title = "Main"

[[section.field]]
id = "opened"
label = "Opened"
kind = "date"

[[section.field]]
id = "closed"
label = "Closed"
kind = "date"

[[section]]
id = "kid"
title = "Each child"
per_child = true

[[section.field]]
id = "seen"
label = "Seen?"
kind = "yes_no"

[[section.field]]
id = "alone"
label = "Seen alone?"
kind = "yes_no"

[[contradiction]]
when = { field = "seen", is = "no" }
and = { field = "alone", is = "yes" }
message = "Seen alone but not seen"

[[contradiction]]
date = "closed"
before = "opened"
message = "Closed before it opened"
"#;

fn problems(src: &str) -> Vec<String> {
    match parse_form("t.toml", src, FormSource::BuiltIn) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

#[test]
fn contradictions_are_findings_at_the_second_field() {
    let f = parse_form("t.toml", FORM, FormSource::BuiltIn).unwrap();
    let (a, b) = (ChildId(1), ChildId(2));
    let mut ans = Answers::new();
    let text = |s: &str| Value::Text(s.into());
    ans.set(Slot::for_child("kid", a, "seen"), text("no"));
    ans.set(Slot::for_child("kid", a, "alone"), text("yes"));
    ans.set(Slot::for_child("kid", b, "seen"), text("yes"));
    ans.set(Slot::for_child("kid", b, "alone"), text("yes"));
    ans.set(Slot::once("main", "opened"), text("2026-11-10"));
    ans.set(Slot::once("main", "closed"), text("2026-11-09"));
    let found: Vec<(Slot, String)> = check(&f, &ans, &[a, b], today())
        .problems
        .into_iter()
        .filter_map(|p| match p.kind {
            ProblemKind::Contradiction(m) => Some((p.slot, m)),
            _ => None,
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Slot::for_child("kid", a, "alone"),
                "Seen alone but not seen".into()
            ),
            (
                Slot::once("main", "closed"),
                "Closed before it opened".into()
            ),
        ]
    );
    // The same day is no contradiction.
    ans.set(Slot::once("main", "closed"), text("2026-11-10"));
    ans.set(Slot::for_child("kid", a, "seen"), text("yes"));
    assert!(check(&f, &ans, &[a, b], today()).is_complete());
}

#[test]
fn the_checker_refuses_a_contradiction_it_could_not_evaluate() {
    let bad = |from: &str, to: &str| problems(&FORM.replace(from, to));
    let p = bad("is = \"yes\" }", "is = \"maybe\" }");
    assert!(
        p[0].contains("`maybe` is not an answer field `alone` can take"),
        "{p:?}"
    );
    let p = bad("field = \"seen\", is", "field = \"opened\", is");
    assert!(
        p[0].contains("a contradiction of answers needs a yes_no"),
        "{p:?}"
    );
    let p = bad("before = \"opened\"", "before = \"seen\"");
    assert!(
        p[0].contains("`date` and `before` name date fields"),
        "{p:?}"
    );
    let p = bad("date = \"closed\"\n", "");
    assert!(p[0].contains("needs both `date` and `before`"), "{p:?}");
    let p = bad("message = \"Seen alone but not seen\"\n", "");
    assert!(p[0].contains("missing key `message`"), "{p:?}");
    let p = bad("field = \"seen\", is", "field = \"nope\", is");
    assert!(p[0].contains("`nope`, which is not in this form"), "{p:?}");
}

#[test]
fn the_built_in_visit_and_closure_check_theirs() {
    let forms = FormSet::built_in().unwrap();
    assert_eq!(forms.get("visit").unwrap().contradictions.len(), 1);
    assert_eq!(forms.get("closure").unwrap().contradictions.len(), 1);
}
