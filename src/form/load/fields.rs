//! Checking one field of a form: its kind, its answers, its bounds and
//! scale, what it may prefill.

use super::super::model::{
    AUDIT_ANSWERS, AUDIT_PROPOSED, CellKind, Field, FieldKind, Prefill, Requirement, ScaleSpec,
    audit_standard,
};
use super::super::raw::{RawField, RawNumber};
use super::Checker;
use super::*;
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;

impl Checker<'_> {
    /// Refuses each key that the kind does not take.
    /// `prefill = "today"` on a date field, `prefill = "writer"` on a text
    /// field; anything else is refused where it is written.
    pub(super) fn prefill(&mut self, raw: &RawField, kind: Option<&FieldKind>) -> Option<Prefill> {
        let p = raw.prefill.as_ref()?;
        let at = p.span().start;
        let (value, fits) = match p.get_ref().as_str() {
            "today" => (
                Prefill::Today,
                matches!(kind, Some(FieldKind::Cell(CellKind::Date { .. })) | None),
            ),
            "writer" => (
                Prefill::Writer,
                matches!(kind, Some(FieldKind::Cell(CellKind::Text)) | None),
            ),
            "audit_proposal" => (
                Prefill::AuditProposal,
                match kind {
                    Some(FieldKind::Cell(CellKind::Choice { options })) => {
                        AUDIT_ANSWERS.iter().all(|a| options.iter().any(|o| o == a))
                    }
                    None => true,
                    _ => false,
                },
            ),
            "audit_evidence" => (
                Prefill::AuditEvidence,
                matches!(kind, Some(FieldKind::Multiline) | None),
            ),
            other => {
                self.at(
                    at,
                    format!(
                        "unknown prefill `{}`; expected `today` (a date field), `writer` (a text field), `audit_proposal` (a choice of yes, partly and no) or `audit_evidence` (a multiline field)",
                        quote(other)
                    ),
                );
                return None;
            }
        };
        if matches!(value, Prefill::AuditProposal | Prefill::AuditEvidence) {
            let (section, per_child) = self.section_now.clone();
            let standard = audit_standard(&section).filter(|_| !per_child);
            let Some(n) = standard else {
                self.at(
                    at,
                    format!(
                        "prefill = \"{}\" belongs in a section answered once whose id names a Tees standard, standard_01 to standard_20",
                        p.get_ref()
                    ),
                );
                return None;
            };
            if value == Prefill::AuditProposal && !AUDIT_PROPOSED.contains(&n) {
                let list: Vec<String> = AUDIT_PROPOSED.iter().map(u8::to_string).collect();
                self.at(
                    at,
                    format!(
                        "standard {n} is the manager's judgement, so nothing is proposed for it; answers are proposed only for standards {}",
                        list.join(", ")
                    ),
                );
                return None;
            }
        }
        if !fits {
            let needs = match value {
                Prefill::Today => "a date field",
                Prefill::Writer => "a one-line text field",
                Prefill::AuditProposal => "a choice field offering yes, partly and no",
                Prefill::AuditEvidence => "a multiline field",
            };
            self.at(
                at,
                format!("prefill = \"{}\" fits only {needs}", p.get_ref()),
            );
            return None;
        }
        Some(value)
    }

    pub(super) fn only_keys(&mut self, raw: &RawField, kind: &str, allowed: &[&str]) {
        let present: [(&str, Option<usize>); 9] = [
            ("options", raw.options.as_ref().map(|v| v.span().start)),
            (
                "not_future",
                raw.not_future.as_ref().map(|v| v.span().start),
            ),
            ("min", raw.min.as_ref().map(|v| v.span().start)),
            ("max", raw.max.as_ref().map(|v| v.span().start)),
            ("min_label", raw.min_label.as_ref().map(|v| v.span().start)),
            ("max_label", raw.max_label.as_ref().map(|v| v.span().start)),
            ("min_rows", raw.min_rows.as_ref().map(|v| v.span().start)),
            ("column", raw.column.as_ref().map(|v| v.span().start)),
            ("actions", raw.actions.as_ref().map(|v| v.span().start)),
        ];
        for (key, at) in present {
            if let Some(at) = at
                && !allowed.contains(&key)
            {
                self.at(
                    at,
                    format!("`{key}` does not apply to a field of kind `{kind}`"),
                );
            }
        }
    }

    pub(super) fn options(&mut self, raw: &RawField, owner: &Range<usize>) -> Option<Vec<String>> {
        let Some(opts) = &raw.options else {
            self.at(
                owner.start,
                "a choice needs `options`, a list of at least one answer",
            );
            return None;
        };
        if opts.get_ref().is_empty() {
            self.at(
                opts.span().start,
                "`options` is empty; a choice needs at least one answer",
            );
            return None;
        }
        if opts.get_ref().len() > MAX_OPTIONS {
            self.at(
                opts.span().start,
                format!(
                    "`options` lists {} answers; a choice may offer at most {MAX_OPTIONS}",
                    opts.get_ref().len()
                ),
            );
            return None;
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut ok = true;
        for o in opts.get_ref() {
            let text = o.get_ref().trim();
            if text.is_empty() {
                self.at(o.span().start, "an option must not be empty");
                ok = false;
            } else if !self.fits(o, "option", MAX_TEXT_CHARS) {
                ok = false;
            } else if !seen.insert(text.to_owned()) {
                self.at(
                    o.span().start,
                    format!("option `{}` is listed twice", quote(text)),
                );
            } else {
                out.push(text.to_owned());
            }
        }
        ok.then_some(out)
    }

    pub(super) fn bound(&mut self, v: &Option<Spanned<RawNumber>>) -> Option<f64> {
        let v = v.as_ref()?;
        let n = v.get_ref().as_f64();
        if n.is_finite() && n.abs() <= NUMBER_LIMIT {
            Some(n)
        } else {
            self.at(
                v.span().start,
                "a bound must be a number from -1000000000000 to 1000000000000",
            );
            None
        }
    }

    /// The one-value kinds, shared by fields and columns.
    pub(super) fn cell_kind(
        &mut self,
        kind: &str,
        raw: &RawField,
        span: &Range<usize>,
    ) -> Option<CellKind> {
        Some(match kind {
            "text" => {
                self.only_keys(raw, kind, &[]);
                CellKind::Text
            }
            "date" => {
                self.only_keys(raw, kind, &["not_future"]);
                CellKind::Date {
                    not_future: raw.not_future.as_ref().is_some_and(|b| *b.get_ref()),
                }
            }
            "time" => {
                self.only_keys(raw, kind, &[]);
                CellKind::Time
            }
            "yes_no" => {
                self.only_keys(raw, kind, &[]);
                CellKind::YesNo
            }
            "choice" => {
                self.only_keys(raw, kind, &["options"]);
                CellKind::Choice {
                    options: self.options(raw, span)?,
                }
            }
            "number" => {
                self.only_keys(raw, kind, &["min", "max"]);
                let min = self.bound(&raw.min);
                let max = self.bound(&raw.max);
                if let (Some(a), Some(b), Some(m)) = (min, max, &raw.min)
                    && a >= b
                {
                    self.at(
                        m.span().start,
                        format!("`min` ({a}) must be below `max` ({b})"),
                    );
                    return None;
                }
                CellKind::Number { min, max }
            }
            _ => return None,
        })
    }

    pub(super) fn field(
        &mut self,
        rf: &Spanned<RawField>,
        pending: &mut Vec<PendingCondition>,
    ) -> Option<Field> {
        let span = rf.span();
        let raw = rf.get_ref();
        let id = self.ident(&raw.id, "field", &span);
        let label = self.text(&raw.label, "label", &span);
        let Some(kind_s) = &raw.kind else {
            self.at(
                span.start,
                format!("missing key `kind`; expected one of: {FIELD_KINDS}"),
            );
            return None;
        };
        let kind_name = kind_s.get_ref().as_str();
        let kind = match kind_name {
            "multiline" => {
                self.only_keys(raw, kind_name, &[]);
                Some(FieldKind::Multiline)
            }
            "choices" => {
                self.only_keys(raw, kind_name, &["options"]);
                self.options(raw, &span)
                    .map(|options| FieldKind::Choices { options })
            }
            "scale" => {
                self.only_keys(raw, kind_name, &["min", "max", "min_label", "max_label"]);
                self.scale(raw, &span).map(FieldKind::Scale)
            }
            "table" => {
                self.only_keys(raw, kind_name, &["min_rows", "column", "actions"]);
                self.table(raw, &span).map(FieldKind::Table)
            }
            "text" | "date" | "time" | "yes_no" | "choice" | "number" => {
                self.cell_kind(kind_name, raw, &span).map(FieldKind::Cell)
            }
            other => {
                self.at(
                    kind_s.span().start,
                    format!(
                        "unknown kind `{}`; expected one of: {FIELD_KINDS}",
                        quote(other)
                    ),
                );
                None
            }
        };
        let required = raw.required.as_ref().is_some_and(|b| *b.get_ref());
        let requirement = match (&raw.required_when, required) {
            (Some(w), true) => {
                self.at(
                    w.span().start,
                    "use either `required = true` or `required_when`, not both",
                );
                Requirement::Always
            }
            (Some(w), false) => {
                if let (Some(owner), Some(p)) = (&id, self.raw_condition(w)) {
                    pending.push(PendingCondition {
                        owner: owner.clone(),
                        field: p.0,
                        answers: p.1,
                    });
                }
                // Replaced by the checked condition once every field is known.
                Requirement::Optional
            }
            (None, true) => Requirement::Always,
            (None, false) => Requirement::Optional,
        };
        if let (Some(id), None) = (&id, &kind) {
            self.refused.insert(id.clone());
        }
        let prefill = self.prefill(raw, kind.as_ref());
        Some(Field {
            prefill,
            id: id?,
            // Refused already when bad; the field is kept for what names it.
            label: label.unwrap_or_default(),
            kind: kind?,
            requirement,
            hint: self.optional_text(&raw.hint, "hint"),
            child_voice: raw.child_voice.as_ref().is_some_and(|b| *b.get_ref()),
        })
    }

    pub(super) fn scale(&mut self, raw: &RawField, span: &Range<usize>) -> Option<ScaleSpec> {
        let int = |c: &mut Self, v: &Option<Spanned<RawNumber>>, key: &str| -> Option<i64> {
            match v {
                None => {
                    c.at(span.start, format!("a scale needs `{key}`"));
                    None
                }
                Some(s) => match s.get_ref() {
                    // A range test, not `abs()`: the most negative whole number
                    // has no positive twin and once slipped through as itself.
                    RawNumber::Int(i) if (-SCALE_LIMIT..=SCALE_LIMIT).contains(i) => Some(*i),
                    _ => {
                        c.at(
                            s.span().start,
                            format!(
                                "`{key}` of a scale must be a whole number from -{SCALE_LIMIT} to {SCALE_LIMIT}"
                            ),
                        );
                        None
                    }
                },
            }
        };
        let min = int(self, &raw.min, "min");
        let max = int(self, &raw.max, "max");
        let min_label = self.text(&raw.min_label, "min_label", span);
        let max_label = self.text(&raw.max_label, "max_label", span);
        let (min, max) = (min?, max?);
        if min >= max {
            let at = raw.min.as_ref().map_or(span.start, |m| m.span().start);
            self.at(
                at,
                format!("the scale's ends are reversed or equal: `min` ({min}) must be below `max` ({max})"),
            );
            return None;
        }
        Some(ScaleSpec {
            min,
            max,
            min_label: min_label?,
            max_label: max_label?,
        })
    }
}
