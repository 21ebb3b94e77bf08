//! The store on the design's budget file (10,000 families, 200,000 records):
//! opening it, the home screen's family list (a first page, all of it, and
//! filtered), autosaving a 100 KB draft (budget: under 10 ms) and
//! finalising a record. Run by hand; the commands and results are in
//! docs/performance.md:
//! `cargo bench --bench store -- --warm-up-time 1 --measurement-time 3`.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // measurements and fixtures, not stored values

mod support;

use casenotes::form::FormSet;
use casenotes::record::{Answers, ChildId, Slot, Value};
use casenotes::store::{
    FamilyFilter, FamilyId, FamilyOrder, RecordDraft, RecordId, StatusFilter, Store,
};
use chrono::NaiveDate;
use criterion::Criterion;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn open_and_list(c: &mut Criterion) {
    let path = support::budget_file();
    c.bench_function("store: open the budget file", |b| {
        b.iter(|| black_box(Store::open(&path, support::USER).unwrap()))
    });
    let store = Store::open(&path, support::USER).unwrap();
    let mut list = |name: &str, filter: FamilyFilter| {
        c.bench_function(&format!("store: list_families {name}"), |b| {
            b.iter(|| black_box(store.list_families(&filter).unwrap()))
        });
    };
    list(
        "first page (100 by name)",
        FamilyFilter {
            limit: Some(100),
            ..Default::default()
        },
    );
    list("all 10,000 by name", FamilyFilter::default());
    list(
        "text 'example-00042'",
        FamilyFilter {
            text: Some("example-00042".into()),
            ..Default::default()
        },
    );
    list(
        "closed, first 100",
        FamilyFilter {
            status: Some(StatusFilter::Closed),
            limit: Some(100),
            ..Default::default()
        },
    );
    list(
        "one worker's 500",
        FamilyFilter {
            allocated_worker: Some("example.worker07".into()),
            ..Default::default()
        },
    );
    list(
        "latest record first, first 100",
        FamilyFilter {
            order: FamilyOrder::LatestRecord,
            limit: Some(100),
            ..Default::default()
        },
    );
}

/// A writable copy with `bench` as a supervisor (so it may finalise the
/// fictional workers' drafts) and a new visit draft whose first multi-line
/// answer holds 100 KB.
struct Writable {
    store: Store,
    draft_id: RecordId,
    revision: i64,
    draft: RecordDraft,
    slot: Slot,
}

fn writable() -> Writable {
    let path = support::writable_copy("store-bench-writes");
    let mut store = Store::open(&path, support::USER).unwrap();
    store
        .add_user(support::USER, casenotes::user::Role::Supervisor)
        .unwrap();
    let forms = FormSet::built_in().unwrap();
    let visit = forms.get("visit").unwrap();
    let (section, field) = visit
        .sections
        .iter()
        .filter(|s| !s.per_child)
        .find_map(|s| {
            s.fields
                .iter()
                .find(|f| matches!(f.kind, casenotes::form::FieldKind::Multiline))
                .map(|f| (s.id.clone(), f.id.clone()))
        })
        .unwrap();
    let slot = Slot::once(&section, &field);
    let mut answers = Answers::new();
    answers.set(slot.clone(), Value::Text(text_100k('a')));
    let family = FamilyId(42);
    let kids: Vec<ChildId> = store
        .children(family)
        .unwrap()
        .iter()
        .map(|k| k.id)
        .collect();
    let draft = RecordDraft {
        event_date: today(),
        significant: false,
        children: kids,
        answers,
    };
    let draft_id = store.create_record(family, visit, &draft).unwrap();
    Writable {
        store,
        draft_id,
        revision: 1,
        draft,
        slot,
    }
}

/// 100 KB of prose-like text ending in `last`, so two saves differ.
fn text_100k(last: char) -> String {
    let line =
        "Fictional example: the practitioner saw the child at home and talked about school. ";
    let mut t = line.repeat(100_000 / line.len() + 1);
    t.truncate(100_000 - 1);
    t.push(last);
    t
}

fn autosave(c: &mut Criterion, w: &mut Writable) {
    let texts = [text_100k('a'), text_100k('b')];
    let mut turn = 0usize;
    c.bench_function("store: save_draft 100 KB, changed (autosave)", |b| {
        b.iter(|| {
            turn += 1;
            w.draft
                .answers
                .set(w.slot.clone(), Value::Text(texts[turn % 2].clone()));
            w.revision = w
                .store
                .save_draft(w.draft_id, w.revision, &w.draft)
                .unwrap();
        })
    });
    c.bench_function("store: save_draft 100 KB, unchanged (idle autosave)", |b| {
        b.iter(|| {
            w.revision = w
                .store
                .save_draft(w.draft_id, w.revision, &w.draft)
                .unwrap();
        })
    });
}

/// Criterion reports a mean; the budget says "never longer than 10 ms", so
/// the tail matters: 200 changed saves, one after another, as percentiles.
fn autosave_tail(w: &mut Writable, what: &str) {
    let texts = [text_100k('a'), text_100k('b')];
    let mut times: Vec<Duration> = (0..200)
        .map(|i| {
            w.draft
                .answers
                .set(w.slot.clone(), Value::Text(texts[i % 2].clone()));
            let t = Instant::now();
            w.revision = w
                .store
                .save_draft(w.draft_id, w.revision, &w.draft)
                .unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "store: save_draft 100 KB, 200 changed saves{what}: p50 {:.2?} p90 {:.2?} p99 {:.2?} \
         max {:.2?} (over 10 ms: {}; load {})",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0),
        times
            .iter()
            .filter(|t| **t > Duration::from_millis(10))
            .count(),
        support::load_average()
    );
}

/// The same while another program writes a large file on the same disk, as
/// a colleague's backup or a build does on a shared host: each save's
/// fsync then waits for the disk's other work. Up to 1 GB, written in 1 MB
/// pieces by a thread and synced every 32 MB, removed afterwards.
fn autosave_tail_under_write_load(w: &mut Writable) {
    let ballast = support::data_dir().join("ballast.bin");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let ballast = ballast.clone();
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::File::create(&ballast).expect("a ballast file");
            let block = vec![0x5au8; 1 << 20];
            for i in 1..=1024 {
                if stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                f.write_all(&block).expect("ballast written");
                // Synced as it goes, as a backup or a database would, so
                // its writes really are on the disk's queue meanwhile.
                if i % 32 == 0 {
                    let _ = f.sync_data();
                }
            }
        })
    };
    // Let the writer get going first.
    std::thread::sleep(Duration::from_millis(300));
    autosave_tail(w, " while 1 GB is written beside them");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = writer.join();
    let _ = std::fs::remove_file(&ballast);
}

fn finalise(c: &mut Criterion, w: &mut Writable) {
    let forms = FormSet::built_in().unwrap();
    let visit = forms.get("visit").unwrap().clone();
    // The generator's drafts are complete, so each can be finalised once;
    // there are 10,000 of them, more than any run uses.
    let drafts: Vec<i64> = {
        let conn = rusqlite::Connection::open(w.store.path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT id FROM record WHERE status = 'draft' AND author <> ?1 ORDER BY id")
            .unwrap();
        stmt.query_map([support::USER], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut next = drafts.into_iter();
    c.bench_function("store: finalise a visit record", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let id = RecordId(next.next().expect("enough fictional drafts"));
                let r = w.store.record(id).unwrap();
                let draft = r.to_draft();
                let t = Instant::now();
                black_box(
                    w.store
                        .finalise(id, r.revision, &draft, &visit, today())
                        .unwrap(),
                );
                spent += t.elapsed();
            }
            spent
        })
    });
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    open_and_list(&mut c);
    let mut w = writable();
    autosave_tail(&mut w, "");
    autosave_tail_under_write_load(&mut w);
    autosave(&mut c, &mut w);
    finalise(&mut c, &mut w);
    let copy = w.store.path().to_path_buf();
    drop(w);
    // The copy is as large as the budget file and only ever made afresh.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    c.final_summary();
}
