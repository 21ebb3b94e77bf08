//! What the screens show, read from the case file: the families, a
//! family with its records and oversight, a chronology, a record to open
//! and an interrupted draft to offer back.

use super::{Executor, local_time};
use crate::chronology::{EntryFacts, RecordFacts as ChronologyFacts, merge};
use crate::export::Addendum;
use crate::store::{CaseStatus, FamilyFilter, FamilyId, RecordId, RecordStatus, StoreError};
use crate::timescale::{
    Duties, FamilyFacts, Period, PlanFlags, RecordFacts, Schedule, Urgency, due_items,
};
use crate::tui::app::LoadedRecord;
use crate::tui::chronology_view::ChronologyView;
use crate::tui::family::{
    ActionCounts, ChildRow, ChronologyRow, FamilyView, LastOversight, Oversight, RecordRow,
};
use crate::tui::home::{FamilyRow, ResumeOffer};
use chrono::{DateTime, NaiveDate, Utc};

impl Executor {
    /// Every family, for the home screen.
    pub fn families(&self) -> Result<Vec<FamilyRow>, StoreError> {
        Ok(self
            .store
            .list_families(&FamilyFilter::default())?
            .into_iter()
            .map(FamilyRow::from)
            .collect())
    }

    pub(super) fn family_row(&self, id: FamilyId) -> Result<FamilyRow, StoreError> {
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
    pub fn family_view(&self, id: FamilyId, today: NaiveDate) -> Result<FamilyView, StoreError> {
        let family = self.family_row(id)?;
        let kids = self.store.children(id)?;
        let name_of = |c: crate::record::ChildId| {
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
        let summaries = self.store.list_records(id)?;
        let oversight = self.oversight(id, &summaries, today)?;
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
                author: r.author,
                children: r
                    .children
                    .iter()
                    .filter_map(|c| name_of(*c))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        let chronology = self
            .store
            .chronology(id)?
            .into_iter()
            .map(|c| ChronologyRow {
                date: c.entry.date,
                what: c.entry.what_happened,
                child: c.entry.child.and_then(name_of),
                source: c.entry.source,
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
            records,
            chronology,
            oversight,
            actions,
        })
    }

    /// When oversight was last recorded and whether the management
    /// oversight duty is overdue, worked out by the same rule as the due
    /// list (`due_items` over this family alone, with that duty alone), so
    /// the family screen and the due list never disagree.
    pub(super) fn oversight(
        &self,
        id: FamilyId,
        records: &[crate::store::RecordSummary],
        today: NaiveDate,
    ) -> Result<Oversight, StoreError> {
        let duty = self.due_rules.as_ref().and_then(|(duties, cal)| {
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
                by: r.author.clone(),
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
                    author: r.author.clone(),
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
        let children: Vec<(crate::record::ChildId, String)> = kids
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
                author: &r.author,
                children: &r.children,
                answers: &r.answers,
            })
            .collect();
        let name = |c: crate::record::ChildId| {
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

    /// A record with everything the form and review need.
    pub fn load_record(&self, id: RecordId) -> Result<LoadedRecord, String> {
        let s = |e: StoreError| e.to_string();
        let r = self.store.record(id).map_err(s)?;
        let form = self
            .store
            .form_of(&self.forms, &r.form_id, r.form_version)
            .map_err(s)?;
        let family = self.store.family(r.family).map_err(s)?;
        let children = self.store.record_children(&r).map_err(s)?;
        let addenda = self
            .store
            .addenda(r.id)
            .map_err(s)?
            .into_iter()
            .map(|a| Addendum {
                author: a.author,
                date: local_time(a.created_at),
                text: a.text,
            })
            .collect();
        let addendum_draft = match r.status {
            RecordStatus::Finalised => self.store.addendum_draft(r.id).map_err(s)?,
            RecordStatus::Draft => None,
        };
        let finalised = match (&r.finalised_by, r.finalised_at) {
            (Some(by), Some(at)) => Some((by.clone(), local_time(at))),
            _ => None,
        };
        Ok(LoadedRecord {
            id,
            family: r.family,
            revision: r.revision,
            form,
            family_label: format!("{} {}", family.details.reference, family.details.name),
            children,
            answers: r.answers,
            draft: r.status == RecordStatus::Draft,
            author: r.author,
            event_date: r.event_date,
            significant: r.significant,
            finalised,
            addenda,
            addendum_draft,
        })
    }

    /// The most recently updated draft left open by an interrupted session,
    /// if any is still a draft of this user's.
    pub fn resume_offer(&self) -> Option<ResumeOffer> {
        let markers = self.markers.as_ref()?;
        let mut best: Option<(DateTime<Utc>, ResumeOffer)> = None;
        for id in markers.interrupted() {
            let Ok(r) = self.store.record(id) else {
                let _ = markers.closed(id);
                continue;
            };
            if r.status != RecordStatus::Draft || r.author != self.store.user() {
                let _ = markers.closed(id);
                continue;
            }
            if best.as_ref().is_some_and(|(t, _)| *t >= r.updated_at) {
                continue;
            }
            let family = self
                .store
                .family(r.family)
                .map(|f| f.details.name)
                .unwrap_or_default();
            let form_title = self
                .forms
                .get(&r.form_id)
                .map_or_else(|| r.form_id.clone(), |f| f.title.clone());
            best = Some((
                r.updated_at,
                ResumeOffer {
                    record: id,
                    family,
                    form_title,
                    recovered: false,
                },
            ));
        }
        best.map(|b| b.1)
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
