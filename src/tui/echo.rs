//! A typed character shown before its frame is drawn. Where the last frame
//! left the text cursor on a blank cell with room after it (or on a row's
//! last cell with an empty row below), a letter typed there is written to
//! the terminal at once, in the blank's own style, the cursor moved where
//! the frame will put it, and the frame follows: on a slow link and on a big field the person sees the
//! letter as soon as a plain editor would show it (issue 12).
//!
//! The echo is a guess and never more. The backend remembers what it wrote
//! and what the cell held before (`LeanBackend::echo`); when the frame
//! arrives it sends nothing for a cell the echo already got right, and puts
//! back whatever the frame says belongs there when the guess was wrong (a
//! word wrapped to the next line, a field that refused the letter).

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect};

/// Where the next typed character can go ahead of its frame: the text
/// cursor's cell as the last frame drew it, and where the cursor goes
/// after the letter.
#[derive(Debug, Clone, PartialEq)]
pub struct EchoSpot {
    /// The text cursor, in the last frame.
    pub at: Position,
    /// The blank the cursor sits on, style and all.
    pub blank: Cell,
    /// Where the cursor is guessed to be after the letter: the next cell,
    /// or the start of the next row when the letter fills its row.
    pub next: Position,
}

impl EchoSpot {
    /// The spot in a frame about to be drawn, with the text cursor at
    /// `cursor` in the text area `area`: only a blank cell with blanks of
    /// the same style after it in its row, or, in the row's last cell, a
    /// blank with an empty row below it inside the area (the letter then
    /// fills the row, and the cursor waits at the next row's start, as
    /// `graphemes::textarea_cursor` puts it).
    pub fn find(buffer: &Buffer, cursor: Position, area: Rect) -> Option<EchoSpot> {
        if !area.contains(cursor) || !buffer.area.contains(cursor) {
            return None;
        }
        let here = buffer.cell(cursor)?;
        if here.symbol() != " " || here.diff_option != CellDiffOption::None {
            return None;
        }
        let right = Position {
            x: cursor.x.checked_add(1)?,
            y: cursor.y,
        };
        let next = if area.contains(right) {
            (buffer.cell(right)? == here).then_some(right)?
        } else {
            // The row's last cell: the row below must be inside the area
            // and empty, so the letter does not push a word down.
            let below = Position {
                x: area.x,
                y: cursor.y.checked_add(1)?,
            };
            let row_empty = area.contains(below)
                && (area.x..area.right()).all(|x| {
                    buffer
                        .cell(Position { x, y: below.y })
                        .is_some_and(|c| c == here)
                });
            row_empty.then_some(below)?
        };
        Some(EchoSpot {
            at: cursor,
            blank: here.clone(),
            next,
        })
    }

    /// The cell a typed `c` is guessed to make: the blank with `c` in it.
    /// Only printable ASCII, one column wide on every terminal; anything
    /// else waits for its frame.
    pub fn cell_for(&self, c: char) -> Option<Cell> {
        if !(c.is_ascii_graphic() || c == ' ') {
            return None;
        }
        let mut cell = self.blank.clone();
        cell.set_char(c);
        Some(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    /// "│ab        │" over a blank row: a field of ten columns, two rows.
    fn field() -> (Buffer, Rect) {
        let mut b = Buffer::empty(Rect::new(0, 0, 16, 3));
        let text = Style::default().fg(Color::White).bg(Color::Blue);
        for y in 0..2 {
            b.set_string(0, y, "│", Style::default());
            b.set_string(1, y, "          ", text);
            b.set_string(11, y, "│", Style::default());
        }
        b.set_string(1, 0, "ab", text);
        (b, Rect::new(1, 0, 10, 2))
    }

    #[test]
    fn a_blank_with_room_after_it_is_a_spot_in_the_blanks_own_style() {
        let (b, area) = field();
        let spot = EchoSpot::find(&b, Position { x: 3, y: 0 }, area).unwrap();
        assert_eq!(spot.next, Position { x: 4, y: 0 });
        let cell = spot.cell_for('c').unwrap();
        assert_eq!(cell.symbol(), "c");
        assert_eq!(cell.bg, Color::Blue);
        assert_eq!(cell.fg, Color::White);
    }

    #[test]
    fn a_letter_filling_its_row_sends_the_cursor_to_the_next_rows_start() {
        let (mut b, area) = field();
        let text = Style::default().fg(Color::White).bg(Color::Blue);
        b.set_string(1, 0, "abcdefghi", text);
        let spot = EchoSpot::find(&b, Position { x: 10, y: 0 }, area).unwrap();
        assert_eq!(spot.next, Position { x: 1, y: 1 });
        // Not on the last row, and not when the row below holds text.
        assert_eq!(EchoSpot::find(&b, Position { x: 10, y: 1 }, area), None);
        b.set_string(1, 1, "z", text);
        assert_eq!(EchoSpot::find(&b, Position { x: 10, y: 0 }, area), None);
    }

    #[test]
    fn no_spot_on_a_letter_or_outside_the_text_area() {
        let (b, area) = field();
        // On a letter: typing there inserts, moving what follows.
        assert_eq!(EchoSpot::find(&b, Position { x: 2, y: 0 }, area), None);
        // Outside the area and outside the buffer.
        assert_eq!(EchoSpot::find(&b, Position { x: 12, y: 0 }, area), None);
        assert_eq!(EchoSpot::find(&b, Position { x: 3, y: 5 }, area), None);
    }

    #[test]
    fn only_printable_ascii_is_guessed() {
        let (b, area) = field();
        let spot = EchoSpot::find(&b, Position { x: 3, y: 0 }, area).unwrap();
        assert!(spot.cell_for(' ').is_some());
        assert_eq!(spot.cell_for('é'), None);
        assert_eq!(spot.cell_for('\t'), None);
        assert_eq!(spot.cell_for('漢'), None);
    }
}
