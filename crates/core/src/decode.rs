//! Stage 1, decode: page bytes to UTF-8 text.
//!
//! Browsers decide a page's encoding from, in order, a byte-order mark, the
//! transport (HTTP `Content-Type`), a `<meta>` declaration and finally a
//! guess. We follow that order with two changes that serve crawled pages:
//!
//! 1. a BOM wins (it is unambiguous);
//! 2. an explicit hint from the caller (usually the HTTP charset) comes next;
//! 3. bytes that are valid UTF-8 *and contain non-ASCII text* are UTF-8, even
//!    when a `<meta>` says otherwise: legacy-encoded text is almost never valid
//!    UTF-8 by accident, while pages that declare ISO-8859-1 but were saved as
//!    UTF-8 are common;
//! 4. a `<meta charset>` / `http-equiv` declaration in the first bytes;
//! 5. UTF-16 without a BOM, recognised by its NUL bytes;
//! 6. the `chardetng` detector, which is what Firefox uses.
//!
//! Malformed sequences become U+FFFD; decoding never fails. Bytes that are
//! plainly not a text document (images, PDFs, archives) are refused with
//! [`Error::NotHtml`].

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::error::{Error, Result};

/// How far into the page a `<meta>` charset declaration is looked for. The
/// HTML standard says 1024 bytes; real pages put a long `<head>` first, so we
/// look further, as the peers' harness does.
const META_PRESCAN_BYTES: usize = 4096;

/// How many leading bytes decide whether a BOM-less page is UTF-16.
const UTF16_SNIFF_BYTES: usize = 512;

/// Share of NUL bytes on one parity (even or odd offsets) above which the text
/// is taken as UTF-16: ASCII markup in UTF-16 has a NUL in every other byte.
const UTF16_NUL_SHARE: f32 = 0.4;

/// How many bytes the charset detector reads: enough to see the body text of
/// a page, bounded so that a huge page does not cost a full extra pass.
const DETECTOR_BYTES: usize = 256 * 1024;

/// A page decoded to text.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The page as UTF-8.
    pub text: String,
    /// The encoding the bytes were read with (WHATWG name).
    pub encoding: &'static Encoding,
}

/// Decodes `bytes` following the order in the module doc. `hint` is an
/// encoding label from outside the page (HTTP header, user flag).
pub(crate) fn decode(bytes: &[u8], hint: Option<&str>) -> Result<Decoded> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::NotHtml { kind });
    }
    let encoding = choose_encoding(bytes, hint)?;
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
            Ok(s) => s.to_owned(),
            Err(_) => UTF_8.decode_with_bom_removal(bytes).0.into_owned(),
        }
    } else {
        let (text, _, _) = encoding.decode(bytes);
        text.into_owned()
    };
    Ok(Decoded { text, encoding })
}

/// Picks the encoding of `bytes`; see the module doc for the order.
fn choose_encoding(bytes: &[u8], hint: Option<&str>) -> Result<&'static Encoding> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok(encoding);
    }
    if let Some(label) = hint {
        let encoding = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::UnknownEncoding(label.to_owned()))?;
        return Ok(html_encoding(encoding));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(encoding);
    }
    let is_utf8 = std::str::from_utf8(bytes).is_ok();
    if is_utf8 && !bytes.is_ascii() {
        return Ok(UTF_8);
    }
    if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]) {
        return Ok(encoding);
    }
    if is_utf8 {
        return Ok(UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(
        &bytes[..bytes.len().min(DETECTOR_BYTES)],
        bytes.len() <= DETECTOR_BYTES,
    );
    Ok(detector.guess(None, chardetng::Utf8Detection::Allow))
}

/// The encoding a declaration of `encoding` means inside an HTML document:
/// the standard reads a declared UTF-16 as UTF-8 (the bytes being ASCII-
/// compatible if the declaration could be read at all).
fn html_encoding(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding.name() == "x-user-defined" {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Finds a `charset=` inside a `<meta …>` tag of `head` (both the HTML5
/// `<meta charset>` and the older `http-equiv` `content="…; charset=…"`).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut rest = head;
    while let Some(start) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[start + 5..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(pos) = find_ascii_ci(tag, b"charset") {
            let value = tag[pos + 7..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .copied()
                .collect::<Vec<u8>>();
            if let Some(value) = value.strip_prefix(b"=") {
                let label: Vec<u8> = value
                    .iter()
                    .copied()
                    .skip_while(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
                    .take_while(|b| !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/')))
                    .collect();
                if let Some(encoding) = Encoding::for_label(&label) {
                    return Some(html_encoding(encoding));
                }
            }
        }
        rest = &tag[end..];
    }
    None
}

/// Recognises BOM-less UTF-16 by its NUL bytes: ASCII markup encoded as
/// UTF-16 has a NUL in every other byte, which no ASCII-compatible page has.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES)];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_nuls = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let share = |n: usize| n as f32 / pairs as f32;
    if share(odd_nuls) > UTF16_NUL_SHARE && share(even_nuls) < UTF16_NUL_SHARE / 4.0 {
        Some(UTF_16LE)
    } else if share(even_nuls) > UTF16_NUL_SHARE && share(odd_nuls) < UTF16_NUL_SHARE / 4.0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Names the kind of a binary file from its magic number, if it is one of the
/// formats that end up in crawls under an `.html` name.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"%PDF-", "a PDF document"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1F\x8B", "gzip-compressed data (decompress it first)"),
        (b"RIFF", "a RIFF media file"),
        (b"\x00\x00\x01\x00", "an icon"),
        (b"wOFF", "a web font"),
        (b"wOF2", "a web font"),
        (b"\x7FELF", "an executable"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
}

/// Position of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_str(bytes: &[u8], hint: Option<&str>) -> (String, &'static str) {
        let d = decode(bytes, hint).expect("decodes");
        (d.text, d.encoding.name())
    }

    #[test]
    fn windows_1251_from_meta() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир");
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        page.extend_from_slice(&bytes);
        let (text, name) = decode_str(&page, None);
        assert_eq!(name, "windows-1251");
        assert!(text.contains("Привет, мир"));
    }

    #[test]
    fn http_equiv_declaration() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキストです");
        let mut page = b"<meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'>".to_vec();
        page.extend_from_slice(&bytes);
        let (text, name) = decode_str(&page, None);
        assert_eq!(name, "Shift_JIS");
        assert!(text.contains("日本語のテキストです"));
    }

    #[test]
    fn detector_without_declaration() {
        let sample = "这是一个没有声明编码的中文网页，我们需要猜测它的编码。这个句子应该足够长，足以让检测器确定编码。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(sample);
        let (text, name) = decode_str(&bytes, None);
        assert!(name == "GBK" || name == "gb18030", "{name}");
        assert!(text.contains("中文网页"));
    }

    #[test]
    fn latin1_declared_and_used() {
        let page = b"<meta charset=iso-8859-1><p>Caf\xE9 cr\xE8me</p>";
        let (text, name) = decode_str(page, None);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("Café crème"));
    }

    #[test]
    fn valid_utf8_beats_a_wrong_declaration() {
        let page = "<meta charset=iso-8859-1><p>Café crème</p>".as_bytes();
        let (text, name) = decode_str(page, None);
        assert_eq!(name, "UTF-8");
        assert!(text.contains("Café crème"));
    }

    #[test]
    fn hint_overrides_declaration() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("Привет");
        let mut page = b"<meta charset=windows-1251>".to_vec();
        page.extend_from_slice(&bytes);
        let (text, name) = decode_str(&page, Some("koi8-r"));
        assert_eq!(name, "KOI8-R");
        assert!(text.contains("Привет"));
    }

    #[test]
    fn unknown_hint_is_an_error() {
        assert_eq!(
            decode(b"<p>x</p>", Some("no-such-charset")).unwrap_err(),
            Error::UnknownEncoding("no-such-charset".into())
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let page = "<html><body><p>Grüße aus Köln</p></body></html>";
        let le: Vec<u8> = page.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = page.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        for bytes in [le, be, le_bom] {
            let (text, _) = decode_str(&bytes, None);
            assert!(text.contains("Grüße aus Köln"), "{text:?}");
        }
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None),
            Err(Error::NotHtml { kind: "a PNG image" })
        ));
        assert!(matches!(decode(b"%PDF-1.7\n", None), Err(Error::NotHtml { .. })));
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let (text, _) = decode_str(b"<meta charset=utf-8><p>ok \xFF\xFE ok</p>", None);
        assert!(text.contains("ok \u{FFFD}"));
    }
}
