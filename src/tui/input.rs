//! Reading the terminal ourselves (see docs/input.md): a thread reads
//! standard input in large chunks as soon as bytes arrive, a parser of our
//! own turns them into crossterm `Event`s, and a window-size change becomes
//! `Event::Resize` at once, whatever half-read sequence is waiting.
//!
//! crossterm's reader leaves bytes unread in the descriptor after a burst of
//! more than 1024 bytes, can lose a resize for good when one arrives during
//! a burst, and waits for ever on an unfinished bracketed paste. Here the
//! descriptor is emptied every time it is readable, the only timeouts are
//! for an unfinished escape sequence, UTF-8 character or paste, and the end
//! of input ends the thread.

use ratatui::crossterm::event::Event;
use std::io::Read;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod parse;
pub use parse::Parser;

/// How long an ESC, an unfinished escape sequence or an unfinished UTF-8
/// character waits for the bytes that complete it. A terminal sends a whole
/// sequence in one write, so its parts arrive within a millisecond or two
/// on any link that is not stalling; a person pressing Esc gets it this
/// long after the press.
pub const ESC_WAIT: Duration = Duration::from_millis(40);

/// How long a bracketed paste may go without a single byte before its end
/// marker is taken as lost: the text so far is delivered as a paste and
/// normal reading resumes. A real paste streams without pauses, so this
/// only cuts one in two on a link that stalls for longer; a stray start
/// marker then holds keys back no longer than this after the last one.
pub const PASTE_IDLE: Duration = Duration::from_millis(1000);

/// A paste that grows past this many bytes is handed over in pieces of
/// about this size (still as pastes), so no input can make memory grow
/// without bound while its end marker is awaited.
const PASTE_PIECE: usize = 8 << 20;

/// How many bytes one read takes: a whole paste of a page or two of text
/// in one system call.
const CHUNK: usize = 64 << 10;

/// The longest parameter run of a control sequence we wait for; anything
/// longer is not a key and is dropped.
const CSI_MAX: usize = 32;

/// Events waiting for the loop. Bounded, so a flood of input waits in the
/// terminal (whose sender then waits too) rather than in our memory.
const QUEUE: usize = 1 << 16;

/// How often the window size is looked at when SIGWINCH could not be
/// caught (no pipe or no handler could be set up).
const SIZE_CHECK: Duration = Duration::from_millis(250);

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// Starts the thread that reads the terminal and returns where its events
/// arrive. The sender is dropped when input ends (end of file or a read
/// error), which is how the loop learns the terminal is gone.
pub fn spawn_reader() -> mpsc::Receiver<Event> {
    let (tx, rx) = mpsc::sync_channel(QUEUE);
    let source = Source {
        input: libc::STDIN_FILENO,
        resizes: Resizes::watch(),
        size: terminal_size,
    };
    // If no thread can be started the sender is dropped with the closure,
    // and the loop ends as for a terminal that has gone.
    let _ = std::thread::Builder::new()
        .name("terminal input".into())
        .spawn(move || source.run(&tx));
    rx
}

fn terminal_size() -> std::io::Result<(u16, u16)> {
    ratatui::crossterm::terminal::size()
}

/// Where window-size changes are learnt.
struct Resizes {
    /// The read end of a pipe the SIGWINCH handler writes a byte to.
    pipe: Option<UnixStream>,
    /// The handler, taken away again when reading ends.
    handler: Option<signal_hook::SigId>,
}

impl Resizes {
    /// Catches SIGWINCH into a pipe; without one, sizes are polled.
    fn watch() -> Resizes {
        let caught = UnixStream::pair().ok().and_then(|(read, write)| {
            read.set_nonblocking(true).ok()?;
            let id = signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write)
                .ok()?;
            Some((read, id))
        });
        match caught {
            Some((read, id)) => Resizes {
                pipe: Some(read),
                handler: Some(id),
            },
            None => Resizes {
                pipe: None,
                handler: None,
            },
        }
    }

    fn fd(&self) -> RawFd {
        self.pipe.as_ref().map_or(-1, AsRawFd::as_raw_fd)
    }

    /// Empties the pipe: however many signals came, one size is sent. A
    /// pipe whose other end has closed would be readable for ever, so it is
    /// given up and sizes are polled instead.
    /// Returns whether a signal came.
    fn drain(&mut self) -> bool {
        let Some(r) = self.pipe.as_mut() else {
            return false;
        };
        let mut sink = [0u8; 64];
        let mut signalled = false;
        loop {
            match r.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => signalled = true,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return signalled,
                Err(_) => break,
            }
        }
        self.pipe = None;
        signalled
    }
}

impl Drop for Resizes {
    fn drop(&mut self) {
        if let Some(id) = self.handler.take() {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// What the reading thread reads from.
struct Source {
    input: RawFd,
    resizes: Resizes,
    /// The window size now, as (columns, rows).
    size: fn() -> std::io::Result<(u16, u16)>,
}

impl Source {
    /// Reads until the input ends or nobody is listening.
    fn run(mut self, tx: &mpsc::SyncSender<Event>) {
        let mut parser = Parser::default();
        let mut buf = vec![0u8; CHUNK];
        let mut out = Vec::new();
        let mut last_size = (self.size)().ok();
        let mut next_size_check = Instant::now() + SIZE_CHECK;
        let mut open = true;
        while open {
            let now = Instant::now();
            let polled_sizes = self.resizes.pipe.is_none();
            let mut wake = parser.deadline();
            if polled_sizes {
                wake = Some(wake.map_or(next_size_check, |w| w.min(next_size_check)));
            }
            let mut fds = [
                libc::pollfd {
                    fd: self.input,
                    events: libc::POLLIN,
                    revents: 0,
                },
                // A negative descriptor is skipped by poll.
                libc::pollfd {
                    fd: self.resizes.fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            if let Err(e) = crate::sys::poll(&mut fds, millis_until(wake, now)) {
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                break;
            }
            // The size first: a resize is drawn at once, whatever the
            // input holds.
            if fds[1].revents != 0
                && self.resizes.drain()
                && let Ok((cols, rows)) = (self.size)()
            {
                last_size = Some((cols, rows));
                out.push(Event::Resize(cols, rows));
            }
            if polled_sizes && Instant::now() >= next_size_check {
                next_size_check = Instant::now() + SIZE_CHECK;
                let size = (self.size)().ok();
                if let Some((cols, rows)) = size
                    && size != last_size
                {
                    out.push(Event::Resize(cols, rows));
                }
                last_size = size;
            }
            let ready = fds[0].revents;
            if ready & libc::POLLNVAL != 0 {
                open = false;
            } else if ready & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
                match crate::sys::read(self.input, &mut buf) {
                    Ok(0) => open = false,
                    Ok(n) => {
                        parser.feed(&buf[..n], Instant::now(), &mut out);
                    }
                    Err(e) => {
                        let kind = e.kind();
                        if !matches!(
                            kind,
                            std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
                        ) {
                            open = false;
                        }
                    }
                }
            }
            if open {
                parser.expire(Instant::now(), &mut out);
            } else {
                // The end of input: what was waiting for more is all
                // there will be.
                parser.finish(&mut out);
            }
            if parser.took_non_utf8() {
                NOT_UTF8.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            for ev in out.drain(..) {
                if tx.send(ev).is_err() {
                    return;
                }
            }
        }
    }
}

/// Set by the reader when the terminal sent bytes that are not UTF-8.
static NOT_UTF8: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the terminal has sent bytes that are not UTF-8 since the last
/// call (they were read as Latin-1): the interface says so once.
pub fn took_non_utf8() -> bool {
    NOT_UTF8.swap(false, std::sync::atomic::Ordering::Relaxed)
}

/// A poll timeout in milliseconds until `wake` (rounded up, so the wait is
/// never cut short into a busy loop); -1, for ever, without one.
fn millis_until(wake: Option<Instant>, now: Instant) -> libc::c_int {
    let Some(wake) = wake else {
        return -1;
    };
    let nanos = wake.saturating_duration_since(now).as_nanos();
    libc::c_int::try_from(nanos.div_ceil(1_000_000)).unwrap_or(libc::c_int::MAX)
}

#[cfg(test)]
mod reader_tests;
#[cfg(test)]
mod tests;
