//! One page as a JSON object: the schema documented in the README
//! ("JSON output"), written by [`Extracted`]'s `Serialize`.
//!
//! The fields are flat (no nesting but the lists), always present and
//! always in the order of [`FIELDS`]; a value the page does not give is
//! `null` (strings) or `[]` (lists), never a missing key, so that a reader
//! can rely on the key set. Adding, removing or renaming a field is a change
//! of schema: `tests/metadata.rs` compares [`FIELDS`] with the README's table
//! and with the keys actually written.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::extractor::Extracted;

/// The keys of the JSON object, in the order they are written.
pub(crate) const FIELDS: [&str; 16] = [
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
    "text",
    "comments",
    "confidence",
    "encoding",
];

/// Writes the fields of `page`, in the order of [`FIELDS`], into `map`.
pub(crate) fn entries<M: SerializeMap>(page: &Extracted, map: &mut M) -> Result<(), M::Error> {
    let meta = &page.metadata;
    map.serialize_entry("title", &page.json_title())?;
    map.serialize_entry("authors", &meta.authors)?;
    map.serialize_entry("published", &meta.published)?;
    map.serialize_entry("modified", &meta.modified)?;
    map.serialize_entry("site_name", &meta.site_name)?;
    map.serialize_entry("description", &meta.description)?;
    map.serialize_entry("canonical_url", &meta.canonical_url)?;
    map.serialize_entry("language", &meta.language)?;
    map.serialize_entry("image", &meta.image)?;
    map.serialize_entry("tags", &meta.tags)?;
    map.serialize_entry("categories", &meta.categories)?;
    map.serialize_entry("page_type", meta.page_type.as_str())?;
    map.serialize_entry("text", &page.text)?;
    map.serialize_entry("comments", &page.comments)?;
    map.serialize_entry("confidence", &rounded(page.confidence))?;
    map.serialize_entry("encoding", page.encoding)
}

/// Digits kept of the confidence: enough to rank pages, and an `f32` printed
/// in full (`0.8999999761581421`) would only look noisy.
const CONFIDENCE_DECIMALS: i32 = 3;

/// `confidence` rounded to [`CONFIDENCE_DECIMALS`], as the JSON number.
fn rounded(confidence: f32) -> f64 {
    let scale = 10f64.powi(CONFIDENCE_DECIMALS);
    (f64::from(confidence) * scale).round() / scale
}

impl Serialize for Extracted {
    /// The page as one JSON object with the fields of
    /// [`Extracted::JSON_FIELDS`] (see the README's "JSON output").
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(FIELDS.len()))?;
        entries(self, &mut map)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Format, Options};

    fn json_of(page: &str) -> serde_json::Value {
        let options = Options {
            format: Format::Json,
            comments: true,
            ..Options::default()
        };
        let page = Extractor::new(options).unwrap().extract(page.as_bytes()).unwrap();
        let out = page.to_json();
        // serde_json's map sorts its keys: check the written order on the text.
        let positions: Vec<usize> = super::FIELDS
            .iter()
            .map(|key| out.find(&format!("\"{key}\":")).expect(key))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
        serde_json::from_str(&out).unwrap()
    }

    #[test]
    fn every_field_is_present_in_order_even_when_empty() {
        let value = json_of("");
        let object = value.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut want = super::FIELDS.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(value["title"], serde_json::Value::Null);
        assert_eq!(value["authors"], serde_json::json!([]));
        assert_eq!(value["comments"], serde_json::Value::Null);
        assert_eq!(value["text"], "");
        assert_eq!(value["page_type"], "other");
    }

    #[test]
    fn confidence_is_rounded_and_metadata_is_flat() {
        let value = json_of(
            "<html lang=en><head><title>Rain - Daily</title><meta name=author content='Ann Lee'>\
             <meta name=keywords content='rain, weather'></head><body><article><h1>Rain</h1>\
             <p>Forecasters said on Monday that heavy rain would fall across the region for the \
             rest of the week, with flooding possible in low-lying areas.</p></article></body></html>",
        );
        assert_eq!(value["title"], "Rain");
        assert_eq!(value["authors"], serde_json::json!(["Ann Lee"]));
        assert_eq!(value["tags"], serde_json::json!(["rain", "weather"]));
        assert_eq!(value["language"], "en");
        assert!(value["text"].as_str().unwrap().starts_with("Rain\n\nForecasters"));
        let confidence = value["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        assert_eq!((confidence * 1000.0).round() / 1000.0, confidence);
    }
}
