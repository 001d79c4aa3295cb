"""Reading every format of the sample corpus, and every kind of bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import CorruptDocument, UnsupportedFormat
from pipeline.ingest import discover, parse, read_source, sniff
from pipeline.models import Status


def _pdf(text: str | None = "Gallium supply is concentrated in China.", encrypt: str | None = None,
         pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt, invariant=1)
    for i in range(pages):
        if text:
            c.drawString(72, 720, f"{text} Page body {i + 1}.")
        else:
            c.rect(72, 600, 200, 100, fill=1)  # a picture, no text layer
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("name", [
    "critical-minerals-brief.pdf", "munitions-two-column.pdf", "chokepoints-article.html",
    "aukus-submarines.md", "semiconductor-export-controls.txt", "allied-minerals-agreement.docx",
])
def test_each_sample_format_reads(sample_dir: Path, name: str) -> None:
    doc = read_source(str(sample_dir / name))
    assert doc.status == Status.indexed, doc.reason
    assert len(doc.text) > 1000
    assert doc.title
    assert doc.pages and doc.pages[-1].end <= len(doc.text)


def test_markdown_front_matter_becomes_metadata(sample_dir: Path) -> None:
    doc = read_source(str(sample_dir / "aukus-submarines.md"))
    assert doc.published is not None
    assert doc.doc_type == "paper"
    assert not doc.text.startswith("---")
    assert doc.sections, "## headings become sections"


def test_html_chrome_is_dropped(sample_dir: Path) -> None:
    doc = read_source(str(sample_dir / "chokepoints-article.html"))
    assert "ADVERTISEMENT" not in doc.text
    assert "cookie" not in doc.text.lower()


def test_pdf_table_is_kept_apart(sample_dir: Path) -> None:
    doc = read_source(str(sample_dir / "critical-minerals-brief.pdf"))
    assert doc.tables, "the ruled table is extracted as rows"
    table = doc.tables[0]
    assert table.page is not None and table.bbox is not None
    assert len(table.rows) >= 3
    cell = next(c for row in table.rows[1:] for c in row if c)
    assert len(doc.pages) >= 3
    assert all(p.start <= p.end for p in doc.pages)
    assert cell  # rows hold text


def test_pdf_running_headers_and_page_numbers_dropped(sample_dir: Path) -> None:
    doc = read_source(str(sample_dir / "critical-minerals-brief.pdf"))
    assert doc.dropped, "headers/footers are recorded as dropped"
    assert "Page 2" not in doc.text


def test_two_column_pdf_reads_column_by_column(sample_dir: Path) -> None:
    from pipeline.readers.pdf import read_pdf

    out = read_pdf(sample_dir / "munitions-two-column.pdf", "munitions-two-column.pdf")
    text = out.text
    # Sentences of the left and right columns come out whole, not interleaved.
    assert "Two years after Russia's full-scale invasion of Ukraine, European defence" in text
    assert "and qualified workers are in short supply across the sector." in text
    assert text.index("Two years after Russia") < text.index("workers are in short supply")


def test_near_duplicate_detected_in_sample(tmp_path: Path, sample_dir: Path) -> None:
    from pipeline.dedup import find_near_duplicate, signature

    a = read_source(str(sample_dir / "semiconductor-export-controls.txt"))
    b = read_source(str(sample_dir / "semiconductor-export-controls-syndicated.txt"))
    assert a.id != b.id
    hit = find_near_duplicate(signature(b.text), [(a.id, signature(a.text).tobytes())])
    assert hit is not None and hit[0] == a.id


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def test_zero_byte_file(tmp_path: Path) -> None:
    doc = read_source(_write(tmp_path, "empty.pdf", b""))
    assert doc.status == Status.failed
    assert "empty.pdf is empty (0 bytes)" in doc.reason


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    doc = read_source(_write(tmp_path, "fake.pdf", bytes(range(256)) * 8))
    assert doc.status == Status.failed
    assert "fake.pdf is named .pdf but is not a PDF" in doc.reason


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _pdf(pages=3)
    doc = read_source(_write(tmp_path, "cut.pdf", data[: len(data) // 3]))
    assert doc.status in (Status.failed, Status.needs_ocr, Status.indexed)
    if doc.status == Status.failed:
        assert "cut.pdf" in doc.reason


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.pdf", _pdf(encrypt="hunter2"))
    doc = read_source(path)
    assert doc.status == Status.failed
    assert "secret.pdf is encrypted; give its password with --password" in doc.reason
    assert read_source(path, password="hunter2").status == Status.indexed


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    doc = read_source(_write(tmp_path, "scan.pdf", _pdf(text=None)))
    assert doc.status == Status.needs_ocr
    assert "scan.pdf has no text layer" in doc.reason


def test_many_page_pdf_page_offsets(tmp_path: Path) -> None:
    doc = read_source(_write(tmp_path, "long.pdf", _pdf(pages=60)))
    assert doc.status == Status.indexed
    assert len(doc.pages) == 60
    assert [p.number for p in doc.pages] == list(range(1, 61))
    p7 = doc.pages[6]
    assert "Page body 7." in doc.text[p7.start:p7.end]


def test_pdf_over_page_limit(tmp_path: Path) -> None:
    doc = read_source(_write(tmp_path, "huge.pdf", _pdf(pages=5)), max_pages=3)
    assert doc.status == Status.failed
    assert "RISKATLAS_MAX_PDF_PAGES" in doc.reason


def test_non_utf8_text(tmp_path: Path) -> None:
    text = "Les exportations de gallium sont contrôlées. Tungsten déjà cité.\n" * 3
    doc = read_source(_write(tmp_path, "latin1.txt", ("Gallium supply risk in Europe. " * 20
                                                      + "Caf\xe9 cr\xe8me.").encode("latin-1")))
    assert doc.status == Status.indexed
    assert "Café crème." in doc.text
    fr = read_source(_write(tmp_path, "fr.txt", (text * 5).encode("utf-8")))
    assert fr.status == Status.non_english
    assert "not English" in fr.reason


def test_html_full_of_scripts(tmp_path: Path) -> None:
    body = "<p>China restricted gallium exports in 2023, and Europe depends on it.</p>" * 10
    html = f"<html><head><script>alert(1)</script></head><body><script>var x=1;</script>" \
           f"<article>{body}</article><script>evil()</script></body></html>"
    doc = read_source(_write(tmp_path, "page.html", html.encode()))
    assert doc.status == Status.indexed
    assert "alert" not in doc.text and "evil" not in doc.text


def test_unsupported_type(tmp_path: Path) -> None:
    doc = read_source(_write(tmp_path, "picture.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100))
    assert doc.status == Status.unsupported
    assert "picture.png: RiskAtlas reads PDF, HTML, DOCX, Markdown and text" in doc.reason


def test_vanished_file(tmp_path: Path) -> None:
    doc = read_source(str(tmp_path / "gone.pdf"))
    assert doc.status == Status.failed
    assert "gone.pdf vanished before it could be read" in doc.reason


def test_sniff_raises_named_errors() -> None:
    with pytest.raises(UnsupportedFormat, match="ZIP archive"):
        sniff(b"PK\x03\x04rest", "bundle.zip")
    with pytest.raises(CorruptDocument, match="is named .docx but is not a Word file"):
        sniff(b"hello", "letter.docx")


def test_discover_walks_folders(sample_dir: Path) -> None:
    found = list(discover([str(sample_dir)]))
    assert len(found) == 12
    assert all("README" not in f for f in found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".pdf", ".html", ".txt", ".docx",
                                                              ".md", ".bin"]))
def test_fuzz_no_input_crashes(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                               suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(data)
    doc = read_source(str(path))  # never raises
    assert doc.status in set(Status)
    if doc.status != Status.indexed:
        assert doc.reason


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=3000))
def test_fuzz_text_parser(text: str) -> None:
    from pipeline.errors import RiskAtlasError

    try:
        _fmt, parsed, pages = parse(text.encode("utf-8"), "x.md")
    except RiskAtlasError as exc:  # empty or binary input: a named error, never a crash
        assert "x.md" in str(exc)
        return
    assert all(0 <= s.start <= s.end <= len(parsed.text) for s in parsed.sections)
    assert all(p.end <= len(parsed.text) for p in pages)


def test_pdf_footnotes_kept_apart(sample_dir: Path) -> None:
    doc = read_source(str(sample_dir / "critical-minerals-brief.pdf"))
    notes = doc.metadata["footnotes"]
    assert notes and notes[0]["page"] >= 1
    assert notes[0]["text"][:40] not in doc.text


@pytest.mark.slow
def test_thousand_page_pdf_in_bounded_memory(tmp_path: Path) -> None:
    import psutil

    path = _write(tmp_path, "thousand.pdf", _pdf(pages=1000))
    proc = psutil.Process()
    before = proc.memory_info().rss
    doc = read_source(path)
    grown_mb = (proc.memory_info().rss - before) / 2**20
    assert doc.status == Status.indexed
    assert len(doc.pages) == 1000
    assert "Page body 1000." in doc.text[doc.pages[-1].start:doc.pages[-1].end]
    assert grown_mb < 300, f"reading 1,000 pages grew memory by {grown_mb:.0f} MB"
