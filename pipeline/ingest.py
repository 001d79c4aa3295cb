"""Turn a file or URL into a ``Document``: sniff, read, normalize, describe.

``read_source`` never raises for a bad input: it returns a Document whose
``status`` and one-line ``reason`` say what went wrong, naming the file and the
way out, so that a batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import (
    CorruptDocument,
    EncryptedDocument,
    FetchError,
    NeedsOCR,
    RiskAtlasError,
    TransientFetchError,
    UnsupportedFormat,
)
from pipeline.models import DocType, Document, Page, Status
from pipeline.readers.text import Parsed, decode, read_docx, read_html, read_markdown

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}
_last_fetch: dict[str, float] = {}


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def normalize_text(text: str) -> str:
    """NFC, no control characters, single spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\xa0", " ").replace("\u00ad", "")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def discover(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders into the files under them (sorted); pass URLs and files through."""
    for p in paths:
        if re.match(r"^https?://", p):
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.name != "README.md":
                    yield str(f)
        else:
            yield str(path)


def sniff(data: bytes, name: str) -> str:
    """The format of ``data``: pdf, html, docx or text; by content, then by suffix."""
    head = data[:2048].lstrip()
    suffix = Path(name.split("?")[0]).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in data[:4096]:
            return "docx"
        raise UnsupportedFormat(
            f"{name} is a ZIP archive, not a document; unpack it and ingest its files"
        )
    if suffix == ".pdf":
        raise CorruptDocument(
            f"{name} is named .pdf but is not a PDF (no %PDF header); re-download it"
        )
    if suffix == ".docx":
        raise CorruptDocument(f"{name} is named .docx but is not a Word file; re-save it")
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low or suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES or suffix in {".csv", ".json", ".xml", ".rst"}:
        if suffix in {".csv", ".json", ".xml"}:
            raise UnsupportedFormat(
                f"{name}: {suffix} files are data, not documents; convert to text or remove it"
            )
        return "text"
    raise UnsupportedFormat(
        f"{name}: RiskAtlas reads PDF, HTML, DOCX, Markdown and text, not {suffix or 'this'} "
        "files; convert it or leave it out"
    )


def fetch(url: str, timeout: float = 20.0, max_bytes: int = 50_000_000,
          user_agent: str = "RiskAtlas/0.1", min_interval: float = 1.0) -> tuple[bytes, str]:
    """GET a URL politely: a user agent, a per-host rate limit, a timeout, a size cap."""
    import httpx

    host = re.sub(r"^https?://([^/]+).*$", r"\1", url)
    wait = _last_fetch.get(host, 0.0) + min_interval - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    _last_fetch[host] = time.monotonic()
    try:
        with httpx.stream(
            "GET", url, timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent}
        ) as r:
            if r.status_code == 429 or r.status_code >= 500:
                raise TransientFetchError(
                    f"{url} answered HTTP {r.status_code}; retry later with --retry-failed")
            if r.status_code >= 400:
                raise FetchError(f"{url} answered HTTP {r.status_code}; check the address")
            chunks, size = [], 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(
                        f"{url} is over {max_bytes} bytes; raise RISKATLAS_FETCH_MAX_BYTES "
                        "or download it yourself"
                    )
                chunks.append(chunk)
            return b"".join(chunks), r.headers.get("content-type", "")
    except httpx.TimeoutException as exc:
        raise TransientFetchError(
            f"{url} timed out after {timeout:.0f}s; retry later with --retry-failed"
        ) from exc
    except httpx.TransportError as exc:
        raise TransientFetchError(
            f"{url} could not be reached ({exc}); check the address or retry later"
        ) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url} could not be fetched ({exc}); check the address") from exc


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})$", s)
    if m:
        try:
            return date(int(m[3]), int(m[1]), int(m[2]))
        except ValueError:
            return None
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


_DATE_IN_TEXT = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}\b"
)
_AGREEMENT = re.compile(
    r"\b(agreement|memorandum of understanding|mou|joint statement|communiqu[eé]|treaty|"
    r"framework for|declaration|accord|roadmap)\b",
    re.I,
)
_PAPER = re.compile(r"\b(report|in focus|brief|paper|analysis|testimony|study|gao-\d|crs)\b", re.I)


def infer_doc_type(title: str, source: str, text: str, fmt: str) -> DocType:
    """paper, agreement, article or other, from the title, source name and format."""
    name = Path(source).name.lower()
    for t in DocType:
        if re.search(rf"(^|[_/-]){t.value}([_-]|$)", name):
            return t
    if _AGREEMENT.search(title or "") or _AGREEMENT.search(name.replace("-", " ")):
        return DocType.agreement
    if fmt == "pdf" or _PAPER.search(title or "") or _PAPER.search(name.replace("_", " ")):
        return DocType.paper
    if fmt in ("html", "text") and text:
        return DocType.article
    return DocType.other


def detect_language(text: str) -> str | None:
    sample = text[:3000]
    letters = sum(c.isalpha() for c in sample)
    if letters < 40:
        return None
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return str(detect(sample))
    except LangDetectException:
        return None


def _pages_for(text: str) -> list[Page]:
    return [Page(number=1, start=0, end=len(text))] if text else []


def parse(data: bytes, name: str, url: str | None = None, password: str | None = None,
          max_pages: int = 2000) -> tuple[str, Parsed, list[Page]]:
    """Parse bytes by sniffed format into (format, Parsed, pages). Raises RiskAtlasError."""
    if not data:
        raise CorruptDocument(f"{name} is empty (0 bytes); re-export it or remove it")
    fmt = sniff(data, name)
    if fmt == "pdf":
        from pipeline.readers.pdf import read_pdf

        pdf = read_pdf(data, name, password=password, max_pages=max_pages)
        meta: dict[str, Any] = {}
        if pdf.metadata.get("title"):
            meta["title"] = pdf.metadata["title"]
        if pdf.metadata.get("author"):
            meta["author"] = pdf.metadata["author"]
        cd = pdf.metadata.get("creationdate", "")
        m = re.match(r"D:(\d{4})(\d{2})(\d{2})", cd)
        if m:
            meta["pdf_date"] = f"{m[1]}-{m[2]}-{m[3]}"
        if pdf.footnotes:
            meta["footnotes"] = pdf.footnotes  # kept apart from the body text
        parsed = Parsed(
            text=pdf.text, sections=pdf.sections, tables=pdf.tables, dropped=pdf.dropped,
            metadata=meta,
        )
        return fmt, parsed, pdf.pages
    if fmt == "docx":
        parsed = read_docx(data, name)
        return fmt, parsed, _pages_for(parsed.text)
    raw = decode(data, name)
    if fmt == "html":
        try:
            parsed = read_html(raw, url=url)
        except CorruptDocument as exc:
            raise CorruptDocument(f"{name}: {exc}") from exc
    else:
        parsed = read_markdown(raw)
    return fmt, parsed, _pages_for(parsed.text)


def read_source(source: str, data: bytes | None = None, password: str | None = None,
                max_pages: int = 2000, fetch_options: dict[str, Any] | None = None) -> Document:
    """Read one file path or URL into a Document (never raises for bad input)."""
    is_url = bool(re.match(r"^https?://", source))
    name = source if is_url else Path(source).name
    try:
        if data is None:
            if is_url:
                data, _ctype = fetch(source, **(fetch_options or {}))
            else:
                try:
                    data = Path(source).read_bytes()
                except FileNotFoundError as exc:
                    raise CorruptDocument(
                        f"{name} vanished before it could be read; check the path"
                    ) from exc
                except IsADirectoryError as exc:
                    raise UnsupportedFormat(f"{name} is a folder; pass its files") from exc
        source_hash = sha256(data)
        fmt, parsed, pages = parse(data, name, url=source if is_url else None,
                                   password=password, max_pages=max_pages)
    except NeedsOCR as exc:
        return _failed(source, Status.needs_ocr, str(exc), data)
    except UnsupportedFormat as exc:
        return _failed(source, Status.unsupported, str(exc), data)
    except (CorruptDocument, EncryptedDocument, FetchError) as exc:
        return _failed(source, Status.failed, str(exc), data)
    except RiskAtlasError as exc:
        return _failed(source, Status.failed, f"{name}: {exc}", data)
    return build_document(source, source_hash, fmt, parsed, pages)


def _failed(source: str, status: Status, reason: str, data: bytes | None) -> Document:
    log.warning("%s", reason)
    return Document(
        id=sha256("source:" + source), source=source, status=status, reason=reason,
        source_hash=sha256(data) if data is not None else None,
    )


def build_document(source: str, source_hash: str, fmt: str, parsed: Parsed,
                   pages: list[Page]) -> Document:
    text = parsed.text
    # Normalization must not move offsets of pages and sections: readers
    # already emit normalized paragraphs, so only verify here.
    if normalize_text(text) != text:
        text2 = normalize_text(text)
        if len(text2) != len(text):
            pages = _pages_for(text2) if len(pages) <= 1 else pages
            parsed.sections = [s for s in parsed.sections if s.end <= len(text2)]
        text = text2
    meta = parsed.metadata
    title = meta.get("title") or (parsed.sections[0].title if parsed.sections else None)
    if not title and text:
        title = text.split("\n", 1)[0][:200]
    published = (
        _as_date(meta.get("published_time")) or _as_date(meta.get("date"))
        or _as_date(meta.get("published"))
    )
    if published is None:  # a dateline near the top beats a PDF's creation date
        m = _DATE_IN_TEXT.search(text[:3000])
        published = _as_date(m.group(0)) if m else _as_date(meta.get("pdf_date"))
    doc_type = str(meta.get("doc_type") or "")
    dt = DocType(doc_type) if doc_type in DocType.__members__ else infer_doc_type(
        str(title or ""), source, text, fmt
    )
    language = detect_language(text)
    status = Status.indexed
    reason = None
    if not text.strip():
        status, reason = Status.failed, f"{Path(source).name} holds no text; check the file"
    elif language is not None and language != "en":
        status = Status.non_english
        reason = (
            f"{Path(source).name} is in '{language}', not English; it is stored but not "
            "analysed (translate it to analyse it)"
        )
    clean_meta = {k: (v.isoformat() if isinstance(v, date | datetime) else v)
                  for k, v in meta.items()
                  if isinstance(v, str | int | float | date | datetime) or k == "footnotes"}
    clean_meta["format"] = fmt
    return Document(
        id=sha256(text) if text else sha256("source:" + source),
        source=source,
        status=status,
        reason=reason,
        title=str(title).replace("\xa0", " ").strip() if title else None,
        published=published,
        publisher=meta.get("publisher") or meta.get("sitename"),
        author=meta.get("author") if isinstance(meta.get("author"), str) else None,
        doc_type=dt,
        language=language,
        url=meta.get("source_url") or meta.get("url")
        or (source if source.startswith("http") else None),
        source_hash=source_hash,
        text=text,
        pages=pages,
        sections=parsed.sections,
        tables=parsed.tables,
        dropped=parsed.dropped,
        metadata=clean_meta,
    )


def page_of(pages: list[Page], offset: int) -> int | None:
    """The number of the page holding character ``offset``."""
    import bisect

    starts = [p.start for p in pages]
    i = bisect.bisect_right(starts, offset) - 1
    return pages[i].number if i >= 0 else None
