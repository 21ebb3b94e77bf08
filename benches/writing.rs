//! The writing help's budgets (issue 13): checking the field being typed
//! with 100 KB of text in the record (a paragraph at a time, under 2 ms
//! p99 a keystroke), `writing check` on a 100 KB record (under 50 ms), and
//! the resident memory the dictionary adds (under 50 MB).
//!
//! Run by hand: `cargo bench --bench writing`; results in
//! docs/performance.md, "Writing help (issue 13)".
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
// durations printed as milliseconds, percentiles picked by position
// The thread's own CPU time is read from the C library, to tell the
// checker's work from time spent waiting for a core on a shared machine.
#![allow(unsafe_code)]

use casenotes::writing::{Checker, Context, FieldChecker, Person, Speller, WritingLists};
use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A 100 KB record: the well-written corpus again and again, a paragraph
/// of a few sentences a line, with a few faults planted.
fn record_100k() -> Vec<String> {
    let good: Vec<&str> = include_str!("../tests/it/data/writing_good.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    let mut lines = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < 100 * 1024 {
        let mut p = good[i % good.len()..]
            .iter()
            .take(4)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if i % 50 == 7 {
            p.push_str(" Her behavior was calm and the the CIN plan seems fine.");
        }
        size += p.len() + 1;
        lines.push(p);
        i += 1;
    }
    lines
}

fn family() -> Vec<Person> {
    [
        "Kayleigh Example",
        "Alfie Example",
        "Jodie Example",
        "Darren Sample",
        "Gloria Example",
        "Priya Demo",
        "Sam Specimen",
    ]
    .into_iter()
    .map(|n| Person::new(n, "a name on this family"))
    .collect()
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// CPU time this thread has used.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the one we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Percentiles of keystrokes typed into the middle of a 100 KB field,
/// each followed by the field checker's update, as the form screen does.
fn keystroke_percentiles(checker: &Checker, ctx: &Context) {
    let mut lines = record_100k();
    let mut field = FieldChecker::new();
    field.update(checker, &lines, ctx);
    let at = lines.len() / 2;
    let typed = " Jodie told me she had taken Alfie to the dentist on Tuesday.";
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for round in 0..20 {
        for c in typed.chars() {
            lines[at].push(c);
            let t = Instant::now();
            let c0 = thread_cpu();
            black_box(field.update(checker, &lines, ctx).len());
            cpu.push(thread_cpu().saturating_sub(c0));
            times.push(t.elapsed());
        }
        if round % 2 == 1 {
            let keep = lines[at].len() - typed.len() * 2;
            lines[at].truncate(keep);
        }
    }
    times.sort();
    cpu.sort();
    let pct = |v: &[Duration], p: f64| v[((v.len() - 1) as f64 * p) as usize];
    println!(
        "writing: keystroke in a 100 KB field ({} keys): wall p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; \
         CPU p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        ms(pct(&times, 0.5)),
        ms(pct(&times, 0.99)),
        ms(pct(&times, 1.0)),
        ms(pct(&cpu, 0.5)),
        ms(pct(&cpu, 0.99)),
        ms(pct(&cpu, 1.0))
    );
}

fn bench(c: &mut Criterion) {
    let before = rss_kb();
    let t = Instant::now();
    let speller = Speller::shared();
    let load = t.elapsed();
    println!(
        "writing: dictionary read in {:.1} ms, resident memory +{:.1} MB",
        ms(load),
        (rss_kb().saturating_sub(before)) as f64 / 1024.0
    );
    let lists = WritingLists::built_in().expect("the built-in lists");
    let checker = Checker::with_speller(lists, speller);
    let ctx = Context::new(&family());
    keystroke_percentiles(&checker, &ctx);

    let text = record_100k().join("\n");
    let mut full = ctx.clone();
    full.full_suggestions = true;
    let t = Instant::now();
    let n = checker.check(&text, &full).len();
    println!(
        "writing: check a 100 KB record, first time (suggestions worked out): {:.1} ms, {n} findings",
        ms(t.elapsed())
    );
    c.bench_function("writing: check a 100 KB record (writing check)", |b| {
        b.iter(|| black_box(checker.check(black_box(&text), &full).len()));
    });
    let mut lines = record_100k();
    let mut field = FieldChecker::new();
    field.update(&checker, &lines, &ctx);
    let at = lines.len() / 2;
    c.bench_function(
        "writing: keystroke, 100 KB field (one paragraph re-checked)",
        |b| {
            b.iter(|| {
                lines[at].push('x');
                black_box(field.update(&checker, &lines, &ctx).len());
                lines[at].pop();
            });
        },
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
