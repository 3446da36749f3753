//! What an element's `class`, `id`, `itemprop` and `rel` say about it: "this
//! is a byline", "a publication date", "a comment thread, whose dates and
//! names are not the page's"…
//!
//! The byline, `<time>` and dateline walks and the category-list test ask
//! these questions of the same elements, and a page repeats the same few
//! class names on many elements. So every hint list is one bit of a single
//! [`Phrases`] set, and [`NameHints`] remembers the bits of each attribute
//! value it has seen on the page: each distinct value is searched once, and
//! a walk then reads bits (the searches were about a tenth of the metadata
//! stage when each walk ran its own).

use std::collections::HashMap;

use crate::dom::Element;
use crate::phrases::Phrases;

use super::{authors, dates, meta_tags};

/// Bit of [`authors::BYLINE_HINTS`]: byline markup.
pub(super) const BYLINE: u32 = 1 << 0;
/// Bit of [`FOREIGN_REGION_HINTS`]: a region whose names and dates are not
/// the page's.
pub(super) const FOREIGN_REGION: u32 = 1 << 1;
/// Bit of [`dates::PUBLISHED_CLASS_HINTS`]: the publication date.
pub(super) const PUBLISHED: u32 = 1 << 2;
/// Bit of [`dates::DATELINE_CLASS_HINTS`]: a byline or dateline that may
/// hold the date as words.
pub(super) const DATELINE: u32 = 1 << 3;
/// Bit of [`dates::OTHER_DATE_HINTS`]: a line giving another date.
pub(super) const OTHER_DATE: u32 = 1 << 4;
/// Bit of [`meta_tags::CATEGORY_LIST_CLASSES`]: a theme's list of the
/// post's categories.
pub(super) const CATEGORY_LIST: u32 = 1 << 5;

/// Every hint list, in the order of their bits.
static HINT_PHRASES: Phrases = Phrases::new(&[
    authors::BYLINE_HINTS,
    FOREIGN_REGION_HINTS,
    dates::PUBLISHED_CLASS_HINTS,
    dates::DATELINE_CLASS_HINTS,
    dates::OTHER_DATE_HINTS,
    meta_tags::CATEGORY_LIST_CLASSES,
]);

/// Words in a `class`/`id` of a region whose names and dates are not the
/// page's: comment threads, author bios and lists of related stories,
/// sidebars and footers.
const FOREIGN_REGION_HINTS: &[&str] = &["comment", "related", "sidebar", "footer", "reply", "recommend"];

/// The attribute read for hints by the category-list test.
pub(super) const CLASS: &[&str] = &["class"];

/// The attributes read for hints by the date walks.
pub(super) const CLASS_AND_ID: &[&str] = &["class", "id"];

/// The attributes read for hints by the byline walk: microdata
/// (`itemprop="author"`) and link relations (`rel="author"`) name bylines
/// too.
pub(super) const NAMING_ATTRIBUTES: &[&str] = &["class", "id", "itemprop", "rel"];

/// The hint bits of a page's attribute values, each value searched once.
#[derive(Default)]
pub(super) struct NameHints<'a> {
    /// Bits of every attribute value seen so far. (foldhash, as in
    /// `semantics::NameCache`: the standard SipHash would cost about as much
    /// as the search it saves on short names.)
    known: HashMap<&'a str, u32, foldhash::fast::RandomState>,
}

impl<'a> NameHints<'a> {
    /// The hint bits found in `el`'s attributes named in `attributes` (see
    /// [`CLASS_AND_ID`], [`NAMING_ATTRIBUTES`]).
    pub(super) fn of(&mut self, el: &'a Element, attributes: &[&str]) -> u32 {
        let mut bits = 0;
        for (name, value) in el.attrs() {
            if attributes.contains(&name) {
                bits |= *self
                    .known
                    .entry(value)
                    .or_insert_with(|| HINT_PHRASES.lists_in(value));
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{self, Tag};

    #[test]
    fn bits_of_the_named_attributes_only() {
        let doc = dom::parse(
            r#"<div class="Post-Byline related" id="entry-date" rel="author" data-x="comment"></div>"#,
            1000,
        )
        .expect("parses");
        let div = (doc.descendants(doc.root()))
            .find(|&id| doc.tag(id) == Some(Tag::Div))
            .expect("div");
        let el = doc.element(div).expect("element");
        let mut hints = NameHints::default();
        assert_eq!(
            hints.of(el, CLASS_AND_ID),
            BYLINE | FOREIGN_REGION | PUBLISHED | DATELINE
        );
        assert_eq!(hints.of(el, &["rel"]), BYLINE);
        assert_eq!(hints.of(el, &["data-x"]), FOREIGN_REGION);
        assert_eq!(hints.of(el, &["title"]), 0);
    }
}
