//! The home screen's filter over every family's "REFERENCE name" (issue 12:
//! a keystroke within 5 ms at 50,000 families). The text is lower-cased
//! once per list, into one buffer rather than a string per family, and
//! while the query only grows, only the families the shorter query matched
//! are matched again: a family that does not match "exam" cannot match
//! "examp".

use super::home::FamilyRow;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Every family's text to match, and what the last query matched.
pub struct FilterIndex {
    /// Each family's "reference name", lower-cased, one after another.
    text: String,
    /// Where each family's text ends in `text`.
    ends: Vec<usize>,
    /// The last query (lower-cased) and the families it matched, in list
    /// order: where the next query starts from if it only adds to it.
    last: Option<(String, Vec<u32>)>,
    matcher: Matcher,
}

impl Default for FilterIndex {
    fn default() -> Self {
        FilterIndex::new(&[])
    }
}

impl FilterIndex {
    /// The index of these rows, in their order.
    pub fn new(rows: &[FamilyRow]) -> FilterIndex {
        let mut text = String::with_capacity(rows.len() * 32);
        let mut ends = Vec::with_capacity(rows.len());
        for r in rows {
            for part in [r.reference.as_str(), " ", r.name.as_str()] {
                push_lower(&mut text, part);
            }
            ends.push(text.len());
        }
        text.shrink_to_fit();
        FilterIndex {
            text,
            ends,
            last: None,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// The rows matching `query`, best first (equal scores in list order);
    /// `None` when the query is blank and every row is shown.
    pub fn matches(&mut self, query: &str) -> Option<Vec<usize>> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            self.last = None;
            return None;
        }
        // Atoms are matched together, so a query that only grows matches
        // fewer families, never more: except where it grows a negation
        // ("!ab" excludes fewer than "!a") or an escape changes what came
        // before, which are matched from scratch.
        let narrows = !query.contains(['!', '\\']);
        let from = match self.last.take() {
            Some((before, rows)) if narrows && query.starts_with(&before) => Some(rows),
            _ => None,
        };
        // Both sides are lower-cased by the same rule, so case is compared
        // as it is.
        let pattern = Pattern::parse(&query, CaseMatching::Respect, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<u64> = Vec::new();
        let mut matched: Vec<u32> = Vec::new();
        let mut consider = |i: usize, matcher: &mut Matcher| {
            let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
            let hay = &self.text[start..self.ends[i]];
            if let Some(score) = pattern.score(Utf32Str::new(hay, &mut buf), matcher) {
                // At most u32::MAX families fit a u32: far beyond any file.
                let i32 = u32::try_from(i).unwrap_or(u32::MAX);
                matched.push(i32);
                // Best score first, then list order, as one integer key.
                scored.push((u64::from(u32::MAX - score) << 32) | u64::from(i32));
            }
        };
        match from {
            Some(rows) => {
                for i in rows {
                    consider(i as usize, &mut self.matcher);
                }
            }
            None => {
                for i in 0..self.ends.len() {
                    consider(i, &mut self.matcher);
                }
            }
        }
        scored.sort_unstable();
        self.last = Some((query, matched));
        Some(
            scored
                .into_iter()
                // The low half is a row index put there from a usize above.
                .map(|k| usize::try_from(k & u64::from(u32::MAX)).unwrap_or(usize::MAX))
                .collect(),
        )
    }
}

/// Appends `s` lower-cased, without a string of its own for ASCII text.
fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&s.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::FamilyId;

    fn row(id: i64, reference: &str, name: &str) -> FamilyRow {
        FamilyRow {
            id: FamilyId(id),
            reference: reference.into(),
            name: name.into(),
            closed: false,
            closed_on: None,
            worker: None,
            cp: false,
            cin: false,
            lac: false,
            drafts: 0,
            overdue: None,
        }
    }

    fn rows(n: i64) -> Vec<FamilyRow> {
        (0..n)
            .map(|i| row(i, &format!("EX-{i:05}"), &format!("Family Example-{i:05}")))
            .collect()
    }

    /// Typing a query a letter at a time (each from the last one's matches)
    /// gives what matching the whole query from scratch gives, whatever the
    /// letters, including negations, anchors and a deleted letter.
    #[test]
    fn growing_a_query_matches_as_matching_it_afresh() {
        let list = rows(300);
        for query in [
            "ex-0012",
            "example 42",
            "fam 7$",
            "^ex-001",
            "ex !3",
            "'ple-00 9",
            "EX-00",
        ] {
            let mut typed = FilterIndex::new(&list);
            let mut so_far = String::new();
            for c in query.chars() {
                so_far.push(c);
                let got = typed.matches(&so_far);
                let fresh = FilterIndex::new(&list).matches(&so_far);
                assert_eq!(got, fresh, "{so_far:?}");
            }
            so_far.pop();
            let got = typed.matches(&so_far);
            assert_eq!(
                got,
                FilterIndex::new(&list).matches(&so_far),
                "back to {so_far:?}"
            );
        }
    }

    #[test]
    fn case_and_accents_are_ignored_and_best_comes_first() {
        let list = vec![
            row(1, "FX-1", "Ëxample Ömega"),
            row(2, "FX-2", "Sample household"),
            row(3, "FX-3", "Example Smpl"),
        ];
        let mut f = FilterIndex::new(&list);
        assert_eq!(f.matches("ömega"), Some(vec![0]));
        assert_eq!(f.matches("SMPL").map(|r| r.len()), Some(2));
        assert_eq!(f.matches("  "), None);
    }
}
