//! Writing help in the form screen (issue 13): the field being typed is
//! checked a paragraph at a time as it changes (never blocking: nothing
//! here stops a save or a finalise), F7 lists the field's findings with
//! their fixes, one key applies a fix or adds a word to the user's own
//! dictionary, and each kind can be turned off. The user's words and
//! settings come from the case file and changes go back to it through the
//! app (`FormEvent::WritingChanged`), so they follow the user.

use super::FormScreen;
use crate::form::{CellKind, Field, FieldKind};
use crate::record::Slot;
use crate::writing::{
    Checker, Context, FieldChecker, Finding, Kind, Person, Speller, WritingLists, count_by_kind,
};
use std::collections::HashMap;

pub use crate::writing::{WritingChange, WritingPrefs};

/// The writing help's state for one open record.
pub(super) struct WritingState {
    lists: WritingLists,
    checker: Option<Checker>,
    /// Whether `checker` has the dictionary (it is read beside the screen).
    with_dictionary: bool,
    ctx: Context,
    fields: HashMap<Slot, FieldChecker>,
    /// The findings list (F7) when open: the finding chosen.
    pub list: Option<usize>,
    changes: Vec<WritingChange>,
}

/// Whether a field's text is checked: typed prose, not dates or times.
pub(super) fn is_checked(field: &Field) -> bool {
    !super::is_fixed(field)
        && matches!(
            field.kind,
            FieldKind::Multiline | FieldKind::Cell(CellKind::Text)
        )
}

impl WritingState {
    /// Writing help knowing these people's names, with these lists.
    pub fn new(lists: WritingLists, people: &[Person]) -> WritingState {
        WritingState {
            lists,
            checker: None,
            with_dictionary: false,
            ctx: Context::new(people),
            fields: HashMap::new(),
            list: None,
            changes: Vec::new(),
        }
    }

    /// The checker, made (again) once the dictionary has been read.
    fn checker(&mut self) -> &Checker {
        let ready = Speller::ready();
        if self.checker.is_none() || (!self.with_dictionary && ready.is_some()) {
            self.with_dictionary = ready.is_some();
            let speller = ready.unwrap_or_else(Speller::unloaded);
            self.checker = Some(Checker::with_speller(self.lists.clone(), speller));
            self.fields.clear();
        }
        // Just made above when missing.
        self.checker.get_or_insert_with(|| {
            Checker::with_speller(WritingLists::default(), Speller::unloaded())
        })
    }

    /// Takes the user's own words and settings.
    pub fn set_prefs(&mut self, prefs: &WritingPrefs) {
        self.ctx.own_words.clear();
        self.ctx
            .add_own_words(prefs.own_words.iter().map(String::as_str));
        for kind in Kind::ALL {
            let off = prefs.off.iter().any(|o| o == kind.name());
            self.ctx.enabled.set(kind, !off);
        }
        self.fields.clear();
    }

    /// Adds the people (parents, carers, professionals) a record's family
    /// names, beside its children.
    pub fn set_people(&mut self, people: &[Person]) {
        self.ctx.set_people(people);
        self.fields.clear();
    }

    /// Sets what the rest of the record says about abbreviations: those it
    /// spells out, and those used before this field.
    pub fn set_record_context(&mut self, other_text: &str, earlier_text: &str) {
        let (spelled, _) = self.checker().abbreviation_facts(other_text);
        let (spelled_earlier, used) = self.checker().abbreviation_facts(earlier_text);
        self.ctx.spelled_out = spelled.into_iter().chain(spelled_earlier).collect();
        self.ctx.used_before = used.into_iter().collect();
        self.fields.clear();
    }

    /// Checks a field's text, again only where a paragraph changed.
    pub fn update(&mut self, slot: &Slot, text: &str) -> &[Finding] {
        self.checker();
        let lines: Vec<&str> = text.split('\n').collect();
        let field = self.fields.entry(slot.clone()).or_default();
        match &self.checker {
            Some(c) => field.update(c, &lines, &self.ctx),
            None => field.findings(),
        }
    }

    /// The findings last found in a field.
    pub fn findings(&self, slot: &Slot) -> &[Finding] {
        self.fields.get(slot).map_or(&[], FieldChecker::findings)
    }

    /// The counts per kind for a whole record's text. Waits for the
    /// dictionary if it is still being read (only in the first moments),
    /// so the review always counts spelling too.
    pub fn counts(&mut self, text: &str) -> [usize; 6] {
        let mut ctx = self.ctx.clone();
        ctx.spelled_out.clear();
        ctx.used_before.clear();
        let checker = Checker::with_speller(self.lists.clone(), Speller::shared());
        count_by_kind(&checker.check(text, &ctx))
    }

    /// Whether a kind is checked.
    pub fn is_on(&self, kind: Kind) -> bool {
        self.ctx.enabled.has(kind)
    }

    /// Turns a kind on or off, to be kept in the case file.
    pub fn toggle(&mut self, kind: Kind) {
        let on = !self.ctx.enabled.has(kind);
        self.ctx.enabled.set(kind, on);
        self.fields.clear();
        self.changes
            .push(WritingChange::Kind(kind.name().to_owned(), on));
    }

    /// Adds a word to the user's own dictionary, to be kept in the file.
    pub fn add_word(&mut self, word: &str) {
        let word = crate::writing::without_possessive(word).to_owned();
        self.ctx.add_own_words([word.as_str()]);
        self.fields.clear();
        self.changes.push(WritingChange::AddWord(word));
    }

    /// The full suggestions for a finding (the dictionary's own, which
    /// take a moment: asked for only when the finding is chosen).
    pub fn full_suggestions(&mut self, finding: &Finding) -> Vec<String> {
        if finding.kind == Kind::Spelling && finding.suggestions.is_empty() {
            return self.checker().speller().suggest(&finding.text);
        }
        finding.suggestions.clone()
    }

    /// The changes not yet handed to the app.
    pub fn take_changes(&mut self) -> Vec<WritingChange> {
        std::mem::take(&mut self.changes)
    }
}

impl FormScreen {
    /// Checks the focused field again after its text changed.
    pub(super) fn recheck_writing(&mut self, slot: &Slot, field: &Field) {
        if !is_checked(field) || self.read_only {
            return;
        }
        let text = self.answers.text(slot).unwrap_or_default();
        self.writing.update(slot, text);
    }

    /// On entering a field: what the rest of the record spells out and
    /// uses, then the field's own findings.
    pub(super) fn enter_writing(&mut self, slot: &Slot, field: &Field) {
        if !is_checked(field) || self.read_only {
            return;
        }
        let mut other = String::new();
        let mut earlier = String::new();
        let mut before = true;
        for s in self.checked_slots() {
            if &s == slot {
                before = false;
                continue;
            }
            let t = self.answers.text(&s).unwrap_or_default();
            other.push_str(t);
            other.push('\n');
            if before {
                earlier.push_str(t);
                earlier.push('\n');
            }
        }
        self.writing.set_record_context(&other, &earlier);
        self.recheck_writing(slot, field);
    }

    /// Every checked field's slot, in the order of the pages.
    fn checked_slots(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for page in &self.pages {
            for (i, f) in page.fields(&self.form).iter().enumerate() {
                if is_checked(f)
                    && let Some(s) = page.slot(&self.form, i)
                {
                    out.push(s);
                }
            }
        }
        out
    }

    /// The whole record's text as the writing help reads it: each checked
    /// answer in page order, a line break between.
    fn record_text(&self) -> String {
        let mut text = String::new();
        for s in self.checked_slots() {
            if let Some(t) = self.answers.text(&s)
                && !t.is_empty()
            {
                text.push_str(t);
                text.push('\n');
            }
        }
        text
    }

    /// How many findings of each kind the whole record has, for the
    /// review screen ([`Kind::ALL`] order).
    pub fn writing_counts(&mut self) -> [usize; 6] {
        let text = self.record_text();
        self.writing.counts(&text)
    }

    /// Takes the user's own words and settings from the case file.
    pub fn set_writing_prefs(&mut self, prefs: &WritingPrefs) {
        self.writing.set_prefs(prefs);
        if let (Some(field), Some(slot)) = (self.focused_field().cloned(), self.focused_slot()) {
            self.recheck_writing(&slot, &field);
        }
    }

    /// Knows these people's names too (parents, carers, professionals on
    /// the family), beside the record's children.
    pub fn set_writing_people(&mut self, people: &[Person]) {
        let mut all = self.child_people();
        all.extend_from_slice(people);
        self.writing.set_people(&all);
    }

    /// The record's children as people the writing help knows.
    pub(super) fn child_people(&self) -> Vec<Person> {
        self.child_names
            .iter()
            .map(|n| Person::new(n.clone(), "a child's name on this record"))
            .collect()
    }

    /// Changes to the user's writing help not yet kept in the case file.
    pub fn take_writing_changes(&mut self) -> Vec<WritingChange> {
        self.writing.take_changes()
    }

    /// The focused field's findings.
    pub(super) fn focused_findings(&self) -> &[Finding] {
        match self.focused_slot() {
            Some(slot) => self.writing.findings(&slot),
            None => &[],
        }
    }
}
