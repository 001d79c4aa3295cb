"""Ingestion of the real shared corpus: every file in or failed with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import discover, read_source
from pipeline.models import Status
from pipeline.stages import read_batch

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def batch(shared_real: Path, tmp_path_factory: pytest.TempPathFactory):
    from pipeline.store import Store

    store = Store(str(tmp_path_factory.mktemp("shared") / "s.db"))
    files = list(discover([str(shared_real / "articles"), str(shared_real / "pdf")]))
    return files, read_batch(files, store, "test")


def test_every_file_is_indexed_or_has_a_reason(batch) -> None:
    files, b = batch
    assert len(b.docs) == len(files) >= 80
    for d in b.docs:
        assert d.status in (Status.indexed, Status.duplicate) or d.reason, d.source


def test_pdf_renditions_are_linked_as_near_duplicates(batch) -> None:
    _, b = batch
    dups = {Path(d.source).name: d for d in b.docs if d.status == Status.duplicate}
    by_id = {d.id: Path(d.source).name for d in b.docs}
    for stem in ("IF12608", "IN12614", "R48903", "gao-07-283"):
        pdf = next(n for n in dups if stem in n and n.endswith(".pdf"))
        assert "text-rendition" in by_id[dups[pdf].duplicate_of] or \
            by_id[dups[pdf].duplicate_of].endswith(".html")


def test_white_house_front_matter(batch) -> None:
    _, b = batch
    aukus = next(d for d in b.docs if "joint-leaders-statement-on-aukus" in d.source)
    assert aukus.title == "Joint Leaders Statement on AUKUS"
    assert str(aukus.published) == "2021-09-15"
    assert aukus.doc_type == "agreement"


def test_seed_article_has_no_chrome(shared_real: Path) -> None:
    doc = read_source(str(shared_real / "articles" / "seed_defense-industrial-base-relocation.txt"))
    assert "ADVERTISEMENT" not in doc.text and "Facebook X Reddit" not in doc.text
    assert "Related Articles" not in doc.text
    assert "ADVERTISEMENT" in doc.dropped


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


def test_two_column_brief_reads_in_order(shared_real: Path) -> None:
    """Our text of a two-column brief follows its clean rendition more closely than
    pdfplumber's plain extract_text, which runs across the columns."""
    from difflib import SequenceMatcher

    import pdfplumber

    pdf = next((shared_real / "pdf").glob("crs_IF12608*.pdf"))
    ours = read_source(str(pdf))
    assert len(ours.pages) == 3 and ours.dropped
    ref = _words(read_source(str(shared_real / "articles" / "crs_IF12608_text-rendition.txt")).text)
    with pdfplumber.open(pdf) as p:
        plain = _words("\n".join(page.extract_text() or "" for page in p.pages))
    ratio = SequenceMatcher(None, _words(ours.text), ref, autojunk=False).ratio()
    base = SequenceMatcher(None, plain, ref, autojunk=False).ratio()
    assert ratio > base
