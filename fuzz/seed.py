#!/usr/bin/env python3
"""Fills fuzz/corpus/TARGET/ with seeds made from the regression corpus
(corpus/*.html at the repository root). fuzz/corpus/ is git-ignored: run
this before `cargo fuzz run`; libFuzzer then adds what it finds there.

    python3 fuzz/seed.py            # all targets
    python3 fuzz/seed.py extract    # one target
"""

import gzip
import json
import pathlib
import sys
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz" / "corpus"
PAGES = sorted((ROOT / "corpus").glob("*.html"))
# Reader seeds hold cut pages: the readers are what is fuzzed there, and
# small inputs mutate faster.
CUT = 1500


def write(target, name, data):
    d = FUZZ / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def warc_record(page, name, warc_type=b"response", http=True, charset=b"utf-8"):
    if http:
        payload = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=" + charset +
                   b"\r\nContent-Length: " + str(len(page)).encode() + b"\r\n\r\n" + page)
        content_type = b"application/http; msgtype=response"
    else:
        payload = page
        content_type = b"text/plain"
    head = (b"WARC/1.0\r\nWARC-Type: " + warc_type + b"\r\nWARC-Record-ID: <urn:uuid:" +
            str(uuid.uuid5(uuid.NAMESPACE_URL, name)).encode() + b">\r\nWARC-Target-URI: https://example.org/" +
            name.encode() + b"\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: " + content_type +
            b"\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n")
    return head + payload + b"\r\n\r\n"


def seed(targets):
    for path in PAGES:
        page = path.read_bytes()
        cut = page[:CUT]
        name = path.stem
        if "extract" in targets:
            write("extract", path.name, page)
        if "gzip" in targets:
            write("gzip", name + ".html.gz", gzip.compress(cut, mtime=0))
            # Two members, as concatenated gzip files are.
            write("gzip", name + ".2.html.gz", gzip.compress(cut[:700], mtime=0) + gzip.compress(cut[700:], mtime=0))
        if "warc" in targets:
            info = warc_record(b"software: seed.py\r\n", name + "-info", b"warcinfo", http=False)
            request = warc_record(b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n", name + "-req", b"request", http=False)
            records = [info, request, warc_record(cut, name)]
            write("warc", name + ".warc", b"".join(records))
            write("warc", name + ".warc.gz", b"".join(gzip.compress(r, mtime=0) for r in records))
        if "jsonl" in targets:
            text = cut.decode("utf-8", "replace")
            lines = [
                json.dumps({"id": 1, "url": "https://example.org/" + name, "html": text}),
                "",
                json.dumps({"id": "two", "html": text[:300]}, ensure_ascii=False),
                json.dumps({"url": None, "html": 42}),
                "not json",
            ]
            write("jsonl", name + ".jsonl", ("\n".join(lines) + "\n").encode())


if __name__ == "__main__":
    seed(set(sys.argv[1:]) or {"extract", "gzip", "warc", "jsonl"})
