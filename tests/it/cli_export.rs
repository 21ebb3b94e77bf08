//! `casenotes records` and `casenotes export`: a record printed as it was
//! written, with the form version it was written with (a changed form never
//! rewrites history), the child's voice marked, and the export audited.

use casenotes::cli::export_cmd::{Format, render};
use casenotes::form::{FormSet, FormSource, parse_form};
use casenotes::record::{Answers, Slot, Value};
use casenotes::service::CaseFile;
use casenotes::store::{AuditFilter, ChildDetails, FamilyDetails, RecordDraft, RecordId, Store};
use chrono::NaiveDate;

const V1: &str = r#"id = "note"
version = 1
title = "Short note"
purpose = "Test."

[[section]]
id = "voice"
title = "What the child said"
child_voice = true
per_child = true

[[section.field]]
id = "said"
label = "Said"
kind = "multiline"
"#;

#[test]
fn an_old_record_is_exported_with_the_form_it_was_written_with() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.sqlite3"), "worker.a").unwrap();
    let v1 = parse_form("note.toml", V1, FormSource::BuiltIn).unwrap();
    let fam = store
        .create_family(&FamilyDetails::new(
            "FX-9",
            "Example family",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ))
        .unwrap();
    let child = store
        .add_child(fam, &ChildDetails::new("Child A", None))
        .unwrap();
    let mut answers = Answers::new();
    answers.set(
        Slot::for_child("voice", child, "said"),
        Value::Text("I like the park \u{1b}[31m".into()),
    );
    let id = store
        .create_record(
            fam,
            &v1,
            &RecordDraft {
                event_date: NaiveDate::from_ymd_opt(2026, 2, 3).unwrap(),
                significant: false,
                children: vec![child],
                answers,
            },
        )
        .unwrap();
    // The organisation later changes the form: new version, new title.
    let v2 = parse_form(
        "note.toml",
        &V1.replace("version = 1", "version = 2")
            .replace("Short note", "Renamed note"),
        FormSource::BuiltIn,
    )
    .unwrap();
    let forms = FormSet::from_forms(vec![v2]);
    let path = store.path().to_path_buf();
    let mut case = CaseFile::new(store, forms);
    let md = render(&mut case, id, Format::Md).unwrap();
    assert!(md.contains("Short note"), "{md}");
    assert!(!md.contains("Renamed note"));
    assert!(md.contains("★ CHILD'S VOICE"));
    assert!(md.contains("Child A"));
    // Escape sequences never reach a terminal or viewer raw.
    assert!(md.contains(r"I like the park ^\[\[31m"), "{md}");
    assert!(!md.contains('\u{1b}'));
    let audit = Store::open(&path, "reader")
        .unwrap()
        .audit_entries(&AuditFilter::default())
        .unwrap();
    assert!(
        audit.iter().any(|a| a.action.as_str() == "exported"),
        "{audit:?}"
    );
    // An unknown record is a plain sentence.
    let e = render(&mut case, RecordId(999), Format::Txt).unwrap_err();
    assert!(e.contains("999"), "{e}");
}
