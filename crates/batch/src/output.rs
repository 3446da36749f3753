//! Where records go. A [`Sink`] receives every record, in order, on the
//! writer thread: [`JsonLines`] writes one JSON line per page (the batch
//! format), [`Text`] writes only the text (one page on a terminal), [`Dir`]
//! writes one file per page under a directory, mirroring the inputs. Sinks
//! write whole lines or whole files, so an interrupted run leaves intact
//! output.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::PageError;
use crate::record::Record;

/// Receives the records of a run.
pub trait Sink {
    /// Writes one record.
    ///
    /// # Errors
    /// An I/O error stops the run ([`crate::Error::Output`]).
    fn write(&mut self, record: &Record) -> io::Result<()>;

    /// Makes what was written so far visible (called when the writer waits
    /// for pages, and at the end).
    ///
    /// # Errors
    /// As [`Sink::write`].
    fn flush(&mut self) -> io::Result<()>;
}

/// One JSON line per page, see [`Record`] for its fields.
#[derive(Debug)]
pub struct JsonLines<W> {
    out: W,
    describe: fn(&PageError) -> String,
}

impl<W: Write> JsonLines<W> {
    /// Writes to `out` (buffer it: records are written in several pieces).
    /// Errors are worded by their `Display`.
    pub fn new(out: W) -> Self {
        JsonLines {
            out,
            describe: |e| e.to_string(),
        }
    }

    /// Words the `error` field with `describe` instead (the `dechaff` binary
    /// names its flags in the hints).
    pub fn describe_errors(mut self, describe: fn(&PageError) -> String) -> Self {
        self.describe = describe;
        self
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for JsonLines<W> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        record.write_json(&mut self.out, self.describe)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Each page as a document in its format ([`dechaff::Extracted::output`]:
/// the text, with front matter and comments when asked for, or the JSON
/// object), ending with a newline; failed pages, and empty pages in the
/// formats other than JSON, write nothing.
#[derive(Debug)]
pub struct Text<W> {
    out: W,
}

impl<W: Write> Text<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Self {
        Text { out }
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for Text<W> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        let Ok(page) = &record.outcome else { return Ok(()) };
        let document = page.output();
        if document.is_empty() {
            return Ok(());
        }
        self.out.write_all(document.as_bytes())?;
        if !document.ends_with('\n') {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One file per page under a root directory, named by
/// [`crate::Origin::name`] (the input's path made relative, see the naming
/// rules in the crate docs) with the extension of the page's format (`.txt`,
/// `.md`, `.html`, `.json`), holding what [`Text`] writes for the page. A
/// page with no main content gets an empty file (a JSON object in JSON);
/// a failed page gets none, so that a rerun with `skip_existing` retries it.
/// Files are written under a temporary name and renamed, so a file that
/// exists is complete.
#[derive(Debug)]
pub struct Dir {
    root: PathBuf,
}

impl Dir {
    /// Writes under `root` (created as needed).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Dir { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Sink for Dir {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        let Ok(page) = &record.outcome else { return Ok(()) };
        let path = self
            .root
            .join(crate::naming::in_format(&record.origin.name, page.format()));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut partial = path.clone().into_os_string();
        partial.push(".part");
        let partial = PathBuf::from(partial);
        let mut text = page.output();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        fs::write(&partial, text)?;
        fs::rename(&partial, &path)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Origin;

    fn page(text: &str) -> dechaff::Extracted {
        page_in(dechaff::Format::Text, text)
    }

    fn page_in(format: dechaff::Format, text: &str) -> dechaff::Extracted {
        let mut options = dechaff::Options::default();
        options.format = format;
        let extractor = dechaff::Extractor::new(options).unwrap();
        let mut page = extractor.extract(b"<p>x</p>").unwrap();
        page.text = text.into();
        page
    }

    #[test]
    fn dir_files_take_the_extension_of_the_format() {
        let root = tempfile::tempdir().unwrap();
        let mut sink = Dir::new(root.path());
        sink.write(&Record::new(
            named("a.html.txt"),
            Ok(page_in(dechaff::Format::Markdown, "# A")),
        ))
        .unwrap();
        sink.write(&Record::new(
            named("b.html.txt"),
            Ok(page_in(dechaff::Format::Json, "")),
        ))
        .unwrap();
        assert_eq!(
            fs::read_to_string(root.path().join("a.html.md")).unwrap(),
            "# A\n"
        );
        let json = fs::read_to_string(root.path().join("b.html.json")).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["text"], "", "an empty page still has its object");
        assert!(!root.path().join("a.html.txt").exists());
    }

    fn named(name: &str) -> Origin {
        Origin {
            source: name.into(),
            name: name.into(),
            ..Origin::default()
        }
    }

    #[test]
    fn text_writes_only_text_with_a_final_newline() {
        let mut sink = Text::new(Vec::new());
        sink.write(&Record::new(named("a"), Ok(page("one")))).unwrap();
        sink.write(&Record::new(named("b"), Ok(page("")))).unwrap();
        sink.write(&Record::new(named("c"), Err(PageError::TooLarge { limit: 1 })))
            .unwrap();
        sink.write(&Record::new(named("d"), Ok(page("two\n")))).unwrap();
        assert_eq!(sink.into_inner(), b"one\ntwo\n");
    }

    #[test]
    fn dir_writes_one_file_per_page_and_none_for_failures() {
        let root = tempfile::tempdir().unwrap();
        let mut sink = Dir::new(root.path());
        sink.write(&Record::new(named("x/a.html.txt"), Ok(page("alpha"))))
            .unwrap();
        sink.write(&Record::new(named("x/b.html.txt"), Ok(page(""))))
            .unwrap();
        sink.write(&Record::new(named("x/c.html.txt"), Err(PageError::LooksLikeWarc)))
            .unwrap();
        assert_eq!(
            fs::read_to_string(root.path().join("x/a.html.txt")).unwrap(),
            "alpha\n"
        );
        assert_eq!(fs::read_to_string(root.path().join("x/b.html.txt")).unwrap(), "");
        assert!(!root.path().join("x/c.html.txt").exists());
        let names: Vec<_> = fs::read_dir(root.path().join("x"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    }
}
