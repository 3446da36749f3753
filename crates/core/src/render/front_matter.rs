//! The page's metadata as a front-matter block, for `Options::with_metadata`
//! in plain text and Markdown:
//!
//! ```text
//! ---
//! title: "Rain expected all week"
//! authors: ["Ann Smith", "Bo Li"]
//! published: "2024-03-14T08:00:00Z"
//! page_type: "article"
//! ---
//! ```
//!
//! It is YAML, as static site generators and Markdown tools read it: one
//! `key: value` line per field, keys named as in the JSON output, each value
//! written as a JSON string or list of strings (which YAML reads as
//! double-quoted scalars and flow sequences, so no value can break the
//! block). A field the page does not give is left out; `page_type` is always
//! there. A blank line separates the block from the text.

use crate::metadata::Metadata;

/// The line that opens and closes the block.
const FENCE: &str = "---";

/// The block for `meta`, ending with a blank line.
pub(crate) fn front_matter(meta: &Metadata, title: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str(FENCE);
    out.push('\n');
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    let string = |value: &str| serde_json::Value::from(value).to_string();
    let list = |values: &[String]| serde_json::Value::from(values).to_string();
    let fields = [
        ("title", title),
        ("published", meta.published.as_deref()),
        ("modified", meta.modified.as_deref()),
        ("site_name", meta.site_name.as_deref()),
        ("description", meta.description.as_deref()),
        ("canonical_url", meta.canonical_url.as_deref()),
        ("language", meta.language.as_deref()),
        ("image", meta.image.as_deref()),
    ];
    let (head, tail) = fields.split_at(1);
    for (key, value) in head {
        if let Some(value) = value {
            line(key, string(value));
        }
    }
    if !meta.authors.is_empty() {
        line("authors", list(&meta.authors));
    }
    for (key, value) in tail {
        if let Some(value) = value {
            line(key, string(value));
        }
    }
    for (key, values) in [("tags", &meta.tags), ("categories", &meta.categories)] {
        if !values.is_empty() {
            line(key, list(values));
        }
    }
    line("page_type", string(meta.page_type.as_str()));
    out.push_str(FENCE);
    out.push_str("\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_missing_ones_left_out() {
        let meta = Metadata {
            authors: vec!["Ann \"Nan\" Lee".into(), "Bo Li".into()],
            published: Some("2021-03-14".into()),
            description: Some("Two\nlines: with # and ---".into()),
            tags: vec!["a".into()],
            ..Metadata::default()
        };
        assert_eq!(
            front_matter(&meta, Some("Title: sub")),
            "---\ntitle: \"Title: sub\"\nauthors: [\"Ann \\\"Nan\\\" Lee\",\"Bo Li\"]\n\
             published: \"2021-03-14\"\ndescription: \"Two\\nlines: with # and ---\"\n\
             tags: [\"a\"]\npage_type: \"other\"\n---\n\n"
        );
        assert_eq!(
            front_matter(&Metadata::default(), None),
            "---\npage_type: \"other\"\n---\n\n"
        );
    }
}
