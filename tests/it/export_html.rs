//! The HTML export and handout (issue 15): whatever the store holds
//! (markup, quotes, ampersands, escape sequences, direction overrides) is
//! text on the page, checked by parsing the page with an HTML parser
//! (scraper, a dev-dependency); the page is self-contained (no scripts,
//! no external resources); the child's voice is in an element styled bold
//! red and carries the "★ CHILD'S VOICE" label as well (seed
//! 003_e0d5b8f8efac37da.txt: the child's voice in bold red). The form
//! handout cites the guidance each section comes from.

use casenotes::cli::export_cmd::{Format, What, render_what};
use casenotes::cli::forms_cmd;
use casenotes::export::CHILD_VOICE_LABEL;
use casenotes::form::{FormSet, FormSource, parse_form};
use casenotes::record::{Answers, Slot, Value};
use casenotes::service::CaseFile;
use casenotes::store::{ChildDetails, FamilyDetails, PersonDetails, RecordDraft, Store};
use chrono::NaiveDate;
use scraper::{Html, Selector};

const FORM: &str = r#"
id = "note"
version = 1
title = "Note <i>about</i> & \"quotes\""
purpose = "Escaping test."

[[section]]
id = "visit"
title = "What happened"

[[section.field]]
id = "notes"
label = "Notes <b>bold?</b>"
kind = "multiline"

[[section]]
id = "voice"
title = "Child's views"
per_child = true
child_voice = true

[[section.field]]
id = "views"
label = "What did the child say?"
kind = "multiline"
"#;

const NASTY: &str = "<script>alert(\"x\")</script> Tom & Jerry's \"den\" \u{1b}[2J \u{202E}evil\u{202C} <img src=x onerror=alert(1)>";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn page() -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.sqlite3"), "worker.a").unwrap();
    let form = parse_form("note.toml", FORM, FormSource::BuiltIn).unwrap();
    let fam = store
        .create_family(&FamilyDetails::new(
            "FX-<1>",
            "Fictional & \"family\"",
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        ))
        .unwrap();
    let kid = store
        .add_child(fam, &ChildDetails::new("Kit <b>Fictional</b>", None))
        .unwrap();
    store
        .add_person(
            fam,
            &PersonDetails::family_member("Tom", "Father & <carer>"),
        )
        .unwrap();
    let mut a = Answers::new();
    a.set(Slot::once("visit", "notes"), Value::Text(NASTY.into()));
    a.set(
        Slot::for_child("voice", kid, "views"),
        Value::Text(format!("I said: {NASTY}")),
    );
    let draft = RecordDraft {
        event_date: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        significant: false,
        children: vec![kid],
        answers: a,
    };
    let id = store.create_record(fam, &form, &draft).unwrap();
    let forms = FormSet::from_forms(vec![form]);
    render_what(
        &mut CaseFile::new(store, forms),
        &What::Record(id),
        Some("Kit"),
        Format::Html,
    )
    .unwrap()
}

/// What the page must show for the nasty text: the same characters, with
/// the escape sequence and the direction overrides made visible.
const SHOWN: &str = "<script>alert(\"x\")</script> Tom & Jerry's \"den\" ^[[2J <U+202E>evil<U+202C> <img src=x onerror=alert(1)>";

#[test]
fn stored_markup_quotes_controls_and_bidi_render_as_text() {
    let html = page();
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    // Nothing typed became an element.
    assert_eq!(doc.select(&sel("script")).count(), 0, "{html}");
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("i")).count(), 0);
    // No raw control or direction character reaches the page.
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202E}'));
    let answers: Vec<String> = doc
        .select(&sel("div.answer"))
        .map(|e| e.text().collect())
        .collect();
    assert!(answers.iter().any(|t| t == SHOWN), "{answers:#?}");
    assert!(
        answers.iter().any(|t| t == &format!("I said: {SHOWN}")),
        "{answers:#?}"
    );
    let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
    assert_eq!(title, "Record 1 for Kit <b>Fictional</b>");
    let labels: Vec<String> = doc
        .select(&sel("p.q"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        labels.iter().any(|l| l == "Notes <b>bold?</b>"),
        "{labels:?}"
    );
    let meta: String = doc.select(&sel("dl.meta")).next().unwrap().text().collect();
    assert!(meta.contains("FX-<1> Fictional & \"family\""), "{meta}");
    // The other people listed are text too.
    let listed: String = doc
        .select(&sel("section li"))
        .flat_map(|e| e.text())
        .collect();
    assert!(listed.contains("Tom (Father & <carer>)"), "{listed}");
}

#[test]
fn the_page_is_self_contained_and_the_childs_voice_is_red_bold_and_labelled() {
    let html = page();
    let doc = Html::parse_document(&html);
    for forbidden in ["script", "link", "iframe", "object", "embed", "img"] {
        assert_eq!(doc.select(&sel(forbidden)).count(), 0, "{forbidden}");
    }
    for attr in ["[src]", "[href]", "[onload]", "[onerror]"] {
        assert_eq!(doc.select(&sel(attr)).count(), 0, "{attr}");
    }
    let style: String = doc.select(&sel("style")).next().unwrap().text().collect();
    assert!(
        style.contains(".voice { color: #b00000; font-weight: bold; }"),
        "{style}"
    );
    assert!(style.contains("@page { size: A4"), "{style}");
    assert!(
        !style.contains("url("),
        "no external resource from the styles"
    );
    assert_eq!(
        doc.select(&sel("meta[name=viewport]")).count(),
        1,
        "readable on a phone"
    );
    // The child's words are in a .voice element, under a question that
    // carries the label in words.
    let voice: Vec<String> = doc
        .select(&sel("div.answer.voice"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(voice, [format!("I said: {SHOWN}")]);
    let q = doc
        .select(&sel("div.answer.voice"))
        .next()
        .and_then(|e| e.prev_siblings().find_map(scraper::ElementRef::wrap))
        .unwrap();
    let label: String = q
        .select(&sel(".voice-label"))
        .flat_map(|e| e.text())
        .collect();
    assert_eq!(label, CHILD_VOICE_LABEL);
    // The family-wide notes are not styled as the child's voice.
    let plain: Vec<String> = doc
        .select(&sel("div.answer:not(.voice)"))
        .map(|e| e.text().collect())
        .collect();
    assert!(plain.contains(&SHOWN.to_owned()));
}

#[test]
fn the_form_handout_cites_its_guidance_and_escapes_the_form_file() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = forms_cmd::show(None, "visit", forms_cmd::Format::Html, &mut out, &mut err).unwrap();
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let html = String::from_utf8(out).unwrap();
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    let sources: Vec<String> = doc
        .select(&sel("section p.source"))
        .map(|e| e.text().collect())
        .collect();
    // The visit section comes from the Kent template and Trafford's §5b.
    assert!(
        sources
            .iter()
            .any(|s| s.contains("004_e74e373a20bcf6ff.txt")
                && s.contains("003_e0d5b8f8efac37da.txt §5b")),
        "{sources:#?}"
    );
    let labels: Vec<String> = doc
        .select(&sel("h2 .voice-label"))
        .map(|e| e.text().collect())
        .collect();
    assert!(labels.iter().all(|l| l == CHILD_VOICE_LABEL) && !labels.is_empty());

    // A form file's own markup is text in the handout.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("note.toml"), FORM).unwrap();
    let mut out = Vec::new();
    let code = forms_cmd::show(
        Some(dir.path()),
        "note",
        forms_cmd::Format::Html,
        &mut out,
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(code, 0);
    let doc = Html::parse_document(std::str::from_utf8(&out).unwrap());
    assert_eq!(doc.select(&sel("i")).count(), 0);
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(h1, "Note <i>about</i> & \"quotes\"");
}
