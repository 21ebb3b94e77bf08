//! The home screen's `/` filter, one keystroke at a time, on 10,000 and
//! 50,000 fictional families (issue 12: p99 under 5 ms at 50,000). Each
//! key is `Home::on_key` (the filter matched again) and then a full
//! `Terminal::draw` of the screen on ratatui's `TestBackend` at 80×24, as
//! the runtime does it. Run by hand:
//! `cargo bench --bench filter` (add `-- --rounds N`; default 20).
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)] // measurements, not stored values

use casenotes::record::FamilyId;
use casenotes::store::FamilyDetails;
use casenotes::tui::home::{FamilyRow, Home};
use casenotes::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

/// What people type: a reference, a name, a number, a typo put right.
const QUERIES: [&str; 5] = [
    "ex-04217",
    "example 4217",
    "42",
    "famly exmple 9",
    "examplx",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(20usize);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "filter bench: {rounds} rounds of {QUERIES:?}, each letter then a backspace; load {}",
        load.split_whitespace().next().unwrap_or("?")
    );
    for families in [10_000, 50_000] {
        run(families, rounds);
        before(families, rounds);
    }
}

/// The matching as it was before issue 12, in this same run: a string per
/// family, case ignored by the matcher, every family scored on every key,
/// all sorted (matching only; no drawing).
fn before(families: i64, rounds: usize) {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let list = rows(families);
    let hay: Vec<String> = list
        .iter()
        .map(|f| format!("{} {}", f.reference, f.name))
        .collect();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            let mut typed = String::new();
            let mut steps: Vec<String> = Vec::new();
            for c in q.chars() {
                typed.push(c);
                steps.push(typed.clone());
            }
            typed.pop();
            steps.push(typed);
            for query in steps {
                let t = Instant::now();
                let pattern =
                    Pattern::parse(query.trim(), CaseMatching::Ignore, Normalization::Smart);
                let mut buf = Vec::new();
                let mut scored: Vec<(u32, usize)> = hay
                    .iter()
                    .enumerate()
                    .filter_map(|(i, h)| {
                        pattern
                            .score(Utf32Str::new(h, &mut buf), &mut matcher)
                            .map(|s| (s, i))
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                std::hint::black_box(&scored);
                times.push(t.elapsed());
            }
        }
    }
    times.sort_unstable();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{families} families, matching as before issue 12 (no drawing): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
}

fn rows(n: i64) -> Vec<FamilyRow> {
    let opened = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap_or_default();
    (1..=n)
        .map(|i| {
            let mut d = FamilyDetails::new(
                &format!("EX-{i:05}"),
                &format!("Family Example-{i:05}"),
                opened,
            );
            d.allocated_worker = Some(format!("example.worker{:02}", i % 20));
            FamilyRow::new(FamilyId(i), d, u32::from(i % 20 == 0))
        })
        .collect()
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn run(families: i64, rounds: usize) {
    let list = rows(families);
    let t = Instant::now();
    let mut home = Home::new(list.into());
    let build = t.elapsed();
    let theme = Theme::plain();
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let mut draw = |home: &mut Home| {
        term.draw(|f| {
            let area = f.area();
            home.render(f, area, &theme);
        })
        .expect("a frame");
    };
    draw(&mut home);
    let mut times = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            home.on_key(key(KeyCode::Char('/')));
            draw(&mut home);
            for c in q.chars() {
                let t = Instant::now();
                home.on_key(key(KeyCode::Char(c)));
                draw(&mut home);
                times.push(t.elapsed());
            }
            let t = Instant::now();
            home.on_key(key(KeyCode::Backspace));
            draw(&mut home);
            times.push(t.elapsed());
            home.on_key(key(KeyCode::Esc));
            draw(&mut home);
        }
    }
    times.sort_unstable();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{families} families: list indexed in {:.2} ms; per key ({} keys): p50 {:.3} ms, \
         p99 {:.3} ms, max {:.3} ms",
        ms(build),
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
