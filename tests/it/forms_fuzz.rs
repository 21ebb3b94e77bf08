//! Fuzzing the form checker (issue 9, item 7): mutants of the built-in
//! forms and generated form files go through load, check and outline, which
//! must never panic, hang, or let an out-of-limits form through.
//!
//! CI runs a few hundred cases. For a long run by hand, set
//! `FORMS_FUZZ_CASES` (and `FORMS_FUZZ_MAX_MS`, the slowest a case may be);
//! docs/fuzzing.md has the command and the last figures. `FORMS_FUZZ_SHOW`
//! prints why each refused case was refused, to see what the generators
//! reach.

use casenotes::form::{
    BUILT_IN, FieldKind, FormSet, FormSource, MAX_COLUMNS, MAX_FIELDS, MAX_FIELDS_PER_SECTION,
    MAX_FORM_BYTES, MAX_OPTIONS, MAX_PROBLEMS, MAX_SECTIONS, SCALE_LIMIT, outline_markdown,
    parse_form,
};
use casenotes::safe_text::{for_terminal, is_hidden_control};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Cases per strategy: small for CI, any number by hand.
fn cases() -> u32 {
    std::env::var("FORMS_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150)
}

/// The slowest a case may be. Generous by default: CI builds without
/// optimisation on a shared machine, and a full 256 KiB file is legal.
fn max_per_case() -> Duration {
    let ms = std::env::var("FORMS_FUZZ_MAX_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    Duration::from_millis(ms)
}

/// Numbers a fuzzer likes: the ends of i64, the limits and their
/// neighbours, floats TOML allows.
const NUMBERS: &[&str] = &[
    "-9223372036854775808",
    "9223372036854775807",
    "-1001",
    "-1000",
    "1000",
    "1001",
    "0",
    "-1",
    "4294967296",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "0.5",
    "1e12",
    "100",
    "101",
];

/// Text values a fuzzer likes: empty, blank, controls, direction
/// overrides, very long, and real ids and answers so conditions connect.
const STRINGS: &[&str] = &[
    "",
    "   ",
    "yes",
    "no",
    "3",
    "03",
    "scale",
    "choice",
    "choices",
    "table",
    "yes_no",
    "date",
    "text",
    "number",
    "line\\nbreak",
    "esc\\u001b[2J",
    "bell\\u0007",
    "c1\\u009b",
    "del\\u007f",
    "rtl\\u202e\\u2066\\u200f",
    "child_seen",
    "visit_date",
    "Q",
    "é",
];

/// Pieces of TOML to splice in anywhere.
const SNIPPETS: &[&str] = &[
    "[[section]]\n",
    "[[section.field]]\n",
    "[[section.field.column]]\n",
    "[timescale]\nworking_days = 5\n",
    "[chronology]\nwhat_happened = \"child_seen\"\n",
    "kind = \"scale\"\nmin = -9223372036854775808\nmax = 10\nmin_label = \"a\"\nmax_label = \"b\"\n",
    "required_when = { field = \"child_seen\", is = \"no\" }\n",
    "required_when = { field = \"scaling\", any_of = [\"1\", \"2\", \"-5\"] }\n",
    "options = [\"a\", \"a\", \"\", \"b\\nc\"]\n",
    "min_rows = 4294967296\n",
    "version = 0\n",
    "x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
    "\"\"\"\n",
    "'''\n",
    "#",
    "= ",
    "{",
    "]",
    "\u{1b}",
    "\u{0}",
    "\r\n",
];

/// One change to a form's text. Positions are reduced modulo what exists.
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the n-th number with one of [`NUMBERS`].
    Number(usize, usize),
    /// Replace the n-th quoted string's content with one of [`STRINGS`] or
    /// that string repeated.
    Text(usize, usize, usize),
    /// Repeat some lines many times (capped near the size limit).
    Repeat(usize, usize, usize),
    /// Delete some lines.
    Delete(usize, usize),
    /// Insert a snippet before a line.
    Insert(usize, usize),
    /// Swap two lines.
    Swap(usize, usize),
    /// Insert one character at a byte position (moved to a boundary).
    Char(usize, char),
    /// Copy lines from another built-in form.
    Splice(usize, usize, usize, usize),
    /// Set the n-th `min` or `max` (or other numeric key) to one of
    /// [`NUMBERS`]: the likeliest way to slip a number past the checker.
    Key(usize, usize, usize),
}

/// Keys whose value is a number.
const NUMBER_KEYS: &[&str] = &["min", "max", "min_rows", "working_days", "version"];

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>();
    prop_oneof![
        3 => (n, 0..NUMBERS.len()).prop_map(|(a, b)| Mutation::Number(a, b)),
        3 => (n, 0..STRINGS.len(), prop_oneof![Just(1usize), 1usize..400]).prop_map(|(a, b, c)| Mutation::Text(a, b, c)),
        2 => (n, 1usize..12, prop_oneof![1usize..50, 1usize..30_000]).prop_map(|(a, b, c)| Mutation::Repeat(a, b, c)),
        2 => (n, 1usize..20).prop_map(|(a, b)| Mutation::Delete(a, b)),
        3 => (n, 0..SNIPPETS.len()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        1 => (n, n).prop_map(|(a, b)| Mutation::Swap(a, b)),
        2 => (n, any::<char>()).prop_map(|(a, c)| Mutation::Char(a, c)),
        1 => (n, n, 1usize..30, n).prop_map(|(a, b, c, d)| Mutation::Splice(a, b, c, d)),
        3 => (0..NUMBER_KEYS.len(), n, 0..NUMBERS.len()).prop_map(|(k, a, v)| Mutation::Key(k, a, v)),
    ]
}

/// Byte ranges in a text.
type Spans = Vec<(usize, usize)>;

/// Byte ranges of number literals and of the insides of "…" strings.
fn tokens(text: &str) -> (Spans, Spans) {
    let b = text.as_bytes();
    let (mut numbers, mut strings) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && b[j] != b'"' && b[j] != b'\n' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(b.len());
            strings.push((start, end));
            i = end + 1;
        } else if b[i] == b'=' {
            let mut j = i + 1;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            let start = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b"-+._".contains(&b[j])) {
                j += 1;
            }
            let word = &text[start..j];
            if word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
                numbers.push((start, j));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    (numbers, strings)
}

fn apply(text: &mut String, m: &Mutation) {
    // Mutants may grow past the size limit, but only a little: the checker
    // refuses bigger ones before parsing, which is tested elsewhere.
    let room = (MAX_FORM_BYTES + 4096).saturating_sub(text.len());
    match *m {
        Mutation::Number(n, v) | Mutation::Text(n, v, _) => {
            let (numbers, strings) = tokens(text);
            let (list, value) = match m {
                Mutation::Number(..) => (numbers, NUMBERS[v].to_owned()),
                Mutation::Text(_, _, times) => {
                    let times = (*times).min(room / STRINGS[v].len().max(1)).max(1);
                    (strings, STRINGS[v].repeat(times))
                }
                _ => return,
            };
            if let Some(&(a, b)) = list.get(n % list.len().max(1)) {
                text.replace_range(a..b, &value);
            }
        }
        Mutation::Repeat(at, len, times) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.is_empty() {
                return;
            }
            let start = at % lines.len();
            let end = (start + len).min(lines.len());
            let chunk: String = lines[start..end].concat();
            let times = times.min(room / chunk.len().max(1));
            let mut out: String = lines[..end].concat();
            out.push_str(&chunk.repeat(times));
            out.push_str(&lines[end..].concat());
            *text = out;
        }
        Mutation::Delete(at, len) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.is_empty() {
                return;
            }
            let start = at % lines.len();
            let end = (start + len).min(lines.len());
            lines.drain(start..end);
            *text = lines.concat();
        }
        Mutation::Insert(at, s) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            let at = at % (lines.len() + 1);
            lines.insert(at, SNIPPETS[s]);
            *text = lines.concat();
        }
        Mutation::Swap(a, b) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.is_empty() {
                return;
            }
            let n = lines.len();
            lines.swap(a % n, b % n);
            *text = lines.concat();
        }
        Mutation::Char(at, c) => {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert(at, c);
        }
        Mutation::Splice(form, at, len, to) => {
            let other: Vec<&str> = BUILT_IN[form % BUILT_IN.len()]
                .1
                .split_inclusive('\n')
                .collect();
            let start = at % other.len().max(1);
            let end = (start + len).min(other.len());
            let chunk = other[start..end].concat();
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            let to = to % (lines.len() + 1);
            lines.insert(to, &chunk);
            *text = lines.concat();
        }
        Mutation::Key(key, n, v) => {
            let prefix = format!("{} = ", NUMBER_KEYS[key]);
            let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
            let found: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].starts_with(&prefix))
                .collect();
            if let Some(&i) = found.get(n % found.len().max(1)) {
                lines[i] = format!("{prefix}{}\n", NUMBERS[v]);
                *text = lines.concat();
            }
        }
    }
}

/// How many cases one test ran, and the slowest, in nanoseconds.
struct Stats {
    started: Instant,
    runs: AtomicU64,
    loaded: AtomicU64,
    slowest: AtomicU64,
    biggest: AtomicU64,
}

impl Stats {
    fn new() -> Stats {
        Stats {
            started: Instant::now(),
            runs: AtomicU64::new(0),
            loaded: AtomicU64::new(0),
            slowest: AtomicU64::new(0),
            biggest: AtomicU64::new(0),
        }
    }

    fn report(&self, what: &str, started: Instant) {
        eprintln!(
            "{what}: {} runs ({} loaded as a form) in {:?}, slowest {:?}, largest input {} bytes",
            self.runs.load(Ordering::Relaxed),
            self.loaded.load(Ordering::Relaxed),
            started.elapsed(),
            Duration::from_nanos(self.slowest.load(Ordering::Relaxed)),
            self.biggest.load(Ordering::Relaxed)
        );
    }
}

/// Load, check and outline one file; every promise the checker makes is
/// tested on whatever comes out.
fn exercise(text: &str, stats: &Stats) -> Result<(), TestCaseError> {
    let started = Instant::now();
    let result = parse_form("fuzz.toml", text, FormSource::File("fuzz.toml".into()));
    let lines = text.matches('\n').count() + 1;
    match result {
        Ok(form) => {
            stats.loaded.fetch_add(1, Ordering::Relaxed);
            prop_assert!(form.sections.len() <= MAX_SECTIONS);
            let mut fields = 0;
            for s in &form.sections {
                prop_assert!(!s.fields.is_empty() && s.fields.len() <= MAX_FIELDS_PER_SECTION);
                fields += s.fields.len();
                for f in &s.fields {
                    match &f.kind {
                        FieldKind::Scale(sc) => {
                            prop_assert!(-SCALE_LIMIT <= sc.min && sc.min < sc.max);
                            prop_assert!(sc.max <= SCALE_LIMIT);
                        }
                        FieldKind::Choices { options } => {
                            prop_assert!(!options.is_empty() && options.len() <= MAX_OPTIONS)
                        }
                        FieldKind::Table(t) => prop_assert!(t.columns.len() <= MAX_COLUMNS),
                        _ => {}
                    }
                    if let Some(a) = f.kind.finite_answers() {
                        prop_assert!(a.len() <= 2 * SCALE_LIMIT as usize + 1);
                    }
                }
            }
            prop_assert!(fields <= MAX_FIELDS);
            let outline = outline_markdown(&form);
            prop_assert!(
                !outline.chars().any(|c| c != '\n' && is_hidden_control(c)),
                "outline shows a control character raw"
            );
            let set = FormSet::from_forms(vec![form]);
            prop_assert_eq!(set.len(), 1);
        }
        Err(e) => {
            if std::env::var_os("FORMS_FUZZ_SHOW").is_some() {
                eprintln!("REFUSED {}", e.diagnostics[0].message);
            }
            prop_assert!(!e.diagnostics.is_empty(), "refused without a word");
            prop_assert!(e.diagnostics.len() <= MAX_PROBLEMS + 1);
            for d in &e.diagnostics {
                prop_assert!(d.line >= 1 && d.line <= lines && d.column >= 1, "{}", d);
                prop_assert!(!d.message.is_empty());
                let shown = for_terminal(&d.to_string()).into_owned();
                prop_assert!(!shown.chars().any(is_hidden_control));
            }
        }
    }
    let took = started.elapsed();
    let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
    stats.slowest.fetch_max(nanos, Ordering::Relaxed);
    let runs = stats.runs.fetch_add(1, Ordering::Relaxed) + 1;
    // A long run by hand reports as it goes, so a stopped run still has
    // figures to give.
    if runs.is_multiple_of(100_000) {
        stats.report("so far", stats.started);
    }
    stats
        .biggest
        .fetch_max(text.len() as u64, Ordering::Relaxed);
    prop_assert!(
        took <= max_per_case(),
        "one case took {took:?} ({} bytes)",
        text.len()
    );
    Ok(())
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn mutants_of_the_built_in_forms() {
    let started = Instant::now();
    let stats = Stats::new();
    let strategy = (0..BUILT_IN.len(), prop::collection::vec(mutation(), 1..6));
    let result = runner().run(&strategy, |(form, mutations)| {
        let mut text = BUILT_IN[form].1.to_owned();
        for m in &mutations {
            apply(&mut text, m);
        }
        exercise(&text, &stats)
    });
    stats.report("mutants", started);
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A field as the generator writes it; texts are indices into [`STRINGS`].
#[derive(Clone, Debug)]
struct GenField {
    kind: &'static str,
    label: usize,
    options: Vec<usize>,
    min: usize,
    max: usize,
    /// (target field, answer choices, whether the answers are any text
    /// rather than ones the target can take).
    condition: Option<(usize, Vec<usize>, bool)>,
    columns: usize,
}

const KINDS: &[&str] = &[
    "text",
    "multiline",
    "date",
    "time",
    "yes_no",
    "choice",
    "choices",
    "number",
    "scale",
    "table",
    "nope",
];

/// Mostly an ordinary text, so that whole forms often pass and what they
/// load as is tested; sometimes anything from [`STRINGS`].
fn gen_text() -> impl Strategy<Value = usize> {
    // "Q" is an ordinary text.
    let ordinary = STRINGS.iter().position(|s| *s == "Q").unwrap_or(0);
    prop_oneof![4 => Just(ordinary), 1 => 0..STRINGS.len()]
}

fn gen_field() -> impl Strategy<Value = GenField> {
    let kind = prop_oneof![
        40 => prop::sample::select(&KINDS[..KINDS.len() - 1]),
        1 => Just("nope"),
    ];
    // Distinct options most of the time: 0..STRINGS.len() shuffled.
    let options = prop_oneof![
        4 => prop::sample::subsequence((2..STRINGS.len()).collect::<Vec<_>>(), 1..8),
        1 => prop::collection::vec(0..STRINGS.len(), 0..6),
    ];
    (
        kind,
        gen_text(),
        options,
        prop_oneof![3 => Just(usize::MAX), 1 => 0..NUMBERS.len()],
        prop_oneof![3 => Just(usize::MAX), 1 => 0..NUMBERS.len()],
        prop::option::weighted(
            0.4,
            (
                any::<usize>(),
                prop::collection::vec(any::<usize>(), 1..4),
                prop::bool::weighted(0.2),
            ),
        ),
        0usize..4,
    )
        .prop_map(
            |(kind, label, options, min, max, condition, columns)| GenField {
                kind,
                label,
                options,
                min,
                max,
                condition,
                columns,
            },
        )
}

/// Writes a form file from sections of generated fields; field ids are
/// `f0`, `f1`, … so that conditions can name real fields.
fn write_form(sections: &[(bool, Vec<GenField>)]) -> String {
    let q = |i: usize| format!("\"{}\"", STRINGS[i]);
    // Past the end of NUMBERS: an ordinary scale end, or none for a number.
    let number = |i: usize, ordinary: &'static str| NUMBERS.get(i).copied().unwrap_or(ordinary);
    let all: Vec<&GenField> = sections.iter().flat_map(|s| &s.1).collect();
    // The answers a generated field can take, as the author would write them.
    let answers = |f: &GenField| -> Vec<String> {
        match f.kind {
            "yes_no" => vec!["yes".into(), "no".into()],
            "choice" | "choices" => f.options.iter().map(|&o| STRINGS[o].to_owned()).collect(),
            "scale" => vec![
                number(f.min, "0").to_owned(),
                number(f.max, "10").to_owned(),
            ],
            _ => vec!["anything".into()],
        }
    };
    let mut out =
        String::from("id = \"gen\"\nversion = 1\ntitle = \"Generated\"\npurpose = \"Fuzzing.\"\n");
    let total: usize = sections.iter().map(|s| s.1.len()).sum();
    let mut n = 0;
    for (si, (per_child, fields)) in sections.iter().enumerate() {
        out.push_str(&format!(
            "\n[[section]]\nid = \"s{si}\"\ntitle = \"Section {si}\"\nper_child = {per_child}\n"
        ));
        for f in fields {
            out.push_str(&format!(
                "\n[[section.field]]\nid = \"f{n}\"\nlabel = {}\nkind = \"{}\"\n",
                q(f.label),
                f.kind
            ));
            n += 1;
            if matches!(f.kind, "choice" | "choices") {
                let opts: Vec<String> = f.options.iter().map(|&o| q(o)).collect();
                out.push_str(&format!("options = [{}]\n", opts.join(", ")));
            }
            if f.kind == "scale" {
                out.push_str(&format!(
                    "min = {}\nmax = {}\n",
                    number(f.min, "0"),
                    number(f.max, "10")
                ));
            }
            if f.kind == "number" {
                for (key, i) in [("min", f.min), ("max", f.max)] {
                    if let Some(v) = NUMBERS.get(i) {
                        out.push_str(&format!("{key} = {v}\n"));
                    }
                }
            }
            if f.kind == "scale" {
                out.push_str("min_label = \"low\"\nmax_label = \"high\"\n");
            }
            if let Some((target, picks, wild)) = &f.condition {
                // Usually a field a condition can name, other than this one.
                let fit: Vec<usize> = (0..all.len())
                    .filter(|&i| {
                        i != n - 1
                            && matches!(all[i].kind, "yes_no" | "choice" | "choices" | "scale")
                    })
                    .collect();
                let target = match fit.get(target % fit.len().max(1)) {
                    Some(&t) if !wild => t,
                    _ => target % total.max(1),
                };
                let possible = all.get(target).map(|t| answers(t)).unwrap_or_default();
                let chosen: Vec<String> = picks
                    .iter()
                    .map(|&p| match possible.get(p % possible.len().max(1)) {
                        Some(a) if !wild => format!("\"{a}\""),
                        _ => q(p % STRINGS.len()),
                    })
                    .collect();
                out.push_str(&format!(
                    "required_when = {{ field = \"f{target}\", any_of = [{}] }}\n",
                    chosen.join(", ")
                ));
            }
            if f.kind == "table" {
                // One column of each cell kind in turn (the mutants try
                // the kinds a column cannot have).
                const COLUMN_KINDS: &[&str] = &["text", "date", "choice", "yes_no", "number"];
                for c in 0..=f.columns {
                    let kind = COLUMN_KINDS[(c + f.label) % COLUMN_KINDS.len()];
                    out.push_str(&format!(
                        "\n[[section.field.column]]\nid = \"c{c}\"\nlabel = \"C\"\nkind = \"{kind}\"\n"
                    ));
                    if kind == "choice" {
                        out.push_str("options = [\"a\", \"b\"]\n");
                    }
                }
            }
        }
    }
    out
}

#[test]
fn generated_form_files() {
    let started = Instant::now();
    let stats = Stats::new();
    let strategy = prop::collection::vec(
        (
            prop::bool::weighted(0.2),
            prop::collection::vec(gen_field(), 1..6),
        ),
        1..5,
    );
    let result = runner().run(&strategy, |sections| {
        exercise(&write_form(&sections), &stats)
    });
    stats.report("generated", started);
    if let Err(e) = result {
        panic!("{e}");
    }
}
