//! The review's lines: what is still missing, the writing-help and
//! action-date checks, the document itself (as `export::document` builds
//! it), wrapped and styled for the screen. Kept apart from the screen's
//! keys and drawing in `mod.rs`.

use super::ReviewScreen;
use crate::export::{self, DocAnswer, Document};
use crate::record::ChildId;
use crate::tui::form_screen::fit::wrap_line;
use crate::tui::form_screen::problems::describe;
use crate::tui::text::visible;
use crate::tui::theme::{CHILD_VOICE_LABEL, COMPLETE_MARK, INVALID_MARK, MISSING_MARK, Theme};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// How a line of the review is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Title,
    Heading,
    VoiceHeading,
    Label,
    Answer,
    VoiceAnswer,
    Meta,
    Missing,
    Invalid,
    Ok,
    Hint,
    Blank,
}

/// One line before wrapping.
pub(super) struct RLine {
    text: String,
    kind: Kind,
    indent: usize,
    /// Ends with the child's-voice label.
    voice_tag: bool,
}

impl RLine {
    fn new(text: impl Into<String>, kind: Kind, indent: usize) -> RLine {
        RLine {
            text: text.into(),
            kind,
            indent,
            voice_tag: false,
        }
    }

    fn blank() -> RLine {
        RLine::new("", Kind::Blank, 0)
    }
}

impl ReviewScreen {
    /// The review's lines: the finalised line, what is missing, the
    /// document, addenda.
    pub(super) fn rebuild(&mut self) {
        self.wrapped = None;
        let doc = export::document(&self.form, &self.answers, &self.children, &self.meta);
        let mut lines = Vec::new();
        if let (Some(by), Some(at)) = (&self.meta.finalised_by, &self.meta.finalised_at) {
            lines.push(RLine::new(
                format!(
                    "{COMPLETE_MARK} Finalised by {} at {}",
                    export::safe(by),
                    export::safe(at)
                ),
                Kind::Ok,
                0,
            ));
            lines.push(RLine::blank());
        }
        // The writing help's counts first: the list of what is missing
        // can be long, and the counts are one line.
        self.writing_lines(&mut lines);
        self.action_date_lines(&mut lines);
        self.missing_lines(&mut lines);
        document_lines(&doc, &mut lines);
        self.lines = lines;
    }

    /// Shows how many writing-help findings of each kind the record has
    /// (only for a draft: a finalised record cannot change).
    pub fn set_writing_counts(&mut self, counts: Option<[usize; 6]>) {
        self.writing_counts = counts;
        self.rebuild();
    }

    /// One line counting the writing help's findings by kind.
    fn writing_lines(&self, lines: &mut Vec<RLine>) {
        let Some(counts) = self.writing_counts else {
            return;
        };
        if !self.is_draft() {
            return;
        }
        // Nothing to note is said by saying nothing.
        let total: usize = counts.iter().sum();
        let text = if total == 0 {
            return;
        } else {
            let parts: Vec<String> = crate::writing::Kind::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| format!("{n} {}", k.name()))
                .collect();
            format!(
                "Writing help: {} (F7 in a field lists them; none stops finalising).",
                parts.join(", ")
            )
        };
        lines.push(RLine::new(text, Kind::Hint, 0));
        lines.push(RLine::blank());
    }

    /// SMART actions due before the record's own date: said, never a
    /// reason not to finalise (only for a draft).
    fn action_date_lines(&self, lines: &mut Vec<RLine>) {
        if !self.is_draft() {
            return;
        }
        let warnings = crate::record::action_date_warnings(&self.form, &self.answers);
        if warnings.is_empty() {
            return;
        }
        for w in warnings {
            lines.push(RLine::new(format!("Check: {w}"), Kind::Missing, 0));
        }
        lines.push(RLine::blank());
    }

    /// What is missing, grouped by section and child, in labels.
    fn missing_lines(&self, lines: &mut Vec<RLine>) {
        if self.completeness.problems.is_empty() {
            if self.is_draft() {
                lines.push(RLine::new(
                    format!("{COMPLETE_MARK} Nothing is missing: ready to finalise (F10)."),
                    Kind::Ok,
                    0,
                ));
                lines.push(RLine::blank());
            }
            return;
        }
        lines.push(RLine::new(
            "Still needed before this record can be finalised:",
            Kind::Missing,
            0,
        ));
        let mut group: Option<(String, Option<ChildId>)> = None;
        for p in &self.completeness.problems {
            let key = (p.slot.section.clone(), p.slot.child);
            if group.as_ref() != Some(&key) {
                let title = self
                    .form
                    .section(&p.slot.section)
                    .map_or(p.slot.section.as_str(), |s| s.title.as_str());
                let child = p
                    .slot
                    .child
                    .and_then(|c| self.children.iter().find(|(id, _)| *id == c))
                    .map(|(_, n)| format!(" — {n}"))
                    .unwrap_or_default();
                lines.push(RLine::new(
                    export::safe(&format!("{title}{child}")),
                    Kind::Label,
                    2,
                ));
                group = Some(key);
            }
            let label = self
                .form
                .field(&p.slot.field)
                .map_or(p.slot.field.as_str(), |(_, f)| f.label.as_str());
            let (mark, kind) = if p.is_missing() {
                (MISSING_MARK, Kind::Missing)
            } else {
                (INVALID_MARK, Kind::Invalid)
            };
            lines.push(RLine::new(
                export::safe(&format!("{mark} {label}: {}", describe(&self.form, p))),
                kind,
                4,
            ));
        }
        lines.push(RLine::blank());
    }

    pub(super) fn wrap(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for l in &self.lines {
            let style = style_of(l.kind, theme);
            if l.kind == Kind::Blank || (l.text.is_empty() && !l.voice_tag) {
                out.push(Line::default());
                continue;
            }
            let pad = " ".repeat(l.indent);
            let room = width.saturating_sub(l.indent).max(8);
            let mut rows = wrap_line(&visible(&l.text), room);
            let tag_w = CHILD_VOICE_LABEL.width() + 1;
            let last_w = rows.last().map_or(0, |r| r.width());
            let tag_own_line = l.voice_tag && last_w + tag_w > room;
            let n = rows.len();
            for (i, r) in rows.drain(..).enumerate() {
                let mut spans = vec![Span::raw(pad.clone()), Span::styled(r, style)];
                if l.voice_tag && !tag_own_line && i + 1 == n {
                    spans.push(Span::raw(" "));
                    spans.push(Span::styled(CHILD_VOICE_LABEL, theme.child_voice));
                }
                out.push(Line::from(spans));
            }
            if tag_own_line {
                out.push(Line::from(vec![
                    Span::raw(pad.clone()),
                    Span::styled(CHILD_VOICE_LABEL, theme.child_voice),
                ]));
            }
        }
        out
    }
}

fn style_of(kind: Kind, theme: &Theme) -> Style {
    match kind {
        Kind::Title | Kind::Heading | Kind::Label => theme.title,
        Kind::VoiceHeading | Kind::VoiceAnswer => theme.child_voice,
        Kind::Answer | Kind::Meta | Kind::Blank => theme.base,
        Kind::Missing => theme.missing,
        Kind::Invalid => theme.invalid,
        Kind::Ok => theme.ok,
        Kind::Hint => theme.hint,
    }
}

/// The export document as review lines, in the same order and words as
/// the plain-text export.
fn document_lines(doc: &Document, lines: &mut Vec<RLine>) {
    lines.push(RLine::new(doc.title.clone(), Kind::Title, 0));
    let w = doc.meta.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in &doc.meta {
        let pad = " ".repeat(w.saturating_sub(label.width()));
        lines.push(RLine::new(format!("{label}:{pad} {value}"), Kind::Meta, 0));
    }
    for section in &doc.sections {
        lines.push(RLine::blank());
        let kind = if section.child_voice {
            Kind::VoiceHeading
        } else {
            Kind::Heading
        };
        let mut heading = RLine::new(section.heading(), kind, 0);
        heading.voice_tag = section.child_voice;
        lines.push(heading);
        if section.items.is_empty() {
            lines.push(RLine::new("Nothing recorded.", Kind::Hint, 2));
        }
        for item in &section.items {
            let mut label = RLine::new(item.label.clone(), Kind::Label, 2);
            label.voice_tag = item.child_voice;
            lines.push(label);
            let kind = if item.child_voice {
                Kind::VoiceAnswer
            } else {
                Kind::Answer
            };
            match &item.answer {
                DocAnswer::Text(t) => {
                    for l in t.trim_end().lines() {
                        lines.push(RLine::new(l, kind, 4));
                    }
                }
                DocAnswer::List(l) => {
                    for o in l {
                        lines.push(RLine::new(format!("- {o}"), kind, 4));
                    }
                }
                DocAnswer::Table { columns, rows } => {
                    let cw = columns.iter().map(|c| c.width()).max().unwrap_or(0);
                    for (n, r) in rows.iter().enumerate() {
                        lines.push(RLine::new(format!("{}.", n + 1), Kind::Hint, 4));
                        for (c, v) in columns.iter().zip(r) {
                            if v.trim().is_empty() {
                                continue;
                            }
                            let pad = " ".repeat(cw.saturating_sub(c.width()));
                            lines.push(RLine::new(format!("{c}:{pad} {v}"), kind, 6));
                        }
                    }
                }
            }
        }
    }
    if !doc.addenda.is_empty() {
        lines.push(RLine::blank());
        lines.push(RLine::new("Addenda", Kind::Heading, 0));
        for a in &doc.addenda {
            lines.push(RLine::new(
                format!("{} — {}", a.date, a.author),
                Kind::Label,
                2,
            ));
            for l in a.text.trim_end().lines() {
                lines.push(RLine::new(l, Kind::Answer, 4));
            }
        }
    }
}
