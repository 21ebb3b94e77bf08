//! Cutting a paragraph into words, sentences and quotations, each with its
//! byte range, so every check works on the same pieces and every finding
//! can point back at the text.

use std::ops::Range;

/// One word: letters and digits, with apostrophes inside it ("Kayleigh's",
/// "don't"). Hyphens and other marks end a word, so "step-dad" is two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Its byte range in the paragraph.
    pub range: Range<usize>,
}

impl Word<'_> {
    /// Whether it holds a digit ("3:40pm", "2nd"): never a spelling.
    pub fn has_digit(&self) -> bool {
        self.text.chars().any(|c| c.is_ascii_digit())
    }

    /// Whether it is written in capitals, two letters or more ("CIN").
    pub fn is_capitals(&self) -> bool {
        self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_letter = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let inside = c.is_alphanumeric() || (is_apostrophe(c) && start.is_some() && next_is_letter);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    range: s..i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            range: s..text.len(),
        });
    }
    out
}

/// The word without a possessive ending ("Kayleigh's" → "Kayleigh").
pub fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// Byte ranges of the sentences of a paragraph: each ends after `.`, `!`
/// or `?` followed by a space or the end. Good enough for "which sentence
/// is this word in"; "Dr." may end one early, which only narrows a search.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') {
            let end = i + c.len_utf8();
            let at_break = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            if at_break {
                out.push(start..end);
                start = end;
            }
        }
    }
    if text[start..].trim().is_empty() {
        if let Some(last) = out.last_mut() {
            last.end = text.len();
        }
    } else {
        out.push(start..text.len());
    }
    out
}

/// Byte ranges inside double quotation marks ("…" or “…”): someone's own
/// words, which the opinion check leaves alone. An unclosed quotation runs
/// to the end of the paragraph.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"', None) | ('\u{201C}', None) => open = Some(i),
            ('"', Some(s)) | ('\u{201D}', Some(s)) => {
                out.push(s..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push(s..text.len());
    }
    out
}

/// Byte ranges of web addresses and email addresses (any run without
/// spaces holding `@`, `://` or starting `www.`): not words to spell.
pub fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in text.split(char::is_whitespace) {
        let looks = chunk.contains('@') || chunk.contains("://") || chunk.starts_with("www.");
        if looks {
            out.push(pos..pos + chunk.len());
        }
        // The separator is one whitespace character; find its width.
        let sep = text[pos + chunk.len()..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        pos += chunk.len() + sep;
    }
    out
}

/// Whether `range` lies inside any of `spans`.
pub fn inside(range: &Range<usize>, spans: &[Range<usize>]) -> bool {
    spans
        .iter()
        .any(|s| s.start <= range.start && range.end <= s.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_split_on_hyphens() {
        let w: Vec<&str> = words("Kayleigh's step-dad don't 'quoted' 3:40pm")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            w,
            ["Kayleigh's", "step", "dad", "don't", "quoted", "3", "40pm"]
        );
    }

    #[test]
    fn sentences_end_at_stops_followed_by_space() {
        let t = "She is 3.5 years old. He said no! Why?";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(s, ["She is 3.5 years old.", " He said no!", " Why?"]);
    }

    #[test]
    fn quotations_and_addresses_are_found() {
        let t = "She said \"I feel safe\" and wrote to a.b@example.org today";
        let q = quotations(t);
        assert_eq!(&t[q[0].clone()], "\"I feel safe\"");
        let a = addresses(t);
        assert_eq!(&t[a[0].clone()], "a.b@example.org");
    }
}
