//! Tests of `input`, kept beside it in a file of their own.

use super::parse::*;
use super::*;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

pub(super) fn k(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

pub(super) fn ch(c: char) -> Event {
    Event::Key(char_key(c))
}

pub(super) fn ctrl_ch(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const ALT: KeyModifiers = KeyModifiers::ALT;

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
        // Bytes that are not UTF-8: Latin-1 letters, read as such (C1
        // controls dropped), and the key after them still counts.
        (b"\xffq", vec![ch('ÿ'), ch('q')]),
        (b"\x80q", vec![ch('q')]),
        (b"\xe2\x28q", vec![ch('â'), ch('('), ch('q')]),
        (b"\xed\xa0\x80q", vec![ch('í'), ch('\u{a0}'), ch('q')]),
        (
            b"\xc0\xafq",
            vec![Event::Key(char_key('À')), ch('¯'), ch('q')],
        ),
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

#[test]
fn rxvt_modified_arrows_and_editing_keys_are_read() {
    use KeyCode::*;
    let shift = KeyModifiers::SHIFT;
    let ctrl = KeyModifiers::CONTROL;
    let cases: &[(&[u8], KeyCode, KeyModifiers)] = &[
        (b"\x1b[a", Up, shift),
        (b"\x1b[b", Down, shift),
        (b"\x1b[c", Right, shift),
        (b"\x1b[d", Left, shift),
        (b"\x1bOa", Up, ctrl),
        (b"\x1bOb", Down, ctrl),
        (b"\x1bOc", Right, ctrl),
        (b"\x1bOd", Left, ctrl),
        (b"\x1b[5$", PageUp, shift),
        (b"\x1b[6^", PageDown, ctrl),
        (b"\x1b[7^", Home, ctrl),
        (b"\x1b[8$", End, shift),
        (b"\x1b[3@", Delete, ctrl | shift),
    ];
    for (bytes, code, mods) in cases {
        // A key typed straight after must still be its own key.
        let mut input = bytes.to_vec();
        input.push(b'x');
        let mut p = Parser::default();
        let mut out = Vec::new();
        p.feed(&input, Instant::now(), &mut out);
        assert_eq!(
            out,
            vec![
                Event::Key(KeyEvent::new(*code, *mods)),
                Event::Key(KeyEvent::new(Char('x'), KeyModifiers::NONE)),
            ],
            "{}",
            String::from_utf8_lossy(bytes).escape_debug()
        );
    }
}

#[test]
fn latin1_letters_are_read_as_latin1_and_said_never_dropped_or_replaced() {
    use KeyCode::*;
    let none = KeyModifiers::NONE;
    // Typed é then x, in one read: both keys.
    let mut p = Parser::default();
    let mut out = Vec::new();
    let now = Instant::now();
    p.feed(b"\xe9x", now, &mut out);
    assert_eq!(
        out,
        vec![
            Event::Key(KeyEvent::new(Char('é'), none)),
            Event::Key(KeyEvent::new(Char('x'), none)),
        ]
    );
    assert!(p.took_non_utf8());
    assert!(!p.took_non_utf8(), "said once");
    // é alone: after the wait it is the letter, not nothing.
    out.clear();
    p.feed(b"\xe9", now, &mut out);
    assert!(out.is_empty());
    p.expire(now + ESC_WAIT, &mut out);
    assert_eq!(out, vec![Event::Key(KeyEvent::new(Char('é'), none))]);
    assert!(p.took_non_utf8());
    // A paste mixing UTF-8 and Latin-1: each part as it was meant.
    out.clear();
    p.feed(b"\x1b[200~caf\xe9 \xc3\xa9t\xe9\x1b[201~", now, &mut out);
    assert_eq!(out, vec![Event::Paste("café été".to_owned())]);
    assert!(p.took_non_utf8());
    // UTF-8 input says nothing.
    out.clear();
    p.feed("été".as_bytes(), now, &mut out);
    assert_eq!(out.len(), 3);
    assert!(!p.took_non_utf8());
}
