//! A text answer edited in place: a `ratatui_textarea::TextArea` with the
//! keys of docs/tui.md, safe text in and out, and a window so that a long
//! answer stays quick to edit.
//!
//! The text area rebuilds its whole screen map on every edit, which costs
//! milliseconds once an answer reaches 100 KB. So the text area holds only
//! a window around the cursor, three times what the field shows (2 to
//! 8 KB, `window.rs`); the text before and after it is kept aside and
//! moved in when the cursor comes near an edge. Undo
//! inside the window goes a word at a time (`word_undo.rs`, over the text
//! area's own history); beyond a move of the window (or a paste of more
//! than half of it) it steps back to the text as it was when the window last moved,
//! so nothing typed is ever out of reach.

use crate::tui::graphemes;
use crate::tui::text::{is_unsafe, visible};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, DataCursor, Input, Key, TextArea, WrapMode};
use window::{MAX_WINDOW, floor_boundary, window_bounds, window_size};
use word_undo::{EditKind, WordUndo, window_text};

mod window;
mod word_undo;

/// Coarse undo steps kept (each a copy of the whole text).
const MAX_CHECKPOINTS: usize = 20;

/// What a key did to the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EditOutcome {
    /// The text changed.
    Edited,
    /// Only the cursor or selection moved (or the key was swallowed).
    Moved,
    /// The key is not the editor's: the form handles it.
    NotMine,
}

/// One text answer being edited.
pub(crate) struct TextEditor {
    area: TextArea<'static>,
    prefix: String,
    suffix: String,
    multiline: bool,
    /// The whole text when the window was last built: what a coarse undo
    /// returns to once the text area's own history is used up.
    base: String,
    checkpoints: Vec<String>,
    /// Undo steps a word long within the window.
    words: WordUndo,
    /// The width the field was last drawn at, for jump scrolling.
    drawn_width: std::cell::Cell<u16>,
    /// The height it was last drawn at (0 before the first frame).
    drawn_height: std::cell::Cell<u16>,
    /// Drawn at a size other than the frame before's: the view may need
    /// putting right (`fit_view`).
    resized: std::cell::Cell<bool>,
    /// The window size the text area was last filled for.
    built_for: usize,
}

impl TextEditor {
    /// An editor holding `text` made safe to draw, the cursor at its end.
    pub fn new(text: &str, multiline: bool) -> TextEditor {
        let doc = clean(text, multiline);
        let mut ed = TextEditor {
            area: TextArea::default(),
            prefix: String::new(),
            suffix: String::new(),
            multiline,
            base: String::new(),
            checkpoints: Vec::new(),
            words: WordUndo::default(),
            drawn_width: std::cell::Cell::new(0),
            drawn_height: std::cell::Cell::new(0),
            resized: std::cell::Cell::new(false),
            built_for: MAX_WINDOW,
        };
        let end = doc.len();
        ed.build(&doc, end);
        ed.base = doc;
        ed
    }

    /// The whole text.
    pub fn text(&self) -> String {
        let lines = self.area.lines();
        let window: usize = lines.iter().map(|l| l.len() + 1).sum();
        let mut out = String::with_capacity(self.prefix.len() + window + self.suffix.len());
        out.push_str(&self.prefix);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
        out.push_str(&self.suffix);
        out
    }

    /// The text area, for drawing.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Sets how the text, cursor and selection are drawn. Cheap: the
    /// text area keeps styles apart from its text.
    pub fn set_styles(&mut self, text: Style, selection: Style) {
        self.area.set_style(text);
        self.area.set_cursor_line_style(Style::default());
        // The terminal's own cursor marks the place (see
        // `FormScreen::cursor_position`); a drawn block would be a second.
        self.area.set_cursor_style(text);
        self.area.set_selection_style(selection);
    }

    /// Handles one key press.
    pub fn on_key(&mut self, key: KeyEvent) -> EditOutcome {
        self.fit_window();
        let kind = edit_kind(&key);
        let before = kind
            .filter(|k| self.words.starts_group(*k))
            .map(|_| window_text(&self.area));
        let outcome = self.dispatch(key);
        match (outcome, kind) {
            (EditOutcome::Edited, Some(kind)) => self.words.record(before, kind),
            (EditOutcome::Moved, ..) => self.words.close(),
            _ => {}
        }
        if outcome != EditOutcome::NotMine {
            self.keep_window();
        }
        if outcome == EditOutcome::Edited {
            self.jump_scroll();
        }
        outcome
    }

    /// Notes the size the field is drawn at (called while drawing).
    pub fn note_size(&self, width: u16, height: u16) {
        let before = (self.drawn_width.get(), self.drawn_height.get());
        if before != (0, 0) && before != (width, height) {
            self.resized.set(true);
        }
        self.drawn_width.set(width);
        self.drawn_height.set(height);
    }

    /// Whether the field was just drawn at a new size; asking clears it.
    pub fn take_resized(&self) -> bool {
        self.resized.replace(false)
    }

    /// Puts the view right after the field was drawn at a new size. The
    /// text area keeps the top row it had: after the terminal widens, the
    /// text takes fewer rows, and the cursor (at the end of a long
    /// answer) could sit alone at the top of an empty box with the text
    /// above it out of sight. The view is moved up to show as much text
    /// as the box holds, the cursor kept in it. Called after a frame, so
    /// that the text area's rows are those of the new size.
    pub fn fit_view(&mut self) {
        let height = usize::from(self.drawn_height.get());
        if height == 0 || !self.multiline {
            return;
        }
        let DataCursor(row, col) = self.area.cursor();
        let at = self.area.screen_cursor().row;
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
        let last = self.area.screen_cursor().row;
        self.restore_cursor(row, col);
        let top = usize::from(self.area.scroll_offset().0);
        let fullest = (last + 1).saturating_sub(height);
        let lowest = (at + 1).saturating_sub(height);
        let wanted = top.min(fullest).max(lowest).min(at);
        if wanted != top {
            // The window holds at most a few thousand rows (8 KB), far
            // inside what i16 counts.
            let up = i16::try_from(top - wanted.min(top)).unwrap_or(i16::MAX);
            let down = i16::try_from(wanted.saturating_sub(top)).unwrap_or(i16::MAX);
            self.area.scroll((down - up, 0));
            self.restore_cursor(row, col);
        }
    }

    /// Puts the cursor back at a place in the window's text (scrolling
    /// or moving to look moves it).
    fn restore_cursor(&mut self, row: usize, col: usize) {
        if self.area.cursor() != DataCursor(row, col)
            && let (Ok(r), Ok(c)) = (u16::try_from(row), u16::try_from(col))
        {
            self.area.move_cursor(CursorMove::Jump(r, c));
        }
    }

    /// A one-line field scrolls half its width at a time when typing
    /// reaches its right edge, instead of one column per character: each
    /// column scrolled redraws the whole line, which over a slow link is
    /// the difference between one byte a key and a line's worth.
    fn jump_scroll(&mut self) {
        let width = self.drawn_width.get();
        if self.multiline {
            self.jump_scroll_rows();
            return;
        }
        if width < 8 {
            return;
        }
        let at = self.area.screen_cursor().col;
        let (_, left) = self.area.scroll_offset();
        let edge = usize::from(left) + usize::from(width) - 1;
        if at >= edge {
            let half = i16::try_from(width / 2).unwrap_or(i16::MAX);
            self.area.scroll((0, half));
        }
    }

    /// A field of several rows scrolls half its height at a time when
    /// typing runs past its last row (or fills that row), for the same
    /// reason: scrolling one row redraws every row of the field, so this
    /// does it once every few lines instead of at each (`nano` scrolls
    /// the same way).
    fn jump_scroll_rows(&mut self) {
        let height = self.drawn_height.get();
        let width = usize::from(self.drawn_width.get());
        if height < 4 || width == 0 {
            return;
        }
        let at = self.area.screen_cursor();
        let (top, _) = self.area.scroll_offset();
        let bottom = usize::from(top) + usize::from(height);
        // A row typed exactly full leaves the cursor after its last cell:
        // the next letter goes to the row below, which should be in view.
        let past = at.row >= bottom || (at.row + 1 == bottom && at.col >= width);
        if past {
            let new_top = (at.row + 1).saturating_sub(usize::from(height / 2));
            let by = new_top.saturating_sub(usize::from(top));
            let DataCursor(row, col) = self.area.cursor();
            self.area.scroll((i16::try_from(by).unwrap_or(i16::MAX), 0));
            // Scrolling keeps the cursor inside the view's columns, which
            // takes it back a letter from the end of a full row: the next
            // letter would land before the last one. Back where it was.
            self.restore_cursor(row, col);
        }
    }

    /// Inserts pasted text at the cursor, made safe first.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = clean(text, self.multiline);
        if text.is_empty() {
            return false;
        }
        // More than half the window goes straight into the whole text, so
        // that one undo takes it all back out, and only it: pasted into
        // the window it would soon make the window move, and undo would
        // then take back the typing before it as well.
        if text.len() > self.window_size() / 2 {
            let (doc, at) = self.text_and_cursor();
            let mut new_doc = String::with_capacity(doc.len() + text.len());
            let (before, after) = doc.split_at(at);
            new_doc.push_str(before);
            new_doc.push_str(&text);
            new_doc.push_str(after);
            self.remember(doc);
            self.build(&new_doc, at + text.len());
            self.base = new_doc;
            return true;
        }
        let before = window_text(&self.area);
        let changed = self.area.insert_str(&text);
        if changed {
            self.words.record(Some(before), EditKind::Other);
        }
        self.keep_window();
        changed
    }

    /// Replaces bytes `range` of the whole text with `with` (a fix from the
    /// writing help), the cursor after it; one undo step takes it back.
    /// A range that does not fall on the text's characters changes nothing.
    pub fn replace(&mut self, range: std::ops::Range<usize>, with: &str) -> bool {
        let with = clean(with, self.multiline);
        let (doc, _) = self.text_and_cursor();
        let fits = range.start <= range.end
            && range.end <= doc.len()
            && doc.is_char_boundary(range.start)
            && doc.is_char_boundary(range.end);
        if !fits {
            return false;
        }
        let mut new_doc = String::with_capacity(doc.len() + with.len());
        new_doc.push_str(&doc[..range.start]);
        new_doc.push_str(&with);
        new_doc.push_str(&doc[range.end..]);
        let at = range.start + with.len();
        self.remember(doc);
        self.build(&new_doc, at);
        self.base = new_doc;
        true
    }

    /// Where the text area's first line sits in the whole text: (its line
    /// from 0, and the characters of that line held before the window).
    pub fn window_origin(&self) -> (usize, usize) {
        let line = self.prefix.matches('\n').count();
        let col = self
            .prefix
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count());
        (line, col)
    }

    /// The cursor in the whole text: (line from 0, character column from 0).
    pub fn cursor_line_col(&self) -> (usize, usize) {
        let (line0, col0) = self.window_origin();
        let DataCursor(row, col) = self.area.cursor();
        (line0 + row, if row == 0 { col0 + col } else { col })
    }

    /// Puts the cursor at the end of line `line` of the whole text (the
    /// last line when there are fewer), as when the draft was left.
    pub fn go_to_line_end(&mut self, line: usize) {
        let doc = self.text();
        let mut at = 0;
        for (i, l) in doc.split('\n').enumerate() {
            at += l.len();
            if i >= line {
                break;
            }
            at += 1;
        }
        let at = at.min(doc.len());
        self.build(&doc, at);
        self.base = doc;
    }

    fn dispatch(&mut self, key: KeyEvent) -> EditOutcome {
        use EditOutcome::{Edited, Moved, NotMine};
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        let edited = |changed: bool| if changed { Edited } else { Moved };
        match key.code {
            KeyCode::Char(c) if !ctrl && !alt => {
                if is_unsafe(c) || (c == '\n' && !self.multiline) {
                    return Moved;
                }
                self.area.insert_char(c);
                Edited
            }
            KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
                'z' if shift => edited(self.redo()),
                'z' => edited(self.undo()),
                'y' => edited(self.redo()),
                'c' => {
                    self.area.copy();
                    Moved
                }
                'x' => edited(self.area.cut()),
                'v' => edited(self.area.paste()),
                'k' => edited(self.area.delete_line_by_end()),
                'u' => edited(self.area.delete_line_by_head()),
                'w' => edited(self.area.delete_word()),
                'h' => edited(self.delete_cluster(false)),
                _ => NotMine,
            },
            KeyCode::Char(c) if alt && !ctrl => match c {
                'b' => self.moved(Key::Left, true, shift),
                'f' => self.moved(Key::Right, true, shift),
                'd' => edited(self.area.delete_next_word()),
                _ => NotMine,
            },
            KeyCode::Backspace if ctrl || alt => edited(self.area.delete_word()),
            KeyCode::Backspace => edited(self.delete_cluster(false)),
            KeyCode::Delete if ctrl || alt => edited(self.area.delete_next_word()),
            KeyCode::Delete => edited(self.delete_cluster(true)),
            KeyCode::Enter if self.multiline && !ctrl && !alt => {
                self.area.insert_newline();
                Edited
            }
            KeyCode::Left => self.moved(Key::Left, ctrl, shift),
            KeyCode::Right => self.moved(Key::Right, ctrl, shift),
            KeyCode::Up | KeyCode::Down if !self.multiline => NotMine,
            KeyCode::Up => self.moved(Key::Up, ctrl, shift),
            KeyCode::Down => self.moved(Key::Down, ctrl, shift),
            KeyCode::Home if ctrl => self.jump_to_edge(false, shift),
            KeyCode::End if ctrl => self.jump_to_edge(true, shift),
            KeyCode::Home => self.moved(Key::Home, false, shift),
            KeyCode::End => self.moved(Key::End, false, shift),
            _ => NotMine,
        }
    }

    /// A cursor move through the text area's own key map, which extends
    /// the selection when Shift is held (Ctrl with arrows jumps words
    /// or paragraphs).
    fn moved(&mut self, key: Key, ctrl: bool, shift: bool) -> EditOutcome {
        self.area.input(Input {
            key,
            ctrl,
            alt: false,
            shift,
        });
        self.snap(matches!(key, Key::Right | Key::End | Key::Down));
        EditOutcome::Moved
    }

    /// Moves the cursor out of the middle of a grapheme cluster (a flag,
    /// an emoji sequence, a letter with its accents), onwards or back as
    /// it was going: the text area itself moves by `char`.
    fn snap(&mut self, forward: bool) {
        let DataCursor(row, col) = self.area.cursor();
        let line = self.area.lines().get(row).map_or("", String::as_str);
        let to = graphemes::snap(line, col, forward);
        if to != col
            && let (Ok(r), Ok(c)) = (u16::try_from(row), u16::try_from(to))
        {
            self.area.move_cursor(CursorMove::Jump(r, c));
        }
    }

    /// Backspace (`forward` false) or Delete by whole grapheme cluster, so
    /// no half of a flag or a lone accent is left behind.
    fn delete_cluster(&mut self, forward: bool) -> bool {
        if self.area.is_selecting() {
            // The selection goes, whatever it holds.
            return self.area.delete_char();
        }
        let DataCursor(row, col) = self.area.cursor();
        let line = self.area.lines().get(row).map_or("", String::as_str);
        if forward {
            let end = graphemes::boundary_after(line, col);
            if end <= col + 1 {
                // One char, or the end of the line (which joins the next).
                return self.area.delete_next_char();
            }
            return self.area.delete_str(end - col);
        }
        let start = graphemes::boundary_before(line, col);
        if col == 0 || start + 1 >= col {
            return self.area.delete_char();
        }
        for _ in start..col {
            self.area.move_cursor(CursorMove::Back);
        }
        self.area.delete_str(col - start)
    }

    /// To the very start or end of the whole text, not just the window.
    fn jump_to_edge(&mut self, end: bool, shift: bool) -> EditOutcome {
        let hidden = if end { &self.suffix } else { &self.prefix };
        if hidden.is_empty() || shift {
            // Within the window (a selection stays within it too). The
            // start or the end of the text, not the first or last line at
            // the same column.
            if shift && !self.area.is_selecting() {
                self.area.start_selection();
            } else if !shift {
                self.area.cancel_selection();
            }
            if end {
                self.area.move_cursor(CursorMove::Bottom);
                self.area.move_cursor(CursorMove::End);
            } else {
                self.area.move_cursor(CursorMove::Top);
                self.area.move_cursor(CursorMove::Head);
            }
            return EditOutcome::Moved;
        }
        let doc = self.text();
        let at = if end { doc.len() } else { 0 };
        self.rebuild_at(doc, at);
        EditOutcome::Moved
    }

    fn undo(&mut self) -> bool {
        if self.words.undo(&mut self.area) || self.area.undo() {
            return true;
        }
        let Some(previous) = self.checkpoints.pop() else {
            return false;
        };
        let (_, at) = self.text_and_cursor();
        let at = at.min(previous.len());
        self.build(&previous, at);
        self.base = previous;
        true
    }

    fn redo(&mut self) -> bool {
        self.words.redo(&mut self.area)
    }

    /// The window's size for the field as last drawn.
    fn window_size(&self) -> usize {
        let cells = usize::from(self.drawn_width.get()) * usize::from(self.drawn_height.get());
        window_size(cells)
    }

    /// Work that waits for a pause in typing: the window fitted to the
    /// box's size (see `fit_window`). True when the text area was built
    /// again (its view may have moved: the box is to be drawn again).
    pub fn settle(&mut self) -> bool {
        self.fit_window()
    }

    /// Builds the window again when the field's size calls for another:
    /// once the field is first drawn (the editor is made before its size
    /// is known) and after the terminal is resized. Done in a pause
    /// (`settle`), and before a key when no pause came. A text the window
    /// holds whole needs nothing. When nothing was typed since the last
    /// build, no undo step is lost; otherwise the text as built stays one.
    /// True when it built the window again.
    fn fit_window(&mut self) -> bool {
        let size = self.window_size();
        if size == self.built_for {
            return false;
        }
        let whole = self.prefix.is_empty() && self.suffix.is_empty();
        if whole && self.window_len() <= size {
            self.built_for = size;
            return false;
        }
        let (doc, at) = self.text_and_cursor();
        self.rebuild_at(doc, at);
        true
    }

    /// Moves the window when the cursor comes within a third of its size
    /// of a hidden edge, or when typing has grown it half as big again.
    fn keep_window(&mut self) {
        let size = self.window_size();
        let margin = size / 3;
        let at = self.cursor_in_window();
        let len = self.window_len();
        let near_top = !self.prefix.is_empty() && at < margin;
        let near_bottom = !self.suffix.is_empty() && len.saturating_sub(at) < margin;
        if near_top || near_bottom || len > size + size / 2 {
            let doc = self.text();
            let abs = self.prefix.len() + at;
            self.rebuild_at(doc, abs);
        }
    }

    /// Builds a new window around `at`, keeping the previous text as an
    /// undo step when it changed since the last build.
    fn rebuild_at(&mut self, doc: String, at: usize) {
        let base = std::mem::take(&mut self.base);
        if base != doc {
            self.checkpoints.push(base);
            if self.checkpoints.len() > MAX_CHECKPOINTS {
                self.checkpoints.remove(0);
            }
        }
        self.build(&doc, at);
        self.base = doc;
    }

    fn remember(&mut self, doc: String) {
        self.checkpoints.push(doc);
        if self.checkpoints.len() > MAX_CHECKPOINTS {
            self.checkpoints.remove(0);
        }
    }

    /// The whole text and the cursor's byte offset in it.
    fn text_and_cursor(&self) -> (String, usize) {
        (self.text(), self.prefix.len() + self.cursor_in_window())
    }

    /// Puts `doc` in place with a window around byte `at`.
    fn build(&mut self, doc: &str, at: usize) {
        let at = floor_boundary(doc, at.min(doc.len()));
        let size = self.window_size();
        let (start, end) = window_bounds(doc, at, size);
        self.built_for = size;
        self.prefix = doc.get(..start).unwrap_or_default().to_owned();
        self.suffix = doc.get(end..).unwrap_or_default().to_owned();
        let window = doc.get(start..end).unwrap_or_default();
        let lines: Vec<String> = window.split('\n').map(str::to_owned).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(if self.multiline {
            WrapMode::WordOrGlyph
        } else {
            WrapMode::None
        });
        area.set_max_histories(200);
        area.set_style(self.area.style());
        area.set_cursor_line_style(Style::default());
        area.set_selection_style(self.area.selection_style());
        let before = doc.get(start..at).unwrap_or_default();
        let row = before.matches('\n').count();
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        area.move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
        self.area = area;
        self.words.clear();
    }

    /// The cursor's byte offset within the window.
    fn cursor_in_window(&self) -> usize {
        let DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        let above: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
        let line = lines.get(row).map_or("", String::as_str);
        let within = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        above + within
    }

    fn window_len(&self) -> usize {
        let lines = self.area.lines();
        let bytes: usize = lines.iter().map(String::len).sum();
        bytes + lines.len().saturating_sub(1)
    }
}

/// How a key would edit the text, for grouping undo steps; `None` for
/// keys that never edit (moves, and undo and redo themselves), so that
/// they cost no copy of the window.
fn edit_kind(key: &KeyEvent) -> Option<EditKind> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if !ctrl && !alt => Some(EditKind::of_char(c)),
        KeyCode::Char(c) if ctrl && !alt && "xvkuwh".contains(c.to_ascii_lowercase()) => {
            Some(EditKind::Other)
        }
        KeyCode::Char('d') if alt && !ctrl => Some(EditKind::Other),
        KeyCode::Backspace | KeyCode::Delete => Some(EditKind::Other),
        KeyCode::Enter => Some(EditKind::Closer),
        _ => None,
    }
}

/// Text made safe to hold and draw: line endings made `\n` (or spaces on
/// one line), then every control character, escape sequence and
/// direction override made visible.
pub(crate) fn clean(text: &str, multiline: bool) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let unified = if multiline {
        unified
    } else {
        unified.replace('\n', " ")
    };
    visible(&unified).into_owned()
}

#[cfg(test)]
mod tests;
