"""Scoring exactly as ANNOTATION.md says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import load_annotations, load_gold, score


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


def test_overlapping_gold_passages_are_refused(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("China restricts gallium. Japan stockpiles it.")
    f = tmp_path / "g.jsonl"
    f.write_text('{"source": "doc.txt", "start": 0, "end": 24}\n'
                 '{"source": "doc.txt", "start": 25, "end": 45}\n')
    assert len(load_gold(f, tmp_path)) == 2  # touching is fine
    f.write_text('{"source": "doc.txt", "start": 0, "end": 30}\n'
                 '{"source": "doc.txt", "start": 25, "end": 45}\n')
    with pytest.raises(ValueError, match=r"g.jsonl:2 overlaps line 1 .*merge the two"):
        load_gold(f, tmp_path)


def test_dev_gold_resolves(shared_real: Path, root: Path) -> None:
    gold = load_gold(root / "tests" / "gold" / "dev.jsonl", shared_real.parent.parent)
    assert len(gold) >= 30
    assert sum(len(g["entities"]) for g in gold) >= 400
    for g in gold:
        for e in g["entities"]:
            span = g["text"][e["start"]:e["end"]]
            assert span == span.strip() and not span.lower().startswith("the ")
        for c in g["claims"]:
            span = g["text"][c["start"]:c["end"]]
            assert span == span.strip() and span[0] not in "-*\u2022", span


def test_annotations_are_aligned_to_the_gold_and_need_every_passage(tmp_path: Path) -> None:
    c = {"start": 0, "end": 10, "category": "capacity", "modality": "asserted"}
    gold = [{"id": "a", "entities": [], "claims": [c]}, {"id": "b", "entities": [], "claims": []}]
    f = tmp_path / "other.jsonl"
    lines = [{"id": "b", "claims": []}, {"id": "a", "claims": [c]}]
    f.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert score(gold, load_annotations(f, gold))["claims"]["f1"] == 1.0
    f.write_text('{"id": "a", "claims": []}\n')
    with pytest.raises(ValueError, match=r"other.jsonl has no line for 1 gold passage.*'b'"):
        load_annotations(f, gold)


def test_second_annotators_agree_with_the_adjudicated_dev_gold(shared_real: Path, root: Path
                                                               ) -> None:
    """The blind annotations line up with the gold passages (ids and offsets).

    Misaligned offsets or passages would drop agreement far below what people reach.
    """
    gold = load_gold(root / "tests" / "gold" / "dev.jsonl", shared_real.parent.parent)
    for name in ("a", "b"):
        other = load_annotations(root / "tests" / "gold" / f"dev_claims_annotator_{name}.jsonl",
                                 gold)
        r = score(gold, other)["claims"]
        assert r["f1"] >= 0.8 and r["category_accuracy"] >= 0.9, (name, r)
        for g, o in zip(gold, other, strict=True):
            for c in o["claims"]:
                span = g["text"][c["start"]:c["end"]]
                assert span == span.strip() and span[0] not in "-*\u2022", span


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
