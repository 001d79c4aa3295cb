"""The editors' review as JSON: the queue, a document's review, decisions, the audit log.

Reading needs the analyst role, deciding editor. Each of these routes also
takes the review page's session cookie; a write by cookie needs its
``X-CSRF-Token`` header (pipeline/api/session.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from pipeline.api.deps import (
    Cursor,
    DocumentId,
    Limit,
    SourcePrefix,
    StoreDep,
    ThemeId,
    decode_cursor,
    encode_cursor,
)
from pipeline.api.errors import ERROR_RESPONSES, NOT_FOUND
from pipeline.api.session import ReaderToken, WriterToken, editor_name
from pipeline.errors import ReviewConflict
from pipeline.models import (
    Category,
    DecisionBatch,
    DocType,
    ErrorResponse,
    ItemsPage,
    Label,
    QueueItem,
    ReviewDecision,
    ReviewState,
    ReviewStatus,
)

router = APIRouter(tags=["review"], responses=ERROR_RESPONSES)
DocPath = Annotated[str, Path(max_length=128, description="The document id (sha256).")]
CONFLICT: dict[int | str, dict[str, object]] = {
    409: {"model": ErrorResponse, "description": "Another editor changed the document's "
                                                 "review first: reload and decide again"}}


@router.get("/queue", response_model=ItemsPage[QueueItem])
def review_queue(
    store: StoreDep,
    _token: ReaderToken,
    status: Annotated[ReviewStatus | None, Query(description="new, in_review or "
                                                             "reviewed")] = None,
    theme: ThemeId = None,
    doc_type: DocType | None = None,
    source: SourcePrefix = None,
    label: Annotated[Label | None, Query(description="Documents with a mention of this "
                                                     "label.")] = None,
    category: Annotated[Category | None, Query(description="Documents with a claim of this "
                                                           "category.")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[QueueItem]:
    """Indexed documents by need of review, most first: pending risk claims and
    low-confidence items weigh most, items the model now disagrees on more."""
    items, key = store.review_queue(status=status, theme=theme, doc_type=doc_type,
                                    source=source, label=label, category=category,
                                    after=decode_cursor(cursor, float, str), limit=limit)
    return ItemsPage[QueueItem](items=items, next_cursor=encode_cursor(key))


@router.get("/documents/{document_id}/review", response_model=ReviewState,
            responses=NOT_FOUND)
def document_review(document_id: DocPath, store: StoreDep, _token: ReaderToken) -> ReviewState:
    """A document's review: its version (send it back with decisions), status and
    its entities and claims with the latest decisions applied."""
    return store.review_state(document_id)


@router.post("/documents/{document_id}/decisions", response_model=ReviewState,
             responses={**NOT_FOUND, **CONFLICT})
def decide(document_id: DocPath, batch: DecisionBatch, store: StoreDep,
           token: WriterToken) -> ReviewState:
    """Accept, reject, correct or add entities and claims, or mark the document
    reviewed (editor), all or nothing. ``version`` must be the review version you
    read; if another editor wrote since, the answer is 409 conflict."""
    try:
        return store.record_decisions(document_id, batch.version, batch.decisions,
                                      editor_name(token))
    except ReviewConflict as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/decisions", response_model=ItemsPage[ReviewDecision])
def audit_log(
    store: StoreDep,
    _token: ReaderToken,
    document_id: DocumentId = None,
    editor: Annotated[str | None, Query(max_length=300, description="e.g. alice#3")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ItemsPage[ReviewDecision]:
    """The audit log: every decision, newest first, with who, when, before, after and
    the extractor version it was made on."""
    after = decode_cursor(cursor, int)
    items, key = store.page_decisions(document_id=document_id, editor=editor,
                                      after=after[0] if after else None, limit=limit)
    return ItemsPage[ReviewDecision](items=items, next_cursor=encode_cursor(key))
