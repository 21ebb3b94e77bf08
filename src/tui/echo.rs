//! A typed character shown before its frame is drawn. Where the last frame
//! left the text cursor on a blank cell with room after it (or on a row's
//! last cell with an empty row below), a letter typed there is written to
//! the terminal at once, in the blank's own style, the cursor moved where
//! the frame will put it, and the frame follows: on a slow link and on a
//! big field the person sees the letter as soon as a plain editor would
//! show it (issue 12). After a row typed full with an unfinished word, a
//! letter carries the word down to the next row, as the text area wraps.
//!
//! The echo is a guess and never more. The backend remembers what it wrote
//! and what the cell held before (`LeanBackend::echo`); when the frame
//! arrives it sends nothing for a cell the echo already got right, and puts
//! back whatever the frame says belongs there when the guess was wrong (a
//! word wrapped to the next line, a field that refused the letter).

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect};

/// The text cursor as the last frame drew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextCursor {
    /// Where it is on the screen.
    pub at: Position,
    /// The text area it is in.
    pub area: Rect,
    /// Whether it is inside a line of the text, not at a line's start:
    /// at the start of a row it is after a wrap (the word above may be
    /// carried down) only when it is inside its line.
    pub mid_line: bool,
}

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
    /// The unfinished word ending the row above, when that row was typed
    /// exactly full and the cursor waits at this row's start: a letter
    /// typed now carries the word down to this row.
    carried: Option<Carried>,
}

/// An unfinished word at the end of a full row: where it starts and its
/// cells as drawn.
#[derive(Debug, Clone, PartialEq)]
struct Carried {
    from: Position,
    cells: Vec<Cell>,
}

/// One cell an echo writes: where, what, and what the last frame had
/// there (put back if the frame leaves the cell as it was).
#[derive(Debug, Clone, PartialEq)]
pub struct EchoCell {
    /// The cell's place on the screen.
    pub at: Position,
    /// What the echo writes there.
    pub typed: Cell,
    /// What the last frame drew there.
    pub before: Cell,
}

/// What a typed letter is guessed to change, in the order to write it, and
/// where the cursor is then.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// The cells to write.
    pub cells: Vec<EchoCell>,
    /// Where the cursor goes after them.
    pub next: Position,
}

impl EchoSpot {
    /// The spot in a frame about to be drawn, with the text cursor
    /// `text`: only a blank cell with blanks of the same style after it in
    /// its row, or, in the row's last cell, a blank with an empty row below
    /// it inside the area (the letter then fills the row, and the cursor
    /// waits at the next row's start, as `graphemes::textarea_cursor` puts
    /// it).
    pub fn find(buffer: &Buffer, text: TextCursor) -> Option<EchoSpot> {
        let TextCursor {
            at: cursor,
            area,
            mid_line,
        } = text;
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
        let row_empty = |y: u16| {
            (area.x..area.right())
                .all(|x| buffer.cell(Position { x, y }).is_some_and(|c| c == here))
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
            (area.contains(below) && row_empty(below.y)).then_some(below)?
        };
        let carried = (mid_line && cursor.x == area.x && cursor.y > area.y && row_empty(cursor.y))
            .then(|| carried_word(buffer, area, cursor.y - 1, here))
            .flatten();
        Some(EchoSpot {
            at: cursor,
            blank: here.clone(),
            next,
            carried,
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

    /// What typing `c` here is guessed to draw. After a row typed full
    /// with an unfinished word, a letter or digit carries the word down
    /// (the text area wraps at words) and a space ends the word where it
    /// is, starting this row as any letter would; anything else there is
    /// left to the frame, as the text area's rules for it are its own.
    pub fn guess(&self, c: char) -> Option<Guess> {
        let letter = self.cell_for(c)?;
        let carried = self.carried.as_ref().filter(|_| c != ' ');
        let Some(carried) = carried else {
            return Some(Guess {
                cells: vec![EchoCell {
                    at: self.at,
                    typed: letter,
                    before: self.blank.clone(),
                }],
                next: self.next,
            });
        };
        if !c.is_ascii_alphanumeric() {
            return None;
        }
        let len = u16::try_from(carried.cells.len()).ok()?;
        let at = |x: u16, y: u16| Position { x, y };
        let mut cells = Vec::with_capacity(2 * carried.cells.len() + 1);
        for (i, word) in (0..len).zip(&carried.cells) {
            cells.push(EchoCell {
                at: at(carried.from.x + i, carried.from.y),
                typed: self.blank.clone(),
                before: word.clone(),
            });
        }
        for (i, word) in (0..len).zip(&carried.cells) {
            cells.push(EchoCell {
                at: at(self.at.x + i, self.at.y),
                typed: word.clone(),
                before: self.blank.clone(),
            });
        }
        cells.push(EchoCell {
            at: at(self.at.x + len, self.at.y),
            typed: letter,
            before: self.blank.clone(),
        });
        Some(Guess {
            cells,
            next: at(self.at.x + len + 1, self.at.y),
        })
    }
}

/// The unfinished word ending row `y` of `area`, when the row is full to
/// its last cell and the word has a space before it and is shorter than
/// half the row (a longer one the text area may break instead of moving).
fn carried_word(buffer: &Buffer, area: Rect, y: u16, blank: &Cell) -> Option<Carried> {
    let last = area.right().checked_sub(1)?;
    let is_text = |x: u16| {
        buffer
            .cell(Position { x, y })
            .is_some_and(|c| c.symbol() != " " && c.symbol().len() == 1 && c.bg == blank.bg)
    };
    if !is_text(last) {
        return None;
    }
    let mut start = last;
    while start > area.x && is_text(start - 1) {
        start -= 1;
    }
    let len = last - start + 1;
    let space_before = start > area.x
        && buffer
            .cell(Position { x: start - 1, y })
            .is_some_and(|c| c.symbol() == " ");
    if !space_before || len >= area.width / 2 {
        return None;
    }
    let cells = (start..=last)
        .filter_map(|x| buffer.cell(Position { x, y }).cloned())
        .collect();
    Some(Carried {
        from: Position { x: start, y },
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    /// The cursor at `at` inside a line of the text in `area`.
    fn on(at: Position, area: Rect) -> TextCursor {
        TextCursor {
            at,
            area,
            mid_line: true,
        }
    }

    /// The field's text style.
    fn text_style() -> Style {
        Style::default().fg(Color::White).bg(Color::Blue)
    }

    /// "│ab        │" over a blank row: a field of ten columns, two rows.
    fn field() -> (Buffer, Rect) {
        let mut b = Buffer::empty(Rect::new(0, 0, 16, 3));
        let text = text_style();
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
        let spot = EchoSpot::find(&b, on(Position { x: 3, y: 0 }, area)).unwrap();
        assert_eq!(spot.next, Position { x: 4, y: 0 });
        let cell = spot.cell_for('c').unwrap();
        assert_eq!(cell.symbol(), "c");
        assert_eq!(cell.bg, Color::Blue);
        assert_eq!(cell.fg, Color::White);
    }

    #[test]
    fn a_letter_filling_its_row_sends_the_cursor_to_the_next_rows_start() {
        let (mut b, area) = field();
        let text = text_style();
        b.set_string(1, 0, "abcdefghi", text);
        let spot = EchoSpot::find(&b, on(Position { x: 10, y: 0 }, area)).unwrap();
        assert_eq!(spot.next, Position { x: 1, y: 1 });
        // Not on the last row, and not when the row below holds text.
        assert_eq!(EchoSpot::find(&b, on(Position { x: 10, y: 1 }, area)), None);
        b.set_string(1, 1, "z", text);
        assert_eq!(EchoSpot::find(&b, on(Position { x: 10, y: 0 }, area)), None);
    }

    #[test]
    fn no_spot_on_a_letter_or_outside_the_text_area() {
        let (b, area) = field();
        // On a letter: typing there inserts, moving what follows.
        assert_eq!(EchoSpot::find(&b, on(Position { x: 2, y: 0 }, area)), None);
        // Outside the area and outside the buffer.
        assert_eq!(EchoSpot::find(&b, on(Position { x: 12, y: 0 }, area)), None);
        assert_eq!(EchoSpot::find(&b, on(Position { x: 3, y: 5 }, area)), None);
    }

    #[test]
    fn a_letter_after_a_full_row_carries_its_unfinished_word_down() {
        let (mut b, area) = field();
        let text = text_style();
        b.set_string(1, 0, "abcdef ghi", text);
        let spot = EchoSpot::find(&b, on(Position { x: 1, y: 1 }, area)).unwrap();
        let guess = spot.guess('j').unwrap();
        let drawn: Vec<(u16, u16, &str)> = guess
            .cells
            .iter()
            .map(|c| (c.at.x, c.at.y, c.typed.symbol()))
            .collect();
        assert_eq!(
            drawn,
            [
                (8, 0, " "),
                (9, 0, " "),
                (10, 0, " "),
                (1, 1, "g"),
                (2, 1, "h"),
                (3, 1, "i"),
                (4, 1, "j")
            ]
        );
        assert_eq!(guess.next, Position { x: 5, y: 1 });
        assert_eq!(guess.cells[0].before.symbol(), "g");
        // A space ends the word where it is and starts this row, as the
        // text area wraps it; a comma (joined to the word or not, by rules
        // of the text area's own) is left to the frame.
        let space = spot.guess(' ').unwrap();
        assert_eq!(space.cells.len(), 1);
        assert_eq!(space.cells[0].at, Position { x: 1, y: 1 });
        assert_eq!(space.next, Position { x: 2, y: 1 });
        assert_eq!(spot.guess(','), None);
        // At the start of a line of its own (after Enter), nothing is
        // carried: the word above ends the line before.
        let own_line = TextCursor {
            mid_line: false,
            ..on(Position { x: 1, y: 1 }, area)
        };
        let spot = EchoSpot::find(&b, own_line).unwrap();
        assert_eq!(spot.guess('j').unwrap().cells.len(), 1);
        // A row ending in a space carries nothing: the letter starts the row.
        b.set_string(1, 0, "abcdefghi ", text);
        let spot = EchoSpot::find(&b, on(Position { x: 1, y: 1 }, area)).unwrap();
        assert_eq!(spot.guess('j').unwrap().cells.len(), 1);
        // One word filling the whole row may be broken, not moved.
        b.set_string(1, 0, "abcdefghij", text);
        let spot = EchoSpot::find(&b, on(Position { x: 1, y: 1 }, area)).unwrap();
        assert_eq!(spot.guess('k').unwrap().cells.len(), 1);
    }

    #[test]
    fn only_printable_ascii_is_guessed() {
        let (b, area) = field();
        let spot = EchoSpot::find(&b, on(Position { x: 3, y: 0 }, area)).unwrap();
        assert!(spot.cell_for(' ').is_some());
        assert_eq!(spot.cell_for('é'), None);
        assert_eq!(spot.cell_for('\t'), None);
        assert_eq!(spot.cell_for('漢'), None);
    }
}
