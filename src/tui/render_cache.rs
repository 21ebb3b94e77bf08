//! A part of the screen drawn once and copied into later frames while what
//! it shows is unchanged. ratatui draws every frame from nothing, and
//! laying text into cells (grapheme by grapheme, with widths) is most of a
//! frame's cost; panes that do not change while someone types (the form's
//! list of sections) are copied cell by cell instead (issue 12).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The cells last drawn for a pane, and what they were drawn from.
pub struct RenderCache<K> {
    drawn: Option<(K, Buffer)>,
}

impl<K> Default for RenderCache<K> {
    fn default() -> Self {
        RenderCache { drawn: None }
    }
}

impl<K: PartialEq> RenderCache<K> {
    /// Puts the pane for `key` into `area` of `buf`: the cells kept from
    /// last time when `key` and the area are the same, else what `draw`
    /// makes of `key` on a blank area (then kept for next time).
    pub fn draw(
        &mut self,
        key: K,
        area: Rect,
        buf: &mut Buffer,
        draw: impl FnOnce(&K, &mut Buffer),
    ) {
        let area = area.intersection(buf.area);
        let fresh = match &self.drawn {
            Some((k, cells)) => *k != key || cells.area != area,
            None => true,
        };
        if fresh {
            let mut cells = Buffer::empty(area);
            draw(&key, &mut cells);
            self.drawn = Some((key, cells));
        }
        if let Some((_, cells)) = &self.drawn {
            for y in area.top()..area.bottom() {
                for x in area.left()..area.right() {
                    if let (Some(to), Some(from)) = (buf.cell_mut((x, y)), cells.cell((x, y))) {
                        to.clone_from(from);
                    }
                }
            }
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
