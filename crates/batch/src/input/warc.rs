//! Reads WARC archives (ISO 28500, as written by Common Crawl, wget and
//! Heritrix): every `response` record whose HTTP payload is an HTML page
//! becomes a page with the record's `WARC-Target-URI`, `WARC-Record-ID` and
//! HTTP charset; other records (request, metadata, warcinfo, images, errors,
//! redirects) are skipped and counted.
//!
//! This is a small reader of our own rather than the `warc` crate (0.4),
//! which we evaluated first. It did not fit: its iterators return `None`
//! (end of archive, silently) when the archive ends inside a record header,
//! so a truncated record would vanish instead of being reported; it reads
//! every header block without a size limit; it decompresses with a second
//! gzip library (libflate) next to the flate2 we already use, and pulls in
//! chrono, nom 7, url and uuid 0.8 for what takes a page of code here; and
//! its `from_path` opens files with `create(true)`, so a mistyped path
//! creates an empty file. This reader streams (one record in memory at a
//! time, bounded by the page limit), skips the bodies of records it does not
//! want without buffering them, and turns any truncation into a failed page.
//! Decompression is the same multi-member gzip stream as for any input
//! ([`super::gzip`]), which reads Common Crawl's one-member-per-record files.

use std::io::{self, BufRead, Read};
use std::path::Path;

use crate::error::PageError;
use crate::feed::Feed;
use crate::input::gzip::Opened;
use crate::input::{http, send_failed, Inputs};
use crate::naming;
use crate::page::{Origin, Page};

/// Largest WARC header block accepted.
const MAX_HEADER: u64 = 1 << 20;
/// Room for the HTTP status line and headers on top of the page limit.
const HTTP_HEAD_ALLOWANCE: u64 = 1 << 20;

/// The WARC header fields that matter.
#[derive(Debug, Default)]
struct Header {
    warc_type: String,
    length: Option<u64>,
    record_id: Option<String>,
    target_uri: Option<String>,
}

/// Why a header could not be read.
enum HeaderError {
    Io(io::Error),
    Malformed(String),
}

/// Reads every record of an archive; `false` when the run is stopping.
pub(crate) fn read(
    opened: &mut Opened,
    source: &str,
    base: &Path,
    inputs: &Inputs,
    feed: &mut Feed<'_>,
) -> bool {
    let cap = u64::try_from(inputs.max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(HTTP_HEAD_ALLOWANCE);
    let mut ordinal = 0u64;
    loop {
        if feed.stopping() {
            return false;
        }
        let header = read_header(&mut opened.reader);
        ordinal += 1;
        let mut origin = Origin {
            source: source.to_string(),
            name: naming::record(base, ordinal),
            ..Origin::default()
        };
        let (header, length) = match header {
            Ok(None) => return true,
            Ok(Some(header)) => match header.length {
                Some(length) => (header, length),
                None => {
                    let error = PageError::Malformed("WARC record without a Content-Length header".into());
                    origin.record_id = header.record_id;
                    return send_failed(feed, origin, error);
                }
            },
            Err(HeaderError::Io(error)) => return send_failed(feed, origin, opened.read_error(error)),
            Err(HeaderError::Malformed(message)) => {
                return send_failed(feed, origin, PageError::Malformed(message))
            }
        };
        origin.record_id = header.record_id;
        origin.url = header.target_uri;

        let wanted = header.warc_type == "response" && !feed.already_done(&origin.name);
        if !wanted || length > cap {
            if let Err(error) = skip(&mut opened.reader, length) {
                let error = truncation(opened, error);
                return send_failed(feed, origin, error);
            }
            if !wanted {
                if header.warc_type != "response" {
                    feed.skip();
                }
                continue;
            }
            if !send_failed(
                feed,
                origin,
                PageError::TooLarge {
                    limit: inputs.max_bytes,
                },
            ) {
                return false;
            }
            continue;
        }

        let Some(slot) = feed.reserve() else { return false };
        let mut record = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        if let Err(error) = (&mut opened.reader).take(length).read_to_end(&mut record) {
            let error = truncation(opened, error);
            return slot.send(Page::failed(origin, error));
        }
        if (record.len() as u64) < length {
            let error = PageError::Malformed(format!(
                "truncated WARC record: the archive ends after {} of its {length} bytes",
                record.len()
            ));
            return slot.send(Page::failed(origin, error));
        }
        let page = match http::parse(&record) {
            Err(error) => Page::failed(origin, error),
            Ok(response) if !response.is_html_page() => {
                drop(slot);
                feed.skip();
                continue;
            }
            Ok(response) => Page {
                origin,
                charset: response.charset.clone(),
                body: response.payload(inputs.max_bytes),
            },
        };
        drop(record);
        if !slot.send(page) {
            return false;
        }
    }
}

/// A read error inside a record: the archive is cut or its gzip is broken.
fn truncation(opened: &Opened, error: io::Error) -> PageError {
    if error.kind() == io::ErrorKind::UnexpectedEof {
        PageError::Malformed("truncated WARC record: the archive ends inside it".into())
    } else {
        opened.read_error(error)
    }
}

/// Skips `length` bytes of a record body without keeping them.
fn skip(reader: &mut dyn BufRead, length: u64) -> io::Result<()> {
    let skipped = io::copy(&mut reader.take(length), &mut io::sink())?;
    if skipped < length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(())
}

/// Reads the next record's header block; `None` at the end of the archive.
/// Blank lines between records (the `\r\n\r\n` after each body) are skipped.
fn read_header(reader: &mut dyn BufRead) -> Result<Option<Header>, HeaderError> {
    let mut line = Vec::new();
    let mut read_line = |line: &mut Vec<u8>| -> Result<usize, HeaderError> {
        line.clear();
        reader
            .take(MAX_HEADER)
            .read_until(b'\n', line)
            .map_err(HeaderError::Io)
    };
    loop {
        if read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
        return Err(HeaderError::Malformed(format!(
            "expected a WARC record header, found {shown:?}"
        )));
    }
    let mut header = Header::default();
    let mut size = line.len() as u64;
    loop {
        let read = read_line(&mut line)?;
        if read == 0 {
            return Err(HeaderError::Malformed(
                "truncated WARC record: the archive ends inside its header".into(),
            ));
        }
        size += read as u64;
        if size > MAX_HEADER {
            return Err(HeaderError::Malformed(format!(
                "WARC header block over {MAX_HEADER} bytes"
            )));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(Some(header));
        }
        let Some((name, value)) = text.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => header.warc_type = value.to_ascii_lowercase(),
            "content-length" => {
                header.length = Some(value.parse().map_err(|_| {
                    HeaderError::Malformed(format!("WARC Content-Length {value:?} is not a number"))
                })?);
            }
            "warc-record-id" => header.record_id = Some(value.to_string()),
            "warc-target-uri" => {
                header.target_uri = Some(value.trim_start_matches('<').trim_end_matches('>').to_string());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::feed::{Job, Signals};
    use crate::window::Window;
    use std::io::Cursor;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    /// One WARC record with the given type, headers and block.
    pub(crate) fn record(warc_type: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={warc_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response message.
    pub(crate) fn http(content_type: &str, body: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    /// Reads an archive given as bytes; returns the pages and the skip count.
    fn read_all(archive: Vec<u8>, max_bytes: usize) -> (Vec<Page>, u64) {
        let window = Window::new(1000, usize::MAX);
        let (stop, abort, skipped) = (AtomicBool::new(false), AtomicBool::new(false), AtomicU64::new(0));
        let (tx, rx) = crossbeam_channel::unbounded::<Job>();
        let signals = Signals {
            stop: &stop,
            abort: &abort,
            skipped: &skipped,
        };
        let mut feed = Feed::new(tx, &window, signals, None);
        let inputs = Inputs {
            max_bytes,
            ..Inputs::default()
        };
        let mut opened = crate::input::gzip::open_reader(Cursor::new(archive)).unwrap();
        assert!(read(
            &mut opened,
            "a.warc",
            Path::new("a.warc"),
            &inputs,
            &mut feed
        ));
        drop(feed);
        (
            rx.iter().map(|job| job.page).collect(),
            skipped.load(Ordering::Relaxed),
        )
    }

    #[test]
    fn response_records_with_html_become_pages() {
        let mut archive = record("warcinfo", "0", "", b"software: test\r\n");
        archive.extend(record(
            "request",
            "1",
            "https://e.org/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        archive.extend(record(
            "response",
            "2",
            "https://e.org/a",
            &http("text/html; charset=iso-8859-1", "<p>A</p>"),
        ));
        archive.extend(record("metadata", "3", "https://e.org/a", b"fetchTimeMs: 3\r\n"));
        archive.extend(record(
            "response",
            "4",
            "<https://e.org/i.png>",
            &http("image/png", "PNG"),
        ));
        archive.extend(record(
            "response",
            "5",
            "https://e.org/b",
            &http("text/html", "<p>B</p>"),
        ));
        let (pages, skipped) = read_all(archive, 1 << 20);
        assert_eq!(skipped, 4);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].origin.record_id.as_deref(), Some("<urn:uuid:2>"));
        assert_eq!(pages[0].origin.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(pages[0].origin.name, Path::new("a.warc/000003.txt"));
        assert_eq!(pages[0].charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(pages[0].body.as_ref().unwrap(), b"<p>A</p>");
        assert_eq!(pages[1].body.as_ref().unwrap(), b"<p>B</p>");
    }

    #[test]
    fn gzip_member_per_record_is_read() {
        let mut archive = Vec::new();
        for (id, text) in [("1", "one"), ("2", "two"), ("3", "three")] {
            let rec = record(
                "response",
                id,
                "https://e.org/",
                &http("text/html", &format!("<p>{text}</p>")),
            );
            archive.extend(crate::input::gzip::tests::gz(&rec));
        }
        let (pages, _) = read_all(archive, 1 << 20);
        let bodies: Vec<_> = pages.iter().map(|p| p.body.as_ref().unwrap().clone()).collect();
        assert_eq!(
            bodies,
            [
                b"<p>one</p>".to_vec(),
                b"<p>two</p>".to_vec(),
                b"<p>three</p>".to_vec()
            ]
        );
    }

    #[test]
    fn truncated_last_record_is_a_failed_page() {
        let mut archive = record(
            "response",
            "1",
            "https://e.org/1",
            &http("text/html", "<p>whole</p>"),
        );
        let cut = record(
            "response",
            "2",
            "https://e.org/2",
            &http("text/html", &"<p>cut</p>".repeat(50)),
        );
        archive.extend(&cut[..cut.len() - 100]);
        let (pages, _) = read_all(archive.clone(), 1 << 20);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].body.is_ok());
        assert_eq!(pages[1].origin.record_id.as_deref(), Some("<urn:uuid:2>"));
        let error = pages[1].body.as_ref().unwrap_err().to_string();
        assert!(error.contains("truncated WARC record"), "{error}");

        let gz = crate::input::gzip::tests::gz(&archive);
        let (pages, _) = read_all(gz[..gz.len() - 30].to_vec(), 1 << 20);
        assert_eq!(pages.len(), 2, "a cut gzip stream loses no page silently");
        assert!(pages[1].body.is_err());
    }

    #[test]
    fn truncated_header_is_a_failed_page() {
        let mut archive = record(
            "response",
            "1",
            "https://e.org/1",
            &http("text/html", "<p>whole</p>"),
        );
        archive.extend(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Rec");
        let (pages, _) = read_all(archive, 1 << 20);
        assert_eq!(pages.len(), 2);
        assert!(pages[1]
            .body
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("inside its header"));
    }

    #[test]
    fn oversized_record_is_skipped_as_failed_and_reading_goes_on() {
        let mut archive = record(
            "response",
            "1",
            "https://e.org/1",
            &http("text/html", &"x".repeat(5000)),
        );
        archive.extend(record(
            "response",
            "2",
            "https://e.org/2",
            &http("text/html", "<p>small</p>"),
        ));
        let (pages, _) = read_all(archive, 100);
        assert!(matches!(pages[0].body, Err(PageError::TooLarge { limit: 100 })));
        assert_eq!(pages[1].body.as_ref().unwrap(), b"<p>small</p>");
    }

    #[test]
    fn garbage_is_a_failed_page() {
        let (pages, skipped) = read_all(
            b"WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\nnot a record\r\n".to_vec(),
            100,
        );
        assert_eq!(skipped, 1, "the untyped record");
        assert_eq!(pages.len(), 1, "the garbage");
        assert!(pages[0]
            .body
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("expected a WARC record header"));
    }
}
