//! The parser of our own: the bytes a terminal sends, made into keys and
//! pastes (see docs/input.md for what it accepts and why).

use super::{CSI_MAX, ESC, ESC_WAIT, PASTE_END, PASTE_IDLE, PASTE_PIECE};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::Instant;

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
    /// Bytes that were not UTF-8 arrived (and were read as Latin-1).
    not_utf8: bool,
}

/// What the bytes at the front of the input make.
#[derive(Debug, PartialEq)]
pub(super) enum Step {
    /// A key, and how many bytes it took.
    Key(KeyEvent, usize),
    /// This many bytes mean nothing we use, and are dropped.
    Skip(usize),
    /// A bracketed paste begins; the start marker's length.
    PasteStart(usize),
    /// The bytes so far begin something that needs more.
    Incomplete,
    /// One byte that is not UTF-8, read as this Latin-1 character.
    Latin1(char),
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

    /// Whether bytes that were not UTF-8 arrived since the last call: a
    /// terminal in a Latin-1 locale. They were read as Latin-1, so no
    /// character was lost, but the person should be told.
    pub fn took_non_utf8(&mut self) -> bool {
        std::mem::take(&mut self.not_utf8)
    }

    /// Pasted bytes as text: UTF-8 where they are UTF-8, and each byte
    /// that is not read as Latin-1 (never silently as U+FFFD).
    fn paste_text(&mut self, bytes: Vec<u8>) -> String {
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                self.not_utf8 = true;
                let mut s = String::new();
                for chunk in e.as_bytes().utf8_chunks() {
                    s.push_str(chunk.valid());
                    s.extend(chunk.invalid().iter().map(|&b| char::from(b)));
                }
                s
            }
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
                let text = self.paste_text(paste);
                out.push(Event::Paste(text));
            }
            return;
        }
        // A lone Latin-1 letter that looked like the start of a UTF-8
        // character: nothing more came, so it was a letter of its own.
        if let [b @ 0xa0..=0xff] = pending.as_slice() {
            self.not_utf8 = true;
            out.push(Event::Key(char_key(char::from(*b))));
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
                    let text = self.paste_text(text);
                    out.push(Event::Paste(text));
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
                    let text = self.paste_text(piece);
                    out.push(Event::Paste(text));
                }
                return;
            }
            match parse_key(rest) {
                Step::Key(key, n) => {
                    out.push(Event::Key(key));
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::Latin1(c) => {
                    self.not_utf8 = true;
                    out.push(Event::Key(char_key(c)));
                    at += 1;
                }
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
pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `bytes` could be the start of the paste's
/// end marker, to be kept until the next bytes tell.
pub(super) fn marker_start_at_end(bytes: &[u8]) -> usize {
    (1..PASTE_END.len())
        .rev()
        .find(|&k| bytes.ends_with(&PASTE_END[..k]))
        .unwrap_or(0)
}

/// The largest length, at most `bytes.len()`, that does not cut a UTF-8
/// character in two.
pub(super) fn utf8_boundary(bytes: &[u8]) -> usize {
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

pub(super) fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A typed character; capitals carry Shift, as crossterm reports them.
pub(super) fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

pub(super) fn ctrl(c: u8) -> Step {
    Step::Key(
        KeyEvent::new(KeyCode::Char(char::from(c)), KeyModifiers::CONTROL),
        1,
    )
}

/// The event at the front of `buf`.
pub(super) fn parse_key(buf: &[u8]) -> Step {
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
pub(super) fn parse_utf8(buf: &[u8]) -> Step {
    // A byte that cannot start or continue a UTF-8 character here is a
    // Latin-1 letter from a terminal in a Latin-1 locale (é is 0xe9);
    // the C1 controls (0x80-0x9f) mean nothing typed and are dropped.
    let latin1 = |b: u8| match b {
        0xa0..=0xff => Step::Latin1(char::from(b)),
        _ => Step::Skip(1),
    };
    let Some(&first) = buf.first() else {
        return Step::Incomplete;
    };
    let need = match first {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        b => return latin1(b),
    };
    let have = buf.len().min(need);
    if buf[1..have].iter().any(|b| b & 0xc0 != 0x80) {
        return latin1(first);
    }
    if have < need {
        return Step::Incomplete;
    }
    match std::str::from_utf8(&buf[..need])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Step::Key(char_key(c), need),
        None => latin1(first),
    }
}

/// What follows an ESC: a control sequence, an SS3 key, or Alt with a key.
pub(super) fn parse_escape(buf: &[u8]) -> Step {
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
            Step::Latin1(c) => {
                let mut key = char_key(c);
                key.modifiers |= KeyModifiers::ALT;
                Step::Key(key, 2)
            }
            // Esc, then bytes that are dropped on their own.
            Step::Skip(_) | Step::PasteStart(_) => Step::Key(plain(KeyCode::Esc), 1),
        },
    }
}

/// `ESC [ parameters final`.
pub(super) fn parse_csi(buf: &[u8]) -> Step {
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
            // rxvt ends a Shift-modified editing key with `$` (ESC [ 5 $ is
            // Shift-PgUp), where every other terminal's `$` is an
            // intermediate byte: after digits alone it ends the key, so the
            // key typed next is not taken as its final byte.
            b'$' if i > 0 && body[..i].iter().all(u8::is_ascii_digit) => {
                return csi_key(&body[..i], b, 2 + i + 1);
            }
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
pub(super) fn csi_key(params: &[u8], last: u8, len: usize) -> Step {
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
    // rxvt: Shift-arrows are ESC [ a-d; its editing keys end in `$`
    // (Shift), `^` (Ctrl) or `@` (Ctrl-Shift) where others end in `~`.
    let (last, mods) = match last {
        b'$' => (b'~', mods | KeyModifiers::SHIFT),
        b'^' => (b'~', mods | KeyModifiers::CONTROL),
        b'@' if first.is_some() => (b'~', mods | KeyModifiers::CONTROL | KeyModifiers::SHIFT),
        c @ b'a'..=b'd' if first.is_none() => (c.to_ascii_uppercase(), mods | KeyModifiers::SHIFT),
        c => (c, mods),
    };
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

pub(super) fn fkey(n: u32) -> u8 {
    // Callers pass 1..=12.
    u8::try_from(n).unwrap_or(0)
}

/// `ESC O final`, with an optional modifier number before the final byte
/// as some terminals send it.
pub(super) fn parse_ss3(buf: &[u8]) -> Step {
    let rest = buf.get(2..).unwrap_or_default();
    let digits = rest
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let Some(&last) = rest.get(digits) else {
        return Step::Incomplete;
    };
    let mut mods = number(&rest[..digits]).map_or(KeyModifiers::NONE, modifiers);
    // rxvt's Ctrl-arrows: ESC O a-d.
    let last = match last {
        c @ b'a'..=b'd' if digits == 0 => {
            mods |= KeyModifiers::CONTROL;
            c.to_ascii_uppercase()
        }
        c => c,
    };
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
pub(super) fn number(param: &[u8]) -> Option<u32> {
    let digits = param.split(|&b| b == b':').next().unwrap_or_default();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0u32, |n, &d| {
        n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
    }))
}

/// An xterm modifier parameter: one more than a bit mask.
pub(super) fn modifiers(param: u32) -> KeyModifiers {
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
