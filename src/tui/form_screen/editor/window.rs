//! Where the editor's window of text begins and ends: about `WINDOW`
//! bytes around the cursor, cut at a line break or a space when one is
//! near, and always on a character boundary.

/// Bytes of text held in the text area at once.
pub(super) const WINDOW: usize = 8 * 1024;
/// How far to look for a line or word break when cutting the window.
const SEARCH: usize = 1024;

/// The byte range of the window around `at`: the whole text when short,
/// otherwise about `WINDOW` bytes, cut after a line break or a space.
pub(super) fn window_bounds(doc: &str, at: usize) -> (usize, usize) {
    let len = doc.len();
    if len <= WINDOW {
        return (0, len);
    }
    let mut lo = at.saturating_sub(WINDOW / 2);
    let mut hi = at.saturating_add(WINDOW / 2).min(len);
    if hi - lo < WINDOW {
        if lo == 0 {
            hi = WINDOW.min(len);
        } else {
            lo = len.saturating_sub(WINDOW);
        }
    }
    let start = if lo == 0 { 0 } else { cut_before(doc, lo) };
    let end = if hi >= len { len } else { cut_after(doc, hi) };
    (start.min(at), end.max(at))
}

/// A cut at or before `pos`: just after a line break or space when one is
/// near, else at a character boundary.
pub(super) fn cut_before(doc: &str, pos: usize) -> usize {
    let pos = floor_boundary(doc, pos);
    let from = floor_boundary(doc, pos.saturating_sub(SEARCH));
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
/// when one is near, else at a character boundary.
pub(super) fn cut_after(doc: &str, pos: usize) -> usize {
    let pos = floor_boundary(doc, pos);
    let to = floor_boundary(doc, pos.saturating_add(SEARCH).min(doc.len()));
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
