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
/// end or inside a character are clamped rather than trusted.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
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
}
