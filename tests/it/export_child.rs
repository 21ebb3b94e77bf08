//! One child's own record (issue 15; seed 003_e0d5b8f8efac37da.txt on
//! reading records with children, seed 002_66f790c2d2b6d6fc.txt standard
//! 15): a family of three fictional children with distinct words in each
//! per-child section, exported per record and as the family's whole file
//! for each child in every format. Each child's export holds their own
//! words and the family-wide ones and never a sibling's own words; the
//! other family members named in the family-wide text are listed with
//! where; the records, form versions and addenda are named; drafts and
//! records about other children only are left out and said to be; and
//! the audit log names record, child and format, never the text.

use casenotes::cli::export_cmd::{Format, What, render_what};
use casenotes::form::{Form, FormSet, FormSource, parse_form};
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::service::CaseFile;
use casenotes::store::{
    AuditEntity, AuditFilter, ChildDetails, FamilyDetails, PersonDetails, RecordDraft, RecordId,
    Store,
};
use chrono::NaiveDate;

const FORM: &str = r#"
id = "kid_visit"
version = 2
title = "Kid visit"
purpose = "A small visit form for the per-child export tests."

[[section]]
id = "visit"
title = "The visit"

[[section.field]]
id = "notes"
label = "What happened"
kind = "multiline"

[[section]]
id = "seen"
title = "Seeing the child"
per_child = true

[[section.field]]
id = "observed"
label = "What was observed"
kind = "multiline"

[[section]]
id = "voice"
title = "Child's views"
per_child = true
child_voice = true

[[section.field]]
id = "views"
label = "What did the child say?"
kind = "multiline"
"#;

fn form() -> Form {
    parse_form("kid_visit.toml", FORM, FormSource::BuiltIn).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const KIDS: [&str; 3] = ["Kit", "Lou", "Max"];

/// Words that belong to one child's own sections in one record.
fn own(kid: &str, what: &str, record: u8) -> String {
    format!("{}-{what}-{record}", kid.to_uppercase())
}

struct Family {
    case: CaseFile,
    kids: Vec<ChildId>,
    /// About all three, finalised, with an addendum.
    all: RecordId,
    /// About Lou only, finalised.
    lou_only: RecordId,
    _dir: tempfile::TempDir,
}

fn family() -> Family {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.sqlite3"), "worker.a").unwrap();
    let form = form();
    let fam = store
        .create_family(&FamilyDetails::new(
            "FX-3",
            "Fictional family",
            day("2026-01-05"),
        ))
        .unwrap();
    let kids: Vec<ChildId> = KIDS
        .iter()
        .map(|k| {
            store
                .add_child(fam, &ChildDetails::new(&format!("{k} Fictional"), None))
                .unwrap()
        })
        .collect();
    store
        .add_person(fam, &PersonDetails::family_member("Mo Fictional", "Mother"))
        .unwrap();
    store
        .add_person(
            fam,
            &PersonDetails::professional("Pat Teacher", "Class teacher", "Example School"),
        )
        .unwrap();
    let mut record = |n: u8, on: &str, about: &[usize], notes: &str, finalise: bool| {
        let mut a = Answers::new();
        a.set(Slot::once("visit", "notes"), Value::Text(notes.into()));
        for &i in about {
            let (kid, id) = (KIDS[i], kids[i]);
            let seen = own(kid, "SEEN", n);
            let said = own(kid, "SAID", n);
            a.set(Slot::for_child("seen", id, "observed"), Value::Text(seen));
            a.set(Slot::for_child("voice", id, "views"), Value::Text(said));
        }
        let draft = RecordDraft {
            event_date: day(on),
            significant: false,
            children: about.iter().map(|&i| kids[i]).collect(),
            answers: a,
        };
        let id = store.create_record(fam, &form, &draft).unwrap();
        if finalise {
            store
                .finalise(id, 1, &draft, &form, day("2026-04-01"))
                .unwrap();
        }
        id
    };
    let all = record(
        1,
        "2026-03-09",
        &[0, 1, 2],
        "Mo Fictional made tea. Lou was at the table. Pat Teacher rang. FAMILY-WIDE-1",
        true,
    );
    let lou_only = record(2, "2026-03-02", &[1], "FAMILY-WIDE-2 only about Lou", true);
    record(3, "2026-03-20", &[0, 1, 2], "FAMILY-WIDE-3 a draft", false);
    store
        .add_addendum(all, "ADDENDUM-WORDS: Max said more later.")
        .unwrap();
    Family {
        case: CaseFile::new(store, FormSet::from_forms(vec![form])),
        kids,
        all,
        lou_only,
        _dir: dir,
    }
}

const FORMATS: [Format; 3] = [Format::Md, Format::Txt, Format::Html];

#[test]
fn each_childs_export_of_a_record_holds_their_words_and_never_a_siblings() {
    let mut f = family();
    for format in FORMATS {
        for (i, kid) in KIDS.iter().enumerate() {
            let out = render_what(&mut f.case, &What::Record(f.all), Some(kid), format).unwrap();
            assert!(
                out.contains(&own(kid, "SEEN", 1)),
                "{format:?} {kid}\n{out}"
            );
            assert!(
                out.contains(&own(kid, "SAID", 1)),
                "{format:?} {kid}\n{out}"
            );
            assert!(out.contains("FAMILY-WIDE-1"), "{format:?} {kid}");
            assert!(out.contains("ADDENDUM-WORDS"), "{format:?} {kid}");
            for (j, other) in KIDS.iter().enumerate() {
                if i != j {
                    assert!(
                        !out.contains(&own(other, "SEEN", 1)),
                        "{format:?} {kid} has {other}'s\n{out}"
                    );
                    assert!(
                        !out.contains(&own(other, "SAID", 1)),
                        "{format:?} {kid} has {other}'s\n{out}"
                    );
                }
            }
            assert!(
                out.contains("Other people named in this record"),
                "{format:?}"
            );
        }
    }
    // Without --child, every child's words are there.
    let out = render_what(&mut f.case, &What::Record(f.all), None, Format::Md).unwrap();
    for kid in KIDS {
        assert!(out.contains(&own(kid, "SAID", 1)));
    }
}

#[test]
fn the_family_file_for_one_child_is_in_date_order_and_says_what_it_left_out() {
    let mut f = family();
    let kit = render_what(
        &mut f.case,
        &What::Family("fx-3".into()),
        Some("Kit Fictional"),
        Format::Txt,
    )
    .unwrap();
    assert!(kit.contains(&own("Kit", "SAID", 1)));
    // The visit about Lou alone, and the draft, are left out and counted.
    assert!(!kit.contains("FAMILY-WIDE-2"), "{kit}");
    assert!(!kit.contains("FAMILY-WIDE-3"), "{kit}");
    assert!(
        kit.contains("1 draft(s), not yet part of the record"),
        "{kit}"
    );
    assert!(
        kit.contains("1 record(s) about other children only"),
        "{kit}"
    );
    // The contents name the record, its form version and its addendum.
    assert!(
        kit.contains(&format!(
            "Record {}: Mon 09/03/2026 Kid visit (form kid_visit version 2), Finalised, 1 addendum",
            f.all.0
        )),
        "{kit}"
    );

    let lou = render_what(
        &mut f.case,
        &What::Family("FX-3".into()),
        Some("lou"),
        Format::Md,
    )
    .unwrap();
    let second = lou.find("FAMILY-WIDE-2").expect("Lou's own visit is in");
    let first = lou.find("FAMILY-WIDE-1").expect("the family visit is in");
    assert!(second < first, "oldest first:\n{lou}");
    assert!(lou.contains(&own("Lou", "SAID", 2)));
    assert!(!lou.contains(&own("Kit", "SAID", 1)));
    assert!(!lou.contains("record(s) about other children only"));
    let _ = f.lou_only;
}

#[test]
fn other_family_members_named_in_the_family_wide_text_are_listed_with_where() {
    let mut f = family();
    let out = render_what(&mut f.case, &What::Record(f.all), Some("Kit"), Format::Txt).unwrap();
    let others = &out[out.find("Other people named in this record").unwrap()..];
    assert!(others.contains("Mo Fictional (Mother)"), "{others}");
    assert!(
        others.contains(&format!(
            "Record {}, Kid visit, Mon 09/03/2026: The visit › What happened",
            f.all.0
        )),
        "{others}"
    );
    assert!(
        others.contains("Lou Fictional (another child of the family)"),
        "{others}"
    );
    assert!(
        others.contains("Max Fictional (another child of the family)"),
        "{others}"
    );
    assert!(others.contains("addendum of"), "{others}");
    // Professionals are not listed, and the child is not listed for themself.
    assert!(!others.contains("Pat Teacher"), "{others}");
    assert!(!others.contains("Kit Fictional"), "{others}");
}

#[test]
fn the_audit_log_names_record_child_and_format_and_a_wrong_child_is_refused() {
    let mut f = family();
    render_what(&mut f.case, &What::Record(f.all), Some("Max"), Format::Html).unwrap();
    let log = Store::open(f.case.path(), "reader")
        .unwrap()
        .audit_entries(&AuditFilter::default())
        .unwrap();
    let last = &log[0];
    assert_eq!(last.action.as_str(), "exported");
    assert_eq!(last.entity, AuditEntity::Child);
    assert_eq!(last.entity_id, Some(f.kids[2].0));
    assert_eq!(last.record, Some(f.all));
    assert_eq!(last.fields, ["html"]);

    let err = render_what(
        &mut f.case,
        &What::Record(f.lou_only),
        Some("Kit"),
        Format::Md,
    )
    .unwrap_err();
    assert_eq!(
        err,
        format!("record {} is not about a child called `Kit`", f.lou_only.0)
    );
    let err = render_what(
        &mut f.case,
        &What::Family("FX-3".into()),
        Some("Nobody"),
        Format::Md,
    )
    .unwrap_err();
    assert_eq!(err, "the family FX-3 has no child called `Nobody`");
}
