"""/themes: themes and sub-themes; one theme with its sub-themes and documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from pipeline.api.deps import (
    MAX_ID,
    Cursor,
    Limit,
    StoreDep,
    decode_cursor,
    encode_cursor,
    require_analyst,
)
from pipeline.api.errors import ERROR_RESPONSES, NOT_FOUND
from pipeline.models import ItemsPage, Status, Theme, ThemeDetail

router = APIRouter(prefix="/themes", tags=["themes"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


@router.get("", response_model=ItemsPage[Theme])
def list_themes(
    store: StoreDep,
    level: Annotated[int | None, Query(ge=1, le=2, description="1 themes, 2 sub-themes")]
    = None,
    parent_id: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[Theme]:
    """Themes by level, then id, with keywords and sizes."""
    items, key = store.page_themes(level=level, parent_id=parent_id,
                                   after=decode_cursor(cursor, int, int), limit=limit)
    return ItemsPage[Theme](items=items, next_cursor=encode_cursor(key))


@router.get("/{theme_id}", response_model=ThemeDetail, responses=NOT_FOUND)
def get_theme(theme_id: Annotated[int, Path(ge=0, le=MAX_ID)], store: StoreDep) -> ThemeDetail:
    """One theme, its sub-themes and its first 100 documents (by source)."""
    theme = store.get_theme(theme_id)
    subs, _ = store.page_themes(parent_id=theme_id, limit=500)
    docs, _ = store.page_documents(theme=theme_id, status=Status.indexed.value, limit=100)
    return ThemeDetail(**theme.model_dump(), subthemes=subs, documents=docs)
