//! The page's language: the one it declares, else the one its text is
//! written in.
//!
//! Declarations are read in this order: `<html lang>`, `Content-Language`
//! (`http-equiv` or `name`), `og:locale`, JSON-LD `inLanguage`,
//! `dc:language`. A declaration is reduced to its primary subtag (`en-GB`
//! and `en_US` are `en`); `und`, `mul`, `zxx` and malformed tags are
//! ignored. With no usable declaration, whatlang (trigram statistics)
//! guesses from a sample of the page's paragraphs and is believed only when
//! it calls its guess reliable. Codes are ISO 639-1 where the language has
//! one, else ISO 639-3.

use crate::dom::{Document, Edge, Tag, Walk};

use super::json_ld::JsonLd;
use super::meta_tags::MetaTags;

/// Characters of text given to the detector: enough for a stable guess,
/// few enough to keep detection a fraction of the extraction time.
const SAMPLE_CHARS: usize = 2000;

/// Fewest characters of paragraph text worth a guess; below it the sample
/// is the whole body text.
const MIN_PARAGRAPH_CHARS: usize = 200;

/// Fewest characters of text the detector is asked about: shorter text
/// gives unstable guesses.
const MIN_SAMPLE_CHARS: usize = 40;

/// The page's language code (see the module doc).
pub(super) fn language(doc: &Document, meta: &MetaTags, ld: &JsonLd) -> Option<String> {
    [
        meta.html_lang(),
        meta.get("http-equiv:content-language"),
        meta.get("content-language"),
        meta.get("og:locale"),
        ld.in_language.as_deref(),
        meta.get("dc:language"),
        meta.get("dcterms:language"),
    ]
    .into_iter()
    .flatten()
    .find_map(primary_subtag)
    .or_else(|| detect(doc))
}

/// The primary language subtag of a declared tag, lower case, 3-letter
/// codes with a 2-letter equivalent mapped to it; `None` when the tag is
/// malformed or names no language.
pub(super) fn primary_subtag(tag: &str) -> Option<String> {
    // A header may list several languages; the first one is the main one.
    let first = tag.split(',').next()?.trim();
    let primary = first.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if matches!(primary.as_str(), "und" | "mul" | "zxx" | "mis") {
        return None;
    }
    Some(iso_639_1(&primary).map_or(primary, str::to_string))
}

/// The language of the page's text as guessed by whatlang, when reliable.
pub(super) fn detect(doc: &Document) -> Option<String> {
    let sample = text_sample(doc);
    if sample.chars().count() < MIN_SAMPLE_CHARS {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    Some(iso_639_1(code).unwrap_or(code).to_string())
}

/// Up to [`SAMPLE_CHARS`] of the page's paragraph text (`<p>`, `<li>`,
/// `<td>`, `<blockquote>`), or of the whole body when it has too little.
fn text_sample(doc: &Document) -> String {
    let mut paragraphs = String::new();
    let mut body = String::new();
    let mut para_depth = 0usize;
    doc.walk(doc.body(), |edge| {
        match edge {
            Edge::Open(id) => {
                if body.len() >= SAMPLE_CHARS * 4 && paragraphs.len() >= SAMPLE_CHARS * 4 {
                    return Walk::SkipChildren;
                }
                match doc.tag(id) {
                    Some(
                        Tag::Script | Tag::Style | Tag::Template | Tag::Noscript | Tag::Nav | Tag::Footer,
                    ) => return Walk::SkipChildren,
                    Some(Tag::P | Tag::Li | Tag::Td | Tag::Blockquote | Tag::Dd) => para_depth += 1,
                    _ => {}
                }
                if let Some(t) = doc.text(id) {
                    if body.len() < SAMPLE_CHARS * 4 {
                        body.push_str(t);
                        body.push(' ');
                    }
                    if para_depth > 0 && paragraphs.len() < SAMPLE_CHARS * 4 {
                        paragraphs.push_str(t);
                        paragraphs.push(' ');
                    }
                }
            }
            Edge::Close(id) => {
                if matches!(
                    doc.tag(id),
                    Some(Tag::P | Tag::Li | Tag::Td | Tag::Blockquote | Tag::Dd)
                ) {
                    para_depth = para_depth.saturating_sub(1);
                }
            }
        }
        Walk::Continue
    });
    let source = if paragraphs.chars().nth(MIN_PARAGRAPH_CHARS - 1).is_some() {
        paragraphs
    } else {
        body
    };
    collapsed_prefix(&source, SAMPLE_CHARS)
}

/// The first `max_chars` chars of `text` with its words joined by single
/// spaces, built without joining more words than are kept.
fn collapsed_prefix(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    let mut room = max_chars;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            if room == 0 {
                break;
            }
            out.push(' ');
            room -= 1;
        }
        match word.char_indices().nth(room) {
            Some((cut, _)) => {
                out.push_str(&word[..cut]);
                break;
            }
            None => {
                out.push_str(word);
                room -= word.chars().count();
            }
        }
    }
    out
}

/// The ISO 639-1 code of an ISO 639-3 (or 639-2/B) code, for the
/// languages whatlang knows and the common 639-2/B spellings.
fn iso_639_1(code: &str) -> Option<&'static str> {
    Some(match code {
        "eng" => "en",
        "rus" => "ru",
        "cmn" | "zho" | "chi" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" | "fre" => "fr",
        "deu" | "ger" => "de",
        "ukr" => "uk",
        "kat" | "geo" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" | "dut" => "nl",
        "hun" => "hu",
        "ces" | "cze" => "cs",
        "ell" | "gre" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" | "rum" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" | "mac" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" | "fas" | "per" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" | "bur" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" | "slo" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" | "arm" => "hy",
        "cym" | "wel" => "cy",
        "epo" => "eo",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_prefix_is_the_joined_words_cut() {
        let joined = |t: &str, n: usize| -> String {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(n)
                .collect()
        };
        for text in ["", "  ", "a", " ab  cd ", "été  à\tla   plage", "x y", "日本 語"] {
            for n in 0..12 {
                assert_eq!(collapsed_prefix(text, n), joined(text, n), "{text:?} {n}");
            }
        }
    }
    use crate::dom;
    use crate::metadata::extract;

    fn lang_of(html: &str) -> Option<String> {
        let doc = dom::parse(html, 100_000).expect("parses");
        extract(&doc, None).language
    }

    #[test]
    fn declared_tags() {
        assert_eq!(primary_subtag("en-GB").as_deref(), Some("en"));
        assert_eq!(primary_subtag("pt_BR").as_deref(), Some("pt"));
        assert_eq!(primary_subtag(" DE ").as_deref(), Some("de"));
        assert_eq!(primary_subtag("fr, en").as_deref(), Some("fr"));
        assert_eq!(primary_subtag("deu").as_deref(), Some("de"));
        assert_eq!(primary_subtag("haw").as_deref(), Some("haw"));
        assert_eq!(primary_subtag("und"), None);
        assert_eq!(primary_subtag("english"), None);
        assert_eq!(primary_subtag("{{lang}}"), None);
        assert_eq!(primary_subtag(""), None);
    }

    #[test]
    fn declaration_order() {
        assert_eq!(
            lang_of(r#"<html lang="es"><meta property="og:locale" content="en_US">"#).as_deref(),
            Some("es")
        );
        assert_eq!(
            lang_of(r#"<html lang=""><meta property="og:locale" content="fr_FR">"#).as_deref(),
            Some("fr")
        );
        assert_eq!(
            lang_of(r#"<meta http-equiv="content-language" content="de-AT">"#).as_deref(),
            Some("de")
        );
        assert_eq!(
            lang_of(
                r#"<script type="application/ld+json">{"@type":"Article","inLanguage":"it-IT"}</script>"#
            )
            .as_deref(),
            Some("it")
        );
    }

    #[test]
    fn detection_when_undeclared() {
        let german = "<p>Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für den \
            Wohnungsbau ab dem kommenden Jahr gelten sollen. Die Opposition kritisierte den Entwurf scharf \
            und forderte mehr Mittel für die Kommunen, die schon jetzt unter der Last der Aufgaben leiden.</p>";
        assert_eq!(lang_of(german).as_deref(), Some("de"));
        let english =
            "<p>The council said on Wednesday that the new rules for housing would apply from next \
            year. The opposition sharply criticised the draft and called for more money for the towns, \
            which are already struggling under the weight of their duties.</p>";
        assert_eq!(lang_of(english).as_deref(), Some("en"));
        assert_eq!(lang_of("<p>ok</p>"), None, "too little text to tell");
    }
}
