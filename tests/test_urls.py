"""Fetching URLs: a real HTTP server on 127.0.0.1, timeouts, size limits, sniffing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.ingest import read_source
from pipeline.models import Status

ARTICLE = (
    "<html><head><title>Gallium squeeze</title><meta name='author' content='A. Writer'>"
    "<meta property='article:published_time' content='2025-03-04'></head><body>"
    "<nav>Home | World | Markets</nav><article><h1>Gallium squeeze</h1>"
    + "<p>China restricted exports of gallium and germanium, and chipmakers in Japan and "
      "Korea warned that supplies could run short within months.</p>" * 8
    + "</article><footer>Related articles</footer></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    agents: list[str] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, "text/html", ARTICLE)
        elif self.path == "/brief":  # a PDF served without a .pdf name
            self._send(200, "application/pdf",
                       (Path(__file__).parent.parent / "corpora/sample/"
                        "critical-minerals-brief.pdf").read_bytes())
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", ARTICLE)
        elif self.path == "/big":
            self._send(200, "text/plain", b"x" * 300_000)
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


OPTS = {"timeout": 1.0, "max_bytes": 100_000, "user_agent": "RiskAtlas-test", "min_interval": 0}


def test_html_article_by_url(server: str) -> None:
    doc = read_source(f"{server}/article", fetch_options=OPTS)
    assert doc.status == Status.indexed, doc.reason
    assert doc.title == "Gallium squeeze"
    assert "Home | World" not in doc.text
    assert doc.url == f"{server}/article"
    assert "RiskAtlas-test" in Handler.agents


def test_pdf_sniffed_by_content(server: str) -> None:
    doc = read_source(f"{server}/brief", fetch_options=OPTS)
    assert doc.status == Status.indexed
    assert doc.metadata["format"] == "pdf"


def test_timeout_names_the_url_and_way_out(server: str) -> None:
    doc = read_source(f"{server}/slow", fetch_options=OPTS)
    assert doc.status == Status.failed
    assert f"{server}/slow timed out" in doc.reason and "--retry-failed" in doc.reason


def test_size_limit(server: str) -> None:
    doc = read_source(f"{server}/big", fetch_options=OPTS)
    assert doc.status == Status.failed
    assert "RISKATLAS_FETCH_MAX_BYTES" in doc.reason


def test_http_error(server: str) -> None:
    doc = read_source(f"{server}/missing", fetch_options=OPTS)
    assert doc.status == Status.failed
    assert "HTTP 404" in doc.reason
