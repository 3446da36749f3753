//! Arbitrary bytes as a page: `extract` and `explain` must return a result or
//! a typed error, never panic, never hang, and agree with each other.

#![no_main]

use std::sync::OnceLock;

use dechaff::{Error, Extractor, Focus, Input, Options};
use libfuzzer_sys::fuzz_target;

/// Charset hints tried, one per input (picked by its length): the ones with
/// decoders of their own, the HTML-special ones, and nonsense.
const HINTS: &[&str] = &[
    "utf-8",
    "windows-1252",
    "shift_jis",
    "euc-jp",
    "iso-2022-jp",
    "gb18030",
    "big5",
    "euc-kr",
    "utf-16le",
    "utf-16be",
    "x-user-defined",
    "replacement",
    "koi8-r",
    "no-such-charset",
];

/// URLs tried, one per input.
const URLS: &[&str] = &[
    "https://example.org/a/b.html?x=1#y",
    "",
    "not a url",
    "http://[::1",
];

struct Extractors {
    default: Extractor,
    small: Extractor,
}

fn extractors() -> &'static Extractors {
    static EXTRACTORS: OnceLock<Extractors> = OnceLock::new();
    EXTRACTORS.get_or_init(|| {
        let mut small = Options::default();
        small.max_input_bytes = 2048;
        small.max_nodes = 200;
        small.comments = true;
        small.focus = Focus::Precision;
        Extractors {
            default: Extractor::new(Options::default()).expect("default options"),
            small: Extractor::new(small).expect("small limits"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let ex = extractors();

    // Default options: extract and explain agree.
    let extracted = ex.default.extract(data);
    let explained = ex.default.explain(Input::new(data));
    match (&extracted, &explained) {
        (Ok(result), Ok(explanation)) => {
            assert!(!result.text.contains('\0'), "NUL in the text");
            assert!(!result.title.contains('\0'), "NUL in the title");
            for block in explanation.blocks.iter().filter(|b| b.kept) {
                assert!(
                    result.text.contains(&block.text),
                    "kept block {:?} missing from the text {:?}",
                    block.text,
                    result.text
                );
            }
            if explanation.blocks.iter().all(|b| !b.kept) {
                assert!(
                    result.text.is_empty(),
                    "text without kept blocks: {:?}",
                    result.text
                );
            }
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "extract and explain fail differently");
            assert!(
                matches!(a, Error::NotHtml { .. }),
                "only NotHtml is expected under the default limits, got {a:?}"
            );
        }
        _ => panic!("extract and explain disagree: {extracted:?} / {explained:?}"),
    }

    // Small limits: only the typed errors of the limits (or NotHtml).
    match ex.small.extract(data) {
        Ok(_) => {}
        Err(Error::InputTooLarge { size, limit }) => assert!(size > limit && size == data.len()),
        Err(Error::TooManyNodes { limit }) => assert_eq!(limit, 200),
        Err(Error::NotHtml { .. }) => {}
        Err(e) => panic!("unexpected error under small limits: {e:?}"),
    }

    // A charset hint and a URL from outside the page.
    let hint = HINTS[data.len() % HINTS.len()];
    let url = URLS[data.len() % URLS.len()];
    match ex.default.extract_input(Input::new(data).charset(hint).url(url)) {
        Ok(_) | Err(Error::NotHtml { .. }) => {}
        Err(Error::UnknownEncoding(label)) => assert_eq!(label, "no-such-charset"),
        Err(e) => panic!("unexpected error with hint {hint:?}: {e:?}"),
    }
});
