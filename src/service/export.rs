//! Exporting a record or a family's whole file, for everyone or for one
//! child, and listing a family's records to choose one. An export is
//! always made with the form version each record was written with, and
//! noted in the audit log (which record, which child, which format; never
//! the text), whoever asks for it; the command line only prints what
//! comes back.
//!
//! One child's export (issue 15) holds that child's own per-child
//! sections and the family-wide ones, and nothing from another child's
//! per-child sections; a family's file for one child holds the finalised
//! records about that child or about no child in particular, oldest
//! first, and says what it left out.

use crate::export::bundle::{self, Bundle, Candidate, Entry};
use crate::export::{self, Addendum, RecordMeta, html};
use crate::form::FormSet;
use crate::record::ChildId;
use crate::store::{
    Child, FamilyId, PersonKind, Record, RecordId, RecordStatus, RecordSummary, Store, StoreError,
};

/// The kinds of document a record is exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// The word the audit log keeps.
    fn word(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Html => "html",
        }
    }
}

/// One of a family's records, with the title of the form it was written with.
#[derive(Clone, Debug)]
pub struct RecordLine {
    /// The record as the store lists it.
    pub record: RecordSummary,
    /// Its form's title, or the form's id when that form is no longer in use.
    pub form_title: String,
}

fn s(e: StoreError) -> String {
    e.to_string()
}

/// The record as one document, with its addenda, for all the children it
/// is about; the export is written to the audit log before the text is
/// returned. Errors are sentences.
pub fn export_record(
    store: &mut Store,
    forms: &FormSet,
    id: RecordId,
    format: Format,
) -> Result<String, String> {
    let record = store.record(id).map_err(s)?;
    let text = match format {
        Format::Html => {
            let e = entry(store, forms, &record, None)?;
            let title = format!("Record {}: {}", e.id, e.form_title);
            html::render(&Bundle::new(&title, Vec::new(), vec![e], None))?
        }
        Format::Markdown => export::markdown::render(&entry(store, forms, &record, None)?.document),
        Format::Text => export::text::render(&entry(store, forms, &record, None)?.document),
    };
    store
        .note_export(record.family, Some(record.id), None, format.word())
        .map_err(s)?;
    Ok(text)
}

/// The record for one child: that child's per-child sections and the
/// family-wide ones, the other people named in the family-wide text
/// listed at the end. `child` is the child's name (or its first word, when
/// only one child has it) or number. Errors are sentences.
pub fn export_record_for_child(
    store: &mut Store,
    forms: &FormSet,
    id: RecordId,
    child: &str,
    format: Format,
) -> Result<String, String> {
    let record = store.record(id).map_err(s)?;
    let kids = store.children(record.family).map_err(s)?;
    let chosen = find_child(&kids, child)
        .filter(|c| record.children.contains(&c.id))
        .ok_or_else(|| format!("record {} is not about a child called `{child}`", id.0))?;
    let e = entry(store, forms, &record, Some(chosen.id))?;
    let title = format!("Record {} for {}", e.id, chosen.details.name);
    let meta = family_meta(store, record.family, chosen)?;
    let candidates = candidates(store, record.family, &kids, chosen.id)?;
    let b = Bundle::new(&title, meta, vec![e], Some(&candidates));
    let text = write(&b, format)?;
    store
        .note_export(
            record.family,
            Some(record.id),
            Some(chosen.id),
            format.word(),
        )
        .map_err(s)?;
    Ok(text)
}

/// A family's whole file in date order, oldest first: every finalised
/// record, or, for one child, those about that child or about no child in
/// particular, each with only that child's per-child sections. Errors are
/// sentences; they quote what was typed.
pub fn export_family(
    store: &mut Store,
    forms: &FormSet,
    reference: &str,
    child: Option<&str>,
    format: Format,
) -> Result<String, String> {
    let family = store
        .family_by_reference(reference)
        .map_err(s)?
        .ok_or_else(|| format!("no family has the reference {reference}"))?;
    let kids = store.children(family.id).map_err(s)?;
    let chosen = match child {
        Some(typed) => Some(
            find_child(&kids, typed)
                .ok_or_else(|| format!("the family {reference} has no child called `{typed}`"))?,
        ),
        None => None,
    };
    let mut summaries = store.list_records(family.id).map_err(s)?;
    summaries.sort_by_key(|r| (r.event_date, r.id));
    let drafts = summaries
        .iter()
        .filter(|r| r.status == RecordStatus::Draft)
        .count();
    let mut others_only = 0;
    let mut entries = Vec::new();
    for r in summaries
        .iter()
        .filter(|r| r.status == RecordStatus::Finalised)
    {
        if let Some(c) = chosen
            && !r.children.is_empty()
            && !r.children.contains(&c.id)
        {
            others_only += 1;
            continue;
        }
        let record = store.record(r.id).map_err(s)?;
        entries.push(entry(store, forms, &record, chosen.map(|c| c.id))?);
    }
    let label = format!("{} {}", family.details.reference, family.details.name);
    let (title, mut meta, candidates) = match chosen {
        Some(c) => (
            format!("The record of {}", c.details.name),
            family_meta(store, family.id, c)?,
            Some(candidates(store, family.id, &kids, c.id)?),
        ),
        None => (
            format!("The file of {label}"),
            vec![("Family".to_owned(), label)],
            None,
        ),
    };
    let mut left_out = Vec::new();
    if drafts > 0 {
        left_out.push(format!("{drafts} draft(s), not yet part of the record"));
    }
    if others_only > 0 {
        left_out.push(format!("{others_only} record(s) about other children only"));
    }
    if !left_out.is_empty() {
        meta.push(("Left out".to_owned(), left_out.join("; ")));
    }
    let ids: Vec<RecordId> = entries.iter().map(|e| RecordId(e.id)).collect();
    let b = Bundle::new(&title, meta, entries, candidates.as_deref());
    let text = write(&b, format)?;
    let child_id = chosen.map(|c| c.id);
    if ids.is_empty() {
        store
            .note_export(family.id, None, child_id, format.word())
            .map_err(s)?;
    }
    for id in ids {
        store
            .note_export(family.id, Some(id), child_id, format.word())
            .map_err(s)?;
    }
    Ok(text)
}

fn write(b: &Bundle, format: Format) -> Result<String, String> {
    Ok(match format {
        Format::Markdown => bundle::to_markdown(b),
        Format::Text => bundle::to_text(b),
        Format::Html => html::render(b)?,
    })
}

/// The child typed: their number, their whole name (ignoring case), or
/// their first name when no other child of the family has it.
fn find_child<'a>(kids: &'a [Child], typed: &str) -> Option<&'a Child> {
    let typed = typed.trim();
    if let Ok(n) = typed.parse::<i64>() {
        return kids.iter().find(|c| c.id.0 == n);
    }
    let lower = typed.to_lowercase();
    if let Some(c) = kids
        .iter()
        .find(|c| c.details.name.trim().to_lowercase() == lower)
    {
        return Some(c);
    }
    let first = |c: &Child| {
        c.details
            .name
            .split_whitespace()
            .next()
            .map(str::to_lowercase)
    };
    let mut same = kids.iter().filter(|c| first(c).as_deref() == Some(&lower));
    match (same.next(), same.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The export's lines about whose record it is.
fn family_meta(
    store: &Store,
    family: FamilyId,
    child: &Child,
) -> Result<Vec<(String, String)>, String> {
    let f = store.family(family).map_err(s)?;
    let mut meta = vec![
        (
            "Family".to_owned(),
            format!("{} {}", f.details.reference, f.details.name),
        ),
        ("Child".to_owned(), child.details.name.clone()),
    ];
    if let Some(born) = child.details.date_of_birth {
        meta.push(("Born".to_owned(), crate::dates::for_people(born)));
    }
    meta.push((
        "Holds".to_owned(),
        "this child's own sections and the family-wide ones; nothing from another \
         child's own sections"
            .to_owned(),
    ));
    Ok(meta)
}

/// The family's other people whose names may be in the family-wide text:
/// the other children and the family members (not the professionals).
fn candidates(
    store: &Store,
    family: FamilyId,
    kids: &[Child],
    chosen: ChildId,
) -> Result<Vec<Candidate>, String> {
    let mut out: Vec<Candidate> = kids
        .iter()
        .filter(|c| c.id != chosen)
        .map(|c| Candidate {
            name: c.details.name.clone(),
            who: "another child of the family".to_owned(),
        })
        .collect();
    for p in store.people(family).map_err(s)? {
        if p.details.kind == PersonKind::Family {
            let who = p
                .details
                .relationship
                .clone()
                .unwrap_or_else(|| "family member".to_owned());
            out.push(Candidate {
                name: p.details.name,
                who,
            });
        }
    }
    Ok(out)
}

/// One record as an entry of an export: all its children, or only `only`.
fn entry(
    store: &Store,
    forms: &FormSet,
    record: &Record,
    only: Option<ChildId>,
) -> Result<Entry, String> {
    let form = store
        .form_of(forms, &record.form_id, record.form_version)
        .map_err(s)?;
    let family = store.family(record.family).map_err(s)?;
    let mut children = store.record_children(record).map_err(s)?;
    if let Some(c) = only {
        children.retain(|(id, _)| *id == c);
    }
    let addenda = store.addenda(record.id).map_err(s)?;
    // People are named by display name (else login) in what is exported.
    let who = store.user_directory().map_err(s)?;
    let at = crate::dates::moment;
    let status = match record.status {
        RecordStatus::Draft => "Draft",
        RecordStatus::Finalised => "Finalised",
    };
    let meta = RecordMeta {
        title: form.title.clone(),
        family_label: format!("{} {}", family.details.reference, family.details.name),
        event_date: Some(record.event_date),
        author: who.label(&record.author),
        status: status.to_owned(),
        finalised_by: record.finalised_by.as_ref().map(|b| who.label(b)),
        finalised_at: record.finalised_at.map(at),
        significant: form.can_be_significant.then_some(record.significant),
        addenda: addenda
            .iter()
            .map(|a| Addendum {
                author: who.label_with_role(&a.author),
                date: at(a.created_at),
                text: a.text.clone(),
            })
            .collect(),
    };
    Ok(Entry {
        id: record.id.0,
        form_title: form.title.clone(),
        form: form.id.clone(),
        form_version: record.form_version,
        date: crate::dates::for_people(record.event_date),
        status: status.to_owned(),
        document: export::document(&form, &record.answers, &children, &meta),
    })
}

/// The records of the family with this reference, newest first. Errors are
/// sentences; they quote the reference as typed.
pub fn records_of(
    store: &Store,
    forms: &FormSet,
    reference: &str,
) -> Result<Vec<RecordLine>, String> {
    let family = store
        .family_by_reference(reference)
        .map_err(s)?
        .ok_or_else(|| format!("no family has the reference {reference}"))?;
    let records = store.list_records(family.id).map_err(s)?;
    Ok(records
        .into_iter()
        .map(|record| {
            let form_title = forms
                .get(&record.form_id)
                .map_or_else(|| record.form_id.clone(), |f| f.title.clone());
            RecordLine { record, form_title }
        })
        .collect())
}
