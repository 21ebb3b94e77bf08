//! A part of the screen drawn once and copied into later frames while what
//! it shows is unchanged. ratatui draws every frame from nothing, and
//! laying text into cells (grapheme by grapheme, with widths) is most of a
//! frame's cost; panes that do not change while someone types (the form's
//! list of sections, the title and key lines; `form_screen/page_cells.rs`
//! keeps the page's other fields with the same `KeptCells`) are copied
//! cell by cell instead (issue 12).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Cells as drawn, and on each row the stretch that is not blank: only
/// that is copied back (a large window's panes are mostly blank).
pub struct KeptCells {
    cells: Buffer,
    drawn: Vec<(u16, u16, u16)>,
}

impl KeptCells {
    /// Keeps `cells`, noting where on each row something was drawn.
    pub fn new(cells: Buffer) -> KeptCells {
        let area = cells.area;
        let blank = ratatui::buffer::Cell::EMPTY;
        let mut drawn = Vec::new();
        for y in area.top()..area.bottom() {
            let used = |x: &u16| cells.cell((*x, y)).is_some_and(|c| *c != blank);
            let first = (area.left()..area.right()).find(used);
            let last = (area.left()..area.right()).rev().find(used);
            if let (Some(a), Some(b)) = (first, last) {
                drawn.push((y, a, b + 1));
            }
        }
        KeptCells { cells, drawn }
    }

    /// Where the cells were drawn.
    pub fn area(&self) -> Rect {
        self.cells.area
    }

    /// Copies the cells into `buf`, which must be blank there (as a frame
    /// is where nothing has been drawn yet): blank cells are not copied.
    pub fn copy_into(&self, buf: &mut Buffer) {
        for &(y, from, to) in &self.drawn {
            for x in from..to {
                if let (Some(cell), Some(kept)) = (buf.cell_mut((x, y)), self.cells.cell((x, y))) {
                    cell.clone_from(kept);
                }
            }
        }
    }
}

/// The cells last drawn for a pane, and what they were drawn from.
pub struct RenderCache<K> {
    drawn: Option<(K, KeptCells)>,
}

impl<K> Default for RenderCache<K> {
    fn default() -> Self {
        RenderCache { drawn: None }
    }
}

impl<K: PartialEq> RenderCache<K> {
    /// Puts the pane for `key` into `area` of `buf`, which must be blank
    /// there (nothing drawn yet this frame): the cells kept from last time
    /// when `key` and the area are the same, else what `draw` makes of
    /// `key` on a blank area (then kept for next time).
    pub fn draw(
        &mut self,
        key: K,
        area: Rect,
        buf: &mut Buffer,
        draw: impl FnOnce(&K, &mut Buffer),
    ) {
        let area = area.intersection(buf.area);
        let fresh = match &self.drawn {
            Some((k, cells)) => *k != key || cells.area() != area,
            None => true,
        };
        if fresh {
            let mut cells = Buffer::empty(area);
            draw(&key, &mut cells);
            self.drawn = Some((key, KeptCells::new(cells)));
        }
        if let Some((_, cells)) = &self.drawn {
            cells.copy_into(buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn the_pane_is_drawn_again_only_when_its_key_or_area_changes() {
        let mut cache = RenderCache::default();
        let draws = std::cell::Cell::new(0);
        let area = Rect::new(2, 1, 5, 2);
        let frame = |cache: &mut RenderCache<&str>, key: &'static str, area: Rect| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
            cache.draw(key, area, &mut buf, |key, b| {
                draws.set(draws.get() + 1);
                b.set_string(area.x, area.y, *key, Style::default());
            });
            buf
        };
        let first = frame(&mut cache, "one", area);
        let again = frame(&mut cache, "one", area);
        assert_eq!(first, again);
        assert_eq!(first[(2, 1)].symbol(), "o");
        let other = frame(&mut cache, "two", area);
        assert_eq!(other[(2, 1)].symbol(), "t");
        let moved = frame(&mut cache, "two", Rect::new(3, 1, 5, 2));
        assert_eq!(moved[(3, 1)].symbol(), "t");
        assert_eq!(moved[(2, 1)].symbol(), " ");
        assert_eq!(draws.get(), 3);
    }
}
