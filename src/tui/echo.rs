//! A typed character shown before its frame is drawn. Where the last frame
//! left the text cursor on a blank cell with room after it, a letter typed
//! there is written to the terminal at once, in the blank's own style, and
//! the frame follows: on a slow link and on a big field the person sees the
//! letter as soon as a plain editor would show it (issue 12).
//!
//! The echo is a guess and never more. The backend remembers what it wrote
//! and what the cell held before (`LeanBackend::echo`); when the frame
//! arrives it sends nothing for a cell the echo already got right, and puts
//! back whatever the frame says belongs there when the guess was wrong (a
//! word wrapped to the next line, a field that refused the letter).

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Position;

/// Where the next typed character can go ahead of its frame: the text
/// cursor's cell as the last frame drew it.
#[derive(Debug, Clone, PartialEq)]
pub struct EchoSpot {
    /// The text cursor, in the last frame.
    pub at: Position,
    /// The blank the cursor sits on, style and all.
    pub blank: Cell,
}

impl EchoSpot {
    /// The spot in a frame about to be drawn, with the text cursor at
    /// `cursor`: only a blank cell with another blank of the same style
    /// after it (the cursor's next place still inside the field), never
    /// the terminal's last column (where terminals differ on where the
    /// cursor goes).
    pub fn find(buffer: &Buffer, cursor: Position) -> Option<EchoSpot> {
        let next = Position {
            x: cursor.x.checked_add(1)?,
            y: cursor.y,
        };
        let area = buffer.area;
        if next.x >= area.right().saturating_sub(1) || !area.contains(cursor) {
            return None;
        }
        let here = buffer.cell(cursor)?;
        let after = buffer.cell(next)?;
        (here.symbol() == " " && here.diff_option == CellDiffOption::None && after == here).then(
            || EchoSpot {
                at: cursor,
                blank: here.clone(),
            },
        )
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
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn field_row() -> Buffer {
        // "│ab   │" with the field's blanks on a blue ground.
        let mut b = Buffer::empty(Rect::new(0, 0, 12, 2));
        let text = Style::default().fg(Color::White).bg(Color::Blue);
        b.set_string(0, 0, "│", Style::default());
        b.set_string(1, 0, "ab        ", text);
        b.set_string(11, 0, "│", Style::default());
        b
    }

    #[test]
    fn a_blank_with_room_after_it_is_a_spot_in_the_blanks_own_style() {
        let b = field_row();
        let spot = EchoSpot::find(&b, Position { x: 3, y: 0 }).unwrap();
        let cell = spot.cell_for('c').unwrap();
        assert_eq!(cell.symbol(), "c");
        assert_eq!(cell.bg, Color::Blue);
        assert_eq!(cell.fg, Color::White);
    }

    #[test]
    fn no_spot_on_a_letter_at_the_fields_edge_or_in_the_last_column() {
        let b = field_row();
        // On a letter: typing there inserts, moving what follows.
        assert_eq!(EchoSpot::find(&b, Position { x: 2, y: 0 }), None);
        // The last blank before the border: the cursor's next place is not
        // in the field.
        assert_eq!(EchoSpot::find(&b, Position { x: 10, y: 0 }), None);
        // Outside the buffer.
        assert_eq!(EchoSpot::find(&b, Position { x: 3, y: 5 }), None);
        let wide = Buffer::empty(Rect::new(0, 0, 4, 1));
        assert_eq!(EchoSpot::find(&wide, Position { x: 2, y: 0 }), None);
    }

    #[test]
    fn only_printable_ascii_is_guessed() {
        let b = field_row();
        let spot = EchoSpot::find(&b, Position { x: 3, y: 0 }).unwrap();
        assert!(spot.cell_for(' ').is_some());
        assert_eq!(spot.cell_for('é'), None);
        assert_eq!(spot.cell_for('\t'), None);
        assert_eq!(spot.cell_for('漢'), None);
    }
}
