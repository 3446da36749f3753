//! The explain view: an [`Explanation`] as one self-contained HTML page
//! (inline CSS, no script, no external fetch), the page's text blocks in
//! document order, indented by their nesting and coloured by verdict, each
//! with its score and the signals that decided it.
//!
//! The page's text is untrusted: every piece of it is escaped, and the view
//! also forbids scripts and fetches by its own Content-Security-Policy.

use std::fmt::Write;

use super::{ExplainedBlock, Explanation, Signal, Verdict};
use crate::options::Focus;

/// Nesting levels shown as indentation; deeper blocks line up at this one,
/// so that a 40-deep layout still leaves room for the text.
const MAX_INDENT_LEVELS: usize = 16;

/// Indentation per nesting level, in em: enough to see the structure, small
/// enough for sixteen levels on a laptop screen.
const INDENT_EM: f32 = 0.9;

/// Signals that moved a block by less than this (in logit) are not named as
/// a reason: the scorer's smallest weights are 0.2 to 0.5 per signal.
const MIN_CAUSE_LOGIT: f32 = 0.5;

/// How many signals a block's reason line names: the strongest ones.
const MAX_CAUSES: usize = 3;

/// Every verdict, in the legend's order.
const VERDICTS: [Verdict; 6] = [
    Verdict::Kept,
    Verdict::Headline,
    Verdict::LowScore,
    Verdict::OutsideRegion,
    Verdict::Comment,
    Verdict::NoMainContent,
];

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fff}
header{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:.6em 1.2em;z-index:1}
h1{font-size:1.1em;margin:0 0 .3em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:0 0 .5em}
dt{color:#666}dd{margin:0;word-break:break-word}
.legend{display:flex;flex-wrap:wrap;gap:.4em;margin:0;padding:0;list-style:none}
.legend li{padding:.1em .6em;border-left-width:5px;border-left-style:solid;border-radius:3px;font-size:.9em}
main{padding:.8em 1.2em}
.b{border-left:5px solid;border-radius:3px;margin:.35em 0;padding:.25em .6em}
.m{font-size:.78em;color:#555;display:flex;flex-wrap:wrap;gap:.2em .8em}
.score{font-family:ui-monospace,monospace;font-weight:600;color:#1d1d1f}
.path{font-family:ui-monospace,monospace;word-break:break-all}
.t{white-space:pre-line;word-break:break-word}
.why{font-size:.85em;margin-top:.15em}
details{font-size:.8em;color:#444}
summary{cursor:pointer;color:#777}
table{border-collapse:collapse;margin:.2em 0}
td{padding:0 .6em 0 0;vertical-align:top}
td.n{font-family:ui-monospace,monospace;text-align:right}
.k-heading .t{font-weight:650;font-size:1.2em}
.k-list-item .t::before{content:'\\2022  '}
.k-preformatted .t{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9em}
.k-caption .t{font-style:italic}
.k-table-cell .t{font-size:.95em}
.v-kept{background:#e8f5e9;border-color:#2e7d32}
.v-headline{background:#e3f2fd;border-color:#1565c0}
.v-low-score{background:#fff3e0;border-color:#ef6c00}
.v-outside-region{background:#f2f2f2;border-color:#9e9e9e;color:#555}
.v-comment{background:#f3e5f5;border-color:#7b1fa2}
.v-no-main-content{background:#fdecea;border-color:#c62828}
";

impl Explanation {
    /// The explanation as a self-contained HTML page: a summary (title,
    /// confidence, words kept and dropped, focus, main region), a legend,
    /// then every text block in document order, indented by its nesting,
    /// coloured by its [`Verdict`], with its score and the main reasons for
    /// its verdict. This is what `dechaff explain page.html` writes.
    ///
    /// All of the page's text is escaped: the view is safe to open whatever
    /// the page held.
    ///
    /// ```
    /// let extractor = dechaff::Extractor::new(dechaff::Options::default())?;
    /// let page = b"<nav><a href=/>Home</a> <a href=/news>News</a></nav><article>
    ///   <p>Forecasters said on Monday that heavy rain would fall across the region for the
    ///   rest of the week, with flooding possible in low-lying areas.</p></article>";
    /// let view = extractor.explain(dechaff::Input::new(page))?.to_html();
    /// assert!(view.starts_with("<!DOCTYPE html>"));
    /// assert!(view.contains("Forecasters said on Monday"));
    /// # Ok::<(), dechaff::Error>(())
    /// ```
    pub fn to_html(&self) -> String {
        let mut out =
            String::with_capacity(4096 + self.blocks.iter().map(|b| b.text.len() * 2).sum::<usize>());
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        out.push_str(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'\">\n",
        );
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<title>dechaff explain: ");
        escape_into(
            &mut out,
            if self.title.is_empty() {
                "(untitled page)"
            } else {
                &self.title
            },
        );
        out.push_str("</title>\n<style>");
        out.push_str(STYLE);
        out.push_str("</style></head>\n<body>\n");
        self.summary(&mut out);
        out.push_str("<main>\n");
        let base = self.blocks.iter().map(|b| b.depth).min().unwrap_or(0);
        for block in &self.blocks {
            block_html(&mut out, block, base);
        }
        if self.blocks.is_empty() {
            out.push_str("<p>The page has no text blocks.</p>\n");
        }
        out.push_str("</main>\n</body></html>\n");
        out
    }

    /// The header: what the page is and what became of it, and the legend.
    fn summary(&self, out: &mut String) {
        let (mut kept_words, mut dropped_words, mut kept_blocks) = (0.0f32, 0.0f32, 0usize);
        for b in &self.blocks {
            if b.kept {
                kept_words += b.words;
                kept_blocks += 1;
            } else {
                dropped_words += b.words;
            }
        }
        out.push_str("<header>\n<h1>Why dechaff kept what it kept</h1>\n<dl>\n");
        let mut row = |name: &str, value: &str| {
            let _ = write!(out, "<dt>{name}</dt><dd>");
            escape_into(out, value);
            out.push_str("</dd>\n");
        };
        row(
            "Title",
            if self.title.is_empty() {
                "(none)"
            } else {
                &self.title
            },
        );
        row("Confidence", &format!("{:.2}", self.confidence));
        row(
            "Words",
            &format!(
                "{:.0} kept, {:.0} dropped ({kept_blocks} of {} blocks kept)",
                kept_words,
                dropped_words,
                self.blocks.len()
            ),
        );
        row("Focus", focus_name(self.focus));
        row(
            "Main region",
            self.region
                .as_deref()
                .unwrap_or("none: the page has no main content"),
        );
        row("Encoding", self.encoding);
        out.push_str("</dl>\n<ul class=\"legend\">\n");
        for verdict in VERDICTS {
            let count = self.blocks.iter().filter(|b| b.verdict == verdict).count();
            let _ = writeln!(
                out,
                "<li class=\"v-{}\">{} ({count})</li>",
                verdict_class(verdict),
                legend_name(verdict)
            );
        }
        out.push_str("</ul>\n</header>\n");
    }
}

/// One block: verdict, kind, score and path, then the text, the reasons and
/// every signal.
fn block_html(out: &mut String, block: &ExplainedBlock, base: usize) {
    let level = block.depth.saturating_sub(base).min(MAX_INDENT_LEVELS);
    let _ = write!(
        out,
        "<div class=\"b v-{} k-{}\" style=\"margin-left:{:.1}em\">\n<div class=\"m\">\
         <span>{}</span><span>{}</span><span class=\"score\">score {:+.2}</span><span class=\"path\">",
        verdict_class(block.verdict),
        block.kind.replace(' ', "-"),
        level as f32 * INDENT_EM,
        if block.kept { "kept" } else { "dropped" },
        block.kind,
        block.score,
    );
    escape_into(out, &block.path);
    out.push_str("</span></div>\n<div class=\"t\">");
    escape_into(out, &block.text);
    out.push_str("</div>\n<div class=\"why\">");
    escape_into(out, block.reason);
    for signal in causes(block) {
        out.push_str(" · ");
        signal_line(out, signal);
    }
    out.push_str("</div>\n<details><summary>signals</summary><table>\n");
    for signal in &block.signals {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{:+.2}</td><td>",
            signal.kind.label(),
            signal.logit
        );
        escape_into(out, &signal.detail);
        out.push_str("</td></tr>\n");
    }
    let _ = write!(
        out,
        "<tr><td>score</td><td class=\"n\">{:+.2}</td><td>the sum</td></tr>\n</table></details>\n</div>\n",
        block.score
    );
}

/// The signals that pushed the block the way its verdict went, strongest
/// first: the negative ones of a dropped block, the positive ones of a kept
/// one.
pub(super) fn causes(block: &ExplainedBlock) -> Vec<&Signal> {
    let sign = if block.kept { 1.0 } else { -1.0 };
    let mut causes: Vec<&Signal> = block
        .signals
        .iter()
        .filter(|s| s.logit * sign >= MIN_CAUSE_LOGIT)
        .collect();
    causes.sort_by(|a, b| (b.logit * sign).total_cmp(&(a.logit * sign)));
    causes.truncate(MAX_CAUSES);
    causes
}

/// `link density -5.52 (92% of the words are links)`.
fn signal_line(out: &mut String, signal: &Signal) {
    let _ = write!(out, "{} {:+.2}", signal.kind.label(), signal.logit);
    if !signal.detail.is_empty() {
        out.push_str(" (");
        escape_into(out, &signal.detail);
        out.push(')');
    }
}

fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Kept => "kept",
        Verdict::Headline => "headline",
        Verdict::NoMainContent => "no-main-content",
        Verdict::OutsideRegion => "outside-region",
        Verdict::Comment => "comment",
        Verdict::LowScore => "low-score",
    }
}

fn legend_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Kept => "kept",
        Verdict::Headline => "kept: headline",
        Verdict::NoMainContent => "dropped: no main content",
        Verdict::OutsideRegion => "dropped: outside the main region",
        Verdict::Comment => "dropped: comments",
        Verdict::LowScore => "dropped: low score in the region",
    }
}

fn focus_name(focus: Focus) -> &'static str {
    match focus {
        Focus::Balanced => "balanced",
        Focus::Precision => "precision",
        Focus::Recall => "recall",
    }
}

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe in element
/// content and in quoted attribute values.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        let mut out = String::new();
        escape_into(&mut out, "<script>alert('x' & \"y\")</script>");
        assert_eq!(
            out,
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
    }
}
