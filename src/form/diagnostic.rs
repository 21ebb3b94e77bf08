//! Problems found in a form file, each placed at file:line:column so an
//! author can go straight to it.

use std::fmt;

/// One problem in one form file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or `forms/ID.toml` for built-ins).
    pub file: String,
    /// Line from 1.
    pub line: usize,
    /// Column from 1, counted in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A problem at a byte offset of `source`.
    pub fn at(file: &str, source: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = line_column(source, offset);
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Every problem in a form file (or several files).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FormError {
    /// The problems, in file then position order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// 1-based line and character column of a byte offset; offsets past the
/// end or inside a character are clamped rather than trusted. Scans the text
/// once: for many offsets in one text use [`LineIndex`].
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).locate(offset)
}

/// Where each line of a text starts, worked out once, so that placing a
/// problem costs a binary search rather than a scan of everything before it
/// (a file with thousands of problems would otherwise take problems x lines).
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the start of each line; the first is always 0.
    starts: Vec<usize>,
    /// The last place located: (offset, line, column). Problems are placed
    /// in order, so counting characters on from here keeps a file that is
    /// one long line from costing problems x line length.
    last: Option<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `source`.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            source,
            starts,
            last: None,
        }
    }

    /// 1-based line and character column of a byte offset, clamped like
    /// [`line_column`].
    pub fn locate(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        // `starts[0]` is 0, so at least one start is at or before any offset.
        let line_index = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let line_start = self.starts.get(line_index).copied().unwrap_or(0);
        let (from, column_before) = match self.last {
            Some((at, line, column)) if line == line_index + 1 && at <= offset => (at, column),
            _ => (line_start, 1),
        };
        let column = column_before + self.source[from..offset].chars().count();
        let line = line_index + 1;
        self.last = Some((offset, line, column));
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let s = "ab\ncé d\n";
        assert_eq!(line_column(s, 0), (1, 1));
        assert_eq!(line_column(s, 3), (2, 1));
        // 'é' is two bytes: the space after it is the third character.
        assert_eq!(line_column(s, 6), (2, 3));
        assert_eq!(line_column(s, 5), (2, 2));
        assert_eq!(line_column(s, 999), (3, 1));
    }

    #[test]
    fn the_index_agrees_with_a_plain_count_in_any_order() {
        let s = "ab\ncé d\n\nxyz";
        let mut index = LineIndex::new(s);
        let naive = |offset: usize| {
            let mut o = offset.min(s.len());
            while !s.is_char_boundary(o) {
                o -= 1;
            }
            let before = &s[..o];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            (line, before[start..].chars().count() + 1)
        };
        for offset in [0, 5, 6, 3, 7, 8, 9, 12, 4, 1, 100, 2, 11] {
            assert_eq!(index.locate(offset), naive(offset), "offset {offset}");
        }
    }
}
