//! The design's budget file: 10,000 families and 200,000 records, made with
//! the fictional generator in one transaction. Opening it and listing or
//! filtering families must stay in milliseconds. Timings are printed, not
//! asserted (budgets are for benchmarks; a loaded test machine is noisy),
//! but the counts are checked so the list is known to be right at scale.

use crate::support::store::*;
use casenotes::store::{
    FamilyFilter, FamilyOrder, FictionalAnswers, FictionalSize, StatusFilter, Store,
};
use std::time::Instant;

#[test]
fn ten_thousand_families_and_two_hundred_thousand_records_open_and_list_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.sqlite3");
    let t = Instant::now();
    {
        let mut s = open(&path, "generator");
        s.fill_fictional(&form(), FictionalSize::BUDGET).unwrap();
    }
    let generated = t.elapsed();
    let size = std::fs::metadata(&path).unwrap().len();

    let t = Instant::now();
    let s = Store::open(&path, "alice").unwrap();
    let opened = t.elapsed();

    let t = Instant::now();
    let page = s
        .list_families(&FamilyFilter {
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    let first_page = t.elapsed();

    let t = Instant::now();
    let all = s.list_families(&FamilyFilter::default()).unwrap();
    let everything = t.elapsed();

    let t = Instant::now();
    let found = s
        .list_families(&FamilyFilter {
            text: Some("example-00042".into()),
            ..Default::default()
        })
        .unwrap();
    let by_text = t.elapsed();

    let t = Instant::now();
    let closed = s
        .list_families(&FamilyFilter {
            status: Some(StatusFilter::Closed),
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    let by_status = t.elapsed();

    let t = Instant::now();
    let recent = s
        .list_families(&FamilyFilter {
            order: FamilyOrder::LatestRecord,
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    let by_latest = t.elapsed();

    let t = Instant::now();
    let records = s.list_records(found[0].family.id).unwrap();
    let one_family = t.elapsed();

    // The family screen checks that family's links (issue 16).
    let t = Instant::now();
    let family_chain = s.family_chain_break(found[0].family.id).unwrap();
    let family_chain_time = t.elapsed();
    // `casenotes check` checks every link.
    let t = Instant::now();
    let chain = s.check_chain().unwrap();
    let whole_chain = t.elapsed();

    eprintln!(
        "hash chain: {} links, one family's {family_chain_time:?}, whole chain {whole_chain:?}",
        chain.links
    );
    assert!(family_chain.is_none());
    assert!(chain.is_intact(), "{chain:?}");
    assert_eq!(chain.links, 190_001); // finalised records and one audit row

    eprintln!(
        "generated {generated:?} ({} MB); open {opened:?}; first 50 {first_page:?}; \
         all 10,000 with counts {everything:?}; text filter {by_text:?}; \
         closed filter {by_status:?}; latest first {by_latest:?}; one family's records {one_family:?}",
        size / 1_000_000
    );

    assert_eq!(all.len(), 10_000);
    assert_eq!(page.len(), 50);
    assert_eq!(page[0].family.details.name, "Family Example-00001");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].family.details.reference, "EX-00042");
    assert_eq!((found[0].drafts, found[0].children), (1, 2));
    assert!(found[0].latest_record.is_some());
    assert_eq!(records.len(), 20);
    assert_eq!(all.iter().map(|f| u64::from(f.drafts)).sum::<u64>(), 10_000);
    assert!(closed.iter().all(|f| {
        f.family
            .details
            .reference
            .ends_with(|c: char| c.is_ascii_digit())
    }));
    assert_eq!(closed.len(), 50);
    let latest: Vec<_> = recent.iter().map(|f| f.latest_record.unwrap()).collect();
    assert!(latest.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn fictional_data_is_obviously_fictional_complete_and_only_for_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("demo.sqlite3"), "trainer");
    let form = form();
    let size = FictionalSize {
        families: 3,
        children_per_family: 2,
        records_per_family: 20,
        answers: FictionalAnswers::Every,
    };
    s.fill_fictional(&form, size).unwrap();
    let families = s.list_families(&FamilyFilter::default()).unwrap();
    assert_eq!(families.len(), 3);
    for f in &families {
        assert!(f.family.details.name.starts_with("Family Example-"));
        let children = s.children(f.family.id).unwrap();
        assert!(
            children
                .iter()
                .all(|c| c.details.name.starts_with("Child Example-"))
        );
        for summary in s.list_records(f.family.id).unwrap() {
            let rec = s.record(summary.id).unwrap();
            assert_eq!(rec.children.len(), 2);
            let missing =
                casenotes::record::check(&form, &rec.answers, &rec.children, day("2026-03-10"));
            assert!(missing.is_complete(), "{:?}", missing.problems);
        }
    }
    assert!(matches!(
        s.fill_fictional(&form, size),
        Err(casenotes::store::StoreError::Invalid(_))
    ));
}
