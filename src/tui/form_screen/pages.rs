//! The walk-through's pages: one per section, and one per child for a
//! section answered for each child, in the form's order. A page knows
//! which answers (slots) its fields fill.

use crate::form::{Field, Form, Section};
use crate::record::{ChildId, Slot};

/// One screen of the walk-through.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Page {
    /// Index of the section in the form.
    pub section: usize,
    /// The child this page is for, in a per-child section.
    pub child: Option<ChildId>,
    /// That child's name as shown.
    pub child_name: Option<String>,
    /// A per-child section on a record with no children: shown, with
    /// nothing to fill in, so the section is never silently skipped.
    pub no_children: bool,
}

/// The pages of a form for these children.
pub(crate) fn build(form: &Form, children: &[(ChildId, String)]) -> Vec<Page> {
    let mut pages = Vec::new();
    for (si, section) in form.sections.iter().enumerate() {
        if section.per_child && !children.is_empty() {
            for (id, name) in children {
                pages.push(Page {
                    section: si,
                    child: Some(*id),
                    child_name: Some(name.clone()),
                    no_children: false,
                });
            }
        } else {
            pages.push(Page {
                section: si,
                child: None,
                child_name: None,
                no_children: section.per_child,
            });
        }
    }
    pages
}

impl Page {
    /// The page's section.
    pub fn section<'f>(&self, form: &'f Form) -> Option<&'f Section> {
        form.sections.get(self.section)
    }

    /// The fields that can be filled in on this page.
    pub fn fields<'f>(&self, form: &'f Form) -> &'f [Field] {
        match self.section(form) {
            Some(s) if !self.no_children => &s.fields,
            _ => &[],
        }
    }

    /// The slot of the field at this index.
    pub fn slot(&self, form: &Form, field: usize) -> Option<Slot> {
        let section = self.section(form)?;
        let f = self.fields(form).get(field)?;
        Some(Slot {
            section: section.id.clone(),
            child: self.child,
            field: f.id.clone(),
        })
    }

    /// Whether a slot's answers are on this page.
    pub fn holds(&self, form: &Form, slot: &Slot) -> bool {
        self.section(form).is_some_and(|s| s.id == slot.section) && self.child == slot.child
    }

    /// Whether any part of the page is the child's voice.
    pub fn has_child_voice(&self, form: &Form) -> bool {
        self.section(form)
            .is_some_and(Form::section_has_child_voice)
    }
}
