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

    /// Bit `i` is set when `text` contains a phrase of list `i`.
    pub(crate) fn lists_in(&self, text: &str) -> u32 {
        let matcher = self.matcher();
        matcher
            .automaton
            .find_overlapping_iter(text)
            .fold(0, |found, m| found | matcher.list_bits[m.pattern().as_usize()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: Phrases = Phrases::new(&[&["nav", "menu"], &["comment"], &["share"]]);

    #[test]
    fn finds_phrases_anywhere_in_any_case() {
        assert!(SET.found_in("mainNavigation"));
        assert!(SET.found_in("x MENU y"));
        assert!(!SET.found_in("article body"));
    }

    #[test]
    fn reports_every_list_present_even_when_matches_overlap() {
        assert_eq!(SET.lists_in("commentshare-nav"), 0b111);
        assert_eq!(SET.lists_in("comments"), 0b010);
        assert_eq!(SET.lists_in("sharenav"), 0b101);
        assert_eq!(SET.lists_in("plain"), 0);
    }
}
