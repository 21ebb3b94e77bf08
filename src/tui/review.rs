//! The review screen: the whole record read-only, exactly as it will be
//! exported (it draws `export::document`), with what is still missing
//! listed above it by section and child, and who finalised it and any
//! addenda shown as the app supplies them. It changes nothing itself:
//! finalising and adding an addendum are events for the app.

use super::keymap::{KeyTable, action, bind, pressed};
use crate::export::{self, Addendum, DocAnswer, Document, RecordMeta};
use crate::form::Form;
use crate::record::{Answers, ChildId, Completeness, check};
use crate::tui::form_screen::fit::{fit, wrap_line};
use crate::tui::form_screen::problems::describe;
use crate::tui::text::visible;
use crate::tui::theme::{CHILD_VOICE_LABEL, COMPLETE_MARK, INVALID_MARK, MISSING_MARK, Theme};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// When a row of the review's keys applies.
#[derive(Clone, Copy, Debug)]
pub enum ReviewKeys {
    /// The record is a draft.
    Draft,
    /// The record is finalised.
    Finalised,
    /// Always.
    Always,
}

/// The review's keys (the app adds F1).
pub const KEYS: KeyTable<ReviewKeys> = KeyTable {
    screen: SCREEN,
    rows: &[
        bind(ReviewKeys::Always, "↑/↓ PgUp/PgDn", "scroll"),
        action(ReviewKeys::Draft, "finalise", "finalise"),
        action(ReviewKeys::Draft, "edit", "back to editing"),
        bind(ReviewKeys::Draft, "Esc", "back to editing"),
        action(ReviewKeys::Finalised, "addendum", "add an addendum"),
        bind(ReviewKeys::Finalised, "Esc", "back"),
        action(ReviewKeys::Always, "export", "export to a file"),
        action(ReviewKeys::Always, "copy", "copy to the clipboard"),
        action(ReviewKeys::Draft, "discard", "discard the draft"),
    ],
};

/// The screen's name in the key tables and the config (`[keys.review]`).
const SCREEN: &str = "review";

/// Everything the review needs.
pub struct ReviewContext {
    /// The form the record was written with.
    pub form: Form,
    /// The children the record is about, with their names.
    pub children: Vec<(ChildId, String)>,
    /// The answers.
    pub answers: Answers,
    /// Title, family, dates, author, status, who finalised it, addenda.
    pub meta: RecordMeta,
    /// Today, for "not in the future" checks.
    pub today: NaiveDate,
}

/// What a key asks of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewEvent {
    /// Not the review's key (F1, `?`, Ctrl-S...): the app may use it.
    Ignored,
    /// Handled here (scrolling, or a refusal shown on screen).
    Handled,
    /// Finalise this draft: only sent for a draft with nothing missing.
    Finalise,
    /// Back to the form (a draft) or the family (a finalised record).
    Back,
    /// Write an addendum: only sent for a finalised record.
    AddAddendum,
    /// Export the record to a file (the app asks how).
    Export,
    /// Copy the record, as plain text, to the clipboard.
    Copy,
    /// Discard this draft (the app asks first): only sent for a draft.
    Discard,
}

/// How a line of the review is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
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
struct RLine {
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

/// The whole record, read-only.
pub struct ReviewScreen {
    form: Form,
    children: Vec<(ChildId, String)>,
    answers: Answers,
    meta: RecordMeta,
    completeness: Completeness,
    lines: Vec<RLine>,
    /// Wrapped lines for the width and theme last drawn with, rebuilt
    /// only when one of them or the content changes.
    wrapped: Option<(u16, Theme, Vec<Line<'static>>)>,
    scroll: usize,
    page: usize,
    notice: Option<String>,
    /// Writing help found in the record, per kind (issue 13): shown as a
    /// count, never stopping a finalise.
    writing_counts: Option<[usize; 6]>,
}

impl ReviewScreen {
    /// A review of one record, scrolled to the top.
    pub fn new(ctx: ReviewContext) -> ReviewScreen {
        let ids: Vec<ChildId> = ctx.children.iter().map(|(id, _)| *id).collect();
        let completeness = check(&ctx.form, &ctx.answers, &ids, ctx.today);
        let mut screen = ReviewScreen {
            form: ctx.form,
            children: ctx.children,
            answers: ctx.answers,
            meta: ctx.meta,
            completeness,
            lines: Vec::new(),
            wrapped: None,
            scroll: 0,
            page: 10,
            notice: None,
            writing_counts: None,
        };
        screen.rebuild();
        screen
    }

    /// Handles one key press (releases are ignored).
    pub fn on_key(&mut self, key: KeyEvent) -> ReviewEvent {
        if key.kind == KeyEventKind::Release {
            return ReviewEvent::Ignored;
        }
        // The rebindable actions first, with the keys in effect (a config
        // may give them Ctrl or Alt keys).
        let does = |a: &str| pressed(&key, SCREEN, a);
        if does("edit") {
            return ReviewEvent::Back;
        }
        if does("finalise") {
            return self.finalise();
        }
        if does("addendum") {
            if self.is_draft() {
                self.notice = Some(format!(
                    "Addenda are for finalised records: edit the draft instead ({}).",
                    crate::keys::label_in_effect(SCREEN, "edit")
                ));
                return ReviewEvent::Handled;
            }
            return ReviewEvent::AddAddendum;
        }
        if does("export") {
            return ReviewEvent::Export;
        }
        if does("copy") {
            return ReviewEvent::Copy;
        }
        if does("discard") && self.is_draft() {
            return ReviewEvent::Discard;
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return ReviewEvent::Ignored;
        }
        let page = self.page.max(1);
        match key.code {
            KeyCode::Esc => return ReviewEvent::Back,
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll = self.scroll.saturating_add(1),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                self.scroll = self.scroll.saturating_add(page);
            }
            KeyCode::Home => self.scroll = 0,
            KeyCode::End => self.scroll = usize::MAX,
            _ => return ReviewEvent::Ignored,
        }
        ReviewEvent::Handled
    }

    /// Draws the review into `area`.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let area = area.intersection(frame.area());
        if area.width == 0 || area.height == 0 {
            return;
        }
        let buf = frame.buffer_mut();
        self.draw_header(buf, Rect { height: 1, ..area }, theme);
        let notice_h = u16::from(self.notice.is_some() && area.height > 2);
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1 + notice_h),
            ..area
        };
        if let Some(n) = &self.notice
            && notice_h > 0
        {
            let y = area.y + area.height - 1;
            Line::from(Span::styled(fit(n, usize::from(area.width)), theme.missing)).render(
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        if body.height == 0 {
            return;
        }
        // A margin, and lines no longer than a page of print, so that a
        // projector shows the record as it reads on paper.
        let body = Rect {
            x: body.x + u16::from(body.width > 2),
            width: body.width.saturating_sub(2).clamp(1, 110),
            ..body
        };
        let width = body.width.saturating_sub(1).max(1);
        if self
            .wrapped
            .as_ref()
            .is_none_or(|(w, t, _)| *w != width || t != theme)
        {
            self.wrapped = Some((width, *theme, self.wrap(usize::from(width), theme)));
        }
        let Some((_, _, lines)) = &self.wrapped else {
            return;
        };
        let view = usize::from(body.height);
        self.page = view.saturating_sub(1).max(1);
        self.scroll = self.scroll.min(lines.len().saturating_sub(view));
        for (i, line) in lines.iter().skip(self.scroll).take(view).enumerate() {
            let y = body.y + u16::try_from(i).unwrap_or(u16::MAX);
            line.clone().render(
                Rect {
                    y,
                    height: 1,
                    ..body
                },
                buf,
            );
        }
        let more = |buf: &mut Buffer, y: u16, text: &str| {
            let w = u16::try_from(text.width()).unwrap_or(u16::MAX);
            if body.width > w {
                buf.set_string(body.x + body.width - w, y, text, theme.hint);
            }
        };
        if self.scroll > 0 {
            more(buf, body.y, "↑");
        }
        if self.scroll + view < lines.len() {
            more(buf, body.y + body.height - 1, "↓");
        }
    }

    /// The keys that work here now, for the footer and help.
    pub fn keys(&self) -> Vec<(&'static str, &'static str)> {
        let draft = self.is_draft();
        KEYS.select(|w| match w {
            ReviewKeys::Draft => draft,
            ReviewKeys::Finalised => !draft,
            ReviewKeys::Always => true,
        })
    }

    /// What is missing or wrong.
    pub fn completeness(&self) -> &Completeness {
        &self.completeness
    }

    /// Whether the record is still a draft (not finalised).
    pub fn is_draft(&self) -> bool {
        self.meta.finalised_by.is_none() && self.meta.finalised_at.is_none()
    }

    /// Shows the record as finalised by this person at this time (as the
    /// app wants it shown, e.g. "2026-11-21 14:05").
    pub fn set_finalised(&mut self, by: &str, at: &str) {
        self.meta.finalised_by = Some(by.to_owned());
        self.meta.finalised_at = Some(at.to_owned());
        self.meta.status = "Finalised".to_owned();
        self.notice = None;
        self.rebuild();
    }

    /// Replaces the addenda shown under the record (oldest first).
    pub fn set_addenda(&mut self, addenda: Vec<Addendum>) {
        self.meta.addenda = addenda;
        self.rebuild();
    }

    /// Shows a message on the last line (say, why the store refused to
    /// finalise); `None` clears it.
    pub fn set_notice(&mut self, notice: Option<String>) {
        self.notice = notice;
    }

    /// The record as Markdown, exactly as reviewed.
    pub fn markdown(&self) -> String {
        export::to_markdown(&self.form, &self.answers, &self.children, &self.meta)
    }

    /// The record as plain text, exactly as reviewed.
    pub fn plain_text(&self) -> String {
        export::to_text(&self.form, &self.answers, &self.children, &self.meta)
    }

    fn finalise(&mut self) -> ReviewEvent {
        if !self.is_draft() {
            self.notice = Some("This record is already finalised: add an addendum (a).".into());
            return ReviewEvent::Handled;
        }
        let n = self.completeness.problems.len();
        if n > 0 {
            let answers = if n == 1 {
                "answer needs"
            } else {
                "answers need"
            };
            self.notice = Some(format!(
                "Not yet: {n} {answers} attention (listed at the top) before finalising."
            ));
            self.scroll = 0;
            return ReviewEvent::Handled;
        }
        self.notice = None;
        ReviewEvent::Finalise
    }

    fn draw_header(&self, buf: &mut Buffer, area: Rect, theme: &Theme) {
        let missing = self
            .completeness
            .problems
            .iter()
            .filter(|p| p.is_missing())
            .count();
        let invalid = self.completeness.problems.len() - missing;
        let mut right: Vec<Span<'static>> = Vec::new();
        if !self.is_draft() {
            right.push(Span::styled("finalised  ", theme.ok));
        } else if missing == 0 && invalid == 0 {
            right.push(Span::styled(
                format!("{COMPLETE_MARK} ready to finalise "),
                theme.ok,
            ));
        }
        if missing > 0 {
            right.push(Span::styled(
                format!("{MISSING_MARK} {missing} missing "),
                theme.missing,
            ));
        }
        if invalid > 0 {
            right.push(Span::styled(
                format!("{INVALID_MARK} {invalid} to check "),
                theme.invalid,
            ));
        }
        let right_w: usize = right.iter().map(|s| s.content.width()).sum();
        let room = usize::from(area.width).saturating_sub(right_w + 1);
        let title = if self.meta.title.trim().is_empty() {
            &self.form.title
        } else {
            &self.meta.title
        };
        let left = fit(
            &format!(" Review: {title} · {}", self.meta.family_label),
            room,
        );
        Line::from(Span::styled(left, theme.title)).render(area, buf);
        let rw = u16::try_from(right_w).unwrap_or(u16::MAX).min(area.width);
        Line::from(right).render(
            Rect {
                x: area.x + area.width - rw,
                width: rw,
                ..area
            },
            buf,
        );
    }

    /// The review's lines: the finalised line, what is missing, the
    /// document, addenda.
    fn rebuild(&mut self) {
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

    fn wrap(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
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
