//! Output to the terminal on a thread of its own. A terminal that stops
//! reading (a stalled SSH link, Ctrl-S flow control) blocks whoever writes
//! to it; if that were the event loop, autosave and signal handling would
//! stop with it. Frames are handed to this thread instead, and the loop
//! stops drawing while too much is waiting, so nothing it does ever waits
//! for the terminal.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// While more than this is waiting to be written, no new frame is drawn:
/// a terminal that stopped reading costs at most this much memory, and
/// when it reads again the frames it missed are replaced by one fresh one.
pub const BACKLOG_LIMIT: usize = 64 * 1024;

struct Shared {
    /// Bytes handed over and not yet written.
    pending: AtomicUsize,
    /// Writing failed for good (the terminal is gone).
    gone: AtomicBool,
}

/// The writing end the backend draws into. A flush writes the frame at
/// once when the terminal can take all of it without waiting, and hands
/// whatever it could not take to the output thread.
pub struct TermOut {
    buf: Vec<u8>,
    tx: Sender<Vec<u8>>,
    shared: Arc<Shared>,
    /// The terminal opened a second time, non-blocking, so the loop can
    /// write a frame itself and never wait (issue 12: handing every frame
    /// to another thread cost a thread wake-up on each keystroke). `None`
    /// when standard output is not a terminal or cannot be reopened.
    direct: Option<std::fs::File>,
}

/// What the rest of the program may ask of the output thread.
#[derive(Clone)]
pub struct OutHandle {
    tx: Arc<Mutex<Sender<Vec<u8>>>>,
    shared: Arc<Shared>,
}

static HANDLE: OnceLock<OutHandle> = OnceLock::new();

/// Starts the output thread writing to standard output.
pub fn start() -> TermOut {
    let (tx, rx) = channel::<Vec<u8>>();
    let shared = Arc::new(Shared {
        pending: AtomicUsize::new(0),
        gone: AtomicBool::new(false),
    });
    let thread_shared = Arc::clone(&shared);
    let spawned = std::thread::Builder::new()
        .name("casenotes-output".into())
        .spawn(move || write_loop(&rx, &thread_shared));
    if spawned.is_err() {
        shared.gone.store(true, Ordering::SeqCst);
    }
    // Only the first start is remembered: there is one terminal.
    let _ = HANDLE.set(OutHandle {
        tx: Arc::new(Mutex::new(tx.clone())),
        shared: Arc::clone(&shared),
    });
    TermOut {
        buf: Vec::with_capacity(1 << 16),
        tx,
        shared,
        direct: reopen_without_waiting(),
    }
}

/// Standard output opened again as a description of its own with
/// O_NONBLOCK, so that flag never reaches the shell's descriptor.
fn reopen_without_waiting() -> Option<std::fs::File> {
    use std::io::IsTerminal;
    use std::os::unix::fs::OpenOptionsExt;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open("/proc/self/fd/1")
        .ok()
}

/// Writes as much of `bytes` to `fd` as goes without waiting; what is
/// left.
fn write_without_waiting(fd: libc::c_int, mut bytes: &[u8]) -> &[u8] {
    while !bytes.is_empty() {
        match crate::sys::write(fd, bytes) {
            Ok(0) => break,
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // Full (EAGAIN) or failing: the output thread takes the rest
            // and finds out which.
            Err(_) => break,
        }
    }
    bytes
}

/// The running output thread, if the terminal interface started one.
pub fn handle() -> Option<&'static OutHandle> {
    HANDLE.get()
}

fn write_loop(rx: &Receiver<Vec<u8>>, shared: &Shared) {
    while let Ok(chunk) = rx.recv() {
        if !shared.gone.load(Ordering::SeqCst) && write_all_fd(libc::STDOUT_FILENO, &chunk).is_err()
        {
            shared.gone.store(true, Ordering::SeqCst);
        }
        shared.pending.fetch_sub(chunk.len(), Ordering::SeqCst);
    }
}

/// Writes everything with write(2) on the descriptor itself: the standard
/// library's `Stdout` would take a lock that an exit path might then wait
/// on for ever while this thread is blocked.
fn write_all_fd(fd: libc::c_int, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        match crate::sys::write(fd, bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl Shared {
    fn hand_over(&self, tx: &Sender<Vec<u8>>, bytes: Vec<u8>) -> std::io::Result<()> {
        if self.gone.load(Ordering::SeqCst) {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let len = bytes.len();
        self.pending.fetch_add(len, Ordering::SeqCst);
        if tx.send(bytes).is_err() {
            self.pending.fetch_sub(len, Ordering::SeqCst);
            self.gone.store(true, Ordering::SeqCst);
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        Ok(())
    }
}

impl Shared {
    fn backlogged(&self) -> bool {
        self.pending.load(Ordering::SeqCst) > BACKLOG_LIMIT
    }
}

impl TermOut {
    /// Whether the terminal has fallen so far behind that drawing should
    /// wait.
    pub fn backlogged(&self) -> bool {
        self.shared.backlogged()
    }
}

impl Write for TermOut {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.shared.gone.load(Ordering::SeqCst) {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        // Only while nothing waits for the thread, so frames keep their
        // order: `pending` falls to zero once the thread has written all.
        if let Some(direct) = &self.direct
            && self.shared.pending.load(Ordering::SeqCst) == 0
            && !self.shared.gone.load(Ordering::SeqCst)
        {
            use std::os::fd::AsRawFd;
            let left = write_without_waiting(direct.as_raw_fd(), &self.buf).len();
            if left == 0 {
                self.buf.clear();
                return Ok(());
            }
            let written = self.buf.len() - left;
            self.buf.drain(..written);
        }
        let frame = std::mem::replace(&mut self.buf, Vec::with_capacity(1 << 16));
        self.shared.hand_over(&self.tx, frame)
    }
}

impl OutHandle {
    /// Whether the terminal has fallen so far behind that drawing should
    /// wait.
    pub fn backlogged(&self) -> bool {
        self.shared.backlogged()
    }

    /// Whether writing to the terminal has failed for good.
    pub fn gone(&self) -> bool {
        self.shared.gone.load(Ordering::SeqCst)
    }

    /// Hands `bytes` to the output thread and waits until they are written
    /// or `wait` has passed; returns whether they were written. Never
    /// blocks longer than `wait`, whatever the terminal does.
    pub fn send_and_wait(&self, bytes: Vec<u8>, wait: Duration) -> bool {
        let sent = {
            let tx = self.tx.lock().unwrap_or_else(|p| p.into_inner());
            self.shared.hand_over(&tx, bytes).is_ok()
        };
        sent && self.drain(wait)
    }

    /// Waits until everything handed over is written, or `wait` passes.
    pub fn drain(&self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        loop {
            if self.shared.gone.load(Ordering::SeqCst) {
                return false;
            }
            if self.shared.pending.load(Ordering::SeqCst) == 0 {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Writes a line to standard error from a thread of its own and waits at
/// most `wait` for it: stderr is usually the same terminal, and one that
/// stopped reading must not keep the program from ending.
pub fn say_with_deadline(line: String, wait: Duration) {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("casenotes-stderr".into())
        .spawn(move || {
            let mut bytes = line.into_bytes();
            bytes.push(b'\n');
            let _ = write_all_fd(libc::STDERR_FILENO, &bytes);
            let _ = tx.send(());
        });
    if spawned.is_ok() {
        let _ = rx.recv_timeout(wait);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writing end with no output thread behind it: what it hands over
    /// arrives on the receiver, and nothing takes it off `pending`.
    fn out(direct: Option<std::fs::File>) -> (TermOut, Receiver<Vec<u8>>, Arc<Shared>) {
        let (tx, rx) = channel();
        let shared = Arc::new(Shared {
            pending: AtomicUsize::new(0),
            gone: AtomicBool::new(false),
        });
        let out = TermOut {
            buf: Vec::new(),
            tx,
            shared: Arc::clone(&shared),
            direct,
        };
        (out, rx, shared)
    }

    #[test]
    fn a_flush_hands_over_one_frame_and_counts_it_until_written() {
        let (mut out, rx, shared) = out(None);
        out.write_all(b"abc").unwrap();
        out.write_all(b"def").unwrap();
        assert_eq!(shared.pending.load(Ordering::SeqCst), 0);
        out.flush().unwrap();
        assert_eq!(shared.pending.load(Ordering::SeqCst), 6);
        assert_eq!(rx.try_recv().unwrap(), b"abcdef");
        assert!(rx.try_recv().is_err());
        // Nothing reads: the backlog grows until drawing should wait.
        out.write_all(&vec![b'x'; BACKLOG_LIMIT]).unwrap();
        out.flush().unwrap();
        assert!(out.backlogged());
    }
    #[test]
    fn a_frame_goes_straight_out_until_the_terminal_is_full_and_then_in_order_through_the_thread() {
        use std::io::Read;
        let (mut read_end, write_end) = std::io::pipe().unwrap();
        // A second, non-blocking opening of the pipe, as `start` makes of
        // the terminal.
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let direct = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(format!("/proc/self/fd/{}", write_end.as_raw_fd()))
            .unwrap();
        let (mut out, rx, shared) = out(Some(direct));
        out.write_all(b"first").unwrap();
        out.flush().unwrap();
        let mut got = [0u8; 5];
        read_end.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"first");
        assert!(rx.try_recv().is_err(), "nothing went through the thread");
        // More than the pipe holds: what it cannot take goes to the thread.
        let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        out.write_all(&big).unwrap();
        out.flush().unwrap();
        let rest = rx.try_recv().unwrap();
        assert!(!rest.is_empty() && rest.len() < big.len());
        assert_eq!(shared.pending.load(Ordering::SeqCst), rest.len());
        // While the thread has work, a new frame queues behind it.
        out.write_all(b"after").unwrap();
        out.flush().unwrap();
        assert_eq!(rx.try_recv().unwrap(), b"after");
        let mut direct_part = vec![0u8; big.len() - rest.len()];
        read_end.read_exact(&mut direct_part).unwrap();
        direct_part.extend_from_slice(&rest);
        assert_eq!(direct_part, big, "nothing lost or reordered");
    }
}
