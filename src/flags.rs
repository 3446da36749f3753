//! Every command-line flag, in one place, in two stages (as ripgrep does).
//! [`Flags`] is what clap parses: raw values, with the help text. One
//! function, [`Flags::into_config`], turns them into what the rest of the
//! program uses: the library's [`dechaff::Options`], the batch crate's
//! [`Inputs`] and [`Settings`], and where the output goes ([`Config`]). The
//! checks that clap cannot express (flags that only make sense together, a
//! charset that must exist) live in that function too, and fail as usage
//! errors.

use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, ValueEnum};
use dechaff_batch::{InputFormat, Inputs, JsonlFields, Order, Record, Settings, DEFAULT_EXTENSIONS};

const ABOUT: &str = "Extracts the main content of web pages and drops the boilerplate around it.";

const LONG_ABOUT: &str = "\
Extracts the main content of web pages (the article, post or document) and drops the
boilerplate around it: navigation, headers, footers, share buttons, related links, ads,
cookie banners and comment threads.

One page prints its text. Several pages (several files, a directory, a WARC archive,
--files-from, JSON lines) print one JSON line per page, in input order:
  {\"source\": …, \"record_id\": …, \"url\": …, \"title\": …, \"text\": …, \"confidence\": …}
or, for a page that failed, {\"source\": …, \"url\": …, \"error\": …}; every page gives
exactly one line and the run goes on. Progress and a summary go to stderr.

--format json prints one JSON object for one page, with the page's metadata (title, authors,
published and modified dates, site name, description, canonical URL, language, image, tags,
categories, page type) besides its text, comments, confidence and encoding; in a batch every
line carries those fields after source and url. The README lists every field.";

const AFTER_LONG_HELP: &str = "\
Examples:
  dechaff page.html                          print the main text of one page
  curl -s https://example.org/ | dechaff --url https://example.org/
  dechaff a.html b.html.gz > pages.jsonl     one JSON line per page
  dechaff crawl/ -o pages.jsonl              every HTML file under crawl/, recursively
  dechaff CC-MAIN-*.warc.gz > pages.jsonl    the HTML responses of Common Crawl archives
  dechaff crawl/ -d text/ --skip-existing    one .txt per page; rerun to resume
  dechaff -f markdown --with-metadata page.html   Markdown with a YAML front matter
  dechaff -f json --comments page.html       one JSON object: metadata, text, comments
  dechaff -f json crawl/ -d meta/            one .json per page
  find . -name '*.html' | dechaff --files-from - > pages.jsonl
  dechaff --input jsonl --id-field id < in.jsonl > out.jsonl   (a Spark/Hadoop mapper)
  dechaff explain page.html > view.html      why each block was kept or dropped (see
                                             dechaff explain --help)

Exit codes:
  0    done: every page was extracted (pages without main content included)
  1    some pages failed: each one's error is on stderr and in its record
  2    usage error, or an I/O error that stopped the run (output not writable,
       --files-from list unreadable)
  130  interrupted by Ctrl-C: pages already read were finished, output is intact
A closed output pipe (dechaff … | head) is not an error: dechaff stops quietly.";

/// The `dechaff` command line, as parsed.
// The field docs are the --help text, where URLs are plain text.
#[allow(rustdoc::bare_urls)]
#[derive(Debug, Parser)]
#[command(
    name = "dechaff",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = "Use --help for the details of each flag, examples and exit codes.",
    after_long_help = AFTER_LONG_HELP,
    max_term_width = 100
)]
pub struct Flags {
    /// Pages to read: HTML files (gzip or not), directories, WARC archives,
    /// JSON-lines files; `-` or nothing reads standard input.
    ///
    /// Directories are walked recursively in file-name order, taking the
    /// files named by --ext. Example: dechaff page.html crawl/ more.warc.gz
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Also read the paths listed in LIST, one per line (`-`: standard input).
    ///
    /// Read after the PATH arguments. Example: find crawl -name '*.html.gz' |
    /// dechaff --files-from - -o pages.jsonl
    #[arg(long, value_name = "LIST", help_heading = "Input")]
    files_from: Option<PathBuf>,

    /// How to read the inputs.
    ///
    /// auto: by name (*.warc, *.warc.gz are WARC archives, *.jsonl and
    /// *.ndjson are JSON lines) or by content (a file starting with `WARC/`),
    /// HTML otherwise. In WARC archives, `response` records with a 2xx status
    /// and an HTML Content-Type are pages; other records are skipped and
    /// counted. Example: zcat CC.warc.gz | dechaff --input warc
    #[arg(long = "input", value_enum, value_name = "KIND", default_value_t = InputKind::Auto, help_heading = "Input")]
    input: InputKind,

    /// File extensions taken when walking a directory (comma-separated;
    /// `x.EXT.gz` counts as EXT, `gz` takes every gzip file).
    ///
    /// Files named on the command line are always read. Example: dechaff
    /// --ext html,htm,gz crawl/
    #[arg(long, value_name = "EXTS", value_delimiter = ',', default_values = DEFAULT_EXTENSIONS, help_heading = "Input")]
    ext: Vec<String>,

    /// JSON lines: the field holding the page's HTML.
    ///
    /// Example: dechaff --input jsonl --html-field content < pages.jsonl
    #[arg(long, value_name = "FIELD", default_value = "html", help_heading = "Input")]
    html_field: String,

    /// JSON lines: the field holding the page's URL (missing is fine).
    ///
    /// Example: dechaff --input jsonl --url-field link < pages.jsonl
    #[arg(long, value_name = "FIELD", default_value = "url", help_heading = "Input")]
    url_field: String,

    /// JSON lines: a field copied unchanged into each output record, under
    /// the same name (a document id, to join the output back).
    ///
    /// Example: dechaff --input jsonl --id-field doc_id < pages.jsonl
    #[arg(long, value_name = "FIELD", help_heading = "Input")]
    id_field: Option<String>,

    /// The URL of the page, for one page read from a file or standard input.
    ///
    /// Example: curl -s https://example.org/a | dechaff --url https://example.org/a
    #[arg(long, value_name = "URL", help_heading = "Input")]
    url: Option<String>,

    /// The encoding of pages read as plain HTML, as an HTTP header would say
    /// (a WHATWG label); overrides the page's own declaration.
    ///
    /// Without it, the page's <meta charset> or a guess decides. WARC
    /// records use their HTTP header and JSON lines are Unicode already.
    /// Example: dechaff --charset windows-1251 old-page.html
    #[arg(long, value_name = "LABEL", help_heading = "Input")]
    charset: Option<String>,

    /// The format of the output.
    ///
    /// txt: plain text, paragraphs separated by a blank line, list items and
    /// table rows on their own lines. markdown: GitHub-flavoured Markdown
    /// (headings, emphasis, nested lists, quotes, fenced code, tables). html:
    /// the main content as clean, safe HTML (allowed tags only, URLs resolved
    /// against --url). json: one object with the page's metadata, plain text,
    /// comments, confidence and encoding (one line per page in a batch; the
    /// README lists the fields). Example: dechaff --format markdown page.html
    #[arg(short = 'f', long, value_enum, value_name = "FORMAT", default_value_t = TextFormat::Txt, help_heading = "Output")]
    format: TextFormat,

    /// Keep links in markdown and html output (text only by default).
    ///
    /// Example: dechaff -f markdown --links --url https://example.org/a page.html
    #[arg(long, help_heading = "Output")]
    links: bool,

    /// Keep images in markdown and html output.
    ///
    /// Example: dechaff -f html --images page.html
    #[arg(long, help_heading = "Output")]
    images: bool,

    /// Leave tables out of markdown and html output.
    ///
    /// Example: dechaff -f markdown --no-tables page.html
    #[arg(long, help_heading = "Output")]
    no_tables: bool,

    /// Also give the page's comment thread, apart from the main text.
    ///
    /// txt, markdown and html: after the main text, below a separator line
    /// (txt: `----- comments -----`; markdown: `---` and a `## Comments`
    /// heading; html: <hr> and <h2>Comments</h2>). json: the `comments`
    /// field. JSON lines: a `comments` field on pages that have comments.
    /// Example: dechaff --comments blog-post.html
    #[arg(long, help_heading = "Output")]
    comments: bool,

    /// Start txt and markdown output with the page's metadata as a YAML front
    /// matter.
    ///
    /// The block stands between `---` lines, one `key: "value"` line per
    /// field (title, authors, published, modified, site_name, description,
    /// canonical_url, language, image, tags, categories, page_type), values
    /// written as JSON strings or lists; fields the page lacks are left out.
    /// json always has the metadata; html takes none. Example: dechaff -f
    /// markdown --with-metadata page.html > page.md
    #[arg(long, help_heading = "Output")]
    with_metadata: bool,

    /// Write to FILE instead of standard output.
    ///
    /// Example: dechaff crawl/ -o pages.jsonl
    #[arg(
        short = 'o',
        long,
        value_name = "FILE",
        conflicts_with = "output_dir",
        help_heading = "Output"
    )]
    output: Option<PathBuf>,

    /// Write one file per page under DIR instead of JSON lines.
    ///
    /// A page's file is its input path made relative, with `.gz` dropped and
    /// the extension of --format added (.txt, .md, .html, .json: crawl/a.html.gz
    /// → DIR/crawl/a.html.txt); the records of a WARC archive go in a folder
    /// named after it (DIR/crawl/x.warc/000042.txt). Failed pages get no file.
    /// Example: dechaff crawl/ -d text/, dechaff -f json crawl/ -d meta/
    #[arg(short = 'd', long, value_name = "DIR", help_heading = "Output")]
    output_dir: Option<PathBuf>,

    /// With --output-dir: leave out pages whose file already exists, to resume
    /// an interrupted run (failed pages are retried).
    ///
    /// Example: dechaff crawl/ -d text/ --skip-existing
    #[arg(long, requires = "output_dir", help_heading = "Output")]
    skip_existing: bool,

    /// Write records as pages finish instead of in input order.
    ///
    /// Input order holds finished pages in memory behind a slow one (up to
    /// 16 per job, at least 64) and can leave workers idle while it waits;
    /// unordered never waits. Example: dechaff --unordered crawl/ > pages.jsonl
    #[arg(long, help_heading = "Output")]
    unordered: bool,

    /// No progress bar, no per-page error messages, no summary on stderr.
    ///
    /// Errors stay in the JSON records and in the exit code. Example:
    /// dechaff -q crawl/ > pages.jsonl
    #[arg(short = 'q', long, help_heading = "Output")]
    quiet: bool,

    /// Which side of precision/recall to lean to.
    ///
    /// balanced: the best F1; precision: only blocks the engine is sure about
    /// (less chrome, may lose some body); recall: doubtful blocks too.
    /// Example: dechaff --focus precision page.html
    #[arg(long, value_enum, value_name = "FOCUS", default_value_t = Focus::Balanced, help_heading = "Extraction")]
    focus: Focus,

    /// Largest page read, after decompression (suffixes K, M, G: powers of
    /// 1024). A larger page fails, without being read past the limit.
    ///
    /// Example: dechaff --max-bytes 8M crawl/
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size, help_heading = "Extraction")]
    max_bytes: usize,

    /// Largest page accepted, in DOM nodes; a larger page fails.
    ///
    /// Example: dechaff --max-nodes 200000 crawl/
    #[arg(long, value_name = "N", default_value_t = dechaff::Options::default().max_nodes, value_parser = parse_count, help_heading = "Extraction")]
    max_nodes: usize,

    /// Deepest nesting of elements the parser builds; deeper tags are
    /// dropped and their text flattened into the deepest element (not an
    /// error: the page keeps its text).
    ///
    /// Example: dechaff --max-depth 512 crawl/
    #[arg(long, value_name = "N", default_value_t = dechaff::Options::default().max_depth, value_parser = parse_count, help_heading = "Extraction")]
    max_depth: usize,

    /// Worker threads [default: the number of cores].
    ///
    /// Pages are read by one thread and extracted by N. Example: dechaff -j 2
    /// crawl/
    #[arg(short = 'j', long, value_name = "N", value_parser = parse_count, help_heading = "Performance")]
    jobs: Option<usize>,
}

/// `--input` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputKind {
    /// By file name or content.
    Auto,
    /// Every input is one HTML page.
    Html,
    /// Every input is a WARC archive.
    Warc,
    /// Every input is JSON lines, one page per line.
    Jsonl,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextFormat {
    /// Plain text.
    Txt,
    /// GitHub-flavoured Markdown.
    #[value(alias = "md")]
    Markdown,
    /// Clean, safe HTML.
    Html,
    /// One JSON object per page: metadata, text, comments.
    Json,
}

/// `--focus` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Focus {
    /// The best F1.
    Balanced,
    /// Less chrome, may lose some body.
    Precision,
    /// More body, may keep some chrome.
    Recall,
}

impl From<Focus> for dechaff::Focus {
    fn from(focus: Focus) -> Self {
        match focus {
            Focus::Balanced => dechaff::Focus::Balanced,
            Focus::Precision => dechaff::Focus::Precision,
            Focus::Recall => dechaff::Focus::Recall,
        }
    }
}

/// Where the records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// One page: its text.
    Text(Destination),
    /// One JSON line per page.
    Lines(Destination),
    /// One file per page under a directory.
    Dir(PathBuf),
}

/// Standard output or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, created or truncated.
    File(PathBuf),
}

/// Everything the command needs to run, checked.
#[derive(Debug)]
pub struct Config {
    /// The extractor's options.
    pub options: dechaff::Options,
    /// What to read.
    pub inputs: Inputs,
    /// How to run the batch.
    pub settings: Settings,
    /// Where the records go.
    pub output: Output,
    /// One page (text out, no summary) rather than a batch.
    pub single: bool,
    /// No progress, messages or summary on stderr.
    pub quiet: bool,
}

impl Flags {
    /// Turns the parsed flags into the library's options and the runner's
    /// settings.
    ///
    /// # Errors
    /// A usage error (exit code 2) for combinations that make no sense.
    pub fn into_config(self) -> Result<Config, clap::Error> {
        let single = self.is_single_page();
        if !single && self.url.is_some() {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "--url names the URL of a single page; in a batch the URLs come from the WARC \
                 records or the JSON lines' --url-field",
            ));
        }
        if let Some(label) = &self.charset {
            check_charset::<Flags>(label)?;
        }
        if let Some(field) = &self.id_field {
            if Record::is_field(field) {
                let fields: Vec<&str> = Record::FIELDS
                    .iter()
                    .chain(&dechaff::Extracted::JSON_FIELDS)
                    .copied()
                    .collect();
                return Err(usage(
                    ErrorKind::InvalidValue,
                    &format!("--id-field {field:?} would clash with the output field of the same name: the output has {}", fields.join(", ")),
                ));
            }
        }
        if self.with_metadata && self.format == TextFormat::Html {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "--with-metadata adds a front matter to txt and markdown; html has none \
                 (use --format json for the metadata)",
            ));
        }
        let stdin_paths = self.paths.iter().any(|p| p.as_os_str() == "-");
        if self.files_from.as_deref() == Some(Path::new("-")) && stdin_paths {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "standard input cannot be both a page (`-`) and the --files-from list",
            ));
        }

        let mut options = dechaff::Options::default();
        options.format = match self.format {
            TextFormat::Txt => dechaff::Format::Text,
            TextFormat::Markdown => dechaff::Format::Markdown,
            TextFormat::Html => dechaff::Format::Html,
            TextFormat::Json => dechaff::Format::Json,
        };
        options.comments = self.comments;
        options.with_metadata = self.with_metadata;
        // The text formats print no metadata: skip reading it (json and
        // --with-metadata read it anyway, see Options::metadata).
        options.metadata = false;
        options.links = self.links;
        options.images = self.images;
        options.tables = !self.no_tables;
        options.focus = self.focus.into();
        options.max_input_bytes = self.max_bytes;
        options.max_nodes = self.max_nodes;
        options.max_depth = self.max_depth;

        let mut inputs = Inputs::paths(self.paths);
        inputs.files_from = self.files_from;
        inputs.format = match self.input {
            // One page is read as HTML: a WARC archive given as one page
            // fails with a hint instead of printing pages run together.
            InputKind::Auto if single => InputFormat::Html,
            InputKind::Auto => InputFormat::Auto,
            InputKind::Html => InputFormat::Html,
            InputKind::Warc => InputFormat::Warc,
            InputKind::Jsonl => InputFormat::Jsonl,
        };
        inputs.extensions = self
            .ext
            .iter()
            .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
            .collect();
        inputs.jsonl = JsonlFields {
            html: self.html_field,
            url: Some(self.url_field),
            id: self.id_field,
        };
        inputs.max_bytes = self.max_bytes;
        inputs.url = self.url;
        inputs.charset = self.charset.map(|c| c.trim().to_string());

        let mut settings = Settings::default();
        if let Some(jobs) = self.jobs {
            settings.jobs = jobs;
        }
        if self.unordered || self.output_dir.is_some() {
            settings.order = Order::Unordered;
        }
        if self.skip_existing {
            settings.skip_existing = self.output_dir.clone();
        }

        let destination = match self.output {
            Some(path) if path.as_os_str() != "-" => Destination::File(path),
            _ => Destination::Stdout,
        };
        let output = match self.output_dir {
            Some(dir) => Output::Dir(dir),
            None if single => Output::Text(destination),
            None => Output::Lines(destination),
        };
        Ok(Config {
            options,
            inputs,
            settings,
            output,
            single,
            quiet: self.quiet,
        })
    }

    /// One HTML page from one file or standard input, printed as text.
    fn is_single_page(&self) -> bool {
        if self.files_from.is_some() || self.output_dir.is_some() {
            return false;
        }
        if !matches!(self.input, InputKind::Auto | InputKind::Html) {
            return false;
        }
        match self.paths.as_slice() {
            [] => true,
            [path] if path.as_os_str() == "-" => true,
            [path] => !path.is_dir() && (self.input == InputKind::Html || !is_container_name(path)),
            _ => false,
        }
    }
}

const EXPLAIN_ABOUT: &str = "Shows why dechaff kept or dropped each text block of a page, as an HTML page.";

const EXPLAIN_LONG_ABOUT: &str = "\
Shows why dechaff kept or dropped each text block of one page. It writes a self-contained
HTML page (no script, nothing fetched): a summary (title, confidence, words kept and
dropped, focus, main region), then the page's text blocks in document order, indented by
their nesting and coloured by verdict (kept, headline, dropped as low-scoring chrome inside
the main region, outside the main region, comments, no main content), each with its score
and the signals behind it: text density, sentences, link density, tag, boilerplate phrase,
the class/id evidence with the name that matched, and the neighbours.";

const EXPLAIN_AFTER_LONG_HELP: &str = "\
Examples:
  dechaff explain page.html > view.html
  curl -s https://example.org/a | dechaff explain --url https://example.org/a -o view.html
  dechaff explain --focus precision page.html > view.html

A file named `explain` is read with `dechaff ./explain`.

Exit codes:
  0    the view was written
  1    the page could not be extracted (not HTML, too large…): the reason is on stderr
  2    usage error, the page could not be read, or the view could not be written";

/// The `dechaff explain` command line, as parsed (see `src/explain.rs`).
// The field docs are the --help text, where URLs are plain text.
#[allow(rustdoc::bare_urls)]
#[derive(Debug, Parser)]
#[command(
    name = "dechaff explain",
    bin_name = "dechaff explain",
    version,
    about = EXPLAIN_ABOUT,
    long_about = EXPLAIN_LONG_ABOUT,
    after_help = "Use --help for the details of each flag, examples and exit codes.",
    after_long_help = EXPLAIN_AFTER_LONG_HELP,
    max_term_width = 100
)]
pub struct ExplainFlags {
    /// The page: an HTML file; `-` or nothing reads standard input.
    ///
    /// Example: dechaff explain page.html > view.html
    #[arg(value_name = "FILE")]
    path: Option<PathBuf>,

    /// The URL of the page.
    ///
    /// Example: curl -s https://example.org/a | dechaff explain --url https://example.org/a
    #[arg(long, value_name = "URL")]
    url: Option<String>,

    /// The encoding of the page, as an HTTP header would say (a WHATWG
    /// label); overrides the page's own declaration.
    ///
    /// Example: dechaff explain --charset windows-1251 old-page.html
    #[arg(long, value_name = "LABEL")]
    charset: Option<String>,

    /// Which side of precision/recall to lean to, as for extraction.
    ///
    /// Example: dechaff explain --focus precision page.html > view.html
    #[arg(long, value_enum, value_name = "FOCUS", default_value_t = Focus::Balanced)]
    focus: Focus,

    /// Write the view to FILE instead of standard output.
    ///
    /// Example: dechaff explain page.html -o view.html
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// What `dechaff explain` needs to run, checked.
#[derive(Debug)]
pub struct ExplainConfig {
    /// The extractor's options.
    pub options: dechaff::Options,
    /// The page's file; `None` reads standard input.
    pub path: Option<PathBuf>,
    /// The page's URL.
    pub url: Option<String>,
    /// The encoding hint.
    pub charset: Option<String>,
    /// Where the view goes.
    pub output: Destination,
}

impl ExplainFlags {
    /// Turns the parsed flags into what `dechaff explain` runs with.
    ///
    /// # Errors
    /// A usage error (exit code 2) for a charset that names no encoding.
    pub fn into_config(self) -> Result<ExplainConfig, clap::Error> {
        if let Some(label) = &self.charset {
            check_charset::<ExplainFlags>(label)?;
        }
        let mut options = dechaff::Options::default();
        options.focus = self.focus.into();
        Ok(ExplainConfig {
            options,
            path: self.path.filter(|p| p.as_os_str() != "-"),
            url: self.url,
            charset: self.charset.map(|c| c.trim().to_string()),
            output: match self.output {
                Some(path) if path.as_os_str() != "-" => Destination::File(path),
                _ => Destination::Stdout,
            },
        })
    }
}

/// A usage error of command `C` unless `label` names an encoding.
fn check_charset<C: CommandFactory>(label: &str) -> Result<(), clap::Error> {
    if encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none() {
        return Err(C::command().error(
            ErrorKind::InvalidValue,
            format!("--charset {label:?} is not an encoding label: use a WHATWG label such as utf-8 or windows-1251"),
        ));
    }
    Ok(())
}

/// A file name that says it holds many pages.
fn is_container_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".warc", ".jsonl", ".ndjson"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn usage(kind: ErrorKind, message: &str) -> clap::Error {
    Flags::command().error(kind, message)
}

/// `64M`, `512k`, `1G`, `1000`: bytes, with binary suffixes.
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let shift = match &lower[digits.len()..] {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        unit => {
            return Err(format!(
                "unknown unit {unit:?} in {text:?}: use a number of bytes, or K, M, G"
            ))
        }
    };
    let number: usize = digits
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a size: use a number of bytes, or K, M, G"))?;
    let bytes = number
        .checked_mul(1usize << shift)
        .ok_or_else(|| format!("{text:?} is too large"))?;
    if bytes == 0 {
        return Err("must be above 0".into());
    }
    Ok(bytes)
}

/// A count of at least 1.
fn parse_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a whole number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Config {
        Flags::try_parse_from(std::iter::once("dechaff").chain(args.iter().copied()))
            .unwrap()
            .into_config()
            .unwrap()
    }

    fn error(args: &[&str]) -> String {
        match Flags::try_parse_from(std::iter::once("dechaff").chain(args.iter().copied())) {
            Err(e) => e.to_string(),
            Ok(flags) => flags.into_config().unwrap_err().to_string(),
        }
    }

    #[test]
    fn flag_definitions_are_consistent() {
        Flags::command().debug_assert();
        ExplainFlags::command().debug_assert();
    }

    #[test]
    fn defaults_match_the_library() {
        let config = config(&[]);
        let mut expected = dechaff::Options::default();
        // Plain text prints no metadata, so the command does not read it.
        expected.metadata = false;
        assert_eq!(config.options, expected);
        assert_eq!(
            config.inputs.max_bytes,
            dechaff::Options::default().max_input_bytes
        );
        assert!(config.single);
        assert_eq!(config.output, Output::Text(Destination::Stdout));
    }

    #[test]
    fn several_pages_make_a_batch_of_json_lines() {
        assert!(config(&["-"]).single);
        let batch = config(&["a.html", "b.html"]);
        assert!(!batch.single);
        assert_eq!(batch.output, Output::Lines(Destination::Stdout));
        assert!(!config(&["x.warc.gz"]).single);
        assert!(!config(&["--input", "jsonl"]).single);
        assert!(!config(&["--files-from", "list.txt"]).single);
        assert!(!config(&[env!("CARGO_MANIFEST_DIR")]).single, "a directory");
        let dir = config(&["a.html", "-d", "out", "--skip-existing"]);
        assert_eq!(dir.output, Output::Dir("out".into()));
        assert_eq!(dir.settings.skip_existing, Some(PathBuf::from("out")));
        assert_eq!(dir.settings.order, Order::Unordered);
    }

    #[test]
    fn flags_reach_options_and_settings() {
        let config = config(&[
            "--max-bytes",
            "2M",
            "--max-nodes",
            "500",
            "--max-depth",
            "40",
            "-j",
            "3",
            "--unordered",
            "--focus",
            "recall",
            "a",
            "b",
        ]);
        assert_eq!(config.options.max_input_bytes, 2 << 20);
        assert_eq!(config.inputs.max_bytes, 2 << 20);
        assert_eq!(config.options.max_nodes, 500);
        assert_eq!(config.options.max_depth, 40);
        assert_eq!(config.options.focus, dechaff::Focus::Recall);
        assert_eq!(config.settings.jobs, 3);
        assert_eq!(config.settings.order, Order::Unordered);
        let exts = config_exts(&["--ext", ".HTML,htm,gz"]);
        assert_eq!(exts, ["html", "htm", "gz"]);
    }

    fn config_exts(args: &[&str]) -> Vec<String> {
        config(args).inputs.extensions
    }

    #[test]
    fn nonsense_combinations_are_usage_errors() {
        assert!(error(&["--skip-existing", "a"]).contains("--output-dir"));
        assert!(error(&["-o", "x", "-d", "y"]).contains("cannot be used with"));
        assert!(error(&["--url", "https://e.org/", "a", "b"]).contains("single page"));
        assert!(error(&["--charset", "klingon"]).contains("WHATWG"));
        assert!(error(&["--input", "jsonl", "--id-field", "text"]).contains("clash"));
        assert!(error(&["--files-from", "-", "-"]).contains("standard input"));
        assert!(error(&["-j", "0"]).contains("at least 1"));
        assert!(error(&["--max-bytes", "12Q"]).contains("unknown unit"));
    }

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("512kib"), Ok(512 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
    }

    #[test]
    fn output_flags_reach_the_options() {
        let json = config(&["-f", "json", "--comments", "a.html"]);
        assert_eq!(json.options.format, dechaff::Format::Json);
        assert!(json.options.comments && !json.options.with_metadata);
        let md = config(&["--format", "md", "--with-metadata"]);
        assert_eq!(md.options.format, dechaff::Format::Markdown);
        assert!(md.options.with_metadata && !md.options.comments);
        assert!(error(&["-f", "html", "--with-metadata"]).contains("--with-metadata"));
        assert!(error(&["--input", "jsonl", "--id-field", "language"]).contains("clash"));
    }
}
