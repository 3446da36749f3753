//! The page title returned beside the text: the headline when the page has
//! one, else the `<title>` without its site-name part.

use crate::dom::{Document, Tag};
use crate::segment::{Block, BlockKind};
use crate::select::Selection;

/// Separators between a title and the site name ("Story - Site", "Site | Story").
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// The page's title; see the module doc.
pub(crate) fn title(doc: &Document, blocks: &[Block], selection: &Selection) -> String {
    if let Some(b) = blocks
        .iter()
        .zip(&selection.main)
        .find(|(b, &k)| k && b.kind == BlockKind::Heading(1))
        .map(|(b, _)| b)
    {
        return b.text.replace('\n', " ");
    }
    let Some(head) = doc.head() else {
        return String::new();
    };
    let Some(title) = doc.children(head).find(|&c| doc.tag(c) == Some(Tag::Title)) else {
        return String::new();
    };
    let raw: String = doc.children(title).filter_map(|c| doc.text(c)).collect();
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    strip_site_name(&raw).to_owned()
}

/// Removes a site name joined to the title by a separator: the longer side is
/// the title.
fn strip_site_name(title: &str) -> &str {
    for sep in SITE_SEPARATORS {
        if let Some((a, b)) = title.split_once(sep) {
            return if a.len() >= b.len() { a.trim() } else { b.trim() };
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name_is_removed() {
        assert_eq!(
            strip_site_name("Rain expected all week - Daily News"),
            "Rain expected all week"
        );
        assert_eq!(
            strip_site_name("Daily News | Rain expected all week"),
            "Rain expected all week"
        );
        assert_eq!(strip_site_name("Plain title"), "Plain title");
    }
}
