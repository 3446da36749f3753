//! Counting words in any script.
//!
//! Length thresholds are calibrated in English words, so text in scripts
//! written without spaces must be counted in comparable units: a Chinese or
//! Japanese word is about two characters long, a Thai word about four. Each
//! such character therefore counts as a fraction of a word, and a paragraph of
//! Chinese weighs what its English translation would.

/// Word-equivalents per Han, kana or Hangul-less CJK character: a Chinese or
/// Japanese word averages about two characters.
const WORDS_PER_CJK_CHAR: f32 = 0.5;

/// Word-equivalents per Thai, Lao, Khmer or Myanmar character: words in these
/// scripts average about four characters.
const WORDS_PER_SOUTHEAST_ASIAN_CHAR: f32 = 0.25;

/// Statistics of a run of text used by the scorer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct TextStats {
    /// Word-equivalents (see the module doc).
    pub words: f32,
    /// Characters that are not whitespace.
    pub chars: u32,
    /// Commas, in any script.
    pub commas: u32,
    /// Sentence-ending marks (`.`, `!`, `?` and their CJK and Arabic forms).
    pub stops: u32,
}

/// How a character counts toward words.
#[derive(Clone, Copy)]
enum CharClass {
    Space,
    /// Part of a space-separated word (Latin, Cyrillic, Arabic, digits…).
    Word,
    /// A character that is a fraction of a word by itself.
    Syllabic(f32),
    Comma,
    Stop,
    Other,
}

/// True for the ASCII white space of `char::is_whitespace`: ' ' and
/// '\t'..='\r' (tab, line feed, vertical tab, form feed, carriage return).
/// Written with `|`, not `||`, so that loops over bytes vectorise.
pub(crate) const fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') <= b'\r' - b'\t')
}

/// The class of an ASCII character, from its byte alone (the same answers
/// as the general rules of [`classify`], which are ten times slower on it).
const fn ascii_class(b: u8) -> CharClass {
    match b {
        b if is_ascii_space(b) => CharClass::Space,
        b',' => CharClass::Comma,
        b'.' | b'!' | b'?' => CharClass::Stop,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => CharClass::Word,
        _ => CharClass::Other,
    }
}

/// [`ascii_class`] of every ASCII byte: one load per character of the
/// text instead of a chain of range tests.
const ASCII_CLASSES: [CharClass; 128] = {
    let mut classes = [CharClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = ascii_class(b as u8);
        b += 1;
    }
    classes
};

/// How `c` counts toward words.
fn classify(c: char) -> CharClass {
    // Most text is ASCII: answer it from the table.
    if c.is_ascii() {
        return ASCII_CLASSES[c as usize];
    }
    if c.is_whitespace() {
        return CharClass::Space;
    }
    match c {
        ',' | '，' | '、' | '،' | '﹐' => CharClass::Comma,
        '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।' | '…' => CharClass::Stop,
        '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}' => CharClass::Syllabic(WORDS_PER_CJK_CHAR),
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' => CharClass::Syllabic(WORDS_PER_SOUTHEAST_ASIAN_CHAR),
        c if c.is_alphanumeric() => CharClass::Word,
        _ => CharClass::Other,
    }
}

/// Longest text [`stats`] counts byte by byte: below it every partial sum
/// of word-equivalents (whole words, halves and quarters, at most one per
/// two bytes) is exact in an `f32`, so adding a piece of ASCII's words as
/// one sum gives what adding them one by one gives. Longer texts take the
/// char loop.
const BYTE_LOOP_MAX_BYTES: usize = 4 << 20;

/// [`ASCII_FLAGS`] bits: the byte is whitespace.
const SPACE: u8 = 1;
/// The byte is part of a word (a letter or digit).
const WORD: u8 = 1 << 1;
/// A comma.
const COMMA: u8 = 1 << 2;
/// A sentence stop.
const STOP: u8 = 1 << 3;
/// The byte leaves the word state as it is: stops ("3.5", "e.g"), and the
/// apostrophe and hyphen that join words ("don't", "e-mail").
const KEEPS_WORD: u8 = 1 << 4;

/// Each ASCII byte's class as bits, for building [`ASCII_STEPS`]: the
/// answers of [`ascii_class`], and the apostrophe and hyphen that the rules
/// of [`char_stats`] let join words.
const ASCII_FLAGS: [u8; 128] = {
    let mut flags = [0; 128];
    let mut b = 0;
    while b < 128 {
        flags[b] = match ascii_class(b as u8) {
            CharClass::Space => SPACE,
            CharClass::Word => WORD,
            CharClass::Comma => COMMA,
            CharClass::Stop => STOP | KEEPS_WORD,
            CharClass::Other if b == b'\'' as usize || b == b'-' as usize => KEEPS_WORD,
            CharClass::Other | CharClass::Syllabic(_) => 0,
        };
        b += 1;
    }
    flags
};

/// Bits of one count in [`ASCII_STEPS`]'s packed counts: a run of ASCII is
/// counted in pieces short enough for no count to carry into the next.
const COUNT_BITS: u32 = 16;
/// Longest run of ASCII counted in one piece.
const ASCII_PIECE_MAX: usize = (1 << COUNT_BITS) - 1;

/// What one ASCII byte does to the counts, indexed by the byte and whether
/// a word was going on before it (`in_word << 7 | byte`): its counts packed
/// into one `u64` (a char that is no space, a comma, a stop, a word begun;
/// [`COUNT_BITS`] each), and whether a word goes on after it.
const ASCII_STEPS: ([u64; 256], [bool; 256]) = {
    let mut counts = [0u64; 256];
    let mut next = [false; 256];
    let mut i = 0;
    while i < 256 {
        let in_word = i >= 128;
        let f = ASCII_FLAGS[i % 128];
        let word = f & WORD != 0;
        counts[i] = (f & SPACE == 0) as u64
            | ((f & COMMA != 0) as u64) << COUNT_BITS
            | ((f & STOP != 0) as u64) << (2 * COUNT_BITS)
            | ((word && !in_word) as u64) << (3 * COUNT_BITS);
        next[i] = word || (f & KEEPS_WORD != 0 && in_word);
        i += 1;
    }
    (counts, next)
};

/// Counts words, characters and punctuation in `text`.
///
/// Reads the bytes: a run of ASCII is counted from [`ASCII_STEPS`], two
/// loads a byte and no branch on its class (the word boundaries of prose
/// made the char loop mispredict); a byte above ASCII starts a char that
/// is classified as in [`char_stats`]. Gives what [`char_stats`] gives.
pub(crate) fn stats(text: &str) -> TextStats {
    if text.len() > BYTE_LOOP_MAX_BYTES {
        return char_stats(text);
    }
    let bytes = text.as_bytes();
    let mut tally = Tally::default();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] < 0x80 {
            at = tally.ascii(bytes, at);
        } else {
            let c = text[at..]
                .chars()
                .next()
                .expect("a byte above ASCII starts a char here");
            tally.char(c);
            at += c.len_utf8();
        }
    }
    tally.counts
}

/// The counts of [`stats`] and [`char_stats`] so far.
#[derive(Default)]
struct Tally {
    counts: TextStats,
    /// A word is going on: the last char that does not keep the word state
    /// (see [`KEEPS_WORD`]) was part of one.
    in_word: bool,
}

impl Tally {
    /// Counts the ASCII bytes of `bytes` from `from` (at most
    /// [`ASCII_PIECE_MAX`] of them); returns where it stopped. The piece's
    /// words are added as one sum (exact: see [`BYTE_LOOP_MAX_BYTES`]).
    fn ascii(&mut self, bytes: &[u8], from: usize) -> usize {
        let (counts, next) = &ASCII_STEPS;
        let piece = &bytes[from..bytes.len().min(from + ASCII_PIECE_MAX)];
        let mut packed = 0u64;
        let mut in_word = usize::from(self.in_word);
        let mut len = 0;
        for &b in piece {
            if b >= 0x80 {
                break;
            }
            let step = in_word << 7 | usize::from(b);
            packed += counts[step];
            in_word = usize::from(next[step]);
            len += 1;
        }
        let count = |i: u32| ((packed >> (i * COUNT_BITS)) & ((1 << COUNT_BITS) - 1)) as u32;
        self.counts.chars += count(0);
        self.counts.commas += count(1);
        self.counts.stops += count(2);
        self.counts.words += count(3) as f32;
        self.in_word = in_word != 0;
        from + len
    }

    /// Counts one char: the rules of word counting, char by char.
    fn char(&mut self, c: char) {
        let class = classify(c);
        let s = &mut self.counts;
        if !matches!(class, CharClass::Space) {
            s.chars += 1;
        }
        self.in_word = match class {
            CharClass::Word => {
                if !self.in_word {
                    s.words += 1.0;
                }
                true
            }
            CharClass::Syllabic(w) => {
                s.words += w;
                false
            }
            CharClass::Comma => {
                s.commas += 1;
                false
            }
            CharClass::Stop => {
                s.stops += 1;
                // "3.5" and "e.g" stay one word.
                self.in_word
            }
            // Apostrophes and hyphens join words ("don't", "e-mail").
            CharClass::Other if self.in_word && matches!(c, '\'' | '’' | '-') => true,
            CharClass::Space | CharClass::Other => false,
        };
    }
}

/// [`stats`] char by char, every word-equivalent added in text order: for
/// texts too long for the byte loop, and its reference in tests.
fn char_stats(text: &str) -> TextStats {
    let mut tally = Tally::default();
    text.chars().for_each(|c| tally.char(c));
    tally.counts
}

/// Word-equivalents in `text`.
pub(crate) fn count(text: &str) -> f32 {
    stats(text).words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::random_texts;

    #[test]
    fn english_words() {
        assert_eq!(count("Don't stop: it's 3.5 e-mails, not four!"), 7.0);
    }

    #[test]
    fn chinese_counts_characters() {
        // Thirteen characters, about six words.
        assert_eq!(count("我们今天去北京看天安门广场"), 6.5);
    }

    #[test]
    fn thai_counts_characters() {
        assert_eq!(count("ภาษาไทย"), 7.0 * WORDS_PER_SOUTHEAST_ASIAN_CHAR);
    }

    #[test]
    fn punctuation_in_many_scripts() {
        let s = stats("一，二。Три, четыре. ثلاثة، أربعة؟");
        assert_eq!((s.commas, s.stops), (3, 3));
    }

    #[test]
    fn ascii_shortcut_agrees_with_the_general_rules() {
        for byte in 0u8..=0x7F {
            let c = char::from(byte);
            let general = if c.is_whitespace() {
                "space"
            } else if c == ',' {
                "comma"
            } else if matches!(c, '.' | '!' | '?') {
                "stop"
            } else if c.is_alphanumeric() {
                "word"
            } else {
                "other"
            };
            let shortcut = match classify(c) {
                CharClass::Space => "space",
                CharClass::Comma => "comma",
                CharClass::Stop => "stop",
                CharClass::Word => "word",
                CharClass::Other => "other",
                CharClass::Syllabic(_) => "syllabic",
            };
            assert_eq!(shortcut, general, "{c:?}");
        }
    }

    #[test]
    fn ascii_spaces_are_the_whitespace_bytes() {
        for b in 0..=u8::MAX {
            assert_eq!(
                is_ascii_space(b),
                b.is_ascii() && char::from(b).is_whitespace(),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn byte_loop_agrees_with_the_char_loop() {
        // Every kind of char the rules tell apart, and the ones that join or
        // keep words, in runs and pairs drawn from a fixed sequence.
        let pool = "aZ09 \t\n\r\u{b}\u{c},.!?'-’_;:()\"/é日本かカ한ภາ\u{1000}\u{1780}\u{a0}\u{3000}\u{2028}，、،。！？؟।…Жع\u{85}";
        for text in random_texts(pool, 24, 20_000) {
            assert_eq!(stats(&text), char_stats(&text), "{text:?}");
        }
        // Longer than a piece of ASCII counted at once, with words across
        // the pieces' ends.
        let ascii: String = pool.chars().filter(char::is_ascii).collect();
        let long = random_texts(&ascii, 64, 8_192).collect::<Vec<_>>().concat();
        assert!(long.len() > 2 * ASCII_PIECE_MAX);
        assert_eq!(stats(&long), char_stats(&long));
        let words = "word-".repeat(ASCII_PIECE_MAX / 2);
        assert_eq!(stats(&words), char_stats(&words));
        // A piece ends right before a char that joins words.
        for joiner in ["'", "-", ".", "’"] {
            let text = format!("{}{joiner}b", "a".repeat(ASCII_PIECE_MAX));
            assert_eq!(stats(&text), char_stats(&text), "{joiner:?}");
        }
        for text in [
            "",
            "don't",
            "3.5 e-mails",
            "-a",
            "a-",
            "a.'-b",
            "'a",
            "日本a",
            "a日本",
            "ภาษาไทย a, b.",
        ] {
            assert_eq!(stats(text), char_stats(text), "{text:?}");
        }
    }
}
