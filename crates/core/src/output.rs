//! A page as a whole document: what the `dechaff` command prints for it and
//! writes under `--output-dir`, in the page's [`Format`].
//!
//! - [`Format::Json`]: the JSON object of the README's schema;
//! - [`Format::Text`] and [`Format::Markdown`]: the front matter when
//!   [`crate::Options::with_metadata`] is set, then the main text, then,
//!   when [`crate::Options::comments`] found a comment thread, the comments
//!   after a separator line that cannot be mistaken for text:
//!   [`TEXT_COMMENTS_SEPARATOR`] or [`MARKDOWN_COMMENTS_SEPARATOR`];
//! - [`Format::Html`]: the main content, then the comments after
//!   [`HTML_COMMENTS_SEPARATOR`].

use crate::extractor::Extracted;
use crate::options::Format;
use crate::render::{front_matter, json};

/// Between the main text and the comments in plain text: a line of its own,
/// with a blank line on each side.
pub const TEXT_COMMENTS_SEPARATOR: &str = "\n\n----- comments -----\n\n";

/// Between the main text and the comments in Markdown: a thematic break and
/// a `Comments` heading (the blank line before the break keeps it from
/// turning the last paragraph into a heading).
pub const MARKDOWN_COMMENTS_SEPARATOR: &str = "\n\n---\n\n## Comments\n\n";

/// Between the main content and the comments in HTML.
pub const HTML_COMMENTS_SEPARATOR: &str = "\n<hr>\n<h2>Comments</h2>\n";

impl Extracted {
    /// The keys of the JSON object ([`Format::Json`], `serde_json` on an
    /// `Extracted`), in the order they are written. Every key is always
    /// present; the README's "JSON output" section describes each one.
    pub const JSON_FIELDS: [&'static str; 16] = json::FIELDS;

    /// The format [`Extracted::text`] and [`Extracted::comments`] are in
    /// ([`Format::Text`] for [`Format::Json`]), as set in
    /// [`crate::Options::format`]: the format of [`Extracted::output`].
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes the fields of the JSON object (in the order of
    /// [`Extracted::JSON_FIELDS`]) into a map being serialized, for callers
    /// that put fields of their own around them (`dechaff-batch` adds where
    /// the page came from).
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize_entries<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        json::entries(self, map)
    }

    /// The page as one JSON object on one line (see
    /// [`Extracted::JSON_FIELDS`]), whatever the format.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The page as a document in its [`Extracted::format`], as the `dechaff`
    /// command prints it (see the module's rules above); empty for a page
    /// without main content or comments, except in [`Format::Json`], which
    /// always gives the object (indented, for people reading it).
    ///
    /// ```
    /// let mut options = dechaff::Options::default();
    /// options.format = dechaff::Format::Markdown;
    /// options.with_metadata = true;
    /// let extractor = dechaff::Extractor::new(options)?;
    /// let page = b"<html lang=en><head><title>Rain - Daily</title>
    ///   <meta property='article:published_time' content='2024-03-14'></head>
    ///   <body><article><h1>Rain</h1><p>Forecasters said on Monday that heavy rain would fall
    ///   across the region for the rest of the week.</p></article></body></html>";
    /// let out = extractor.extract(page)?.output();
    /// assert!(out.starts_with("---\ntitle: \"Rain\"\npublished: \"2024-03-14\"\n"));
    /// assert!(out.contains("---\n\n# Rain\n\nForecasters said"));
    /// # Ok::<(), dechaff::Error>(())
    /// ```
    pub fn output(&self) -> String {
        if self.format == Format::Json {
            return serde_json::to_string_pretty(self).unwrap_or_default();
        }
        let comments = self.comments.as_deref().filter(|c| !c.is_empty());
        if self.text.is_empty() && comments.is_none() {
            return String::new();
        }
        let mut out = String::new();
        if self.with_metadata && matches!(self.format, Format::Text | Format::Markdown) {
            out.push_str(&front_matter::front_matter(&self.metadata, self.json_title()));
        }
        out.push_str(&self.text);
        if let Some(comments) = comments {
            let separator = match self.format {
                Format::Markdown => MARKDOWN_COMMENTS_SEPARATOR,
                Format::Html => HTML_COMMENTS_SEPARATOR,
                Format::Text | Format::Json => TEXT_COMMENTS_SEPARATOR,
            };
            let separator = if self.text.is_empty() {
                separator.trim_start()
            } else {
                separator
            };
            out.push_str(separator);
            out.push_str(comments);
        }
        out
    }

    /// The title of the JSON object and the front matter: the metadata's,
    /// else the headline the extractor found.
    pub(crate) fn json_title(&self) -> Option<&str> {
        self.metadata
            .title
            .as_deref()
            .or_else(|| Some(self.title.as_str()).filter(|t| !t.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Format, Options};

    const PAGE: &str = "<html lang=en><head><title>Rain - Daily</title></head><body><article><h1>Rain</h1>\
        <p>Forecasters said on Monday that heavy rain would fall across the region for the rest of \
        the week, with flooding possible in low-lying areas.</p>\
        <p>Residents were advised to avoid travel where they could and to keep up to date.</p></article>\
        <section id=comments><h2>3 comments</h2><ol>\
        <li class=comment><p class=comment-author>Bob</p><p>I hope it stops soon, my garden is flooded \
        already and the river is rising fast.</p></li>\
        <li class=comment><p class=comment-author>Eve</p><p>Same here, the whole street was under \
        water on Sunday night and nobody came to help.</p></li></ol></section></body></html>";

    fn output(format: Format, comments: bool, with_metadata: bool) -> String {
        let options = Options {
            format,
            comments,
            with_metadata,
            ..Options::default()
        };
        let page = Extractor::new(options).unwrap().extract(PAGE.as_bytes()).unwrap();
        assert_eq!(page.format(), format);
        page.output()
    }

    #[test]
    fn plain_output_is_the_text() {
        let out = output(Format::Text, false, false);
        assert!(out.starts_with("Rain\n\nForecasters"), "{out}");
        assert!(!out.contains("garden"), "{out}");
    }

    #[test]
    fn comments_follow_the_separator() {
        let text = output(Format::Text, true, false);
        let (main, comments) = text.split_once(super::TEXT_COMMENTS_SEPARATOR).expect(&text);
        assert!(main.contains("Forecasters") && !main.contains("garden"), "{text}");
        assert!(comments.contains("my garden is flooded"), "{text}");
        let md = output(Format::Markdown, true, false);
        let (main, comments) = md.split_once(super::MARKDOWN_COMMENTS_SEPARATOR).expect(&md);
        assert!(main.starts_with("# Rain") && comments.contains("garden"), "{md}");
    }

    #[test]
    fn front_matter_only_in_text_and_markdown() {
        for format in [Format::Text, Format::Markdown] {
            let out = output(format, false, true);
            assert!(
                out.starts_with("---\ntitle: \"Rain\"\nlanguage: \"en\"\n"),
                "{out}"
            );
        }
        assert!(output(Format::Html, false, true).starts_with("<h1>Rain</h1>"));
    }

    #[test]
    fn json_output_is_one_object_with_comments_apart() {
        let out = output(Format::Json, true, true);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(value["text"].as_str().unwrap().starts_with("Rain\n\nForecasters"));
        assert!(!value["text"].as_str().unwrap().contains("garden"));
        assert!(value["comments"].as_str().unwrap().contains("garden"));
        let empty = Extractor::new(Options {
            format: Format::Json,
            ..Options::default()
        })
        .unwrap()
        .extract(b"")
        .unwrap();
        assert!(empty.output().starts_with('{'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&empty.to_json()).unwrap(),
            serde_json::from_str::<serde_json::Value>(&empty.output()).unwrap()
        );
    }
}
