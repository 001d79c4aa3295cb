"""/claims: risk claims with filters and provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pipeline.api.deps import (
    Cursor,
    DocumentId,
    Limit,
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
from pipeline.models import Category, ClaimRecord, DocType, ItemsPage, Modality

router = APIRouter(prefix="/claims", tags=["claims"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


def _about(what: str, example: str) -> object:
    return Query(max_length=500, description=f"Claims that mention this {what} ({example}).")


@router.get("", response_model=ItemsPage[ClaimRecord])
def list_claims(
    store: StoreDep,
    category: Category | None = None,
    modality: Modality | None = None,
    nation: Annotated[str | None, _about("nation", "alpha-3, e.g. CHN")] = None,
    supplier: Annotated[str | None, _about("supplier", "its norm, e.g. Umicore")] = None,
    material: Annotated[str | None, _about("material", "e.g. gallium")] = None,
    alliance: Annotated[str | None, _about("alliance", "e.g. NATO")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    doc_type: DocType | None = None,
    theme: ThemeId = None,
    source: SourcePrefix = None,
    document_id: DocumentId = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    reviewed_only: Annotated[bool, Query(description="Only claims an editor accepted, "
                                                     "corrected or added, as decided.")] = False,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[ClaimRecord]:
    """Claims in indexed documents, most confident first, each with document id,
    source, page, [start, end) and the quote (text[start:end]). With
    ``reviewed_only``, the editors' claims (confidence 1) in decision order."""
    page = store.page_reviewed_claims if reviewed_only else store.page_claims
    items, key = page(
        category=category, modality=modality, nation=nation, supplier=supplier,
        material=material, alliance=alliance, min_confidence=min_confidence,
        doc_type=doc_type, theme=theme, source=source, document_id=document_id,
        published_from=published_from, published_to=published_to,
        after=decode_cursor(cursor, float, int), limit=limit)
    return ItemsPage[ClaimRecord](items=items, next_cursor=encode_cursor(key))
