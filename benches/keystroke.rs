//! Keystrokes as the person at the terminal feels them: the real binary in
//! an 80×24 pseudo-terminal, each key timed from just before it is written
//! to the end of the answer (the last byte of the burst the program sends
//! back), with the bytes counted, beside `vim -u NONE` typing the same keys
//! in insert mode in the same harness, in the same run. Then the same again
//! while another process saturates the disk with fsyncs, to show that
//! saving (on its own thread) never makes typing wait.
//!
//! Run by hand: `cargo bench --bench keystroke` (add `-- --keys N`);
//! results in docs/performance.md.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
// measurements and fixtures, not stored values

// Tests reach processes and terminals directly (signals, descriptors).
#![allow(unsafe_code)]

mod support;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// The answer to a key is over when nothing more comes for this long.
const QUIET: Duration = Duration::from_millis(25);
const WAIT: Duration = Duration::from_secs(10);

struct Pty {
    writer: Box<dyn Write + Send>,
    rx: mpsc::Receiver<(Instant, Vec<u8>)>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: vt100::Parser,
}

impl Pty {
    fn start(cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let (tx, rx) = mpsc::channel();
        // Blocking reads on a thread of their own, each chunk stamped when
        // it arrived, so polling never adds to the measured time.
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    return;
                }
            }
        });
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("a writer");
        // The master must stay open for as long as the program runs.
        std::mem::forget(pair.master);
        Pty {
            writer,
            rx,
            child,
            parser: vt100::Parser::new(
                std::num::NonZero::new(ROWS).expect("rows"),
                std::num::NonZero::new(COLS).expect("columns"),
                0,
            ),
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer
            .write_all(bytes)
            .expect("typing reaches the pty");
        self.writer.flush().expect("flush");
    }

    fn wait_for(&mut self, needle: &str) {
        let end = Instant::now() + WAIT;
        while !self.parser.screen().contents().contains(needle) {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((_, b)) => self.parser.process(&b),
                Err(_) => panic!(
                    "never showed {needle:?}:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Drains whatever comes until the output has been quiet for `QUIET`.
    fn settle(&mut self) {
        while let Ok((_, b)) = self.rx.recv_timeout(QUIET) {
            self.parser.process(&b);
        }
    }

    /// One key: the time from just before writing it to the last byte of
    /// the answer, and the bytes in that answer.
    fn key(&mut self, byte: u8) -> (Duration, usize) {
        let start = Instant::now();
        self.send(&[byte]);
        let mut last = None;
        let mut bytes = 0;
        let first_wait = Duration::from_secs(2);
        let mut wait = first_wait;
        while let Ok((at, b)) = self.rx.recv_timeout(wait) {
            self.parser.process(&b);
            bytes += b.len();
            last = Some(at);
            wait = QUIET;
        }
        (last.map_or(first_wait, |l| l - start), bytes)
    }

    fn stop(mut self, quit: &[u8]) {
        self.send(quit);
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
    }
}

fn env(cmd: &mut CommandBuilder, root: &Path) {
    cmd.env_clear();
    cmd.env("PATH", "/usr/bin:/bin");
    cmd.env("HOME", root.join("home"));
    cmd.env("XDG_CONFIG_HOME", root.join("config"));
    cmd.env("XDG_DATA_HOME", root.join("data"));
    cmd.env("XDG_STATE_HOME", root.join("state"));
    cmd.env("CASENOTES_CONFIG", root.join("config/none.toml"));
    cmd.env(
        "CASENOTES_SYSTEM_CONFIG",
        root.join("config/none-system.toml"),
    );
    cmd.env("USER", support::USER);
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(root);
}

/// A case file with one family, one child and one empty visit draft.
fn case_file(root: &Path) -> std::path::PathBuf {
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
    store
        .create_record(
            fam,
            forms.get("visit").expect("visit"),
            &casenotes::store::RecordDraft {
                event_date: today,
                significant: false,
                children: vec![child],
                answers: Default::default(),
            },
        )
        .expect("record");
    db
}

fn text(n: usize) -> Vec<u8> {
    b"the child said school was better this week "
        .iter()
        .copied()
        .cycle()
        .take(n)
        .collect()
}

fn casenotes_keys(keys: usize) -> (Vec<Duration>, Vec<usize>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = case_file(dir.path());
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_casenotes"));
    env(&mut cmd, dir.path());
    cmd.env("CASENOTES_DB", &db);
    let mut p = Pty::start(cmd);
    p.wait_for("Example family");
    p.send(b"\r");
    p.wait_for("Records (");
    p.send(b"\r");
    p.wait_for("Name and role of practitioner");
    p.settle();
    let (mut times, mut bytes) = (Vec::new(), Vec::new());
    for b in text(keys) {
        let (t, n) = p.key(b);
        times.push(t);
        bytes.push(n);
    }
    p.stop(b"\x11");
    (times, bytes)
}

fn vim_keys(keys: usize) -> Option<(Vec<Duration>, Vec<usize>)> {
    which("vim")?;
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut cmd = CommandBuilder::new("vim");
    cmd.args(["-u", "NONE", "-N", "-n", "notes.txt"]);
    env(&mut cmd, dir.path());
    let mut p = Pty::start(cmd);
    p.wait_for("notes.txt");
    p.send(b"i");
    p.settle();
    let (mut times, mut bytes) = (Vec::new(), Vec::new());
    for b in text(keys) {
        let (t, n) = p.key(b);
        times.push(t);
        bytes.push(n);
    }
    p.stop(b"\x1b:q!\r");
    Some((times, bytes))
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

struct Figures {
    p50: Duration,
    p99: Duration,
    max: Duration,
    bytes_median: usize,
}

fn figures(times: &[Duration], bytes: &[usize]) -> Figures {
    let mut t = times.to_vec();
    t.sort();
    let mut b = bytes.to_vec();
    b.sort_unstable();
    Figures {
        p50: pct(&t, 0.5),
        p99: pct(&t, 0.99),
        max: t.last().copied().unwrap_or_default(),
        bytes_median: b.get(b.len() / 2).copied().unwrap_or(0),
    }
}

fn line(name: &str, f: &Figures) {
    println!(
        "{name:<28} median {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms  {:4} bytes/key (median)",
        ms(f.p50),
        ms(f.p99),
        ms(f.max),
        f.bytes_median
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let keys = args
        .iter()
        .position(|a| a == "--keys")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    println!(
        "keystrokes: {keys} per program, {COLS}x{ROWS}, answer over after {} ms of quiet; load average {}",
        QUIET.as_millis(),
        support::load_average()
    );
    for loaded in [false, true] {
        let load = loaded.then(FsyncLoad::start);
        let (ct, cb) = casenotes_keys(keys);
        let vim = vim_keys(keys);
        let synced = load.map(FsyncLoad::finish);
        println!(
            "{}",
            match synced {
                Some(n) => format!("-- with another process syncing 64 KiB blocks ({n} synced)"),
                None => "-- idle disk".to_owned(),
            }
        );
        let c = figures(&ct, &cb);
        line("casenotes (form field)", &c);
        if let Some((vt, vb)) = vim {
            let v = figures(&vt, &vb);
            line("vim -u NONE (insert mode)", &v);
            println!(
                "ratio casenotes / vim: median {:.2}x, p99 {:.2}x",
                ms(c.p50) / ms(v.p50).max(0.001),
                ms(c.p99) / ms(v.p99).max(0.001)
            );
        }
    }
}
