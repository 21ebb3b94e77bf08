//! Tests of the reader (`Input`) on a pipe, read on the test's own thread
//! as the event loop reads it: bursts longer than one read, resizes while
//! a sequence is unfinished, the end of input, waiting and not waiting, and
//! the resize pipe. The parser's own tests are in `tests.rs`.

use super::tests::{ALT, ch, ctrl_ch, k, key};
use super::*;
use ratatui::crossterm::event::KeyCode;
use std::io::Write;

fn size() -> std::io::Result<(u16, u16)> {
    Ok((120, 40))
}

struct Running {
    events: Input,
    input: std::io::PipeWriter,
    winch: UnixStream,
    // The pipe's read end lives as long as the reading.
    _read: std::io::PipeReader,
}

fn start() -> Running {
    let (read, input) = std::io::pipe().expect("a pipe");
    let (winch_read, winch) = UnixStream::pair().expect("a socket pair");
    winch_read.set_nonblocking(true).expect("non-blocking");
    let events = Input::new(Source {
        input: read.as_raw_fd(),
        resizes: Resizes {
            pipe: Some(winch_read),
            handler: None,
        },
        size,
    });
    Running {
        events,
        input,
        winch,
        _read: read,
    }
}

fn next(r: &mut Running, within: Duration) -> Option<Event> {
    r.events.recv_timeout(within).ok()
}

fn next_of(events: &mut Input) -> Option<Event> {
    events.recv_timeout(Duration::from_secs(2)).ok()
}

#[test]
fn a_burst_far_longer_than_one_read_is_all_read_without_another_key() {
    let mut r = start();
    let burst = vec![b'x'; 5000];
    r.input.write_all(&burst).expect("write");
    r.input.write_all(b"\x11").expect("write");
    for i in 0..5000 {
        assert_eq!(
            next(&mut r, Duration::from_secs(2)),
            Some(ch('x')),
            "event {i}"
        );
    }
    assert_eq!(next(&mut r, Duration::from_secs(2)), Some(ctrl_ch('q')));
}

#[test]
fn a_resize_arrives_at_once_while_a_sequence_is_unfinished() {
    let mut r = start();
    r.input.write_all(b"\x1b[").expect("write");
    std::thread::sleep(Duration::from_millis(5));
    let sent = Instant::now();
    r.winch.write_all(b"!").expect("wake");
    assert_eq!(
        next(&mut r, Duration::from_secs(2)),
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
        next(&mut r, Duration::from_secs(2)),
        Some(key(KeyCode::Char('['), ALT))
    );
}

#[test]
fn a_lone_esc_arrives_after_the_short_wait() {
    let mut r = start();
    let sent = Instant::now();
    r.input.write_all(b"\x1b").expect("write");
    assert_eq!(next(&mut r, Duration::from_secs(2)), Some(k(KeyCode::Esc)));
    let took = sent.elapsed();
    assert!(took >= ESC_WAIT && took < ESC_WAIT * 4, "{took:?}");
}

#[test]
fn the_end_of_input_delivers_what_waited_and_ends_the_channel() {
    let Running {
        mut events,
        mut input,
        winch: _winch,
        _read,
    } = start();
    input.write_all(b"ab\x1b[200~unfinished").expect("write");
    drop(input);
    assert_eq!(next_of(&mut events), Some(ch('a')));
    assert_eq!(next_of(&mut events), Some(ch('b')));
    assert_eq!(
        next_of(&mut events),
        Some(Event::Paste("unfinished".into()))
    );
    assert_eq!(
        events.recv_timeout(Duration::from_secs(2)),
        Err(RecvTimeoutError::Disconnected)
    );
    assert_eq!(events.try_recv(), Err(TryRecvError::Disconnected));
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
    assert_eq!(next(&mut r, Duration::from_secs(2)), Some(ch('q')));
    assert_eq!(next(&mut r, Duration::from_millis(100)), None);
}

#[test]
fn sigwinch_reaches_the_reader_through_its_pipe() {
    let (read, input) = std::io::pipe().expect("a pipe");
    let mut events = Input::new(Source {
        input: read.as_raw_fd(),
        resizes: Resizes::watch(),
        size,
    });
    assert!(events.source.resizes.pipe.is_some());
    // Other tests may raise it too; any one resize will do.
    signal_hook::low_level::raise(signal_hook::consts::SIGWINCH).expect("raise");
    assert_eq!(
        events.recv_timeout(Duration::from_secs(2)),
        Ok(Event::Resize(120, 40))
    );
    drop(input);
    assert_eq!(
        events.recv_timeout(Duration::from_secs(2)),
        Err(RecvTimeoutError::Disconnected)
    );
    drop(read);
}

#[test]
fn try_recv_takes_what_is_waiting_and_never_waits() {
    let mut r = start();
    let asked = Instant::now();
    assert_eq!(r.events.try_recv(), Err(TryRecvError::Empty));
    assert_eq!(
        r.events.recv_timeout(Duration::from_millis(30)),
        Err(RecvTimeoutError::Timeout)
    );
    assert!(asked.elapsed() >= Duration::from_millis(30));
    r.input.write_all(b"ab").expect("write");
    assert_eq!(r.events.try_recv(), Ok(ch('a')));
    assert_eq!(r.events.try_recv(), Ok(ch('b')));
    let asked = Instant::now();
    assert_eq!(r.events.try_recv(), Err(TryRecvError::Empty));
    assert!(
        asked.elapsed() < Duration::from_millis(30),
        "{:?}",
        asked.elapsed()
    );
}
