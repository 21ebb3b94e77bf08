//! The people on a family who are not its children (parents, carers,
//! relatives, professionals): adding and correcting them, and listing them
//! for the family screen, the per-child export's "Other people named in
//! this record" and, later, the writing help's names (issue 13) and the
//! audit's professionals (issue 16). Errors come back as sentences.

use crate::store::{FamilyId, Person, PersonDetails, PersonId, Store};

/// Adds a person to a family; the error is a sentence.
pub fn add_person(
    store: &mut Store,
    family: FamilyId,
    details: &PersonDetails,
) -> Result<PersonId, String> {
    store.add_person(family, details).map_err(|e| e.to_string())
}

/// Replaces a person's details; the error is a sentence.
pub fn correct_person(
    store: &mut Store,
    id: PersonId,
    details: &PersonDetails,
) -> Result<(), String> {
    store.update_person(id, details).map_err(|e| e.to_string())
}

/// A family's people, family members first, then professionals.
pub fn people_of(store: &Store, family: FamilyId) -> Result<Vec<Person>, String> {
    store.people(family).map_err(|e| e.to_string())
}

impl super::CaseFile {
    /// Adds a parent, carer, relative or professional to a family.
    pub fn add_person(
        &mut self,
        family: FamilyId,
        details: &PersonDetails,
    ) -> Result<PersonId, String> {
        self.require_writer().map_err(|e| e.to_string())?;
        add_person(&mut self.store, family, details)
    }

    /// A person as stored.
    pub fn person(&self, id: PersonId) -> Result<Person, crate::store::StoreError> {
        self.store.person(id)
    }

    /// Corrects a person's details.
    pub fn correct_person(&mut self, id: PersonId, details: &PersonDetails) -> Result<(), String> {
        self.require_writer().map_err(|e| e.to_string())?;
        correct_person(&mut self.store, id, details)
    }
}
