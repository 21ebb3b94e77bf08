//! Shared by the benchmarks: the design's budget file (10,000 fictional
//! families, 20,000 children, 200,000 records of the built-in visit form),
//! built once under target/ and reused, because building it takes a
//! quarter of a minute on the two-core machine the budgets are kept on;
//! and issue 12's large team file (50,000 families, 1,000,000 records).
//! Either is made on its own with `cargo bench --bench startup -- --make
//! 10k` (or `50k`).

#![allow(dead_code)]

use casenotes::form::{Form, FormSet};
use casenotes::store::{FictionalSize, Store};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The login name the benchmarks use.
pub const USER: &str = "bench";

/// `target/bench-data`, beside the build output and never in the work tree.
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

/// A fictional case file the benchmarks run on: the design's budget file
/// (10,000 families) or issue 12's large team file (50,000 families, one
/// million records with one field answered each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fictional {
    /// `budget-10k.sqlite3`: `FictionalSize::BUDGET`, about 1.7 GB.
    Budget10k,
    /// `large-50k.sqlite3`: `FictionalSize::LARGE`.
    Large50k,
}

impl Fictional {
    /// `10k` or `50k`, as given after `--file` or `--make`.
    pub fn from_arg(arg: &str) -> Option<Fictional> {
        match arg {
            "10k" => Some(Fictional::Budget10k),
            "50k" => Some(Fictional::Large50k),
            _ => None,
        }
    }

    /// The one given after `flag` on this bench's command line, the budget
    /// file when there is none. Panics on a size it does not know.
    pub fn from_args(args: &[String], flag: &str) -> Option<Fictional> {
        let i = args.iter().position(|a| a == flag)?;
        let arg = args.get(i + 1).map_or("", String::as_str);
        Some(
            Fictional::from_arg(arg)
                .unwrap_or_else(|| panic!("{flag} takes 10k or 50k, not {arg:?}")),
        )
    }

    fn stem(self) -> &'static str {
        match self {
            Fictional::Budget10k => "budget-10k",
            Fictional::Large50k => "large-50k",
        }
    }

    /// How many families it holds.
    pub fn families(self) -> u32 {
        self.size().families
    }

    fn size(self) -> FictionalSize {
        match self {
            Fictional::Budget10k => FictionalSize::BUDGET,
            Fictional::Large50k => FictionalSize::LARGE,
        }
    }
}

/// The budget file, made if missing (see [`fictional_file`]).
pub fn budget_file() -> PathBuf {
    fictional_file(Fictional::Budget10k)
}

/// A fictional file, made if missing. It is written under a temporary name
/// and renamed when complete, so an interrupted build is never reused.
/// Opening it afterwards brings it to the current schema, so a new
/// migration step's cost is paid here and not inside a measurement.
pub fn fictional_file(which: Fictional) -> PathBuf {
    let dir = data_dir();
    std::fs::create_dir_all(&dir).expect("target/bench-data can be made");
    let path = dir.join(format!("{}.sqlite3", which.stem()));
    let forms = FormSet::built_in().expect("the built-in forms load");
    let visit = forms.get("visit").expect("a built-in visit form");
    if path.exists() && !holds_this_form(&path, visit) {
        eprintln!(
            "the visit form changed since {} was built; building it again",
            path.display()
        );
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    if !path.exists() {
        let partial = dir.join(format!("{}.partial.sqlite3", which.stem()));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        let t = Instant::now();
        {
            let mut s = Store::open(&partial, "generator").expect("a new case file");
            s.fill_fictional(visit, which.size())
                .expect("the fictional families are written");
        }
        eprintln!(
            "built {} in {:.1} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
        std::fs::rename(&partial, &path).expect("the finished file is renamed");
    }
    let mut s = Store::open(&path, USER).expect("the fictional file opens");
    // A team manager, for the team's due list (`benches/due.rs`).
    if !s.is_supervisor(MANAGER).unwrap_or(false) {
        s.add_user(MANAGER, casenotes::user::Role::Supervisor)
            .expect("the manager is added");
    }
    path
}

/// A supervisor listed in every fictional file the benchmarks make.
pub const MANAGER: &str = "example.manager";

/// Whether the file's records were written with this text of the form: the
/// store refuses a new record of the same id and version with other text,
/// so a file built before the form changed could not take new drafts.
fn holds_this_form(path: &Path, form: &Form) -> bool {
    Store::open(path, USER)
        .and_then(|s| s.form_definition(&form.id, form.version))
        .is_ok_and(|t| t.as_deref() == Some(form.toml.as_str()))
}

/// A copy of the budget file that a benchmark may write to, so that the
/// shared one stays as generated. Made afresh on every run.
pub fn writable_copy(name: &str) -> PathBuf {
    let from = budget_file();
    let to = data_dir().join(format!("{name}.sqlite3"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(&from, &to).expect("the budget file is copied");
    // Flushed now, so that the first measured save's fsync does not also
    // wait for the copy's 1.6 GB to reach the disk.
    std::fs::File::open(&to)
        .and_then(|f| f.sync_all())
        .expect("the copy is synced");
    to
}

/// Resident memory of this process in KiB, from /proc/self/status.
pub fn rss_kib() -> Option<u64> {
    rss_kib_of("self")
}

/// Resident memory of a process (`"self"` or a pid) in KiB.
pub fn rss_kib_of(pid: &str) -> Option<u64> {
    status_kib(pid, "VmRSS:")
}

/// One `kB` line of /proc/PID/status, such as `VmRSS:` or `VmHWM:` (the
/// peak), in KiB.
pub fn status_kib(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The one-minute load average, to write beside each measurement.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}
