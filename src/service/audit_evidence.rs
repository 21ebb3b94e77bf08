//! The case-file audit's evidence as a use case (issue 16): gathers a
//! family's children, people, records and chronology through the store and
//! hands them to the core (`crate::audit_evidence`), for `casenotes audit`
//! and for the audit draft a supervisor starts. Only supervisors audit
//! (seed 002_66f790c2d2b6d6fc.txt standard 20; the audit form is
//! `supervisors_only`).

use super::CaseFile;
use crate::audit_evidence::{
    ChildFacts, Evidence, FileFacts, PersonFacts, RecordFacts, Rules, field_text, gather,
    section_id, standard_of_section,
};
use crate::form::{Form, Prefill};
use crate::record::{Answers, Slot, Value};
use crate::store::{CaseStatus, FamilyId, PersonKind, RecordStatus, StoreError};
use crate::timescale::Calendar;
use crate::writing::{Checker, WritingLists};
use chrono::{Local, NaiveDate};

/// Why the evidence could not be gathered; each a sentence.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceRefusal {
    /// Someone other than a supervisor asked.
    #[error("only supervisors audit case files; ask a supervisor, or `casenotes user add` one")]
    NotSupervisor,
    /// No family has the reference given.
    #[error("there is no family with that case reference")]
    NoFamily,
    /// The case file could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the evidence is read with beyond the case file: the due list's
/// calendar and the writing help's lists.
pub struct EvidenceRules<'a> {
    /// The working-day calendar the due list uses.
    pub calendar: &'a Calendar,
    /// The writing lists in use; `None` leaves standards 3 and 15 "not
    /// checked".
    pub lists: Option<&'a WritingLists>,
}

impl CaseFile {
    /// The evidence for an audit of the family with this case reference,
    /// as of `today`, if this user is a supervisor (`casenotes audit`).
    /// It reads the whole file, so the family is noted as opened in the
    /// audit log, as the screens note it.
    pub fn audit_evidence_of(
        &mut self,
        reference: &str,
        rules: &EvidenceRules<'_>,
        today: NaiveDate,
    ) -> Result<Evidence, EvidenceRefusal> {
        let family = self
            .store
            .family_by_reference(reference)?
            .ok_or(EvidenceRefusal::NoFamily)?;
        let found = self.audit_evidence(family.id, rules, today)?;
        self.store.note_opened(family.id, None)?;
        Ok(found)
    }

    /// The evidence for an audit of `family` as of `today`, if this user is
    /// a supervisor.
    pub fn audit_evidence(
        &self,
        family: FamilyId,
        rules: &EvidenceRules<'_>,
        today: NaiveDate,
    ) -> Result<Evidence, EvidenceRefusal> {
        if !self.store.is_supervisor(self.store.user())? {
            return Err(EvidenceRefusal::NotSupervisor);
        }
        let facts = self.file_facts(family)?;
        let checker = rules.lists.map(|l| Checker::new(l.clone()));
        Ok(gather(
            &facts,
            &Rules {
                forms: &self.forms,
                calendar: rules.calendar,
                writing: checker.as_ref(),
                today,
            },
        ))
    }

    /// Everything the core reads about a family.
    fn file_facts(&self, id: FamilyId) -> Result<FileFacts, StoreError> {
        let d = self.store.family(id)?.details;
        let children = self
            .store
            .children(id)?
            .into_iter()
            .map(|c| {
                let k = &c.details;
                let there = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
                ChildFacts {
                    id: c.id,
                    name: c.details.name.clone(),
                    // Seed 002 standard 12's list, as the child's details hold it.
                    details: vec![
                        ("gender", there(&k.gender)),
                        ("nationality", there(&k.nationality)),
                        ("ethnicity", there(&k.ethnicity)),
                        ("languages", there(&k.languages)),
                        ("religion", there(&k.religion)),
                        ("disability or health", there(&k.disability)),
                    ],
                }
            })
            .collect();
        let people = self
            .store
            .people(id)?
            .into_iter()
            .map(|p| PersonFacts {
                name: p.details.name,
                professional: p.details.kind == PersonKind::Professional,
                role: p.details.role,
                agency: p.details.agency,
            })
            .collect();
        let mut records = Vec::new();
        for s in self.store.list_records(id)? {
            let r = self.store.record(s.id)?;
            records.push(RecordFacts {
                id: r.id,
                form_id: r.form_id,
                event_date: r.event_date,
                finalised_on: match r.status {
                    RecordStatus::Finalised => {
                        r.finalised_at.map(|t| t.with_timezone(&Local).date_naive())
                    }
                    _ => None,
                },
                significant: r.significant,
                children: r.children,
                answers: r.answers,
            });
        }
        let chronology = self
            .store
            .chronology(id)?
            .into_iter()
            .map(|e| e.entry.date)
            .collect();
        Ok(FileFacts {
            opened_on: d.opened_on,
            closed_on: match d.status {
                CaseStatus::Active => None,
                CaseStatus::Closed(day) => Some(day),
            },
            child_protection_plan: d.child_protection_plan,
            looked_after: d.looked_after,
            child_in_need: d.child_in_need,
            children,
            people,
            records,
            chronology,
        })
    }
}

/// Whether a new record of `form` starts from the family's evidence: some
/// field prefills an audit proposal or evidence (docs/form-language.md).
pub fn wants_evidence(form: &Form) -> bool {
    form.sections.iter().any(|s| {
        s.fields.iter().any(|f| {
            matches!(
                f.prefill,
                Some(Prefill::AuditProposal | Prefill::AuditEvidence)
            )
        })
    })
}

/// Puts the evidence into a new audit's answers: each `audit_proposal`
/// field gets its standard's proposed answer, each `audit_evidence` field
/// the evidence as sentences (the snapshot the finalised audit keeps).
pub fn fill_from_evidence(form: &Form, evidence: &Evidence, answers: &mut Answers) {
    for s in &form.sections {
        let Some(n) = standard_of_section(&s.id) else {
            continue;
        };
        let Some(found) = evidence.standard(n) else {
            continue;
        };
        debug_assert_eq!(section_id(n), s.id);
        for f in &s.fields {
            let value = match f.prefill {
                Some(Prefill::AuditProposal) => match found.proposal {
                    Some(p) => p.answer().to_owned(),
                    None => continue,
                },
                Some(Prefill::AuditEvidence) => field_text(found, evidence.as_of),
                _ => continue,
            };
            answers.set(Slot::once(&s.id, &f.id), Value::Text(value));
        }
    }
}
