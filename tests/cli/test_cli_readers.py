"""``paradiff diff`` on every kind of source (text, web page, Word, PDF, URL) through the
real entry point: the reader and metadata of each side, and one clear line for bad input.

URLs are served by a local server on 127.0.0.1; nothing reaches the network.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import run_paradiff
from tests.sources.conftest import NEWS_PAGE, LocalServer
from tests.sources.pdfmaker import Line, make_pdf

STORY = [
    "The Eastgate bridge reopened to traffic on Monday morning after two years of repairs.",
    "The repairs cost 48 million pounds, about 11 million more than the council planned.",
    "Opposition councillors have asked for an independent review of the overspend.",
]


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(paragraphs: list[str]) -> bytes:
    return make_pdf([[Line(72, 700 - 40 * n, text) for n, text in enumerate(paragraphs)]])


def _html(paragraphs: list[str], charset: str = "utf-8", declared: str = "utf-8") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{declared}"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article>{body}</article></body></html>"
    )
    return page.encode(charset)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _json(*args: Any) -> tuple[int, dict[str, Any]]:
    done = run_paradiff(["diff", *args, "--format", "json"], timeout=120)
    assert done.stderr == b"", done.stderr
    return done.returncode, json.loads(done.stdout)


def _error(*args: Any) -> str:
    """The stderr of a ``paradiff diff`` that must fail: one line, exit 2, no traceback."""
    done = run_paradiff(["diff", *args], timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 2, (done.returncode, err)
    assert "Traceback" not in err and done.stdout == b""
    assert err.count("\n") == 1 and err.startswith("paradiff: error: "), err
    return err.strip()


@pytest.mark.parametrize(
    ("name_a", "make_a", "name_b", "make_b"),
    [
        ("story.docx", _docx, "story.pdf", _pdf),
        ("story.pdf", _pdf, "story.txt", lambda ps: "\n\n".join(ps).encode()),
        ("story.html", _html, "story.docx", _docx),
    ],
)
def test_any_pair_of_kinds_is_diffed_and_each_side_says_its_reader(
    tmp_path: Path, name_a: str, make_a: Any, name_b: str, make_b: Any
) -> None:
    a = _write(tmp_path, name_a, make_a(STORY))
    b = _write(tmp_path, name_b, make_b(STORY))
    code, doc = _json(a, b)
    assert code == 0, "the same story in two kinds of file does not differ"
    assert doc["version"] >= 2
    for side, path in (("a", a), ("b", b)):
        kind = path.suffix.removeprefix(".").replace("txt", "text")
        assert doc[side]["metadata"]["reader"].startswith(kind)
        assert list(doc[side]["paragraphs"][-3:]) == STORY


def test_a_changed_number_between_a_web_page_and_a_pdf_is_a_changed_fact(
    tmp_path: Path,
) -> None:
    edited = [STORY[0], STORY[1].replace("48 million", "84 million"), STORY[2]]
    a = _write(tmp_path, "page.html", _html(STORY))
    b = _write(tmp_path, "report.pdf", _pdf(edited))
    code, doc = _json(a, b)
    assert code == 1
    changed = [s for row in doc["rows"] for s in row["spans"] if s["op"] == "changed"]
    assert any("48" in s["a"] and "84" in s["b"] and "number" in s["flags"] for s in changed)


def test_a_url_against_its_saved_file_is_the_same_and_the_header_says_where_it_came_from(
    local_server: LocalServer, tmp_path: Path
) -> None:
    saved = _write(tmp_path, "saved.html", NEWS_PAGE)
    url = local_server.url("/r1")
    done = run_paradiff(["diff", url, saved], timeout=120)
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr
    header = out.split("similarity:")[0]
    assert f"A: {url} " in header
    assert "read as html (trafilatura" in header
    assert "“Harbour bridge reopens after two years of repairs”" in header
    assert "by Maria Okafor · 2024-05-14 · The Northport Herald" in header
    assert f"from {local_server.url('/news')} (2 redirects)" in header


def test_two_urls_give_final_url_fetch_time_and_redirects_in_json(
    local_server: LocalServer,
) -> None:
    code, doc = _json(local_server.url("/r1"), local_server.url("/news"))
    assert code == 0
    a, b = doc["a"]["metadata"], doc["b"]["metadata"]
    assert a["url"] == local_server.url("/r1")
    assert a["final_url"] == b["final_url"] == local_server.url("/news")
    assert a["redirects"].split() == [local_server.url("/r2"), local_server.url("/news")]
    assert "redirects" not in b
    assert a["fetched_at"].endswith("+00:00") and b["title"] == a["title"]


def test_whole_page_keeps_the_furniture_the_article_reader_drops(tmp_path: Path) -> None:
    page = _write(tmp_path, "page.html", NEWS_PAGE)
    text = _write(tmp_path, "empty.txt", b"")
    _code, article = _json(page, text)
    _code, whole = _json(page, text, "--whole-page")
    assert not any("Sign up for the Herald" in p for p in article["a"]["paragraphs"])
    assert any("Sign up for the Herald" in p for p in whole["a"]["paragraphs"])
    assert "whole page" in whole["a"]["metadata"]["reader"]


def test_a_saved_url_diff_reopens_without_fetching_again(
    local_server: LocalServer, tmp_path: Path
) -> None:
    url = local_server.page("/story", _html(STORY))
    copy = _write(tmp_path, "copy.txt", "\n\n".join(STORY[1:]).encode())
    data_dir = tmp_path / "store"
    saved = run_paradiff(["diff", url, copy, "--save", "url", "--data-dir", data_dir])
    assert saved.returncode == 1, saved.stderr
    snapshot_id = saved.stdout.decode().strip()
    local_server.routes.clear()  # any fetch from now on is a 404
    listed = run_paradiff(["snapshots", "list", "--json", "--data-dir", data_dir])
    source = json.loads(listed.stdout)["snapshots"][0]["a"]
    assert source["final_url"] == url and source["fetched_at"].endswith("+00:00")
    assert source["abspath"] == ""
    shown = run_paradiff(["snapshots", "show", snapshot_id, "-f", "json", "--data-dir", data_dir])
    assert shown.returncode in (0, 1), shown.stderr
    article = json.loads(shown.stdout)["a"]
    assert article["path"] == url and article["metadata"]["final_url"] == url
    assert STORY[0] in article["paragraphs"]


def _not_a_document_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.docx", _not_a_document_zip(), "not a Word document (.docx): a zip file without"),
        ("broken.docx", b"PK\x03\x04 cut short", "not a Word document (.docx): not a zip file"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old binary Word file"),
        (
            "locked.pdf",
            make_pdf([[Line(72, 700, "x")]], user_password="pw"),
            "encrypted PDF: it needs a",
        ),
        ("scan.pdf", make_pdf([[]], image_only=True), "PDF has no text layer, only"),
        ("empty.html", b"<html><body><nav>Home</nav></body></html>", "no article text found"),
    ],
    ids=["zip-not-docx", "cut-zip", "doc", "encrypted-pdf", "scanned-pdf", "no-article"],
)
def test_a_document_that_cannot_be_read_is_one_clear_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    bad = _write(tmp_path, name, data)
    good = _write(tmp_path, "good.txt", b"A story.")
    assert _error(bad, good).startswith(f"paradiff: error: {bad}: {reason}")
    assert _error(good, bad).startswith(f"paradiff: error: {bad}: {reason}")


def test_a_50_mb_web_page_is_refused_with_a_reason(tmp_path: Path) -> None:
    paragraph = b"<p>" + b"word " * 40 + b"</p>\n"
    page = _write(tmp_path, "huge.html", b"<html><body>" + paragraph * (50 * 2**20 // 210))
    good = _write(tmp_path, "good.txt", b"A story.")
    assert "web page too large to extract" in _error(page, good)


def test_a_page_that_declares_one_encoding_and_uses_another_reads_right(tmp_path: Path) -> None:
    words = ["Café owners in Montréal said the crème brûlée tax would cost them dearly.", *STORY]
    lying = _write(tmp_path, "lying.html", _html(words, charset="cp1252", declared="utf-8"))
    honest = _write(tmp_path, "honest.txt", "\n\n".join(words).encode())
    code, doc = _json(lying, honest)
    assert code == 0
    assert words[0] in doc["a"]["paragraphs"]


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("/huge", r"too large \(20480 MiB, over 256 MiB\)"),
        ("/missing", "HTTP 404 Not Found"),
        ("/to-ftp", r"redirected to ftp://.*only http and https are followed"),
    ],
)
def test_a_url_that_fails_is_one_clear_line(
    local_server: LocalServer, tmp_path: Path, route: str, reason: str
) -> None:
    good = _write(tmp_path, "good.txt", b"A story.")
    url = local_server.url(route)
    err = _error(url, good)
    assert err.startswith(f"paradiff: error: {url}: ")
    assert re.search(reason, err), err


def test_a_url_that_never_answers_ends_at_the_timeout(silent_port: int, tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", b"A story.")
    url = f"http://127.0.0.1:{silent_port}/story"
    err = _error(good, url, "--timeout", "0.5")
    assert err == f"paradiff: error: {url}: no complete answer within 0.5 s (timed out)"


def test_a_refused_connection_and_other_schemes_are_one_clear_line(
    closed_port: int, tmp_path: Path
) -> None:
    good = _write(tmp_path, "good.txt", b"A story.")
    url = f"http://127.0.0.1:{closed_port}/"
    assert _error(url, good) == (
        f"paradiff: error: {url}: connection refused by 127.0.0.1 port {closed_port}"
    )
    assert _error("ftp://example.com/a.txt", good) == (
        "paradiff: error: ftp://example.com/a.txt: only http and https URLs can be read, not ftp:"
    )


def test_the_app_launch_accepts_urls_and_refuses_other_schemes(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", b"A story.")
    done = run_paradiff(["file:///etc/passwd", good])
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        "paradiff: error: file:///etc/passwd: only http and https URLs can be read, not file:"
    )
