//! The rows a form page is drawn from, shared by the drawing of fields,
//! choice lists and tables.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Most rows of a choice list shown at once.
pub(super) const LIST_ROWS: usize = 8;

/// One row (or block of rows) of the page.
pub(super) enum FRow {
    /// A line of text.
    Line(Line<'static>),
    /// The focused text editor, `before` drawn to its left on its first
    /// row and `after` to its right.
    Editor {
        before: Line<'static>,
        indent: u16,
        width: Option<u16>,
        height: u16,
        after: Option<Line<'static>>,
        cell: bool,
    },
}

impl FRow {
    /// How many screen rows it takes.
    pub(super) fn height(&self) -> usize {
        match self {
            FRow::Line(_) => 1,
            FRow::Editor { height, .. } => usize::from(*height),
        }
    }
}

pub(super) fn line(spans: Vec<Span<'static>>) -> FRow {
    FRow::Line(Line::from(spans))
}

pub(super) fn styled(text: impl Into<String>, style: Style) -> Span<'static> {
    Span::styled(text.into(), style)
}

pub(super) fn rows_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
