//! The recurring duties of a case as data (`duties.toml`): what must happen
//! again and again (visits by plan, case summary reviews, oversight), what
//! counts as doing it, and how often. Read and checked here, with every
//! problem placed at file:line:column.

use crate::form::{Diagnostic, FormError};
use serde::Deserialize;
use toml::Spanned;

/// The duties shipped with the program.
pub const BUILT_IN_DUTIES: &str = include_str!("duties.toml");

/// Builds a period from its count, one per unit key.
type MakePeriod = fn(u32) -> Period;

/// A length of time, in the unit the guidance uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Working days (weekends, bank holidays and closures skipped).
    WorkingDays(u32),
    /// Calendar days.
    Days(u32),
    /// Calendar weeks.
    Weeks(u32),
    /// Calendar months (the same day of the month, or its last day).
    Months(u32),
}

/// Which families a duty applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppliesTo {
    /// Every open family.
    All,
    /// Families with a child on a child protection plan.
    ChildProtection,
    /// Families with a child in need plan.
    ChildInNeed,
    /// Families with a looked-after child.
    LookedAfter,
}

/// When a duty falls due.
#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    /// Again this long after the last time (first: after the case opened).
    Every(Period),
    /// Once, within this long of the latest record of a form.
    After {
        /// The form whose record starts the clock.
        form: String,
        /// How long there is.
        within: Period,
    },
}

/// One recurring duty.
#[derive(Clone, Debug, PartialEq)]
pub struct Duty {
    /// Identifier.
    pub id: String,
    /// What is due, as shown.
    pub title: String,
    /// Where the rule comes from.
    pub source: String,
    /// Which families.
    pub applies_to: AppliesTo,
    /// Forms whose records count as doing it.
    pub done_by: Vec<String>,
    /// Whether a chronology entry counts as doing it.
    pub chronology: bool,
    /// Whether only finalised records count (a draft oversight note is
    /// not yet oversight); otherwise any record does (a visit happened
    /// even while its write-up is a draft).
    pub finalised_only: bool,
    /// When it falls due.
    pub schedule: Schedule,
}

/// Every duty, and the ceiling on any recording timescale.
#[derive(Clone, Debug, PartialEq)]
pub struct Duties {
    /// No record may be more than this many working days out of date.
    pub max_recording_working_days: Option<u32>,
    /// The duties, in file order.
    pub duties: Vec<Duty>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDuties {
    max_recording_working_days: Option<Spanned<i64>>,
    #[serde(default)]
    duty: Vec<Spanned<RawDuty>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDuty {
    id: Spanned<String>,
    title: Spanned<String>,
    source: Option<String>,
    applies_to: Spanned<String>,
    #[serde(default)]
    done_by: Vec<String>,
    #[serde(default)]
    chronology: bool,
    #[serde(default)]
    finalised_only: bool,
    every: Option<Spanned<RawPeriod>>,
    after_form: Option<Spanned<String>>,
    within: Option<Spanned<RawPeriod>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    working_days: Option<i64>,
    days: Option<i64>,
    weeks: Option<i64>,
    months: Option<i64>,
}

impl Duties {
    /// The built-in duties. A test keeps them valid; an error here is still
    /// returned, never panicked on.
    pub fn built_in() -> Result<Duties, FormError> {
        Duties::parse("src/timescale/duties.toml", BUILT_IN_DUTIES)
    }

    /// Reads a duties file; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Duties, FormError> {
        let mut diags = Vec::new();
        let mut at = |offset: usize, message: String| {
            diags.push(Diagnostic::at(file, text, offset, message));
        };
        if text.len() > crate::form::MAX_FORM_BYTES {
            at(0, "the duties file is too large".into());
            return Err(FormError { diagnostics: diags });
        }
        let raw: RawDuties = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let m = e.message().lines().next().unwrap_or("").to_owned();
                at(e.span().map_or(0, |s| s.start), m);
                return Err(FormError { diagnostics: diags });
            }
        };
        let max = match raw.max_recording_working_days {
            None => None,
            Some(m) => match u32::try_from(*m.get_ref()) {
                Ok(n) if (1..=60).contains(&n) => Some(n),
                _ => {
                    at(
                        m.span().start,
                        "`max_recording_working_days` must be from 1 to 60".into(),
                    );
                    None
                }
            },
        };
        let mut duties: Vec<Duty> = Vec::new();
        for rd in raw.duty {
            let span = rd.span();
            let d = rd.into_inner();
            let applies_to = match d.applies_to.get_ref().as_str() {
                "all" => Some(AppliesTo::All),
                "child_protection" => Some(AppliesTo::ChildProtection),
                "child_in_need" => Some(AppliesTo::ChildInNeed),
                "looked_after" => Some(AppliesTo::LookedAfter),
                other => {
                    at(
                        d.applies_to.span().start,
                        format!(
                            "unknown `applies_to` `{other}`; expected all, child_protection, child_in_need or looked_after"
                        ),
                    );
                    None
                }
            };
            if d.done_by.is_empty() && !d.chronology {
                at(
                    span.start,
                    "a duty needs `done_by` forms or `chronology = true`".into(),
                );
            }
            let mut period = |p: &Spanned<RawPeriod>| -> Option<Period> {
                let r = p.get_ref();
                let set: Vec<(i64, MakePeriod)> = [
                    (r.working_days, Period::WorkingDays as MakePeriod),
                    (r.days, Period::Days),
                    (r.weeks, Period::Weeks),
                    (r.months, Period::Months),
                ]
                .into_iter()
                .filter_map(|(v, f)| v.map(|v| (v, f)))
                .collect();
                match set.as_slice() {
                    [(n, f)] => match u32::try_from(*n) {
                        Ok(n) if (1..=366).contains(&n) => Some(f(n)),
                        _ => {
                            at(p.span().start, "a period must be from 1 to 366".into());
                            None
                        }
                    },
                    _ => {
                        at(
                            p.span().start,
                            "a period needs exactly one of working_days, days, weeks or months"
                                .into(),
                        );
                        None
                    }
                }
            };
            let schedule = match (&d.every, &d.after_form, &d.within) {
                (Some(e), None, None) => period(e).map(Schedule::Every),
                (None, Some(f), Some(w)) => period(w).map(|within| Schedule::After {
                    form: f.get_ref().clone(),
                    within,
                }),
                _ => {
                    at(
                        span.start,
                        "a duty needs either `every`, or `after_form` with `within`".into(),
                    );
                    None
                }
            };
            if duties.iter().any(|x| &x.id == d.id.get_ref()) {
                at(
                    d.id.span().start,
                    format!("duty id `{}` is used twice", d.id.get_ref()),
                );
                continue;
            }
            if let (Some(applies_to), Some(schedule)) = (applies_to, schedule) {
                duties.push(Duty {
                    id: d.id.into_inner(),
                    title: d.title.into_inner(),
                    source: d.source.unwrap_or_default(),
                    applies_to,
                    done_by: d.done_by,
                    chronology: d.chronology,
                    finalised_only: d.finalised_only,
                    schedule,
                });
            }
        }
        if diags.is_empty() {
            Ok(Duties {
                max_recording_working_days: max,
                duties,
            })
        } else {
            Err(FormError { diagnostics: diags })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_duties_load() {
        let d = Duties::built_in().unwrap();
        assert_eq!(d.max_recording_working_days, Some(10));
        let cp = d.duties.iter().find(|d| d.id == "cp_visit").unwrap();
        assert_eq!(cp.schedule, Schedule::Every(Period::WorkingDays(10)));
        assert_eq!(cp.applies_to, AppliesTo::ChildProtection);
    }

    #[test]
    fn mistakes_are_placed() {
        let e = Duties::parse(
            "d.toml",
            "[[duty]]\nid = \"x\"\ntitle = \"X\"\napplies_to = \"everyone\"\ndone_by = [\"visit\"]\nevery = { weeks = 2, days = 3 }\n",
        )
        .unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("d.toml:4:14: unknown `applies_to` `everyone`"),
            "{s}"
        );
        assert!(
            s.contains("d.toml:6:9: a period needs exactly one of"),
            "{s}"
        );
        let e = Duties::parse("d.toml", "[[duty]]\nid = \"x\"\ntitel = \"X\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("d.toml:3:1: unknown field `titel`"),
            "{e}"
        );
    }
}
