//! The terminal backend: ratatui's cells written with as few bytes as
//! possible, for supervisors on slow SSH links. Against ratatui's own
//! crossterm backend it keeps the colours and attributes the terminal is
//! in from one frame to the next instead of resetting them after every
//! frame (20 bytes a frame), knows where the terminal's cursor is so that
//! a typed character needs no cursor move before or after it, and sends
//! "show cursor" and "hide cursor" only when that changes. A typed letter
//! then costs one byte on the wire, as it does in a plain editor.

use super::echo::EchoCell;
use super::term_caps::TermCaps;
use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveRight, MoveTo, Show};
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Print, SetAttribute, SetBackgroundColor, SetForegroundColor,
};
use ratatui::crossterm::terminal::{self, Clear};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// A backend writing to `W` (the output thread's pipe, or a buffer in
/// tests).
pub struct LeanBackend<W: Write> {
    out: W,
    /// The colours and attributes the terminal is in now.
    fg: Color,
    bg: Color,
    modifier: Modifier,
    /// Where the terminal's cursor is, when known for certain.
    at: Option<Position>,
    /// Whether the cursor is shown, once set.
    shown: Option<bool>,
    /// The terminal's width, to know when a character leaves the cursor in
    /// the last column (where terminals differ) rather than after it.
    width: u16,
    /// What the terminal can show.
    caps: TermCaps,
    /// Cells written ahead of their frame for a typed letter
    /// (tui/echo.rs), until the frame has confirmed or undone them.
    echoed: Vec<EchoCell>,
}

/// The SGR code of one of the sixteen named colours (`base` 30 for the
/// foreground, 40 for the background): the codes every colour terminal
/// knows, where crossterm would send 256-colour codes (`38;5;n`) that
/// terminals declaring eight colours misread. `None` for the rest.
fn basic_sgr(c: Color, base: u8) -> Option<u8> {
    let (n, bright) = match c {
        Color::Reset => return Some(base + 9),
        Color::Black => (0, false),
        Color::Red => (1, false),
        Color::Green => (2, false),
        Color::Yellow => (3, false),
        Color::Blue => (4, false),
        Color::Magenta => (5, false),
        Color::Cyan => (6, false),
        Color::Gray => (7, false),
        Color::DarkGray => (0, true),
        Color::LightRed => (1, true),
        Color::LightGreen => (2, true),
        Color::LightYellow => (3, true),
        Color::LightBlue => (4, true),
        Color::LightMagenta => (5, true),
        Color::LightCyan => (6, true),
        Color::White => (7, true),
        _ => return None,
    };
    Some(if bright { base + 60 + n } else { base + n })
}

const ATTRIBUTES: [(Modifier, Attribute); 9] = [
    (Modifier::BOLD, Attribute::Bold),
    (Modifier::DIM, Attribute::Dim),
    (Modifier::ITALIC, Attribute::Italic),
    (Modifier::UNDERLINED, Attribute::Underlined),
    (Modifier::SLOW_BLINK, Attribute::SlowBlink),
    (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    (Modifier::REVERSED, Attribute::Reverse),
    (Modifier::HIDDEN, Attribute::Hidden),
    (Modifier::CROSSED_OUT, Attribute::CrossedOut),
];

impl<W: Write> LeanBackend<W> {
    /// A backend for a terminal in its default colours, `width` wide.
    pub fn new(out: W, width: u16) -> LeanBackend<W> {
        LeanBackend::for_terminal(out, width, TermCaps::default())
    }

    /// As `new`, for a terminal with these capabilities: no italics where
    /// it has none, and ASCII and Latin-1 where its locale is not UTF-8.
    pub fn for_terminal(out: W, width: u16, caps: TermCaps) -> LeanBackend<W> {
        LeanBackend {
            caps,
            out,
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
            at: None,
            shown: None,
            width,
            echoed: Vec::new(),
        }
    }

    /// Writes a typed letter's guessed `cells` now, ahead of the frame,
    /// and moves the cursor to `next`, if the terminal's cursor is shown
    /// at `from` (where the last frame left it) and nothing else is
    /// waiting to be confirmed. The next `draw` sends nothing for a cell
    /// the frame agrees with, and puts a cell's `before` back when the
    /// frame leaves it as it was (the frame moves the cursor where it
    /// belongs either way). Whether it was written.
    pub fn echo(&mut self, from: Position, cells: &[EchoCell], next: Position) -> io::Result<bool> {
        if !self.echoed.is_empty() || self.shown != Some(true) || self.at != Some(from) {
            return Ok(false);
        }
        for c in cells {
            self.put(c.at, &c.typed)?;
        }
        // Usually no bytes: the letter left the cursor after it. In the
        // terminal's last column the cursor's place is unknown, so the
        // move is made in full.
        self.move_to(next)?;
        self.echoed.extend_from_slice(cells);
        self.out.flush()?;
        Ok(true)
    }

    /// One cell written at `at`, the cursor then known to be after it.
    fn put(&mut self, at: Position, cell: &Cell) -> io::Result<()> {
        self.move_to(at)?;
        self.style_for(cell)?;
        let symbol = cell.symbol();
        if self.caps.unicode {
            queue!(self.out, Print(symbol))?;
        } else {
            // At most two columns a cell: a small buffer, no allocation.
            let mut buf = [0u8; 2];
            let mut n = 0;
            for b in super::ascii::cell_bytes(symbol, symbol.width()) {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = b;
                    n += 1;
                }
            }
            self.out.write_all(&buf[..n])?;
        }
        let w = u16::try_from(symbol.width().max(1)).unwrap_or(1);
        let next = at.x.saturating_add(w);
        // At the right edge terminals hold the cursor in the last
        // column, or wrap it, as they please: unknown from here.
        self.at = (next < self.width).then_some(Position { x: next, y: at.y });
        Ok(())
    }

    /// The writer, for tests.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The writer, for the few sequences that are not drawing (a copy to
    /// the terminal's clipboard), written after a frame.
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Moves the terminal's cursor to `p`, by the shortest sequence: along
    /// the row when it is known to be on it (a typed space leaves nothing
    /// to draw, only the cursor to move).
    fn move_to(&mut self, p: Position) -> io::Result<()> {
        match self.at {
            Some(at) if at == p => {}
            Some(at) if at.y == p.y && p.x > at.x => {
                queue!(self.out, MoveRight(p.x - at.x))?;
            }
            _ => queue!(self.out, MoveTo(p.x, p.y))?,
        }
        self.at = Some(p);
        Ok(())
    }

    /// Back to the terminal's default colours and attributes.
    fn reset_style(&mut self) -> io::Result<()> {
        if self.fg != Color::Reset || self.bg != Color::Reset || !self.modifier.is_empty() {
            // SGR 0 resets the colours too.
            queue!(self.out, SetAttribute(Attribute::Reset))?;
            self.fg = Color::Reset;
            self.bg = Color::Reset;
            self.modifier = Modifier::empty();
        }
        Ok(())
    }

    fn style_for(&mut self, cell: &Cell) -> io::Result<()> {
        let mut modifier = cell.modifier;
        if !self.caps.italic {
            // SGR 3 on a terminal without italics shows as something else
            // (reverse video under screen): left out.
            modifier.remove(Modifier::ITALIC);
        }
        self.write_style(cell.fg, cell.bg, modifier)
    }

    fn write_style(&mut self, fg: Color, bg: Color, modifier: Modifier) -> io::Result<()> {
        if modifier != self.modifier {
            let removed = self.modifier - modifier;
            if removed.is_empty() {
                for (m, a) in ATTRIBUTES {
                    if modifier.contains(m) && !self.modifier.contains(m) {
                        queue!(self.out, SetAttribute(a))?;
                    }
                }
            } else {
                // Turning single attributes off differs between terminals
                // (bold and dim share one "off"); a full reset does not.
                queue!(self.out, SetAttribute(Attribute::Reset))?;
                self.fg = Color::Reset;
                self.bg = Color::Reset;
                for (m, a) in ATTRIBUTES {
                    if modifier.contains(m) {
                        queue!(self.out, SetAttribute(a))?;
                    }
                }
            }
            self.modifier = modifier;
        }
        if fg != self.fg {
            match basic_sgr(fg, 30) {
                Some(code) => write!(self.out, "\x1b[{code}m")?,
                None => queue!(self.out, SetForegroundColor(fg.into_crossterm()))?,
            }
            self.fg = fg;
        }
        if bg != self.bg {
            match basic_sgr(bg, 40) {
                Some(code) => write!(self.out, "\x1b[{code}m")?,
                None => queue!(self.out, SetBackgroundColor(bg.into_crossterm()))?,
            }
            self.bg = bg;
        }
        Ok(())
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            let at = Position { x, y };
            if let Some(i) = self.echoed.iter().position(|e| e.at == at)
                && self.echoed.swap_remove(i).typed == *cell
            {
                // Already on the terminal: the echo was right.
                continue;
            }
            self.put(at, cell)?;
        }
        // The frame did not touch these echoed cells: they keep what they
        // held before, so that goes back (the guess was wrong).
        for e in std::mem::take(&mut self.echoed) {
            if e.typed != e.before {
                self.put(e.at, &e.before)?;
            }
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(false) {
            queue!(self.out, Hide)?;
            self.shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(true) {
            queue!(self.out, Show)?;
            self.shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Asking the terminal would read its answer from standard input,
        // which our own reader owns; ratatui asks only for inline
        // viewports, which this program does not use.
        Ok(self.at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Nothing echoed is left to confirm on a cleared screen.
        self.echoed.clear();
        // Terminals erase with the current background colour: reset first
        // so cleared cells are truly blank.
        self.reset_style()?;
        let how = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.out, Clear(how))?;
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        // ratatui asks before every frame: one ioctl on the descriptor we
        // draw to, and crossterm's way (which opens /dev/tty) only when
        // standard output is not the terminal.
        let (width, height) = match crate::sys::window_size(libc::STDOUT_FILENO) {
            Some(size) => size,
            None => terminal::size()?,
        };
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> LeanBackend<W> {
    /// Notes a new terminal width (after a resize).
    pub fn set_width(&mut self, width: u16) {
        self.width = width;
        self.at = None;
        self.echoed.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn cell(s: &'static str, style: Style) -> Cell {
        let mut c = Cell::new(s);
        c.set_style(style);
        c
    }

    #[test]
    fn a_typed_letter_after_the_cursor_costs_one_byte() {
        let mut b = LeanBackend::new(Vec::new(), 80);
        b.set_cursor_position(Position { x: 10, y: 4 }).unwrap();
        b.show_cursor().unwrap();
        let before = b.writer().len();
        let a = cell("a", Style::default());
        b.draw([(10, 4, &a)].into_iter()).unwrap();
        b.set_cursor_position(Position { x: 11, y: 4 }).unwrap();
        b.show_cursor().unwrap();
        assert_eq!(&b.writer()[before..], b"a");
    }

    /// Echoes `typed` over a plain blank at (`x`, 4), the cursor then at
    /// `next`: whether it was written.
    fn echo_at(
        b: &mut LeanBackend<Vec<u8>>,
        x: u16,
        typed: &'static str,
        next: (u16, u16),
    ) -> bool {
        let at = Position { x, y: 4 };
        let cells = [EchoCell {
            at,
            typed: cell(typed, Style::default()),
            before: cell(" ", Style::default()),
        }];
        b.echo(at, &cells, Position::from(next)).unwrap()
    }

    /// A backend whose last frame left the cursor shown at `at`, with the
    /// bytes written so far.
    fn cursor_shown_at(at: Position) -> (LeanBackend<Vec<u8>>, usize) {
        let mut b = LeanBackend::new(Vec::new(), 80);
        b.set_cursor_position(at).unwrap();
        b.show_cursor().unwrap();
        let n = b.writer().len();
        (b, n)
    }

    #[test]
    fn an_echo_the_frame_agrees_with_costs_nothing_more() {
        let at = Position { x: 10, y: 4 };
        let (mut b, start) = cursor_shown_at(at);
        let a = cell("a", Style::default());
        assert!(echo_at(&mut b, 10, "a", (11, 4)));
        assert_eq!(&b.writer()[start..], b"a");
        let echoed = b.writer().len();
        // The frame draws the same letter and puts the cursor after it.
        b.draw([(10, 4, &a)].into_iter()).unwrap();
        b.set_cursor_position(Position { x: 11, y: 4 }).unwrap();
        b.show_cursor().unwrap();
        assert_eq!(b.writer().len(), echoed, "{:?}", &b.writer()[echoed..]);
    }

    /// A backend that has just echoed the letter `typed` over a blank at
    /// (10, 4), the cursor after it, with the bytes written so far.
    fn echoed(typed: &'static str) -> (LeanBackend<Vec<u8>>, usize) {
        let (mut b, _) = cursor_shown_at(Position { x: 10, y: 4 });
        assert!(echo_at(&mut b, 10, typed, (11, 4)));
        let n = b.writer().len();
        (b, n)
    }

    #[test]
    fn a_wrong_echo_is_put_right_by_the_next_frame() {
        // The frame leaves the cell as it was (the letter went elsewhere):
        // the blank goes back.
        let (mut b, echoed_len) = echoed("a");
        b.draw(std::iter::empty()).unwrap();
        b.set_cursor_position(Position { x: 10, y: 4 }).unwrap();
        let after = String::from_utf8(b.writer()[echoed_len..].to_vec()).unwrap();
        assert_eq!(after, "\x1b[5;11H \x1b[5;11H");
        // The frame draws something else there: that is written.
        let (mut b, echoed_len) = echoed("a");
        let red = cell("a", Style::default().fg(Color::Red));
        b.draw([(10, 4, &red)].into_iter()).unwrap();
        let after = String::from_utf8(b.writer()[echoed_len..].to_vec()).unwrap();
        assert_eq!(after, "\x1b[5;11H\x1b[31ma");
        // A typed space on a blank needs nothing put back.
        let (mut b, echoed_len) = echoed(" ");
        b.draw(std::iter::empty()).unwrap();
        assert_eq!(b.writer().len(), echoed_len);
    }

    #[test]
    fn no_echo_unless_the_cursor_is_shown_there_and_none_is_waiting() {
        let at = Position { x: 10, y: 4 };
        let mut hidden = LeanBackend::new(Vec::new(), 80);
        hidden.set_cursor_position(at).unwrap();
        hidden.hide_cursor().unwrap();
        assert!(!echo_at(&mut hidden, 10, "a", (11, 4)));
        let (mut b, start) = cursor_shown_at(at);
        // Not where the cursor is.
        assert!(!echo_at(&mut b, 3, "a", (4, 4)));
        assert_eq!(b.writer().len(), start);
        assert!(echo_at(&mut b, 10, "a", (11, 4)));
        // A second letter before the frame: left to the frame.
        assert!(!echo_at(&mut b, 11, "a", (12, 4)));
        // A cleared screen has nothing to confirm.
        b.clear().unwrap();
        let cleared = b.writer().len();
        b.draw(std::iter::empty()).unwrap();
        assert_eq!(b.writer().len(), cleared);
    }

    #[test]
    fn a_word_carried_down_costs_nothing_more_when_the_frame_agrees_and_is_put_right_when_not() {
        let from = Position { x: 2, y: 5 };
        let blank = cell(" ", Style::default());
        let (g, h) = (cell("g", Style::default()), cell("h", Style::default()));
        let x = cell("x", Style::default());
        let at = |x, y, typed: &Cell, before: &Cell| EchoCell {
            at: Position { x, y },
            typed: typed.clone(),
            before: before.clone(),
        };
        let cells = vec![
            at(8, 4, &blank, &g),
            at(9, 4, &blank, &h),
            at(2, 5, &g, &blank),
            at(3, 5, &h, &blank),
            at(4, 5, &x, &blank),
        ];
        let next = Position { x: 5, y: 5 };
        let (mut b, _) = cursor_shown_at(from);
        assert!(b.echo(from, &cells, next).unwrap());
        let echoed = b.writer().len();
        let frame = [
            (8, 4, &blank),
            (9, 4, &blank),
            (2, 5, &g),
            (3, 5, &h),
            (4, 5, &x),
        ];
        b.draw(frame.into_iter()).unwrap();
        b.set_cursor_position(next).unwrap();
        assert_eq!(b.writer().len(), echoed, "{:?}", &b.writer()[echoed..]);
        // The frame kept the word where it was and put the letter alone on
        // the new row: the word goes back, the row's copy goes.
        let (mut b, _) = cursor_shown_at(from);
        b.echo(from, &cells, next).unwrap();
        let echoed = b.writer().len();
        b.draw([(2, 5, &x)].into_iter()).unwrap();
        let after = String::from_utf8(b.writer()[echoed..].to_vec()).unwrap();
        assert_eq!(after, "\x1b[6;3Hx\x1b[5;9Hgh\x1b[6;5H \x1b[6;4H ");
    }

    #[test]
    fn an_echo_in_the_last_column_moves_the_cursor_in_full_to_the_next_row() {
        let at = Position { x: 10, y: 4 };
        let mut b = LeanBackend::new(Vec::new(), 11);
        b.set_cursor_position(at).unwrap();
        b.show_cursor().unwrap();
        let start = b.writer().len();
        let a = cell("a", Style::default());
        let next = Position { x: 2, y: 5 };
        assert!(echo_at(&mut b, 10, "a", (2, 5)));
        assert_eq!(&b.writer()[start..], b"a\x1b[6;3H");
        let echoed = b.writer().len();
        b.draw([(10, 4, &a)].into_iter()).unwrap();
        b.set_cursor_position(next).unwrap();
        b.show_cursor().unwrap();
        assert_eq!(b.writer().len(), echoed);
    }

    #[test]
    fn styles_carry_over_and_are_undone_fully_when_one_goes() {
        let mut b = LeanBackend::new(Vec::new(), 80);
        let bold_red = cell("x", Style::default().fg(Color::Red).bold());
        let plain = cell("y", Style::default());
        b.draw([(0, 0, &bold_red), (1, 0, &bold_red)].into_iter())
            .unwrap();
        let first = String::from_utf8(b.writer().clone()).unwrap();
        assert_eq!(first.matches("\x1b[1m").count(), 1, "{first:?}");
        assert!(first.ends_with("xx"), "no reset after the frame: {first:?}");
        b.draw([(2, 0, &plain)].into_iter()).unwrap();
        let all = String::from_utf8(b.writer().clone()).unwrap();
        let second = &all[first.len()..];
        // One full reset undoes the bold and the red together.
        assert_eq!(second, "\x1b[0my");
    }

    #[test]
    fn moves_along_a_row_are_short() {
        let mut b = LeanBackend::new(Vec::new(), 80);
        b.set_cursor_position(Position { x: 10, y: 4 }).unwrap();
        b.set_cursor_position(Position { x: 12, y: 4 }).unwrap();
        b.set_cursor_position(Position { x: 3, y: 4 }).unwrap();
        assert_eq!(
            String::from_utf8(b.writer().clone()).unwrap(),
            "\x1b[5;11H\x1b[2C\x1b[5;4H"
        );
    }

    #[test]
    fn the_cursor_is_shown_or_hidden_only_when_that_changes() {
        let mut b = LeanBackend::new(Vec::new(), 80);
        b.hide_cursor().unwrap();
        b.hide_cursor().unwrap();
        b.show_cursor().unwrap();
        b.show_cursor().unwrap();
        assert_eq!(
            String::from_utf8(b.writer().clone()).unwrap(),
            "\x1b[?25l\x1b[?25h"
        );
    }

    #[test]
    fn the_last_column_leaves_the_cursor_unknown_and_clearing_resets_colours() {
        let mut b = LeanBackend::new(Vec::new(), 3);
        let blue = cell("z", Style::default().bg(Color::Blue));
        b.draw([(2, 0, &blue)].into_iter()).unwrap();
        b.set_cursor_position(Position { x: 3, y: 0 }).unwrap();
        let s = String::from_utf8(b.writer().clone()).unwrap();
        assert!(s.ends_with("\x1b[1;4H"), "{s:?}");
        b.clear().unwrap();
        let s = String::from_utf8(b.writer().clone()).unwrap();
        assert!(s.ends_with("\x1b[0m\x1b[2J"), "{s:?}");
    }

    #[test]
    fn named_colours_use_the_codes_every_colour_terminal_knows() {
        let mut b = LeanBackend::new(Vec::new(), 80);
        let red = cell("x", Style::default().fg(Color::Red).bg(Color::DarkGray));
        b.draw([(0, 0, &red)].into_iter()).unwrap();
        let out = String::from_utf8(b.writer().clone()).unwrap();
        assert!(
            out.contains("\x1b[31m") && out.contains("\x1b[100m"),
            "{out:?}"
        );
        assert!(!out.contains("38;5"), "{out:?}");
    }

    #[test]
    fn no_italics_where_the_terminal_has_none_and_ascii_where_its_locale_is_not_utf8() {
        let caps = TermCaps {
            colours: 8,
            italic: false,
            unicode: false,
        };
        let mut b = LeanBackend::for_terminal(Vec::new(), 80, caps);
        let hint = cell("┌", Style::default().italic());
        let name = cell("ë", Style::default());
        b.draw([(0, 0, &hint), (1, 0, &name)].into_iter()).unwrap();
        let out = b.writer().clone();
        assert!(!out.windows(4).any(|w| w == b"\x1b[3m"), "{out:?}");
        assert!(out.ends_with(b"+\xeb"), "{out:?}");
    }
}
