//! Sets of phrases looked for inside text: "is any of these words in this
//! class name / button label / short block?".
//!
//! The engine asks that question for every class name, every short block and
//! every label of a page. A substring search per phrase made it the costliest
//! part of cleaning (about a tenth of the extraction); one Aho-Corasick pass
//! over the text answers for all phrases at once. Matching is ASCII
//! case-insensitive, so callers need not lower-case the text (the phrases
//! themselves are written in lower case).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

/// One or more lists of phrases, matched together. The matcher is built on
/// first use and shared by all threads.
pub(crate) struct Phrases {
    lists: &'static [&'static [&'static str]],
    matcher: OnceLock<Matcher>,
}

/// The automaton and, for each of its patterns, the bit of its list.
struct Matcher {
    automaton: AhoCorasick,
    list_bits: Vec<u32>,
}

impl Phrases {
    /// Phrases from `lists` (at most 32 lists); [`Phrases::lists_in`] says
    /// which lists have a phrase in a text.
    pub(crate) const fn new(lists: &'static [&'static [&'static str]]) -> Self {
        assert!(lists.len() <= 32, "a list's bit must fit in a u32");
        Phrases {
            lists,
            matcher: OnceLock::new(),
        }
    }

    fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| {
            let patterns = self.lists.iter().flat_map(|list| list.iter());
            let list_bits = (self.lists.iter().enumerate())
                .flat_map(|(i, list)| list.iter().map(move |_| 1u32 << i))
                .collect();
            let automaton = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(patterns)
                .expect("phrase lists are small literals");
            Matcher { automaton, list_bits }
        })
    }

    /// True when `text` contains any phrase of any list.
    pub(crate) fn found_in(&self, text: &str) -> bool {
        self.matcher().automaton.is_match(text)
    }

    /// True when `text` contains a phrase as whole words: a phrase that
    /// begins (ends) with a letter or digit must not be glued to one before
    /// (after) it, but for a plural `s` or a capital that starts the next
    /// word of text run together ("SponsoredInterested"), so "views" is not
    /// found in "reviews" or "ViewSonic" while "cookie" is in "cookies".
    ///
    /// Most texts hold no phrase at all: a first search that stops at any
    /// match (and may skip ahead with the automaton's prefilter) answers
    /// them, as in [`Phrases::lists_in`].
    pub(crate) fn found_as_words_in(&self, text: &str) -> bool {
        let automaton = &self.matcher().automaton;
        if !automaton.is_match(text) {
            return false;
        }
        let bytes = text.as_bytes();
        automaton.find_overlapping_iter(text).any(|m| {
            let (first, last) = (bytes[m.start()], bytes[m.end() - 1]);
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            // A label ("bild:") may close a compound ("Titelbild:").
            let label = last == b':';
            let starts_word = label || before.is_none_or(|b| word_break(b, first));
            let ends_word = after.is_none_or(|a| {
                word_break(last, a)
                    || (a.eq_ignore_ascii_case(&b's')
                        && bytes.get(m.end() + 1).is_none_or(|&b| !b.is_ascii_alphanumeric()))
            });
            starts_word && ends_word
        })
    }

    /// Bit `i` is set when `text` contains a phrase of list `i`. Most texts
    /// hold no phrase: a first search that stops at any match (and may skip
    /// ahead with the automaton's prefilter) answers them, and only a text
    /// with a match is searched again for all of them.
    pub(crate) fn lists_in(&self, text: &str) -> u32 {
        let matcher = self.matcher();
        if !matcher.automaton.is_match(text) {
            return 0;
        }
        matcher
            .automaton
            .find_overlapping_iter(text)
            .fold(0, |found, m| found | matcher.list_bits[m.pattern().as_usize()])
    }
}

/// True when a word may end between the bytes `a` and `b`: one of them is
/// no letter or digit, a lower-case letter meets a capital, or a letter
/// meets a digit ("Kommentare4": a counter run into its label).
fn word_break(a: u8, b: u8) -> bool {
    !a.is_ascii_alphanumeric()
        || !b.is_ascii_alphanumeric()
        || (a.is_ascii_lowercase() && b.is_ascii_uppercase())
        || a.is_ascii_digit() != b.is_ascii_digit()
}

/// The longest prefix [`Prefixes::start`] may be asked about, in bytes:
/// only that much of a text's start is lower-cased.
pub(crate) const PREFIX_MAX_BYTES: usize = 24;

/// A list of prefixes (each in lower case, not empty, and at most
/// [`PREFIX_MAX_BYTES`] long) with the set of their first bytes, for "how
/// does this line start?" about lead-ins, bylines and credit lines.
pub(crate) struct Prefixes {
    list: &'static [&'static str],
    /// Bit `b` is set when a prefix starts with byte `b`.
    first_bytes: [u64; 4],
}

impl Prefixes {
    /// The prefixes of `list`.
    pub(crate) const fn new(list: &'static [&'static str]) -> Self {
        let mut first_bytes = [0u64; 4];
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes()[0] as usize;
            first_bytes[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        Prefixes { list, first_bytes }
    }

    /// True when a prefix starts with byte `b`.
    fn has_first(&self, b: u8) -> bool {
        self.first_bytes[usize::from(b) / 64] & (1 << (b % 64)) != 0
    }

    /// True when `text`, lower-cased, starts with one of the prefixes. Only
    /// the start is lower-cased, once, on the stack (this runs for many
    /// short blocks of a page): in place when it is ASCII, else char by
    /// char.
    pub(crate) fn start(&self, text: &str) -> bool {
        // The lower case of the first char rules out almost every text
        // before the head is lower-cased (most blocks match no prefix, and a
        // head in another script than Latin is lowered char by char).
        let Some(first) = lowered_first_byte(text) else {
            return false;
        };
        if !self.has_first(first) {
            return false;
        }
        // Room for the head and the longest lower case of one more char
        // (three chars of four bytes).
        let mut buf = [0u8; PREFIX_MAX_BYTES + 12];
        let head = &text.as_bytes()[..text.len().min(PREFIX_MAX_BYTES)];
        let len = if head.is_ascii() {
            buf[..head.len()].copy_from_slice(head);
            buf[..head.len()].make_ascii_lowercase();
            head.len()
        } else {
            let mut len = 0;
            for c in text.chars() {
                for l in c.to_lowercase() {
                    len += l.encode_utf8(&mut buf[len..]).len();
                }
                if len >= PREFIX_MAX_BYTES {
                    break;
                }
            }
            len
        };
        let lower = &buf[..len];
        let Some(&first) = lower.first() else {
            return false;
        };
        // The first byte rules out most prefixes without a call to
        // `memcmp` (lists hold dozens of prefixes).
        self.list.iter().any(|p| {
            let p = p.as_bytes();
            p.first() == Some(&first) && lower.starts_with(p)
        })
    }
}

/// The first byte of `text`'s lower case; `None` for an empty text.
fn lowered_first_byte(text: &str) -> Option<u8> {
    let c = text.chars().next()?;
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase() as u8);
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(lower.encode_utf8(&mut [0u8; 4]).as_bytes()[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_compared_with_the_lower_cased_start() {
        static PREFIXES: Prefixes = Prefixes::new(&["by ", "photo:", "автор", "crédits photo"]);
        assert!(PREFIXES.start("By Jane Doe"));
        assert!(PREFIXES.start("PHOTO: Reuters"));
        assert!(PREFIXES.start("Автор: Иван"));
        assert!(PREFIXES.start("Crédits photo : AFP"));
        assert!(PREFIXES.start("CRÉDITS PHOTO : AFP"));
        assert!(!PREFIXES.start("Bylines"));
        assert!(!PREFIXES.start("by"));
        assert!(!PREFIXES.start(""));
        assert!(!PREFIXES.start("The photo: a caption"));
        // A long start is compared as far as the prefix goes.
        assert!(PREFIXES.start("by a reporter whose name runs past the head"));
        assert!(PREFIXES.start("Автор статьи, который пишет длинно"));
        // A char whose lower case is longer ('İ' is "i̇"), over the whole head.
        static DOTTED: Prefixes = Prefixes::new(&["i\u{307}stanbul"]);
        assert!(DOTTED.start("İstanbul"));
        assert!(!PREFIXES.start(&"İ".repeat(40)));
    }

    static SET: Phrases = Phrases::new(&[&["nav", "menu"], &["comment"], &["share"]]);

    #[test]
    fn finds_phrases_anywhere_in_any_case() {
        assert!(SET.found_in("mainNavigation"));
        assert!(SET.found_in("x MENU y"));
        assert!(!SET.found_in("article body"));
    }

    #[test]
    fn finds_phrases_as_whole_words_only() {
        static WORDS: Phrases = Phrases::new(&[&["views", "cookie", "sponsored", "tags:"]]);
        assert!(WORDS.found_as_words_in("1,204 views"));
        assert!(WORDS.found_as_words_in("We use cookies."));
        assert!(WORDS.found_as_words_in("SponsoredInterested in solar?"));
        assert!(WORDS.found_as_words_in("Tags:news"));
        assert!(WORDS.found_as_words_in("Lesezeit 3 min, 12views"));
        assert!(WORDS.found_as_words_in("Related Tags: news"));
        assert!(WORDS.found_as_words_in("PostTags: news"));
        assert!(!WORDS.found_as_words_in("3323 reviews"));
        assert!(!WORDS.found_as_words_in("ViewSonic 27\" monitor"));
        assert!(!WORDS.found_as_words_in("Viewscape 8x42"));
    }

    #[test]
    fn reports_every_list_present_even_when_matches_overlap() {
        assert_eq!(SET.lists_in("commentshare-nav"), 0b111);
        assert_eq!(SET.lists_in("comments"), 0b010);
        assert_eq!(SET.lists_in("sharenav"), 0b101);
        assert_eq!(SET.lists_in("plain"), 0);
    }
}
