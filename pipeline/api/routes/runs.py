"""/runs: ingestion run reports, newest first."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from pipeline.api.deps import (
    Cursor,
    Limit,
    StoreDep,
    decode_cursor,
    encode_cursor,
    require_analyst,
)
from pipeline.api.errors import ERROR_RESPONSES
from pipeline.models import ItemsPage, RunReport

router = APIRouter(prefix="/runs", tags=["runs"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


@router.get("", response_model=ItemsPage[RunReport])
def list_runs(store: StoreDep, cursor: Cursor = None, limit: Limit = 20) -> ItemsPage[RunReport]:
    """What each ingestion run did, with seconds per stage."""
    items, key = store.page_runs(after=decode_cursor(cursor, str, str), limit=limit)
    return ItemsPage[RunReport](items=items, next_cursor=encode_cursor(key))
