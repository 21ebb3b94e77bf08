//! The evidence as plain sentences: for `casenotes audit` and for the
//! evidence answer the audit keeps (its snapshot of what the manager saw).

use super::{Evidence, Proposal, StandardEvidence};

/// "yes", "partly", "no", or the manager's judgement.
fn proposal_words(p: Option<Proposal>) -> &'static str {
    match p {
        Some(Proposal::Yes) => "proposed: yes",
        Some(Proposal::Partly) => "proposed: partly",
        Some(Proposal::No) => "proposed: no",
        None => "no proposal",
    }
}

/// One standard's evidence as the audit's evidence answer keeps it: the
/// date gathered, the proposal, the summary and one line per item.
pub fn field_text(s: &StandardEvidence, as_of: chrono::NaiveDate) -> String {
    let mut out = format!(
        "Gathered {}, {}. {}",
        crate::dates::for_people(as_of),
        proposal_words(s.proposal),
        s.summary
    );
    for item in &s.items {
        out.push_str("\n- ");
        out.push_str(&item.text);
    }
    out
}

/// The whole evidence, a block per standard.
pub fn plain_text(e: &Evidence) -> String {
    let mut out = format!(
        "Evidence gathered on {} (seed 002, the Tees standards).\n",
        e.as_of
    );
    for s in &e.standards {
        out.push_str(&format!(
            "\n{} ({})\n  {}\n",
            s.title,
            proposal_words(s.proposal),
            s.summary
        ));
        for item in &s.items {
            out.push_str(&format!("  - {}\n", item.text));
        }
    }
    out
}
