"""Editors' entity decisions flow into the gazetteers (issue 8, part 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import spacy

import extractors.entities  # noqa: F401  (registers the component)
from extractors.gazetteer import REVIEWED, learn_from_reviews, load_gazetteer
from pipeline.settings import GAZETTEER_DIR


def _nlp(folder: Path) -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("riskatlas_entities", config={"gazetteer_dir": str(folder)})
    return nlp


def test_decisions_become_aliases_and_rejections(tmp_path: Path) -> None:
    folder = tmp_path / "gaz"
    shutil.copytree(GAZETTEER_DIR, folder, ignore=shutil.ignore_patterns("*.py", REVIEWED))
    text = "Zentrix Alloys ships gallium to Lockheed Martin."
    before = {(e.text, e.label_) for e in _nlp(folder)(text).ents}
    assert ("Zentrix Alloys", "SUPPLIER") not in before
    assert ("gallium", "MATERIAL") in before
    counts = learn_from_reviews([
        ("Zentrix Alloys", "SUPPLIER", "Zentrix Alloys", True),   # added by an editor
        ("gallium", "MATERIAL", "gallium", False),                # rejected
        ("Lockheed Martin", "SUPPLIER", "Lockheed Martin", True),  # already known
    ], folder)
    assert counts == {"aliases": 1, "rejections": 1}
    rows = [json.loads(x) for x in (folder / REVIEWED).read_text().splitlines()]
    assert {r["alias"] for r in rows} == {"Zentrix Alloys", "gallium"}
    load_gazetteer.cache_clear()
    after = {(e.text, e.label_, e.kb_id_) for e in _nlp(folder)(text).ents}
    assert ("Zentrix Alloys", "SUPPLIER", "Zentrix Alloys") in after
    assert not any(t == "gallium" for t, _, _ in after)
    assert ("Lockheed Martin", "SUPPLIER", "Lockheed Martin") in after


def test_a_name_kept_by_one_editor_is_not_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "gaz"
    shutil.copytree(GAZETTEER_DIR, folder, ignore=shutil.ignore_patterns("*.py", REVIEWED))
    counts = learn_from_reviews([("Zentrix", "SUPPLIER", "Zentrix", True),
                                 ("Zentrix", "SUPPLIER", None, False)], folder)
    assert counts == {"aliases": 1, "rejections": 0}
