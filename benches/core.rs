//! Benchmarks of the pure core: the completeness check the TUI runs on
//! every keystroke, and the due list over a caseload the size of a whole
//! service (10,000 families, 200,000 records). Run by hand:
//! `cargo bench --bench core`; results are written down in docs/performance.md.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // measurements and fixtures, not stored values

use casenotes::form::FormSet;
use casenotes::record::{Answers, ChildId, FamilyId, RecordId, Slot, Value, check};
use casenotes::timescale::{Calendar, Duties, FamilyFacts, PlanFlags, RecordFacts, due_items};
use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn completeness(c: &mut Criterion) {
    let forms = FormSet::built_in().unwrap();
    let visit = forms.get("visit").unwrap();
    let kids = [ChildId(1), ChildId(2), ChildId(3)];
    let mut answers = Answers::new();
    for s in &visit.sections {
        for f in &s.fields {
            let slot = if s.per_child {
                Slot::for_child(&s.id, ChildId(1), &f.id)
            } else {
                Slot::once(&s.id, &f.id)
            };
            answers.set(slot, Value::Text("x".repeat(100_000)));
        }
    }
    c.bench_function("completeness: visit, 3 children, 100 KB answers", |b| {
        b.iter(|| black_box(check(visit, &answers, &kids, today())));
    });
    for f in forms.iter() {
        c.bench_function(&format!("completeness: {} empty", f.id), |b| {
            b.iter(|| black_box(check(f, &Answers::new(), &kids, today())));
        });
    }
}

fn caseload() -> Vec<FamilyFacts> {
    let forms = [
        "visit",
        "case_summary",
        "management_oversight",
        "chronology_entry",
    ];
    (0..10_000i64)
        .map(|i| FamilyFacts {
            id: FamilyId(i),
            reference: format!("FX-{i:05}"),
            name: format!("Example family {i}"),
            active: i % 10 != 0,
            opened: today() - Days::new(400),
            worker: Some(format!("worker{}", i % 40)),
            flags: PlanFlags {
                child_protection: i % 7 == 0,
                child_in_need: i % 3 == 0,
                looked_after: i % 11 == 0,
            },
            records: (0..20i64)
                .map(|r| RecordFacts {
                    id: RecordId(i * 20 + r),
                    form_id: forms[(r % 4) as usize].into(),
                    event_date: Some(today() - Days::new((r * 17 % 365) as u64)),
                    created: today() - Days::new((r * 17 % 365) as u64),
                    finalised: r % 5 != 0,
                    significant: r % 13 == 0,
                    author: format!("worker{}", i % 40),
                })
                .collect(),
            chronology_updated: None,
        })
        .collect()
}

fn due(c: &mut Criterion) {
    let forms = FormSet::built_in().unwrap();
    let duties = Duties::built_in().unwrap();
    let cal = Calendar::england_and_wales();
    let families = caseload();
    c.bench_function("due list: 10,000 families, 200,000 records", |b| {
        b.iter(|| {
            black_box(due_items(
                &families,
                &forms,
                &duties,
                &cal,
                today(),
                Some(7),
            ))
        });
    });
}

criterion_group!(benches, completeness, due);
criterion_main!(benches);
