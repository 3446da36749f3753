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

/// The class of an ASCII character, from its byte alone (the same answers
/// as the general rules of [`classify`], which are ten times slower on it).
const fn ascii_class(b: u8) -> CharClass {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => CharClass::Space,
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

/// Counts words, characters and punctuation in `text`.
pub(crate) fn stats(text: &str) -> TextStats {
    let mut s = TextStats::default();
    let mut in_word = false;
    for c in text.chars() {
        let class = classify(c);
        if !matches!(class, CharClass::Space) {
            s.chars += 1;
        }
        in_word = match class {
            CharClass::Word => {
                if !in_word {
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
                in_word
            }
            // Apostrophes and hyphens join words ("don't", "e-mail").
            CharClass::Other if in_word && matches!(c, '\'' | '’' | '-') => true,
            CharClass::Space | CharClass::Other => false,
        };
    }
    s
}

/// Word-equivalents in `text`.
pub(crate) fn count(text: &str) -> f32 {
    stats(text).words
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
