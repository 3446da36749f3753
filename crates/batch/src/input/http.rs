//! The HTTP response inside a WARC `response` record: status line, headers,
//! then the payload, dechunked and decompressed when the headers say so. The
//! parser is lenient on purpose (crawled headers are messy: bare `\n`, folded
//! lines, odd bytes), unlike a server-side parser such as `httparse` that must
//! reject them; it only needs the status, `Content-Type`,
//! `Transfer-Encoding` and `Content-Encoding`.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::error::PageError;

/// Media types read as pages.
const HTML_TYPES: [&str; 2] = ["text/html", "application/xhtml+xml"];

/// A parsed HTTP response.
#[derive(Debug)]
pub(crate) struct Response<'a> {
    /// Status code (200, 404, …).
    pub status: u16,
    /// Media type, lower case, without parameters (`text/html`).
    pub media_type: Option<String>,
    /// The `charset` parameter, when it names an encoding dechaff knows.
    pub charset: Option<String>,
    transfer_encoding: Option<String>,
    content_encoding: Option<String>,
    body: &'a [u8],
}

impl Response<'_> {
    /// A successful response whose payload is an HTML page.
    pub fn is_html_page(&self) -> bool {
        (200..300).contains(&self.status)
            && self
                .media_type
                .as_deref()
                .is_some_and(|t| HTML_TYPES.contains(&t))
    }

    /// The payload, dechunked and decompressed, at most `limit` bytes.
    pub fn payload(&self, limit: usize) -> Result<Vec<u8>, PageError> {
        let chunked = self
            .transfer_encoding
            .as_deref()
            .is_some_and(|t| t.contains("chunked"));
        let body = if chunked {
            dechunk(self.body)
        } else {
            self.body.to_vec()
        };
        let encoding = self.content_encoding.as_deref().unwrap_or("identity");
        let decoded = match encoding {
            "" | "identity" | "none" => body,
            // Archives often store the payload already decoded but keep the
            // header: trust the bytes, not the header.
            "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => body,
            "gzip" | "x-gzip" => inflate(MultiGzDecoder::new(&body[..]), limit)?,
            "deflate" => inflate(ZlibDecoder::new(&body[..]), limit)
                .or_else(|_| inflate(DeflateDecoder::new(&body[..]), limit))
                .unwrap_or(body),
            other => {
                return Err(PageError::Malformed(format!(
                    "payload is compressed with {other:?}, which dechaff cannot read"
                )))
            }
        };
        if decoded.len() > limit {
            return Err(PageError::TooLarge { limit });
        }
        Ok(decoded)
    }
}

/// Parses an HTTP response message.
pub(crate) fn parse(message: &[u8]) -> Result<Response<'_>, PageError> {
    let (head, body) = split_head(message);
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let status_line = lines.next().unwrap_or_default();
    let status = parse_status(status_line).ok_or_else(|| {
        let shown = String::from_utf8_lossy(&status_line[..status_line.len().min(40)]).into_owned();
        PageError::Malformed(format!(
            "no HTTP status line in the response record (found {shown:?})"
        ))
    })?;
    let mut response = Response {
        status,
        media_type: None,
        charset: None,
        transfer_encoding: None,
        content_encoding: None,
        body,
    };
    for line in lines {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = String::from_utf8_lossy(&line[..colon]);
        let value = String::from_utf8_lossy(&line[colon + 1..])
            .trim()
            .to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                let (media_type, charset) = parse_content_type(&value);
                response.media_type = Some(media_type);
                response.charset = charset;
            }
            "transfer-encoding" => response.transfer_encoding = Some(value),
            "content-encoding" => response.content_encoding = Some(value),
            _ => {}
        }
    }
    Ok(response)
}

/// Splits at the first blank line (`\r\n\r\n` or `\n\n`).
fn split_head(message: &[u8]) -> (&[u8], &[u8]) {
    let mut from = 0;
    while let Some(offset) = message[from..].iter().position(|&b| b == b'\n') {
        let newline = from + offset;
        let after = &message[newline + 1..];
        if after.starts_with(b"\n") {
            return (&message[..newline], &after[1..]);
        }
        if after.starts_with(b"\r\n") {
            return (&message[..newline], &after[2..]);
        }
        from = newline + 1;
    }
    (message, &[])
}

/// `HTTP/1.1 200 OK` → 200.
fn parse_status(line: &[u8]) -> Option<u16> {
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split_ascii_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    (code.len() == 3).then(|| code.parse().ok()).flatten()
}

/// `text/html; charset="UTF-8"` → (`text/html`, `Some("utf-8")`). A charset
/// that names no known encoding is dropped: the page's own declaration is a
/// better guide than a broken header.
fn parse_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media_type = parts.next().unwrap_or_default().trim().to_string();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim() == "charset")
        .map(|(_, v)| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|label| encoding_rs::Encoding::for_label(label.as_bytes()).is_some());
    (media_type, charset)
}

/// Decodes a chunked body. Lenient: a body that does not start like a chunk
/// is taken as is (archives often store it dechunked), and a truncated one
/// keeps what was complete.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(line_end) = rest.iter().position(|&b| b == b'\n') else {
            if out.is_empty() && rest.len() == body.len() {
                return body.to_vec();
            }
            break;
        };
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text
            .trim()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let Ok(size) = usize::from_str_radix(&size_text, 16) else {
            if out.is_empty() {
                return body.to_vec();
            }
            break;
        };
        rest = &rest[line_end + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if take < size {
            break;
        }
    }
    out
}

fn inflate(decoder: impl Read, limit: usize) -> Result<Vec<u8>, PageError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    decoder
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| PageError::Malformed(format!("cannot decompress the HTTP payload: {e}")))?;
    if out.len() > limit {
        return Err(PageError::TooLarge { limit });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_type_and_charset() {
        let message = b"HTTP/1.1 200 OK\r\nServer: x\r\nContent-Type: text/html; charset=\"Windows-1251\"\r\n\r\n<p>hi</p>";
        let response = parse(message).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.media_type.as_deref(), Some("text/html"));
        assert_eq!(response.charset.as_deref(), Some("windows-1251"));
        assert!(response.is_html_page());
        assert_eq!(response.payload(100).unwrap(), b"<p>hi</p>");
    }

    #[test]
    fn bare_newlines_and_unknown_charsets_are_tolerated() {
        let message = b"HTTP/1.0 200 OK\nContent-Type: application/xhtml+xml;charset=utf8mb4\n\n<p>x</p>";
        let response = parse(message).unwrap();
        assert!(response.is_html_page());
        assert_eq!(response.charset, None, "an unknown label is dropped, not fatal");
        assert_eq!(response.payload(100).unwrap(), b"<p>x</p>");
    }

    #[test]
    fn non_html_and_errors_are_not_pages() {
        let image = parse(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG").unwrap();
        assert!(!image.is_html_page());
        let missing = parse(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no</p>").unwrap();
        assert!(!missing.is_html_page());
        let untyped = parse(b"HTTP/1.1 200 OK\r\n\r\n<p>?</p>").unwrap();
        assert!(!untyped.is_html_page());
        assert!(parse(b"GET / HTTP/1.1\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_payload_is_decoded() {
        let message =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\n<p>he\r\n7;ext=1\r\nllo</p>\r\n0\r\n\r\n";
        assert_eq!(parse(message).unwrap().payload(100).unwrap(), b"<p>hello</p>");
        let already_decoded = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<p>plain</p>";
        assert_eq!(
            parse(already_decoded).unwrap().payload(100).unwrap(),
            b"<p>plain</p>"
        );
        let truncated = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n10\r\nefg";
        assert_eq!(parse(truncated).unwrap().payload(100).unwrap(), b"abcdefg");
    }

    #[test]
    fn gzip_content_encoding_is_decoded_and_limited() {
        let packed = crate::input::gzip::tests::gz(b"<p>zipped</p>");
        let mut message =
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n".to_vec();
        message.extend(&packed);
        let response = parse(&message).unwrap();
        assert_eq!(response.payload(100).unwrap(), b"<p>zipped</p>");
        assert!(matches!(
            response.payload(5),
            Err(PageError::TooLarge { limit: 5 })
        ));
        let brotli = parse(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx").unwrap();
        assert!(matches!(brotli.payload(100), Err(PageError::Malformed(_))));
    }
}
