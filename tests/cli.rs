//! The `dechaff` command on one page and a few files (issue 2): text out for
//! one page, JSON lines for several, errors that name the file and the flag,
//! exit codes, stdin, gzip, and a closed pipe that is not an error. Every
//! test builds its own fixtures in a temporary directory and runs the real
//! binary.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{article, cp1251, gzip, json_lines, run, text, BIN};

#[test]
fn one_file_prints_its_main_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), article("alpha")).unwrap();
    let out = run(dir.path(), &["page.html"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("the story alpha would run"), "{stdout}");
    assert!(!stdout.contains("Sport"), "navigation dropped: {stdout}");
    assert!(!stdout.contains("rights reserved"), "footer dropped: {stdout}");
    assert!(
        !stdout.trim_start().starts_with('{'),
        "one page is text, not JSON"
    );
    assert!(stdout.ends_with('\n'));
    assert_eq!(text(&out.stderr), "", "nothing on stderr for one good page");
}

#[test]
fn stdin_plain_and_gzip_print_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let page = article("beta");
    let plain = run(dir.path(), &[], page.as_bytes());
    let dash = run(dir.path(), &["-"], page.as_bytes());
    let packed = run(dir.path(), &[], &gzip(page.as_bytes()));
    assert_eq!(plain.status.code(), Some(0));
    assert!(text(&plain.stdout).contains("the story beta would run"));
    assert_eq!(plain.stdout, dash.stdout);
    assert_eq!(plain.stdout, packed.stdout);
}

#[test]
fn gzip_file_is_read_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html.gz"), gzip(article("gamma").as_bytes())).unwrap();
    std::fs::write(
        dir.path().join("misnamed.html"),
        gzip(article("delta").as_bytes()),
    )
    .unwrap();
    assert!(text(&run(dir.path(), &["page.html.gz"], b"").stdout).contains("the story gamma would run"));
    assert!(text(&run(dir.path(), &["misnamed.html"], b"").stdout).contains("the story delta would run"));
}

#[test]
fn several_files_give_one_json_line_each_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b", "a", "c"] {
        std::fs::write(dir.path().join(format!("{name}.html")), article(name)).unwrap();
    }
    let out = run(dir.path(), &["b.html", "a.html", "c.html"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let records = json_lines(&out.stdout);
    let sources: Vec<_> = records.iter().map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["b.html", "a.html", "c.html"]);
    for (record, name) in records.iter().zip(["b", "a", "c"]) {
        let body = record["text"].as_str().unwrap();
        assert!(body.contains(&format!("the story {name} would run")), "{record}");
        assert!(!body.contains("Sport"));
        assert!(record["title"].as_str().unwrap().contains(name));
        assert!(record["confidence"].as_f64().is_some());
        assert!(record.get("error").is_none());
    }
    assert!(
        text(&out.stderr).contains("3 pages (3 ok, 0 empty, 0 failed)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn missing_file_is_a_failed_record_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.html"), article("ok")).unwrap();
    let out = run(dir.path(), &["nosuch.html", "ok.html"], b"");
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["source"], "nosuch.html");
    assert_eq!(records[0]["error"], "no such file: check the path");
    assert!(records[0].get("text").is_none());
    assert!(records[1]["text"]
        .as_str()
        .unwrap()
        .contains("the story ok would run"));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("dechaff: nosuch.html: no such file: check the path"),
        "{stderr}"
    );

    let single = run(dir.path(), &["nosuch.html"], b"");
    assert_eq!(single.status.code(), Some(1));
    assert!(text(&single.stderr).contains("nosuch.html: no such file"));
    assert!(single.stdout.is_empty());
}

#[test]
fn page_errors_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("image.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    )
    .unwrap();
    std::fs::write(dir.path().join("big.html"), article("big")).unwrap();
    let image = run(dir.path(), &["image.html"], b"");
    assert_eq!(image.status.code(), Some(1));
    assert!(
        text(&image.stderr).contains("image.html: not an HTML page"),
        "{}",
        text(&image.stderr)
    );

    let big = run(dir.path(), &["--max-bytes", "100", "big.html"], b"");
    assert_eq!(big.status.code(), Some(1));
    let stderr = text(&big.stderr);
    assert!(
        stderr.contains("big.html: page is larger than the --max-bytes limit"),
        "{stderr}"
    );
    assert!(stderr.contains("raise it with --max-bytes"), "{stderr}");

    let nodes = run(dir.path(), &["--max-nodes", "5", "big.html"], b"");
    assert_eq!(nodes.status.code(), Some(1));
    assert!(
        text(&nodes.stderr).contains("--max-nodes"),
        "{}",
        text(&nodes.stderr)
    );
}

#[test]
fn a_warc_piped_as_one_page_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let warc = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
    let out = run(dir.path(), &[], warc);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("add --input warc"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn page_without_main_content_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let chrome = b"<nav><a href=/>Home</a> <a href=/a>About</a></nav><footer><a href=/c>Contact</a></footer>";
    let out = run(dir.path(), &[], chrome);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("standard input: no main content found"),
        "{}",
        text(&out.stderr)
    );
    let quiet = run(dir.path(), &["-q"], chrome);
    assert!(quiet.stderr.is_empty());
}

#[test]
fn output_file_and_url_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["--url", "https://example.org/a", "-o", "out.txt"],
        article("eps").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(written.contains("the story eps would run"));

    let unwritable = run(
        dir.path(),
        &["-o", "no/such/dir/out.txt"],
        article("x").as_bytes(),
    );
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(
        text(&unwritable.stderr).contains("cannot create the output file"),
        "{}",
        text(&unwritable.stderr)
    );
}

#[test]
fn charset_flag_overrides_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let sentence =
        "Синоптики сказали в понедельник, что сильный дождь будет идти по всему региону всю неделю, \
                    и жителям советуют следить за новостями каждое утро.";
    // A windows-1251 page that claims to be Latin-1.
    let mut page = b"<html><head><meta charset=iso-8859-1><title>x</title></head><body><article><p>".to_vec();
    page.extend(cp1251(sentence));
    page.extend(b"</p><p>");
    page.extend(cp1251(sentence));
    page.extend(b"</p></article></body></html>");
    let hinted = run(dir.path(), &["--charset", "windows-1251"], &page);
    assert!(
        text(&hinted.stdout).contains("сильный дождь будет идти"),
        "{}",
        text(&hinted.stdout)
    );
    let unhinted = run(dir.path(), &[], &page);
    assert!(
        !text(&unhinted.stdout).contains("сильный дождь"),
        "without the flag the page's own (wrong) charset wins"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 4] = [
        &["--skip-existing", "a.html"],
        &["--no-such-flag"],
        &["--format", "docx"],
        &["--url", "https://e.org/", "a.html", "b.html"],
    ];
    for args in cases {
        let out = run(dir.path(), args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn help_explains_every_flag_with_an_example_and_the_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for code in ["0 ", "1 ", "2 ", "130 "] {
        assert!(
            help.contains(&format!("\n  {code}")),
            "exit code {code} documented"
        );
    }
    // Each flag's block (from its line to the next flag or heading) has an example.
    let mut blocks: Vec<String> = Vec::new();
    for line in help.lines() {
        let flag_line = line.starts_with("  -") || line.starts_with("      --");
        if flag_line {
            blocks.push(String::new());
        } else if !line.starts_with(' ') && !line.is_empty() {
            blocks.push(String::from("heading"));
        }
        if let Some(block) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    let flags: Vec<&String> = blocks
        .iter()
        .filter(|b| b.trim_start().starts_with('-'))
        .collect();
    assert!(flags.len() >= 20, "{help}");
    for block in flags {
        let flag = block.lines().next().unwrap();
        if flag.contains("--help") || flag.contains("--version") {
            continue;
        }
        assert!(block.contains("Example"), "no example for {flag}");
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..4000)
        .map(|i| format!("<p>Paragraph {i} of a very long article, with commas, words and more words.</p>"))
        .collect();
    let page = format!("<title>Long</title><article>{body}</article>");
    std::fs::write(dir.path().join("long.html"), page).unwrap();
    let mut child = Command::new(BIN)
        .arg("long.html")
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "", "a closed pipe is not an error");
}

#[test]
fn markdown_and_html_formats() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = root.join("corpus/tutorial-lists-code.html");
    let page = page.to_str().expect("utf-8 path");
    let md = run(root, &["--format", "markdown", page], b"");
    assert!(md.status.success(), "{}", text(&md.stderr));
    let md = text(&md.stdout);
    assert!(
        md.starts_with("# Writing your first Git pre-commit hook\n"),
        "{md}"
    );
    assert!(md.contains("\n## What a hook is\n"), "{md}");
    assert!(
        md.contains("\n   - trailing whitespace in staged files\n"),
        "{md}"
    );
    let html = run(root, &["-f", "html", page], b"");
    assert!(html.status.success(), "{}", text(&html.stderr));
    let html = text(&html.stdout);
    assert!(html.contains("<h2>What a hook is</h2>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
}

/// A blog post with a comment thread and declared metadata.
fn post_with_comments() -> String {
    "<html lang=en><head><title>Rain all week - Daily</title>\
     <meta property=\"og:site_name\" content=\"Daily\">\
     <meta property=\"article:published_time\" content=\"2024-03-14T08:00:00Z\">\
     <meta name=author content=\"Ann Lee\"></head><body>\
     <nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a></nav>\
     <article><h1>Rain all week</h1>\
     <p>Forecasters said on Monday that heavy rain would fall across the region for the rest of the \
     week, with flooding possible in low-lying areas.</p>\
     <p>Residents were advised to avoid travel where they could and to keep up to date with the \
     warnings issued every morning.</p></article>\
     <section id=comments><h2>2 comments</h2><ol>\
     <li class=comment><p>I hope it stops soon, my garden is flooded already and the river is rising \
     fast.</p></li><li class=comment><p>Same here, the whole street was under water on Sunday night \
     and nobody came to help.</p></li></ol></section></body></html>"
        .to_string()
}

#[test]
fn json_format_gives_one_object_with_metadata_and_comments_apart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.html"), post_with_comments()).unwrap();
    let out = run(dir.path(), &["-f", "json", "--comments", "post.html"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let object = value.as_object().unwrap();
    assert_eq!(object.len(), dechaff::Extracted::JSON_FIELDS.len());
    assert_eq!(value["title"], "Rain all week");
    assert_eq!(value["authors"], serde_json::json!(["Ann Lee"]));
    assert_eq!(value["published"], "2024-03-14T08:00:00Z");
    assert_eq!(value["site_name"], "Daily");
    assert_eq!(value["language"], "en");
    assert_eq!(value["page_type"], "article");
    let main = value["text"].as_str().unwrap();
    let comments = value["comments"].as_str().expect("comments asked for");
    assert!(main.contains("Forecasters") && !main.contains("garden"), "{main}");
    assert!(comments.contains("my garden is flooded"), "{comments}");
    // Without --comments the field is there, null.
    let out = run(dir.path(), &["--format", "json", "post.html"], b"");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["comments"], serde_json::Value::Null);
}

#[test]
fn json_format_in_a_batch_gives_json_lines_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.html"), post_with_comments()).unwrap();
    std::fs::write(dir.path().join("b.html"), article("beta")).unwrap();
    let out = run(
        dir.path(),
        &["-q", "-f", "json", "a.html", "b.html", "missing.html"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    for (line, source) in lines[..2].iter().zip(["a.html", "b.html"]) {
        assert_eq!(line["source"], source);
        for field in dechaff::Extracted::JSON_FIELDS {
            assert!(line.get(field).is_some(), "{field} in {line}");
        }
    }
    assert_eq!(lines[0]["published"], "2024-03-14T08:00:00Z");
    assert!(lines[1]["text"].as_str().unwrap().contains("story beta"));
    assert!(lines[2]["error"].is_string() && lines[2].get("text").is_none());
}

#[test]
fn comments_follow_the_text_under_a_separator() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.html"), post_with_comments()).unwrap();
    let out = run(dir.path(), &["--comments", "post.html"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let (main, comments) = stdout
        .split_once("\n\n----- comments -----\n\n")
        .unwrap_or_else(|| panic!("separator in {stdout}"));
    assert!(
        main.contains("Forecasters") && !main.contains("garden"),
        "{stdout}"
    );
    assert!(comments.contains("my garden is flooded"), "{stdout}");
    let out = run(dir.path(), &["post.html"], b"");
    assert!(!text(&out.stdout).contains("garden"), "no comments unless asked");
    let out = run(dir.path(), &["-f", "md", "--comments", "post.html"], b"");
    let md = text(&out.stdout);
    assert!(md.contains("\n\n---\n\n## Comments\n\n"), "{md}");
}

#[test]
fn with_metadata_starts_with_a_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.html"), post_with_comments()).unwrap();
    for format in ["txt", "markdown"] {
        let out = run(dir.path(), &["-f", format, "--with-metadata", "post.html"], b"");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let rest = stdout.strip_prefix("---\n").expect(&stdout);
        let (block, body) = rest.split_once("\n---\n\n").expect(&stdout);
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(
            lines,
            [
                "title: \"Rain all week\"",
                "authors: [\"Ann Lee\"]",
                "published: \"2024-03-14T08:00:00Z\"",
                "site_name: \"Daily\"",
                "language: \"en\"",
                "page_type: \"article\"",
            ],
            "{stdout}"
        );
        assert!(body.contains("Forecasters"), "{stdout}");
    }
    let out = run(dir.path(), &["-f", "html", "--with-metadata", "post.html"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--with-metadata"));
}

#[test]
fn output_dir_files_take_the_format_extension_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("crawl")).unwrap();
    std::fs::write(dir.path().join("crawl/a.html"), article("alpha")).unwrap();
    std::fs::write(
        dir.path().join("crawl/b.html.gz"),
        gzip(article("beta").as_bytes()),
    )
    .unwrap();
    let out = run(dir.path(), &["-q", "-f", "json", "crawl", "-d", "out"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let a = std::fs::read_to_string(dir.path().join("out/crawl/a.html.json")).unwrap();
    let a: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert!(a["text"].as_str().unwrap().contains("story alpha"));
    assert!(dir.path().join("out/crawl/b.html.json").exists());
    assert!(!dir.path().join("out/crawl/a.html.txt").exists());
    // Resuming in the same format skips both; markdown has no files yet.
    let out = run(
        dir.path(),
        &["-f", "json", "crawl", "-d", "out", "--skip-existing"],
        b"",
    );
    assert!(
        text(&out.stderr).contains("0 pages") && text(&out.stderr).contains("2 skipped"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        dir.path(),
        &["-f", "md", "crawl", "-d", "out", "--skip-existing"],
        b"",
    );
    assert!(text(&out.stderr).contains("2 pages"), "{}", text(&out.stderr));
    let md = std::fs::read_to_string(dir.path().join("out/crawl/a.html.md")).unwrap();
    assert!(md.starts_with("# Story alpha\n"), "{md}");
}
