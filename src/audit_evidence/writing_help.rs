//! The standards the writing help answers (src/writing/): plain language
//! with abbreviations explained and no jargon (seed
//! 002_66f790c2d2b6d6fc.txt standard 3), and names spelled one way
//! throughout (standard 15).

use super::{FileFacts, Found, Item, Proposal, RecordFacts, Rules};
use crate::form::{CellKind, FieldKind};
use crate::record::Value;
use crate::writing::{Context, Enabled, Kind, Person};
use std::collections::BTreeMap;

/// The record's own words: its text and multiline answers, one paragraph
/// each, in the form's order (so an abbreviation spelled out earlier in
/// the record counts as explained).
fn words_of(r: &RecordFacts, rules: &Rules<'_>) -> String {
    let Some(form) = rules.form(r) else {
        return String::new();
    };
    let mut out = Vec::new();
    for s in &form.sections {
        for f in &s.fields {
            if !matches!(
                f.kind,
                FieldKind::Multiline | FieldKind::Cell(CellKind::Text)
            ) {
                continue;
            }
            for (slot, v) in r.answers.iter() {
                if slot.section == s.id
                    && slot.field == f.id
                    && let Value::Text(t) = v
                {
                    out.push(t.as_str());
                }
            }
        }
    }
    out.join("\n")
}

fn context(file: &FileFacts, kinds: &[Kind]) -> Context {
    let mut people: Vec<Person> = file
        .children
        .iter()
        .map(|c| Person::new(c.name.clone(), "a child's name on this family"))
        .collect();
    people.extend(
        file.people
            .iter()
            .map(|p| Person::new(p.name.clone(), "a name on this family")),
    );
    let mut ctx = Context::new(&people);
    let mut enabled = Enabled::default();
    for k in Kind::ALL {
        enabled.set(k, kinds.contains(&k));
    }
    ctx.enabled = enabled;
    ctx
}

fn sorted(file: &FileFacts) -> Vec<&RecordFacts> {
    let mut v: Vec<_> = file.records.iter().collect();
    v.sort_by_key(|r| (r.event_date, r.id));
    v
}

/// Standard 3: records with jargon or abbreviations not spelled out.
pub(super) fn plain_language(file: &FileFacts, rules: &Rules<'_>) -> Option<Found> {
    let checker = rules.writing?;
    let ctx = context(file, &[Kind::Jargon, Kind::Abbreviation]);
    let (mut clear, mut all) = (0, 0);
    let mut items = Vec::new();
    for r in sorted(file) {
        let text = words_of(r, rules);
        if text.trim().is_empty() {
            continue;
        }
        all += 1;
        let findings = checker.check(&text, &ctx);
        if findings.is_empty() {
            clear += 1;
            continue;
        }
        let mut words: Vec<String> = findings.iter().map(|f| f.text.clone()).collect();
        words.sort();
        words.dedup();
        let jargon = findings.iter().filter(|f| f.kind == Kind::Jargon).count();
        let short = findings.len() - jargon;
        items.push(Item::about(
            r,
            format!(
                "{}: {jargon} jargon, {short} unexplained abbreviation{}: {}.",
                rules.label(r),
                if short == 1 { "" } else { "s" },
                words.join(", ")
            ),
        ));
    }
    if all == 0 {
        return Some((
            Proposal::No,
            "No record has any writing to check.".into(),
            Vec::new(),
        ));
    }
    let summary = format!("{clear} of {all} records use no jargon and explain every abbreviation.");
    Some((Proposal::of(clear, all), summary, items))
}

/// Standard 15: names written in more than one way across the file.
pub(super) fn names_consistent(file: &FileFacts, rules: &Rules<'_>) -> Option<Found> {
    let checker = rules.writing?;
    let ctx = context(file, &[Kind::Name]);
    // (the name, the other spelling) -> the records it is in.
    let mut variants: BTreeMap<(String, String), Vec<&RecordFacts>> = BTreeMap::new();
    let mut checked = 0;
    for r in sorted(file) {
        let text = words_of(r, rules);
        if text.trim().is_empty() {
            continue;
        }
        checked += 1;
        for f in checker.check(&text, &ctx) {
            let name = f.suggestions.first().cloned().unwrap_or_default();
            let list = variants.entry((name, f.text.clone())).or_default();
            if list.last().is_none_or(|l| l.id != r.id) {
                list.push(r);
            }
        }
    }
    if checked == 0 {
        return Some((
            Proposal::Yes,
            "No record has any writing, so no name is spelled two ways.".into(),
            Vec::new(),
        ));
    }
    let items: Vec<Item> = variants
        .iter()
        .map(|((name, other), rs)| {
            let numbers: Vec<String> = rs.iter().map(|r| r.id.to_string()).collect();
            Item {
                text: format!(
                    "\"{name}\" is also written \"{other}\" (record{} {}).",
                    if rs.len() == 1 { "" } else { "s" },
                    numbers.join(", ")
                ),
                record: rs.first().map(|r| r.id),
                date: rs.first().map(|r| r.event_date),
            }
        })
        .collect();
    let summary = if items.is_empty() {
        format!("Every name is spelled one way across {checked} records.")
    } else {
        format!(
            "{} name spelling{} differ from the family's names.",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )
    };
    let p = if items.is_empty() {
        Proposal::Yes
    } else {
        Proposal::No
    };
    Some((p, summary, items))
}
