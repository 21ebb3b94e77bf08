//! The home screen's filter over every family's "REFERENCE name" (issue 12:
//! a keystroke within 5 ms at 50,000 families, and under 20 MB resident).
//! The text matched is the list's own (`FamilyList::hay`): ASCII text is
//! folded to lower case as it is compared, and only the families whose
//! text is not ASCII keep a lower-cased copy here, made once per list. While
//! the query only grows, only the families the shorter query matched are
//! matched again: a family that does not match "exam" cannot match "examp".
//! Matches are ranked best first while there are at most [`RANKED`] of
//! them; a query so broad that more match (the first letters of any query,
//! on a big file) shows them in the list's own order, since ranking tens of
//! thousands of near-equal names is most of the cost of a key and tells
//! nobody anything.

/// The most matches ranked by score; more are shown in list order.
pub const RANKED: usize = 5_000;

use crate::service::FamilyList;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The lower-cased text of the families whose text is not ASCII, and what
/// the last query matched.
pub struct FilterIndex {
    /// Each non-ASCII family's "reference name", lower-cased, by its row,
    /// in row order (ASCII text, nearly every family's, is folded as it is
    /// compared and needs no copy).
    lowered: Vec<(u32, Box<str>)>,
    /// The last query (lower-cased) and the families it matched, in list
    /// order: where the next query starts from if it only adds to it.
    last: Option<(String, Vec<u32>)>,
    matcher: Matcher,
}

impl Default for FilterIndex {
    fn default() -> Self {
        FilterIndex::new(&FamilyList::new())
    }
}

/// A family's text as matched: the list's own when it is ASCII (compared
/// folded), or the lower-cased copy.
#[derive(Clone, Copy)]
enum Hay<'a> {
    Ascii(&'a str),
    Lowered(&'a str),
}

impl FilterIndex {
    /// The index of these rows, in their order.
    pub fn new(rows: &FamilyList) -> FilterIndex {
        let mut lowered = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if !rows.hay(i).is_ascii() {
                let mut text = String::new();
                for part in [r.reference, " ", r.name] {
                    push_lower(&mut text, part);
                }
                lowered.push((row32(i), text.into_boxed_str()));
            }
        }
        lowered.shrink_to_fit();
        FilterIndex {
            lowered,
            last: None,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// The rows of `rows` (the list this index was made from) matching
    /// `query`, best first (equal scores in list order); `None` when the
    /// query is blank and every row is shown.
    pub fn matches(&mut self, rows: &FamilyList, query: &str) -> Option<Vec<usize>> {
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
        let mut scratch = String::new();
        let mut matched: Vec<u32> = Vec::new();
        let candidates: Box<dyn Iterator<Item = usize>> = match from {
            Some(rows) => Box::new(rows.into_iter().map(|i| i as usize)),
            None => Box::new(0..rows.len()),
        };
        let (lowered_rows, matcher) = (&self.lowered, &mut self.matcher);
        for i in candidates {
            if is_match(
                &pattern,
                hay(lowered_rows, rows, i),
                &mut scratch,
                &mut buf,
                matcher,
            ) {
                matched.push(row32(i));
            }
        }
        let shown: Vec<usize> = if matched.len() > RANKED {
            matched.iter().map(|&i| i as usize).collect()
        } else {
            let mut scored: Vec<u64> = matched
                .iter()
                .map(|&i| {
                    let text = lowered(hay(lowered_rows, rows, i as usize), &mut scratch);
                    let score = pattern
                        .score(Utf32Str::new(text, &mut buf), matcher)
                        .unwrap_or(0);
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
}

/// Row `i`'s text to match: the list's own if ASCII, else its copy in
/// `lowered`.
fn hay<'a>(lowered: &'a [(u32, Box<str>)], rows: &'a FamilyList, i: usize) -> Hay<'a> {
    let text = rows.hay(i);
    if text.is_ascii() {
        return Hay::Ascii(text);
    }
    match lowered.binary_search_by_key(&row32(i), |(r, _)| *r) {
        Ok(at) => Hay::Lowered(&lowered[at].1),
        // Not reached: every non-ASCII row was lowered in `new`, from the
        // same list; matching it as stored is the nearest answer.
        Err(_) => Hay::Lowered(text),
    }
}

/// A row index as a u32: at most u32::MAX families fit, far beyond any file.
fn row32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The hay lower-cased: a copy into `scratch` for ASCII text (reused, so
/// no allocation once it is long enough), the stored copy otherwise.
fn lowered<'a>(hay: Hay<'a>, scratch: &'a mut String) -> &'a str {
    match hay {
        Hay::Lowered(s) => s,
        Hay::Ascii(s) => {
            scratch.clear();
            push_lower(scratch, s);
            scratch
        }
    }
}

/// Whether `hay` matches every word of the pattern, as `Pattern::score`
/// decides it on the lower-cased text; a plain loose word against ASCII
/// text is checked as the subsequence it is (its letters in order, the
/// text folded as it is read), without working out a score or a copy.
fn is_match(
    pattern: &Pattern,
    hay: Hay,
    scratch: &mut String,
    buf: &mut Vec<char>,
    matcher: &mut Matcher,
) -> bool {
    let mut folded = false;
    pattern.atoms.iter().all(|atom| {
        if atom.kind == AtomKind::Fuzzy
            && !atom.negative
            && let Utf32Str::Ascii(needle) = atom.needle_text()
        {
            match hay {
                Hay::Ascii(s) => {
                    let mut rest = s.as_bytes().iter();
                    return needle
                        .iter()
                        .all(|n| rest.any(|h| h.to_ascii_lowercase() == *n));
                }
                Hay::Lowered(s) if s.is_ascii() => {
                    let mut rest = s.as_bytes().iter();
                    return needle.iter().all(|n| rest.any(|h| h == n));
                }
                Hay::Lowered(_) => {}
            }
        }
        let text: &str = match hay {
            Hay::Lowered(s) => s,
            Hay::Ascii(s) => {
                // Folded once for all the atoms that need the whole text.
                if !folded {
                    scratch.clear();
                    push_lower(scratch, s);
                    folded = true;
                }
                scratch
            }
        };
        atom.score(Utf32Str::new(text, buf), matcher).is_some()
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
    use crate::service::FamilyRow;

    fn row(id: i64, reference: &str, name: &str) -> FamilyRow {
        FamilyRow::example(id, reference, name)
    }

    fn rows(n: i64) -> FamilyList {
        (0..n)
            .map(|i| row(i, &format!("EX-{i:05}"), &format!("Family Example-{i:05}")))
            .collect()
    }

    /// Row `i`'s text, lower-cased, as it is matched.
    fn lower_hay(f: &FilterIndex, list: &FamilyList, i: usize) -> String {
        lowered(hay(&f.lowered, list, i), &mut String::new()).to_owned()
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
                let got = typed.matches(&list, &so_far);
                let fresh = FilterIndex::new(&list).matches(&list, &so_far);
                assert_eq!(got, fresh, "{so_far:?}");
            }
            so_far.pop();
            let got = typed.matches(&list, &so_far);
            assert_eq!(
                got,
                FilterIndex::new(&list).matches(&list, &so_far),
                "back to {so_far:?}"
            );
        }
    }

    /// The quick check says yes exactly where nucleo's scoring does.
    #[test]
    fn the_quick_match_agrees_with_nucleo() {
        let mut list = rows(300);
        list.push(&row(900, "FX-9", "Ëxample Ömega"));
        list.push(&row(901, "FX-10", "EXAMPLE Smpl"));
        let f = FilterIndex::new(&list);
        assert_eq!(f.lowered.len(), 1, "only the non-ASCII family is copied");
        let mut scratch = String::new();
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
                let lower = lower_hay(&f, &list, i);
                let quick = is_match(
                    &pattern,
                    hay(&f.lowered, &list, i),
                    &mut scratch,
                    &mut buf,
                    &mut matcher,
                );
                let full = pattern
                    .score(Utf32Str::new(&lower, &mut buf), &mut matcher)
                    .is_some();
                assert_eq!(quick, full, "{query:?} against {lower:?}");
            }
        }
    }

    #[test]
    fn a_broad_query_keeps_the_list_order_and_a_narrow_one_is_ranked() {
        let list = rows(i64::try_from(RANKED).unwrap() + 10);
        let mut f = FilterIndex::new(&list);
        let all = f.matches(&list, "ex").unwrap();
        assert_eq!(all.len(), list.len());
        assert!(all.windows(2).all(|w| w[0] < w[1]), "list order");
        let few = f.matches(&list, "ex-00042").unwrap();
        assert_eq!(few[0], 42, "the exact reference first");
    }

    #[test]
    fn case_and_accents_are_ignored_and_best_comes_first() {
        let list: FamilyList = [
            row(1, "FX-1", "Ëxample Ömega"),
            row(2, "FX-2", "Sample household"),
            row(3, "FX-3", "Example Smpl"),
        ]
        .into_iter()
        .collect();
        let mut f = FilterIndex::new(&list);
        assert_eq!(f.matches(&list, "ömega"), Some(vec![0]));
        assert_eq!(f.matches(&list, "SMPL").map(|r| r.len()), Some(2));
        assert_eq!(f.matches(&list, "  "), None);
        assert_eq!(lower_hay(&f, &list, 1), "fx-2 sample household");
        assert_eq!(lower_hay(&f, &list, 0), "fx-1 ëxample ömega");
    }
}
