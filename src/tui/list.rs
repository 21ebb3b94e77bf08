//! The one list behind every list screen (the families on home; a family's
//! children, records and chronology; what is due; the full chronology):
//! which rows are shown, which is selected, where the window onto them
//! starts, how the movement keys move, and drawing. Only the rows that can
//! be seen are built, so a team's 30,000 due items cost no more to draw
//! than thirty.
//!
//! `ListState` lives in the screen between frames; `ListTable` is built
//! each frame and drawn with `Frame::render_stateful_widget`, the way
//! ratatui pairs `Table` with `TableState`. ratatui's `Table` does the
//! drawing, over the visible slice only: given every row it would need them
//! all built first. The window follows the same rule as `Table`'s own, so
//! rows of different heights (the chronology's wrapped rows) scroll as they
//! always have.

use super::chrome::wrap;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

/// How far PgUp and PgDn move the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Always this many rows, whatever the list's height.
    Fixed(usize),
    /// As many rows as the last drawing showed; this many before the first.
    Drawn(usize),
}

/// Which of the screen's rows the list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum View {
    /// The first this many, in their own order.
    All(usize),
    /// These (indices into the screen's rows), in this order.
    Only(Vec<usize>),
}

/// A list's state between frames: the rows shown (all, or a filtered
/// view), the filter's text, the selection and the first row drawn.
/// Selection and offset count positions in what is shown; `selected` and
/// `row` turn a position back into an index into the screen's own rows.
#[derive(Clone, Debug)]
pub struct ListState {
    view: View,
    filter: String,
    selected: Option<usize>,
    offset: usize,
    page: Page,
}

impl ListState {
    /// An empty list paging by `page`.
    pub fn new(page: Page) -> ListState {
        ListState {
            view: View::All(0),
            filter: String::new(),
            selected: None,
            offset: 0,
            page,
        }
    }

    /// Shows the screen's first `len` rows, in order, keeping the selection
    /// where it can.
    pub fn show_all(&mut self, len: usize) {
        self.view = View::All(len);
        self.keep_selection();
    }

    /// Shows these of the screen's rows (a filtered or scoped view), in
    /// this order, keeping the selection where it can.
    pub fn show(&mut self, rows: Vec<usize>) {
        self.view = View::Only(rows);
        self.keep_selection();
    }

    /// After the rows change, the same position stays selected, or the
    /// last row when the list got shorter, or the first when there was none.
    fn keep_selection(&mut self) {
        let at = self.selected.unwrap_or(0);
        self.select(self.len().checked_sub(1).map(|last| at.min(last)));
    }

    /// How many rows are shown.
    pub fn len(&self) -> usize {
        match &self.view {
            View::All(n) => *n,
            View::Only(rows) => rows.len(),
        }
    }

    /// Whether nothing is shown.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The screen's index of the row shown at this position.
    pub fn row(&self, position: usize) -> Option<usize> {
        match &self.view {
            View::All(n) => (position < *n).then_some(position),
            View::Only(rows) => rows.get(position).copied(),
        }
    }

    /// The screen's indices of the rows shown, in order.
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter_map(|p| self.row(p))
    }

    /// The screen's index of the selected row.
    pub fn selected(&self) -> Option<usize> {
        self.row(self.selected?)
    }

    /// The position of the selected row in what is shown.
    pub fn position(&self) -> Option<usize> {
        self.selected
    }

    /// The position of the first row shown whose index passes `test`.
    pub fn find(&self, test: impl FnMut(usize) -> bool) -> Option<usize> {
        self.rows().position(test)
    }

    /// Selects the row at this position (the last, if past the end); with
    /// none selected the window goes back to the top, as `TableState` does.
    pub fn select(&mut self, position: Option<usize>) {
        let last = self.len().checked_sub(1);
        self.selected = position.and_then(|p| last.map(|l| p.min(l)));
        if self.selected.is_none() {
            self.offset = 0;
        }
    }

    /// Selects the first row with the window at the top.
    pub fn to_top(&mut self) {
        self.select((!self.is_empty()).then_some(0));
        self.offset = 0;
    }

    /// Selects the last row.
    pub fn select_last(&mut self) {
        self.select(self.len().checked_sub(1));
    }

    /// The first row drawn last time (a position in what is shown).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many rows PgUp and PgDn move now.
    pub fn page(&self) -> usize {
        match self.page {
            Page::Fixed(n) | Page::Drawn(n) => n.max(1),
        }
    }

    /// The filter's text; the screen does the matching and passes the
    /// result to `show`.
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The filter's text, to type into.
    pub fn filter_mut(&mut self) -> &mut String {
        &mut self.filter
    }

    /// Moves the selection for ↑ ↓ PgUp PgDn Home End, staying inside the
    /// list; whether the key was one of those (it moves nothing in an empty
    /// list). One rule for every list, so they all move alike.
    pub fn on_key(&mut self, code: KeyCode) -> bool {
        let at = self.selected.unwrap_or(0);
        let page = self.page();
        let next = match code {
            KeyCode::Up => at.saturating_sub(1),
            KeyCode::Down => at.saturating_add(1),
            KeyCode::PageUp => at.saturating_sub(page),
            KeyCode::PageDown => at.saturating_add(page),
            KeyCode::Home => 0,
            KeyCode::End => usize::MAX,
            _ => return false,
        };
        if let Some(last) = self.len().checked_sub(1) {
            self.selected = Some(next.min(last));
        }
        true
    }

    /// The positions `[start, end)` drawn in `lines` lines, given each
    /// row's height; `height` is already cut to fit (see `fitted`).
    ///
    /// The rule is ratatui's `Table`'s, so the screens scroll as they did
    /// when they gave it every row: start where the last frame started (or
    /// at the selection, if above); if the selection is below what fits,
    /// scroll just far enough that it is the last whole row; then add one
    /// row cut by the bottom edge if there is room for part of it.
    fn window(&self, lines: usize, height: &mut impl FnMut(usize) -> usize) -> (usize, usize) {
        let len = self.len();
        let Some(last) = len.checked_sub(1) else {
            return (0, 0);
        };
        let selected = self.selected.map(|s| s.min(last));
        let mut start = self.offset.min(last);
        if let Some(s) = selected {
            start = start.min(s);
        }
        let mut end = start;
        let mut used = 0;
        while end < len {
            let h = height(end);
            if used + h > lines {
                break;
            }
            used += h;
            end += 1;
        }
        if let Some(s) = selected
            && s >= end
        {
            // Counting up from the selection finds the same start as
            // ratatui's walk down from the old one, without measuring
            // every row in between (End on a long list jumps thousands).
            start = s;
            end = s + 1;
            used = height(s);
            while let Some(above) = start.checked_sub(1) {
                let h = height(above);
                if used + h > lines {
                    break;
                }
                used += h;
                start = above;
            }
        }
        if used < lines && end < len {
            end += 1;
        }
        (start, end)
    }
}

/// A row's height as drawn: at least one line, and never more than the
/// list has, so the selected row always fits whole or cut, never hidden.
fn fitted(height: u16, lines: u16) -> u16 {
    height.clamp(1, lines.max(1))
}

/// Every row one line high.
fn one_line(_: usize) -> u16 {
    1
}

/// A list drawn as a table, built each frame over a `ListState`: the
/// columns, an optional one-line header, an optional frame, the message
/// for an empty list, the selected row's look, and how to build a row (and
/// its height, when rows wrap) from the screen's index of it.
pub struct ListTable<'a, R, H = fn(usize) -> u16> {
    widths: Vec<Constraint>,
    header: Option<Row<'a>>,
    block: Option<Block<'a>>,
    empty: Option<Paragraph<'a>>,
    highlight: Style,
    symbol: &'a str,
    row: R,
    height: H,
}

impl<'a, R> ListTable<'a, R>
where
    R: FnMut(usize) -> Row<'a>,
{
    /// A table with these columns whose rows, one line each, `row` builds
    /// from the screen's index of them; only the rows drawn are built.
    pub fn new(widths: impl IntoIterator<Item = Constraint>, row: R) -> ListTable<'a, R> {
        ListTable {
            widths: widths.into_iter().collect(),
            header: None,
            block: None,
            empty: None,
            highlight: Style::default(),
            symbol: "",
            row,
            height: one_line,
        }
    }
}

impl<'a, R, H> ListTable<'a, R, H>
where
    R: FnMut(usize) -> Row<'a>,
    H: FnMut(usize) -> u16,
{
    /// Rows of different heights: `height` gives each row's lines from the
    /// screen's index of it (a row taller than the list is cut to fit).
    pub fn heights<G>(self, height: G) -> ListTable<'a, R, G>
    where
        G: FnMut(usize) -> u16,
    {
        ListTable {
            widths: self.widths,
            header: self.header,
            block: self.block,
            empty: self.empty,
            highlight: self.highlight,
            symbol: self.symbol,
            row: self.row,
            height,
        }
    }

    /// Column headings on one line above the rows.
    pub fn header<T>(mut self, cells: impl IntoIterator<Item = T>, style: Style) -> Self
    where
        T: Into<Cell<'a>>,
    {
        // Built here rather than taken whole so that it is surely one line:
        // the window is worked out from the height left under it.
        self.header = Some(Row::new(cells).style(style));
        self
    }

    /// A frame drawn round the list.
    pub fn block(mut self, block: Block<'a>) -> Self {
        self.block = Some(block);
        self
    }

    /// What an empty list says, drawn inside the frame; without one an
    /// empty list shows its header alone.
    pub fn empty(mut self, message: Paragraph<'a>) -> Self {
        self.empty = Some(message);
        self
    }

    /// The selected row's style, and the mark before it (the other rows
    /// are indented by its width).
    pub fn highlight(mut self, style: Style, symbol: &'a str) -> Self {
        self.highlight = style;
        self.symbol = symbol;
        self
    }
}

impl<'a, R, H> StatefulWidget for ListTable<'a, R, H>
where
    R: FnMut(usize) -> Row<'a>,
    H: FnMut(usize) -> u16,
{
    type State = ListState;

    fn render(mut self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let area = match self.block.take() {
            Some(block) => {
                let inner = block.inner(area);
                block.render(area, buf);
                inner
            }
            None => area,
        };
        if state.is_empty()
            && let Some(message) = self.empty.take()
        {
            message.render(area, buf);
            return;
        }
        let lines = area
            .height
            .saturating_sub(if self.header.is_some() { 1 } else { 0 });
        if let Page::Drawn(_) = state.page {
            state.page = Page::Drawn(usize::from(lines));
        }
        // No room at all: nothing drawn and the window left where it was,
        // as with ratatui's `Table`.
        if area.is_empty() {
            return;
        }
        let (start, end) = {
            let mut height = |position: usize| {
                state
                    .row(position)
                    .map_or(1, |i| usize::from(fitted((self.height)(i), lines)))
            };
            state.window(usize::from(lines), &mut height)
        };
        let mut rows = Vec::with_capacity(end - start);
        for position in start..end {
            if let Some(i) = state.row(position) {
                let h = fitted((self.height)(i), lines);
                rows.push((self.row)(i).height(h));
            }
        }
        let mut table = Table::new(rows, self.widths)
            .row_highlight_style(self.highlight)
            .highlight_symbol(self.symbol);
        if let Some(header) = self.header {
            table = table.header(header);
        }
        // The slice starts at `start`, so the selection moves up with it.
        let mut slice =
            TableState::default().with_selected(state.selected.map(|s| s.saturating_sub(start)));
        StatefulWidget::render(table, area, buf, &mut slice);
        state.offset = start;
    }
}

/// An empty list's message wrapped to `width` columns, each line in `style`.
pub fn wrapped_message(text: &str, width: u16, style: Style) -> Paragraph<'static> {
    let lines: Vec<Line> = wrap(text, usize::from(width))
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect();
    Paragraph::new(lines)
}

#[cfg(test)]
mod tests;
