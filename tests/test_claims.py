"""The claim classifier and the keyword baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.claims import ClaimClassifier, KeywordBaseline, claim_roles
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
    from extractors.claims import MODEL_PATH

    state_info = MODEL_PATH.with_suffix(".json").read_text()
    assert "claims-1" in state_info
    assert MODEL_PATH.exists()
