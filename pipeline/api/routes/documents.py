"""/documents: list with filters, one document in full, metadata corrections (editor)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from pipeline.api.deps import (
    Cursor,
    Limit,
    PublishedFrom,
    PublishedTo,
    SourcePrefix,
    StoreDep,
    ThemeId,
    decode_cursor,
    encode_cursor,
    require_analyst,
    require_editor,
)
from pipeline.api.errors import ERROR_RESPONSES, NOT_FOUND
from pipeline.models import (
    DocType,
    Document,
    DocumentPatch,
    DocumentSummary,
    ItemsPage,
    Status,
)

router = APIRouter(prefix="/documents", tags=["documents"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)
DocPath = Annotated[str, Path(max_length=128, description="The document id (sha256).")]


@router.get("", response_model=ItemsPage[DocumentSummary])
def list_documents(
    store: StoreDep,
    status: Annotated[Status | None, Query(description="Any status if omitted.")] = None,
    doc_type: DocType | None = None,
    theme: ThemeId = None,
    source: SourcePrefix = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[DocumentSummary]:
    """Documents ordered by source, without their text."""
    after = decode_cursor(cursor, str)
    items, key = store.page_documents(
        status=status, doc_type=doc_type, theme=theme, source=source,
        published_from=published_from, published_to=published_to,
        after=after[0] if after else None, limit=limit)
    return ItemsPage[DocumentSummary](items=items, next_cursor=encode_cursor(key))


@router.get("/{document_id}", response_model=Document, responses=NOT_FOUND)
def get_document(document_id: DocPath, store: StoreDep) -> Document:
    """One document: text, pages, sections, mentions, entity counts, claims, theme."""
    return store.get_document(document_id)


@router.patch("/{document_id}", response_model=DocumentSummary, responses=NOT_FOUND,
              dependencies=[Depends(require_editor)])
def patch_document(document_id: DocPath, patch: DocumentPatch,
                   store: StoreDep) -> DocumentSummary:
    """Correct a document's metadata (editor). Fields left out are kept; a re-ingest of
    a changed file replaces the corrections."""
    fields = patch.model_dump(exclude_unset=True)
    if fields.get("doc_type", "") is None:
        del fields["doc_type"]
    return store.update_document_metadata(document_id, fields)
