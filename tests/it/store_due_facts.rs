//! The due list's facts, streamed a family at a time by a merge of three
//! ordered scans: each family gets exactly its own records and its latest
//! chronology entry, whatever order they were written in.

use casenotes::form::FormSet;
use casenotes::record::Answers;
use casenotes::store::{ChildDetails, FamilyDetails, NewChronologyEntry, RecordDraft, Store};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn records_and_chronology_go_to_their_own_family() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.sqlite3"), "worker.a").unwrap();
    let forms = FormSet::built_in().unwrap();
    let visit = forms.get("visit").unwrap();
    let mut ids = Vec::new();
    for n in 0..4 {
        let f = store
            .create_family(&FamilyDetails::new(
                &format!("FX-{n}"),
                "Example family",
                d("2026-01-01"),
            ))
            .unwrap();
        let c = store
            .add_child(f, &ChildDetails::new("Child A", None))
            .unwrap();
        ids.push((f, c));
    }
    // Records written out of family order; family 1 gets none.
    for (i, event) in [
        (3, "2026-03-01"),
        (0, "2026-02-01"),
        (2, "2026-04-01"),
        (0, "2026-05-01"),
    ] {
        let (f, c) = ids[i];
        let draft = RecordDraft {
            event_date: d(event),
            significant: false,
            children: vec![c],
            answers: Answers::new(),
        };
        store.create_record(f, visit, &draft).unwrap();
    }
    store
        .add_chronology_entry(&NewChronologyEntry {
            family: ids[2].0,
            child: None,
            date: d("2026-04-02"),
            what_happened: "Moved house".into(),
            impact: String::new(),
            source: "Parent".into(),
            record: None,
        })
        .unwrap();
    let mut seen = Vec::new();
    store
        .for_each_due_family(|f| {
            let mut events: Vec<String> = f.records.iter().map(|r| r.date().to_string()).collect();
            events.sort();
            seen.push((f.reference.clone(), events, f.chronology_updated.is_some()));
        })
        .unwrap();
    assert_eq!(
        seen,
        [
            (
                "FX-0".to_owned(),
                vec!["2026-02-01".to_owned(), "2026-05-01".to_owned()],
                false
            ),
            ("FX-1".to_owned(), vec![], false),
            ("FX-2".to_owned(), vec!["2026-04-01".to_owned()], true),
            ("FX-3".to_owned(), vec!["2026-03-01".to_owned()], false),
        ]
    );
    assert_eq!(store.due_facts().unwrap().len(), 4);
}
