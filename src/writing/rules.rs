//! The checks that need no dictionary: phrases from the lists found among
//! a paragraph's words, opinions without a source, repeated words and
//! doubled spaces.

use super::tokens::{Word, inside, quotations, sentences, words};
use std::collections::HashMap;
use std::ops::Range;

/// Words that are sometimes rightly written twice ("what it is is", "had
/// had", "that that"): never flagged as repeats.
const RIGHTLY_TWICE: &[&str] = &["had", "that", "is", "bye", "very", "no"];

/// Phrases looked up by their first word, so finding every phrase in a
/// paragraph costs one map look-up a word.
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    /// First word (small letters) → (phrase number, the phrase's words,
    /// whether it matches only as written).
    by_first: HashMap<String, Vec<(usize, Vec<String>, bool)>>,
}

/// A phrase found: which one, and the range of words it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index of the phrase in the list it came from.
    pub phrase: usize,
    /// Index of its first word in the paragraph's words.
    pub first: usize,
    /// Byte range in the paragraph.
    pub range: Range<usize>,
}

impl PhraseIndex {
    /// Indexes `phrases`. With `capitals_exact`, one with a capital letter
    /// matches only as written ("LAC") and one in small letters in any
    /// case ("contact"); without, every phrase matches in any case.
    pub fn new<'a>(
        phrases: impl IntoIterator<Item = &'a str>,
        capitals_exact: bool,
    ) -> PhraseIndex {
        let mut by_first: HashMap<String, Vec<(usize, Vec<String>, bool)>> = HashMap::new();
        for (i, phrase) in phrases.into_iter().enumerate() {
            let exact = capitals_exact && phrase.chars().any(char::is_uppercase);
            let ws: Vec<String> = words(phrase)
                .iter()
                .map(|w| {
                    if exact {
                        w.text.to_owned()
                    } else {
                        w.text.to_lowercase()
                    }
                })
                .collect();
            let Some(first) = ws.first() else { continue };
            by_first
                .entry(first.to_lowercase())
                .or_default()
                .push((i, ws, exact));
        }
        PhraseIndex { by_first }
    }

    /// Every phrase among `ws` (with `lower`, the same words in small
    /// letters), longest first where two start at one word.
    pub fn find(&self, ws: &[Word<'_>], lower: &[String]) -> Vec<Match> {
        let mut out = Vec::new();
        for (at, first) in lower.iter().enumerate() {
            let Some(candidates) = self.by_first.get(first) else {
                continue;
            };
            let mut best: Option<(usize, usize)> = None;
            for (phrase, pw, exact) in candidates {
                let n = pw.len();
                if at + n > ws.len() {
                    continue;
                }
                let same = (0..n).all(|k| {
                    if *exact {
                        ws[at + k].text == pw[k]
                    } else {
                        lower[at + k] == pw[k]
                    }
                });
                if same && best.is_none_or(|(_, len)| n > len) {
                    best = Some((*phrase, n));
                }
            }
            if let Some((phrase, n)) = best {
                out.push(Match {
                    phrase,
                    first: at,
                    range: ws[at].range.start..ws[at + n - 1].range.end,
                });
            }
        }
        out
    }
}

/// A word written twice in a row ("the the"): the range of both and the
/// word to keep.
pub fn repeats(text: &str, ws: &[Word<'_>], lower: &[String]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for i in 1..ws.len() {
        let between = &text[ws[i - 1].range.end..ws[i].range.start];
        let only_space = !between.is_empty() && between.chars().all(|c| c == ' ' || c == '\t');
        if only_space
            && lower[i] == lower[i - 1]
            && !ws[i].has_digit()
            && !RIGHTLY_TWICE.contains(&lower[i].as_str())
        {
            out.push((
                ws[i - 1].range.start..ws[i].range.end,
                ws[i - 1].text.to_owned(),
            ));
        }
    }
    out
}

/// Runs of two or more spaces between words (not at the start of a line,
/// where they indent, nor at its end).
pub fn doubled_spaces(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            let after_text = start > 0 && !matches!(bytes[start - 1], b'\n' | b'\r' | b'\t');
            let before_text = i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r' | b'\t');
            if i - start >= 2 && after_text && before_text {
                out.push(start..i);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Opinions with no source or evidence in their sentence or the next: the
/// first opinion phrase of each such sentence. Words in quotation marks
/// are someone's own and are left alone.
pub fn unsourced_opinions(text: &str, opinions: &[Match], evidence: &[Match]) -> Vec<Range<usize>> {
    if opinions.is_empty() {
        return Vec::new();
    }
    let quoted = quotations(text);
    let sents = sentences(text);
    let sentence_of = |at: usize| sents.iter().position(|s| s.contains(&at));
    let mut flagged_sentences = Vec::new();
    let mut out = Vec::new();
    for m in opinions {
        if inside(&m.range, &quoted) {
            continue;
        }
        let Some(s) = sentence_of(m.range.start) else {
            continue;
        };
        if flagged_sentences.contains(&s) {
            continue;
        }
        let sourced = evidence.iter().any(|e| {
            !inside(&e.range, &quoted)
                && sentence_of(e.range.start).is_some_and(|es| es == s || es == s + 1)
        });
        if !sourced {
            flagged_sentences.push(s);
            out.push(m.range.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(ws: &[Word<'_>]) -> Vec<String> {
        ws.iter().map(|w| w.text.to_lowercase()).collect()
    }

    #[test]
    fn phrases_match_whole_words_and_capitals_only_as_written() {
        let idx = PhraseIndex::new(["LAC", "contact", "presenting as"], true);
        let opinions = PhraseIndex::new(["I feel"], false);
        let t = "Contact lac LAC presenting as calm; I feel contacts";
        let ws = words(t);
        let found: Vec<&str> = idx
            .find(&ws, &lower(&ws))
            .into_iter()
            .chain(opinions.find(&ws, &lower(&ws)))
            .map(|m| &t[m.range])
            .collect();
        assert_eq!(found, ["Contact", "LAC", "presenting as", "I feel"]);
    }

    #[test]
    fn repeats_and_doubled_spaces() {
        let t = "took the the children; he had had enough.  Then";
        let ws = words(t);
        let r = repeats(t, &ws, &lower(&ws));
        assert_eq!(r.len(), 1);
        assert_eq!(&t[r[0].0.clone()], "the the");
        let d = doubled_spaces("  indented  twice  \nend");
        assert_eq!(d, vec![std::ops::Range { start: 10, end: 12 }]);
    }
}
