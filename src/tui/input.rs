//! Reading the terminal ourselves (see docs/input.md): the event loop reads
//! standard input in large chunks whenever it waits for a key, a parser of
//! our own turns them into crossterm `Event`s, and a window-size change
//! becomes `Event::Resize` at once, whatever half-read sequence is waiting.
//!
//! crossterm's reader leaves bytes unread in the descriptor after a burst of
//! more than 1024 bytes, can lose a resize for good when one arrives during
//! a burst, and waits for ever on an unfinished bracketed paste. Here the
//! descriptor is emptied every time it is readable, the only timeouts are
//! for an unfinished escape sequence, UTF-8 character or paste, and the end
//! of input is reported once everything before it has been taken.

use ratatui::crossterm::event::Event;
use std::collections::VecDeque;
use std::io::Read;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
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

/// How often the window size is looked at when SIGWINCH could not be
/// caught (no pipe or no handler could be set up).
const SIZE_CHECK: Duration = Duration::from_millis(250);

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// Starts reading the terminal on standard input: events come from
/// [`Input::recv_timeout`] and [`Input::try_recv`], read on the caller's
/// own thread.
pub fn open() -> Input {
    Input::new(Source {
        input: libc::STDIN_FILENO,
        resizes: Resizes::watch(),
        size: terminal_size,
    })
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

/// What the reader reads from.
struct Source {
    input: RawFd,
    resizes: Resizes,
    /// The window size now, as (columns, rows).
    size: fn() -> std::io::Result<(u16, u16)>,
}

/// Why no event came: as `mpsc`'s receivers say it, so the loop reads
/// events the same way whichever thread parsed them.
pub use std::sync::mpsc::{RecvTimeoutError, TryRecvError};

/// The terminal's events, read and parsed on the thread that asks for
/// them. The event loop reads here itself rather than from a thread of
/// its own: handing each key across threads cost a wake-up on every
/// keystroke (issue 12).
pub struct Input {
    source: Source,
    parser: Parser,
    buf: Vec<u8>,
    /// Parsed and not yet asked for, oldest first.
    queue: VecDeque<Event>,
    /// What the parser gives on one read, before it joins the queue (kept
    /// so a keystroke allocates nothing here).
    parsed: Vec<Event>,
    last_size: Option<(u16, u16)>,
    next_size_check: Instant,
    /// False once the input has ended (end of file, a read error).
    open: bool,
}

impl Input {
    fn new(source: Source) -> Input {
        let last_size = (source.size)().ok();
        Input {
            source,
            parser: Parser::default(),
            buf: vec![0u8; CHUNK],
            queue: VecDeque::new(),
            parsed: Vec::new(),
            last_size,
            next_size_check: Instant::now() + SIZE_CHECK,
            open: true,
        }
    }

    /// The next event, waiting at most `wait` for one. `Disconnected` once
    /// the input has ended and everything it held has been taken.
    pub fn recv_timeout(&mut self, wait: Duration) -> Result<Event, RecvTimeoutError> {
        let until = Instant::now() + wait;
        loop {
            if let Some(ev) = self.queue.pop_front() {
                return Ok(ev);
            }
            if !self.open {
                return Err(RecvTimeoutError::Disconnected);
            }
            let now = Instant::now();
            if now >= until {
                return Err(RecvTimeoutError::Timeout);
            }
            // A signal cuts the wait short: the loop looks at it at once.
            if !self.step(Some(until), now) {
                return self.queue.pop_front().ok_or(RecvTimeoutError::Timeout);
            }
        }
    }

    /// The next event if one is waiting or can be read without waiting.
    pub fn try_recv(&mut self) -> Result<Event, TryRecvError> {
        if self.queue.is_empty() && self.open {
            let now = Instant::now();
            self.step(Some(now), now);
        }
        match self.queue.pop_front() {
            Some(ev) => Ok(ev),
            None if self.open => Err(TryRecvError::Empty),
            None => Err(TryRecvError::Disconnected),
        }
    }

    /// One wait (until `until` at the latest, or an unfinished sequence's
    /// deadline, or the next size check) and whatever it brought, parsed
    /// into the queue. False when the wait was cut by a signal.
    fn step(&mut self, until: Option<Instant>, now: Instant) -> bool {
        let polled_sizes = self.source.resizes.pipe.is_none();
        let mut wake = until;
        for w in [
            self.parser.deadline(),
            polled_sizes.then_some(self.next_size_check),
        ]
        .into_iter()
        .flatten()
        {
            wake = Some(wake.map_or(w, |u| u.min(w)));
        }
        let mut fds = [
            libc::pollfd {
                fd: self.source.input,
                events: libc::POLLIN,
                revents: 0,
            },
            // A negative descriptor is skipped by poll.
            libc::pollfd {
                fd: self.source.resizes.fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        if let Err(e) = crate::sys::poll(&mut fds, millis_until(wake, now)) {
            if e.kind() == std::io::ErrorKind::Interrupted {
                return false;
            }
            self.end();
            return true;
        }
        // The size first: a resize is drawn at once, whatever the input
        // holds.
        if fds[1].revents != 0
            && self.source.resizes.drain()
            && let Ok((cols, rows)) = (self.source.size)()
        {
            self.last_size = Some((cols, rows));
            self.queue.push_back(Event::Resize(cols, rows));
        }
        if polled_sizes && Instant::now() >= self.next_size_check {
            self.next_size_check = Instant::now() + SIZE_CHECK;
            let size = (self.source.size)().ok();
            if let Some((cols, rows)) = size
                && size != self.last_size
            {
                self.queue.push_back(Event::Resize(cols, rows));
            }
            self.last_size = size;
        }
        let ready = fds[0].revents;
        if ready & libc::POLLNVAL != 0 {
            self.end();
        } else if ready & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
            match crate::sys::read(self.source.input, &mut self.buf) {
                Ok(0) => self.end(),
                Ok(n) => self
                    .parser
                    .feed(&self.buf[..n], Instant::now(), &mut self.parsed),
                Err(e) => {
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock
                    ) {
                        self.end();
                    }
                }
            }
        }
        if self.open {
            self.parser.expire(Instant::now(), &mut self.parsed);
        }
        self.queue.extend(self.parsed.drain(..));
        if self.parser.took_non_utf8() {
            NOT_UTF8.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        true
    }

    /// The end of input: what was waiting for more is all there will be.
    fn end(&mut self) {
        if !self.open {
            return;
        }
        self.open = false;
        self.parser.finish(&mut self.parsed);
        self.queue.extend(self.parsed.drain(..));
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
