//! Reads one form file and checks it against every rule of the form
//! language, collecting all problems (not just the first) with their place.

mod conditions;
mod contradictions;
mod fields;
mod sections;
mod tables;

use super::diagnostic::{Diagnostic, FormError, LineIndex};
use super::model::{CellKind, ChronologyColumns, FieldKind, Form, FormHead, FormSource, Section};
use super::raw::RawForm;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// The largest form file accepted; real forms are a few kilobytes, and a
/// bound keeps a hostile or mistaken file from costing memory and time.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// The deepest nesting of arrays and inline tables accepted. The form
/// language needs four; the bound keeps the parser's recursion shallow.
const MAX_NESTING: usize = 32;

// What one form may hold. The built-in forms use a fraction of each (at most
// 22 sections, 85 fields, 8 options, 6 columns); the bounds are there so that
// a mistaken or hostile file gets a message instead of costing the checker,
// the screens and the store memory and time in proportion to its numbers.

/// The most sections a form may have.
pub const MAX_SECTIONS: usize = 100;
/// The most fields one section may have.
pub const MAX_FIELDS_PER_SECTION: usize = 100;
/// The most fields a whole form may have (table columns not counted).
pub const MAX_FIELDS: usize = 500;
/// The most options a `choice` or `choices` field (or column) may offer.
pub const MAX_OPTIONS: usize = 100;
/// The most answers one `required_when` may list in `any_of`.
pub const MAX_CONDITION_ANSWERS: usize = 100;
/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 20;
/// The most characters in a one-line text: a title, purpose, label, hint,
/// option, scale end label or condition answer.
pub const MAX_TEXT_CHARS: usize = 300;
/// The most characters in a section's guidance.
pub const MAX_GUIDANCE_CHARS: usize = 4000;
pub use super::model::SCALE_LIMIT;
/// A number field's bounds lie within -NUMBER_LIMIT..=NUMBER_LIMIT: beyond
/// it a float no longer holds every whole number exactly.
pub const NUMBER_LIMIT: f64 = 1e12;
/// The most problems reported for one file; the rest are counted, not
/// listed, so a file of thousands of mistakes cannot flood the screen.
pub const MAX_PROBLEMS: usize = 100;

/// How much of a form author's text a message quotes back.
const QUOTE_CHARS: usize = 60;
/// How many of a field's possible answers a message lists.
const LIST_ANSWERS: usize = 10;

const FIELD_KINDS: &str =
    "text, multiline, date, time, yes_no, choice, choices, number, scale, table";
const COLUMN_KINDS: &str = "text, date, time, yes_no, choice, number";

/// Parses and checks one form file. `file` is the name used in messages.
pub fn parse_form(file: &str, source: &str, origin: FormSource) -> Result<Form, FormError> {
    let mut c = Checker {
        file,
        source,
        problems: Vec::new(),
        fields_seen: 0,
        over_limit: false,
        refused: HashSet::new(),
        carrying: false,
        section_now: (String::new(), false),
    };
    if source.len() > MAX_FORM_BYTES {
        c.at(
            0,
            format!(
                "the file is {} bytes; a form file may be at most {MAX_FORM_BYTES} bytes",
                source.len()
            ),
        );
        return Err(c.finish());
    }
    if let Some(offset) = too_deep(source) {
        c.at(
            offset,
            format!("arrays or tables are nested more than {MAX_NESTING} deep"),
        );
        return Err(c.finish());
    }
    let raw: RawForm = match toml::from_str(source) {
        Ok(r) => r,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            c.at(offset, tidy_toml_message(e.message()));
            return Err(c.finish());
        }
    };
    let form = c.form(raw, origin);
    match form {
        Some(f) if c.problems.is_empty() => Ok(f),
        _ => Err(c.finish()),
    }
}

/// The offset where nesting first goes too deep, scanning brackets outside
/// strings and comments. Cheap, and run before the parser sees the text.
fn too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = bytes.get(i..i + 3) == Some(&[q, q, q][..]);
                if triple {
                    i += 3;
                    while i < bytes.len() && bytes.get(i..i + 3) != Some(&[q, q, q][..]) {
                        i += if q == b'"' && bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 2;
                } else {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q && bytes[i] != b'\n' {
                        i += if q == b'"' && bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {}
            _ => {}
        }
        i += 1;
    }
    None
}

/// toml's messages are good but multi-line, and may quote the file; keep
/// the first line, at a readable length.
fn tidy_toml_message(m: &str) -> String {
    let first = m.lines().next().unwrap_or(m).trim();
    cut(first, MAX_TEXT_CHARS).into_owned()
}

/// At most `most` characters of `text`, with "…" when some were left off.
fn cut(text: &str, most: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(most) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// An author's text as quoted back in a message: short enough to read.
fn quote(text: &str) -> std::borrow::Cow<'_, str> {
    cut(text, QUOTE_CHARS)
}

/// Whether `text` has more than `most` characters, without counting past it.
fn longer_than(text: &str, most: usize) -> bool {
    text.chars().nth(most).is_some()
}

struct Checker<'a> {
    file: &'a str,
    source: &'a str,
    /// (byte offset, message); placed on lines and columns only at the end,
    /// with one index of the file's lines.
    problems: Vec<(usize, String)>,
    /// Fields met so far across all sections, for [`MAX_FIELDS`].
    fields_seen: usize,
    /// Some part of the form was past a limit and left unread.
    over_limit: bool,
    /// Ids of fields refused for what they hold (a bad kind, scale or
    /// table): what names one is not told the field is missing, which
    /// would send the author looking for the wrong mistake.
    refused: HashSet<String>,
    /// A section already carries the actions forward.
    carrying: bool,
    /// The section being read: its id and whether it is per child (what
    /// an audit prefill may stand in).
    section_now: (String, bool),
}

/// The answers a condition may name, without listing a scale's every step.
enum Answers<'f> {
    YesNo,
    Options(&'f [String]),
    Scale(i64, i64),
}

impl Answers<'_> {
    /// The answers a field of this kind can take, if there is a fixed set.
    fn of(kind: &FieldKind) -> Option<Answers<'_>> {
        match kind {
            FieldKind::Cell(CellKind::YesNo) => Some(Answers::YesNo),
            FieldKind::Cell(CellKind::Choice { options }) | FieldKind::Choices { options } => {
                Some(Answers::Options(options))
            }
            FieldKind::Scale(s) => Some(Answers::Scale(s.min, s.max)),
            _ => None,
        }
    }

    fn contains(&self, answer: &str) -> bool {
        match self {
            Answers::YesNo => answer == "yes" || answer == "no",
            Answers::Options(options) => options.iter().any(|o| o == answer),
            // Stored scale answers are plain digits: "07" or "+7" is not one.
            Answers::Scale(min, max) => answer
                .parse::<i64>()
                .is_ok_and(|n| (*min..=*max).contains(&n) && n.to_string() == answer),
        }
    }

    /// For a message: the answers, or the first few and how many more.
    fn describe(&self) -> String {
        match self {
            Answers::YesNo => "yes, no".to_owned(),
            Answers::Scale(min, max) => format!("a whole number from {min} to {max}"),
            Answers::Options(options) => {
                let mut shown: Vec<String> = options
                    .iter()
                    .take(LIST_ANSWERS)
                    .map(|o| quote(o).into_owned())
                    .collect();
                if options.len() > LIST_ANSWERS {
                    shown.push(format!("and {} more", options.len() - LIST_ANSWERS));
                }
                shown.join(", ")
            }
        }
    }
}

/// What a raw condition said, kept until every field is known.
struct PendingCondition {
    owner: String,
    field: Spanned<String>,
    answers: Vec<Spanned<String>>,
}

impl<'a> Checker<'a> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        self.problems.push((offset, message.into()));
    }

    /// The problems in file order, placed, and cut at [`MAX_PROBLEMS`].
    fn finish(mut self) -> FormError {
        // Stable, so problems at one place keep the order they were found
        // in; a repeat anywhere is dropped, not only a neighbouring one.
        self.problems.sort_by_key(|p| p.0);
        let mut seen = HashSet::new();
        self.problems.retain(|p| seen.insert(p.clone()));
        let mut lines = LineIndex::new(self.source);
        let total = self.problems.len();
        let mut diagnostics: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .take(MAX_PROBLEMS)
            .map(|(offset, message)| {
                let (line, column) = lines.locate(offset);
                Diagnostic {
                    file: self.file.to_owned(),
                    line,
                    column,
                    message,
                }
            })
            .collect();
        if total > MAX_PROBLEMS
            && let Some(last) = diagnostics.last()
        {
            let (line, column) = (last.line, last.column);
            diagnostics.push(Diagnostic {
                file: self.file.to_owned(),
                line,
                column,
                message: format!(
                    "{} more problem(s) in this file are not listed; mend these first",
                    total - MAX_PROBLEMS
                ),
            });
        }
        FormError { diagnostics }
    }

    /// Refuses a text longer than `most` characters; true when it fits.
    fn fits(&mut self, s: &Spanned<String>, key: &str, most: usize) -> bool {
        if longer_than(s.get_ref(), most) {
            self.at(
                s.span().start,
                format!("`{key}` is longer than {most} characters, the most it may be"),
            );
            false
        } else {
            true
        }
    }

    /// A required text key: present and not blank.
    fn text(
        &mut self,
        v: &Option<Spanned<String>>,
        key: &str,
        owner: &Range<usize>,
    ) -> Option<String> {
        match v {
            None => {
                self.at(owner.start, format!("missing key `{key}`"));
                None
            }
            Some(s) if s.get_ref().trim().is_empty() => {
                self.at(s.span().start, format!("`{key}` must not be empty"));
                None
            }
            Some(s) => self
                .fits(s, key, MAX_TEXT_CHARS)
                .then(|| s.get_ref().trim().to_owned()),
        }
    }

    /// An optional one-line text (a hint): absent or blank is None.
    fn optional_text(&mut self, v: &Option<Spanned<String>>, key: &str) -> Option<String> {
        let s = v.as_ref()?;
        if !self.fits(s, key, MAX_TEXT_CHARS) {
            return None;
        }
        Some(s.get_ref().trim().to_owned()).filter(|s| !s.is_empty())
    }

    /// A required identifier.
    fn ident(
        &mut self,
        v: &Option<Spanned<String>>,
        what: &str,
        owner: &Range<usize>,
    ) -> Option<String> {
        let Some(s) = v else {
            self.at(owner.start, format!("missing key `id` for this {what}"));
            return None;
        };
        let id = s.get_ref();
        let ok = id.len() <= 64
            && id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Some(id.clone())
        } else {
            self.at(
                s.span().start,
                format!(
                    "`{}` is not a valid {what} id: use lower-case letters, digits and _, starting with a letter, at most 64 characters",
                    quote(id)
                ),
            );
            None
        }
    }

    fn form(&mut self, raw: RawForm, origin: FormSource) -> Option<Form> {
        let whole = 0..0;
        let id = self.ident(&raw.id, "form", &whole);
        let version = match &raw.version {
            None => {
                self.at(0, "missing key `version`");
                None
            }
            Some(v) => match u32::try_from(*v.get_ref()) {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    self.at(v.span().start, "`version` must be a whole number from 1");
                    None
                }
            },
        };
        let title = self.text(&raw.title, "title", &whole);
        let purpose = self.text(&raw.purpose, "purpose", &whole);
        let timescale = raw.timescale.as_ref().and_then(|t| self.timescale(t));

        if raw.section.is_empty() {
            self.at(0, "a form needs at least one [[section]]");
        }
        if let Some(extra) = raw.section.get(MAX_SECTIONS) {
            // Checking the sections too would bury this under their problems.
            self.at(
                extra.span().start,
                format!(
                    "this form has {} sections; a form may have at most {MAX_SECTIONS}",
                    raw.section.len()
                ),
            );
            return None;
        }
        let mut pending = Vec::new();
        let mut sections = Vec::new();
        let mut section_ids = HashMap::new();
        let mut field_ids: HashMap<String, usize> = HashMap::new();
        for (si, rs) in raw.section.iter().enumerate() {
            let section = self.section(rs, si, &mut pending, &mut field_ids);
            // An empty id stands for one already refused.
            if let Some(s) = &section
                && !s.id.is_empty()
            {
                let span_start = rs
                    .get_ref()
                    .id
                    .as_ref()
                    .map_or(rs.span().start, |i| i.span().start);
                if section_ids.insert(s.id.clone(), si).is_some() {
                    self.at(span_start, format!("section id `{}` is used twice", s.id));
                }
            }
            sections.push(section);
        }
        // Conditions need every field, so they are checked last.
        let sections: Vec<Section> = sections.into_iter().flatten().collect();
        let head_ok = id.is_some() && version.is_some() && title.is_some() && purpose.is_some();
        let event_date_field = raw.event_date_field.as_ref().map(|s| s.get_ref().clone());
        let form = Form::new(
            FormHead {
                id: id.unwrap_or_default(),
                version: version.unwrap_or(1),
                title: title.unwrap_or_default(),
                purpose: purpose.unwrap_or_default(),
                can_be_significant: raw
                    .can_be_significant
                    .as_ref()
                    .is_some_and(|b| *b.get_ref()),
                supervisors_only: raw.supervisors_only.as_ref().is_some_and(|b| *b.get_ref()),
                event_date_field,
                timescale,
                chronology: ChronologyColumns::default(),
            },
            sections,
            origin,
            self.source.to_owned(),
        );
        let mut form = form;
        if self.over_limit {
            // Fields past a limit were not read, so a condition or column
            // naming one would be refused for the wrong reason.
            return None;
        }
        for p in pending {
            self.condition(&mut form, p);
        }
        if let Some(ed) = &raw.event_date_field {
            self.event_date(&form, ed);
        }
        for c in &raw.contradiction {
            if let Some(c) = self.contradiction(&form, c) {
                form.contradictions.push(c);
            }
        }
        if let Some(ch) = &raw.chronology {
            let c = ch.get_ref();
            form.chronology = ChronologyColumns {
                what_happened: self.chronology_field(&form, &c.what_happened),
                affected: self.chronology_field(&form, &c.affected),
                source: self.chronology_field(&form, &c.source),
            };
        }
        head_ok.then_some(form)
    }
}
