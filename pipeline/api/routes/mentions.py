"""/mentions: every entity mention, with its provenance."""

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
from pipeline.models import DocType, ItemsPage, Label, MentionRecord

router = APIRouter(prefix="/mentions", tags=["mentions"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


@router.get("", response_model=ItemsPage[MentionRecord])
def list_mentions(
    store: StoreDep,
    label: Label | None = None,
    norm: Norm = None,
    document_id: DocumentId = None,
    doc_type: DocType | None = None,
    theme: ThemeId = None,
    source: SourcePrefix = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    reviewed_only: Annotated[bool, Query(description="Only mentions an editor accepted, "
                                                     "corrected or added, as decided.")] = False,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[MentionRecord]:
    """Mentions in indexed documents: document id, source, page, [start, end), the
    quote (text[start:end]) and up to 80 characters of context either side. With
    ``reviewed_only``, the editors' mentions (confidence 1, component review:<status>)."""
    after = decode_cursor(cursor, int)
    page = store.page_reviewed_mentions if reviewed_only else store.page_mentions
    items, key = page(
        label=label, norm=norm, document_id=document_id, doc_type=doc_type, theme=theme,
        source=source, published_from=published_from, published_to=published_to,
        after=after[0] if after else None, limit=limit)
    return ItemsPage[MentionRecord](items=items, next_cursor=encode_cursor(key))
