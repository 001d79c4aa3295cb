"""/search: keyword, semantic or hybrid search over documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pipeline.api.deps import (
    Cursor,
    SearcherDep,
    decode_cursor,
    encode_cursor,
    require_analyst,
)
from pipeline.api.errors import ERROR_RESPONSES
from pipeline.models import ErrorResponse, ItemsPage, SearchHit
from pipeline.search import MAX_CANDIDATES, SearchMode

router = APIRouter(prefix="/search", tags=["search"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


@router.get("", response_model=ItemsPage[SearchHit],
            responses={409: {"model": ErrorResponse,
                             "description": "Stored vectors from another embedder"}})
def search(
    searcher: SearcherDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Free text.")],
    mode: SearchMode = SearchMode.hybrid,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size, 1 to 100.")] = 20,
) -> ItemsPage[SearchHit]:
    """keyword: every word, bm25 (SQLite FTS5; stems, so "controls" finds "control");
    semantic: cosine to the query's sentence embedding; hybrid: reciprocal rank
    fusion (k=60) of both. At most 1000 hits in all."""
    after = decode_cursor(cursor, int)
    offset = after[0] if after else 0
    if offset < 0 or offset >= MAX_CANDIDATES:
        offset = MAX_CANDIDATES
    hits, more = searcher.search(q, mode, limit=limit, offset=offset)
    nxt = offset + limit if more and offset + limit < MAX_CANDIDATES else None
    return ItemsPage[SearchHit](items=hits, next_cursor=encode_cursor(nxt))
