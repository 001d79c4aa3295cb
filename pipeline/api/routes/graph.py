"""/graph: the supply-dependency graph around a material, nation or supplier;
/export: the structured corpus index, streamed as JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from pipeline import graph as G
from pipeline.api.deps import StoreDep, require_analyst
from pipeline.api.errors import ERROR_RESPONSES
from pipeline.export import records

router = APIRouter(tags=["graph"], dependencies=[Depends(require_analyst)],
                   responses=ERROR_RESPONSES)

Norm = Annotated[str | None, Query(max_length=200)]


@router.get("/graph")
def get_graph(store: StoreDep, material: Norm = None, nation: Norm = None,
              supplier: Norm = None,
              limit: Annotated[int, Query(ge=1, le=20000)] = 5000) -> dict[str, Any]:
    """Nodes (entity norms) and edges (exposed -> source, or party -> material) with the
    claims that support each edge as evidence: document id, source, page, offsets, quote."""
    g = G.graph_around(store, material, nation, supplier, limit)
    return G.to_json(g)


@router.get("/export")
def export(store: StoreDep) -> StreamingResponse:
    """The corpus index as JSON Lines: {"type": "theme"|"document"|"entity", ...} per line."""

    def lines() -> Iterator[str]:
        for kind, rec in records(store):
            yield json.dumps({"type": kind, **rec}, ensure_ascii=False, default=str) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")
