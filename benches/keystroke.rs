//! Keystrokes as the person at the terminal feels them: the real binary in
//! a pseudo-terminal (80×24 unless `--size` says otherwise), each key timed
//! from just before it is written to the end of the answer (the last byte
//! of the burst the program sends back), with the bytes counted, beside
//! `vim -u NONE` typing the same keys in insert mode in the same harness,
//! in the same run. By default the same again while another process
//! saturates the disk with fsyncs, to show that saving (on its own thread)
//! never makes typing wait.
//!
//! Run by hand: `cargo bench --bench keystroke`, and after `--`:
//! `--keys N` (300), `--size COLSxROWS` (80x24), `--prefill BYTES` (the
//! field, and vim's file, already hold that much prose and the keys are
//! typed at its end), `--ssh` (both programs run through `ssh -tt` to a
//! private sshd on this machine, and the bytes on the wire are counted
//! per key, both ways), `--slowest N` (list casenotes' N slowest keys,
//! with the bytes each was answered with). With any of `--size`,
//! `--prefill` and `--ssh` only the idle-disk round runs. Results in docs/performance.md.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss
)]
// measurements and fixtures, not stored values

// Tests reach processes and terminals directly (signals, descriptors).
#![allow(unsafe_code)]

#[path = "support/key_pty.rs"]
mod key_pty;
#[path = "support/ssh.rs"]
mod ssh;
mod support;

use casenotes::record::{Slot, Value};
use key_pty::{Cpu, Pty, QUIET, Typed};
use portable_pty::CommandBuilder;
use ssh::{Link, Wire};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Ctrl-End as xterm sends it: the end of the field.
const CTRL_END: &[u8] = b"\x1b[1;5F";
/// The last words of the prefilled prose, looked for on the screen before
/// typing starts so that the cursor is known to be at the end.
const LAST_WORDS: &str = "End of the example notes.";

/// What this run measures, from the command line.
struct Options {
    keys: usize,
    cols: u16,
    rows: u16,
    prefill: Option<usize>,
    ssh: bool,
    /// How many of casenotes' slowest keys to list, with their bytes.
    slowest: usize,
}

impl Options {
    fn parse(args: &[String]) -> Options {
        let value = |flag: &str| {
            let i = args.iter().position(|a| a == flag)?;
            Some(
                args.get(i + 1)
                    .unwrap_or_else(|| panic!("{flag} needs a value"))
                    .clone(),
            )
        };
        let number = |flag: &str| {
            value(flag).map(|v| {
                v.parse::<usize>()
                    .unwrap_or_else(|_| panic!("{flag} takes a whole number, not {v:?}"))
            })
        };
        let (cols, rows) = value("--size").map_or((80, 24), |v| {
            v.split_once('x')
                .and_then(|(c, r)| Some((c.parse().ok()?, r.parse().ok()?)))
                .filter(|&(c, r): &(u16, u16)| c >= 40 && r >= 12)
                .unwrap_or_else(|| panic!("--size takes COLSxROWS, at least 40x12, not {v:?}"))
        });
        Options {
            keys: number("--keys").unwrap_or(300),
            cols,
            rows,
            prefill: number("--prefill"),
            ssh: args.iter().any(|a| a == "--ssh"),
            slowest: number("--slowest").unwrap_or(0),
        }
    }

    /// Only the default run also repeats everything under fsync load.
    fn is_default(&self) -> bool {
        (self.cols, self.rows) == (80, 24) && self.prefill.is_none() && !self.ssh
    }
}

/// The environment both programs get, locally or on the far side of ssh.
fn vars(root: &Path, extra: &[(&str, &Path)]) -> Vec<(String, String)> {
    let at = |p: &str| root.join(p).display().to_string();
    let mut v: Vec<(String, String)> = [
        ("PATH", "/usr/bin:/bin".to_owned()),
        ("HOME", at("home")),
        ("XDG_CONFIG_HOME", at("config")),
        ("XDG_DATA_HOME", at("data")),
        ("XDG_STATE_HOME", at("state")),
        ("CASENOTES_CONFIG", at("config/none.toml")),
        ("CASENOTES_SYSTEM_CONFIG", at("config/none-system.toml")),
        ("USER", support::USER.to_owned()),
        ("TERM", "xterm-256color".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    v.extend(
        extra
            .iter()
            .map(|(k, p)| ((*k).to_owned(), p.display().to_string())),
    );
    v
}

/// The command that runs `program` in `root` with [`vars`]: directly, or
/// through `ssh -tt` over the link (the ssh client itself gets the same
/// environment, so the far side sees the same TERM and window size).
fn command(
    root: &Path,
    vars: &[(String, String)],
    program: &str,
    args: &[&str],
    link: Option<&Link>,
) -> CommandBuilder {
    let mut cmd = match link {
        None => {
            let mut c = CommandBuilder::new(program);
            c.args(args);
            c
        }
        Some(l) => {
            let mut c = CommandBuilder::new("ssh");
            c.args(l.ssh_args(&ssh::remote_command(root, vars, Path::new(program), args)));
            c
        }
    };
    cmd.env_clear();
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.cwd(root);
    cmd
}

/// A case file with one family, one child and one visit draft; with
/// `prefill`, the draft's "aim/purpose of this visit" (a multi-line field)
/// already holds that text.
fn case_file(root: &Path, prefill: Option<&str>) -> (PathBuf, casenotes::record::RecordId) {
    let db = root.join("cases.sqlite3");
    let user = casenotes::identity::login_name()
        .map_or_else(|| support::USER.to_owned(), |l| l.to_string());
    let mut store = casenotes::store::Store::open(&db, &user).expect("store");
    let today = chrono::Local::now().date_naive();
    let fam = store
        .create_family(&casenotes::store::FamilyDetails::new(
            "FX-0001",
            "Example family",
            today,
        ))
        .expect("family");
    let child = store
        .add_child(fam, &casenotes::store::ChildDetails::new("Child A", None))
        .expect("child");
    let forms = casenotes::form::FormSet::built_in().expect("forms");
    let mut answers = casenotes::record::Answers::new();
    if let Some(text) = prefill {
        answers.set(Slot::once("purpose", "aim"), Value::Text(text.to_owned()));
    }
    let id = store
        .create_record(
            fam,
            forms.get("visit").expect("visit"),
            &casenotes::store::RecordDraft {
                event_date: today,
                significant: false,
                children: vec![child],
                answers,
            },
        )
        .expect("record");
    (db, id)
}

/// What is typed: prose, one byte a key.
fn text(n: usize) -> Vec<u8> {
    b"the child said school was better this week "
        .iter()
        .copied()
        .cycle()
        .take(n)
        .collect()
}

/// About `n` bytes of fictional prose in paragraphs of seven sentences,
/// ending with [`LAST_WORDS`] and a space, so that typed words follow on.
fn prose(n: usize) -> String {
    const SENTENCES: [&str; 9] = [
        "The visit took place at the family home in the afternoon.",
        "Child A showed the worker their bedroom and the drawings on the wall.",
        "The carer said the mornings before school had become calmer.",
        "We talked about the plan agreed at the last review and what has moved on since.",
        "Child A said they liked the new after-school club and had made a friend there.",
        "The kitchen was clean and there was food in the cupboards and the fridge.",
        "The carer asked for help with the letters from the housing office.",
        "Nothing said or seen during the visit raised a new concern.",
        "The next visit was agreed for the same time in two weeks.",
    ];
    let mut out = String::with_capacity(n + 1024);
    let mut i = 0usize;
    while out.len() + LAST_WORDS.len() < n {
        if i > 0 {
            out.push_str(if i.is_multiple_of(7) { "\n\n" } else { " " });
        }
        out.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
    }
    out.push(' ');
    out.push_str(LAST_WORDS);
    out.push(' ');
    out
}

/// The casenotes run: the draft opened, the focus in the field (at the
/// end of the prefilled aim, or in the first field), `keys` typed.
fn casenotes_keys(o: &Options, link: Option<&Link>) -> Typed {
    let dir = tempfile::tempdir().expect("a temp dir");
    let pre = o.prefill.map(prose);
    let (db, record) = case_file(dir.path(), pre.as_deref());
    let vars = vars(dir.path(), &[("CASENOTES_DB", &db)]);
    let bin = env!("CARGO_BIN_EXE_casenotes");
    let mut p = Pty::start(command(dir.path(), &vars, bin, &[], link), o.cols, o.rows);
    p.wait_for("Example family");
    p.send(b"\r");
    p.wait_for("Records (");
    p.send(b"\r");
    p.wait_for("Name and role of practitioner");
    if pre.is_some() {
        // To the "Reason for contact" section, on to its second field.
        p.send(b"\x1b[6~");
        p.settle();
        p.send(b"\x1b[6~");
        p.wait_for("aim/purpose of this visit");
        p.send(b"\t");
        p.settle();
        p.send(CTRL_END);
        p.wait_for(LAST_WORDS);
    }
    p.settle();
    let typed = text(o.keys);
    let typed_run = p.keys(&typed, link);
    p.stop(b"\x11");
    if let Some(pre) = pre {
        // The keys went where they were meant to: after the prose.
        let store = casenotes::store::Store::open(&db, support::USER).expect("store");
        let saved = store.record(record).expect("the record");
        let aim = saved
            .answers
            .text(&Slot::once("purpose", "aim"))
            .unwrap_or_default()
            .to_owned();
        let want = format!("{pre}{}", String::from_utf8_lossy(&typed));
        assert!(
            aim == want,
            "the typed keys did not land at the end of the aim: {} bytes saved, {} expected, ending {:?}",
            aim.len(),
            want.len(),
            &aim[aim.len().saturating_sub(80)..]
        );
    }
    typed_run
}

/// The same keys in `vim -u NONE` insert mode; with `prefill`, vim opens a
/// file holding the same prose on its last line and appends (`+`, `A`).
fn vim_keys(o: &Options, link: Option<&Link>) -> Option<Typed> {
    which("vim")?;
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut args = vec!["-u", "NONE", "-N", "-n"];
    if let Some(n) = o.prefill {
        std::fs::write(dir.path().join("notes.txt"), prose(n)).expect("vim's file");
        args.push("+");
    }
    args.push("notes.txt");
    let vars = vars(dir.path(), &[]);
    let mut p = Pty::start(
        command(dir.path(), &vars, "vim", &args, link),
        o.cols,
        o.rows,
    );
    p.wait_for("notes.txt");
    p.send(if o.prefill.is_some() { b"A" } else { b"i" });
    p.settle();
    let typed = text(o.keys);
    let typed_run = p.keys(&typed, link);
    if let Some(n) = o.prefill {
        // Written out after the timing, to check the keys went after the
        // prose as they did in casenotes.
        p.stop(b"\x1b:wq\r");
        let saved = std::fs::read_to_string(dir.path().join("notes.txt")).unwrap_or_default();
        let want = format!("{}{}", prose(n), String::from_utf8_lossy(&typed));
        assert!(
            saved.trim_end_matches('\n') == want,
            "vim's keys did not land at the end of its file"
        );
    } else {
        p.stop(b"\x1b:q!\r");
    }
    Some(typed_run)
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// Another process's worth of disk pressure: 64 KiB written and synced,
/// over and over, on the same file system as the case file.
struct FsyncLoad {
    stop: Arc<AtomicBool>,
    syncs: Arc<AtomicU64>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FsyncLoad {
    fn start() -> FsyncLoad {
        let stop = Arc::new(AtomicBool::new(false));
        let syncs = Arc::new(AtomicU64::new(0));
        let (s, n) = (Arc::clone(&stop), Arc::clone(&syncs));
        // A process of its own: dd with oflag=dsync syncs every block.
        let thread = std::thread::spawn(move || {
            let dir = tempfile::tempdir().expect("a temp dir");
            let file = dir.path().join("load");
            while !s.load(Ordering::SeqCst) {
                let ok = std::process::Command::new("dd")
                    .args(["if=/dev/zero", "bs=64k", "count=64", "oflag=dsync"])
                    .arg(format!("of={}", file.display()))
                    .stderr(std::process::Stdio::null())
                    .status()
                    .is_ok_and(|st| st.success());
                if !ok {
                    return;
                }
                n.fetch_add(64, Ordering::SeqCst);
            }
        });
        FsyncLoad {
            stop,
            syncs,
            thread: Some(thread),
        }
    }

    fn finish(mut self) -> u64 {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.syncs.load(Ordering::SeqCst)
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median<T: Ord + Copy + Default>(values: impl Iterator<Item = T>) -> T {
    let mut v: Vec<T> = values.collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

struct Figures {
    /// Keys answered with nothing (not in the times).
    unanswered: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    bytes_median: usize,
    bytes_mean: f64,
    bytes_max: usize,
    /// CPU per key, all threads and the main one (not over ssh).
    cpu: Option<(f64, f64)>,
    /// Bytes on the SSH link per key, both ways: median and mean, and the
    /// mean of each direction.
    wire: Option<WireFigures>,
}

struct WireFigures {
    median: u64,
    mean: f64,
    up_mean: f64,
    down_mean: f64,
}

fn figures(run: &Typed) -> Figures {
    let samples = &run.samples;
    // Keys that changed nothing on the screen had nothing to wait for:
    // counted apart, not timed.
    let mut t: Vec<Duration> = samples.iter().filter_map(|s| s.time).collect();
    t.sort();
    let wires: Vec<Wire> = samples.iter().filter_map(|s| s.wire).collect();
    let n = wires.len().max(1) as f64;
    Figures {
        unanswered: samples.len() - t.len(),
        p50: pct(&t, 0.5),
        p99: pct(&t, 0.99),
        max: t.last().copied().unwrap_or_default(),
        bytes_median: median(samples.iter().map(|s| s.bytes)),
        bytes_mean: samples.iter().map(|s| s.bytes as f64).sum::<f64>()
            / samples.len().max(1) as f64,
        bytes_max: samples.iter().map(|s| s.bytes).max().unwrap_or(0),
        cpu: run.cpu.map(|Cpu { all, main }| {
            let k = samples.len().max(1) as f64;
            (ms(all) / k, ms(main) / k)
        }),
        wire: (!wires.is_empty()).then(|| WireFigures {
            median: median(wires.iter().map(|w| w.total())),
            mean: wires.iter().map(|w| w.total() as f64).sum::<f64>() / n,
            up_mean: wires.iter().map(|w| w.up as f64).sum::<f64>() / n,
            down_mean: wires.iter().map(|w| w.down as f64).sum::<f64>() / n,
        }),
    }
}

fn line(name: &str, f: &Figures) {
    println!(
        "{name:<28} median {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms  {:4} bytes/key to the terminal (median; mean {:.1}, max {})",
        ms(f.p50),
        ms(f.p99),
        ms(f.max),
        f.bytes_median,
        f.bytes_mean,
        f.bytes_max
    );
    if f.unanswered > 0 {
        println!(
            "{:<28} {} keys changed nothing on the screen (not timed)",
            "", f.unanswered
        );
    }
    if let Some(w) = &f.wire {
        println!(
            "{:<28} on the wire per key: median {} bytes, mean {:.1} (up {:.1}, down {:.1})",
            "", w.median, w.mean, w.up_mean, w.down_mean
        );
    }
    if let Some((all, main)) = f.cpu {
        println!(
            "{:<28} CPU per key: {all:.2} ms (all threads), {main:.2} ms (main thread)",
            ""
        );
    }
}

fn ratios(c: &Figures, v: &Figures) {
    let r = |a: Duration, b: Duration| ms(a) / ms(b).max(0.001);
    println!(
        "ratio casenotes / vim: median {:.2}x, p99 {:.2}x, max {:.2}x",
        r(c.p50, v.p50),
        r(c.p99, v.p99),
        r(c.max, v.max)
    );
    if let (Some((c_all, _)), Some((v_all, _))) = (c.cpu, v.cpu) {
        println!("ratio of CPU per key: {:.2}x", c_all / v_all.max(0.001));
    }
    if let (Some(cw), Some(vw)) = (&c.wire, &v.wire) {
        println!(
            "ratio of bytes on the wire per key: median {:.2}x, mean {:.2}x",
            cw.median as f64 / (vw.median as f64).max(1.0),
            cw.mean / vw.mean.max(1.0)
        );
    }
}

/// The `n` slowest keys of a run: which key (from 0), its time and the
/// bytes of its answer, to tell a key's own work from one that met a save.
fn slowest_keys(run: &Typed, n: usize) {
    if n == 0 {
        return;
    }
    let mut keys: Vec<(usize, &key_pty::Sample)> = run.samples.iter().enumerate().collect();
    keys.sort_by_key(|(_, s)| std::cmp::Reverse(s.time.unwrap_or_default()));
    let listed: Vec<String> = keys
        .iter()
        .take(n)
        .map(|(i, s)| {
            format!(
                "#{i} {:.2} ms {} B",
                ms(s.time.unwrap_or_default()),
                s.bytes
            )
        })
        .collect();
    println!("slowest keys: {}", listed.join(", "));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let o = Options::parse(&args);
    println!(
        "keystrokes: {} per program, {}x{}, {}{}answer over after {} ms of quiet; load average {}",
        o.keys,
        o.cols,
        o.rows,
        o.prefill.map_or(String::new(), |n| format!(
            "typed after {n} bytes of prose, "
        )),
        if o.ssh {
            "through ssh -tt to 127.0.0.1, "
        } else {
            ""
        },
        QUIET.as_millis(),
        support::load_average()
    );
    let link = if o.ssh {
        let user = casenotes::identity::login_name()
            .map_or_else(|| support::USER.to_owned(), |l| l.to_string());
        match Link::start(&user) {
            Ok(l) => Some(l),
            Err(why) => {
                println!("skipping the SSH runs: {why}");
                return;
            }
        }
    } else {
        None
    };
    let rounds: &[bool] = if o.is_default() {
        &[false, true]
    } else {
        &[false]
    };
    for &loaded in rounds {
        let load = loaded.then(FsyncLoad::start);
        let c = casenotes_keys(&o, link.as_ref());
        let vim = vim_keys(&o, link.as_ref());
        let synced = load.map(FsyncLoad::finish);
        println!(
            "{}",
            match synced {
                Some(n) => format!("-- with another process syncing 64 KiB blocks ({n} synced)"),
                None => "-- idle disk".to_owned(),
            }
        );
        slowest_keys(&c, o.slowest);
        let c = figures(&c);
        line("casenotes (form field)", &c);
        if let Some(v) = vim {
            let v = figures(&v);
            line("vim -u NONE (insert mode)", &v);
            ratios(&c, &v);
        }
    }
}
