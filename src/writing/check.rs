//! The checker: every check run over one paragraph at a time, then put
//! together for a whole text. A paragraph's findings depend only on the
//! paragraph and the [`Context`], so a screen re-checks just the paragraph
//! that changed (`field.rs`); only "the first use of an abbreviation" looks
//! across paragraphs, and that is settled when the pieces are put together.

use super::lists::WritingLists;
use super::names::{NameIndex, Person};
use super::rules::{PhraseIndex, doubled_spaces, repeats, unsourced_opinions};
use super::spelling::Speller;
use super::tokens::{Word, addresses, inside, without_possessive, words};
use super::{Enabled, Finding, Kind};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The lists, made ready for quick look-ups, and the dictionary.
#[derive(Debug)]
pub struct Checker {
    speller: &'static Speller,
    lists: WritingLists,
    jargon: PhraseIndex,
    opinion: PhraseIndex,
    evidence: PhraseIndex,
    meanings: PhraseIndex,
    abbreviations: HashMap<String, usize>,
}

/// What the checks know beyond the text itself.
#[derive(Clone, Debug, Default)]
pub struct Context {
    names: NameIndex,
    /// Words the user has added to their own dictionary, in small letters.
    pub own_words: HashSet<String>,
    /// Which kinds are checked.
    pub enabled: Enabled,
    /// Abbreviations spelled out elsewhere in the record.
    pub spelled_out: HashSet<String>,
    /// Abbreviations already used earlier in the record (flagged there).
    pub used_before: HashSet<String>,
    /// Whether to ask the dictionary for suggestions (slow: for listing
    /// and the command line), or offer only British forms (for typing).
    pub full_suggestions: bool,
}

impl Context {
    /// A context knowing these people's names, every kind on.
    pub fn new(people: &[Person]) -> Context {
        Context {
            names: NameIndex::new(people),
            ..Context::default()
        }
    }

    /// The same context knowing these people instead.
    pub fn set_people(&mut self, people: &[Person]) {
        self.names = NameIndex::new(people);
    }

    /// Adds words to the user's own dictionary.
    pub fn add_own_words<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        self.own_words
            .extend(words.into_iter().map(str::to_lowercase));
    }
}

/// One paragraph's findings, before the record is taken into account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// Findings with ranges in the paragraph and line 0.
    pub findings: Vec<Finding>,
    /// Each abbreviation used: (as written, range, column, its meaning if
    /// the list has it).
    pub uses: Vec<(String, Range<usize>, usize, Option<String>)>,
    /// Abbreviations whose meaning the paragraph spells out.
    pub spelled_out: Vec<String>,
}

impl Checker {
    /// A checker with these lists and the shared dictionary.
    pub fn new(lists: WritingLists) -> Checker {
        Checker::with_speller(lists, Speller::shared())
    }

    /// A checker with these lists and this dictionary.
    pub fn with_speller(lists: WritingLists, speller: &'static Speller) -> Checker {
        let jargon = PhraseIndex::new(lists.jargon.iter().map(|j| j.word.as_str()), true);
        let opinion = PhraseIndex::new(lists.opinion.iter().map(String::as_str), false);
        let evidence = PhraseIndex::new(lists.evidence.iter().map(String::as_str), false);
        let meanings = PhraseIndex::new(
            lists.abbreviations.iter().map(|a| a.meaning.as_str()),
            false,
        );
        let abbreviations = lists
            .abbreviations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.short.clone(), i))
            .collect();
        Checker {
            speller,
            lists,
            jargon,
            opinion,
            evidence,
            meanings,
            abbreviations,
        }
    }

    /// The lists in use.
    pub fn lists(&self) -> &WritingLists {
        &self.lists
    }

    /// The dictionary in use.
    pub fn speller(&self) -> &'static Speller {
        self.speller
    }

    /// Checks one paragraph (one line of text, no line break in it).
    pub fn paragraph(&self, text: &str, ctx: &Context) -> Paragraph {
        let ws = words(text);
        let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
        let mut out = Paragraph::default();
        let on = |k: Kind| ctx.enabled.has(k);
        let column = |at: usize| text[..at].chars().count() + 1;
        let mut findings = Vec::new();
        let mut push = |kind, range: Range<usize>, suggestions, message| {
            findings.push(Finding {
                kind,
                text: text[range.clone()].to_owned(),
                column: column(range.start),
                line: 0,
                range,
                suggestions,
                message,
            });
        };

        let jargon = self.jargon.find(&ws, &lower);
        if on(Kind::Jargon) {
            for m in &jargon {
                let plainer = &self.lists.jargon[m.phrase].plainer;
                let found = &text[m.range.clone()];
                push(
                    Kind::Jargon,
                    m.range.clone(),
                    vec![like_first_letter(found, plainer)],
                    format!("plainer words are kinder to the family: \"{plainer}\""),
                );
            }
        }
        if on(Kind::Opinion) {
            let opinions = self.opinion.find(&ws, &lower);
            let evidence = self.evidence.find(&ws, &lower);
            for range in unsourced_opinions(text, &opinions, &evidence) {
                push(
                    Kind::Opinion,
                    range,
                    Vec::new(),
                    "say what this opinion is based on (what you saw, or who told you)".to_owned(),
                );
            }
        }
        if on(Kind::Repeat) {
            for (range, word) in repeats(text, &ws, &lower) {
                let message = format!("\"{word}\" is written twice");
                push(Kind::Repeat, range, vec![word], message);
            }
            for range in doubled_spaces(text) {
                push(
                    Kind::Repeat,
                    range,
                    vec![" ".to_owned()],
                    "two spaces where one will do".to_owned(),
                );
            }
        }
        for m in self.meanings.find(&ws, &lower) {
            out.spelled_out
                .push(self.lists.abbreviations[m.phrase].short.clone());
        }

        let skip = addresses(text);
        let covered = |r: &Range<usize>| {
            jargon
                .iter()
                .any(|m| m.range.start <= r.start && r.end <= m.range.end)
        };
        for (w, word_lower) in ws.iter().zip(&lower) {
            if w.has_digit() || inside(&w.range, &skip) || covered(&w.range) {
                continue;
            }
            let bare = without_possessive(w.text);
            // The word lower-cased once for the paragraph serves here too,
            // unless a possessive was taken off (a keystroke checks every
            // word of its paragraph: issue 12).
            let bare_lower = if bare.len() == w.text.len() {
                std::borrow::Cow::Borrowed(word_lower.as_str())
            } else {
                std::borrow::Cow::Owned(bare.to_lowercase())
            };
            if ctx.names.is_name(&bare_lower)
                || ctx.own_words.contains(bare_lower.as_ref())
                || ctx.own_words.contains(word_lower)
            {
                continue;
            }
            let capitals = Word {
                text: bare,
                range: w.range.clone(),
            }
            .is_capitals();
            if capitals {
                self.abbreviation_use(text, w, bare, &mut out);
                continue;
            }
            if bare.chars().count() < 2 || self.speller.knows(w.text) {
                continue;
            }
            let ending = &w.text[bare.len()..];
            if let Some((name, who)) = ctx.names.near(bare) {
                if on(Kind::Name) {
                    let fix = format!("{name}{ending}");
                    let message = format!("Did you mean {name}? ({who})");
                    push(Kind::Name, w.range.clone(), vec![fix], message);
                }
            } else if on(Kind::Spelling) {
                let british = self.speller.british_forms(w.text);
                let message = match british.first() {
                    Some(b) => format!("\"{}\" is the American spelling; British: \"{b}\"", w.text),
                    None => format!("\"{}\" is not in the British English dictionary", w.text),
                };
                let suggestions = if ctx.full_suggestions {
                    self.speller.suggest(w.text)
                } else {
                    british
                };
                push(Kind::Spelling, w.range.clone(), suggestions, message);
            }
        }
        findings.sort_by_key(|f: &Finding| (f.range.start, f.kind));
        out.findings = findings;
        out
    }

    /// Notes an abbreviation: spelled out by the writer in brackets
    /// ("Multi-Agency Risk Assessment Conference (MARAC)"), or a use.
    fn abbreviation_use(&self, text: &str, w: &Word<'_>, bare: &str, out: &mut Paragraph) {
        let bracketed =
            text[..w.range.start].ends_with('(') && text[w.range.end..].starts_with(')');
        if bracketed {
            out.spelled_out.push(bare.to_owned());
            return;
        }
        let meaning = self
            .abbreviations
            .get(bare)
            .map(|&i| self.lists.abbreviations[i].meaning.clone());
        if meaning.is_none() && self.speller.knows(bare) {
            return; // "OK", "UK", "TV", or a word in capitals
        }
        let column = text[..w.range.start].chars().count() + 1;
        out.uses.push((
            bare.to_owned(),
            w.range.start..w.range.start + bare.len(),
            column,
            meaning,
        ));
    }

    /// Puts paragraphs' findings together: `parts` are (line from 1, byte
    /// offset of the paragraph, its findings). Adds the first use of each
    /// abbreviation not spelled out anywhere, and returns every finding
    /// placed in the whole text, in order.
    pub fn assemble(&self, parts: &[(usize, usize, &Paragraph)], ctx: &Context) -> Vec<Finding> {
        let mut spelled_out: HashSet<&str> = ctx.spelled_out.iter().map(String::as_str).collect();
        for (_, _, p) in parts {
            spelled_out.extend(p.spelled_out.iter().map(String::as_str));
        }
        let mut seen: HashSet<&str> = ctx.used_before.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        for &(line, offset, p) in parts {
            for f in &p.findings {
                let mut f = f.clone();
                f.line = line;
                f.range = f.range.start + offset..f.range.end + offset;
                out.push(f);
            }
            if !ctx.enabled.has(Kind::Abbreviation) {
                continue;
            }
            for (short, range, column, meaning) in &p.uses {
                if spelled_out.contains(short.as_str()) || !seen.insert(short) {
                    continue;
                }
                let (suggestions, message) = match meaning {
                    Some(m) => (
                        vec![format!("{m} ({short})")],
                        format!("\"{short}\" means \"{m}\": spell it out the first time"),
                    ),
                    None => (
                        Vec::new(),
                        format!("say what \"{short}\" stands for the first time it is used"),
                    ),
                };
                out.push(Finding {
                    kind: Kind::Abbreviation,
                    range: range.start + offset..range.end + offset,
                    line,
                    column: *column,
                    text: short.clone(),
                    suggestions,
                    message,
                });
            }
        }
        out.sort_by_key(|f| (f.range.start, f.kind));
        out
    }

    /// The abbreviations a text spells out and the ones it uses, for the
    /// [`Context`] of a field checked apart from the rest of its record.
    pub fn abbreviation_facts(&self, text: &str) -> (Vec<String>, Vec<String>) {
        let mut spelled = Vec::new();
        let mut used = Vec::new();
        for line in text.split('\n') {
            let ws = words(line);
            let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
            for m in self.meanings.find(&ws, &lower) {
                spelled.push(self.lists.abbreviations[m.phrase].short.clone());
            }
            for w in &ws {
                let bare = without_possessive(w.text);
                if self.abbreviations.contains_key(bare) {
                    let bracketed = line[..w.range.start].ends_with('(')
                        && line[w.range.end..].starts_with(')');
                    if bracketed {
                        spelled.push(bare.to_owned());
                    } else {
                        used.push(bare.to_owned());
                    }
                }
            }
        }
        (spelled, used)
    }

    /// Checks a whole text, a paragraph a line.
    pub fn check(&self, text: &str, ctx: &Context) -> Vec<Finding> {
        let mut paragraphs = Vec::new();
        let mut offset = 0;
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            paragraphs.push((i + 1, offset, self.paragraph(line, ctx)));
            offset += raw.len() + 1;
        }
        let parts: Vec<(usize, usize, &Paragraph)> =
            paragraphs.iter().map(|(l, o, p)| (*l, *o, p)).collect();
        self.assemble(&parts, ctx)
    }
}

/// `replacement` with a capital first letter when `found` has one.
fn like_first_letter(found: &str, replacement: &str) -> String {
    let capital = found.chars().next().is_some_and(char::is_uppercase)
        && !found.chars().all(|c| !c.is_lowercase());
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if capital => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}

/// Checks `text` with the built-in lists, knowing `people`: the one-call
/// form for tests and scripts.
pub fn check_text(text: &str, people: &[Person]) -> Vec<Finding> {
    match WritingLists::built_in() {
        Ok(lists) => {
            let mut ctx = Context::new(people);
            ctx.full_suggestions = true;
            Checker::new(lists).check(text, &ctx)
        }
        Err(_) => Vec::new(),
    }
}
