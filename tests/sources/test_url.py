"""The URL reader against a local server: redirects, limits and every failure's message."""

from __future__ import annotations

import io
import socket
import threading

import pytest

from tests.sources.conftest import LocalServer
from tests.sources.pdfmaker import Line, make_pdf
from tui.sources import Source, SourceError, read_url_source
from tui.sources.base import ReaderError
from tui.sources.readers import source_from_fetched
from tui.sources.url import fetch_url

MiB = 2**20
#: A small size cap keeps every test fast. The timeouts only end a test that went wrong:
#: generous, so that a loaded machine never cuts a local answer (the tests of the timeouts
#: give their own, short ones).
FAST = {"max_bytes": MiB, "connect_timeout": 30.0, "total_timeout": 60.0}


def read_url(url: str) -> Source:
    """``url`` read through the sources package, within the small limits."""
    return read_url_source(url, max_bytes=MiB, connect_timeout=30.0, timeout=60.0)


def test_a_page_is_fetched_and_read_with_its_url_and_fetch_time(local_server: LocalServer) -> None:
    fetched = fetch_url(local_server.url("/news"), **FAST)
    assert fetched.status == 200
    assert fetched.redirects == ()
    assert fetched.final_url == local_server.url("/news")
    assert "T" in fetched.fetched_at and fetched.fetched_at.endswith("+00:00")
    source = read_url(local_server.url("/news"))
    metadata = source.article.metadata
    assert source.reader == "html"
    assert source.article.path == local_server.url("/news")
    assert metadata["final_url"] == local_server.url("/news")
    assert metadata["fetched_at"].endswith("+00:00")
    assert metadata["title"] == "Harbour bridge reopens after two years of repairs"
    assert any("Eastgate bridge reopened" in p for p in source.article.paragraphs)
    assert "redirects" not in metadata
    assert (source.info.final_url, source.info.fetched_at) == (
        metadata["final_url"],
        metadata["fetched_at"],
    )
    assert source.info.abspath == ""  # never a file path made of the URL


def test_redirects_are_followed_and_every_hop_reported(local_server: LocalServer) -> None:
    fetched = fetch_url(local_server.url("/r1"), **FAST)
    assert fetched.url == local_server.url("/r1")
    assert fetched.redirects == (local_server.url("/r2"), local_server.url("/news"))
    assert fetched.final_url == local_server.url("/news")
    metadata = source_from_fetched(fetched).article.metadata
    assert metadata["redirects"].split() == list(fetched.redirects)


def test_a_redirect_to_another_scheme_is_refused(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match=r"redirected to ftp://.*only http and https"):
        fetch_url(local_server.url("/to-ftp"), **FAST)


def test_a_redirect_loop_is_refused(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match="redirect loop"):
        fetch_url(local_server.url("/loop"), **FAST)


def test_too_many_redirects_are_refused(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match=r"too many redirects \(over 1\)"):
        fetch_url(local_server.url("/r1"), max_redirects=1, **FAST)


def test_not_found_is_reported_with_the_status(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match=r"^HTTP 404 Not Found$"):
        fetch_url(local_server.url("/missing"), **FAST)


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "example.com"])
def test_only_http_and_https_urls_are_read(url: str) -> None:
    with pytest.raises(ReaderError, match="only http and https URLs"):
        fetch_url(url, **FAST)


def test_a_trickling_server_is_cut_by_the_total_timeout(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match=r"no complete answer within 0.3 s"):
        fetch_url(local_server.url("/trickle"), max_bytes=MiB, connect_timeout=1, total_timeout=0.3)


def test_a_server_that_never_answers_is_cut_by_the_total_timeout(silent_port: int) -> None:
    with pytest.raises(ReaderError, match="timed out"):
        fetch_url(
            f"http://127.0.0.1:{silent_port}/", max_bytes=MiB, connect_timeout=1, total_timeout=0.2
        )


def test_an_endless_answer_stops_at_the_size_cap(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match=r"too large \(over 1 MiB\)"):
        fetch_url(local_server.url("/endless"), **FAST)


def test_a_declared_20_gb_answer_is_refused_before_reading(local_server: LocalServer) -> None:
    with pytest.raises(ReaderError, match=r"too large \(20480 MiB, over 1 MiB\)"):
        fetch_url(local_server.url("/huge"), **FAST)


def test_an_image_is_not_an_article(local_server: LocalServer) -> None:
    url = local_server.page("/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
    with pytest.raises(ReaderError, match=r"not a web page, text or document: .* is image/png"):
        fetch_url(url, **FAST)


def test_a_refused_connection_says_so(closed_port: int) -> None:
    with pytest.raises(ReaderError, match=f"connection refused by 127.0.0.1 port {closed_port}"):
        fetch_url(f"http://127.0.0.1:{closed_port}/", **FAST)


def test_a_failed_name_lookup_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(ReaderError, match=r"^cannot resolve host news.invalid$"):
        fetch_url("https://news.invalid/story", **FAST)


def test_a_name_lookup_that_never_ends_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck_resolver(*args: object, **kwargs: object) -> None:
        release.wait(5)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure")

    monkeypatch.setattr(socket, "getaddrinfo", stuck_resolver)
    try:
        with pytest.raises(
            ReaderError, match=r"cannot resolve host slow.invalid: no answer within 0.2 s"
        ):
            fetch_url("http://slow.invalid/", max_bytes=MiB, connect_timeout=0.2, total_timeout=1)
    finally:
        release.set()


def test_a_pdf_answer_goes_to_the_pdf_reader(local_server: LocalServer) -> None:
    pdf = make_pdf([[Line(72, 700, "The report says the bridge is safe.")]])
    url = local_server.page("/report", pdf, "application/pdf")
    article = read_url(url).article
    assert article.paragraphs == ("The report says the bridge is safe.",)
    assert article.metadata["reader"].startswith("pdf")


def test_an_unlabelled_answer_is_read_by_what_its_bytes_are(local_server: LocalServer) -> None:
    pdf = make_pdf([[Line(72, 700, "Unlabelled but still a PDF.")]])
    url = local_server.page("/download", pdf, "application/octet-stream")
    assert read_url(url).article.paragraphs == ("Unlabelled but still a PDF.",)


def test_plain_text_uses_the_charset_of_the_header(local_server: LocalServer) -> None:
    url = local_server.page(
        "/note.txt", "Café crème\n\nSecond".encode("cp1252"), "text/plain; charset=windows-1252"
    )
    source = read_url(url)
    assert source.article.paragraphs == ("Café crème", "Second")
    assert source.reader == "text"  # paragraphs by the plain-text rules
    assert source.article.encoding == "windows-1252"


def test_gzip_answers_are_decompressed_within_the_cap(local_server: LocalServer) -> None:
    import gzip

    def gzipped(handler) -> None:
        body = gzip.compress(b"a" * (3 * MiB))  # 3 MiB once decompressed, a few KiB sent
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    local_server.routes["/bomb"] = gzipped
    with pytest.raises(ReaderError, match="too large once decompressed"):
        fetch_url(local_server.url("/bomb"), **FAST)
    small = io.BytesIO()
    with gzip.GzipFile(fileobj=small, mode="wb") as stream:
        stream.write(b"small text")
    fetched = fetch_url(local_server.page("/small", small.getvalue(), "text/plain"), **FAST)
    assert fetched.data == small.getvalue()  # no Content-Encoding header: left as sent


def test_a_fetched_page_keeps_the_asked_url_and_can_be_read_whole(
    local_server: LocalServer,
) -> None:
    fetched = fetch_url(local_server.url("/r2"), **FAST)
    article = source_from_fetched(fetched, whole_page=True).article
    assert article.metadata["url"] == local_server.url("/r2")
    assert any("Sign up for the Herald" in p for p in article.paragraphs)


def test_a_failed_fetch_is_a_source_error_naming_the_url(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/story"
    with pytest.raises(SourceError, match=rf"^{url}: connection refused by 127.0.0.1"):
        read_url(url)


def test_a_fetched_source_is_never_fetched_again_to_check_it(local_server: LocalServer) -> None:
    from tui.store.checks import check_source

    source = read_url(local_server.url("/news"))
    local_server.routes.clear()  # a fetch now would be a 404
    check = check_source("A", source.info)
    assert (check.state, check.path) == ("unknown", local_server.url("/news"))
