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

use crate::dom::{Document, NodeId};
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

/// Which attributes of an element are read for hints.
#[derive(Debug, Clone, Copy)]
pub(super) enum Attributes {
    /// `class` (the category-list test).
    Class,
    /// `class` and `id` (the date walks).
    ClassAndId,
    /// `class`, `id`, `itemprop` and `rel` (the byline walk: microdata
    /// `itemprop="author"` and `rel="author"` name bylines too).
    Naming,
}

/// Bits per attribute group in an element's packed entry: every hint bit
/// fits in one group.
const GROUP_BITS: u32 = 8;
const _: () = assert!(CATEGORY_LIST < 1 << GROUP_BITS);
/// Shift of the `id` bits and of the `itemprop`/`rel` bits in an entry.
const ID_SHIFT: u32 = GROUP_BITS;
const NAMING_SHIFT: u32 = 2 * GROUP_BITS;
const GROUP_MASK: u32 = (1 << GROUP_BITS) - 1;
/// Set in an element's entry once its attributes have been read.
const READ: u32 = 1 << 31;

/// The hint bits of a page's elements, each element's attributes read once
/// and each distinct attribute value searched once.
pub(super) struct NameHints<'a> {
    doc: &'a Document,
    /// Per node: the bits of its `class`, `id` and `itemprop`/`rel` packed
    /// in groups of [`GROUP_BITS`], and [`READ`]; 0 until first asked.
    elements: Vec<u32>,
    /// Bits of every attribute value seen so far. (foldhash, as in
    /// `semantics::NameCache`: the standard SipHash would cost about as much
    /// as the search it saves on short names.)
    known: HashMap<&'a str, u32, foldhash::fast::RandomState>,
}

impl<'a> NameHints<'a> {
    /// No element of `doc` read yet.
    pub(super) fn new(doc: &'a Document) -> Self {
        NameHints {
            doc,
            elements: vec![0; doc.len()],
            known: HashMap::default(),
        }
    }

    /// The hint bits found in the `attributes` of node `id` (0 for a node
    /// that is no element).
    pub(super) fn of(&mut self, id: NodeId, attributes: Attributes) -> u32 {
        let mut entry = self.elements[id.index()];
        if entry & READ == 0 {
            entry = READ | self.read(id);
            self.elements[id.index()] = entry;
        }
        let (class, id, naming) = (
            entry & GROUP_MASK,
            (entry >> ID_SHIFT) & GROUP_MASK,
            (entry >> NAMING_SHIFT) & GROUP_MASK,
        );
        match attributes {
            Attributes::Class => class,
            Attributes::ClassAndId => class | id,
            Attributes::Naming => class | id | naming,
        }
    }

    /// The packed bits of element `id`'s attributes.
    fn read(&mut self, id: NodeId) -> u32 {
        let Some(el) = self.doc.element(id) else { return 0 };
        let mut entry = 0;
        for (name, value) in el.attrs() {
            let shift = match name {
                "class" => 0,
                "id" => ID_SHIFT,
                "itemprop" | "rel" => NAMING_SHIFT,
                _ => continue,
            };
            let bits = *self
                .known
                .entry(value)
                .or_insert_with(|| HINT_PHRASES.lists_in(value));
            entry |= bits << shift;
        }
        entry
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
        let mut hints = NameHints::new(&doc);
        assert_eq!(
            hints.of(div, Attributes::Class),
            BYLINE | FOREIGN_REGION | DATELINE
        );
        assert_eq!(
            hints.of(div, Attributes::ClassAndId),
            BYLINE | FOREIGN_REGION | PUBLISHED | DATELINE
        );
        assert_eq!(
            hints.of(div, Attributes::Naming),
            BYLINE | FOREIGN_REGION | PUBLISHED | DATELINE
        );
        assert_eq!(hints.of(doc.root(), Attributes::Naming), 0);
        let span = dom::parse(r#"<span rel="author" data-x="comment">"#, 1000).expect("parses");
        let id = (span.descendants(span.root()))
            .find(|&id| span.tag(id) == Some(Tag::Span))
            .expect("span");
        let mut hints = NameHints::new(&span);
        assert_eq!(hints.of(id, Attributes::ClassAndId), 0);
        assert_eq!(hints.of(id, Attributes::Naming), BYLINE);
    }
}
