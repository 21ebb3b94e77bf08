//! Checking the field being typed without re-checking all of it on every
//! keystroke: each paragraph's findings are kept, keyed by its text, and
//! only a paragraph whose text is new is checked again. Putting the kept
//! findings together is cheap (issue 13's budget: 2 ms a keystroke with
//! 100 KB of text in the record; docs/performance.md).

use super::Finding;
use super::check::{Checker, Context, Paragraph};
use std::collections::HashMap;

/// The kept findings of one field.
#[derive(Clone, Debug, Default)]
pub struct FieldChecker {
    kept: HashMap<String, Paragraph>,
    findings: Vec<Finding>,
    /// How many paragraphs the last update checked afresh (for tests).
    fresh: usize,
}

impl FieldChecker {
    /// A checker with nothing kept.
    pub fn new() -> FieldChecker {
        FieldChecker::default()
    }

    /// Forgets what was kept: after the context changes (a word added to
    /// the user's dictionary, a kind turned off, another field edited).
    pub fn forget(&mut self) {
        self.kept.clear();
    }

    /// Checks the field's lines, re-using every paragraph whose text has
    /// not changed, and returns its findings (ranges in the lines joined
    /// with line breaks; lines and columns from 1).
    pub fn update(&mut self, checker: &Checker, lines: &[String], ctx: &Context) -> &[Finding] {
        let mut fresh = 0;
        for line in lines {
            // Look up before inserting, so an unchanged paragraph costs a
            // hash and no copy of its text.
            if !self.kept.contains_key(line) {
                fresh += 1;
                self.kept.insert(line.clone(), checker.paragraph(line, ctx));
            }
        }
        // Paragraphs typed through ("Kay", "Kayl", ...) are dropped now and
        // then rather than on every key.
        if self.kept.len() > 2 * lines.len() + 64 {
            let live: std::collections::HashSet<&String> = lines.iter().collect();
            self.kept.retain(|k, _| live.contains(k));
        }
        let mut parts = Vec::with_capacity(lines.len());
        let mut offset = 0;
        for (i, line) in lines.iter().enumerate() {
            if let Some(p) = self.kept.get(line) {
                parts.push((i + 1, offset, p));
            }
            offset += line.len() + 1;
        }
        self.findings = checker.assemble(&parts, ctx);
        self.fresh = fresh;
        &self.findings
    }

    /// The findings of the last update.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// How many paragraphs the last update checked afresh.
    pub fn fresh(&self) -> usize {
        self.fresh
    }
}
