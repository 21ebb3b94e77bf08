//! Checking the field being typed without re-checking all of it on every
//! keystroke: each paragraph's findings are kept in order, and only the
//! paragraphs between the unchanged ones at the start and at the end are
//! looked at again (usually the one being typed). Putting the kept
//! findings together is cheap (issue 13's budget: 2 ms a keystroke with
//! 100 KB of text in the record; issue 12 took out hashing the whole field
//! on every key; docs/performance.md).

use super::Finding;
use super::check::{Checker, Context, Paragraph};

/// The kept findings of one field.
#[derive(Clone, Debug, Default)]
pub struct FieldChecker {
    /// The field's paragraphs as last checked, in order, with what was
    /// found in each.
    kept: Vec<(String, Paragraph)>,
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
    pub fn update<S: AsRef<str>>(
        &mut self,
        checker: &Checker,
        lines: &[S],
        ctx: &Context,
    ) -> &[Finding] {
        let old = std::mem::take(&mut self.kept);
        let same = |o: &(String, Paragraph), l: &S| o.0 == l.as_ref();
        // Unchanged at the start, then at the end (not overlapping).
        let head = old
            .iter()
            .zip(lines)
            .take_while(|(o, l)| same(o, l))
            .count();
        let room = old.len().min(lines.len()) - head;
        let tail = old
            .iter()
            .rev()
            .zip(lines.iter().rev())
            .take(room)
            .take_while(|(o, l)| same(o, l))
            .count();
        let middle = old.len() - head - tail;
        let mut old = old.into_iter();
        let mut kept: Vec<(String, Paragraph)> = Vec::with_capacity(lines.len());
        kept.extend(old.by_ref().take(head));
        // What changed in between: a paragraph that only moved (a line
        // break typed above it) keeps its findings; the rest are checked.
        let mut between: Vec<Option<(String, Paragraph)>> =
            old.by_ref().take(middle).map(Some).collect();
        let mut fresh = 0;
        for line in &lines[head..lines.len() - tail] {
            let line = line.as_ref();
            let found = between
                .iter_mut()
                .find(|b| b.as_ref().is_some_and(|(t, _)| t == line))
                .and_then(Option::take);
            kept.push(found.unwrap_or_else(|| {
                fresh += 1;
                (line.to_owned(), checker.paragraph(line, ctx))
            }));
        }
        kept.extend(old);
        let mut parts = Vec::with_capacity(kept.len());
        let mut offset = 0;
        for (i, (line, p)) in kept.iter().enumerate() {
            parts.push((i + 1, offset, p));
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
