//! The evidence a case-file audit starts from (issue 16): for the Tees
//! standards whose evidence is in the file (seed 002_66f790c2d2b6d6fc.txt,
//! standards 1, 3, 9, 10, 12, 14, 15, 16, 17, 18, 19 and 20) a proposed
//! answer and the records, dates and gaps behind it; for the others (2, 4,
//! 5, 6, 7, 8, 11, 13) nothing is proposed, since they are the manager's
//! judgement. Pure: the family's data and today's date come in, the
//! evidence goes out; the manager confirms or overrides every proposal.

mod children;
mod people;
mod text;
mod timing;
mod writing_help;

#[cfg(test)]
mod tests;

pub use text::{field_text, plain_text};

use crate::form::{Form, FormSet};
use crate::record::{Answers, ChildId, RecordId};
use crate::timescale::Calendar;
use crate::writing::Checker;
use chrono::NaiveDate;
use serde::Serialize;

/// The standards the file itself can answer (seed 002, issue 16).
pub const COMPUTED: [u8; 12] = crate::form::AUDIT_PROPOSED;

/// The section of the audit form that holds standard `n` ("standard_09").
pub fn section_id(n: u8) -> String {
    format!("standard_{n:02}")
}

/// The standard a section id names, if it is `standard_NN`.
pub fn standard_of_section(id: &str) -> Option<u8> {
    crate::form::audit_standard(id)
}

/// What the file suggests the answer to "evidenced?" is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proposal {
    /// The evidence is there.
    Yes,
    /// Some of it is there.
    Partly,
    /// It is not there.
    No,
}

impl Proposal {
    /// The answer as the audit form's choice stores it.
    pub fn answer(self) -> &'static str {
        match self {
            Proposal::Yes => "yes",
            Proposal::Partly => "partly",
            Proposal::No => "no",
        }
    }

    /// Yes when `good` of `all` are there, no when none, partly between.
    fn of(good: usize, all: usize) -> Proposal {
        if good == all {
            Proposal::Yes
        } else if good == 0 {
            Proposal::No
        } else {
            Proposal::Partly
        }
    }
}

/// One piece of evidence: a sentence, and the record it points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// What was found or is missing, as a sentence.
    pub text: String,
    /// The record to open, if the item is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordId>,
    /// The date the item is about, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Item {
    fn about(record: &RecordFacts, text: String) -> Item {
        Item {
            text,
            record: Some(record.id),
            date: Some(record.event_date),
        }
    }

    fn plain(text: String) -> Item {
        Item {
            text,
            record: None,
            date: None,
        }
    }
}

/// One standard's evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StandardEvidence {
    /// 1 to 20.
    pub number: u8,
    /// Its title, from the audit form when it has one.
    pub title: String,
    /// The proposed answer; `None` for the manager's judgement.
    pub proposal: Option<Proposal>,
    /// One sentence: what the proposal rests on, or the form's guidance.
    pub summary: String,
    /// The records, dates and gaps, one sentence each.
    pub items: Vec<Item>,
}

/// The evidence for a whole audit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The day it was gathered.
    pub as_of: NaiveDate,
    /// Standards 1 to 20 in order.
    pub standards: Vec<StandardEvidence>,
}

impl Evidence {
    /// Standard `n`'s evidence.
    pub fn standard(&self, n: u8) -> Option<&StandardEvidence> {
        self.standards.iter().find(|s| s.number == n)
    }
}

/// A child on the family, with which diversity details are recorded
/// (seed 002, standard 12).
#[derive(Clone, Debug)]
pub struct ChildFacts {
    /// The child.
    pub id: ChildId,
    /// Their name, as the file spells it.
    pub name: String,
    /// Each detail standard 12 lists ("gender", "language" ...) and
    /// whether it is recorded.
    pub details: Vec<(&'static str, bool)>,
}

/// Someone else on the family: a family member or a professional.
#[derive(Clone, Debug)]
pub struct PersonFacts {
    /// Their name.
    pub name: String,
    /// A professional (standard 14) rather than a family member.
    pub professional: bool,
    /// Profession or designation, if recorded.
    pub role: Option<String>,
    /// Agency, if recorded.
    pub agency: Option<String>,
}

/// One record of the family.
#[derive(Clone, Debug)]
pub struct RecordFacts {
    /// The record.
    pub id: RecordId,
    /// Its form.
    pub form_id: String,
    /// When what it records happened.
    pub event_date: NaiveDate,
    /// The day it was finalised (written up), if it has been.
    pub finalised_on: Option<NaiveDate>,
    /// Marked as a significant event.
    pub significant: bool,
    /// The children it is about.
    pub children: Vec<ChildId>,
    /// What it says.
    pub answers: Answers,
}

/// Everything the evidence is gathered from.
#[derive(Clone, Debug)]
pub struct FileFacts {
    /// When the case was opened.
    pub opened_on: NaiveDate,
    /// When it was closed, if it is.
    pub closed_on: Option<NaiveDate>,
    /// A child protection plan is recorded on the family.
    pub child_protection_plan: bool,
    /// A child is recorded as looked after.
    pub looked_after: bool,
    /// Child in need is recorded on the family.
    pub child_in_need: bool,
    /// The children.
    pub children: Vec<ChildFacts>,
    /// The other people.
    pub people: Vec<PersonFacts>,
    /// The records, any order.
    pub records: Vec<RecordFacts>,
    /// The dates of the chronology's own entries.
    pub chronology: Vec<NaiveDate>,
}

/// What the evidence is read with.
pub struct Rules<'a> {
    /// The forms in use: titles, per-child and child's-voice sections.
    pub forms: &'a FormSet,
    /// The working-day calendar the due list uses (standard 9).
    pub calendar: &'a Calendar,
    /// The writing help (standards 3 and 15); `None`: "not checked".
    pub writing: Option<&'a Checker>,
    /// Today.
    pub today: NaiveDate,
}

impl Rules<'_> {
    /// "record 12 (Home visit, 2026-03-04)".
    fn label(&self, r: &RecordFacts) -> String {
        let title = self
            .forms
            .get(&r.form_id)
            .map_or(r.form_id.as_str(), |f| f.title.as_str());
        format!(
            "record {} ({title}, {})",
            r.id,
            crate::dates::for_people(r.event_date)
        )
    }

    fn form(&self, r: &RecordFacts) -> Option<&Form> {
        self.forms.get(&r.form_id)
    }
}

/// A computed standard's proposal, summary and items.
type Found = (Proposal, String, Vec<Item>);

/// The evidence for an audit of `file`, standard by standard. The audit
/// form (`audit`, when among the forms) gives the titles and, for the
/// manager's judgement, the guidance shown instead of a proposal.
pub fn gather(file: &FileFacts, rules: &Rules<'_>) -> Evidence {
    let audit = rules.forms.get("audit");
    let standards = (1..=20u8)
        .map(|n| {
            let section = audit.and_then(|f| f.section(&section_id(n)));
            let title = section.map_or_else(|| format!("Standard {n}"), |s| s.title.clone());
            let found: Option<Found> = match n {
                1 => Some(children::separate_record(file, rules)),
                3 => writing_help::plain_language(file, rules),
                9 => Some(timing::up_to_date(file, rules)),
                10 => Some(timing::chronology_and_summary(file, rules)),
                12 => Some(children::diversity(file)),
                14 => Some(people::professionals(file)),
                15 => writing_help::names_consistent(file, rules),
                16 => Some(children::views(file, rules)),
                17 => Some(people::plan_status(file)),
                18 => Some(timing::active_or_closed(file, rules)),
                19 => Some(people::one_meeting_record(file)),
                20 => Some(timing::oversight(file, rules)),
                _ => None,
            };
            match found {
                Some((p, summary, items)) => StandardEvidence {
                    number: n,
                    title,
                    proposal: Some(p),
                    summary,
                    items,
                },
                None => StandardEvidence {
                    number: n,
                    title,
                    proposal: None,
                    summary: {
                        // 3 and 15 come from the writing help; without it
                        // they are left to the manager, and say so.
                        let lead = if COMPUTED.contains(&n) {
                            "Not checked: the writing help is not available."
                        } else {
                            "The manager's judgement."
                        };
                        section.map_or_else(
                            || lead.to_owned(),
                            |s| format!("{lead} {}", s.guidance.trim()),
                        )
                    },
                    items: Vec::new(),
                },
            }
        })
        .collect();
    Evidence {
        as_of: rules.today,
        standards,
    }
}
