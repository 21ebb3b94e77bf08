//! What the screens show, asked of the case file (`service::family_view`,
//! `service::records`), and the interrupted draft to offer back.

use super::Executor;
use crate::record::{FamilyId, RecordId};
use crate::service::StoreError;
use crate::service::{ChronologyView, FamilyList, FamilyView, LoadedRecord, ResumeOffer};
use chrono::NaiveDate;

impl Executor {
    /// Every family, for the home screen.
    pub fn families(&self) -> Result<FamilyList, StoreError> {
        self.case.families()
    }

    /// One family's screen, with its oversight state as of `today`.
    pub fn family_view(&self, id: FamilyId, today: NaiveDate) -> Result<FamilyView, StoreError> {
        self.case.family_view(id, self.due_rules.as_ref(), today)
    }

    /// A family's chronology: its entries and its finalised significant
    /// records, merged in date order.
    pub fn chronology_view(&self, id: FamilyId) -> Result<ChronologyView, StoreError> {
        self.case.chronology_view(id)
    }

    /// A record with everything the form and review need.
    pub fn load_record(&self, id: RecordId) -> Result<LoadedRecord, String> {
        self.case.load_record(id)
    }

    /// The most recently updated draft left open by an interrupted session,
    /// if any is still a draft of this user's; markers of drafts that are
    /// no longer one are cleared on the way.
    pub fn resume_offer(&self) -> Option<ResumeOffer> {
        let markers = self.markers.as_ref()?;
        let (offer, stale) = self.case.resume_offer(markers.interrupted());
        for id in stale {
            let _ = markers.closed(id);
        }
        offer
    }
}
