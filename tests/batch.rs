//! Batch cleaning of crawled HTML (issue 4), through the `dechaff` binary:
//! directories, gzip, WARC archives (Common Crawl layout, with request,
//! metadata, non-HTML and truncated records), JSON lines in and out (the
//! mapper of a streaming job), lists of files, an output directory with
//! resume, ordering, errors as records, a closed pipe and Ctrl-C. Every test
//! builds its fixtures in a temporary directory and checks that each page
//! comes out exactly once.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{article, cp1251, gzip, json_lines, run, text, BIN};

use serde_json::Value;

/// The sentence of `article(marker)` that must be in its text.
fn sentence(marker: &str) -> String {
    format!("the story {marker} would run")
}

fn write(dir: &Path, name: &str, data: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, data).unwrap();
}

fn field<'a>(records: &'a [Value], name: &str) -> Vec<&'a str> {
    records.iter().map(|r| r[name].as_str().unwrap_or("")).collect()
}

/// One WARC record.
fn warc_record(warc_type: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype={warc_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response.
fn http(status: &str, content_type: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_headers}Server: test\r\n\r\n")
            .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A Common Crawl-like archive, one gzip member per record: warcinfo, then
/// for each page request + response + metadata; plus an image, a 404, a
/// chunked page, a windows-1251 page, and a truncated last record.
fn crawl_archive() -> (Vec<u8>, usize) {
    let mut records = vec![warc_record(
        "warcinfo",
        "info",
        "",
        b"software: test\r\nformat: WARC\r\n",
    )];
    for marker in ["w1", "w2"] {
        let uri = format!("https://example.org/{marker}");
        records.push(warc_record(
            "request",
            &format!("{marker}-req"),
            &uri,
            b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
        ));
        let response = http(
            "200 OK",
            "text/html; charset=utf-8",
            "",
            article(marker).as_bytes(),
        );
        records.push(warc_record("response", marker, &uri, &response));
        records.push(warc_record(
            "metadata",
            &format!("{marker}-meta"),
            &uri,
            b"fetchTimeMs: 12\r\n",
        ));
    }
    let png = http("200 OK", "image/png", "", b"\x89PNG\r\n\x1a\n");
    records.push(warc_record("response", "png", "https://example.org/i.png", &png));
    let missing = http("404 Not Found", "text/html", "", article("gone").as_bytes());
    records.push(warc_record(
        "response",
        "404",
        "https://example.org/gone",
        &missing,
    ));
    let page = article("w3");
    let chunked_body = format!("{:x}\r\n{page}\r\n0\r\n\r\n", page.len());
    let chunked = http(
        "200 OK",
        "text/html",
        "Transfer-Encoding: chunked\r\n",
        chunked_body.as_bytes(),
    );
    records.push(warc_record("response", "w3", "https://example.org/w3", &chunked));
    let russian =
        "Синоптики сказали в понедельник, что сильный дождь будет идти по всему региону всю неделю, \
                   и жителям советуют следить за новостями каждое утро.";
    let mut body =
        b"<html><head><meta charset=iso-8859-1><title>ru</title></head><body><article><p>".to_vec();
    body.extend(cp1251(russian));
    body.extend(b"</p><p>");
    body.extend(cp1251(russian));
    body.extend(b"</p></article></body></html>");
    let cyrillic = http("200 OK", "text/html; charset=windows-1251", "", &body);
    records.push(warc_record("response", "ru", "https://example.org/ru", &cyrillic));
    let last = warc_record(
        "response",
        "cut",
        "https://example.org/cut",
        &http("200 OK", "text/html", "", article("cut").as_bytes()),
    );
    let skipped = records.len() - 4; // warcinfo, requests, metadata, png, 404
    let mut archive = Vec::new();
    for record in &records {
        archive.extend(gzip(record));
    }
    let last = gzip(&last);
    archive.extend(&last[..last.len() / 2]);
    (archive, skipped)
}

#[test]
fn a_directory_gives_every_page_once_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "crawl/b.html", article("b"));
    write(root, "crawl/a.htm.gz", gzip(article("a").as_bytes()));
    write(root, "crawl/sub/c.html", article("c"));
    write(root, "crawl/style.css", "body { color: red }");
    write(root, "crawl/notes.txt", "not a page");
    let out = run(root, &["crawl"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let records = json_lines(&out.stdout);
    assert_eq!(
        field(&records, "source"),
        ["crawl/a.htm.gz", "crawl/b.html", "crawl/sub/c.html"]
    );
    for (record, marker) in records.iter().zip(["a", "b", "c"]) {
        assert!(
            record["text"].as_str().unwrap().contains(&sentence(marker)),
            "{record}"
        );
    }
    assert!(
        text(&out.stderr).contains("3 pages (3 ok, 0 empty, 0 failed), 0 skipped"),
        "{}",
        text(&out.stderr)
    );

    let css = run(root, &["--ext", "css", "crawl"], b"");
    assert_eq!(field(&json_lines(&css.stdout), "source"), ["crawl/style.css"]);
}

#[test]
fn a_common_crawl_archive_gives_its_html_responses() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, skipped) = crawl_archive();
    write(dir.path(), "CC-MAIN-test.warc.gz", &archive);
    let out = run(dir.path(), &["CC-MAIN-test.warc.gz"], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the truncated record failed: {}",
        text(&out.stderr)
    );
    let records = json_lines(&out.stdout);
    assert_eq!(
        field(&records, "record_id"),
        [
            "<urn:uuid:w1>",
            "<urn:uuid:w2>",
            "<urn:uuid:w3>",
            "<urn:uuid:ru>",
            "<urn:uuid:cut>"
        ]
    );
    assert_eq!(field(&records, "url")[0], "https://example.org/w1");
    assert!(records.iter().all(|r| r["source"] == "CC-MAIN-test.warc.gz"));
    for (record, marker) in records.iter().zip(["w1", "w2", "w3"]) {
        assert!(
            record["text"].as_str().unwrap().contains(&sentence(marker)),
            "{record}"
        );
        assert!(!record["text"].as_str().unwrap().contains("Sport"));
    }
    let russian = records[3]["text"].as_str().unwrap();
    assert!(
        russian.contains("сильный дождь будет идти"),
        "HTTP charset used: {russian}"
    );
    let cut = &records[4];
    assert!(cut.get("text").is_none());
    assert!(
        cut["error"].as_str().unwrap().contains("truncated WARC record"),
        "{cut}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("5 pages (4 ok, 0 empty, 1 failed), {skipped} skipped")),
        "{stderr}"
    );
    assert!(
        stderr.contains("CC-MAIN-test.warc.gz record <urn:uuid:cut>:"),
        "{stderr}"
    );

    // The same archive, uncompressed, from standard input.
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&archive[..])
        .read_to_end(&mut plain)
        .ok();
    let piped = run(dir.path(), &["--input", "warc"], &plain);
    let piped = json_lines(&piped.stdout);
    assert_eq!(field(&piped, "record_id")[..4], field(&records, "record_id")[..4]);
    assert!(
        piped[4]["error"]
            .as_str()
            .unwrap()
            .contains("truncated WARC record"),
        "{}",
        piped[4]
    );
    assert!(piped.iter().all(|r| r["source"] == "-"));
}

#[test]
fn json_lines_in_json_lines_out_for_a_streaming_mapper() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for i in 0..20 {
        let line = serde_json::json!({"doc": format!("d{i}"), "link": format!("https://e.org/{i}"), "body": article(&format!("j{i}"))});
        input.push_str(&format!("{line}\n"));
        if i == 5 {
            input.push_str("this line is not JSON\n");
        }
        if i == 9 {
            input.push_str("{\"doc\": \"nohtml\"}\n\n");
        }
    }
    let args = [
        "--input",
        "jsonl",
        "--html-field",
        "body",
        "--url-field",
        "link",
        "--id-field",
        "doc",
        "-j",
        "2",
    ];
    let out = run(dir.path(), &args, input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "two bad lines: {}", text(&out.stderr));
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 22, "one record per non-blank line");
    let ids: Vec<Value> = records.iter().map(|r| r["doc"].clone()).collect();
    assert_eq!(ids[5], "d5");
    assert_eq!(ids[6], Value::Null, "the bad line has no id");
    assert_eq!(ids[11], "nohtml");
    assert_eq!(records[6]["source"], "-:7");
    assert!(records[6]["error"]
        .as_str()
        .unwrap()
        .contains("not a JSON object"));
    assert!(records[11]["error"]
        .as_str()
        .unwrap()
        .contains("no \"body\" field"));
    let good: Vec<&Value> = records.iter().filter(|r| r.get("text").is_some()).collect();
    assert_eq!(good.len(), 20);
    for (i, record) in good.iter().enumerate() {
        assert_eq!(record["doc"], format!("d{i}"));
        assert_eq!(record["url"], format!("https://e.org/{i}"));
        assert!(record["text"]
            .as_str()
            .unwrap()
            .contains(&sentence(&format!("j{i}"))));
    }
}

#[test]
fn the_example_mapper_script_works() {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mapper.sh");
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": 1, "url": "https://e.org/1", "html": article("m1")}),
        serde_json::json!({"id": 2, "html": 42}),
        serde_json::json!({"id": 3, "html": article("m3")}),
    );
    let mut child = Command::new("sh")
        .arg(&script)
        .env("DECHAFF", BIN)
        .env("DECHAFF_JOBS", "2")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a failed page is a record, not a failed task: {}",
        text(&out.stderr)
    );
    let records = json_lines(&out.stdout);
    assert_eq!(
        records
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(records[0]["text"].as_str().unwrap().contains(&sentence("m1")));
    assert_eq!(records[0]["url"], "https://e.org/1");
    assert!(records[1]["error"].is_string());
    assert!(records[2]["text"].as_str().unwrap().contains(&sentence("m3")));

    let bad_usage = Command::new("sh")
        .arg(&script)
        .env("DECHAFF", BIN)
        .env("DECHAFF_JOBS", "0")
        .output()
        .unwrap();
    assert_eq!(
        bad_usage.status.code(),
        Some(2),
        "a usage error still fails the task"
    );
}

#[test]
fn a_jsonl_file_is_recognised_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"html": article("f1")}),
        serde_json::json!({"html": article("f2")})
    );
    write(dir.path(), "pages.jsonl.gz", gzip(lines.as_bytes()));
    let out = run(dir.path(), &["pages.jsonl.gz"], b"");
    let records = json_lines(&out.stdout);
    assert_eq!(
        field(&records, "source"),
        ["pages.jsonl.gz:1", "pages.jsonl.gz:2"]
    );
    assert!(records[1]["text"].as_str().unwrap().contains(&sentence("f2")));
}

#[test]
fn files_from_a_list_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p/one.html", article("one"));
    write(dir.path(), "p/two.html.gz", gzip(article("two").as_bytes()));
    write(dir.path(), "q/three.html", article("three"));
    write(dir.path(), "list.txt", "p/two.html.gz\n\nq\r\np/one.html\n");
    let out = run(dir.path(), &["p/one.html", "--files-from", "list.txt"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        field(&json_lines(&out.stdout), "source"),
        ["p/one.html", "p/two.html.gz", "q/three.html", "p/one.html"]
    );

    let piped = run(dir.path(), &["--files-from", "-"], b"q/three.html\np/one.html\n");
    assert_eq!(
        field(&json_lines(&piped.stdout), "source"),
        ["q/three.html", "p/one.html"]
    );

    let missing = run(dir.path(), &["--files-from", "nolist.txt"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("cannot read the list of files nolist.txt"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn broken_inputs_are_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "in/1-good.html", article("good"));
    let packed = gzip(article("cut").repeat(20).as_bytes());
    write(root, "in/2-truncated.html.gz", &packed[..packed.len() / 2]);
    write(root, "in/3-big.html", article("big").repeat(50));
    write(
        root,
        "in/4-image.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10",
    );
    write(root, "in/5-empty.html", "<nav><a href=/>Home</a></nav>");
    write(root, "in/6-zero.html", "");
    write(root, "in/7-good.html", article("good7"));
    let out = run(root, &["--max-bytes", "20K", "in", "missing.html"], b"");
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out.stdout);
    assert_eq!(
        field(&records, "source"),
        [
            "in/1-good.html",
            "in/2-truncated.html.gz",
            "in/3-big.html",
            "in/4-image.html",
            "in/5-empty.html",
            "in/6-zero.html",
            "in/7-good.html",
            "missing.html"
        ]
    );
    let errors = field(&records, "error");
    assert_eq!(errors[0], "");
    assert!(errors[1].contains("truncated or corrupt gzip"), "{}", errors[1]);
    assert!(errors[2].contains("--max-bytes limit of 20 KiB"), "{}", errors[2]);
    assert!(errors[3].contains("not an HTML page"), "{}", errors[3]);
    assert_eq!(records[4]["text"], "", "no main content is not an error");
    assert!(errors[7].contains("no such file"));
    assert!(records[6]["text"].as_str().unwrap().contains(&sentence("good7")));
    let stderr = text(&out.stderr);
    let failed = errors.iter().filter(|e| !e.is_empty()).count();
    assert!(
        stderr.contains(&format!("8 pages (2 ok, 2 empty, {failed} failed)")),
        "{stderr}"
    );
}

#[test]
fn output_dir_mirrors_the_inputs_and_skip_existing_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "crawl/a.html", article("da"));
    write(root, "crawl/sub/b.html.gz", gzip(article("db").as_bytes()));
    write(root, "crawl/c.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (archive, _) = crawl_archive();
    write(root, "crawl/x.warc.gz", &archive);

    let first = run(root, &["crawl", "-d", "out"], b"");
    assert_eq!(first.status.code(), Some(1), "{}", text(&first.stderr));
    assert!(first.stdout.is_empty(), "records go to files");
    let read = |name: &str| std::fs::read_to_string(root.join("out").join(name)).unwrap();
    assert!(read("crawl/a.html.txt").contains(&sentence("da")));
    assert!(read("crawl/sub/b.html.txt").contains(&sentence("db")));
    assert!(
        !root.join("out/crawl/c.html.txt").exists(),
        "a failed page gets no file"
    );
    // Records 1 warcinfo, 2 request, 3 response w1.
    assert!(read("crawl/x.warc/000003.txt").contains(&sentence("w1")));
    let warc_files = std::fs::read_dir(root.join("out/crawl/x.warc")).unwrap().count();
    assert_eq!(warc_files, 4, "w1, w2, w3, ru");

    // Mark an output: a resumed run must leave it alone and redo only what is missing.
    std::fs::write(root.join("out/crawl/a.html.txt"), "kept").unwrap();
    std::fs::remove_file(root.join("out/crawl/sub/b.html.txt")).unwrap();
    write(root, "crawl/d.html", article("dd"));
    let second = run(root, &["crawl", "-d", "out", "--skip-existing"], b"");
    assert_eq!(read("crawl/a.html.txt"), "kept");
    assert!(read("crawl/sub/b.html.txt").contains(&sentence("db")));
    assert!(read("crawl/d.html.txt").contains(&sentence("dd")));
    let stderr = text(&second.stderr);
    // Pages now: b, d, the failed c (retried), the truncated WARC record.
    assert!(stderr.contains("4 pages (2 ok, 0 empty, 2 failed)"), "{stderr}");
}

#[test]
fn records_keep_the_input_order_with_many_workers() {
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for i in 0..120 {
        let name = format!("p/{i:03}.html");
        // Every tenth page is much bigger, so pages finish out of order.
        let page = if i % 10 == 0 {
            article(&format!("n{i}")).repeat(40)
        } else {
            article(&format!("n{i}"))
        };
        write(dir.path(), &name, page);
        names.push(name);
    }
    let ordered = run(dir.path(), &["-j", "4", "p"], b"");
    assert_eq!(field(&json_lines(&ordered.stdout), "source"), names);
    for (i, record) in json_lines(&ordered.stdout).iter().enumerate() {
        assert!(record["text"]
            .as_str()
            .unwrap()
            .contains(&sentence(&format!("n{i}"))));
    }
    let unordered = run(dir.path(), &["-j", "4", "--unordered", "p"], b"");
    let records = json_lines(&unordered.stdout);
    let mut sources: Vec<&str> = field(&records, "source");
    sources.sort_unstable();
    assert_eq!(sources, names, "every page exactly once");
}

#[test]
fn a_closed_pipe_stops_a_batch_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        write(
            dir.path(),
            &format!("p/{i:03}.html"),
            article(&format!("pipe{i}")),
        );
    }
    let mut child = Command::new(BIN)
        .args(["-j", "2", "p"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("p/000.html"));
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "", "no summary, no error");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_reading_and_leaves_whole_lines() {
    let dir = tempfile::tempdir().unwrap();
    let count = 3000;
    for i in 0..count {
        write(dir.path(), &format!("p/{i:04}.html"), article(&format!("int{i}")));
    }
    let mut child = Command::new(BIN)
        .args(["-j", "1", "p"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = vec![String::new()];
    stdout.read_line(&mut lines[0]).unwrap();
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    for line in stdout.lines() {
        lines.push(line.unwrap());
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(lines.len() < count, "stopped early: {} lines", lines.len());
    for (i, line) in lines.iter().enumerate() {
        let record: Value = serde_json::from_str(line).expect("whole lines only");
        assert_eq!(
            record["source"],
            format!("p/{i:04}.html"),
            "a prefix of the input, in order"
        );
    }
    assert!(
        text(&out.stderr).contains("(interrupted)"),
        "{}",
        text(&out.stderr)
    );
}
