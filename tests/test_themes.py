"""Themes: automatic k, unassigned share, c-TF-IDF names, stable ids across rebuilds."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.ingest import sha256
from pipeline.models import Document
from pipeline.stages import rebuild_themes_report, update_themes
from pipeline.store import Store
from pipeline.themes import UNASSIGNED, ThemeModel, ctfidf_keywords, match_ids

TOPICS = {
    0: "gallium germanium export controls china chips",
    1: "artillery shells munitions tnt propellant plants",
    2: "shipyards submarines welders shipbuilding navy",
    3: "tankers strait shipping chokepoint freight",
}


def _blobs(n: int, k: int = 4, d: int = 32, seed: int = 0, spread: float = 0.25):
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(k, d))
    y = np.arange(n) % k
    X = centers[y] + spread * rng.normal(size=(n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    texts = [f"{TOPICS[c]} report number {i}" for i, c in enumerate(y)]
    return X.astype(np.float32), y, texts


def test_number_of_themes_found_without_being_told() -> None:
    X, y, texts = _blobs(240)
    m = ThemeModel().fit(X, texts)
    assert len(m.themes_) == 4
    assert np.mean(m.labels_ == UNASSIGNED) <= 0.10
    from sklearn.metrics import normalized_mutual_info_score

    assert normalized_mutual_info_score(y, m.labels_) > 0.9


def test_deterministic() -> None:
    X, _, texts = _blobs(120)
    a = ThemeModel().fit(X, texts).labels_
    b = ThemeModel().fit(X, texts).labels_
    assert (a == b).all()


def test_ctfidf_names_themes_by_their_words() -> None:
    texts = ["gallium export controls"] * 3 + ["artillery shells shortage"] * 3
    kw = ctfidf_keywords(texts, np.array([0, 0, 0, 1, 1, 1]))
    assert "gallium" in " ".join(kw[0]) and "artillery" in " ".join(kw[1])


def test_match_ids_by_centroid() -> None:
    old = {7: np.array([1.0, 0.0]), 9: np.array([0.0, 1.0])}
    assert match_ids(old, np.array([[0.0, 1.0], [1.0, 0.05]])) == {0: 9, 1: 7}


def _store_with(tmp_path: Path, X: np.ndarray, texts: list[str]) -> Store:
    store = Store(str(tmp_path / "t.db"))
    for i, (v, t) in enumerate(zip(X, texts, strict=True)):
        store.upsert_document(Document(id=sha256(t), source=f"d{i}.txt", text=t), vector=v)
    return store


def test_rebuild_after_adding_ten_percent_keeps_ids(tmp_path: Path) -> None:
    X, _, texts = _blobs(220, seed=1)
    store = _store_with(tmp_path, X[:200], texts[:200])
    _, first = rebuild_themes_report(store)
    assert first["themes"] == 4 and first["born"]
    before = {d.id: d.theme_id for d in store.list_documents(limit=1000)}
    for i in range(200, 220):
        store.upsert_document(Document(id=sha256(texts[i]), source=f"d{i}.txt", text=texts[i]),
                              vector=X[i])
    assert update_themes(store) == 20  # new documents join existing themes
    _, report = rebuild_themes_report(store)
    after = {d.id: d.theme_id for d in store.list_documents(limit=1000)}
    kept = np.mean([after[k] == v for k, v in before.items()])
    assert kept >= 0.9 and report["documents_keeping_theme"] >= 0.9
    assert report["born"] == [] and report["gone"] == []


def test_rebuild_stability_on_a_growing_corpus() -> None:
    from pipeline.stages import rebuild_stability

    X, _, texts = _blobs(200)
    st = rebuild_stability(X, texts, added=0.1)
    assert (st["documents_before"], st["documents_added"]) == (180, 20)
    assert st["documents_keeping_theme"] >= 0.9 and not st["born"]


def test_themes_evaluate_command(tmp_path: Path) -> None:
    import csv
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    topics = {"metals": "Gallium and germanium refining capacity sits in one country, "
                        "and export licences for the metals are slow",
              "ships": "The shipyard lacks welders and dry docks, so submarine "
                       "maintenance falls years behind schedule",
              "football": "The striker scored twice as the home side won the cup final "
                          "in front of a full stadium"}
    path = tmp_path / "labeled.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["body", "topic"])
        for i in range(12):
            for label, text in topics.items():
                w.writerow([f"{text} (report {i}, part {i % 5}).", label])
    r = CliRunner().invoke(app, ["themes", "evaluate", str(path), "--text-col", "body",
                                 "--label-col", "topic", "--stability", "--db",
                                 str(tmp_path / "cache.db"), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["documents"] == 36 and res["classes"] == 3
    assert res["nmi"] > 0.9 and res["unassigned_share"] <= 0.1
    assert res["stability"]["documents_added"] == 4
    assert len(res["assignments"]) == 36
    r = CliRunner().invoke(app, ["themes", "evaluate", str(path), "--label-col", "nope"])
    assert r.exit_code == 1 and "needs columns" in r.stderr
