//! The word lists a council can change, read like the forms: built-in
//! defaults from `forms/writing/` compiled in, each replaced by a file of
//! the same name in `writing/` inside the organisation's forms directory.
//! Every mistake in a list is reported as file:line:column.

use crate::form::{Diagnostic, FormError, LineIndex};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

/// The largest list file read; real lists are a few kilobytes.
pub const MAX_LIST_BYTES: usize = 256 * 1024;

/// The most entries one list may hold.
const MAX_ENTRIES: usize = 5000;

/// The most characters in one entry.
const MAX_ENTRY_CHARS: usize = 200;

/// (file name, TOML text) of the built-in lists.
pub const BUILT_IN_LISTS: &[(&str, &str)] = &[
    (
        "abbreviations.toml",
        include_str!("../../forms/writing/abbreviations.toml"),
    ),
    (
        "jargon.toml",
        include_str!("../../forms/writing/jargon.toml"),
    ),
    (
        "opinion.toml",
        include_str!("../../forms/writing/opinion.toml"),
    ),
];

/// An abbreviation and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abbreviation {
    /// As written in a record ("CIN").
    pub short: String,
    /// What it stands for ("child in need").
    pub meaning: String,
}

/// A word or phrase with plainer words for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jargon {
    /// The word or phrase ("LAC", "contact").
    pub word: String,
    /// What to write instead.
    pub plainer: String,
}

/// Every list the checks read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WritingLists {
    /// Abbreviations and their meanings.
    pub abbreviations: Vec<Abbreviation>,
    /// Jargon and plainer words.
    pub jargon: Vec<Jargon>,
    /// Phrases that state an opinion.
    pub opinion: Vec<String>,
    /// Phrases that name a source or evidence.
    pub evidence: Vec<String>,
}

/// Problems in list files, each at file:line:column.
pub type ListsError = FormError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAbbreviations {
    #[serde(default)]
    abbreviation: Vec<RawAbbreviation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAbbreviation {
    short: Spanned<String>,
    meaning: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJargonList {
    #[serde(default)]
    jargon: Vec<RawJargon>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJargon {
    word: Spanned<String>,
    plainer: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOpinion {
    #[serde(default)]
    opinion: Vec<Spanned<String>>,
    #[serde(default)]
    evidence: Vec<Spanned<String>>,
}

/// Collects the problems of one file.
struct Problems<'a> {
    file: &'a str,
    index: LineIndex<'a>,
    found: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    fn new(file: &'a str, source: &'a str) -> Problems<'a> {
        Problems {
            file,
            index: LineIndex::new(source),
            found: Vec::new(),
        }
    }

    fn at(&mut self, offset: usize, message: String) {
        let (line, column) = self.index.locate(offset);
        self.found.push(Diagnostic {
            file: self.file.to_owned(),
            line,
            column,
            message,
        });
    }

    /// Checks one entry: not empty, not too long, not a repeat of an
    /// earlier one (compared without regard to case).
    fn entry(
        &mut self,
        what: &str,
        value: &Spanned<String>,
        seen: &mut HashMap<String, usize>,
    ) -> bool {
        let text = value.get_ref().trim();
        let at = value.span().start;
        if text.is_empty() {
            self.at(at, format!("this {what} is empty; write the words"));
            return false;
        }
        if text.chars().count() > MAX_ENTRY_CHARS {
            self.at(
                at,
                format!("this {what} is longer than {MAX_ENTRY_CHARS} characters"),
            );
            return false;
        }
        if text.chars().any(char::is_control) {
            self.at(at, format!("this {what} holds a control character"));
            return false;
        }
        let key = text.to_lowercase();
        if let Some(&first) = seen.get(&key) {
            let (line, _) = self.index.locate(first);
            self.at(at, format!("`{text}` is already listed on line {line}"));
            return false;
        }
        seen.insert(key, at);
        true
    }

    fn too_many(&mut self, count: usize, what: &str) -> bool {
        if count > MAX_ENTRIES {
            self.at(
                0,
                format!("this file lists {count} {what}; at most {MAX_ENTRIES} are read"),
            );
            return true;
        }
        false
    }

    fn finish<T>(self, value: T) -> Result<T, ListsError> {
        if self.found.is_empty() {
            Ok(value)
        } else {
            Err(FormError {
                diagnostics: self.found,
            })
        }
    }
}

/// Reads TOML into `T`, placing a syntax or shape mistake.
fn parse_toml<'de, T: Deserialize<'de>>(file: &str, source: &'de str) -> Result<T, ListsError> {
    if source.len() > MAX_LIST_BYTES {
        return Err(FormError {
            diagnostics: vec![Diagnostic::at(
                file,
                source,
                0,
                format!(
                    "the file is {} bytes; a list file may be at most {MAX_LIST_BYTES} bytes",
                    source.len()
                ),
            )],
        });
    }
    toml::from_str(source).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        FormError {
            diagnostics: vec![Diagnostic::at(file, source, at, e.message().trim())],
        }
    })
}

/// Reads an abbreviations file.
pub fn parse_abbreviations(file: &str, source: &str) -> Result<Vec<Abbreviation>, ListsError> {
    let raw: RawAbbreviations = parse_toml(file, source)?;
    let mut p = Problems::new(file, source);
    if p.too_many(raw.abbreviation.len(), "abbreviations") {
        return p.finish(Vec::new());
    }
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for a in &raw.abbreviation {
        let short = a.short.get_ref().trim();
        if !p.entry("abbreviation", &a.short, &mut seen) {
            continue;
        }
        let shape_ok = short.chars().all(char::is_alphanumeric)
            && short.chars().filter(|c| c.is_uppercase()).count() >= 2;
        if !shape_ok {
            p.at(
                a.short.span().start,
                format!(
                    "`{short}` is not written as an abbreviation: use letters and digits with at least two capitals, as in \"CIN\""
                ),
            );
            continue;
        }
        if !p.entry("meaning", &a.meaning, &mut HashMap::new()) {
            continue;
        }
        out.push(Abbreviation {
            short: short.to_owned(),
            meaning: a.meaning.get_ref().trim().to_owned(),
        });
    }
    p.finish(out)
}

/// Reads a jargon file.
pub fn parse_jargon(file: &str, source: &str) -> Result<Vec<Jargon>, ListsError> {
    let raw: RawJargonList = parse_toml(file, source)?;
    let mut p = Problems::new(file, source);
    if p.too_many(raw.jargon.len(), "words") {
        return p.finish(Vec::new());
    }
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for j in &raw.jargon {
        if !p.entry("word", &j.word, &mut seen)
            || !p.entry("plainer", &j.plainer, &mut HashMap::new())
        {
            continue;
        }
        if super::tokens::words(j.word.get_ref()).is_empty() {
            p.at(j.word.span().start, "this word has no letters".to_owned());
            continue;
        }
        out.push(Jargon {
            word: j.word.get_ref().trim().to_owned(),
            plainer: j.plainer.get_ref().trim().to_owned(),
        });
    }
    p.finish(out)
}

/// Reads an opinion file: (opinion phrases, evidence phrases).
pub fn parse_opinion(file: &str, source: &str) -> Result<(Vec<String>, Vec<String>), ListsError> {
    let raw: RawOpinion = parse_toml(file, source)?;
    let mut p = Problems::new(file, source);
    if p.too_many(raw.opinion.len() + raw.evidence.len(), "phrases") {
        return p.finish((Vec::new(), Vec::new()));
    }
    let mut lists = (Vec::new(), Vec::new());
    for (from, to) in [(&raw.opinion, &mut lists.0), (&raw.evidence, &mut lists.1)] {
        let mut seen = HashMap::new();
        for phrase in from {
            if p.entry("phrase", phrase, &mut seen) {
                if super::tokens::words(phrase.get_ref()).is_empty() {
                    p.at(phrase.span().start, "this phrase has no letters".to_owned());
                } else {
                    to.push(phrase.get_ref().trim().to_owned());
                }
            }
        }
    }
    p.finish(lists)
}

/// Reads one list from `text` into `lists`.
fn read_into(
    lists: &mut WritingLists,
    name: &str,
    file: &str,
    text: &str,
) -> Result<(), ListsError> {
    match name {
        "abbreviations.toml" => lists.abbreviations = parse_abbreviations(file, text)?,
        "jargon.toml" => lists.jargon = parse_jargon(file, text)?,
        _ => (lists.opinion, lists.evidence) = parse_opinion(file, text)?,
    }
    Ok(())
}

impl WritingLists {
    /// The built-in lists. The test suite checks them, so an error here is
    /// a broken build; it is still returned, never panicked on.
    pub fn built_in() -> Result<WritingLists, ListsError> {
        let mut lists = WritingLists::default();
        let mut diagnostics = Vec::new();
        for (name, text) in BUILT_IN_LISTS {
            if let Err(e) = read_into(&mut lists, name, &format!("forms/writing/{name}"), text) {
                diagnostics.extend(e.diagnostics);
            }
        }
        if diagnostics.is_empty() {
            Ok(lists)
        } else {
            Err(FormError { diagnostics })
        }
    }

    /// The lists in use: the built-ins, each replaced by the file of the
    /// same name in `DIR/writing/` when there is one. A bad file is
    /// reported and its built-in kept, so the help keeps working.
    pub fn in_use(forms_dir: Option<&Path>) -> (WritingLists, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut lists = match WritingLists::built_in() {
            Ok(l) => l,
            Err(e) => {
                diagnostics.extend(e.diagnostics);
                WritingLists::default()
            }
        };
        let Some(dir) = forms_dir else {
            return (lists, diagnostics);
        };
        for (name, _) in BUILT_IN_LISTS {
            let path = dir.join("writing").join(name);
            if !path.exists() {
                continue;
            }
            let shown = path.display().to_string();
            match read_limited(&path) {
                Ok(text) => {
                    if let Err(e) = read_into(&mut lists, name, &shown, &text) {
                        diagnostics.extend(e.diagnostics);
                    }
                }
                Err(message) => diagnostics.push(Diagnostic {
                    file: shown,
                    line: 1,
                    column: 1,
                    message,
                }),
            }
        }
        (lists, diagnostics)
    }
}

/// Reads a list file of at most [`MAX_LIST_BYTES`], as UTF-8.
fn read_limited(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read this file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_LIST_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read this file: {e}"))?;
    if bytes.len() > MAX_LIST_BYTES {
        return Err(format!(
            "the file is larger than {MAX_LIST_BYTES} bytes, the most a list file may be"
        ));
    }
    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lists_load() {
        let lists = WritingLists::built_in().unwrap();
        assert!(lists.abbreviations.iter().any(|a| a.short == "CIN"));
        assert!(lists.jargon.iter().any(|j| j.word == "LAC"));
        assert!(lists.opinion.iter().any(|o| o == "seems"));
    }

    #[test]
    fn mistakes_are_placed_at_file_line_column() {
        let text = "[[abbreviation]]\nshort = \"CIN\"\nmeaning = \"child in need\"\n\n[[abbreviation]]\nshort = \"cin\"\nmeaning = \"\"\n";
        let e = parse_abbreviations("a.toml", text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.toml:6:9: `cin` is already listed on line 2"
        );
        let e = parse_jargon("j.toml", "[[jargon]]\nword = \"x\"\nplain = \"y\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("j.toml:3:1: unknown field `plain`"),
            "{e}"
        );
    }
}
