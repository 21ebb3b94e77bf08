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
        let mut kept = HashMap::with_capacity(lines.len());
        let mut fresh = 0;
        for line in lines {
            if kept.contains_key(line) {
                continue;
            }
            let p = match self.kept.remove(line) {
                Some(p) => p,
                None => {
                    fresh += 1;
                    checker.paragraph(line, ctx)
                }
            };
            kept.insert(line.clone(), p);
        }
        let mut parts = Vec::with_capacity(lines.len());
        let mut offset = 0;
        for (i, line) in lines.iter().enumerate() {
            if let Some(p) = kept.get(line) {
                parts.push((i + 1, offset, p));
            }
            offset += line.len() + 1;
        }
        self.findings = checker.assemble(&parts, ctx);
        self.kept = kept;
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
