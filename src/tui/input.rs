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

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::io::Read;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::mpsc;
use std::time::{Duration, Instant};

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
                    Ok(n) => parser.feed(&buf[..n], Instant::now(), &mut out),
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
            for ev in out.drain(..) {
                if tx.send(ev).is_err() {
                    return;
                }
            }
        }
    }
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

/// Turns the bytes a terminal sends into events: keys, and bracketed
/// pastes. Time is passed in, so it is tested without waiting.
#[derive(Debug, Default)]
pub struct Parser {
    /// The start of a sequence that needs more bytes: an escape sequence, a
    /// UTF-8 character, or (in a paste) what may be the start of its end
    /// marker.
    pending: Vec<u8>,
    /// The bytes of a bracketed paste that has begun and not ended.
    paste: Option<Vec<u8>>,
    /// When the last bytes came; waiting times out from here.
    last_bytes: Option<Instant>,
}

/// What the bytes at the front of the input make.
#[derive(Debug, PartialEq)]
enum Step {
    /// A key, and how many bytes it took.
    Key(KeyEvent, usize),
    /// This many bytes mean nothing we use, and are dropped.
    Skip(usize),
    /// A bracketed paste begins; the start marker's length.
    PasteStart(usize),
    /// The bytes so far begin something that needs more.
    Incomplete,
}

impl Parser {
    /// Takes bytes that arrived at `now`; the events they complete are
    /// added to `out`.
    pub fn feed(&mut self, bytes: &[u8], now: Instant, out: &mut Vec<Event>) {
        if bytes.is_empty() {
            return;
        }
        self.last_bytes = Some(now);
        if self.pending.is_empty() {
            self.run(bytes, out);
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(bytes);
            self.run(&joined, out);
        }
    }

    /// When what is waiting for more bytes stops waiting, if anything is.
    pub fn deadline(&self) -> Option<Instant> {
        let last = self.last_bytes?;
        if self.paste.is_some() {
            Some(last + PASTE_IDLE)
        } else if !self.pending.is_empty() {
            Some(last + ESC_WAIT)
        } else {
            None
        }
    }

    /// Gives up waiting if the deadline has passed: a lone ESC becomes Esc,
    /// an unfinished paste is delivered, anything else unfinished is
    /// dropped.
    pub fn expire(&mut self, now: Instant, out: &mut Vec<Event>) {
        if self.deadline().is_some_and(|d| now >= d) {
            self.finish(out);
        }
    }

    /// Stops waiting for anything, as at the end of input.
    pub fn finish(&mut self, out: &mut Vec<Event>) {
        let pending = std::mem::take(&mut self.pending);
        if let Some(paste) = self.paste.take() {
            // `pending` can only be part of an end marker here, not text.
            if !paste.is_empty() {
                out.push(Event::Paste(text_of(paste)));
            }
            return;
        }
        // What a terminal sends for these keys is all that arrived.
        let key = match pending.as_slice() {
            [ESC] => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            [ESC, b'['] => KeyEvent::new(KeyCode::Char('['), KeyModifiers::ALT),
            [ESC, b'O'] => {
                KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT | KeyModifiers::ALT)
            }
            // An unfinished sequence or character: no key can be told
            // from it.
            _ => return,
        };
        out.push(Event::Key(key));
    }

    fn run(&mut self, buf: &[u8], out: &mut Vec<Event>) {
        let mut at = 0;
        while let Some(rest) = buf.get(at..).filter(|r| !r.is_empty()) {
            if let Some(paste) = self.paste.as_mut() {
                if let Some(end) = find(rest, PASTE_END) {
                    paste.extend_from_slice(&rest[..end]);
                    let text = std::mem::take(paste);
                    self.paste = None;
                    out.push(Event::Paste(text_of(text)));
                    at += end + PASTE_END.len();
                    continue;
                }
                let keep = marker_start_at_end(rest);
                let (body, tail) = rest.split_at(rest.len() - keep);
                paste.extend_from_slice(body);
                self.pending = tail.to_vec();
                if paste.len() >= PASTE_PIECE {
                    let cut = utf8_boundary(paste);
                    let rest_of_char = paste.split_off(cut);
                    let piece = std::mem::replace(paste, rest_of_char);
                    out.push(Event::Paste(text_of(piece)));
                }
                return;
            }
            match parse_key(rest) {
                Step::Key(key, n) => {
                    out.push(Event::Key(key));
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::PasteStart(n) => {
                    self.paste = Some(Vec::new());
                    at += n;
                }
                Step::Incomplete => {
                    self.pending = rest.to_vec();
                    return;
                }
            }
        }
    }
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `bytes` could be the start of the paste's
/// end marker, to be kept until the next bytes tell.
fn marker_start_at_end(bytes: &[u8]) -> usize {
    (1..PASTE_END.len())
        .rev()
        .find(|&k| bytes.ends_with(&PASTE_END[..k]))
        .unwrap_or(0)
}

/// The largest length, at most `bytes.len()`, that does not cut a UTF-8
/// character in two.
fn utf8_boundary(bytes: &[u8]) -> usize {
    let len = bytes.len();
    // A character is at most four bytes: look back at most three.
    (len.saturating_sub(3)..len)
        .rev()
        .find(|&i| bytes[i] & 0xc0 != 0x80)
        .filter(|&i| {
            let need = match bytes[i] {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xff => 4,
                _ => 1,
            };
            i + need > len
        })
        .unwrap_or(len)
}

/// Pasted bytes as text; bytes that are not UTF-8 become U+FFFD.
fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A typed character; capitals carry Shift, as crossterm reports them.
fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn ctrl(c: u8) -> Step {
    Step::Key(
        KeyEvent::new(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL),
        1,
    )
}

/// The event at the front of `buf`.
fn parse_key(buf: &[u8]) -> Step {
    let Some(&first) = buf.first() else {
        return Step::Incomplete;
    };
    match first {
        ESC => parse_escape(buf),
        // Line feed too: with the terminal raw it comes only from a paste
        // without brackets or Ctrl-J, and both mean a new line.
        b'\r' | b'\n' => Step::Key(plain(KeyCode::Enter), 1),
        b'\t' => Step::Key(plain(KeyCode::Tab), 1),
        // Some terminals send ^H for Backspace.
        0x7f | 0x08 => Step::Key(plain(KeyCode::Backspace), 1),
        0 => ctrl(b' '),
        c @ 0x01..=0x1a => ctrl(c - 1 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        c @ 0x20..=0x7e => Step::Key(char_key(char::from(c)), 1),
        _ => parse_utf8(buf),
    }
}

/// A character of more than one byte.
fn parse_utf8(buf: &[u8]) -> Step {
    let need = match buf.first() {
        Some(0xc2..=0xdf) => 2,
        Some(0xe0..=0xef) => 3,
        Some(0xf0..=0xf4) => 4,
        _ => return Step::Skip(1),
    };
    let have = buf.len().min(need);
    if buf[1..have].iter().any(|b| b & 0xc0 != 0x80) {
        return Step::Skip(1);
    }
    if have < need {
        return Step::Incomplete;
    }
    match std::str::from_utf8(&buf[..need])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Step::Key(char_key(c), need),
        None => Step::Skip(1),
    }
}

/// What follows an ESC: a control sequence, an SS3 key, or Alt with a key.
fn parse_escape(buf: &[u8]) -> Step {
    let Some(&second) = buf.get(1) else {
        return Step::Incomplete;
    };
    match second {
        b'[' => parse_csi(buf),
        b'O' => parse_ss3(buf),
        // Esc pressed twice: the second starts afresh.
        ESC => Step::Key(plain(KeyCode::Esc), 1),
        _ => match parse_key(&buf[1..]) {
            Step::Key(mut key, n) => {
                key.modifiers |= KeyModifiers::ALT;
                Step::Key(key, n + 1)
            }
            Step::Incomplete => Step::Incomplete,
            // Esc, then bytes that are dropped on their own.
            Step::Skip(_) | Step::PasteStart(_) => Step::Key(plain(KeyCode::Esc), 1),
        },
    }
}

/// `ESC [ parameters final`.
fn parse_csi(buf: &[u8]) -> Step {
    let body = buf.get(2..).unwrap_or_default();
    if body.first() == Some(&b'[') {
        // The Linux console's F1–F5: ESC [ [ A … ESC [ [ E.
        return match body.get(1) {
            None => Step::Incomplete,
            Some(&c @ b'A'..=b'E') => Step::Key(plain(KeyCode::F(c - b'A' + 1)), 4),
            Some(_) => Step::Skip(3),
        };
    }
    for (i, &b) in body.iter().enumerate() {
        if i >= CSI_MAX {
            return Step::Skip(2 + i);
        }
        match b {
            0x20..=0x3f => {}
            0x40..=0x7e => return csi_key(&body[..i], b, 2 + i + 1),
            // A control byte or non-ASCII cannot be in a sequence: what came
            // before is dropped and reading starts again at this byte, so a
            // key typed after a broken sequence (Ctrl-Q) still counts.
            _ => return Step::Skip(2 + i),
        }
    }
    Step::Incomplete
}

/// The key a complete control sequence stands for.
fn csi_key(params: &[u8], last: u8, len: usize) -> Step {
    // Private markers and intermediates: mouse reports and answers to
    // queries, never keys we use.
    if !params
        .iter()
        .all(|b| matches!(b, b'0'..=b'9' | b';' | b':'))
    {
        return Step::Skip(len);
    }
    let mut numbers = params.split(|&b| b == b';').map(number);
    let first = numbers.next().flatten();
    let mods = numbers
        .next()
        .flatten()
        .map_or(KeyModifiers::NONE, modifiers);
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'E' => KeyCode::KeypadBegin,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        // Anything but `ESC [ 1 ; m R` is a cursor position report.
        b'R' if first.is_none_or(|n| n == 1) => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'Z' => {
            return Step::Key(
                KeyEvent::new(KeyCode::BackTab, mods | KeyModifiers::SHIFT),
                len,
            );
        }
        b'~' => match first {
            Some(1 | 7) => KeyCode::Home,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(n @ 11..=15) => KeyCode::F(fkey(n - 10)),
            Some(n @ 17..=21) => KeyCode::F(fkey(n - 11)),
            Some(n @ 23..=24) => KeyCode::F(fkey(n - 12)),
            Some(200) => return Step::PasteStart(len),
            // 201 is an end marker without a start: nothing to end.
            _ => return Step::Skip(len),
        },
        _ => return Step::Skip(len),
    };
    Step::Key(KeyEvent::new(code, mods), len)
}

fn fkey(n: u32) -> u8 {
    // Callers pass 1..=12.
    u8::try_from(n).unwrap_or(0)
}

/// `ESC O final`, with an optional modifier number before the final byte
/// as some terminals send it.
fn parse_ss3(buf: &[u8]) -> Step {
    let rest = buf.get(2..).unwrap_or_default();
    let digits = rest
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let Some(&last) = rest.get(digits) else {
        return Step::Incomplete;
    };
    let mods = number(&rest[..digits]).map_or(KeyModifiers::NONE, modifiers);
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'E' => KeyCode::KeypadBegin,
        b'M' => KeyCode::Enter,
        c @ b'P'..=b'S' => KeyCode::F(c - b'P' + 1),
        // Not an SS3 key: Alt-Shift-O, and what follows is read afresh.
        _ => {
            return Step::Key(
                KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT | KeyModifiers::ALT),
                2,
            );
        }
    };
    Step::Key(KeyEvent::new(code, mods), 2 + digits + 1)
}

/// A decimal parameter (before any `:` sub-parameter); `None` if empty.
fn number(param: &[u8]) -> Option<u32> {
    let digits = param.split(|&b| b == b':').next().unwrap_or_default();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0u32, |n, &d| {
        n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    }))
}

/// An xterm modifier parameter: one more than a bit mask.
fn modifiers(param: u32) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .fold(KeyModifiers::NONE, |m, (_, flag)| m | flag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    fn ch(c: char) -> Event {
        Event::Key(char_key(c))
    }

    fn ctrl_ch(c: char) -> Event {
        key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;

    /// Every complete sequence the parser knows, with what it makes.
    fn cases() -> Vec<(&'static [u8], Vec<Event>)> {
        use KeyCode::*;
        vec![
            (b"a", vec![ch('a')]),
            (b"A", vec![key(Char('A'), SHIFT)]),
            (b" ~", vec![ch(' '), ch('~')]),
            ("é".as_bytes(), vec![ch('é')]),
            ("€".as_bytes(), vec![ch('€')]),
            ("👩".as_bytes(), vec![ch('👩')]),
            ("Zoë".as_bytes(), vec![ch('Z'), ch('o'), ch('ë')]),
            (b"\r", vec![k(Enter)]),
            (b"\n", vec![k(Enter)]),
            (b"\t", vec![k(Tab)]),
            (b"\x7f", vec![k(Backspace)]),
            (b"\x08", vec![k(Backspace)]),
            (b"\x11", vec![ctrl_ch('q')]),
            (b"\x01", vec![ctrl_ch('a')]),
            (b"\x1a", vec![ctrl_ch('z')]),
            (b"\x00", vec![ctrl_ch(' ')]),
            (b"\x1c", vec![ctrl_ch('4')]),
            (b"\x1f", vec![ctrl_ch('7')]),
            (b"\x1ba", vec![key(Char('a'), ALT)]),
            (b"\x1bA", vec![key(Char('A'), SHIFT | ALT)]),
            (b"\x1b\x11", vec![key(Char('q'), CTRL | ALT)]),
            (b"\x1b\r", vec![key(Enter, ALT)]),
            (b"\x1b\x7f", vec![key(Backspace, ALT)]),
            ("\x1bé".as_bytes(), vec![key(Char('é'), ALT)]),
            (b"\x1b\x1b[A", vec![k(Esc), k(Up)]),
            (b"\x1b[A", vec![k(Up)]),
            (b"\x1b[B", vec![k(Down)]),
            (b"\x1b[C", vec![k(Right)]),
            (b"\x1b[D", vec![k(Left)]),
            (b"\x1b[H", vec![k(Home)]),
            (b"\x1b[F", vec![k(End)]),
            (b"\x1b[E", vec![k(KeypadBegin)]),
            (b"\x1bOA", vec![k(Up)]),
            (b"\x1bOB", vec![k(Down)]),
            (b"\x1bOC", vec![k(Right)]),
            (b"\x1bOD", vec![k(Left)]),
            (b"\x1bOH", vec![k(Home)]),
            (b"\x1bOF", vec![k(End)]),
            (b"\x1bOM", vec![k(Enter)]),
            (b"\x1bOP", vec![k(F(1))]),
            (b"\x1bOQ", vec![k(F(2))]),
            (b"\x1bOR", vec![k(F(3))]),
            (b"\x1bOS", vec![k(F(4))]),
            (b"\x1bO5C", vec![key(Right, CTRL)]),
            (b"\x1bOx", vec![key(Char('O'), SHIFT | ALT), ch('x')]),
            (b"\x1b[1;5C", vec![key(Right, CTRL)]),
            (b"\x1b[1;2A", vec![key(Up, SHIFT)]),
            (b"\x1b[1;3D", vec![key(Left, ALT)]),
            (b"\x1b[1;6H", vec![key(Home, CTRL | SHIFT)]),
            (b"\x1b[1;8F", vec![key(End, CTRL | ALT | SHIFT)]),
            (b"\x1b[1;9B", vec![key(Down, KeyModifiers::SUPER)]),
            (b"\x1b[1~", vec![k(Home)]),
            (b"\x1b[7~", vec![k(Home)]),
            (b"\x1b[2~", vec![k(Insert)]),
            (b"\x1b[3~", vec![k(Delete)]),
            (b"\x1b[3;5~", vec![key(Delete, CTRL)]),
            (b"\x1b[4~", vec![k(End)]),
            (b"\x1b[8~", vec![k(End)]),
            (b"\x1b[5~", vec![k(PageUp)]),
            (b"\x1b[6~", vec![k(PageDown)]),
            (b"\x1b[6;2~", vec![key(PageDown, SHIFT)]),
            (b"\x1b[P", vec![k(F(1))]),
            (b"\x1b[Q", vec![k(F(2))]),
            (b"\x1b[R", vec![k(F(3))]),
            (b"\x1b[S", vec![k(F(4))]),
            (b"\x1b[1;5P", vec![key(F(1), CTRL)]),
            (b"\x1b[1;2R", vec![key(F(3), SHIFT)]),
            (b"\x1b[11~", vec![k(F(1))]),
            (b"\x1b[12~", vec![k(F(2))]),
            (b"\x1b[13~", vec![k(F(3))]),
            (b"\x1b[14~", vec![k(F(4))]),
            (b"\x1b[15~", vec![k(F(5))]),
            (b"\x1b[17~", vec![k(F(6))]),
            (b"\x1b[18~", vec![k(F(7))]),
            (b"\x1b[19~", vec![k(F(8))]),
            (b"\x1b[20~", vec![k(F(9))]),
            (b"\x1b[21~", vec![k(F(10))]),
            (b"\x1b[23~", vec![k(F(11))]),
            (b"\x1b[24~", vec![k(F(12))]),
            (b"\x1b[24;5~", vec![key(F(12), CTRL)]),
            (b"\x1b[[A", vec![k(F(1))]),
            (b"\x1b[[E", vec![k(F(5))]),
            (b"\x1b[Z", vec![key(BackTab, SHIFT)]),
            (b"\x1b[1;5Z", vec![key(BackTab, SHIFT | CTRL)]),
            // Bracketed pastes: everything between the markers is text.
            (
                b"\x1b[200~one\r\ntwo \x1b[A\x11\x1b[201~",
                vec![Event::Paste("one\r\ntwo \x1b[A\x11".into())],
            ),
            (
                "\x1b[200~Zoë €\x1b[201~".as_bytes(),
                vec![Event::Paste("Zoë €".into())],
            ),
            (b"\x1b[200~\x1b[201~", vec![Event::Paste(String::new())]),
            (
                b"x\x1b[200~\x1b[20\x1b[201~y",
                vec![ch('x'), Event::Paste("\x1b[20".into()), ch('y')],
            ),
            (
                b"\x1b[200~a\x1b[201~\x1b[200~b\x1b[201~",
                vec![Event::Paste("a".into()), Event::Paste("b".into())],
            ),
            // Things that are not keys are dropped, and what follows is read.
            (b"\x1b[201~q", vec![ch('q')]),
            (b"\x1b[<0;10;5Mq", vec![ch('q')]),
            (b"\x1b[Iq", vec![ch('q')]),
            (b"\x1b[12;40Rq", vec![ch('q')]),
            (b"\x1b[99~q", vec![ch('q')]),
            (b"\x1b[?1;2cq", vec![ch('q')]),
            (b"\x1b[ xq", vec![ch('q')]),
            (b"\x1b[[zq", vec![ch('z'), ch('q')]),
            (b"\xffq", vec![ch('q')]),
            (b"\x80q", vec![ch('q')]),
            (b"\xe2\x28q", vec![ch('('), ch('q')]),
            (b"\xed\xa0\x80q", vec![ch('q')]),
            (b"\xc0\xafq", vec![ch('q')]),
            // A key typed into a broken sequence still counts.
            (b"\x1b[1;\x11", vec![ctrl_ch('q')]),
            (b"\x1b[\x1b[B", vec![k(Down)]),
            (b"\x1b[1;\xc3\xa9", vec![ch('é')]),
        ]
    }

    fn feed_all(parts: &[&[u8]]) -> (Vec<Event>, Parser) {
        let t = Instant::now();
        let mut p = Parser::default();
        let mut out = Vec::new();
        for part in parts {
            p.feed(part, t, &mut out);
        }
        (out, p)
    }

    #[test]
    fn every_sequence_makes_its_event() {
        for (bytes, want) in cases() {
            let (got, p) = feed_all(&[bytes]);
            assert_eq!(got, want, "{bytes:?}");
            assert_eq!(p.deadline(), None, "{bytes:?} left something waiting");
        }
    }

    #[test]
    fn every_sequence_split_at_every_byte_boundary_makes_the_same_events() {
        for (bytes, want) in cases() {
            for cut in 0..=bytes.len() {
                let (a, b) = bytes.split_at(cut);
                let (got, p) = feed_all(&[a, b]);
                assert_eq!(got, want, "{bytes:?} cut at {cut}");
                assert_eq!(p.deadline(), None);
            }
            let one_by_one: Vec<&[u8]> = bytes.chunks(1).collect();
            assert_eq!(feed_all(&one_by_one).0, want, "{bytes:?} byte by byte");
        }
    }

    #[test]
    fn all_sequences_in_one_stream_make_all_events() {
        let mut stream = Vec::new();
        let mut want = Vec::new();
        for (bytes, events) in cases() {
            stream.extend_from_slice(bytes);
            want.extend(events);
        }
        assert_eq!(feed_all(&[&stream]).0, want);
    }

    /// Feeds `bytes` at `t`, then asks for expiry at `t + after`.
    fn after(bytes: &[u8], after: Duration) -> (Vec<Event>, Parser, Instant) {
        let t = Instant::now();
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(bytes, t, &mut out);
        p.expire(t + after, &mut out);
        (out, p, t)
    }

    #[test]
    fn a_lone_esc_is_esc_once_nothing_follows_in_time() {
        let (out, p, t) = after(b"\x1b", ESC_WAIT - Duration::from_millis(1));
        assert!(out.is_empty());
        assert_eq!(p.deadline(), Some(t + ESC_WAIT));
        let (out, p, _) = after(b"\x1b", ESC_WAIT);
        assert_eq!(out, vec![k(KeyCode::Esc)]);
        assert_eq!(p.deadline(), None);
        // Typed after the wait, a letter is a letter, not Alt with it.
        let (mut out, mut p, t) = after(b"\x1b", ESC_WAIT);
        p.feed(b"q", t + ESC_WAIT, &mut out);
        assert_eq!(out, vec![k(KeyCode::Esc), ch('q')]);
    }

    #[test]
    fn esc_bracket_and_esc_o_alone_are_the_alt_keys_that_send_them() {
        assert_eq!(
            after(b"\x1b[", ESC_WAIT).0,
            vec![key(KeyCode::Char('['), ALT)]
        );
        assert_eq!(
            after(b"\x1bO", ESC_WAIT).0,
            vec![key(KeyCode::Char('O'), SHIFT | ALT)]
        );
    }

    #[test]
    fn an_unfinished_sequence_or_character_is_dropped_after_the_wait() {
        for bytes in [
            &b"\x1b[1;5"[..],
            b"\x1b[2",
            b"\x1bO5",
            b"\x1b[[",
            b"\xe2\x82",
            b"\xf0\x9f\x91",
            b"\x1b\xc3",
        ] {
            let (mut out, mut p, t) = after(bytes, ESC_WAIT);
            assert!(out.is_empty(), "{bytes:?}: {out:?}");
            assert_eq!(p.deadline(), None, "{bytes:?}");
            p.feed(b"\x11", t + ESC_WAIT, &mut out);
            assert_eq!(out, vec![ctrl_ch('q')], "{bytes:?}");
        }
        // Before the wait is over, the rest completes it.
        let t = Instant::now();
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(b"\xe2\x82", t, &mut out);
        p.expire(t + ESC_WAIT / 2, &mut out);
        p.feed(b"\xac", t + ESC_WAIT / 2, &mut out);
        assert_eq!(out, vec![ch('€')]);
    }

    #[test]
    fn a_paste_without_its_end_is_delivered_after_the_time_limit() {
        let (out, p, t) = after(
            b"\x1b[200~half a paste",
            PASTE_IDLE - Duration::from_millis(1),
        );
        assert!(out.is_empty());
        assert_eq!(p.deadline(), Some(t + PASTE_IDLE));
        let (mut out, mut p, t) = after(b"\x1b[200~half a paste\x1b[20", PASTE_IDLE);
        assert_eq!(out, vec![Event::Paste("half a paste".into())]);
        // Normal reading again: Ctrl-Q is a key.
        p.feed(b"\x11", t + PASTE_IDLE, &mut out);
        assert_eq!(out[1..], [ctrl_ch('q')]);
        // Nothing pasted at all: nothing to deliver, but keys count again.
        let (mut out, mut p, t) = after(b"\x1b[200~", PASTE_IDLE);
        p.feed(b"\x11", t + PASTE_IDLE, &mut out);
        assert_eq!(out, vec![ctrl_ch('q')]);
    }

    #[test]
    fn a_paste_that_keeps_coming_is_not_cut_off() {
        let t = Instant::now();
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(b"\x1b[200~one", t, &mut out);
        let later = t + PASTE_IDLE - Duration::from_millis(10);
        p.feed(b" two", later, &mut out);
        p.expire(t + PASTE_IDLE + Duration::from_millis(10), &mut out);
        assert!(out.is_empty());
        assert_eq!(p.deadline(), Some(later + PASTE_IDLE));
        p.feed(b"\x1b[201~", later, &mut out);
        assert_eq!(out, vec![Event::Paste("one two".into())]);
    }

    #[test]
    fn finish_delivers_what_was_waiting() {
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(b"\x1b[200~kept", Instant::now(), &mut out);
        p.finish(&mut out);
        assert_eq!(out, vec![Event::Paste("kept".into())]);
        let mut out = Vec::new();
        p.feed(b"\x1b", Instant::now(), &mut out);
        p.finish(&mut out);
        assert_eq!(out, vec![k(KeyCode::Esc)]);
    }

    #[test]
    fn a_huge_paste_comes_in_pieces_without_cutting_a_character() {
        let mut text = "é".repeat(PASTE_PIECE / 2 + 10);
        text.push('€');
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        let t = Instant::now();
        let mut p = Parser::default();
        let mut out = Vec::new();
        // Cut in the middle of a character, just past the piece size.
        let cut = 6 + PASTE_PIECE + 1;
        p.feed(&bytes[..cut], t, &mut out);
        assert_eq!(out.len(), 1);
        p.feed(&bytes[cut..], t, &mut out);
        p.feed(b"\x1b[201~", t, &mut out);
        let joined: String = out
            .iter()
            .map(|e| match e {
                Event::Paste(s) => s.as_str(),
                _ => panic!("not a paste: {e:?}"),
            })
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_long_burst_of_text_is_parsed_quickly() {
        let text = "Family home, kitchen table. ".repeat(150_000 / 28 + 1);
        let start = Instant::now();
        let (out, _) = feed_all(&text.as_bytes().chunks(CHUNK).collect::<Vec<_>>());
        let took = start.elapsed();
        assert_eq!(out.len(), text.len());
        eprintln!("{} bytes parsed in {took:?}", text.len());
        assert!(took < Duration::from_millis(500), "took {took:?}");
    }

    /// Bytes a terminal sends, with the interesting ones made likely.
    fn terminal_bytes() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            4 => any::<u8>(),
            2 => Just(0x1b),
            1 => Just(b'['),
            1 => Just(b'O'),
            1 => Just(b';'),
            1 => Just(b'~'),
            1 => b'0'..=b'9',
            1 => b'A'..=b'Z',
            1 => prop::sample::select(vec![0xe2, 0x82, 0xac, 0xc3, 0xf0, 0x9f]),
        ];
        let chunk = prop_oneof![
            4 => prop::collection::vec(byte, 0..8),
            1 => prop::sample::select(
                cases().into_iter().map(|(b, _)| b.to_vec()).collect::<Vec<_>>()
            ),
            1 => Just(b"\x1b[200~".to_vec()),
            1 => Just(b"\x1b[201~".to_vec()),
        ];
        prop::collection::vec(chunk, 0..40).prop_map(|c| c.concat())
    }

    proptest! {
        #[test]
        fn any_bytes_split_anywhere_make_the_same_events(
            bytes in terminal_bytes(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
            at.sort_unstable();
            let mut parts = Vec::new();
            let mut from = 0;
            for to in at {
                parts.push(&bytes[from..to]);
                from = to;
            }
            parts.push(&bytes[from..]);
            let (whole, mut pw) = feed_all(&[&bytes]);
            let (split, mut ps) = feed_all(&parts);
            prop_assert_eq!(&whole, &split);
            let (mut end_w, mut end_s) = (Vec::new(), Vec::new());
            pw.finish(&mut end_w);
            ps.finish(&mut end_s);
            prop_assert_eq!(end_w, end_s);
        }

        #[test]
        fn any_bytes_with_any_timing_never_panic_and_never_hold_on(
            parts in prop::collection::vec((terminal_bytes(), 0u64..1500), 0..8),
        ) {
            let mut t = Instant::now();
            let mut p = Parser::default();
            let mut out = Vec::new();
            for (bytes, gap) in parts {
                p.feed(&bytes, t, &mut out);
                t += Duration::from_millis(gap);
                p.expire(t, &mut out);
            }
            // Whatever came, once the deadline passes nothing waits.
            if let Some(d) = p.deadline() {
                prop_assert!(d <= t + PASTE_IDLE);
                p.expire(d, &mut out);
            }
            prop_assert_eq!(p.deadline(), None);
            p.feed(b"\x11", t + PASTE_IDLE, &mut out);
            prop_assert_eq!(out.last(), Some(&ctrl_ch('q')));
        }

        #[test]
        fn typed_text_arrives_as_its_characters(text in "[^\\x00-\\x1f\\x7f]{0,64}") {
            let (out, p) = feed_all(&[text.as_bytes()]);
            let want: Vec<Event> = text.chars().map(ch).collect();
            prop_assert_eq!(out, want);
            prop_assert_eq!(p.deadline(), None);
        }
    }

    // ---- the reading thread, on a pipe ----------------------------------

    fn size() -> std::io::Result<(u16, u16)> {
        Ok((120, 40))
    }

    struct Running {
        events: mpsc::Receiver<Event>,
        input: std::io::PipeWriter,
        winch: UnixStream,
    }

    fn start() -> Running {
        let (read, input) = std::io::pipe().expect("a pipe");
        let (winch_read, winch) = UnixStream::pair().expect("a socket pair");
        winch_read.set_nonblocking(true).expect("non-blocking");
        let source = Source {
            input: read.as_raw_fd(),
            resizes: Resizes {
                pipe: Some(winch_read),
                handler: None,
            },
            size,
        };
        let (tx, events) = mpsc::sync_channel(QUEUE);
        std::thread::spawn(move || {
            // The pipe's read end lives as long as the reading.
            let _read = read;
            source.run(&tx);
        });
        Running {
            events,
            input,
            winch,
        }
    }

    fn next(r: &Running, within: Duration) -> Option<Event> {
        r.events.recv_timeout(within).ok()
    }

    fn next_of(events: &mpsc::Receiver<Event>) -> Option<Event> {
        events.recv_timeout(Duration::from_secs(2)).ok()
    }

    #[test]
    fn a_burst_far_longer_than_one_read_is_all_read_without_another_key() {
        let mut r = start();
        let burst = vec![b'x'; 5000];
        r.input.write_all(&burst).expect("write");
        r.input.write_all(b"\x11").expect("write");
        for i in 0..5000 {
            assert_eq!(next(&r, Duration::from_secs(2)), Some(ch('x')), "event {i}");
        }
        assert_eq!(next(&r, Duration::from_secs(2)), Some(ctrl_ch('q')));
    }

    #[test]
    fn a_resize_arrives_at_once_while_a_sequence_is_unfinished() {
        let mut r = start();
        r.input.write_all(b"\x1b[").expect("write");
        std::thread::sleep(Duration::from_millis(5));
        let sent = Instant::now();
        r.winch.write_all(b"!").expect("wake");
        assert_eq!(
            next(&r, Duration::from_secs(2)),
            Some(Event::Resize(120, 40))
        );
        // Before the unfinished sequence times out (the order of the two
        // events shows that); the bound is loose for a loaded machine.
        assert!(
            sent.elapsed() < Duration::from_millis(500),
            "{:?}",
            sent.elapsed()
        );
        // The sequence then times out as it would have.
        assert_eq!(
            next(&r, Duration::from_secs(2)),
            Some(key(KeyCode::Char('['), ALT))
        );
    }

    #[test]
    fn a_lone_esc_arrives_after_the_short_wait() {
        let mut r = start();
        let sent = Instant::now();
        r.input.write_all(b"\x1b").expect("write");
        assert_eq!(next(&r, Duration::from_secs(2)), Some(k(KeyCode::Esc)));
        let took = sent.elapsed();
        assert!(took >= ESC_WAIT && took < ESC_WAIT * 4, "{took:?}");
    }

    #[test]
    fn the_end_of_input_delivers_what_waited_and_ends_the_channel() {
        let Running {
            events,
            mut input,
            winch: _winch,
        } = start();
        input.write_all(b"ab\x1b[200~unfinished").expect("write");
        drop(input);
        assert_eq!(next_of(&events), Some(ch('a')));
        assert_eq!(next_of(&events), Some(ch('b')));
        assert_eq!(next_of(&events), Some(Event::Paste("unfinished".into())));
        assert_eq!(
            events.recv_timeout(Duration::from_secs(2)),
            Err(mpsc::RecvTimeoutError::Disconnected)
        );
    }

    #[test]
    fn a_resize_pipe_that_closes_is_given_up_not_spun_on() {
        let mut r = start();
        drop(std::mem::replace(
            &mut r.winch,
            UnixStream::pair().expect("a socket pair").0,
        ));
        std::thread::sleep(Duration::from_millis(50));
        r.input.write_all(b"q").expect("write");
        // No stream of resizes from a pipe that is readable for ever: the
        // key comes first (its size has not changed, so nothing else does).
        assert_eq!(next(&r, Duration::from_secs(2)), Some(ch('q')));
        assert_eq!(next(&r, Duration::from_millis(100)), None);
    }

    #[test]
    fn sigwinch_reaches_the_reader_through_its_pipe() {
        let (read, input) = std::io::pipe().expect("a pipe");
        let source = Source {
            input: read.as_raw_fd(),
            resizes: Resizes::watch(),
            size,
        };
        assert!(source.resizes.pipe.is_some());
        let (tx, events) = mpsc::sync_channel(QUEUE);
        let reader = std::thread::spawn(move || {
            let _read = read;
            source.run(&tx);
        });
        // Other tests may raise it too; any one resize will do.
        signal_hook::low_level::raise(signal_hook::consts::SIGWINCH).expect("raise");
        assert_eq!(
            events.recv_timeout(Duration::from_secs(2)),
            Ok(Event::Resize(120, 40))
        );
        drop(input);
        reader.join().expect("the reader ends");
    }
}
