//! The form language's action keys (docs/form-language.md, "SMART actions
//! and the register"): `actions = {...}` on a SMART table and
//! `carry_forward = "actions"` on a section, what the checker refuses, and
//! what completeness asks of a carried action (a new date when still open,
//! a reason when dropped). The guidance: the Kent template starts each
//! visit from "issues from last visit" (seed 004_e74e373a20bcf6ff.txt).

use crate::support::forms::actions_section;
use casenotes::form::carry::{
    CARRIED_FIELD, COL_NEW_DATE, COL_OUTCOME, COL_REASON, COL_REF, COL_WHAT, DROPPED, STILL_OPEN,
    action_tables, carry_section,
};
use casenotes::form::{Diagnostic, FormSet, FormSource, TableRole, parse_form};
use casenotes::record::{Answers, ProblemKind, Row, Slot, Value, check};
use chrono::NaiveDate;

const HEAD: &str = "id = \"mini\"\nversion = 1\ntitle = \"Mini\"\npurpose = \"Tests.\"\n";

const CARRY: &str = r#"
[[section]]
id = "since"
title = "Since last time"
carry_forward = "actions"

[[section.field]]
id = "notes"
label = "Notes"
kind = "multiline"
"#;

fn problems(src: &str) -> Vec<Diagnostic> {
    match parse_form("t.toml", src, FormSource::BuiltIn) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics,
    }
}

#[track_caller]
fn one(src: &str, line: usize, needle: &str) {
    let p = problems(src);
    assert_eq!(p.len(), 1, "expected one problem, got {p:#?}");
    assert!(
        p[0].message.contains(needle),
        "message was: {}",
        p[0].message
    );
    assert_eq!(p[0].line, line, "{}", p[0]);
}

#[test]
fn a_smart_table_and_a_carrying_section_are_accepted() {
    let f = parse_form(
        "t.toml",
        &format!("{HEAD}{CARRY}{}", actions_section(false)),
        FormSource::BuiltIn,
    )
    .unwrap();
    let tables: Vec<_> = action_tables(&f)
        .map(|(s, fl, _)| (&s.id, &fl.id))
        .collect();
    assert_eq!(tables, [(&"acts".to_owned(), &"smart".to_owned())]);
    let s = carry_section(&f).unwrap();
    assert_eq!(s.id, "since");
    // The generated table comes first, before the form's own fields.
    assert_eq!(s.fields[0].id, CARRIED_FIELD);
    assert_eq!(s.fields[1].id, "notes");
}

#[test]
fn actions_must_name_columns_of_the_right_kinds() {
    let missing = actions_section(false).replace("by_when = \"by_when\"", "by_when = \"due\"");
    // The `actions` line is line 14 of the whole form.
    one(
        &format!("{HEAD}{missing}"),
        14,
        "column `due`, which is not in this table",
    );
    let wrong = actions_section(false).replace(
        "who = \"who\", by_when = \"by_when\"",
        "who = \"who\", by_when = \"what\"",
    );
    one(&format!("{HEAD}{wrong}"), 14, "it must be a date column");
    let short = actions_section(false).replace(", by_when = \"by_when\"", "");
    one(&format!("{HEAD}{short}"), 14, "`actions` needs `by_when`");
}

#[test]
fn actions_belong_to_tables_only() {
    let src = format!(
        "{HEAD}[[section]]\nid = \"s\"\ntitle = \"S\"\n\n[[section.field]]\nid = \"t\"\nlabel = \"T\"\nkind = \"text\"\nactions = {{ what = \"a\", who = \"b\", by_when = \"c\" }}\n"
    );
    one(
        &src,
        13,
        "`actions` does not apply to a field of kind `text`",
    );
}

#[test]
fn carry_forward_is_refused_where_it_cannot_work() {
    let unknown = CARRY.replace("\"actions\"", "\"plans\"");
    one(
        &format!("{HEAD}{unknown}"),
        9,
        "unknown carry_forward `plans`",
    );
    let per_child = CARRY.replace("carry_forward", "per_child = true\ncarry_forward");
    one(&format!("{HEAD}{per_child}"), 10, "per-child section");
    let twice = format!("{HEAD}{CARRY}{}", CARRY.replace("\"since\"", "\"again\""));
    let p = problems(&twice);
    assert!(
        p.iter().any(|d| d.message.contains("only one section")),
        "{p:#?}"
    );
    let clash = format!(
        "{HEAD}{CARRY}\n[[section.field]]\nid = \"{CARRIED_FIELD}\"\nlabel = \"Mine\"\nkind = \"text\"\n"
    );
    one(
        &clash,
        17,
        "kept for the table a carry_forward section starts with",
    );
}

#[test]
fn the_built_in_smart_tables_feed_the_register_and_the_visit_carries_them() {
    let forms = FormSet::built_in().unwrap();
    for id in [
        "visit",
        "allocation",
        "planning_meeting",
        "management_oversight",
        "case_supervision",
    ] {
        let f = forms.get(id).unwrap();
        assert_eq!(action_tables(f).count(), 1, "{id}");
    }
    let visit = forms.get("visit").unwrap();
    assert_eq!(carry_section(visit).unwrap().id, "last_visit");
    let (_, field) = visit.field(CARRIED_FIELD).unwrap();
    assert!(matches!(
        &field.kind,
        casenotes::form::FieldKind::Table(t) if t.role == TableRole::Carried
    ));
}

fn carried(outcome: &str, new_date: &str, reason: &str) -> Answers {
    let mut row = Row::new();
    row.insert(COL_REF.into(), "3".into());
    row.insert(COL_WHAT.into(), "Book the dentist".into());
    row.insert(COL_OUTCOME.into(), outcome.into());
    row.insert(COL_NEW_DATE.into(), new_date.into());
    row.insert(COL_REASON.into(), reason.into());
    let mut a = Answers::new();
    a.set(Slot::once("since", CARRIED_FIELD), Value::Rows(vec![row]));
    a
}

#[test]
fn a_carried_action_needs_a_date_when_open_and_a_reason_when_dropped() {
    let f = parse_form("t.toml", &format!("{HEAD}{CARRY}"), FormSource::BuiltIn).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let needs = |a: &Answers| -> Vec<String> {
        check(&f, a, &[], today)
            .problems
            .into_iter()
            .filter_map(|p| match p.kind {
                ProblemKind::RowIncomplete { column, .. } => Some(column),
                _ => None,
            })
            .collect()
    };
    assert_eq!(needs(&carried(STILL_OPEN, "", "")), [COL_NEW_DATE]);
    assert!(needs(&carried(STILL_OPEN, "2026-12-20", "")).is_empty());
    assert_eq!(needs(&carried(DROPPED, "", "")), [COL_REASON]);
    assert!(needs(&carried(DROPPED, "", "Family moved the appointment")).is_empty());
    assert!(needs(&carried("done", "", "")).is_empty());
    assert_eq!(needs(&carried("", "", "")), [COL_OUTCOME]);
}
