//! The output of one page: its [`Origin`] and either what the extractor found
//! or why it failed, and how it is written as one JSON line (serialized in
//! place, without copying the text).

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::PageError;
use crate::page::Origin;

/// One page's result. [`crate::output::JsonLines`] writes it as one line:
///
/// ```json
/// {"source":"crawl/a.warc.gz","record_id":"<urn:uuid:…>","url":"https://…","title":"…","text":"…","confidence":0.91}
/// {"source":"crawl/b.html","url":null,"error":"page is larger than the limit of 1048576 bytes"}
/// ```
///
/// `record_id` appears only for WARC records; a JSON-lines id field is
/// passed through under its own name right after `source`; `url` is `null`
/// when unknown; `comments` appears when the extractor was asked for them
/// ([`dechaff::Options::comments`]) and the page has a comment thread; a
/// failed page has `error` instead of `title`, `text` and `confidence`.
///
/// With [`dechaff::Format::Json`], a page's line holds every field of the
/// JSON schema ([`dechaff::Extracted::JSON_FIELDS`]: the metadata, `text`,
/// `comments`, `confidence`, `encoding`) after `source`, the id field,
/// `record_id` and `url`; a failed page's line is the same as in the other
/// formats.
#[derive(Debug)]
#[non_exhaustive]
pub struct Record {
    /// Where the page came from.
    pub origin: Origin,
    /// What the extractor found, or why the page failed.
    pub outcome: Result<dechaff::Extracted, PageError>,
}

/// How a record counts in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Main text found.
    Ok,
    /// Extracted fine, but the page has no main content.
    Empty,
    /// The page failed: its record carries the error.
    Failed,
}

impl Record {
    /// The keys a JSON line may have besides a passed-through id field and
    /// the fields of [`dechaff::Extracted::JSON_FIELDS`] (with
    /// [`dechaff::Format::Json`]); an id field must be named like none of
    /// them ([`Record::is_field`]).
    pub const FIELDS: [&'static str; 5] = ["source", "record_id", "url", "error", "comments"];

    /// True when `name` is a key of the JSON lines (in any format), which a
    /// passed-through id field must not shadow.
    pub fn is_field(name: &str) -> bool {
        Record::FIELDS.contains(&name) || dechaff::Extracted::JSON_FIELDS.contains(&name)
    }

    /// Builds a record (for tests and for sinks of other crates).
    pub fn new(origin: Origin, outcome: Result<dechaff::Extracted, PageError>) -> Self {
        Record { origin, outcome }
    }

    /// Ok, empty or failed.
    pub fn status(&self) -> Status {
        match &self.outcome {
            Ok(page) if page.text.trim().is_empty() => Status::Empty,
            Ok(_) => Status::Ok,
            Err(_) => Status::Failed,
        }
    }

    /// Writes the record as one JSON line (with its `\n`), wording an error
    /// with `describe`.
    pub fn write_json(&self, out: &mut dyn Write, describe: fn(&PageError) -> String) -> io::Result<()> {
        serde_json::to_writer(
            &mut *out,
            &JsonLine {
                record: self,
                describe,
            },
        )?;
        out.write_all(b"\n")
    }
}

/// Serializes a record without copying its text.
struct JsonLine<'a> {
    record: &'a Record,
    describe: fn(&PageError) -> String,
}

impl Serialize for JsonLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let origin = &self.record.origin;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("source", &origin.source)?;
        if let Some((field, value)) = &origin.id {
            map.serialize_entry(field, value)?;
        }
        if let Some(id) = &origin.record_id {
            map.serialize_entry("record_id", id)?;
        }
        map.serialize_entry("url", &origin.url)?;
        match &self.record.outcome {
            Ok(page) if page.format() == dechaff::Format::Json => page.serialize_entries(&mut map)?,
            Ok(page) => {
                map.serialize_entry("title", &page.title)?;
                map.serialize_entry("text", &page.text)?;
                if let Some(comments) = &page.comments {
                    map.serialize_entry("comments", comments)?;
                }
                map.serialize_entry("confidence", &page.confidence)?;
            }
            Err(error) => map.serialize_entry("error", &(self.describe)(error))?,
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(record: &Record) -> serde_json::Value {
        let mut out = Vec::new();
        record.write_json(&mut out, |e| e.to_string()).unwrap();
        assert!(out.ends_with(b"\n"));
        assert_eq!(
            out.iter().filter(|&&b| b == b'\n').count(),
            1,
            "one line per record"
        );
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn failed_record_has_error_and_no_text() {
        let origin = Origin {
            source: "a.warc.gz".into(),
            record_id: Some("<urn:x>".into()),
            url: Some("https://e.org/".into()),
            id: Some(("doc".into(), serde_json::json!(42))),
            ..Origin::default()
        };
        let value = json(&Record::new(origin, Err(PageError::TooLarge { limit: 10 })));
        assert_eq!(
            value,
            serde_json::json!({
                "source": "a.warc.gz", "doc": 42, "record_id": "<urn:x>",
                "url": "https://e.org/", "error": "page is larger than the limit of 10 bytes"
            })
        );
    }

    #[test]
    fn ok_record_has_text_title_confidence() {
        let extractor = dechaff::Extractor::new(dechaff::Options::default()).unwrap();
        let page = extractor
            .extract(b"<title>T</title><p>Line one\nwith \"quotes\" and more words in it.</p>")
            .unwrap();
        let origin = Origin {
            source: "p.html".into(),
            ..Origin::default()
        };
        let value = json(&Record::new(origin, Ok(page.clone())));
        assert_eq!(value["source"], "p.html");
        assert_eq!(value["url"], serde_json::Value::Null);
        assert_eq!(value["text"], page.text.as_str());
        assert!(value.get("error").is_none());
        assert!(value.get("record_id").is_none());
        assert!(value.get("comments").is_none(), "comments were not asked for");
    }

    #[test]
    fn json_format_records_carry_the_whole_schema_after_the_origin() {
        let mut options = dechaff::Options::default();
        options.format = dechaff::Format::Json;
        let extractor = dechaff::Extractor::new(options).unwrap();
        let page = extractor
            .extract(b"<html lang=en><title>T</title><p>Line one with more words in it, and a comma.</p>")
            .unwrap();
        let origin = Origin {
            source: "p.html".into(),
            id: Some(("doc".into(), serde_json::json!("d1"))),
            url: Some("https://e.org/p".into()),
            ..Origin::default()
        };
        let mut out = Vec::new();
        Record::new(origin, Ok(page.clone()))
            .write_json(&mut out, |e| e.to_string())
            .unwrap();
        let line = String::from_utf8(out).unwrap();
        let value: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line).unwrap();
        let mut want = vec!["source", "doc", "url"];
        want.extend(dechaff::Extracted::JSON_FIELDS);
        assert_eq!(value.len(), want.len(), "{line}");
        // The map sorts its keys: check the written order on the line.
        let positions: Vec<usize> = want
            .iter()
            .map(|key| line.find(&format!("\"{key}\":")).expect(key))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{line}");
        assert_eq!(value["language"], "en");
        assert_eq!(value["text"], page.text.as_str());
        assert!(Record::is_field("language") && Record::is_field("source") && !Record::is_field("doc"));
    }
}
