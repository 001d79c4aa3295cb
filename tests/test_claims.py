"""The claim classifier and the keyword baseline."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extractors.claims import ClaimClassifier, KeywordBaseline, claim_roles, clean_text
from pipeline.embed import HashingEmbedder
from pipeline.errors import NotFitted

TRAIN = [
    ("Europe relies on China for 98% of its rare earth magnets.", "dependency", "asserted"),
    ("The United States depends on a single supplier for ammonium perchlorate.", "dependency",
     "asserted"),
    ("Beijing imposed export controls on gallium and germanium in 2023.", "trade_restriction",
     "asserted"),
    ("New sanctions could restrict access to Russian titanium.", "trade_restriction", "hedged"),
    ("A blockade of the Taiwan Strait could halt chip shipments.", "logistics", "hedged"),
    ("Shipping through the Red Sea has been disrupted by attacks.", "logistics", "asserted"),
    ("Shortages of TNT have delayed shell production.", "capacity", "asserted"),
    ("The workforce gap may slow submarine construction.", "capacity", "hedged"),
    ("The ministers met in Tokyo to sign the agreement.", None, None),
    ("The partners will cooperate on research and development.", None, None),
    ("The report describes the history of the program.", None, None),
    ("Officials welcomed the announcement of new investment.", None, None),
] * 3


def test_fit_predict_and_round_trip(tmp_path: Path) -> None:
    texts, cats, mods = zip(*TRAIN, strict=True)
    model = ClaimClassifier(embedder=HashingEmbedder()).fit(texts, cats, mods)
    preds = model.predict(["Europe relies on China for its rare earth magnets.",
                           "The ministers met in Tokyo."])
    assert preds[0].is_claim and preds[0].category == "dependency"
    assert not preds[1].is_claim
    path = model.save(tmp_path / "m.joblib")
    again = ClaimClassifier.load(path, HashingEmbedder())
    assert [p.probability for p in again.predict(["Shortages of TNT."])] == \
        [p.probability for p in model.predict(["Shortages of TNT."])]


def test_fine_tuned_detector_learns_and_keeps_only_adapters(tmp_path: Path) -> None:
    """MiniLM with LoRA adapters: it separates the toy set, and the saved model holds
    the adapters and head (not MiniLM's 90 MB) and predicts the same after loading."""
    texts, cats, mods = zip(*TRAIN, strict=True)
    model = ClaimClassifier(embedder=HashingEmbedder(), finetune_epochs=8).fit(
        texts, cats, mods)
    p = model.finetuned_.predict_proba(list(texts[:12]))[:, 1]
    is_claim = np.array([c is not None for c in cats[:12]])
    assert p[is_claim].mean() - p[~is_claim].mean() > 0.3, p
    path = model.save(tmp_path / "m.joblib")
    assert path.stat().st_size < 5_000_000
    again = ClaimClassifier.load(path, HashingEmbedder())
    probe = ["Shortages of TNT.", "The report describes the program."]
    assert [round(x.probability, 3) for x in again.predict(probe)] == \
        [round(x.probability, 3) for x in model.predict(probe)]


def test_fine_tuned_detector_is_asked_only_where_it_could_change_the_decision() -> None:
    texts, cats, mods = zip(*TRAIN, strict=True)
    model = ClaimClassifier(embedder=HashingEmbedder(), finetune_epochs=1).fit(
        texts, cats, mods)
    probe = ["Shortages of TNT.", "The ministers met in Tokyo.",
             "Europe relies on China for its rare earth magnets.", "Officials welcomed it."]
    linear = model.detector_.predict_proba(model._features(probe))[:, 1]
    floor = float(np.sort(linear)[1:3].mean())  # two below, two above
    model.threshold = (floor + 1) / 2  # the mean can reach it only from linear >= floor
    asked: list[str] = []
    tuned = model.finetuned_.predict_proba
    model.finetuned_.predict_proba = lambda ts: (asked.extend(ts), tuned(ts))[1]
    got = model.predict(probe)
    sure = linear < floor
    assert asked == [clean_text(t) for t, s in zip(probe, sure, strict=True) if not s]
    mean = (linear + tuned([clean_text(t) for t in probe])[:, 1]) / 2
    assert [x.is_claim for x in got] == list(mean >= model.threshold)
    probs = np.array([x.probability for x in got])
    assert np.allclose(probs[sure], linear[sure]) and np.allclose(probs[~sure], mean[~sure])


def test_unfitted_model_says_how_to_train() -> None:
    with pytest.raises(NotFitted, match="riskatlas train claims"):
        ClaimClassifier().predict(["x"])


def test_missing_artifact_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(NotFitted, match="run `riskatlas train claims`"):
        ClaimClassifier.load(tmp_path / "none.joblib")


def test_embedder_mismatch_is_refused(tmp_path: Path) -> None:
    texts, cats, mods = zip(*TRAIN, strict=True)
    path = ClaimClassifier(embedder=HashingEmbedder()).fit(texts, cats, mods).save(
        tmp_path / "m.joblib")

    class Other(HashingEmbedder):
        name = "other"

    with pytest.raises(ValueError, match="retrain it"):
        ClaimClassifier.load(path, Other())


def test_keyword_baseline() -> None:
    p = KeywordBaseline().predict(["Export controls could disrupt supply.", "A nice day."])
    assert p[0].is_claim and p[0].category == "trade_restriction" and p[0].modality == "hedged"
    assert not p[1].is_claim


def test_roles() -> None:
    s = "Japan depends on China for gallium."
    roles = claim_roles([(0, 5, "NATION", "JPN"), (17, 22, "NATION", "CHN"),
                         (27, 34, "MATERIAL", "gallium")], s, 0)
    assert roles == {"exposed": ["JPN"], "source": ["CHN"], "materials": ["gallium"],
                     "suppliers": []}


def test_shipped_model_loads() -> None:
    from pipeline.settings import CLAIMS_MODEL

    state_info = CLAIMS_MODEL.with_suffix(".json").read_text()
    assert "claims-1" in state_info
    assert CLAIMS_MODEL.exists()


def test_markdown_is_cleaned_before_features() -> None:
    from extractors.claims import clean_text

    raw = ("- In May, the President directed USTR to [raise tariffs](https://x.gov/a_(b)) "
           "on **<u>$18 billion</u>** of imports\\.")
    assert clean_text(raw) == ("In May, the President directed USTR to raise tariffs on "
                               "$18 billion of imports.")
    assert clean_text("29\\. We reaffirm the need") == "We reaffirm the need"


def test_sentence_broken_by_a_paragraph_break_is_one_candidate(nlp) -> None:  # noqa: ANN001
    """Regression: a transcript's blank line inside a sentence split one claim in two."""
    from extractors.analyze import collapse_whitespace, sentences

    text = ("And when it comes to clean energy, China has spent years\n\n"
            "cornering the market on many of the materials that we rely on.\n\n"
            "Exports grew.\n\nNew section\n\nThe plant opened in May.")
    flat, index = collapse_whitespace(text)
    spans = [text[a:b] for a, b in sentences(nlp(flat), 0, index)]
    assert spans[0].startswith("And when it comes") and spans[0].endswith("we rely on.")
    assert "Exports grew." in spans and "The plant opened in May." in spans


def test_cross_validation_keeps_documents_apart(tmp_path: Path) -> None:
    import json

    from pipeline.train import cross_validate, load_claim_examples

    rows = [{"source": f"doc{i % 6}.txt", "text": t, "category": c or "none", "modality": m}
            for i, (t, c, m) in enumerate(TRAIN)]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    texts, cats, mods, groups, _ = load_claim_examples(tmp_path, tmp_path)
    assert groups[:2] == ["doc0.txt", "doc1.txt"]
    report = cross_validate(texts, cats, mods, HashingEmbedder(), folds=3, groups=groups)
    assert report["grouped_by_document"] is True
    assert 0.3 <= report["best_threshold"] <= 0.9
    assert cross_validate(texts, cats, mods, HashingEmbedder(), folds=3)[
        "grouped_by_document"] is False


def test_rows_of_a_csv_record_group_by_record_and_unescape_quotes(tmp_path: Path) -> None:
    """A CSV of many articles: each record is its own CV group, and ranges of the raw
    file read a cell's doubled quotes as one."""
    import csv
    import hashlib
    import json

    from pipeline.train import load_claim_examples

    with open(tmp_path / "news.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text"], ["a", 'Gas "shortages" loom.'],
                                  ["b", "Prices rose."]])
    raw = (tmp_path / "news.csv").read_bytes().decode("utf-8")
    rows = []
    for doc, sent in (("a", 'Gas ""shortages"" loom.'), ("b", "Prices rose.")):
        start = raw.index(sent)
        rows.append({"source": "news.csv", "doc": doc, "start": start,
                     "end": start + len(sent), "category": "none", "modality": None,
                     "sha256": hashlib.sha256(sent.encode()).hexdigest()})
    (tmp_path / "train_x.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    texts, _, _, groups, _ = load_claim_examples(tmp_path, tmp_path)
    assert texts == ['Gas "shortages" loom.', "Prices rose."]
    assert groups == ["news.csv#a", "news.csv#b"]


def test_written_sentences_are_trained_on_but_never_scored(tmp_path: Path) -> None:
    import json

    from pipeline.train import WRITTEN, cross_validate, load_claim_examples

    rows = [{"source": f"doc{i % 6}.txt", "text": t, "category": c or "none", "modality": m}
            for i, (t, c, m) in enumerate(TRAIN)]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    written = [{"text": t, "category": c or "none", "modality": m} for t, c, m in TRAIN[:8]]
    (tmp_path / "written_x.jsonl").write_text("\n".join(json.dumps(r) for r in written))
    texts, cats, mods, groups, _ = load_claim_examples(tmp_path, tmp_path)
    assert groups[len(rows):] == [f"{WRITTEN}written_x.jsonl"] * len(written)
    report = cross_validate(texts, cats, mods, HashingEmbedder(), folds=3, groups=groups)
    assert report["scored_examples"] == len(rows)
    assert report["grouped_by_document"] is True


def test_shipped_labels_resolve_and_never_touch_a_dev_document(shared_real: Path,
                                                                root: Path) -> None:
    """Every training row still reads its sentence (sha256), rows never overlap, and no
    row comes from a dev-set document or another rendition of the same report."""
    import json
    import re

    from pipeline.train import load_claim_examples

    folder = root / "corpora" / "claims"
    texts, cats, _, _, _ = load_claim_examples(folder, shared_real.parent.parent)
    assert len(texts) >= 600 and {c for c in cats if c} == {
        "dependency", "trade_restriction", "geopolitical", "capacity", "security", "logistics",
        "cost"}
    report = re.compile(r"(crs_[A-Z]+\d+|gao-\d\d-\d+)")
    dev = (root / "tests" / "gold" / "dev_files.txt").read_text().split()
    dev_reports = {m.group(1) for f in dev if (m := report.search(f))}
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in sorted(folder.glob("train_*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            src = row["source"]
            assert src not in dev, f"{f.name}: {src} is a dev document"
            m = report.search(src)
            assert not (m and m.group(1) in dev_reports), f"{f.name}: {src} renders a dev report"
            spans.setdefault(src, []).append((row["start"], row["end"]))
    for src, ss in spans.items():
        ss.sort()
        for (_, end), (start, _) in zip(ss, ss[1:], strict=False):
            assert start >= end, f"{src}: two labeled rows overlap at {start}"


def test_written_sentences_are_valid_and_distinct(root: Path) -> None:
    """Every written row has a guide category (or none), a modality exactly when it is a
    claim, and a text no other written row has."""
    import json

    from extractors.claims import CATEGORIES

    seen: dict[str, str] = {}
    for f in sorted((root / "corpora" / "claims").glob("written_*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            where = f"{f.name}:{n}"
            assert set(row) == {"text", "category", "modality"}, where
            assert row["category"] in [*CATEGORIES, "none"], where
            assert (row["modality"] is None) == (row["category"] == "none"), where
            assert row["modality"] in (None, "asserted", "hedged"), where
            key = " ".join(row["text"].lower().split())
            assert key not in seen, f"{where} repeats {seen.get(key)}"
            seen[key] = where
