//! The due list as a use case: what is overdue, due today and due soon, for
//! the person using the program or (supervisors only) the whole team.
//! `casenotes due` prints it and the terminal interface's due view shows
//! it, so both count from exactly the same list.

use crate::form::FormSet;
use crate::safe_text::for_terminal;
use crate::store::Store;
use crate::timescale::{Calendar, DueItem, DueList, Duties, FamilyFacts, Found, family_due};
use chrono::NaiveDate;

/// The items for this user (or the team when `team`), as of `at`, due
/// within the week unless `all`, most urgent first. Errors are sentences.
pub fn items_for(
    store: &Store,
    forms: &FormSet,
    duties: &Duties,
    cal: &Calendar,
    at: NaiveDate,
    team: bool,
    all: bool,
) -> Result<Vec<DueItem>, String> {
    Ok(list_for(store, forms, duties, cal, at, team, all)?.to_items())
}

/// As [`items_for`], kept compact ([`DueList`]): each family's words once
/// and each item a few numbers, for a team's list of hundreds of
/// thousands of items (issue 12).
pub fn list_for(
    store: &Store,
    forms: &FormSet,
    duties: &Duties,
    cal: &Calendar,
    at: NaiveDate,
    team: bool,
    all: bool,
) -> Result<DueList, String> {
    let mut list = DueList::new();
    visit(store, forms, duties, cal, at, team, all, &mut list)?;
    list.sort();
    Ok(list)
}

/// Where the items of a due list go as they are found: a [`DueList`], or
/// counts that keep no item (a supervisor's home screen, issue 12).
pub trait DueSink {
    /// One item found for `family`.
    fn found(&mut self, family: &FamilyFacts, found: Found<'_>);
    /// One item given whole (an open action past its date).
    fn item(&mut self, item: &DueItem);
}

impl DueSink for DueList {
    fn found(&mut self, family: &FamilyFacts, found: Found<'_>) {
        self.add(family, found);
    }

    fn item(&mut self, item: &DueItem) {
        self.add_item(item);
    }
}

/// Gives `sink` every item of the list [`list_for`] makes, in no
/// particular order, so counting them needs no list.
#[allow(clippy::too_many_arguments)] // the same inputs as `list_for`, and the sink
pub fn visit(
    store: &Store,
    forms: &FormSet,
    duties: &Duties,
    cal: &Calendar,
    at: NaiveDate,
    team: bool,
    all: bool,
    sink: &mut impl DueSink,
) -> Result<(), String> {
    let user = store.user().to_owned();
    if team && !store.is_supervisor(&user).map_err(|e| e.to_string())? {
        let user = for_terminal(user.as_str());
        return Err(format!(
            "only supervisors can see the team's due list, and {user} is not one (a supervisor can run: casenotes user add {user} --supervisor)"
        ));
    }
    // A family at a time, so the whole caseload's facts are never held at
    // once (10,000 families, 200,000 records).
    let horizon = if all { None } else { Some(7) };
    store
        .for_each_due_family(|family| {
            // One's own list holds the drafts one wrote and the duties of
            // the families allocated to one: a family with neither gives
            // nothing, so its items are not worked out only to be dropped
            // (most families of a team's file, issue 12).
            let mine = |family: &crate::timescale::FamilyFacts| {
                family.worker.as_deref() == Some(user.as_str())
                    || family
                        .records
                        .iter()
                        .any(|r| !r.finalised && r.author == user)
            };
            if !team && !mine(&family) {
                return;
            }
            family_due(&family, forms, duties, cal, at, horizon, |found| {
                if team || found.owner == Some(user.as_str()) {
                    sink.found(&family, found);
                }
            });
        })
        .map_err(|e| e.to_string())?;
    // Open actions past their date, counted per family (issue 14).
    let actions = super::actions::overdue_items(store, cal, at).map_err(|e| e.to_string())?;
    for item in actions
        .iter()
        .filter(|i| team || i.owner.as_deref() == Some(user.as_str()))
    {
        sink.item(item);
    }
    Ok(())
}
