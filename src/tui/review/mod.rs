//! The review screen: the whole record read-only, exactly as it will be
//! exported (it draws `export::document`), with what is still missing
//! listed above it by section and child, and who finalised it and any
//! addenda shown as the app supplies them. It changes nothing itself:
//! finalising and adding an addendum are events for the app.

mod lines;

use lines::RLine;

use crate::export::{self, Addendum, RecordMeta};
use crate::form::Form;
use crate::record::{Answers, ChildId, Completeness, check};
use crate::tui::form_screen::fit::fit;
use crate::tui::keymap::{KeyTable, action, bind, pressed};
use crate::tui::theme::{COMPLETE_MARK, INVALID_MARK, MISSING_MARK, Theme};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
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
}
