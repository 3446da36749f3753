//! Reads JSON lines, one page per line, so that dechaff can be the mapper of
//! Spark's `RDD.pipe`, Hadoop Streaming or Ray: each line is an object whose
//! HTML field holds the page, with an optional URL field and an id field that
//! is passed through to the output record. A line that is not JSON, lacks the
//! HTML field, or is too long becomes a failed page; blank lines are ignored.
//!
//! The HTML arrives as a JSON string, already Unicode: it is handed to the
//! extractor with the charset `utf-8`, so that a `<meta charset>` left in the
//! page from its original encoding does not garble it.

use std::io::{self, BufRead};
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::PageError;
use crate::feed::Feed;
use crate::input::gzip::Opened;
use crate::input::Inputs;
use crate::naming;
use crate::page::{Origin, Page};

/// Room for JSON escapes and the other fields on top of the page limit.
const LINE_ALLOWANCE: usize = 1 << 20;

/// What reading one line gave.
enum Line {
    End,
    Complete,
    TooLong,
}

/// Reads every line; `false` when the run is stopping.
pub(crate) fn read(
    opened: &mut Opened,
    source: &str,
    base: &Path,
    inputs: &Inputs,
    feed: &mut Feed<'_>,
) -> bool {
    // JSON escapes may double the HTML's size (`"` → `\"`), more for `\u00XX`.
    let limit = inputs.max_bytes.saturating_mul(2).saturating_add(LINE_ALLOWANCE);
    let mut buffer = Vec::new();
    let mut number = 0u64;
    loop {
        let Some(slot) = feed.reserve() else { return false };
        let line = read_line(&mut *opened.reader, &mut buffer, limit);
        number += 1;
        let mut origin = Origin {
            source: format!("{source}:{number}"),
            name: naming::record(base, number),
            ..Origin::default()
        };
        let page = match line {
            Ok(Line::End) => return true,
            Err(error) => {
                let error = opened.read_error(error);
                return slot.send(Page::failed(origin, error));
            }
            Ok(Line::TooLong) => Page::failed(
                origin,
                PageError::TooLarge {
                    limit: inputs.max_bytes,
                },
            ),
            Ok(Line::Complete) if buffer.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Complete) => match serde_json::from_slice::<Map<String, Value>>(&buffer) {
                Err(error) => Page::failed(
                    origin,
                    PageError::Malformed(format!("line is not a JSON object: {error}")),
                ),
                Ok(mut object) => {
                    let fields = &inputs.jsonl;
                    if let Some(field) = &fields.id {
                        let id = object.remove(field).unwrap_or(Value::Null);
                        if let Some(name) = naming::for_id(base, &id) {
                            origin.name = name;
                        }
                        origin.id = Some((field.clone(), id));
                    }
                    origin.url = fields
                        .url
                        .as_ref()
                        .and_then(|f| object.get(f))
                        .and_then(Value::as_str)
                        .map(String::from);
                    if slot.already_done(&origin.name) {
                        continue;
                    }
                    match object.remove(&fields.html) {
                        Some(Value::String(html)) if html.len() > inputs.max_bytes => Page::failed(
                            origin,
                            PageError::TooLarge {
                                limit: inputs.max_bytes,
                            },
                        ),
                        Some(Value::String(html)) => Page {
                            origin,
                            charset: Some("utf-8".into()),
                            body: Ok(html.into_bytes()),
                        },
                        Some(_) => Page::failed(
                            origin,
                            PageError::Malformed(format!("the {:?} field is not a string", fields.html)),
                        ),
                        None => Page::failed(
                            origin,
                            PageError::Malformed(format!("no {:?} field", fields.html)),
                        ),
                    }
                }
            },
        };
        if !slot.send(page) {
            return false;
        }
    }
}

/// Reads one line (without its `\n`) into `buffer`, at most `limit` bytes; a
/// longer line is consumed up to its end and reported as too long.
fn read_line(reader: &mut dyn BufRead, buffer: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buffer.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i)),
            None => (available, None),
        };
        if !too_long && buffer.len() + chunk.len() <= limit {
            buffer.extend_from_slice(chunk);
        } else {
            too_long = true;
            buffer.clear();
        }
        let used = found.map_or(chunk.len(), |i| i + 1);
        reader.consume(used);
        if found.is_some() {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Complete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{Job, Signals};
    use crate::window::Window;
    use std::io::Cursor;
    use std::sync::atomic::{AtomicBool, AtomicU64};

    fn read_all(text: &str, inputs: &Inputs) -> Vec<Page> {
        let window = Window::new(1000, usize::MAX);
        let (stop, abort, skipped) = (AtomicBool::new(false), AtomicBool::new(false), AtomicU64::new(0));
        let (tx, rx) = crossbeam_channel::unbounded::<Job>();
        let mut feed = Feed::new(
            tx,
            &window,
            Signals {
                stop: &stop,
                abort: &abort,
                skipped: &skipped,
            },
            None,
        );
        let mut opened = crate::input::gzip::open_reader(Cursor::new(text.as_bytes().to_vec())).unwrap();
        assert!(read(&mut opened, "-", Path::new("stdin"), inputs, &mut feed));
        drop(feed);
        rx.iter().map(|job| job.page).collect()
    }

    #[test]
    fn lines_become_pages_with_url_and_id() {
        let mut inputs = Inputs::default();
        inputs.jsonl.id = Some("doc".into());
        let text = "{\"doc\":\"a/1\",\"url\":\"https://e.org/1\",\"html\":\"<p>one</p>\"}\n\n{\"doc\":2,\"html\":\"<p>two</p>\"}";
        let pages = read_all(text, &inputs);
        assert_eq!(pages.len(), 2, "the blank line is not a page");
        assert_eq!(pages[0].origin.source, "-:1");
        assert_eq!(pages[0].origin.url.as_deref(), Some("https://e.org/1"));
        assert_eq!(pages[0].origin.id, Some(("doc".into(), serde_json::json!("a/1"))));
        assert_eq!(pages[0].origin.name, Path::new("stdin/a_1.txt"));
        assert_eq!(pages[0].charset.as_deref(), Some("utf-8"));
        assert_eq!(pages[0].body.as_ref().unwrap(), b"<p>one</p>");
        assert_eq!(pages[1].origin.source, "-:3");
        assert_eq!(pages[1].origin.url, None);
        assert_eq!(pages[1].body.as_ref().unwrap(), b"<p>two</p>");
    }

    #[test]
    fn bad_lines_are_failed_pages() {
        let mut inputs = Inputs {
            max_bytes: 100,
            ..Inputs::default()
        };
        inputs.jsonl.id = Some("id".into());
        let long = "x".repeat(3_000_000);
        let text = format!(
            "not json\n{{\"id\":1}}\n{{\"id\":2,\"html\":7}}\n{{\"id\":3,\"html\":\"{long}\"}}\n{{\"id\":4,\"html\":\"<p>ok</p>\"}}\n"
        );
        let pages = read_all(&text, &inputs);
        assert_eq!(pages.len(), 5);
        let errors: Vec<String> = pages
            .iter()
            .map(|p| p.body.as_ref().err().map(ToString::to_string).unwrap_or_default())
            .collect();
        assert!(errors[0].contains("not a JSON object"), "{}", errors[0]);
        assert_eq!(errors[1], "no \"html\" field");
        assert_eq!(errors[2], "the \"html\" field is not a string");
        assert!(errors[3].contains("limit of 100 bytes"), "{}", errors[3]);
        assert_eq!(errors[4], "");
        assert_eq!(pages[4].origin.id, Some(("id".into(), serde_json::json!(4))));
        assert_eq!(pages[4].origin.source, "-:5");
    }

    #[test]
    fn read_line_handles_limits_and_missing_final_newline() {
        let mut reader = Cursor::new(b"abc\ndefghij\nxy".to_vec());
        let mut buffer = Vec::new();
        assert!(matches!(
            read_line(&mut reader, &mut buffer, 5).unwrap(),
            Line::Complete
        ));
        assert_eq!(buffer, b"abc");
        assert!(matches!(
            read_line(&mut reader, &mut buffer, 5).unwrap(),
            Line::TooLong
        ));
        assert!(matches!(
            read_line(&mut reader, &mut buffer, 5).unwrap(),
            Line::Complete
        ));
        assert_eq!(buffer, b"xy");
        assert!(matches!(
            read_line(&mut reader, &mut buffer, 5).unwrap(),
            Line::End
        ));
    }
}
