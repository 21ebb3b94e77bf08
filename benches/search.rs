//! Full-text search on the design's budget file (10,000 families, 200,000
//! records; issue 14's budget: under 100 ms a search). Each record's text
//! holds one topic word in forty and a word of its own, so the cases are a
//! word in one record, a word in one record in forty, and a word in every
//! record; each over the team (a supervisor), one worker's caseload and one
//! family. Every search also writes its audit row, so this is the whole
//! cost a person waits for. Run by hand; results in docs/performance.md:
//! `cargo bench --bench search -- --warm-up-time 1 --measurement-time 3`.

mod support;

use casenotes::store::{SearchScope, Store};
use criterion::Criterion;
use std::hint::black_box;

fn search(c: &mut Criterion) {
    let path = support::writable_copy("search");
    // A supervisor, so that the team may be searched.
    {
        let mut s = Store::open(&path, support::USER).unwrap();
        s.add_user(support::USER, casenotes::user::Role::Supervisor)
            .unwrap();
    }
    let mut team = Store::open(&path, support::USER).unwrap();
    // Worker 07's caseload: 500 families, 10,000 records.
    let mut worker = Store::open(&path, "example.worker07").unwrap();
    let family = team
        .family_by_reference("EX-00042")
        .unwrap()
        .map(|f| f.id)
        .unwrap();
    eprintln!("load average {}", support::load_average());
    for (name, words) in [
        ("a word in 1 record", "note00042x07"),
        ("a word in 1 record in 40", "trampoline"),
        ("two words, 1 in 40 each", "dentist school"),
        ("a word in every record", "fictional"),
    ] {
        let r = team.search(words, SearchScope::Team, 200).unwrap();
        eprintln!("{name}: {} found over the team", r.total);
        c.bench_function(&format!("search: team, {name}"), |b| {
            b.iter(|| black_box(team.search(words, SearchScope::Team, 200).unwrap()))
        });
        c.bench_function(&format!("search: caseload, {name}"), |b| {
            b.iter(|| black_box(worker.search(words, SearchScope::Caseload, 200).unwrap()))
        });
        c.bench_function(&format!("search: one family, {name}"), |b| {
            b.iter(|| {
                black_box(
                    team.search(words, SearchScope::Family(family), 200)
                        .unwrap(),
                )
            })
        });
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    search(&mut c);
    // The copy is as large as the budget file and only ever made afresh.
    let copy = support::data_dir().join("search.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    c.final_summary();
}
