//! The kept content as Markdown: CommonMark, with GitHub's tables.
//!
//! - headings as `#`…`######`; paragraphs and blocks separated by a blank
//!   line; `<br>` as a hard break (two spaces and a newline);
//! - `*em*`, `**strong**`, `` `code` ``, `[text](url)`, `![alt](src)`;
//!   `sub` and `sup` as inline HTML, Markdown having none;
//! - lists with `-` or `1.`, nested items indented to their parent's text;
//!   a definition list as `term` lines followed by `: definition` lines;
//! - `> ` block quotes; fenced code blocks with the language when declared;
//! - tables as GitHub tables, the first row as the header, `<br>` in cells;
//!   a caption is a paragraph before its table;
//! - text escaped where Markdown would read it as markup: `\ * _ [ ] < `` ` ``
//!   `~`, an `&` that starts an entity, and `#`, `>`, `-`, `+`, `=` or `1.`
//!   at the start of a line.

use super::tree::{Element, Kind, Node};

/// Indentation of the lines after the first of a definition.
const DEFINITION_INDENT: &str = "  ";

/// The tree as Markdown, without a trailing newline.
pub(crate) fn markdown(root: &Element) -> String {
    flow(&root.children)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A rendered block.
struct Rendered {
    text: String,
    /// The block is a list (which follows an item's text without a blank line).
    list: bool,
}

/// Renders flow content: blocks, and runs of loose inline content as
/// paragraphs.
fn flow(children: &[Node]) -> Vec<Rendered> {
    let mut out = Vec::new();
    let mut run: Vec<&Node> = Vec::new();
    let flush_run = |run: &mut Vec<&Node>, out: &mut Vec<Rendered>| {
        if !run.is_empty() {
            let text = inline(run.iter().copied(), Mode::Paragraph);
            if !text.is_empty() {
                out.push(Rendered { text, list: false });
            }
            run.clear();
        }
    };
    for child in children {
        match child {
            Node::Element(e) if !e.kind.is_inline() => {
                flush_run(&mut run, &mut out);
                block(e, &mut out);
            }
            _ => run.push(child),
        }
    }
    flush_run(&mut run, &mut out);
    out
}

/// Renders one block element, appending what it gives to `out`.
fn block(element: &Element, out: &mut Vec<Rendered>) {
    let mut push = |text: String, list: bool| {
        if !text.is_empty() {
            out.push(Rendered { text, list });
        }
    };
    match element.kind {
        Kind::P | Kind::Caption | Kind::Figcaption | Kind::Dt | Kind::Th | Kind::Td => {
            push(inline(element.children.iter(), Mode::Paragraph), false)
        }
        Kind::H(level) => {
            let text = inline(element.children.iter(), Mode::Heading);
            if !text.is_empty() {
                push(format!("{} {text}", "#".repeat(usize::from(level))), false);
            }
        }
        Kind::Ul | Kind::Ol => push(list(element), true),
        Kind::Dl => push(definitions(element), false),
        Kind::Blockquote => {
            let inner = join_blocks(flow(&element.children));
            let quoted: Vec<String> = inner
                .split('\n')
                .map(|l| {
                    if l.is_empty() {
                        ">".to_owned()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect();
            push(quoted.join("\n"), false);
        }
        Kind::Pre => push(code_block(element), false),
        Kind::Table => {
            for part in element.elements().filter(|e| e.kind == Kind::Caption) {
                push(inline(part.children.iter(), Mode::Paragraph), false);
            }
            push(table(element), false);
        }
        Kind::Li | Kind::Dd | Kind::Figure | Kind::Root => out.extend(flow(&element.children)),
        _ => push(inline(element.children.iter(), Mode::Paragraph), false),
    }
}

/// Joins blocks with blank lines.
fn join_blocks(blocks: Vec<Rendered>) -> String {
    blocks
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A list's items, one per line, their continuation lines indented to the
/// item's text.
fn list(element: &Element) -> String {
    let ordered = element.kind == Kind::Ol;
    let mut number = element.start;
    let mut items = Vec::new();
    for item in element.elements() {
        let body = item_body(item);
        if body.is_empty() {
            continue;
        }
        let marker = if ordered {
            format!("{number}. ")
        } else {
            "- ".to_owned()
        };
        number += 1;
        items.push(indent_after_first(&body, &marker, &" ".repeat(marker.len())));
    }
    items.join("\n")
}

/// The content of a list item or definition: its first block on the
/// marker's line, a nested list right under it, other blocks after a blank
/// line.
fn item_body(item: &Element) -> String {
    let mut body = String::new();
    for (i, block) in flow(&item.children).into_iter().enumerate() {
        if i > 0 {
            body.push_str(if block.list { "\n" } else { "\n\n" });
        }
        body.push_str(&block.text);
    }
    body
}

/// `text` with `first` before its first line and `rest` before its other
/// non-empty lines.
fn indent_after_first(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + first.len());
    for (i, line) in text.split('\n').enumerate() {
        if i == 0 {
            out.push_str(first);
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(rest);
            }
        }
        out.push_str(line);
    }
    out
}

/// A definition list: each term on its line, each definition after `: `,
/// a blank line before each new group of terms. A definition whose term was
/// not kept is a paragraph of its own.
fn definitions(element: &Element) -> String {
    let mut out = String::new();
    // The kind of the last part written, if it belongs to a group with a term.
    let mut last: Option<Kind> = None;
    for part in element.elements() {
        let body = item_body(part);
        if body.is_empty() {
            continue;
        }
        let in_group =
            part.kind == Kind::Dd && last.is_some() || part.kind == Kind::Dt && last == Some(Kind::Dt);
        if !out.is_empty() {
            out.push_str(if in_group { "\n" } else { "\n\n" });
        }
        if part.kind == Kind::Dd && last.is_some() {
            out.push_str(&indent_after_first(&body, ": ", DEFINITION_INDENT));
        } else {
            out.push_str(&body);
        }
        last = (part.kind == Kind::Dt || last.is_some()).then_some(part.kind);
    }
    out
}

/// A fenced code block, the fence longer than any run of backticks inside.
fn code_block(element: &Element) -> String {
    let code = element.text();
    let longest = longest_run(&code, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    let lang = element.lang.as_deref().unwrap_or("");
    format!("{fence}{lang}\n{code}\n{fence}")
}

/// The length of the longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A GitHub table: the first row is the header, rows padded to the widest.
fn table(element: &Element) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for part in element.elements() {
        let row_elements: Vec<&Element> = match part.kind {
            Kind::Tr => vec![part],
            Kind::Thead | Kind::Tbody => part.elements().filter(|r| r.kind == Kind::Tr).collect(),
            _ => continue,
        };
        for row in row_elements {
            rows.push(
                row.elements()
                    .map(|cell| inline(cell.children.iter(), Mode::Cell))
                    .collect(),
            );
        }
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let line = |cells: &[String]| {
        let mut line = String::from("|");
        for i in 0..columns {
            line.push(' ');
            line.push_str(cells.get(i).map_or("", String::as_str));
            line.push_str(" |");
        }
        line
    };
    let mut out = vec![line(&rows[0])];
    out.push(format!("|{}", " --- |".repeat(columns)));
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}

/// Where inline content goes, which decides how breaks and some
/// characters are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A paragraph: `<br>` is a hard line break.
    Paragraph,
    /// A heading, one line: `<br>` is a space, `#` escaped.
    Heading,
    /// A table cell, one line: `<br>` stays `<br>`, `|` escaped.
    Cell,
}

/// Renders inline content.
fn inline<'a>(nodes: impl Iterator<Item = &'a Node>, mode: Mode) -> String {
    let mut writer = Inline::new(mode, true);
    for node in nodes {
        writer.node(node);
    }
    writer.out.trim_end().to_owned()
}

/// True for what CommonMark counts as punctuation when it decides whether
/// `*` opens or closes emphasis (Unicode punctuation and symbols).
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Emphasis just written whose closing `*` comes after punctuation: if a
/// letter follows it, Markdown would not close it there, so both markers
/// then become inline HTML.
struct OpenCloser {
    /// Where the opening marker is in the output, and its length.
    open: (usize, usize),
    /// Where the closing marker is, and its length.
    close: (usize, usize),
    /// The HTML tags that replace them.
    html: (&'static str, &'static str),
}

/// The state of inline rendering.
struct Inline {
    out: String,
    mode: Mode,
    /// Nothing written yet on the current line.
    line_start: bool,
    /// Inside emphasis (`*`) and strong (`**`): nested ones add nothing.
    in_em: bool,
    in_strong: bool,
    /// The emphasis whose closer depends on what follows.
    closer: Option<OpenCloser>,
}

impl Inline {
    /// A writer in `mode`, at the start of a line or not.
    fn new(mode: Mode, line_start: bool) -> Self {
        Inline {
            out: String::new(),
            mode,
            line_start,
            in_em: false,
            in_strong: false,
            closer: None,
        }
    }

    /// Writes one node.
    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => self.text(text),
            Node::Element(e) => self.element(e),
        }
    }

    /// Appends `s` to the output, after settling the emphasis before it.
    fn push(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(closer) = self.closer.take() {
            if s.chars().next().is_some_and(char::is_alphanumeric) {
                let (at, len) = closer.close;
                self.out.replace_range(at..at + len, closer.html.1);
                let (at, len) = closer.open;
                self.out.replace_range(at..at + len, closer.html.0);
            }
        }
        self.out.push_str(s);
    }

    /// Writes markup (not text).
    fn markup(&mut self, s: &str) {
        self.push(s);
        self.line_start = false;
    }

    /// Writes an element's children into a buffer of their own.
    fn children(&mut self, element: &Element) -> String {
        let mut inner = Inline::new(self.mode, self.line_start);
        inner.in_em = self.in_em || matches!(element.kind, Kind::Em | Kind::I);
        inner.in_strong = self.in_strong || matches!(element.kind, Kind::Strong | Kind::B);
        for child in &element.children {
            inner.node(child);
        }
        inner.out
    }

    /// Writes one element.
    fn element(&mut self, element: &Element) {
        match element.kind {
            Kind::Em | Kind::I if self.in_em => self.wrap(element, ("", ""), ("", "")),
            Kind::Strong | Kind::B if self.in_strong => self.wrap(element, ("", ""), ("", "")),
            Kind::Em | Kind::I => self.wrap(element, ("*", "*"), ("<em>", "</em>")),
            Kind::Strong | Kind::B => self.wrap(element, ("**", "**"), ("<strong>", "</strong>")),
            Kind::Sub => self.wrap(element, ("<sub>", "</sub>"), ("<sub>", "</sub>")),
            Kind::Sup => self.wrap(element, ("<sup>", "</sup>"), ("<sup>", "</sup>")),
            Kind::Code => {
                let code = element.text();
                if !code.trim().is_empty() {
                    let span = code_span(&code, self.mode == Mode::Cell);
                    self.markup(&span);
                }
            }
            Kind::Br => match self.mode {
                Mode::Paragraph => {
                    self.push("  \n");
                    self.line_start = true;
                }
                Mode::Heading => self.push(" "),
                Mode::Cell => self.markup("<br>"),
            },
            Kind::A => {
                let text = self.children(element);
                if text.is_empty() {
                    return;
                }
                let url = destination(element.url.as_deref().unwrap_or(""));
                // A `!` just before would make the link an image.
                if let Some(before) = self.out.strip_suffix('!') {
                    let backslashes = before.len() - before.trim_end_matches('\\').len();
                    if backslashes % 2 == 0 {
                        self.out.insert(before.len(), '\\');
                    }
                }
                self.markup(&format!("[{text}]({url})"));
            }
            Kind::Img => {
                let mut alt = Inline::new(self.mode, false);
                alt.text(element.alt.as_deref().unwrap_or(""));
                let url = destination(element.url.as_deref().unwrap_or(""));
                self.markup(&format!("![{}]({url})", alt.out));
            }
            // Blocks have no place inline: their content runs on.
            _ => {
                let inner = self.children(element);
                if !inner.is_empty() {
                    self.markup(&inner);
                }
            }
        }
    }

    /// Writes `element`'s children between the `markers`, or nothing when
    /// they are empty. Where Markdown would not read the markers as
    /// emphasis (after a letter and before punctuation, next to another
    /// `*`), the `html` tags stand in for them.
    fn wrap(&mut self, element: &Element, markers: (&str, &str), html: (&'static str, &'static str)) {
        let inner = self.children(element);
        if inner.trim().is_empty() {
            return;
        }
        let before = self.out.chars().next_back();
        let (first, last) = (inner.chars().next(), inner.chars().next_back());
        let emphasis = markers.0.starts_with('*');
        let opens = !emphasis
            || !(first.is_some_and(is_punctuation) && before.is_some_and(char::is_alphanumeric)
                || first.is_some_and(char::is_whitespace)
                || last.is_some_and(char::is_whitespace)
                || before == Some('*')
                || first == Some('*')
                || last == Some('*'));
        if !opens {
            self.markup(html.0);
            self.markup(&inner);
            self.markup(html.1);
            return;
        }
        self.markup(markers.0);
        let open = (self.out.len() - markers.0.len(), markers.0.len());
        self.markup(&inner);
        self.markup(markers.1);
        if emphasis && last.is_some_and(is_punctuation) {
            self.closer = Some(OpenCloser {
                open,
                close: (self.out.len() - markers.1.len(), markers.1.len()),
                html,
            });
        }
    }

    /// Writes text, escaping what Markdown would read as markup.
    fn text(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        // At the start of a line, the `.` or `)` of a number that would
        // start an ordered list.
        let mut list_number_end = None;
        if self.line_start {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=9).contains(&digits)
                && matches!(chars.get(digits), Some('.' | ')'))
                && chars.get(digits + 1).is_none_or(|c| *c == ' ')
            {
                list_number_end = Some(digits);
            }
        }
        let mut escaped = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let at_line_start = self.line_start && i == 0;
            let escape = match c {
                '\\' | '*' | '`' | '[' | ']' | '<' | '~' => true,
                '_' => !prev.is_some_and(char::is_alphanumeric) || !next.is_some_and(char::is_alphanumeric),
                '&' => starts_entity(&chars[i + 1..]),
                '|' => self.mode == Mode::Cell,
                '#' => at_line_start || self.mode == Mode::Heading,
                '>' | '=' => at_line_start,
                '-' | '+' => at_line_start && next.is_none_or(|n| n == ' ' || n == c),
                '.' | ')' => list_number_end == Some(i),
                _ => false,
            };
            if escape {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        self.push(&escaped);
        if !chars.is_empty() {
            self.line_start = false;
        }
    }
}

/// True when `rest` (what follows an `&`) would make it an entity or a
/// character reference: `amp;`, `#38;`, `#x26;`.
fn starts_entity(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['#']).unwrap_or(rest);
    let name = rest.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    name > 0 && rest.get(name) == Some(&';')
}

/// An inline code span: a fence of backticks longer than any run inside,
/// and a space inside it when the code starts or ends with a backtick.
fn code_span(code: &str, in_cell: bool) -> String {
    let code = code.replace('\n', " ");
    let code = if in_cell { code.replace('|', "\\|") } else { code };
    let fence = "`".repeat(longest_run(&code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// A link destination: the characters Markdown would read otherwise
/// (spaces, parentheses, angle brackets, backslashes, pipes)
/// percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            // A table cell would end at a `|`, even inside a link.
            '|' => out.push_str("%7C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> String {
        inline([Node::Text(t.to_owned())].iter(), Mode::Paragraph)
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(text("2 * 3 = 6"), r"2 \* 3 = 6");
        assert_eq!(text("see [1] and `x`"), r"see \[1\] and \`x\`");
        assert_eq!(text("a_b _c_ d_"), r"a_b \_c\_ d\_");
        assert_eq!(
            text("<script> & &amp; &#38; AT&T"),
            r"\<script> & \&amp; \&#38; AT&T"
        );
        assert_eq!(text("C:\\path ~x"), r"C:\\path \~x");
    }

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(text("# not a heading"), r"\# not a heading");
        assert_eq!(text("> not a quote"), r"\> not a quote");
        assert_eq!(text("- not an item"), r"\- not an item");
        assert_eq!(text("1. not an item"), r"1\. not an item");
        assert_eq!(text("1999. A year"), r"1999\. A year");
        assert_eq!(text("2024 was 1. ok"), "2024 was 1. ok");
        assert_eq!(text("-5 degrees"), "-5 degrees");
        assert_eq!(text("a # b - c"), "a # b - c");
    }

    #[test]
    fn code_spans_fence_their_backticks() {
        assert_eq!(code_span("a", false), "`a`");
        assert_eq!(code_span("a`b", false), "``a`b``");
        assert_eq!(code_span("`a", false), "`` `a ``");
        assert_eq!(code_span("a|b", true), r"`a\|b`");
    }

    #[test]
    fn destinations_are_encoded() {
        assert_eq!(
            destination("https://e.org/Foo_(bar) x|y"),
            "https://e.org/Foo_%28bar%29%20x%7Cy"
        );
    }
}
