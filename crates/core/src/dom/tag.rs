//! The tags the engine reasons about, as a small enum so that comparing tags is
//! one integer compare (lol-html packs tag names the same way). Every other
//! element is [`Tag::Other`]; its name stays available as a string.

use html5ever::{local_name, ns, QualName};

macro_rules! tags {
    ($($variant:ident => $name:tt,)*) => {
        /// An HTML element kind known to the engine.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum Tag {
            $(#[allow(missing_docs)] $variant,)*
            /// An element not in the list (custom elements, rare tags).
            Other,
            /// An element in the SVG namespace.
            Svg,
            /// An element in the MathML namespace.
            Math,
        }

        impl Tag {
            /// The tag of an element with qualified name `name`.
            pub(crate) fn of(name: &QualName) -> Tag {
                if name.ns == ns!(svg) {
                    return Tag::Svg;
                }
                if name.ns == ns!(mathml) {
                    return Tag::Math;
                }
                match name.local {
                    $(local_name!($name) => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }
        }
    };
}

tags! {
    Html => "html", Head => "head", Body => "body", Title => "title", Meta => "meta",
    Link => "link", Base => "base", Script => "script", Style => "style",
    Noscript => "noscript", Template => "template",
    Iframe => "iframe", Frame => "frame", Frameset => "frameset", Object => "object",
    Embed => "embed", Canvas => "canvas", Video => "video", Audio => "audio",
    Source => "source", Track => "track", Map => "map", Area => "area", Param => "param",
    Img => "img", Picture => "picture",
    Form => "form", Input => "input", Button => "button", Select => "select",
    Option => "option", Optgroup => "optgroup", Textarea => "textarea", Label => "label",
    Fieldset => "fieldset", Legend => "legend", Datalist => "datalist", Output => "output",
    Progress => "progress", Meter => "meter", Dialog => "dialog",
    Main => "main", Article => "article", Section => "section", Nav => "nav",
    Aside => "aside", Header => "header", Footer => "footer", Div => "div",
    Address => "address", Hgroup => "hgroup", Figure => "figure",
    Figcaption => "figcaption", Details => "details", Summary => "summary", Menu => "menu",
    Center => "center",
    P => "p", H1 => "h1", H2 => "h2", H3 => "h3", H4 => "h4", H5 => "h5", H6 => "h6",
    Pre => "pre", Blockquote => "blockquote", Ul => "ul", Ol => "ol", Li => "li",
    Dl => "dl", Dt => "dt", Dd => "dd", Hr => "hr", Br => "br",
    Table => "table", Caption => "caption", Thead => "thead", Tbody => "tbody",
    Tfoot => "tfoot", Tr => "tr", Td => "td", Th => "th", Colgroup => "colgroup", Col => "col",
    A => "a", Span => "span", Em => "em", Strong => "strong", B => "b", I => "i", U => "u",
    S => "s", Small => "small", Big => "big", Code => "code", Kbd => "kbd", Samp => "samp",
    Var => "var", Sub => "sub", Sup => "sup", Mark => "mark", Q => "q", Cite => "cite",
    Abbr => "abbr", Time => "time", Font => "font", Wbr => "wbr", Del => "del", Ins => "ins",
    Tt => "tt", Strike => "strike", Dfn => "dfn", Bdi => "bdi", Bdo => "bdo", Ruby => "ruby",
    Rt => "rt", Rp => "rp", Data => "data",
}

impl Tag {
    /// True for elements that start a new text block: their text never runs on
    /// with the text before or after them.
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Html | Body
                | Main
                | Article
                | Section
                | Nav
                | Aside
                | Header
                | Footer
                | Div
                | Address
                | Hgroup
                | Figure
                | Figcaption
                | Details
                | Summary
                | Menu
                | Center
                | P
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Pre
                | Blockquote
                | Ul
                | Ol
                | Li
                | Dl
                | Dt
                | Dd
                | Hr
                | Table
                | Caption
                | Thead
                | Tbody
                | Tfoot
                | Tr
                | Td
                | Th
                | Form
                | Fieldset
                | Legend
                | Dialog
                | Frameset
                | Frame
                | Iframe
                | Video
                | Audio
                | Canvas
                | Object
                | Embed
                | Select
                | Textarea
                | Noscript
                | Title
        )
    }

    /// The heading level 1–6 of `h1`…`h6`, else `None`.
    pub(crate) fn heading_level(self) -> Option<u8> {
        Some(match self {
            Tag::H1 => 1,
            Tag::H2 => 2,
            Tag::H3 => 3,
            Tag::H4 => 4,
            Tag::H5 => 5,
            Tag::H6 => 6,
            _ => return None,
        })
    }
}
