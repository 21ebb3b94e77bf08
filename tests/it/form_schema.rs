//! The JSON Schema of the form language (docs/form.schema.json), used by
//! TOML editors to complete and check form files, must name exactly the
//! keys the checker accepts. The checker's own "unknown field" message lists
//! those keys, so the schema is compared against the code itself and cannot
//! drift from it unnoticed.

use casenotes::form::{FormSource, parse_form};
use std::collections::BTreeSet;

fn schema() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/form.schema.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn props(v: &serde_json::Value) -> BTreeSet<String> {
    v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

/// The keys the checker accepts at the place where `bogus` is inserted.
fn accepted(src: &str) -> BTreeSet<String> {
    let e = parse_form("t.toml", src, FormSource::BuiltIn).unwrap_err();
    let m = &e.diagnostics[0].message;
    // serde says "expected one of `a`, `b`" or, for two, "expected `a` or `b`".
    let list = m
        .split(", expected")
        .nth(1)
        .unwrap_or_else(|| panic!("{m}"));
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

const BASE: &str = "id = \"t\"\nversion = 1\ntitle = \"T\"\npurpose = \"P\"\n";

#[test]
fn the_schema_names_exactly_the_keys_the_checker_accepts() {
    let s = schema();
    let form = format!("{BASE}zzz = 1\n");
    assert_eq!(props(&s), accepted(&form), "form keys");
    let section = format!("{BASE}[[section]]\nzzz = 1\n");
    assert_eq!(
        props(&s["definitions"]["section"]),
        accepted(&section),
        "section keys"
    );
    let field = format!("{BASE}[[section]]\n[[section.field]]\nzzz = 1\n");
    let field_keys = accepted(&field);
    assert_eq!(props(&s["definitions"]["field"]), field_keys, "field keys");
    // A column takes a field's keys less those that do not apply to cells.
    let columns = props(&s["definitions"]["column"]);
    assert!(columns.is_subset(&field_keys));
    let timescale = format!("{BASE}[timescale]\nzzz = 1\n");
    assert_eq!(props(&s["properties"]["timescale"]), accepted(&timescale));
    let chronology = format!("{BASE}[chronology]\nzzz = 1\n");
    assert_eq!(props(&s["properties"]["chronology"]), accepted(&chronology));
    let when = format!("{BASE}[[section]]\n[[section.field]]\nrequired_when = {{ zzz = 1 }}\n");
    assert_eq!(
        props(&s["definitions"]["field"]["properties"]["required_when"]),
        accepted(&when)
    );
}

#[test]
fn the_schema_lists_every_kind() {
    let s = schema();
    let kinds: Vec<&str> = s["definitions"]["field"]["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    for k in kinds.iter() {
        let src = format!(
            "{BASE}[[section]]\nid = \"s\"\ntitle = \"S\"\n[[section.field]]\nid = \"f\"\nlabel = \"F\"\nkind = \"{k}\"\n"
        );
        let msgs = match parse_form("t.toml", &src, FormSource::BuiltIn) {
            Ok(_) => Vec::new(),
            Err(e) => e.diagnostics.into_iter().map(|d| d.message).collect(),
        };
        assert!(
            !msgs.iter().any(|m| m.contains("unknown kind")),
            "{k}: {msgs:?}"
        );
    }
    assert_eq!(kinds.len(), 10);
}

#[test]
fn the_schema_states_the_checkers_limits() {
    use casenotes::form::{
        MAX_COLUMNS, MAX_CONDITION_ANSWERS, MAX_FIELDS_PER_SECTION, MAX_GUIDANCE_CHARS,
        MAX_OPTIONS, MAX_SECTIONS, MAX_TEXT_CHARS, NUMBER_LIMIT,
    };
    let s = schema();
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or_else(|| panic!("{v}")) as usize;
    let d = &s["definitions"];
    assert_eq!(n(&s["properties"]["section"]["maxItems"]), MAX_SECTIONS);
    assert_eq!(
        n(&d["section"]["properties"]["field"]["maxItems"]),
        MAX_FIELDS_PER_SECTION
    );
    assert_eq!(
        n(&d["section"]["properties"]["guidance"]["maxLength"]),
        MAX_GUIDANCE_CHARS
    );
    assert_eq!(
        n(&d["field"]["properties"]["column"]["maxItems"]),
        MAX_COLUMNS
    );
    let when = &d["field"]["properties"]["required_when"]["properties"];
    assert_eq!(n(&when["any_of"]["maxItems"]), MAX_CONDITION_ANSWERS);
    assert_eq!(n(&when["is"]["maxLength"]), MAX_TEXT_CHARS);
    for text in [&s["properties"]["title"], &s["properties"]["purpose"]] {
        assert_eq!(n(&text["maxLength"]), MAX_TEXT_CHARS);
    }
    for item in ["field", "column"] {
        let p = &d[item]["properties"];
        assert_eq!(n(&p["options"]["maxItems"]), MAX_OPTIONS, "{item}");
        assert_eq!(
            n(&p["options"]["items"]["maxLength"]),
            MAX_TEXT_CHARS,
            "{item}"
        );
        for key in ["label", "hint"] {
            assert_eq!(n(&p[key]["maxLength"]), MAX_TEXT_CHARS, "{item}.{key}");
        }
        for key in ["min", "max"] {
            assert_eq!(
                p[key]["maximum"].as_f64(),
                Some(NUMBER_LIMIT),
                "{item}.{key}"
            );
            assert_eq!(
                p[key]["minimum"].as_f64(),
                Some(-NUMBER_LIMIT),
                "{item}.{key}"
            );
        }
    }
}
