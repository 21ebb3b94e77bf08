//! What the family screens show, read from the case file in one go: the
//! families, a family with its children, records, chronology and
//! oversight state, and a family's chronology. Plain data, drawn by the
//! terminal interface and usable by anything else.

use super::case_file::CaseFile;
use super::family_list::{FamilyList, FamilyRow};
use crate::chronology::{
    ChronologyRow as MergedRow, EntryFacts, RecordFacts as ChronologyFacts, merge,
};
use crate::record::ChildId;
use crate::store::{
    CaseStatus, ChainBreak, FamilyFilter, FamilyId, PersonId, PersonKind, RecordId, RecordStatus,
    StoreError,
};
use crate::timescale::{
    Calendar, Duties, FamilyFacts, Period, PlanFlags, RecordFacts, Schedule, Urgency, due_items,
};
use chrono::NaiveDate;

/// A child as the family screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChildRow {
    /// The store's id.
    pub id: ChildId,
    /// The child's name.
    pub name: String,
    /// Date of birth, if known.
    pub date_of_birth: Option<NaiveDate>,
    /// Other details in one line (gender, languages ...), may be empty.
    pub details: String,
}

/// A record as the family screen lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordRow {
    /// The store's id.
    pub id: RecordId,
    /// The form's title (or its id when the form is no longer in use).
    pub form_title: String,
    /// The date of the event recorded.
    pub event_date: NaiveDate,
    /// Still a draft (else finalised).
    pub draft: bool,
    /// Who wrote it.
    pub author: String,
    /// The children it is about, by name.
    pub children: String,
}

/// A chronology entry as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct ChronologyRow {
    /// When it happened.
    pub date: NaiveDate,
    /// What happened.
    pub what: String,
    /// Who has been affected and how (seed 003_e0d5b8f8efac37da.txt, the
    /// chronology's third column).
    pub affected: String,
    /// The children it is about, if not the whole family.
    pub child: Option<String>,
    /// Where the information came from.
    pub source: String,
}

/// The latest management oversight or case supervision of a family.
#[derive(Clone, Debug, PartialEq)]
pub struct LastOversight {
    /// The event date of the record.
    pub date: NaiveDate,
    /// Who wrote it.
    pub by: String,
    /// The form's title ("Management oversight", "Case supervision").
    pub what: String,
}

/// Management oversight as the family screen shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Oversight {
    /// The latest oversight record, if any.
    pub last: Option<LastOversight>,
    /// The configured period in words ("1 month"); `None` when the duties
    /// in use have no management oversight duty.
    pub period: Option<String>,
    /// When the next is due, for an open case under the duty.
    pub due: Option<NaiveDate>,
    /// None within the period: the duty is overdue.
    pub overdue: bool,
}

/// A parent, carer, relative or professional, listed under the children.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonRow {
    /// The store's id.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// A professional (else a family member).
    pub professional: bool,
    /// Their relationship to the children, or role and agency.
    pub describe: String,
}

/// Everything the family screen shows, loaded at once.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyView {
    /// The family itself.
    pub family: FamilyRow,
    /// Its children.
    pub children: Vec<ChildRow>,
    /// Its other people: family members first, then professionals.
    pub people: Vec<PersonRow>,
    /// Its records, latest event first.
    pub records: Vec<RecordRow>,
    /// Its chronology, oldest first.
    pub chronology: Vec<ChronologyRow>,
    /// When oversight was last recorded, and whether it is overdue.
    pub oversight: Oversight,
    /// How many of its actions are open, and how many of those overdue.
    pub actions: ActionCounts,
    /// The first of the family's finalised records, addenda or audit rows
    /// that no longer matches the hash chain (changed outside casenotes;
    /// docs/safety.md); `None` when all match.
    pub chain_break: Option<ChainBreak>,
}

/// The family's open actions at a glance (the register is behind `a`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionCounts {
    /// Open actions.
    pub open: usize,
    /// Open actions past their date.
    pub overdue: usize,
}

/// A family's chronology as loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct ChronologyView {
    /// The family's id.
    pub family: FamilyId,
    /// e.g. "FX-0001 Example family".
    pub family_label: String,
    /// Its children, in the order `1`–`9` pick them.
    pub children: Vec<(ChildId, String)>,
    /// Every row, oldest first.
    pub rows: Vec<MergedRow>,
}

impl CaseFile {
    /// The first `limit` families in the home screen's order (by name, as
    /// `families` lists them all), for the first frame.
    pub fn first_families(&self, limit: u32) -> Result<FamilyList, StoreError> {
        let filter = FamilyFilter {
            limit: Some(limit),
            ..FamilyFilter::default()
        };
        Ok(self
            .store
            .list_families(&filter)?
            .into_iter()
            .map(FamilyRow::from)
            .collect())
    }

    /// Every family, for the home screen, by name: each family packed into
    /// the compact list as it is read, so no row is held beyond its turn
    /// (issue 12, memory).
    pub fn families(&self) -> Result<FamilyList, StoreError> {
        let mut out = FamilyList::new();
        self.store.for_each_family_by_name(|f| out.push_listed(f))?;
        out.finish();
        Ok(out)
    }

    pub fn family_row(&self, id: FamilyId) -> Result<FamilyRow, StoreError> {
        let f = self.store.family(id)?;
        let drafts = self
            .store
            .list_records(id)?
            .iter()
            .filter(|r| r.status == RecordStatus::Draft)
            .count();
        Ok(FamilyRow::new(
            id,
            f.details,
            u32::try_from(drafts).unwrap_or(u32::MAX),
        ))
    }

    /// One family's screen, with its oversight state as of `today`.
    pub fn family_view(
        &self,
        id: FamilyId,
        rules: Option<&(Duties, Calendar)>,
        today: NaiveDate,
    ) -> Result<FamilyView, StoreError> {
        // Who is who: the worker and authors shown by display name.
        let who = self.store.user_directory()?;
        let mut family = self.family_row(id)?;
        family.worker = family.worker.map(|w| who.label(&w));
        let kids = self.store.children(id)?;
        let name_of = |c: ChildId| {
            kids.iter()
                .find(|k| k.id == c)
                .map(|k| k.details.name.clone())
        };
        let children = kids
            .iter()
            .map(|c| {
                let d = &c.details;
                let details = [
                    &d.gender,
                    &d.languages,
                    &d.ethnicity,
                    &d.religion,
                    &d.disability,
                    &d.nationality,
                ]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" · ");
                ChildRow {
                    id: c.id,
                    name: d.name.clone(),
                    date_of_birth: d.date_of_birth,
                    details,
                }
            })
            .collect();
        let people = self
            .store
            .people(id)?
            .into_iter()
            .map(|p| PersonRow {
                id: p.id,
                describe: p.details.describe(),
                professional: p.details.kind == PersonKind::Professional,
                name: p.details.name,
            })
            .collect();
        let summaries = self.store.list_records(id)?;
        let oversight = self.oversight(id, &summaries, rules, today)?;
        let records = summaries
            .into_iter()
            .map(|r| RecordRow {
                id: r.id,
                form_title: self
                    .forms
                    .get(&r.form_id)
                    .map_or_else(|| r.form_id.clone(), |f| f.title.clone()),
                event_date: r.event_date,
                draft: r.status == RecordStatus::Draft,
                author: who.label(&r.author),
                children: r
                    .children
                    .iter()
                    .filter_map(|c| name_of(*c))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        // The same merge as the chronology screen: typed entries and
        // finalised records marked as significant events.
        let chronology = self
            .chronology_view(id)?
            .rows
            .into_iter()
            .map(|r| ChronologyRow {
                date: r.date,
                child: (!r.children.is_empty()).then(|| {
                    r.children
                        .iter()
                        .filter_map(|c| name_of(*c))
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
                what: r.what_happened,
                affected: r.affected,
                source: r.source,
            })
            .collect();
        let open = self.store.open_actions(id)?;
        let actions = ActionCounts {
            open: open.len(),
            overdue: open.iter().filter(|a| a.is_overdue(today)).count(),
        };
        Ok(FamilyView {
            family,
            children,
            people,
            records,
            chronology,
            oversight,
            actions,
            chain_break: self.store.family_chain_break(id)?,
        })
    }

    /// When oversight was last recorded and whether the management
    /// oversight duty is overdue, worked out by the same rule as the due
    /// list (`due_items` over this family alone, with that duty alone), so
    /// the family screen and the due list never disagree.
    pub fn oversight(
        &self,
        id: FamilyId,
        records: &[crate::store::RecordSummary],
        rules: Option<&(Duties, Calendar)>,
        today: NaiveDate,
    ) -> Result<Oversight, StoreError> {
        let duty = rules.and_then(|(duties, cal)| {
            duties
                .duties
                .iter()
                .find(|d| d.id == "management_oversight")
                .map(|d| (d, cal))
        });
        let default_forms = [
            "management_oversight".to_owned(),
            "case_supervision".to_owned(),
        ];
        let done_by: &[String] = duty.map_or(&default_forms, |(d, _)| &d.done_by);
        // Only a finalised oversight counts, as in the due list: an empty
        // draft started by a manager is not oversight given.
        let last = records
            .iter()
            .filter(|r| done_by.contains(&r.form_id) && r.status == RecordStatus::Finalised)
            .max_by_key(|r| (r.event_date, r.id))
            .map(|r| LastOversight {
                date: r.event_date,
                by: self.label_of(&r.author),
                what: self
                    .forms
                    .get(&r.form_id)
                    .map_or_else(|| r.form_id.clone(), |f| f.title.clone()),
            });
        let Some((duty, cal)) = duty else {
            return Ok(Oversight {
                last,
                ..Oversight::default()
            });
        };
        let f = self.store.family(id)?;
        let d = f.details;
        let facts = FamilyFacts {
            id,
            reference: d.reference,
            name: d.name,
            active: matches!(d.status, CaseStatus::Active),
            opened: d.opened_on,
            worker: d.allocated_worker,
            flags: PlanFlags {
                child_protection: d.child_protection_plan,
                child_in_need: d.child_in_need,
                looked_after: d.looked_after,
            },
            records: records
                .iter()
                .map(|r| RecordFacts {
                    id: r.id,
                    form_id: r.form_id.clone(),
                    event_date: Some(r.event_date),
                    created: r.event_date,
                    finalised: r.status == RecordStatus::Finalised,
                    significant: r.significant,
                    author: r.author.to_string(),
                })
                .collect(),
            chronology_updated: None,
        };
        let only = Duties {
            max_recording_working_days: None,
            duties: vec![duty.clone()],
        };
        let item = due_items(&[facts], &self.forms, &only, cal, today, None)
            .into_iter()
            .find(|i| i.record_id.is_none());
        Ok(Oversight {
            last,
            period: match duty.schedule {
                Schedule::Every(p) => Some(period_words(p)),
                Schedule::After { within, .. } => Some(period_words(within)),
            },
            due: item.as_ref().map(|i| i.due),
            overdue: item.is_some_and(|i| i.urgency == Urgency::Overdue),
        })
    }

    /// A family's chronology: its entries and its finalised significant
    /// records, merged in date order.
    pub fn chronology_view(&self, id: FamilyId) -> Result<ChronologyView, StoreError> {
        let family = self.store.family(id)?;
        let kids = self.store.children(id)?;
        let children: Vec<(ChildId, String)> = kids
            .iter()
            .map(|k| (k.id, k.details.name.clone()))
            .collect();
        let entries: Vec<EntryFacts> = self
            .store
            .chronology(id)?
            .into_iter()
            .map(|c| EntryFacts {
                date: c.entry.date,
                child: c.entry.child,
                what_happened: c.entry.what_happened,
                affected: c.entry.impact,
                source: c.entry.source,
                record: c.entry.record,
            })
            .collect();
        // Only finalised significant records are read whole: the rest
        // never reach the chronology.
        let full = self
            .store
            .list_records(id)?
            .into_iter()
            .filter(|r| r.status == RecordStatus::Finalised && r.significant)
            .map(|r| self.store.record(r.id))
            .collect::<Result<Vec<_>, _>>()?;
        let facts: Vec<ChronologyFacts<'_>> = full
            .iter()
            .map(|r| ChronologyFacts {
                id: r.id,
                form_id: &r.form_id,
                event_date: r.event_date,
                finalised: r.status == RecordStatus::Finalised,
                significant: r.significant,
                author: r.author.as_str(),
                children: &r.children,
                answers: &r.answers,
            })
            .collect();
        let name = |c: ChildId| {
            children
                .iter()
                .find(|(id, _)| *id == c)
                .map_or_else(|| format!("child {}", c.0), |(_, n)| n.clone())
        };
        let rows = merge(&entries, &facts, &self.forms, &name);
        Ok(ChronologyView {
            family: id,
            family_label: format!("{} {}", family.details.reference, family.details.name),
            children,
            rows,
        })
    }
}

/// A period in words for people: "1 month", "10 working days".
fn period_words(p: Period) -> String {
    let (n, one, many) = match p {
        Period::WorkingDays(n) => (n, "working day", "working days"),
        Period::Days(n) => (n, "day", "days"),
        Period::Weeks(n) => (n, "week", "weeks"),
        Period::Months(n) => (n, "month", "months"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}
