//! The checker's part for sections: a section's fields, who it is
//! answered for, its timescale and whether it carries the family's open
//! actions forward (docs/form-language.md).

use super::super::carry::{CARRIED_FIELD, carried_field};
use super::super::model::{CarryForward, Section, Timescale};
use super::super::raw::{RawSection, RawTimescale};
use super::{
    Checker, MAX_FIELDS, MAX_FIELDS_PER_SECTION, MAX_GUIDANCE_CHARS, PendingCondition, longer_than,
    quote,
};
use std::collections::HashMap;
use toml::Spanned;

impl Checker<'_> {
    pub(super) fn timescale(&mut self, t: &Spanned<RawTimescale>) -> Option<Timescale> {
        let raw = t.get_ref();
        let days = |c: &mut Self, v: &Spanned<i64>, low: i64| -> Option<u32> {
            let n = *v.get_ref();
            if (low..=60).contains(&n) {
                u32::try_from(n).ok()
            } else {
                c.at(
                    v.span().start,
                    format!("working days must be a whole number from {low} to 60"),
                );
                None
            }
        };
        let Some(w) = &raw.working_days else {
            self.at(t.span().start, "missing key `working_days` in [timescale]");
            return None;
        };
        let working_days = days(self, w, 1)?;
        let urgent = match &raw.urgent_working_days {
            None => None,
            Some(u) => {
                let n = days(self, u, 0)?;
                if n > working_days {
                    self.at(
                        u.span().start,
                        "`urgent_working_days` must not be longer than `working_days`",
                    );
                    return None;
                }
                Some(n)
            }
        };
        Some(Timescale {
            working_days,
            urgent_working_days: urgent,
        })
    }

    pub(super) fn section(
        &mut self,
        rs: &Spanned<RawSection>,
        index: usize,
        pending: &mut Vec<PendingCondition>,
        field_ids: &mut HashMap<String, usize>,
    ) -> Option<Section> {
        let span = rs.span();
        let raw = rs.get_ref();
        let id = self.ident(&raw.id, "section", &span);
        let per_child = raw.per_child.as_ref().is_some_and(|b| *b.get_ref());
        self.section_now = (id.clone().unwrap_or_default(), per_child);
        let title = self.text(&raw.title, "title", &span);
        if let Some(g) = &raw.guidance {
            self.fits(g, "guidance", MAX_GUIDANCE_CHARS);
        }
        if raw.field.is_empty() {
            self.at(
                span.start,
                "this section has no fields; add at least one [[section.field]]",
            );
        }
        if let Some(extra) = raw.field.get(MAX_FIELDS_PER_SECTION) {
            self.at(
                extra.span().start,
                format!(
                    "this section has {} fields; a section may have at most {MAX_FIELDS_PER_SECTION}",
                    raw.field.len()
                ),
            );
            self.over_limit = true;
            return None;
        }
        let mut fields = Vec::new();
        let carry_forward = self.carry_forward(raw);
        if let Some(kind) = carry_forward {
            // The generated table comes first: the section starts from what
            // earlier records left open. Its id is taken here, so a field of
            // the form's own with the same id is reported as used twice.
            let f = carried_field(kind);
            if field_ids.insert(f.id.clone(), index).is_some() {
                let at = raw
                    .carry_forward
                    .as_ref()
                    .map_or(span.start, |v| v.span().start);
                self.at(
                    at,
                    format!(
                        "field id `{CARRIED_FIELD}` is kept for the table a carry_forward section starts with; rename that field"
                    ),
                );
            }
            fields.push(f);
        }
        for rf in &raw.field {
            if self.fields_seen == MAX_FIELDS {
                self.at(
                    rf.span().start,
                    format!(
                        "this form has more than {MAX_FIELDS} fields, the most a form may have (those after the limit are not checked)"
                    ),
                );
                self.over_limit = true;
            }
            self.fields_seen = self.fields_seen.saturating_add(1);
            if self.fields_seen > MAX_FIELDS {
                break;
            }
            let Some(f) = self.field(rf, pending) else {
                continue;
            };
            if field_ids.insert(f.id.clone(), index).is_some() {
                let at = rf
                    .get_ref()
                    .id
                    .as_ref()
                    .map_or(rf.span().start, |i| i.span().start);
                let message = if f.id == CARRIED_FIELD && self.carrying {
                    format!(
                        "field id `{CARRIED_FIELD}` is kept for the table a carry_forward section starts with"
                    )
                } else {
                    format!("field id `{}` is used twice in this form", f.id)
                };
                self.at(at, message);
                continue;
            }
            fields.push(f);
        }
        if raw.field.is_empty() {
            return None;
        }
        let guidance = match &raw.guidance {
            Some(g) if longer_than(g.get_ref(), MAX_GUIDANCE_CHARS) => String::new(),
            Some(g) => g.get_ref().trim().to_owned(),
            None => String::new(),
        };
        // A bad id or title has been reported, so this form will not be
        // used; its fields are kept so that what names them is checked
        // against them and not refused for the wrong reason.
        Some(Section {
            id: id.unwrap_or_default(),
            title: title.unwrap_or_default(),
            guidance,
            child_voice: raw.child_voice.as_ref().is_some_and(|b| *b.get_ref()),
            per_child: raw.per_child.as_ref().is_some_and(|b| *b.get_ref()),
            carry_forward,
            fields,
        })
    }

    /// `carry_forward = "actions"`, in a section answered once, at most one
    /// such section in a form.
    fn carry_forward(&mut self, raw: &RawSection) -> Option<CarryForward> {
        let v = raw.carry_forward.as_ref()?;
        let at = v.span().start;
        if v.get_ref() != "actions" {
            self.at(
                at,
                format!(
                    "unknown carry_forward `{}`; expected `actions`",
                    quote(v.get_ref())
                ),
            );
            return None;
        }
        if raw.per_child.as_ref().is_some_and(|b| *b.get_ref()) {
            self.at(
                at,
                "a per-child section cannot carry the family's actions forward; use a section answered once",
            );
            return None;
        }
        if self.carrying {
            self.at(
                at,
                "only one section of a form may carry the actions forward",
            );
            return None;
        }
        self.carrying = true;
        Some(CarryForward::Actions)
    }
}
