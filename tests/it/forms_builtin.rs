//! The built-in forms: every one loads, every section is traced to the
//! guidance in ../shared/seeds/ by a comment, and the rules the guidance
//! sets are really in the forms.

use casenotes::form::{
    AUDIT_PROPOSED, BUILT_IN, CellKind, FieldKind, FormSet, Prefill, Requirement, outline_markdown,
};

#[test]
fn every_built_in_form_loads() {
    let set = FormSet::built_in().unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = set.iter().map(|f| f.id.as_str()).collect();
    for id in [
        "visit",
        "case_summary",
        "closure",
        "allocation",
        "management_oversight",
        "case_supervision",
        "transfer",
        "supervision_record",
        "chronology_entry",
        "audit",
        "team_meeting",
        "planning_meeting",
    ] {
        assert!(ids.contains(&id), "missing built-in form {id}");
    }
}

#[test]
fn every_section_cites_a_seed_document() {
    for (name, text) in BUILT_IN {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "[[section]]" {
                continue;
            }
            let before = &lines[i.saturating_sub(12)..i];
            assert!(
                before
                    .iter()
                    .any(|l| l.trim_start().starts_with('#') && l.contains("seed 00")),
                "forms/{name}:{} has no seed citation in the comment above it",
                i + 1
            );
        }
    }
}

#[test]
fn the_visit_asks_why_a_child_was_not_seen_or_not_seen_alone() {
    // seed 003_e0d5b8f8efac37da.txt §5b; seed 004_e74e373a20bcf6ff.txt.
    let set = FormSet::built_in().unwrap();
    let visit = set.get("visit").unwrap();
    let conditions: Vec<(String, String, Vec<String>)> = visit
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter_map(|f| match &f.requirement {
            Requirement::When(c) => Some((f.id.clone(), c.field.clone(), c.any_of.clone())),
            _ => None,
        })
        .collect();
    let on = |field: &str, answer: &str| {
        conditions
            .iter()
            .any(|(_, c, a)| c == field && a.iter().any(|x| x == answer))
    };
    assert!(on("child_seen", "no"), "{conditions:?}");
    assert!(on("seen_alone", "no"), "{conditions:?}");
    let who = |field: &str| {
        conditions
            .iter()
            .find(|(_, c, _)| c == field)
            .map(|x| x.0.clone())
    };
    assert_eq!(who("child_seen").as_deref(), Some("why_not_seen"));
    // The timescale of seed 001_e08e81dd70c4fa85.txt §4.
    let t = visit.timescale.unwrap();
    assert_eq!((t.working_days, t.urgent_working_days), (5, Some(2)));
    // Each child's voice, once per child.
    assert!(visit.sections.iter().any(|s| s.child_voice && s.per_child));
}

#[test]
fn case_supervision_scales_from_no_safety_to_ten() {
    // seed 000_80c8a2bb2a6002b3.txt Appendix 1.
    let set = FormSet::built_in().unwrap();
    let f = set.get("case_supervision").unwrap();
    let scale = f
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .find_map(|f| match &f.kind {
            FieldKind::Scale(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!((scale.min, scale.max), (0, 10));
    assert!(scale.min_label.to_lowercase().contains("no safety"));
}

#[test]
fn every_smart_action_table_needs_a_date() {
    // seed 000_80c8a2bb2a6002b3.txt §1: every action has a date to be done by.
    let set = FormSet::built_in().unwrap();
    for f in set.iter() {
        for field in f.sections.iter().flat_map(|s| &s.fields) {
            let FieldKind::Table(t) = &field.kind else {
                continue;
            };
            if !field.label.to_lowercase().contains("smart") {
                continue;
            }
            assert!(
                t.columns
                    .iter()
                    .any(|c| c.required && matches!(c.kind, CellKind::Date { .. })),
                "{}: {} has no required date column",
                f.id,
                field.id
            );
        }
    }
}

#[test]
fn the_audit_form_has_the_twenty_standards() {
    // seed 002_66f790c2d2b6d6fc.txt: 20 standards, each evidenced or not;
    // issue 16: the twelve the file can answer start from a proposal and
    // its evidence, and must each be confirmed before finalising.
    let set = FormSet::built_in().unwrap();
    let audit = set.get("audit").unwrap();
    for n in 1..=20u8 {
        let field = |name: &str| audit.field(&format!("s{n:02}_{name}")).map(|(_, f)| f);
        let evidenced = field("evidenced").unwrap_or_else(|| panic!("standard {n}"));
        assert_eq!(evidenced.requirement, Requirement::Always, "standard {n}");
        let proposed = AUDIT_PROPOSED.contains(&n);
        assert_eq!(
            evidenced.prefill == Some(Prefill::AuditProposal),
            proposed,
            "{n}"
        );
        assert_eq!(
            field("evidence").map(|f| f.prefill),
            proposed.then_some(Some(Prefill::AuditEvidence)),
            "standard {n}"
        );
        let confirmed = field("confirmed");
        assert_eq!(confirmed.is_some(), proposed, "standard {n}");
        if let Some(c) = confirmed {
            assert_eq!(c.requirement, Requirement::Always);
        }
        if !proposed {
            assert!(matches!(evidenced.kind, FieldKind::Cell(CellKind::YesNo)));
        }
    }
}

#[test]
fn every_outline_names_its_sections_and_marks_the_childs_voice() {
    let set = FormSet::built_in().unwrap();
    for f in set.iter() {
        let md = outline_markdown(f);
        for s in &f.sections {
            assert!(
                md.contains(&format!("## {}", s.title)),
                "{}: {}",
                f.id,
                s.title
            );
        }
        if f.sections.iter().any(|s| s.child_voice) {
            assert!(md.contains("★ CHILD'S VOICE"), "{}", f.id);
        }
    }
}
