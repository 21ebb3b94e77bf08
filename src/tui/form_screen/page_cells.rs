//! The form page's fields without the focus, kept as laid out and drawn
//! while nothing they show can have changed (issue 12: laying the whole
//! page out again was most of a keystroke's time). What they show comes
//! from the page, the focus, the width, the theme, the answers and the
//! problems found; the screen counts every change to the answers and
//! every new check (`answers_rev`, `completeness_rev`), except a letter
//! typed into free text that no rule reads, which changes only the field
//! being typed. The focused field is laid out and drawn on every frame,
//! over the kept cells.

use crate::tui::render_cache::KeptCells;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What the other fields' rows are made from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PageBase {
    pub page: usize,
    pub focus: usize,
    pub width: usize,
    pub editor_h: u16,
    pub theme: Theme,
    pub answers_rev: u64,
    pub completeness_rev: u64,
}

/// Where they were drawn: the rows above depend on the focused field's
/// height only through the scroll, the rows below through both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PageKey {
    pub base: PageBase,
    pub scroll: usize,
    pub focused_h: usize,
    pub view: Rect,
}

/// The kept heights and cells.
#[derive(Default)]
pub(super) struct PageCells {
    heights: Option<(PageBase, Vec<usize>)>,
    cells: Option<(PageKey, KeptCells)>,
}

impl PageCells {
    /// Every field's height for `base`, the focused one's given, if kept.
    pub fn heights(&self, base: &PageBase, focus: usize, focused_h: usize) -> Option<Vec<usize>> {
        let (b, h) = self.heights.as_ref()?;
        if b != base {
            return None;
        }
        let mut h = h.clone();
        *h.get_mut(focus)? = focused_h;
        Some(h)
    }

    /// Keeps the heights worked out for `base`.
    pub fn keep_heights(&mut self, base: PageBase, heights: &[usize]) {
        self.heights = Some((base, heights.to_vec()));
    }

    /// Copies the kept cells into `buf` (blank where they go: nothing is
    /// drawn there before the fields) when they were drawn for `key`;
    /// whether they were.
    pub fn copy_into(&self, key: &PageKey, buf: &mut Buffer) -> bool {
        match &self.cells {
            Some((k, kept)) if k == key => {
                kept.copy_into(buf);
                true
            }
            _ => false,
        }
    }

    /// Keeps cells drawn for `key`.
    pub fn keep_cells(&mut self, key: PageKey, cells: Buffer) {
        self.cells = Some((key, KeptCells::new(cells)));
    }

    /// Copies whatever cells are kept into `buf`, which is blank there.
    pub fn copy_into_any(&self, buf: &mut Buffer) {
        if let Some((_, kept)) = &self.cells {
            kept.copy_into(buf);
        }
    }
}
