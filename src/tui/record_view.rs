//! What the app keeps about a record under review besides the review
//! screen itself: the store's last refusal to finalise, described in
//! words.

use super::chrome::safe;
use crate::form::Form;
use crate::record::{ChildId, Completeness};

/// The review's own state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewState {
    /// What the store listed when it refused to finalise.
    pub missing: Vec<String>,
}

/// "Section › Field (Child A): required", one line per problem.
pub fn describe_problems(
    form: &Form,
    children: &[(ChildId, String)],
    completeness: &Completeness,
) -> Vec<String> {
    completeness
        .problems
        .iter()
        .map(|p| {
            let section = form
                .section(&p.slot.section)
                .map_or(p.slot.section.as_str(), |s| s.title.as_str());
            let field = form
                .field(&p.slot.field)
                .map_or(p.slot.field.as_str(), |(_, f)| f.label.as_str());
            let child = p
                .slot
                .child
                .and_then(|c| children.iter().find(|(id, _)| *id == c))
                .map(|(_, n)| format!(" ({})", safe(n)))
                .unwrap_or_default();
            format!("{section} › {field}{child}: {}", p.kind)
        })
        .collect()
}
