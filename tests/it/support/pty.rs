//! The real binary in a pseudo-terminal, read through a vt100 parser, with
//! its own HOME, XDG folders and case file per test. Every wait is bounded
//! and the child is killed on any failure. Shared by the end-to-end tests
//! and the demonstration's terminal tests.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rusqlite::Connection;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(10);

/// A temporary home, data folders and case file.
pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        Place {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("cases.sqlite3")
    }

    pub fn command(&self, via_shell_ignoring_hup: bool) -> CommandBuilder {
        // CASENOTES_TEST_BIN runs the same test against another build (an
        // older one, to show that a test fails without its fix).
        let exe = std::env::var("CASENOTES_TEST_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_casenotes").to_owned());
        let exe = exe.as_str();
        let mut cmd = if via_shell_ignoring_hup {
            // The shell is the session leader and ignores the hang-up, so
            // casenotes gets no SIGHUP from the kernel: it has to notice
            // the terminal is gone on its own.
            let mut c = CommandBuilder::new("/bin/sh");
            c.args(["-c", "trap '' HUP; \"$0\"", exe]);
            c
        } else {
            CommandBuilder::new(exe)
        };
        let root = self.dir.path();
        cmd.env_clear();
        cmd.env("PATH", "/usr/bin:/bin");
        cmd.env("HOME", root.join("home"));
        cmd.env("XDG_CONFIG_HOME", root.join("config"));
        cmd.env("XDG_DATA_HOME", root.join("data"));
        cmd.env("XDG_STATE_HOME", root.join("state"));
        cmd.env("CASENOTES_CONFIG", root.join("config/none.toml"));
        cmd.env("CASENOTES_DB", self.db());
        cmd.env("USER", "tester");
        cmd.env("LOGNAME", "tester");
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(root);
        cmd
    }
}

/// The program running in a pseudo-terminal.
pub struct Term {
    pub master: Option<Box<dyn MasterPty + Send>>,
    reader: Option<Box<dyn Read + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    pub parser: vt100::Parser,
    /// Bytes the program has written to the terminal so far.
    pub received: usize,
    /// Everything the program wrote, when `keep_transcript` asked for it.
    pub transcript: Option<Vec<u8>>,
    /// How long `wait_for` waits for the screen to show something.
    pub wait: Duration,
}

impl Term {
    pub fn start(place: &Place, via_shell: bool) -> Term {
        Term::start_sized(place, via_shell, 80, 24)
    }

    /// Starts the program in a terminal of `cols` x `rows`.
    pub fn start_sized(place: &Place, via_shell: bool, cols: u16, rows: u16) -> Term {
        Term::spawn(place.command(via_shell), cols, rows)
    }

    /// Starts the program at 80x24 with these environment variables set
    /// (or replaced) as well.
    pub fn start_env(place: &Place, env: &[(&str, &str)]) -> Term {
        let mut cmd = place.command(false);
        for (k, v) in env {
            cmd.env(k, v);
        }
        Term::spawn(cmd, 80, 24)
    }

    /// Starts `cmd`, built by the caller, in a terminal of `cols` x `rows`.
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        drop(pair.slave);
        let master = pair.master;
        // Non-blocking, so one thread can read, type and finally close the
        // master without a reader thread holding a copy of it open.
        if let Some(fd) = master.as_raw_fd() {
            // SAFETY: fcntl on a descriptor this test owns.
            unsafe {
                let flags = libc::fcntl(fd, libc::F_GETFL);
                libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
            }
        }
        let reader = master.try_clone_reader().expect("a reader");
        let writer = master.take_writer().expect("a writer");
        Term {
            master: Some(master),
            reader: Some(reader),
            writer: Some(writer),
            child,
            parser: vt100::Parser::new(
                std::num::NonZero::new(rows.max(1)).expect("at least one row"),
                std::num::NonZero::new(cols.max(1)).expect("at least one column"),
                0,
            ),
            received: 0,
            transcript: None,
            wait: WAIT,
        }
    }

    pub fn pump(&mut self) {
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        let mut buf = [0u8; 8192];
        loop {
            match r.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    self.received += n;
                    self.parser.process(&buf[..n]);
                    if let Some(t) = self.transcript.as_mut() {
                        t.extend_from_slice(&buf[..n]);
                    }
                }
                Err(_) => return,
            }
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// The parsed screen, for a test that looks at more than its text.
    pub fn vt(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Kills the program and fails the test, showing the screen.
    pub fn fail(&mut self, why: String) -> ! {
        let screen = self.screen();
        let _ = self.child.kill();
        panic!("{why}; the screen shows:\n{screen}");
    }

    pub fn wait_for(&mut self, needle: &str) {
        let end = Instant::now() + self.wait;
        while Instant::now() < end {
            self.pump();
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.fail(format!("the screen never showed {needle:?}"));
    }

    /// Types `bytes` in one write, never reading the screen meanwhile (a
    /// test of a terminal nobody reads relies on that): a full input
    /// queue fails the test.
    /// Types raw bytes (text that need not be UTF-8).
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        if let Some(w) = self.writer.as_mut() {
            w.write_all(bytes).expect("typing reaches the pty");
            let _ = w.flush();
        }
    }

    pub fn send(&mut self, bytes: &str) {
        if let Some(w) = self.writer.as_mut() {
            w.write_all(bytes.as_bytes())
                .expect("typing reaches the pty");
            w.flush().expect("flush");
        }
        // A lone Esc must not merge with the next key into Alt+key.
        if bytes == "\x1b" {
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    /// Writes all of `bytes`, however many, reading the screen whenever
    /// the terminal's input queue is full: a program that stops reading
    /// its input fails the test after `WAIT`, one that only draws slowly
    /// does not.
    pub fn feed(&mut self, bytes: impl AsRef<[u8]>) {
        let end = Instant::now() + WAIT;
        let mut rest = bytes.as_ref();
        while !rest.is_empty() {
            let Some(w) = self.writer.as_mut() else {
                return;
            };
            match w.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {
                    self.pump();
                    if Instant::now() > end {
                        let left = rest.len();
                        self.fail(format!("{left} bytes could not be written: input stalled"));
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(e) => self.fail(format!("writing failed: {e}")),
            }
        }
        if let Some(w) = self.writer.as_mut() {
            let _ = w.flush();
        }
    }

    /// Waits until the program has drawn nothing for `still` (at most
    /// `WAIT`).
    pub fn wait_quiet(&mut self, still: Duration) {
        let end = Instant::now() + WAIT;
        let mut last = self.screen();
        let mut since = Instant::now();
        while Instant::now() < end && since.elapsed() < still {
            std::thread::sleep(Duration::from_millis(10));
            self.pump();
            let now = self.screen();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// From the families screen of a file made by [`seed_drafts`]: opens
    /// the family and the `nth` record in its list (0 = the first), at the
    /// visit form's first field.
    pub fn open_seeded_draft(&mut self, nth: usize) {
        self.wait_for("Example family");
        self.send(ENTER);
        self.wait_for("Records (");
        if nth > 0 {
            for _ in 0..nth {
                self.send("\x1b[B"); // Down
            }
            // The moves drawn before Enter opens what they chose.
            std::thread::sleep(Duration::from_millis(100));
        }
        self.send(ENTER);
        self.wait_for("Name and role of practitioner");
    }

    pub fn typed(&mut self, text: &str) {
        self.send(text);
        self.wait_for(text);
    }

    pub fn pid(&self) -> i32 {
        self.child
            .process_id()
            .and_then(|p| i32::try_from(p).ok())
            .expect("a pid")
    }

    /// Waits for the program to end; the exit status (with the screen as
    /// it left it), or a failure (after killing it) if it is still
    /// running at the deadline.
    pub fn wait_exit(&mut self, limit: Duration) -> portable_pty::ExitStatus {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            self.pump();
            if let Ok(Some(status)) = self.child.try_wait() {
                self.pump();
                return status;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.fail(format!("the program was still running after {limit:?}"));
    }

    /// The exit code, once the program ends within `wait`.
    pub fn exit_code(&mut self) -> u32 {
        self.wait_exit(self.wait).exit_code()
    }

    /// Closes our side of the terminal, as a vanished SSH session does.
    pub fn hang_up(&mut self) {
        // portable-pty's writer, when dropped, types a newline and the
        // end-of-file character so that a shell sees the end of input; a
        // line that simply drops types nothing. Clearing VEOF first stops
        // it (the program has the terminal in raw mode, which ignores it).
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: tcgetattr/tcsetattr on a descriptor this test owns,
            // with a termios it initialised.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        self.reader = None;
        self.writer = None;
        self.master = None;
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn answers_of_drafts(db: &Path) -> Vec<String> {
    let c = Connection::open(db).expect("the case file opens");
    let mut stmt = c
        .prepare("SELECT answers FROM record WHERE status = 'draft' ORDER BY id")
        .expect("query");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("answers")
}

pub fn text_answer(json: &str, field: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v.as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["value"]["text"].as_str().map(str::to_owned))
}

/// Enter.
pub const ENTER: &str = "\r";
/// Tab.
pub const TAB: &str = "\t";
/// Ctrl-Q.
pub const CTRL_Q: &str = "\x11";
/// Ctrl-S.
pub const CTRL_S: &str = "\x13";

impl Term {
    /// Sends signal `sig` to the program.
    pub fn signal(&self, sig: libc::c_int) {
        // SAFETY: sending a signal to the child this test started.
        unsafe {
            libc::kill(self.pid(), sig);
        }
    }

    /// Changes the terminal's size, as a window being resized does.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(m) = self.master.as_ref() {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pty resizes");
        }
        self.parser.set_size(
            std::num::NonZero::new(rows.max(1)).expect("at least one row"),
            std::num::NonZero::new(cols.max(1)).expect("at least one column"),
        );
    }
}

/// The login name the program will use (it reads the password database
/// before USER, so a test cannot choose it).
pub fn login() -> String {
    casenotes::identity::login_name()
        .expect("a login name")
        .to_string()
}

/// A family with one child and `drafts` empty visit drafts, written before
/// the program starts; returns the drafts' ids.
pub fn seed_drafts(db: &Path, drafts: usize) -> Vec<i64> {
    seed_drafts_as(db, &login(), drafts)
}

/// As `seed_drafts`, the drafts written by `user`.
pub fn seed_drafts_as(db: &Path, user: &str, drafts: usize) -> Vec<i64> {
    let mut store = casenotes::store::Store::open(db, user).expect("store");
    let today = chrono::Local::now().date_naive();
    let fam = store
        .create_family(&casenotes::store::FamilyDetails::new(
            "FX-0002",
            "Example family",
            today,
        ))
        .expect("family");
    let child = store
        .add_child(fam, &casenotes::store::ChildDetails::new("Child A", None))
        .expect("child");
    let forms = casenotes::form::FormSet::built_in().expect("forms");
    let form = forms.get("visit").expect("the visit form");
    (0..drafts)
        .map(|_| {
            store
                .create_record(
                    fam,
                    form,
                    &casenotes::store::RecordDraft {
                        event_date: today,
                        significant: false,
                        children: vec![child],
                        answers: Default::default(),
                    },
                )
                .expect("record")
                .0
        })
        .collect()
}

/// The text of `field` in record `id`, as stored.
pub fn stored_text(db: &Path, id: i64, field: &str) -> Option<String> {
    let c = Connection::open(db).expect("the case file opens");
    let answers: String = c
        .query_row("SELECT answers FROM record WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .expect("the record");
    text_answer(&answers, field)
}

/// SQLite's own integrity check of the file.
pub fn integrity(db: &Path) -> String {
    let c = Connection::open(db).expect("the case file opens");
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check runs")
}
