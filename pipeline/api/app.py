"""The FastAPI app factory."""

from __future__ import annotations

from fastapi import FastAPI

from pipeline.api import errors
from pipeline.api.middleware import BodySizeLimit
from pipeline.api.routes import ROUTERS
from pipeline.embed import Embedder
from pipeline.search import Searcher
from pipeline.store import Store

DESCRIPTION = """Entities, risk claims and themes of the RiskAtlas index, as JSON.

Send `Authorization: Bearer <token>` (make one with `riskatlas token create`).
Reading needs the analyst role, writing editor, token management admin. Lists
are pages `{"items": [...], "next_cursor": ...}`: pass `next_cursor` back as
`cursor`. Errors are `{"error": {"code": ..., "message": ...}}`.
"""


def create_app(store: Store, embedder: Embedder | None = None, *,
               max_request_bytes: int = 1_000_000, query_threads: int | None = None
               ) -> FastAPI:
    """The API over ``store``. ``embedder`` embeds semantic queries (default MiniLM,
    loaded on the first one, with ``query_threads`` torch threads if given); bodies
    over ``max_request_bytes`` get 413."""
    app = FastAPI(title="RiskAtlas", version="0.1.0", description=DESCRIPTION)
    app.state.store = store
    app.state.searcher = Searcher(store, embedder, threads=query_threads)
    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=max_request_bytes)

    @app.get("/health", tags=["health"])
    def health() -> dict[str, str]:
        """Liveness, without a token."""
        return {"status": "ok"}

    for router in ROUTERS:
        app.include_router(router)
    return app


def app_from_settings(store: Store | None = None) -> FastAPI:
    """The API as ``riskatlas serve`` runs it: over ``store`` (default: the index that
    ``RISKATLAS_DB`` names, for each uvicorn worker process) with the settings' body limit.

    The server embeds one short search query per request, requests side by side: one
    torch thread each (p50 ~10 ms) beats two contending ones (~50 ms, tail 500 ms).
    """
    from pipeline.settings import get_settings

    settings = get_settings()
    return create_app(store if store is not None else Store(settings.db),
                      max_request_bytes=settings.max_request_bytes, query_threads=1)
