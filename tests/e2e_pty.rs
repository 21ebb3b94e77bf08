//! The real binary in a pseudo-terminal, read through a vt100 parser, with
//! its own HOME, XDG folders and case file per test. Typed words must
//! survive a dropped SSH connection (SIGHUP) and a terminal that simply
//! vanishes (no signal at all), and the next start must offer the draft
//! back. Every wait is bounded and the child is killed on any failure.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rusqlite::Connection;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

/// A temporary home, data folders and case file.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        Place {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("cases.sqlite3")
    }

    fn command(&self, via_shell_ignoring_hup: bool) -> CommandBuilder {
        let exe = env!("CARGO_BIN_EXE_casenotes");
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
struct Term {
    master: Option<Box<dyn MasterPty + Send>>,
    reader: Option<Box<dyn Read + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    parser: vt100::Parser,
    /// Bytes the program has written to the terminal so far.
    received: usize,
}

impl Term {
    fn start(place: &Place, via_shell: bool) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let child = pair
            .slave
            .spawn_command(place.command(via_shell))
            .expect("the program starts");
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
                std::num::NonZero::new(24).expect("24 is not zero"),
                std::num::NonZero::new(80).expect("80 is not zero"),
                0,
            ),
            received: 0,
        }
    }

    fn pump(&mut self) {
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
                }
                Err(_) => return,
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn wait_for(&mut self, needle: &str) {
        let end = Instant::now() + WAIT;
        while Instant::now() < end {
            self.pump();
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let screen = self.screen();
        let _ = self.child.kill();
        panic!("the screen never showed {needle:?}; it shows:\n{screen}");
    }

    fn send(&mut self, bytes: &str) {
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

    fn typed(&mut self, text: &str) {
        self.send(text);
        self.wait_for(text);
    }

    fn pid(&self) -> i32 {
        self.child
            .process_id()
            .and_then(|p| i32::try_from(p).ok())
            .expect("a pid")
    }

    /// Waits for the program to end; the exit status, or a panic (after
    /// killing it) if it is still running at the deadline.
    fn wait_exit(&mut self, limit: Duration) -> portable_pty::ExitStatus {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            self.pump();
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("the program was still running after {limit:?}");
    }

    /// Closes our side of the terminal, as a vanished SSH session does.
    fn hang_up(&mut self) {
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

fn answers_of_drafts(db: &Path) -> Vec<String> {
    let c = Connection::open(db).expect("the case file opens");
    let mut stmt = c
        .prepare("SELECT answers FROM record WHERE status = 'draft' ORDER BY id")
        .expect("query");
    stmt.query_map([], |r| r.get::<_, String>(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("answers")
}

fn text_answer(json: &str, field: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v.as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["value"]["text"].as_str().map(str::to_owned))
}

const ENTER: &str = "\r";
const TAB: &str = "\t";

#[test]
fn sighup_while_typing_saves_every_character_and_the_draft_is_offered_back() {
    let place = Place::new();
    let mut t = Term::start(&place, false);
    t.wait_for("No families yet");
    t.send("n");
    t.wait_for("New family");
    t.typed("FX-0001");
    t.send(TAB);
    t.typed("Example family");
    t.send(ENTER);
    t.wait_for("No children recorded yet");
    t.send("c");
    t.wait_for("Add a child");
    t.typed("Child A");
    t.send(TAB);
    t.typed("2019-04-30");
    t.send(ENTER);
    t.wait_for("Children (1)");
    t.send("n");
    t.wait_for("New record");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.typed("Worker Example, Early Help");
    // Let one autosave happen, then go on typing in later fields.
    std::thread::sleep(Duration::from_millis(900));
    t.pump();
    t.send(TAB);
    t.typed("20/11/2026");
    t.send(TAB);
    t.typed("09:30");
    t.send(TAB);
    t.typed("45");
    t.send(TAB);
    // Measure what one typed character costs on the wire, in the middle of
    // a word (the status line has already changed to "not saved yet").
    t.typed("Fa");
    std::thread::sleep(Duration::from_millis(150));
    t.pump();
    let before = t.received;
    t.send("m");
    std::thread::sleep(Duration::from_millis(150));
    t.pump();
    let one_char = t.received - before;
    t.typed("ily home, kitchen table");
    // Mid-typing: no pause for the autosave.
    // SAFETY: sending a signal to the child this test started.
    unsafe {
        libc::kill(t.pid(), libc::SIGHUP);
    }
    let status = t.wait_exit(Duration::from_secs(5));
    // Ended by a hang-up: 128 + SIGHUP, by convention.
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let a = &drafts[0];
    assert_eq!(
        text_answer(a, "practitioner").as_deref(),
        Some("Worker Example, Early Help")
    );
    assert_eq!(text_answer(a, "visit_date").as_deref(), Some("2026-11-20"));
    assert_eq!(text_answer(a, "visit_time").as_deref(), Some("09:30"));
    assert_eq!(text_answer(a, "duration_minutes").as_deref(), Some("45"));
    assert_eq!(
        text_answer(a, "venue").as_deref(),
        Some("Family home, kitchen table")
    );
    eprintln!("bytes written to the terminal for one typed character: {one_char}");
    assert!(one_char < 400, "one character cost {one_char} bytes");

    // The next start offers the draft back, and Enter opens it.
    let mut t = Term::start(&place, false);
    t.wait_for("You have an unfinished draft: Example family, Home visit");
    t.send(ENTER);
    t.wait_for("Family home, kitchen table");
    t.send("\x11"); // Ctrl-Q
    let status = t.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_vanished_terminal_is_noticed_and_the_draft_saved_within_a_second() {
    let place = Place::new();
    // A family with a child and a draft already in the file.
    {
        let mut store = casenotes::store::Store::open(place.db(), "tester").expect("store");
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
            .expect("record");
    }
    let mut t = Term::start(&place, true);
    t.wait_for("Example family");
    t.send(ENTER);
    t.wait_for("Records (1, 1 draft)");
    t.send(ENTER);
    t.wait_for("Name and role of practitioner");
    t.typed("Typed as the line went");
    let gone = Instant::now();
    t.hang_up();
    let status = t.wait_exit(Duration::from_secs(3));
    let took = gone.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?} to notice");
    // Ended by a hang-up: 128 + SIGHUP, by convention.
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    let drafts = answers_of_drafts(&place.db());
    assert_eq!(
        text_answer(&drafts[0], "practitioner").as_deref(),
        Some("Typed as the line went")
    );
}
