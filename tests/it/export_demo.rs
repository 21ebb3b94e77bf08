//! The demonstration family's file for one child (Ada), in every format,
//! kept as snapshots (issue 15): what a trainer shows when explaining a
//! child's own record, and a guard that the exports' shape changes only on
//! purpose. The family is fictional; dates are fixed by a fixed "today"
//! and the store's clock.

use casenotes::cli::export_cmd::{Format, What, render_what};
use casenotes::form::FormSet;
use casenotes::service::CaseFile;
use casenotes::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};

fn export(format: Format, child: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("demo.sqlite3"), "trainer").unwrap();
    store.set_clock(|| Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap());
    store.mark_demo().unwrap();
    let forms = FormSet::built_in().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    casenotes::demo::seed(&mut store, &forms, today).unwrap();
    let what = What::Family(casenotes::demo::DEMO_REFERENCE.into());
    render_what(&mut CaseFile::new(store, forms), &what, child, format).unwrap()
}

#[test]
fn demo_family_file_for_ada_as_markdown() {
    insta::assert_snapshot!(export(Format::Md, Some("Ada")));
}

#[test]
fn demo_family_file_for_ada_as_text() {
    insta::assert_snapshot!(export(Format::Txt, Some("Ada")));
}

#[test]
fn demo_family_file_for_ada_as_html() {
    insta::assert_snapshot!(export(Format::Html, Some("Ada")));
}

#[test]
fn demo_family_file_for_ben_leaves_out_adas_words() {
    let ben = export(Format::Txt, Some("Ben"));
    assert!(ben.contains("that's Mummy happy"), "Ben's own words are in");
    assert!(
        !ben.contains("my uniform is ready"),
        "Ada's own words are out"
    );
    assert!(ben.contains("Ada Example (demo) (another child of the family)"));
}
