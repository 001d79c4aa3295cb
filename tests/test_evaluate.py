"""Scoring exactly as ANNOTATION.md says."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate import load_gold, score


def _e(start: int, end: int, label: str = "NATION", norm: str = "CHN") -> dict:
    return {"start": start, "end": end, "label": label, "norm": norm}


def test_half_overlap_of_longer_span_counts() -> None:
    gold = [{"entities": [_e(0, 10)], "claims": []}]
    assert score(gold, [{"entities": [_e(0, 5)], "claims": []}])["entities"]["micro"]["tp"] == 1
    assert score(gold, [{"entities": [_e(0, 4)], "claims": []}])["entities"]["micro"]["tp"] == 0


def test_label_must_match_and_gold_matches_once() -> None:
    gold = [{"entities": [_e(0, 5)], "claims": []}]
    pred = [{"entities": [_e(0, 5, "SUPPLIER"), _e(0, 5), _e(1, 5)], "claims": []}]
    r = score(gold, pred)["entities"]
    assert r["micro"]["tp"] == 1 and r["micro"]["pred"] == 3
    assert r["per_label"]["NATION"]["precision"] == 0.5


def test_normalization_accuracy_over_matches() -> None:
    gold = [{"entities": [_e(0, 5), _e(10, 15)], "claims": []}]
    pred = [{"entities": [_e(0, 5), _e(10, 15, norm="USA")], "claims": []}]
    assert score(gold, pred)["entities"]["normalization_accuracy"] == 0.5


def test_claim_scores() -> None:
    c = {"start": 0, "end": 100, "category": "dependency", "modality": "hedged"}
    gold = [{"entities": [], "claims": [c]}]
    pred = [{"entities": [], "claims": [{**c, "end": 90, "modality": "asserted"}]}]
    r = score(gold, pred)["claims"]
    assert r["f1"] == 1.0 and r["category_accuracy"] == 1.0 and r["modality_accuracy"] == 0.0


def test_gold_references_need_the_shared_corpus(tmp_path: Path) -> None:
    from pipeline.errors import NotFound

    f = tmp_path / "g.jsonl"
    f.write_text('{"source": "corpora/real/x.txt", "start": 0, "end": 5}\n')
    with pytest.raises(NotFound, match="set RISKATLAS_SHARED"):
        load_gold(f, tmp_path)


def test_gold_passage_hash_is_checked(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("China restricts gallium.")
    f = tmp_path / "g.jsonl"
    f.write_text('{"source": "doc.txt", "start": 0, "end": 5, "sha256": "00"}\n')
    with pytest.raises(ValueError, match="changed since it was annotated"):
        load_gold(f, tmp_path)


def test_dev_gold_resolves(shared_real: Path, root: Path) -> None:
    gold = load_gold(root / "tests" / "gold" / "dev.jsonl", shared_real.parent.parent)
    assert len(gold) >= 30
    assert sum(len(g["entities"]) for g in gold) >= 400
    for g in gold:
        for e in g["entities"]:
            span = g["text"][e["start"]:e["end"]]
            assert span == span.strip() and not span.lower().startswith("the ")


def test_pdf_passages_are_ranges_of_the_text_riskatlas_reads(sample_dir: Path) -> None:
    import hashlib

    from pipeline.evaluate import resolve_passage
    from pipeline.ingest import read_source

    pdf = sample_dir / "critical-minerals-brief.pdf"
    text = read_source(str(pdf)).text
    digest = hashlib.sha256(text[10:60].encode()).hexdigest()
    assert resolve_passage(sample_dir, pdf.name, 10, 60, digest) == text[10:60]
    with pytest.raises(ValueError, match="changed since it was annotated"):
        resolve_passage(sample_dir, pdf.name, 11, 60, digest)
