//! The keystroke bench's pseudo-terminal: a program started in one of a
//! given size, its output read on a thread of its own and stamped as it
//! arrives, keys written one at a time and each timed from just before it
//! is written to the last byte of the answer, with the bytes counted (on
//! the terminal, and on the SSH link when there is one).

use crate::ssh::{Link, Wire};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The answer to a key is over when nothing more comes for this long.
pub const QUIET: Duration = Duration::from_millis(25);
/// The longest wait for a screen to show what a step expects.
const WAIT: Duration = Duration::from_secs(10);

/// One key's answer.
pub struct Sample {
    /// From just before the key was written to the last byte of the
    /// answer; `None` when nothing came back (a key that changed nothing
    /// on the screen, such as a space hanging at the end of a full row).
    pub time: Option<Duration>,
    /// Bytes the terminal received.
    pub bytes: usize,
    /// Bytes on the SSH link, when there is one.
    pub wire: Option<Wire>,
}

/// The keys of one run and what the program spent on them.
pub struct Typed {
    /// One per key.
    pub samples: Vec<Sample>,
    /// CPU used while they were typed; `None` over ssh.
    pub cpu: Option<Cpu>,
}

/// CPU time of a process, in the kernel's 10 ms ticks.
#[derive(Clone, Copy, Debug)]
pub struct Cpu {
    /// All its threads (saving included).
    pub all: Duration,
    /// The thread that reads keys and draws.
    pub main: Duration,
}

/// User and system time so far from /proc (Linux counts in ticks of 1/100 s
/// there whatever the kernel's own tick).
fn cpu_of(pid: u32) -> Option<Cpu> {
    let ticks = |path: String| -> Option<Duration> {
        let stat = std::fs::read_to_string(path).ok()?;
        // Fields after the command name in parentheses, from field 3.
        let rest = &stat[stat.rfind(')')? + 1..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let utime: u64 = f.get(11)?.parse().ok()?;
        let stime: u64 = f.get(12)?.parse().ok()?;
        Some(Duration::from_millis((utime + stime) * 10))
    };
    Some(Cpu {
        all: ticks(format!("/proc/{pid}/stat"))?,
        main: ticks(format!("/proc/{pid}/task/{pid}/stat"))?,
    })
}

/// A program running in a pseudo-terminal, with a model of its screen.
pub struct Pty {
    writer: Box<dyn Write + Send>,
    rx: mpsc::Receiver<(Instant, Vec<u8>)>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: vt100::Parser,
}

impl Pty {
    /// Starts `cmd` in a `cols`×`rows` terminal.
    pub fn start(cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
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
                std::num::NonZero::new(rows).expect("rows"),
                std::num::NonZero::new(cols).expect("columns"),
                0,
            ),
        }
    }

    /// Writes bytes as typed.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer
            .write_all(bytes)
            .expect("typing reaches the pty");
        self.writer.flush().expect("flush");
    }

    /// Reads until the screen shows `needle`; panics with the screen after
    /// ten seconds.
    pub fn wait_for(&mut self, needle: &str) {
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
    pub fn settle(&mut self) {
        while let Ok((_, b)) = self.rx.recv_timeout(QUIET) {
            self.parser.process(&b);
        }
    }

    /// One key: the time from just before writing it to the last byte of
    /// the answer, the bytes in that answer, and what crossed the link.
    pub fn key(&mut self, byte: u8, link: Option<&Link>) -> Sample {
        let wire_before = link.map(Link::wire);
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
        Sample {
            time: last.map(|l| l - start),
            bytes,
            wire: link.zip(wire_before).map(|(l, w)| l.wire().since(w)),
        }
    }

    /// Each byte of `text` as a key of its own, with the CPU the program
    /// used meanwhile when it runs here (over ssh the child is the client).
    pub fn keys(&mut self, text: &[u8], link: Option<&Link>) -> Typed {
        let pid = self.child.process_id().filter(|_| link.is_none());
        let before = pid.and_then(cpu_of);
        let samples = text.iter().map(|&b| self.key(b, link)).collect();
        let after = pid.and_then(cpu_of);
        Typed {
            samples,
            cpu: before.zip(after).map(|(b, a)| Cpu {
                all: a.all.saturating_sub(b.all),
                main: a.main.saturating_sub(b.main),
            }),
        }
    }

    /// Sends `quit` and waits up to 5 s for the program to end, then kills it.
    pub fn stop(mut self, quit: &[u8]) {
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
