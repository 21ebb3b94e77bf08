//! A case-file audit that gathers its own evidence (issue 16, seed
//! 002_66f790c2d2b6d6fc.txt): `casenotes audit REF --json` on the demo
//! family, an audit started pre-answered, refused at finalising until the
//! manager has confirmed every proposal, and its evidence kept with the
//! finalised record and shown when it is exported.

use casenotes::cli::audit_cmd;
use casenotes::form::{AUDIT_PROPOSED, FormSet};
use casenotes::record::{Slot, Value};
use casenotes::service::CaseFile;
use casenotes::service::audit_evidence::EvidenceRules;
use casenotes::service::export::Format;
use casenotes::store::{Store, StoreError};
use casenotes::timescale::Calendar;
use casenotes::writing::WritingLists;
use chrono::{Local, NaiveDate};

/// The demo family in a demonstration file of its own, opened by the
/// trainer (its supervisor) or by `user`.
fn demo(dir: &std::path::Path, user: &str) -> (CaseFile, NaiveDate) {
    let path = dir.join("demo.sqlite3");
    let forms = FormSet::built_in().unwrap();
    // The store stamps finalising with the real clock, so the demo's
    // dates count from the real today.
    let today = Local::now().date_naive();
    {
        let mut s = Store::open(&path, "trainer").unwrap();
        s.mark_demo().unwrap();
        casenotes::demo::seed(&mut s, &forms, today).unwrap();
        if user != "trainer" {
            s.add_user(user, casenotes::user::Role::Practitioner)
                .unwrap();
        }
    }
    (
        CaseFile::new(Store::open(&path, user).unwrap(), forms),
        today,
    )
}

fn run_audit(case: &mut CaseFile, today: NaiveDate, json: bool) -> (i32, String, String) {
    let cal = Calendar::england_and_wales();
    let lists = WritingLists::built_in().unwrap();
    let rules = EvidenceRules {
        calendar: &cal,
        lists: Some(&lists),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = audit_cmd::run(case, "DEMO-0001", &rules, today, json, &mut out, &mut err).unwrap();
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn audit_json_gives_every_standard_with_proposals_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let (mut case, today) = demo(dir.path(), "trainer");
    let (code, out, err) = run_audit(&mut case, today, true);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["family"], "DEMO-0001");
    assert_eq!(v["as_of"], today.format("%Y-%m-%d").to_string());
    let standards = v["standards"].as_array().unwrap();
    assert_eq!(standards.len(), 20);
    for (i, s) in standards.iter().enumerate() {
        let n = u8::try_from(i + 1).unwrap();
        assert_eq!(s["number"], n);
        let proposed = s["proposal"].as_str();
        if AUDIT_PROPOSED.contains(&n) {
            assert!(
                matches!(proposed, Some("yes" | "partly" | "no")),
                "standard {n}: {s}"
            );
        } else {
            assert!(s["proposal"].is_null(), "standard {n}: {s}");
        }
    }
    // The demo's draft visit is linked by its number from standard 16 or
    // 1, and every linked record is dated in ISO form.
    let linked: Vec<&serde_json::Value> = standards
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap())
        .filter(|i| i.get("record").is_some())
        .collect();
    assert!(!linked.is_empty(), "{out}");
    for i in linked {
        let d = i["date"].as_str().unwrap();
        assert!(NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(), "{d}");
    }
    // Standard 17 reads the family's flags.
    assert_eq!(standards[16]["proposal"], "yes");
    // Reading the whole file is noted as opening the family, no more.
    let q = casenotes::service::audit_log::LogQuery::default();
    let (_, log) = case.log_entries(&q).unwrap();
    assert_eq!(log[0].action, "opened");
    assert_eq!(log[0].family.as_deref(), Some("DEMO-0001"));
    assert_eq!(log[0].record, None);
}

#[test]
fn audit_prints_sentences_and_refuses_a_practitioner() {
    let dir = tempfile::tempdir().unwrap();
    let (mut case, today) = demo(dir.path(), "trainer");
    let (code, out, _) = run_audit(&mut case, today, false);
    assert_eq!(code, 0);
    assert!(out.starts_with("Case-file audit of DEMO-0001\n"), "{out}");
    assert!(out.contains("Standard 9: Up to date (proposed: "), "{out}");
    assert!(
        out.contains("Standard 2: Professional practice (no proposal)"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let (mut case, today) = demo(dir.path(), "worker.b");
    let (code, out, err) = run_audit(&mut case, today, false);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("only supervisors audit case files"), "{err}");
}

#[test]
fn an_audit_starts_pre_answered_and_is_final_only_once_every_proposal_is_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut case, today) = demo(dir.path(), "trainer");
    let family = case.family_by_reference("DEMO-0001").unwrap().unwrap().id;
    let cal = Calendar::england_and_wales();
    let lists = WritingLists::built_in().unwrap();
    let rules = EvidenceRules {
        calendar: &cal,
        lists: Some(&lists),
    };
    let id = case
        .start_record_with(family, "audit", Vec::new(), today, Some(&rules))
        .unwrap();
    let loaded = case.load_record(id).unwrap();
    let form = loaded.form.clone();
    let mut answers = loaded.answers.clone();
    for n in AUDIT_PROPOSED {
        let s = format!("standard_{n:02}");
        let proposal = answers.text(&Slot::once(&s, &format!("s{n:02}_evidenced")));
        assert!(
            matches!(proposal, Some("yes" | "partly" | "no")),
            "standard {n}: {proposal:?}"
        );
        let evidence = answers
            .text(&Slot::once(&s, &format!("s{n:02}_evidence")))
            .unwrap();
        assert!(evidence.starts_with(&format!(
            "Gathered {}, proposed: ",
            casenotes::dates::for_people(today)
        )));
        // Nothing is confirmed for the manager.
        assert!(
            answers
                .get(&Slot::once(&s, &format!("s{n:02}_confirmed")))
                .is_none()
        );
    }
    // The manager's own answers: the head of the form, the judgement
    // standards, and an action where a proposal is not yes.
    for (field, value) in [
        ("agency", "Example agency"),
        ("audited_by", "trainer"),
        ("designation", "Team manager"),
    ] {
        answers.set(Slot::once("audit", field), Value::Text(value.into()));
    }
    for n in 1..=20u8 {
        let s = format!("standard_{n:02}");
        if !AUDIT_PROPOSED.contains(&n) {
            answers.set(
                Slot::once(&s, &format!("s{n:02}_evidenced")),
                Value::Text("yes".into()),
            );
        }
        answers.set(
            Slot::once(&s, &format!("s{n:02}_action_required")),
            Value::Text("Example action for the worker.".into()),
        );
    }
    // One action agreed, for standard 16: it enters the register.
    let row: casenotes::record::Row = [
        ("what", "Record each child's views at the next visit"),
        ("who", "Allocated worker"),
        ("by_when", "2027-01-15"),
        ("standard", "16"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    answers.set(
        Slot::once("audit_actions", "audit_action_list"),
        Value::Rows(vec![row]),
    );
    let mut draft = casenotes::service::RecordDraft {
        event_date: today,
        significant: false,
        children: Vec::new(),
        answers: answers.clone(),
    };
    // Every proposal but one confirmed: still refused, naming that one.
    for n in AUDIT_PROPOSED.into_iter().filter(|n| *n != 9) {
        draft.answers.set(
            Slot::once(&format!("standard_{n:02}"), &format!("s{n:02}_confirmed")),
            Value::Text("confirmed".into()),
        );
    }
    let refused = case.finalise_in_place(id, loaded.revision, &draft, &form, today);
    match refused {
        Err(StoreError::Incomplete(c)) => {
            assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
            assert_eq!(c.problems[0].slot.field, "s09_confirmed");
        }
        other => panic!("finalised without standard 9 confirmed: {other:?}"),
    }
    // The manager overrides standard 9's proposal and confirms it.
    draft.answers.set(
        Slot::once("standard_09", "s09_evidenced"),
        Value::Text("no".into()),
    );
    draft.answers.set(
        Slot::once("standard_09", "s09_confirmed"),
        Value::Text("confirmed".into()),
    );
    let done = case
        .finalise_in_place(id, loaded.revision, &draft, &form, today)
        .unwrap();
    // The evidence is kept with the finalised record (chained with it)
    // and shown when it is exported.
    let again = case.load_record(done.id).unwrap();
    let kept = again
        .answers
        .text(&Slot::once("standard_09", "s09_evidence"))
        .unwrap()
        .to_owned();
    assert!(kept.starts_with(&format!("Gathered {}", casenotes::dates::for_people(today))));
    let md = case.export_record(done.id, Format::Markdown).unwrap();
    assert!(md.contains("Evidence from the file"), "{md}");
    let first_line = kept.lines().next().unwrap();
    assert!(md.contains(first_line), "{first_line}\n{md}");
    assert!(case.check_chain().unwrap().is_intact(), "chain broken");
    let (_, actions) = case.register_of("DEMO-0001").unwrap();
    assert!(
        actions
            .iter()
            .any(|a| a.what == "Record each child's views at the next visit"
                && a.record == done.id.0),
        "{actions:?}"
    );
}

#[test]
fn the_binary_prints_the_evidence_as_json() {
    // Through main.rs: the forms, calendar and writing lists in use.
    let dir = tempfile::tempdir().unwrap();
    let me = casenotes::identity::login_name().unwrap();
    let path = dir.path().join("demo.sqlite3");
    let today = Local::now().date_naive();
    {
        let mut s = Store::open(&path, &me).unwrap();
        s.mark_demo().unwrap();
        casenotes::demo::seed(&mut s, &FormSet::built_in().unwrap(), today).unwrap();
    }
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_casenotes"))
            .arg("--db")
            .arg(&path)
            .args(args)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("CASENOTES_CONFIG", dir.path().join("none.toml"))
            .env(
                "CASENOTES_SYSTEM_CONFIG",
                dir.path().join("none-system.toml"),
            )
            .output()
            .unwrap()
    };
    let out = run(&["audit", "DEMO-0001", "--json", "--at", "2026-12-02"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2026-12-02");
    assert_eq!(v["standards"].as_array().map(Vec::len), Some(20));
    let out = run(&["audit", "NO-SUCH", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no family with that case reference"));
    let out = run(&["audit", "DEMO-0001", "--at", "tomorrow"]);
    assert_eq!(out.status.code(), Some(2));
}
