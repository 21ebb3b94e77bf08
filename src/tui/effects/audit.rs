//! Starting a record for the interface, with a case-file audit's evidence
//! gathered first (issue 16): the due list's calendar and the writing
//! lists in use, so the audit's proposals agree with the due list and the
//! writing help the person sees.

use super::Executor;
use crate::record::{ChildId, FamilyId, RecordId};
use crate::service::audit_evidence::EvidenceRules;
use crate::writing::WritingLists;
use chrono::NaiveDate;

impl Executor {
    /// Sets the writing lists an audit's evidence is checked with.
    pub fn set_writing_lists(&mut self, lists: WritingLists) {
        self.writing_lists = Some(lists);
    }

    /// Starts a draft of `form_id`; an audit form starts pre-answered from
    /// the family's evidence.
    pub(super) fn start_record(
        &mut self,
        family: FamilyId,
        form_id: &str,
        children: Vec<ChildId>,
        today: NaiveDate,
    ) -> Result<RecordId, String> {
        let wants = self
            .case
            .forms()
            .get(form_id)
            .is_some_and(crate::service::audit_evidence::wants_evidence);
        if !wants {
            return self.case.start_record(family, form_id, children, today);
        }
        self.ensure_due_rules()?;
        let lists = match &self.writing_lists {
            Some(l) => l.clone(),
            None => WritingLists::built_in().unwrap_or_default(),
        };
        let Some((_, cal)) = &self.due_rules else {
            return Err("the working-day calendar could not be read".into());
        };
        let rules = EvidenceRules {
            calendar: cal,
            lists: Some(&lists),
        };
        self.case
            .start_record_with(family, form_id, children, today, Some(&rules))
    }
}
