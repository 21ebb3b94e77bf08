//! Text fields by grapheme cluster (what a person sees as one character),
//! not by `char`. The text area we edit with measures and moves by `char`,
//! so a flag, "✔️" with its variation selector, a thumbs-up with a skin
//! tone, a family joined by zero-width joiners, or a letter with Hebrew
//! points could be split by the cursor, half-deleted, or drawn where the
//! terminal does not expect it. Three things mend that here:
//!
//! - the cursor is moved to the nearest cluster boundary after every move,
//!   and Backspace and Delete remove a whole cluster (`boundary_before`,
//!   `boundary_after`, `snap`);
//! - clusters that terminals draw at different widths (an emoji sequence
//!   with U+FE0F, U+200D, a skin tone, a keycap or tag characters) are
//!   drawn as their first character, padded with spaces to the cells the
//!   screen reserved for them (`settle`), so every cell after one is
//!   written by us and none is left stale, whatever the terminal does;
//! - the terminal's cursor is placed by the widths actually drawn
//!   (`drawn_offset`), not by the text area's per-`char` count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` is a regional indicator (two make a flag).
fn regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Whether terminals disagree on how wide `g` (one cluster) is drawn. A
/// flag is: tmux, for one, draws its two letters apart and leaves the
/// second behind when the flag is deleted.
pub fn disputed(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if chars.as_str().is_empty() {
        return false;
    }
    if regional(first) {
        return true;
    }
    chars.any(|c| {
        matches!(c,
            '\u{FE0F}' | '\u{200D}' | '\u{20E3}'
            | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0020}'..='\u{E007F}')
    })
}

/// What a disputed cluster is drawn as: a flag as its two letters ("GB"),
/// anything else as its first character, which every terminal draws at
/// the width unicode-width gives it.
fn stand_in(g: &str) -> String {
    if g.chars().all(regional) {
        return g
            .chars()
            .filter_map(|c| char::from_u32(u32::from('A') + (u32::from(c) - 0x1F1E6)))
            .collect();
    }
    g.char_indices()
        .nth(1)
        .map_or(g, |(i, _)| &g[..i])
        .to_owned()
}

/// Redraws the disputed clusters in `area` of `buf` as their first
/// character followed by spaces filling the cells the cluster was given.
pub fn settle(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let Some(cell) = buf.cell((x, y)) else {
                break;
            };
            let symbol = cell.symbol();
            // Nearly every cell is one ASCII character: one cell, and
            // never disputed.
            let given = if symbol.len() == 1 {
                1
            } else {
                symbol.width().max(1)
            };
            if disputed(symbol) {
                let stand = stand_in(symbol);
                if stand.width() <= given {
                    let style = cell.style();
                    // The stand-in's characters one cell each, then real
                    // spaces up to what the cluster was given: written
                    // every frame, so nothing the terminal left there
                    // survives.
                    let mut cells: Vec<&str> = stand.graphemes(true).collect();
                    let used: usize = cells.iter().map(|g| g.width().max(1)).sum();
                    cells.extend(std::iter::repeat_n(" ", given - used.min(given)));
                    let mut at = x;
                    for g in cells {
                        if at >= area.right() {
                            break;
                        }
                        if let Some(c) = buf.cell_mut((at, y)) {
                            c.reset();
                            c.set_symbol(g);
                            c.set_style(style);
                        }
                        at = at.saturating_add(u16::try_from(g.width().max(1)).unwrap_or(1));
                    }
                }
            }
            x = x.saturating_add(u16::try_from(given).unwrap_or(1));
        }
    }
}

/// The char index of the cluster boundary at or before char `col` of
/// `line` (so a cursor inside a cluster goes to its start).
pub fn floor(line: &str, col: usize) -> usize {
    let mut at = 0;
    for (start, g) in chars_of_clusters(line) {
        let end = start + g;
        if end > col {
            return start;
        }
        at = end;
    }
    at
}

/// The char index of the cluster boundary at or after char `col`.
pub fn ceil(line: &str, col: usize) -> usize {
    let mut at = 0;
    for (start, g) in chars_of_clusters(line) {
        if start >= col {
            return start;
        }
        at = start + g;
    }
    at
}

/// The char index where the cluster before char `col` starts (`col` itself
/// when it is 0): where Backspace deletes from.
pub fn boundary_before(line: &str, col: usize) -> usize {
    let mut prev = 0;
    for (start, g) in chars_of_clusters(line) {
        if start + g >= col {
            return if start < col { start } else { prev };
        }
        prev = start;
    }
    prev.min(col)
}

/// The char index where the cluster at char `col` ends: what Delete
/// removes up to.
pub fn boundary_after(line: &str, col: usize) -> usize {
    for (start, g) in chars_of_clusters(line) {
        if start + g > col {
            return start + g;
        }
    }
    line.chars().count()
}

/// Where the cursor settles after a move: the nearest boundary in the
/// direction of travel.
pub fn snap(line: &str, col: usize, forward: bool) -> usize {
    if forward {
        ceil(line, col)
    } else {
        floor(line, col)
    }
}

/// (first char index, number of chars) of each cluster of `line`.
fn chars_of_clusters(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    line.graphemes(true).map(move |g| {
        let n = g.chars().count();
        let start = at;
        at += n;
        (start, n)
    })
}

/// How far from the start of its screen row the cursor is drawn, in
/// cells, when the text area puts it `units` cells along by its own
/// per-`char` count at char `col` of `line`: the row's start is found by
/// walking back that count, then the clusters up to the cursor are
/// measured as the screen draws them.
pub fn drawn_offset(line: &str, col: usize, units: usize) -> usize {
    // Drawn every frame: walk the line in place, no copy of it.
    let end = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
    let before = &line[..end];
    let mut start = end;
    let mut walked = 0;
    for (b, c) in before.char_indices().rev() {
        if walked >= units {
            break;
        }
        walked += c.width().unwrap_or(0);
        start = b;
    }
    before[start..]
        .graphemes(true)
        .map(UnicodeWidthStr::width)
        .sum()
}

/// Where a text area drawn in `rect` shows its cursor, from the scroll
/// position its drawing recorded; `None` when the cursor is out of view.
pub fn textarea_cursor(
    area: &ratatui_textarea::TextArea<'_>,
    rect: Rect,
) -> Option<ratatui::layout::Position> {
    let at = area.screen_cursor();
    let (top, left) = area.scroll_offset();
    let row = u16::try_from(at.row).ok()?.checked_sub(top)?;
    // The text area counts cells by `char`; the screen draws clusters
    // (crate::tui::graphemes), so the column is measured as drawn.
    let units = at.col.checked_sub(usize::from(left))?;
    let ratatui_textarea::DataCursor(line_no, col) = area.cursor();
    let line = area.lines().get(line_no).map_or("", String::as_str);
    let col = u16::try_from(drawn_offset(line, col, units)).ok()?;
    if row >= rect.height || col > rect.width {
        return None;
    }
    if col == rect.width {
        // Just after a row typed full: the text area has no cell there.
        // The next character starts the next row, so the cursor waits at
        // its start (as in vim), or on the last cell when that row is out
        // of sight; hiding it would make it blink out at every line's end.
        return Some(if row + 1 < rect.height {
            ratatui::layout::Position::new(rect.x, rect.y + row + 1)
        } else {
            ratatui::layout::Position::new((rect.x + col).saturating_sub(1), rect.y + row)
        });
    }
    Some(ratatui::layout::Position::new(rect.x + col, rect.y + row))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAG: &str = "\u{1F1EC}\u{1F1E7}";
    const CHECK: &str = "\u{2714}\u{FE0F}";
    const THUMB: &str = "\u{1F44D}\u{1F3FD}";
    const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    const SHIN: &str = "\u{05E9}\u{05C1}\u{05BC}";

    #[test]
    fn sequences_terminals_draw_differently_are_disputed_and_plain_ones_not() {
        for g in [CHECK, THUMB, FAMILY, FLAG, "1\u{FE0F}\u{20E3}"] {
            assert!(disputed(g), "{g:?}");
        }
        for g in ["a", "é", "e\u{301}", SHIN, "\u{1F600}", "中"] {
            assert!(!disputed(g), "{g:?}");
        }
    }

    #[test]
    fn the_cursor_never_rests_inside_a_cluster() {
        let line = format!("a{FLAG}b{THUMB}c");
        // a=0, flag=1..3, b=3, thumb=4..6, c=6
        assert_eq!(snap(&line, 2, true), 3);
        assert_eq!(snap(&line, 2, false), 1);
        assert_eq!(snap(&line, 5, true), 6);
        assert_eq!(snap(&line, 5, false), 4);
        assert_eq!(snap(&line, 3, true), 3);
        assert_eq!(snap(&line, 7, true), 7);
    }

    #[test]
    fn backspace_and_delete_take_the_whole_cluster() {
        let line = format!("x{FAMILY}y{SHIN}");
        // x=0, family=1..6, y=6, shin=7..10
        assert_eq!(boundary_before(&line, 6), 1);
        assert_eq!(boundary_after(&line, 1), 6);
        assert_eq!(boundary_before(&line, 10), 7);
        assert_eq!(boundary_after(&line, 7), 10);
        assert_eq!(boundary_before(&line, 1), 0);
        assert_eq!(boundary_before(&line, 0), 0);
        assert_eq!(boundary_after(&line, 10), 10);
    }

    #[test]
    fn the_cursor_is_placed_by_the_widths_drawn() {
        // The text area counts "✔️" as 1 (1 + 0) and the screen gives it 2.
        let line = format!("{CHECK}ab");
        assert_eq!(drawn_offset(&line, 3, 2), 3);
        // A skin tone: the text area counts 4, the screen 2.
        let line = format!("{THUMB}z");
        assert_eq!(drawn_offset(&line, 3, 5), 3);
        // Only the screen row the cursor is on counts.
        assert_eq!(drawn_offset("abcdef", 5, 2), 2);
    }

    #[test]
    fn a_disputed_cluster_is_drawn_as_its_first_character_and_spaces() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        let text = format!("{CHECK}a{THUMB}b{FLAG}");
        buf.set_string(0, 0, text, ratatui::style::Style::default());
        settle(&mut buf, Rect::new(0, 0, 8, 1));
        let cells: Vec<&str> = (0..8).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(
            cells,
            ["\u{2714}", " ", "a", "\u{1F44D}", " ", "b", "G", "B"]
        );
    }
}
