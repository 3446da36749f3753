//! Page metadata and the JSON output's schema.
//!
//! - **dates and metadata on pages of our own**: `corpus/metadata/` holds one
//!   hand-written page per usual way of declaring a publication date
//!   (JSON-LD, Open Graph `article:*_time`, `<meta name="date">`, `<time
//!   datetime>`, microdata `itemprop`, a `/YYYY/MM/DD/` URL, words in a
//!   byline such as "Posted on Sunday, 14 March 2021"), each with a
//!   `NAME.json` giving the URL it is extracted from and every metadata
//!   field expected of it, written by hand from the page;
//! - **a stable schema**: the README's "JSON output" table lists every key of
//!   the JSON object; the test fails when a key is added, removed, renamed or
//!   moved in the code (`Extracted::JSON_FIELDS`, the keys written) without
//!   the table, or the other way round.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The pages of `corpus/metadata/`, one per way of declaring the date.
const DATE_PAGES: &[&str] = &[
    "json-ld",
    "open-graph",
    "meta-date",
    "time-element",
    "microdata",
    "url-pattern",
    "byline-text",
];

/// The keys of the JSON object that are the page's metadata (the others are
/// the extraction's: text, comments, confidence, encoding).
const METADATA_KEYS: &[&str] = &[
    "title",
    "authors",
    "published",
    "modified",
    "site_name",
    "description",
    "canonical_url",
    "language",
    "image",
    "tags",
    "categories",
    "page_type",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json_extractor() -> dechaff::Extractor {
    let mut options = dechaff::Options::default();
    options.format = dechaff::Format::Json;
    dechaff::Extractor::new(options).unwrap()
}

/// The JSON object of `page` read from `url`, and its keys in the order
/// written (serde_json's map sorts them).
fn json_of(page: &[u8], url: Option<&str>) -> (Value, Vec<String>) {
    let mut input = dechaff::Input::new(page);
    if let Some(url) = url {
        input = input.url(url);
    }
    let out = json_extractor().extract_input(input).unwrap().output();
    let value: Value = serde_json::from_str(&out).unwrap();
    let mut keys: Vec<(usize, String)> = value
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (out.find(&format!("\n  \"{k}\":")).expect(k), k.clone()))
        .collect();
    keys.sort();
    (value, keys.into_iter().map(|(_, k)| k).collect())
}

#[test]
fn corpus_metadata_pages_give_their_expected_fields() {
    let dir = root().join("corpus/metadata");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for want in DATE_PAGES {
        assert!(
            names.iter().any(|n| n == want),
            "corpus/metadata/{want}.html is missing"
        );
    }
    let mut failures = Vec::new();
    for (page, name) in pages.iter().zip(&names) {
        let spec_path = page.with_extension("json");
        let spec: Value = serde_json::from_str(
            &std::fs::read_to_string(&spec_path).unwrap_or_else(|e| panic!("{}: {e}", spec_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
        let expected = spec["expected"].as_object().expect("an \"expected\" object");
        let mut keys: Vec<&str> = expected.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut all = METADATA_KEYS.to_vec();
        all.sort_unstable();
        assert_eq!(keys, all, "{name}.json must give every metadata field");
        let (got, _) = json_of(&std::fs::read(page).unwrap(), spec["url"].as_str());
        for (key, want) in expected {
            if &got[key] != want {
                failures.push(format!("{name}: {key}: expected {want}, got {}", got[key]));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The field names of the README's "JSON output" table, in its order: the
/// first cell of each row, in backquotes.
fn readme_fields() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("\n### JSON output\n")
        .nth(1)
        .expect("README has a \"### JSON output\" section");
    let section = section.split("\n#").next().unwrap();
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .map(|rest| rest.split('`').next().unwrap().to_string())
        .collect()
}

#[test]
fn json_schema_matches_the_readme() {
    let documented = readme_fields();
    assert!(
        documented.len() >= 10,
        "the README's table was not found: {documented:?}"
    );
    assert_eq!(
        documented,
        dechaff::Extracted::JSON_FIELDS,
        "the README's \"JSON output\" table and Extracted::JSON_FIELDS differ: update both"
    );
    // The keys written are the documented ones, in order, for a full page
    // and for an empty one (every key always present).
    let full = std::fs::read(root().join("corpus/metadata/json-ld.html")).unwrap();
    for page in [full.as_slice(), b"".as_slice()] {
        let (_, keys) = json_of(page, Some("https://example.org/a"));
        assert_eq!(keys, documented);
    }
}

#[test]
fn json_types_follow_the_readme() {
    // The types stated in the table: string-or-null fields, lists of strings,
    // and the three that are never null.
    let page = std::fs::read(root().join("corpus/metadata/open-graph.html")).unwrap();
    for page in [page.as_slice(), b"<p>x</p>".as_slice()] {
        let (value, _) = json_of(page, None);
        for key in dechaff::Extracted::JSON_FIELDS {
            let v = &value[key];
            let ok = match key {
                "authors" | "tags" | "categories" => {
                    v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
                }
                "page_type" | "text" | "encoding" => v.is_string(),
                "confidence" => v.as_f64().is_some_and(|c| (0.0..=1.0).contains(&c)),
                _ => v.is_string() || v.is_null(),
            };
            assert!(ok, "{key}: {v}");
        }
    }
}
