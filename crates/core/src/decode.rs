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

use std::borrow::Cow;

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

/// Most bytes given to the charset detector. The detector costs several
/// hundred instructions per byte (ten times parsing), so it gets a sample:
/// the page's non-ASCII bytes with their surroundings (see
/// [`detector_sample`]); 16 KiB of those is plenty of evidence.
const DETECTOR_SAMPLE_BYTES: usize = 16 * 1024;

/// Bytes kept on each side of a non-ASCII byte in the detector's sample: the
/// rest of its word, which the detector judges it by. Markup, scripts and
/// styles in between tell it nothing.
const DETECTOR_CONTEXT_BYTES: usize = 12;

/// A page decoded to text.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The page as UTF-8: the bytes themselves when they already are valid
    /// UTF-8 (most pages), so that the page is copied once, into the parser's
    /// buffer, not twice.
    pub text: Cow<'a, str>,
    /// The encoding the bytes were read with (WHATWG name).
    pub encoding: &'static Encoding,
}

/// Decodes `bytes` following the order in the module doc. `hint` is an
/// encoding label from outside the page (HTTP header, user flag).
pub(crate) fn decode<'a>(bytes: &'a [u8], hint: Option<&str>) -> Result<Decoded<'a>> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::NotHtml { kind });
    }
    let (encoding, valid) = choose_encoding(bytes, hint)?;
    let text = if let Some(text) = valid {
        Cow::Borrowed(text)
    } else if encoding == UTF_8 {
        match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => UTF_8.decode_with_bom_removal(bytes).0,
        }
    } else {
        encoding.decode(bytes).0
    };
    Ok(Decoded { text, encoding })
}

/// Picks the encoding of `bytes`; see the module doc for the order. With
/// it comes the page as text when it is UTF-8 and was checked to be valid
/// on the way (so it is not checked twice).
fn choose_encoding<'a>(bytes: &'a [u8], hint: Option<&str>) -> Result<(&'static Encoding, Option<&'a str>)> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Ok((encoding, None));
    }
    if let Some(label) = hint {
        let encoding = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::UnknownEncoding(label.to_owned()))?;
        return Ok((html_encoding(encoding), None));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok((encoding, None));
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    if utf8.is_some() && !bytes.is_ascii() {
        return Ok((UTF_8, utf8));
    }
    if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]) {
        return Ok((encoding, utf8.filter(|_| encoding == UTF_8)));
    }
    if utf8.is_some() {
        return Ok((UTF_8, utf8));
    }
    Ok((detect(&detector_sample(bytes)), None))
}

/// chardetng's guess for `bytes`, taken as a whole document.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// What the charset detector is shown of a page: every stretch of non-ASCII
/// bytes with [`DETECTOR_CONTEXT_BYTES`] around it, stretches joined by a
/// space, up to [`DETECTOR_SAMPLE_BYTES`]. The detector only learns from
/// non-ASCII bytes and their neighbours, so this keeps its evidence and
/// drops the cost of the markup around it.
fn detector_sample(bytes: &[u8]) -> Vec<u8> {
    let mut sample = Vec::new();
    // End of the last window copied into the sample.
    let mut copied = 0;
    let mut i = 0;
    while sample.len() < DETECTOR_SAMPLE_BYTES {
        let Some(offset) = bytes[i..].iter().position(|b| !b.is_ascii()) else {
            break;
        };
        let at = i + offset;
        let start = at.saturating_sub(DETECTOR_CONTEXT_BYTES).max(copied);
        let budget = DETECTOR_SAMPLE_BYTES - sample.len();
        let mut end = at;
        // Extend over the run of non-ASCII bytes (and short ASCII gaps).
        while end < bytes.len()
            && end - start < budget
            && bytes[end..]
                .iter()
                .take(DETECTOR_CONTEXT_BYTES)
                .any(|b| !b.is_ascii())
        {
            end += 1;
        }
        let end = (end + DETECTOR_CONTEXT_BYTES).min(bytes.len());
        if start > copied && !sample.is_empty() {
            sample.push(b' ');
        }
        sample.extend_from_slice(&bytes[start..end]);
        copied = end;
        i = end;
    }
    sample
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
        (d.text.into_owned(), d.encoding.name())
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

    /// The detector's sample must not change its verdict: on every corpus
    /// page that reaches the detector, the sample's guess is the
    /// guess for the page's first 256 KiB (what the detector was given
    /// before sampling). Skips when the corpora are not next to the checkout.
    #[test]
    fn detector_sample_agrees_with_the_whole_page() {
        const OLD_DETECTOR_BYTES: usize = 256 * 1024;
        let mut checked = 0;
        for (path, bytes) in crate::testing::corpus_pages() {
            let reaches_detector = std::str::from_utf8(&bytes).is_err()
                && Encoding::for_bom(&bytes).is_none()
                && utf16_without_bom(&bytes).is_none()
                && meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]).is_none();
            if !reaches_detector {
                continue;
            }
            let mut whole = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            let end = bytes.len().min(OLD_DETECTOR_BYTES);
            whole.feed(&bytes[..end], end == bytes.len());
            let expected = whole.guess(None, chardetng::Utf8Detection::Allow);
            assert_eq!(detect(&detector_sample(&bytes)), expected, "{}", path.display());
            checked += 1;
        }
        eprintln!("{checked} pages reach the detector");
    }

    #[test]
    fn detector_sample_keeps_non_ascii_with_context() {
        let mut bytes = b"<html><script>var a = 1;</script><p>Caf\xE9 au lait</p>".to_vec();
        bytes.extend_from_slice(&[b'x'; 1000]);
        bytes.extend_from_slice(b"<p>cr\xE8me</p>");
        let sample = detector_sample(&bytes);
        assert!(sample.len() < 80, "{}", String::from_utf8_lossy(&sample));
        assert_eq!(sample.iter().filter(|b| !b.is_ascii()).count(), 2);
        assert!(sample.windows(4).any(|w| w == b"Caf\xE9"));
        assert!(sample.windows(5).any(|w| w == b"cr\xE8me"));
    }
}
