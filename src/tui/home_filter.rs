//! The home screen's filter over every family's "REFERENCE name" (issue 12:
//! a keystroke within 5 ms at 50,000 families). The text is lower-cased
//! once per list, into one buffer rather than a string per family, and
//! while the query only grows, only the families the shorter query matched
//! are matched again: a family that does not match "exam" cannot match
//! "examp". Matches are ranked best first while there are at most
//! [`RANKED`] of them; a query so broad that more match (the first letters
//! of any query, on a big file) shows them in the list's own order, since
//! ranking tens of thousands of near-equal names is most of the cost of a
//! key and tells nobody anything.

/// The most matches ranked by score; more are shown in list order.
pub const RANKED: usize = 5_000;

use crate::service::FamilyRow;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
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
        let mut matched: Vec<u32> = Vec::new();
        let candidates: Box<dyn Iterator<Item = usize>> = match from {
            Some(rows) => Box::new(rows.into_iter().map(|i| i as usize)),
            None => Box::new(0..self.ends.len()),
        };
        for i in candidates {
            if is_match(
                &pattern,
                hay(&self.text, &self.ends, i),
                &mut buf,
                &mut self.matcher,
            ) {
                // At most u32::MAX families fit a u32: far beyond any file.
                matched.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        let shown: Vec<usize> = if matched.len() > RANKED {
            matched.iter().map(|&i| i as usize).collect()
        } else {
            let mut scored: Vec<u64> = matched
                .iter()
                .map(|&i| {
                    let hay = Utf32Str::new(hay(&self.text, &self.ends, i as usize), &mut buf);
                    let score = pattern.score(hay, &mut self.matcher).unwrap_or(0);
                    // Best score first, then list order, as one integer key.
                    (u64::from(u32::MAX - score) << 32) | u64::from(i)
                })
                .collect();
            scored.sort_unstable();
            scored
                .into_iter()
                // The low half is a row index put there from a u32 above.
                .map(|k| usize::try_from(k & u64::from(u32::MAX)).unwrap_or(usize::MAX))
                .collect()
        };
        self.last = Some((query, matched));
        Some(shown)
    }

    /// Row `i`'s lower-cased text.
    #[cfg(test)]
    fn hay(&self, i: usize) -> &str {
        hay(&self.text, &self.ends, i)
    }
}

/// Row `i`'s text in the shared buffer.
fn hay<'a>(text: &'a str, ends: &[usize], i: usize) -> &'a str {
    let start = i.checked_sub(1).map_or(0, |p| ends[p]);
    &text[start..ends[i]]
}

/// Whether `hay` matches every word of the pattern, as `Pattern::score`
/// decides it; a plain loose word against ASCII text is checked as the
/// subsequence it is (its letters in order), without working out a score.
fn is_match(pattern: &Pattern, hay: &str, buf: &mut Vec<char>, matcher: &mut Matcher) -> bool {
    pattern.atoms.iter().all(|atom| {
        if atom.kind == AtomKind::Fuzzy
            && !atom.negative
            && hay.is_ascii()
            && let Utf32Str::Ascii(needle) = atom.needle_text()
        {
            let mut rest = hay.as_bytes().iter();
            return needle.iter().all(|n| rest.any(|h| h == n));
        }
        atom.score(Utf32Str::new(hay, buf), matcher).is_some()
    })
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

    /// The quick check says yes exactly where nucleo's scoring does.
    #[test]
    fn the_quick_match_agrees_with_nucleo() {
        let mut list = rows(300);
        list.push(row(900, "FX-9", "Ëxample Ömega"));
        let f = FilterIndex::new(&list);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        for query in [
            "ex-0012",
            "example 42",
            "fam 7$",
            "^ex-001",
            "ex !3",
            "'ple-00 9",
            "xe",
            "omega",
            "ëx",
        ] {
            let pattern = Pattern::parse(query, CaseMatching::Respect, Normalization::Smart);
            for i in 0..list.len() {
                let hay = f.hay(i);
                let quick = is_match(&pattern, hay, &mut buf, &mut matcher);
                let full = pattern
                    .score(Utf32Str::new(hay, &mut buf), &mut matcher)
                    .is_some();
                assert_eq!(quick, full, "{query:?} against {hay:?}");
            }
        }
    }

    #[test]
    fn a_broad_query_keeps_the_list_order_and_a_narrow_one_is_ranked() {
        let list = rows(i64::try_from(RANKED).unwrap() + 10);
        let mut f = FilterIndex::new(&list);
        let all = f.matches("ex").unwrap();
        assert_eq!(all.len(), list.len());
        assert!(all.windows(2).all(|w| w[0] < w[1]), "list order");
        let few = f.matches("ex-00042").unwrap();
        assert_eq!(few[0], 42, "the exact reference first");
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
