//! The standards about each child: a separate record for each (seed
//! 002_66f790c2d2b6d6fc.txt standard 1), their diversity details
//! (standard 12), and their views and their parents' (standard 16).

use super::{FileFacts, Found, Item, Proposal, Rules};
use crate::record::{Slot, Value};

/// The field ids that hold the parents' or carers' own views in the
/// built-in forms (visit: `parents_views`; planning meeting:
/// `parent_views`), seed 002 standard 16.
const PARENT_VIEW_FIELDS: [&str; 2] = ["parents_views", "parent_views"];

/// Standard 1: each child has sections of their own in the records.
pub(super) fn separate_record(file: &FileFacts, rules: &Rules<'_>) -> Found {
    if file.children.is_empty() {
        return (
            Proposal::No,
            "No children are recorded on the family, so no child has a record of their own.".into(),
            Vec::new(),
        );
    }
    let mut items = Vec::new();
    let mut good = 0;
    for child in &file.children {
        let mut own: Vec<_> = file
            .records
            .iter()
            .filter(|r| {
                r.answers
                    .iter()
                    .any(|(slot, v)| slot.child == Some(child.id) && !v.is_blank())
            })
            .collect();
        own.sort_by_key(|r| (r.event_date, r.id));
        if own.is_empty() {
            items.push(Item::plain(format!(
                "{} has no section of their own in any record.",
                child.name
            )));
        } else {
            good += 1;
            let latest = own[own.len() - 1];
            items.push(Item::about(
                latest,
                format!(
                    "{} has their own sections in {} record{}, the latest {}.",
                    child.name,
                    own.len(),
                    if own.len() == 1 { "" } else { "s" },
                    rules.label(latest)
                ),
            ));
        }
    }
    let summary = format!(
        "{good} of {} children have sections of their own in the records.",
        file.children.len()
    );
    (Proposal::of(good, file.children.len()), summary, items)
}

/// Standard 12: which of the details the standard lists are recorded for
/// each child.
pub(super) fn diversity(file: &FileFacts) -> Found {
    if file.children.is_empty() {
        return (
            Proposal::No,
            "No children are recorded, so no diversity details are either.".into(),
            Vec::new(),
        );
    }
    let mut items = Vec::new();
    let (mut recorded, mut all) = (0, 0);
    for child in &file.children {
        let missing: Vec<&str> = child
            .details
            .iter()
            .filter(|(_, there)| !there)
            .map(|(name, _)| *name)
            .collect();
        all += child.details.len();
        recorded += child.details.len() - missing.len();
        items.push(Item::plain(if missing.is_empty() {
            format!("{}: every detail is recorded.", child.name)
        } else {
            format!("{}: not recorded: {}.", child.name, missing.join(", "))
        }));
    }
    let summary = format!("{recorded} of {all} diversity details are recorded for the children.");
    (Proposal::of(recorded, all), summary, items)
}

/// Standard 16: each child's voice in each visit or meeting about them,
/// and the parents' views where the form asks for them.
pub(super) fn views(file: &FileFacts, rules: &Rules<'_>) -> Found {
    let mut records: Vec<_> = file.records.iter().collect();
    records.sort_by_key(|r| (r.event_date, r.id));
    let (mut good, mut all) = (0, 0);
    let mut items = Vec::new();
    for r in records {
        let Some(form) = rules.form(r) else { continue };
        let voice_sections: Vec<_> = form
            .sections
            .iter()
            .filter(|s| s.per_child && crate::form::Form::section_has_child_voice(s))
            .collect();
        let parent_field = form
            .sections
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
            .find(|(_, f)| PARENT_VIEW_FIELDS.contains(&f.id.as_str()));
        if voice_sections.is_empty() && parent_field.is_none() {
            continue;
        }
        let mut gaps = Vec::new();
        if !voice_sections.is_empty() {
            for child in &r.children {
                all += 1;
                let heard = voice_sections.iter().any(|s| {
                    s.fields
                        .iter()
                        .filter(|f| form.is_child_voice(s, f))
                        .any(|f| answered(r, Slot::for_child(&s.id, *child, &f.id)))
                });
                if heard {
                    good += 1;
                } else {
                    let name = file
                        .children
                        .iter()
                        .find(|c| c.id == *child)
                        .map_or("a child", |c| c.name.as_str());
                    gaps.push(format!("{name}'s views"));
                }
            }
        }
        if let Some((s, f)) = parent_field {
            all += 1;
            if answered(r, Slot::once(&s.id, &f.id)) {
                good += 1;
            } else {
                gaps.push("the parents' or carers' views".to_owned());
            }
        }
        if !gaps.is_empty() {
            items.push(Item::about(
                r,
                format!("{} does not record {}.", rules.label(r), gaps.join(" or ")),
            ));
        }
    }
    if all == 0 {
        return (
            Proposal::No,
            "No visit or meeting records a child's or a parent's views.".into(),
            Vec::new(),
        );
    }
    let summary = format!(
        "{good} of {all} places for a child's or a parent's views in visits and meetings are filled in."
    );
    (Proposal::of(good, all), summary, items)
}

fn answered(r: &super::RecordFacts, slot: Slot) -> bool {
    r.answers.get(&slot).is_some_and(|v: &Value| !v.is_blank())
}
