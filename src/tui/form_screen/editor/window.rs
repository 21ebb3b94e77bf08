//! How much text the editor's text area holds, and where that window
//! begins and ends: three times what the field shows, around the cursor,
//! cut at a line break or a space when one is near, and always on a
//! character boundary.

/// The most text held in the text area at once: the size before the
/// field is first drawn, and for a field as big as a whole large screen.
pub(super) const MAX_WINDOW: usize = 8 * 1024;
/// The least: a one-line field or a small box still gets a few lines of
/// room, so the window does not move every few words.
pub(super) const MIN_WINDOW: usize = 2 * 1024;

/// The window for a field showing `cells` character cells (0 when not
/// drawn yet). The text area wraps its whole window again on every
/// edit, so a smaller window is a cheaper key. Three times what the field
/// shows, moved when the cursor comes within a third of an edge, always
/// leaves what the field shows on either side of the cursor: a full
/// field, for text of up to one byte a cell (plain prose; wrapping leaves
/// cells empty, and an accented letter takes two bytes).
pub(super) fn window_size(cells: usize) -> usize {
    if cells == 0 {
        return MAX_WINDOW;
    }
    cells.saturating_mul(3).clamp(MIN_WINDOW, MAX_WINDOW)
}

/// The byte range of a window of about `size` bytes around `at`: the
/// whole text when short, otherwise cut after a line break or a space.
pub(super) fn window_bounds(doc: &str, at: usize, size: usize) -> (usize, usize) {
    let len = doc.len();
    if len <= size {
        return (0, len);
    }
    let mut lo = at.saturating_sub(size / 2);
    let mut hi = at.saturating_add(size / 2).min(len);
    if hi - lo < size {
        if lo == 0 {
            hi = size.min(len);
        } else {
            lo = len.saturating_sub(size);
        }
    }
    let search = size / 8;
    let start = if lo == 0 {
        0
    } else {
        cut_before(doc, lo, search)
    };
    let end = if hi >= len {
        len
    } else {
        cut_after(doc, hi, search)
    };
    (start.min(at), end.max(at))
}

/// A cut at or before `pos`: just after a line break or space within
/// `search` bytes, else at a character boundary.
fn cut_before(doc: &str, pos: usize, search: usize) -> usize {
    let pos = floor_boundary(doc, pos);
    let from = floor_boundary(doc, pos.saturating_sub(search));
    let span = doc.get(from..pos).unwrap_or_default();
    if let Some(i) = span.rfind('\n') {
        return from + i + 1;
    }
    if let Some(i) = span.rfind(' ') {
        return from + i + 1;
    }
    pos
}

/// A cut at or after `pos`: just before a line break, or after a space,
/// within `search` bytes, else at a character boundary.
fn cut_after(doc: &str, pos: usize, search: usize) -> usize {
    let pos = floor_boundary(doc, pos);
    let to = floor_boundary(doc, pos.saturating_add(search).min(doc.len()));
    let span = doc.get(pos..to).unwrap_or_default();
    if let Some(i) = span.find('\n') {
        return pos + i;
    }
    if let Some(i) = span.find(' ') {
        return pos + i + 1;
    }
    pos
}

/// The largest character boundary at or before `i`.
pub(super) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
