//! A record document written as Markdown (CommonMark with pipe tables).
//! Answers are escaped so that what someone typed can never become a
//! heading, a link or a table of its own.

use super::{CHILD_VOICE_LABEL, DocAnswer, Document};
use std::fmt::Write;

/// The document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail, so results are ignored throughout.
    let _ = writeln!(out, "# {}\n", escape_line(&doc.title));
    for (label, value) in &doc.meta {
        let _ = writeln!(out, "- **{}:** {}", escape_line(label), escape_line(value));
    }
    if !doc.meta.is_empty() {
        out.push('\n');
    }
    for section in &doc.sections {
        let voice = if section.child_voice {
            format!(" **{CHILD_VOICE_LABEL}**")
        } else {
            String::new()
        };
        let _ = writeln!(out, "## {}{voice}\n", escape_line(&section.heading()));
        if section.items.is_empty() {
            out.push_str("_Nothing recorded._\n\n");
        }
        for item in &section.items {
            let voice = if item.child_voice {
                format!(" **{CHILD_VOICE_LABEL}**")
            } else {
                String::new()
            };
            let _ = writeln!(out, "**{}**{voice}\n", escape_line(&item.label));
            match &item.answer {
                DocAnswer::Text(t) => out.push_str(&paragraphs(t)),
                DocAnswer::List(l) => {
                    for o in l {
                        let _ = writeln!(out, "- {}", escape_line(o));
                    }
                    out.push('\n');
                }
                DocAnswer::Table { columns, rows } => {
                    let head: Vec<String> = columns.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(out, "| {} |", head.join(" | "));
                    let rule: Vec<&str> = columns.iter().map(|_| "---").collect();
                    let _ = writeln!(out, "| {} |", rule.join(" | "));
                    for r in rows {
                        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
                        let _ = writeln!(out, "| {} |", cells.join(" | "));
                    }
                    out.push('\n');
                }
            }
        }
    }
    if !doc.addenda.is_empty() {
        out.push_str("## Addenda\n\n");
        for a in &doc.addenda {
            let _ = writeln!(
                out,
                "### {} — {}\n",
                escape_line(&a.date),
                escape_line(&a.author)
            );
            out.push_str(&paragraphs(&a.text));
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Text over several lines: a blank line starts a paragraph, any other
/// line break is kept as a hard break.
fn paragraphs(text: &str) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        out.push_str(&escape_line(line));
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if !line.is_empty() && !next_blank {
            out.push('\\');
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

/// One line with every character Markdown could read as markup escaped,
/// including a line start that would make a list, quote or heading.
pub(super) fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    // Leading spaces would make an indented code block: the first one is
    // written as a character reference, the rest are then ordinary text.
    if let Some(first) = indent.chars().next() {
        out.push_str("&#32;");
        out.push_str(&indent[first.len_utf8()..]);
    }
    let chars = trimmed.chars();
    let mut at_start = true;
    let mut digits = false;
    for c in chars {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        );
        let list_start = at_start && matches!(c, '-' | '+' | '=');
        let ordered = digits && matches!(c, '.' | ')');
        if special || list_start || ordered {
            out.push('\\');
        }
        out.push(c);
        digits = (at_start || digits) && c.is_ascii_digit();
        at_start = false;
    }
    out
}

fn cell(text: &str) -> String {
    escape_line(&text.replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_answers_is_escaped() {
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("- not a list"), "\\- not a list");
        assert_eq!(escape_line("1. not a list"), "1\\. not a list");
        assert_eq!(
            escape_line("a | b *c* [d](e)"),
            "a \\| b \\*c\\* \\[d\\](e)"
        );
        assert_eq!(escape_line("2-3 years"), "2-3 years");
        assert_eq!(escape_line("    code?"), "&#32;   code?");
    }

    #[test]
    fn line_breaks_are_kept() {
        assert_eq!(paragraphs("one\ntwo\n\nthree"), "one\\\ntwo\n\nthree\n\n");
    }
}
