//! Measures the metadata against the shared corpora: the reviewed metadata
//! of Mozilla's Readability test pages (`readability-tests/meta.jsonl`) and
//! the page types of WCXB (`wcxb/meta.jsonl`). The tests are `#[ignore]`d
//! (they need the corpora, outside the repository) and print a report:
//!
//! ```text
//! DECHAFF_CORPORA=/path/to/shared/corpora \
//!   cargo test -p dechaff --lib metadata::corpus -- --ignored --nocapture
//! ```
//!
//! (`DECHAFF_CORPORA` defaults to the `shared/corpora` found beside the
//! repository or above it.) `DECHAFF_VERBOSE=1` lists every disagreement.
//!
//! Agreement rules, stated once here:
//! - **title**: equal after [`fold`] (case, whitespace and punctuation
//!   aside), or — since the expected titles keep some site names that this
//!   module is asked to remove — equal to the expected title with whole
//!   separator-delimited parts removed from its start or end (the strict
//!   figure is printed too);
//! - **byline**: the authors joined with ", " and the expected byline, both
//!   folded, one contains the other (the expected bylines keep "By",
//!   roles and dates);
//! - **site name**, **language** (primary subtag): equal after folding;
//! - **published**: the same instant when both carry a time and an offset,
//!   else the same calendar day (exact string equality is printed too).
//!
//! Each figure is over the pages whose expected value is not null. The
//! readability test fails under the targets (title 95%, byline 85%, site
//! name 85%), the WCXB test under 82% page-type accuracy.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{extract, fold, Metadata, PageType};

/// Where the shared corpora are: `DECHAFF_CORPORA`, else the first
/// `shared/corpora` beside or above the crate.
fn corpora_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("DECHAFF_CORPORA") {
        return Some(PathBuf::from(dir));
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/corpora"))
        .find(|p| p.is_dir())
}

/// Each page of a corpus: its `meta.jsonl` row, URL, metadata and the
/// language detected from its text alone (declarations ignored).
fn run_corpus(dir: &Path) -> Vec<(Value, Option<String>, Metadata, Option<String>)> {
    let read_jsonl = |name: &str| -> Vec<Value> {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    };
    let urls: BTreeMap<String, Option<String>> = read_jsonl("index.jsonl")
        .into_iter()
        .filter_map(|v| {
            Some((
                v["id"].as_str()?.to_string(),
                v["url"].as_str().map(str::to_string),
            ))
        })
        .collect();
    let mut out = Vec::new();
    for row in read_jsonl("meta.jsonl") {
        let Some(id) = row["id"].as_str() else { continue };
        let Some(bytes) = read_page(&dir.join("html"), id) else {
            continue;
        };
        let url = urls.get(id).cloned().flatten();
        let Ok(decoded) = crate::decode::decode(&bytes, None) else {
            continue;
        };
        let Ok(doc) = crate::dom::parse(&decoded.text, 10_000_000) else {
            continue;
        };
        let meta = extract(&doc, url.as_deref());
        if verbose() && row.get("page_type").is_some() {
            let tags = super::meta_tags::MetaTags::collect(&doc, &mut super::hints::NameHints::new(&doc));
            let ld = super::json_ld::JsonLd::collect(&doc);
            let page_url = url.as_deref().and_then(|u| url::Url::parse(u).ok());
            let why = super::page_type::explain(
                &doc,
                &tags,
                &ld,
                page_url.as_ref(),
                meta.published.is_some(),
                !meta.authors.is_empty(),
            );
            println!("  {id} {why}");
        }
        let detected = super::language::detect(&doc);
        out.push((row, url, meta, detected));
    }
    out
}

/// The bytes of page `id`, gzipped or not.
fn read_page(html: &Path, id: &str) -> Option<Vec<u8>> {
    if let Ok(gz) = std::fs::read(html.join(format!("{id}.html.gz"))) {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .ok()?;
        return Some(bytes);
    }
    std::fs::read(html.join(format!("{id}.html"))).ok()
}

/// A tally of agreements.
#[derive(Default)]
struct Tally {
    agree: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.agree += usize::from(ok);
    }

    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.agree as f64 / self.total as f64
        }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<22} {:>3}/{:<3} {:>5.1}%",
            self.agree,
            self.total,
            100.0 * self.rate()
        )
    }
}

/// True when `ours` is `gold` with whole separator-delimited parts removed
/// from its start and end.
fn equal_but_affixes(ours: &str, gold: &str) -> bool {
    let target = fold(ours);
    let parts = super::title::split(gold);
    (0..parts.len()).any(|i| {
        (i + 1..=parts.len()).any(|j| {
            let start = parts[i].0;
            let end = parts.get(j).map_or(gold.len(), |(s, sep)| s - sep.len());
            fold(&gold[start..end]) == target
        })
    })
}

/// Seconds since 1970 of a normalised date-time with an offset.
fn utc_seconds(s: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let offset = match s.get(19..)? {
        "Z" => 0,
        o if o.len() == 6 => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            sign * (o.get(1..3)?.parse::<i64>().ok()? * 3600 + o.get(4..6)?.parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss - offset)
}

fn verbose() -> bool {
    std::env::var_os("DECHAFF_VERBOSE").is_some()
}

#[test]
#[ignore = "needs shared/corpora; prints the agreement report"]
fn readability_metadata_agreement() {
    let Some(dir) = corpora_dir()
        .map(|d| d.join("readability-tests"))
        .filter(|d| d.is_dir())
    else {
        eprintln!("readability-tests corpus not found; set DECHAFF_CORPORA");
        return;
    };
    let pages = run_corpus(&dir);
    let mut title = Tally::default();
    let mut title_strict = Tally::default();
    let mut byline = Tally::default();
    let mut site = Tally::default();
    let mut lang = Tally::default();
    let mut lang_detected = Tally::default();
    let mut day = Tally::default();
    let mut exact = Tally::default();
    let mut byline_extra = 0;
    for (row, _, m, detected) in &pages {
        let id = row["id"].as_str().unwrap_or("?");
        let report = |field: &str, ok: bool, gold: &str, ours: &str| {
            if !ok && verbose() {
                println!(
                    "  {id:<28} {field:<9} gold {gold:?}\n  {:<28} {:<9} ours {ours:?}",
                    "", ""
                );
            }
        };
        if let Some(gold) = row["title"].as_str() {
            let ours = m.title.clone().unwrap_or_default();
            let strict = fold(&ours) == fold(gold) && !ours.is_empty();
            title_strict.add(strict);
            let ok = strict || (!ours.is_empty() && equal_but_affixes(&ours, gold));
            title.add(ok);
            report("title", ok, gold, &ours);
        }
        let ours = m.authors.join(", ");
        match row["byline"].as_str() {
            Some(gold) => {
                let (g, o) = (fold(gold), fold(&ours));
                let ok = !o.is_empty() && !g.is_empty() && (g.contains(&o) || o.contains(&g));
                byline.add(ok);
                report("byline", ok, gold, &ours);
            }
            None => {
                byline_extra += usize::from(!ours.is_empty());
                if !ours.is_empty() && verbose() {
                    println!("  {id:<28} byline    none expected, ours {ours:?}");
                }
            }
        }
        if let Some(gold) = row["siteName"].as_str() {
            let ours = m.site_name.clone().unwrap_or_default();
            let ok = fold(gold) == fold(&ours);
            site.add(ok);
            report("site", ok, gold, &ours);
        }
        if let Some(gold) = row["lang"].as_str() {
            let ours = m.language.clone().unwrap_or_default();
            let ok = super::language::primary_subtag(gold).is_some_and(|g| g == ours);
            lang.add(ok);
            report("lang", ok, gold, &ours);
            lang_detected.add(super::language::primary_subtag(gold) == *detected);
        }
        if let Some(gold) = row["publishedTime"].as_str() {
            let ours = m.published.clone().unwrap_or_default();
            let gold_norm = super::dates::normalize(gold).unwrap_or_default();
            let ok = match (utc_seconds(&gold_norm), utc_seconds(&ours)) {
                (Some(g), Some(o)) => g == o,
                _ => ours.len() >= 10 && gold_norm.get(..10) == ours.get(..10),
            };
            day.add(ok);
            exact.add(super::dates::normalize(gold).is_some_and(|g| g == ours));
            report("published", ok, gold, &ours);
        }
    }
    println!("readability-tests: {} pages", pages.len());
    println!("{}", title.line("title"));
    println!("{}", title_strict.line("title (strict)"));
    println!("{}", byline.line("byline"));
    println!("  bylines found where none is expected: {byline_extra}");
    println!("{}", site.line("site name"));
    println!("{}", lang.line("language"));
    println!("{}", lang_detected.line("language (detected)"));
    println!("{}", day.line("published (day)"));
    println!("{}", exact.line("published (exact)"));
    // The targets of issue 5: a regression below them fails the run.
    assert!(title.rate() >= 0.95, "title agreement under 95%");
    assert!(byline.rate() >= 0.85, "byline agreement under 85%");
    assert!(site.rate() >= 0.85, "site name agreement under 85%");
}

#[test]
#[ignore = "needs shared/corpora; prints the page-type report"]
fn wcxb_page_type_accuracy() {
    let Some(dir) = corpora_dir().map(|d| d.join("wcxb")).filter(|d| d.is_dir()) else {
        eprintln!("wcxb corpus not found; set DECHAFF_CORPORA");
        return;
    };
    let pages = run_corpus(&dir);
    let mut by_split: BTreeMap<String, Tally> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, PageType), usize> = BTreeMap::new();
    let mut all = Tally::default();
    for (row, url, m, _) in &pages {
        let gold = row["page_type"].as_str().unwrap_or("?").to_string();
        let ok = m.page_type.as_str() == gold;
        all.add(ok);
        by_split
            .entry(row["orig_split"].as_str().unwrap_or("?").to_string())
            .or_default()
            .add(ok);
        *confusion.entry((gold.clone(), m.page_type)).or_default() += 1;
        if !ok && verbose() {
            println!(
                "  {:<6} {gold:<13} ours {:<13} {}",
                row["id"].as_str().unwrap_or("?"),
                m.page_type.as_str(),
                url.as_deref().unwrap_or("")
            );
        }
    }
    println!("wcxb: {} pages", pages.len());
    println!("{}", all.line("page type"));
    for (split, t) in &by_split {
        println!("{}", t.line(&format!("page type ({split})")));
    }
    println!("confusion (gold -> ours: count):");
    let mut last = String::new();
    for ((gold, ours), n) in &confusion {
        if *gold != last {
            print!("\n  {gold:<13}");
            last = gold.clone();
        }
        print!(" {}:{n}", ours.as_str());
    }
    println!();
    // A floor under the accuracy measured when the rules were written
    // (84.6%): a change that loses more than a few pages fails the run.
    assert!(all.rate() >= 0.82, "page-type accuracy under 82%");
}
