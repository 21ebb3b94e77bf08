//! Start to first frame and resident memory, on the design's budget file
//! (10,000 families, 200,000 records). Budgets: first frame under 100 ms,
//! resident memory under 50 MB. Run by hand:
//! `cargo bench --bench startup` (add `-- --runs N` for more runs, and
//! `-- --cold` to drop the file from the operating system's cache before
//! every run, as after a reboot or on a file nobody has opened for a while).
//! `-- --file 50k` runs it on issue 12's large team file (50,000 families,
//! 1,000,000 records) instead; `-- --make 10k` or `-- --make 50k` only
//! makes that file (under `target/bench-data/`) and stops. `-- --against
//! PATH` also runs another build of casenotes (an older one), alternating
//! run by run with this one so both meet the same load, and reports both;
//! `-- --real-only` skips the in-process phases.
//!
//! Two measurements, each in fresh processes so that nothing is warm but
//! the operating system's file cache (as for a person starting the
//! program a second time), unless `--cold`:
//! - the real binary in an 80×24 pseudo-terminal, timed from spawn to the
//!   first screen showing the first family, to the whole list being
//!   counted in the status line, and to the due counts being shown; its
//!   VmRSS is read from /proc once all that has settled;
//! - the same start-up steps as `tui::runtime::run`, in a child process of
//!   this bench, timed one by one, drawing on ratatui's `TestBackend`, with
//!   its own VmRSS after the first frame, after the whole list and after
//!   the due list.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
// measurements and fixtures, not stored values

// Tests reach processes and terminals directly (signals, descriptors).
#![allow(unsafe_code)]

mod support;

use casenotes::cli::forms_cmd::forms_in_use;
use casenotes::service::CaseFile;
use casenotes::store::{FamilyFilter, Store};
use casenotes::timescale::{Calendar, Duties, due_items};
use casenotes::tui::app::{App, FormFactory, Msg};
use casenotes::tui::effects::Executor;
use casenotes::tui::form_adapter;
use casenotes::tui::home::FamilyRow;
use casenotes::tui::theme::Theme;
use chrono::NaiveDate;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// What the home screen shows once the first family is drawn.
const FIRST_FAMILY: &str = "Family Example-00001";
/// The home screen's due line once the due list is worked out.
const DUE_READY: &str = "d: the list";
/// What the status line says if it could not be.
const DUE_FAILED: &str = "could not be worked out";
/// As `tui::runtime`'s first page.
const FIRST_PAGE: u32 = 200;
const WAIT: Duration = Duration::from_secs(20);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--phases-child") {
        let path = args.get(i + 1).expect("a path after --phases-child");
        phases_child(Path::new(path));
        return;
    }
    // `cargo bench` passes `--bench`; criterion-style filters are ignored.
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10usize);
    if let Some(which) = support::Fictional::from_args(&args, "--make") {
        let path = support::fictional_file(which);
        println!(
            "{} ({} MB)",
            path.display(),
            std::fs::metadata(&path).map_or(0, |m| m.len() / 1_000_000)
        );
        return;
    }
    let which =
        support::Fictional::from_args(&args, "--file").unwrap_or(support::Fictional::Budget10k);
    // The status line once every family is listed.
    let all_listed = format!("{} families", which.families());
    let cold = args.iter().any(|a| a == "--cold");
    let path = support::fictional_file(which);
    println!(
        "startup bench on {} ({} MB); {runs} runs, {}; load {}",
        path.display(),
        std::fs::metadata(&path).map_or(0, |m| m.len() / 1_000_000),
        if cold {
            "file dropped from the OS cache before each"
        } else {
            "file in the OS cache"
        },
        support::load_average()
    );
    let this = Path::new(env!("CARGO_BIN_EXE_casenotes"));
    let against = args
        .iter()
        .position(|a| a == "--against")
        .and_then(|i| args.get(i + 1))
        .map(Path::new);
    let mut builds = vec![("real binary", this, Runs::default())];
    if let Some(other) = against {
        println!("against: {}", other.display());
        builds.push(("against", other, Runs::default()));
    }
    if !cold {
        // One unmeasured run first, so the file's pages are in the OS cache.
        let _ = real_binary(this, &path, &all_listed);
    }
    for _ in 0..runs {
        for (_, exe, runs) in &mut builds {
            if cold {
                evict(&path);
            }
            runs.push(real_binary(exe, &path, &all_listed));
        }
    }
    for (name, _, runs) in &mut builds {
        runs.report(name);
    }
    if args.iter().any(|a| a == "--real-only") {
        return;
    }

    let exe = std::env::current_exe().expect("this bench's own path");
    let mut lines = Vec::new();
    for _ in 0..runs {
        if cold {
            evict(&path);
        }
        let out = std::process::Command::new(&exe)
            .arg("--phases-child")
            .arg(&path)
            .output()
            .expect("the phase child runs");
        lines.push(String::from_utf8_lossy(&out.stdout).trim().to_owned());
    }
    lines.sort_by_key(|l| {
        l.rsplit("first frame ")
            .next()
            .and_then(|t| t.trim_end_matches(" ms").parse::<f64>().ok())
            .map_or(u64::MAX, |ms| (ms * 1000.0) as u64)
    });
    println!("in-process phases (median of {runs} fresh processes):");
    println!("  {}", lines[lines.len() / 2]);
    println!("  fastest: {}", lines[0]);
    println!("  slowest: {}", lines[lines.len() - 1]);
}

/// Drops the file's pages from the operating system's cache, so the next
/// start reads it from the disk.
fn evict(path: &Path) {
    use std::os::fd::AsRawFd;
    let f = std::fs::File::open(path).expect("the budget file opens");
    // SAFETY: an advisory call on a descriptor this function owns; it
    // changes no data, only what the kernel keeps cached.
    let rc = unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    assert_eq!(rc, 0, "posix_fadvise failed");
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort_unstable();
    println!(
        "{what}: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The runs of one build.
#[derive(Default)]
struct Runs {
    first: Vec<Duration>,
    all: Vec<Duration>,
    due: Vec<Duration>,
    rss: Vec<u64>,
    peak: Vec<u64>,
}

impl Runs {
    fn push(&mut self, r: Run) {
        self.first.push(r.first_frame);
        self.all.push(r.all_listed);
        self.due.push(r.due_shown);
        self.rss.push(r.rss_kib);
        self.peak.push(r.peak_kib);
    }

    fn report(&mut self, name: &str) {
        report(
            &format!("{name}: spawn to first family on screen"),
            &mut self.first,
        );
        report(
            &format!("{name}: spawn to all families listed"),
            &mut self.all,
        );
        report(&format!("{name}: spawn to due counts shown"), &mut self.due);
        self.rss.sort_unstable();
        self.peak.sort_unstable();
        println!(
            "{name}: VmRSS, home screen and due counts drawn: median {:.1} MB, max {:.1} MB; \
             peak (VmHWM) median {:.1} MB",
            mb(self.rss[self.rss.len() / 2]),
            mb(self.rss[self.rss.len() - 1]),
            mb(self.peak[self.peak.len() / 2])
        );
    }
}

struct Run {
    first_frame: Duration,
    all_listed: Duration,
    due_shown: Duration,
    rss_kib: u64,
    peak_kib: u64,
}

/// Starts the real binary on `db` in a pseudo-terminal with a temporary
/// home, waits for the home screen, reads its memory and quits it.
fn real_binary(exe: &Path, db: &Path, all_listed_text: &str) -> Run {
    let home = tempfile::tempdir().expect("a temp dir");
    let root = home.path();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(exe);
    cmd.env_clear();
    cmd.env("PATH", "/usr/bin:/bin");
    cmd.env("HOME", root.join("home"));
    cmd.env("XDG_CONFIG_HOME", root.join("config"));
    cmd.env("XDG_DATA_HOME", root.join("data"));
    cmd.env("XDG_STATE_HOME", root.join("state"));
    cmd.env("CASENOTES_CONFIG", root.join("config/none.toml"));
    cmd.env("CASENOTES_DB", db);
    cmd.env("USER", support::USER);
    cmd.env("LOGNAME", support::USER);
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(root);

    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    // Blocking reads on a thread of their own, each chunk stamped with the
    // moment it arrived, so polling never adds to the measured time.
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                return;
            }
        }
    });
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("casenotes starts");
    drop(pair.slave);
    let pid = child.process_id().expect("a pid").to_string();
    let mut writer = pair.master.take_writer().expect("a writer");

    let mut parser = vt100::Parser::new(
        std::num::NonZero::new(ROWS).expect("rows are not zero"),
        std::num::NonZero::new(COLS).expect("columns are not zero"),
        0,
    );
    let mut first_frame = None;
    let mut all_listed = None;
    let mut due_shown = None;
    let deadline = start + WAIT;
    while due_shown.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok((at, bytes)) = rx.recv_timeout(left) else {
            let _ = child.kill();
            panic!(
                "the home screen never showed the families and what is due; it shows:\n{}",
                parser.screen().contents()
            );
        };
        parser.process(&bytes);
        let screen = parser.screen().contents();
        if first_frame.is_none() && screen.contains(FIRST_FAMILY) {
            first_frame = Some(at - start);
        }
        if all_listed.is_none() && screen.contains(all_listed_text) {
            all_listed = Some(at - start);
        }
        if screen.contains(DUE_FAILED) {
            let _ = child.kill();
            panic!("the due list failed:\n{screen}");
        }
        if all_listed.is_some() && screen.contains(DUE_READY) {
            due_shown = Some(at - start);
        }
    }
    // Let anything started after the first frame finish before reading
    // memory, so the figure is the steady one, not a snapshot mid-load.
    std::thread::sleep(Duration::from_millis(500));
    let rss_kib = support::rss_kib_of(&pid).unwrap_or(0);
    let peak_kib = support::status_kib(&pid, "VmHWM:").unwrap_or(0);
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let end = Instant::now() + Duration::from_secs(5);
    while Instant::now() < end {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    if let Ok(None) = child.try_wait() {
        let _ = child.kill();
        let _ = child.wait();
    }
    Run {
        first_frame: first_frame.unwrap_or(WAIT),
        all_listed: all_listed.unwrap_or(WAIT),
        due_shown: due_shown.unwrap_or(WAIT),
        rss_kib,
        peak_kib,
    }
}

/// The runtime's start-up steps, timed one by one, in this fresh process:
/// the first frame from the first page, then the whole list, then the due
/// list as the home screen asks for it on its first tick (the team's, as
/// `service::due::items_for` works it out for a supervisor).
fn phases_child(db: &Path) {
    let t0 = Instant::now();
    let mut marks: Vec<(&str, Instant)> = Vec::new();
    let store = Store::open(db, support::USER).expect("the budget file opens");
    marks.push(("open", Instant::now()));
    let (forms, _) = forms_in_use(None);
    marks.push(("forms", Instant::now()));
    let page = first_page(&store);
    marks.push(("first page", Instant::now()));
    let exec = Executor::over(CaseFile::new(store, forms.clone()), None);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let factory: FormFactory = Box::new(form_adapter::make_form);
    let mut app = App::new(
        &casenotes::user::UserLogin::new(support::USER).unwrap_or_else(|e| panic!("{e}")),
        "budget-10k.sqlite3",
        forms.clone(),
        today,
        Instant::now(),
        factory,
    );
    app.update(Msg::Families(page.into()), Instant::now());
    marks.push(("app", Instant::now()));
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    let theme = Theme::plain();
    term.draw(|f| app.view(f, &theme)).expect("a frame");
    marks.push(("draw", Instant::now()));
    let first_frame = marks[marks.len() - 1].1 - t0;
    let rss_first = support::rss_kib().unwrap_or(0);
    let all = exec.families().expect("the families list");
    app.update(Msg::Families(all), Instant::now());
    term.draw(|f| app.view(f, &theme)).expect("a frame");
    marks.push(("all families", Instant::now()));
    let rss_all = support::rss_kib().unwrap_or(0);
    let duties = Duties::built_in().expect("the built-in duties");
    let cal = Calendar::england_and_wales();
    let facts = exec.case.due_facts().expect("the due facts");
    marks.push(("due facts (summary)", Instant::now()));
    let items = due_items(&facts, &forms, &duties, &cal, today, Some(7));
    drop(facts);
    marks.push(("due items", Instant::now()));
    let rss_due = support::rss_kib().unwrap_or(0);
    // What is live, as against freed but kept by the allocator.
    // SAFETY: malloc_trim only returns free memory to the system.
    unsafe { libc::malloc_trim(0) };
    let rss_trimmed = support::rss_kib().unwrap_or(0);
    let peak = support::status_kib("self", "VmHWM:").unwrap_or(0);
    // The same from every record, as before schema step 12, in the same
    // process: the two must give the same items.
    let full = {
        let store = Store::open(db, support::USER).expect("the file opens again");
        let facts = store.due_facts_in_full().expect("every record's facts");
        due_items(&facts, &forms, &duties, &cal, today, Some(7))
    };
    marks.push(("due facts and items from every record", Instant::now()));
    assert_eq!(full, items, "the summary gives the same due items");
    let mut line = String::new();
    let mut prev = t0;
    for (name, at) in &marks {
        line.push_str(&format!("{name} {:.1} ms, ", ms(*at - prev)));
        prev = *at;
    }
    line.push_str(&format!(
        "VmRSS {:.1} / {:.1} / {:.1} MB (first frame / all / due), {:.1} MB once the \
         allocator is trimmed, peak {:.1} MB, {} due items, first frame {:.1} ms",
        mb(rss_first),
        mb(rss_all),
        mb(rss_due),
        mb(rss_trimmed),
        mb(peak),
        items.len(),
        ms(first_frame)
    ));
    println!("{line}");
}

/// As `tui::runtime`'s first page.
fn first_page(store: &Store) -> Vec<FamilyRow> {
    let filter = FamilyFilter {
        limit: Some(FIRST_PAGE),
        ..FamilyFilter::default()
    };
    store
        .list_families(&filter)
        .expect("the first page")
        .into_iter()
        .map(FamilyRow::from)
        .collect()
}
