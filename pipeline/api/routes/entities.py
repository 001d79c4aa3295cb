"""/entities: entities aggregated by (label, norm) over indexed documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pipeline.api.deps import (
    Cursor,
    DocumentId,
    Limit,
    Norm,
    PublishedFrom,
    PublishedTo,
    SourcePrefix,
    StoreDep,
    ThemeId,
    decode_cursor,
    encode_cursor,
    require_analyst,
)
from pipeline.api.errors import ERROR_RESPONSES
from pipeline.models import DocType, Entity, ItemsPage, Label

router = APIRouter(prefix="/entities", tags=["entities"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


@router.get("", response_model=ItemsPage[Entity])
def list_entities(
    store: StoreDep,
    label: Label | None = None,
    norm: Norm = None,
    nation: Annotated[str | None, Query(
        max_length=3, description="Only documents that name this nation (alpha-3).")] = None,
    doc_type: DocType | None = None,
    theme: ThemeId = None,
    source: SourcePrefix = None,
    document_id: DocumentId = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[Entity]:
    """Entities with mention and document counts and their commonest surface forms,
    most mentioned first."""
    items, key = store.page_entities(
        label=label, norm=norm, nation=nation, doc_type=doc_type, theme=theme, source=source,
        document_id=document_id, published_from=published_from, published_to=published_to,
        after=decode_cursor(cursor, int, str, str), limit=limit)
    return ItemsPage[Entity](items=items, next_cursor=encode_cursor(key))
