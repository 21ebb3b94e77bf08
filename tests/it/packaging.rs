//! What a packager and crates.io read from Cargo.toml, and the install
//! command in README.md (issue 17). The top level is fixed by the founders
//! (Cargo.toml, Cargo.lock, src, forms, tests, README.md, benches, docs,
//! .ci), so the licence text is docs/LICENSE rather than a LICENSE file
//! beside them.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn cargo_toml_describes_the_package() {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let manifest: toml::Table = text.parse().expect("Cargo.toml parses");
    let package = manifest["package"].as_table().expect("[package]");
    for key in ["description", "license", "readme"] {
        let value = package.get(key).and_then(|v| v.as_str()).unwrap_or("");
        assert!(!value.is_empty(), "package.{key} is missing");
    }
    assert!(
        root()
            .join(package["readme"].as_str().unwrap_or(""))
            .is_file()
    );
    for key in ["keywords", "categories"] {
        let n = package
            .get(key)
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len);
        // crates.io takes at most five of each.
        assert!((1..=5).contains(&n), "package.{key} has {n} entries");
    }
}

#[test]
fn the_licence_named_in_cargo_toml_is_there_in_full() {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let manifest: toml::Table = text.parse().expect("Cargo.toml parses");
    let license = manifest["package"]["license"].as_str().unwrap_or("");
    let full = std::fs::read_to_string(root().join("docs/LICENSE")).expect("docs/LICENSE");
    assert!(full.starts_with(&format!("{license} License")), "{full}");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(readme.contains("docs/LICENSE"));
}

#[test]
fn the_readme_says_how_to_install_completions_and_the_manual() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for needle in [
        "cargo install --path .",
        "casenotes completions bash",
        "casenotes completions zsh",
        "casenotes completions fish",
        "casenotes man --dir",
    ] {
        assert!(readme.contains(needle), "README.md lacks `{needle}`");
    }
}
