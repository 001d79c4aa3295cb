"""The one schema of RiskAtlas.

Every record the store writes, the API returns, the CLI prints and the JSON
export contains is one of these pydantic models. Offsets are character offsets
``[start, end)`` into ``Document.text`` (the normalized text); pages are
numbered from 1.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Label(StrEnum):
    NATION = "NATION"
    ALLIANCE = "ALLIANCE"
    SUPPLIER = "SUPPLIER"
    MATERIAL = "MATERIAL"


class Category(StrEnum):
    dependency = "dependency"
    trade_restriction = "trade_restriction"
    geopolitical = "geopolitical"
    capacity = "capacity"
    security = "security"
    logistics = "logistics"
    cost = "cost"


class Modality(StrEnum):
    asserted = "asserted"
    hedged = "hedged"


class DocType(StrEnum):
    paper = "paper"
    agreement = "agreement"
    article = "article"
    other = "other"


class Status(StrEnum):
    """What became of a source. Only ``indexed`` documents are analysed."""

    indexed = "indexed"
    duplicate = "duplicate"  # near or exact duplicate of ``duplicate_of``
    needs_ocr = "needs_ocr"  # a PDF with no text layer
    non_english = "non_english"  # stored and flagged, not analysed as English
    failed = "failed"  # unreadable: see ``reason``
    unsupported = "unsupported"  # a format RiskAtlas does not read


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="forbid")


class Page(_Model):
    """A page of the source; ``[start, end)`` is its slice of the text."""

    number: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Section(_Model):
    """A heading and the text it governs, ``[start, end)``."""

    title: str
    level: int = 1
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Table(_Model):
    """A table kept out of the running text: rows of cell strings."""

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    rows: list[list[str]]


class Mention(_Model):
    """One entity mention in a document's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    label: Label
    norm: str
    confidence: float = Field(ge=0.0, le=1.0)
    page: int | None = None
    component: str = Field(description="the pipeline component that made it")


class Entity(_Model):
    """An entity aggregated by ``(label, norm)``: in one document or the corpus."""

    label: Label
    norm: str
    count: int
    documents: int | None = None
    claims: int | None = None
    surface_forms: list[str] = Field(default_factory=list)


class ClaimRoles(_Model):
    """Who is exposed, on whom or what they depend or who restricts, and what."""

    exposed: list[str] = Field(default_factory=list, description="norms of exposed parties")
    source: list[str] = Field(default_factory=list, description="depended on / restricting")
    materials: list[str] = Field(default_factory=list)
    suppliers: list[str] = Field(default_factory=list)


class RiskClaim(_Model):
    """A sentence or clause asserting or warning of a supply risk (ANNOTATION.md)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    category: Category
    modality: Modality
    confidence: float = Field(ge=0.0, le=1.0)
    page: int | None = None
    entities: list[int] = Field(
        default_factory=list, description="indices into Document.entities inside the claim"
    )
    roles: ClaimRoles = Field(default_factory=ClaimRoles)


class Document(_Model):
    """A source document, its normalized text and everything found in it.

    ``entities`` is the list of mentions (the ANNOTATION.md name);
    ``entity_counts`` aggregates them by norm.
    """

    id: str = Field(description="sha256 of the normalized text (or of the source if unread)")
    source: str
    status: Status = Status.indexed
    reason: str | None = None
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    author: str | None = None
    doc_type: DocType = DocType.other
    language: str | None = None
    url: str | None = None
    source_hash: str | None = Field(default=None, description="sha256 of the source bytes")
    duplicate_of: str | None = None
    text: str = ""
    pages: list[Page] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    dropped: list[str] = Field(default_factory=list, description="page chrome removed from text")
    metadata: dict[str, Any] = Field(default_factory=dict)
    entities: list[Mention] = Field(default_factory=list)
    entity_counts: list[Entity] = Field(default_factory=list)
    claims: list[RiskClaim] = Field(default_factory=list)
    theme_id: int | None = None
    extractor_version: str | None = None


class Theme(_Model):
    """A cluster of documents, named by its class-based TF-IDF keywords."""

    id: int
    name: str
    keywords: list[str]
    size: int
    parent_id: int | None = None
    level: int = 1
    representative_docs: list[str] = Field(default_factory=list)


class ReviewTarget(StrEnum):
    entity = "entity"
    claim = "claim"
    document = "document"  # the document as a whole: action "reviewed"


class ReviewAction(StrEnum):
    accept = "accept"
    reject = "reject"
    correct = "correct"
    add = "add"
    reviewed = "reviewed"  # the editor marks the whole document reviewed


class ReviewDecision(_Model):
    """An editor's decision on one mention or claim; never overwritten.

    The target is identified stably by ``document_id``, ``target`` and its key:
    ``[start, end)`` (+ ``label`` for an entity) as the model (or, for ``add``,
    the editor) first placed it; later decisions on the same item carry the same
    key, the latest one counts. ``before`` is the item as the editor saw it,
    ``after`` what it became (null for reject)."""

    id: int | None = None
    document_id: str
    target: ReviewTarget = Field(description="'entity', 'claim' or 'document'")
    action: ReviewAction = Field(description="accept, reject, correct, add or reviewed")
    start: int | None = Field(default=None, ge=0, description="key: start of the target")
    end: int | None = Field(default=None, ge=0, description="key: end of the target")
    label: str | None = Field(default=None, description="key: the entity's label")
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    editor: str
    created_at: datetime
    model_version: str | None = None
    review_version: int | None = Field(
        default=None, description="the document's review version this write made")


class Failure(_Model):
    source: str
    status: Status
    reason: str


class RunReport(_Model):
    """What one ingestion run did, with seconds per stage."""

    id: str
    started_at: datetime
    finished_at: datetime | None = None
    sources: list[str] = Field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = Field(default_factory=list)
    seconds: dict[str, float] = Field(default_factory=dict)
    themes: int = 0
    schedule: str | None = None  # the schedule that started the run, if one did


class Schedule(_Model):
    """Sources ingested on a schedule: files, folders and URLs, or RSS/Atom feeds
    (``feed``) whose new or changed items are ingested. Exactly one of ``cron``
    (five fields, UTC) and ``interval`` (seconds) is set."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    sources: list[str] = Field(min_length=1)
    feed: bool = False
    cron: str | None = None
    interval: int | None = Field(default=None, gt=0)
    paused: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Document,
    Page,
    Section,
    Table,
    Mention,
    Entity,
    RiskClaim,
    Theme,
    ReviewDecision,
    RunReport,
    Schedule,
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of every model, as one document with ``$defs``."""
    from pydantic.json_schema import models_json_schema

    _, schema = models_json_schema(
        [(m, "serialization") for m in ALL_MODELS],
        title="RiskAtlas",
        description=f"RiskAtlas schema version {SCHEMA_VERSION}",
    )
    return schema


# -- query API records (issue 7) ------------------------------------------
# Variants only where the API's input or output really differs from the
# records above: list items without the text, results with their provenance.


class Role(StrEnum):
    """What a token may do: analyst reads, editor also writes, admin also manages tokens."""

    analyst = "analyst"
    editor = "editor"
    admin = "admin"


class ApiToken(_Model):
    """An API token as stored: its secret is kept only as a sha256 hash."""

    id: int
    name: str | None = None
    role: Role
    created_at: datetime
    revoked_at: datetime | None = None


class TokenCreate(_Model):
    role: Role = Role.analyst
    name: str | None = Field(default=None, max_length=200)


class TokenCreated(ApiToken):
    """A new token with its secret, shown this once and never again."""

    token: str


class DocumentSummary(_Model):
    """A document in a list: its metadata, without text, mentions or claims."""

    id: str
    source: str
    status: Status = Status.indexed
    reason: str | None = None
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    author: str | None = None
    doc_type: DocType = DocType.other
    language: str | None = None
    url: str | None = None
    duplicate_of: str | None = None
    theme_id: int | None = None
    extractor_version: str | None = None


class DocumentPatch(_Model):
    """An editor's correction of a document's metadata; fields left out are kept."""

    title: str | None = Field(default=None, max_length=2000)
    published: date | None = None
    publisher: str | None = Field(default=None, max_length=2000)
    author: str | None = Field(default=None, max_length=2000)
    doc_type: DocType | None = None


class MentionRecord(Mention):
    """A mention with its provenance: ``quote`` is ``text[start:end]`` of the document,
    ``context`` up to 80 characters either side."""

    id: int
    document_id: str
    source: str
    quote: str
    context: str


class ClaimRecord(RiskClaim):
    """A risk claim with its provenance: ``quote`` is ``text[start:end]`` of the document."""

    id: int
    document_id: str
    source: str
    title: str | None = None
    published: date | None = None
    quote: str


class ThemeDetail(Theme):
    """A theme with its sub-themes and (the first 100 of) its documents."""

    subthemes: list[Theme] = Field(default_factory=list)
    documents: list[DocumentSummary] = Field(default_factory=list)


class SearchHit(_Model):
    """A document found by search. ``score`` is bm25 (keyword; lower is better, negated
    here so higher is better), cosine (semantic) or reciprocal rank fusion (hybrid);
    ranks are 1-based positions in each list, null where absent."""

    document_id: str
    source: str
    title: str | None = None
    published: date | None = None
    doc_type: DocType = DocType.other
    theme_id: int | None = None
    score: float
    keyword_rank: int | None = None
    semantic_rank: int | None = None
    snippet: str = ""


class Facets(_Model):
    """Counts to filter by; documents are indexed ones unless ``by_status``."""

    documents_by_status: dict[str, int]
    documents_by_type: dict[str, int]
    documents_by_theme: dict[str, int]
    documents_by_year: dict[str, int]
    mentions_by_label: dict[str, int]
    claims_by_category: dict[str, int]
    claims_by_modality: dict[str, int]


T = TypeVar("T")


class ItemsPage(BaseModel, Generic[T]):  # noqa: UP046 - Python 3.11
    """One page of a list in a stable order; pass ``next_cursor`` back as ``cursor``
    for the next page (null on the last)."""

    items: list[T]
    next_cursor: str | None = None


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """The one shape of every API error."""

    error: ErrorDetail


# -- editors' review (issue 8) ---------------------------------------------
# Decisions (ReviewDecision above) are the data; these are what the review API
# takes and returns: the current state of a document's items and the queue.


class ReviewStatus(StrEnum):
    """new: no decision yet; in_review: some; reviewed: an editor signed it off."""

    new = "new"
    in_review = "in_review"
    reviewed = "reviewed"


class ItemStatus(StrEnum):
    pending = "pending"  # the model's, not yet decided
    accepted = "accepted"
    rejected = "rejected"
    corrected = "corrected"
    added = "added"  # found by an editor, not the model


class ItemValues(_Model):
    """An item's values in a decision: its span, plus label and norm (entity) or
    category and modality (claim). On ``correct``, fields left out are kept."""

    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    label: Label | None = None
    norm: str | None = Field(default=None, min_length=1, max_length=500)
    category: Category | None = None
    modality: Modality | None = None


class DecisionInput(_Model):
    """One decision as an editor sends it. ``start``, ``end`` (and ``label`` for an
    entity) are the item's key (ReviewItem.key_*); for ``add`` they may be left out
    (the key is then ``after``'s span and label); for target ``document`` (action
    ``reviewed``) there is no key."""

    target: ReviewTarget
    action: ReviewAction
    start: int | None = Field(default=None, ge=0, le=2**31 - 1)
    end: int | None = Field(default=None, ge=0, le=2**31 - 1)
    label: Label | None = None
    after: ItemValues | None = None


class DecisionBatch(_Model):
    """Decisions on one document, applied together or not at all. ``version`` is the
    review version the editor saw (0 for a document never reviewed); if another
    write came first, the batch is refused with 409 conflict."""

    version: int = Field(ge=0, le=2**31 - 1)
    decisions: list[DecisionInput] = Field(min_length=1, max_length=10000)


class ReviewItem(_Model):
    """An entity or claim of a document as the editor sees it: the model's output
    with the latest human decision applied. ``ref`` names it in the page;
    ``key_*`` identify it in decisions; ``model`` is what the current extraction
    says at that key (null where it finds nothing); ``flagged``: the model's output
    there changed since the decision and now disagrees with it."""

    ref: str
    target: ReviewTarget
    key_start: int
    key_end: int
    key_label: str | None = None
    start: int
    end: int
    text: str
    label: str | None = None
    norm: str | None = None
    category: str | None = None
    modality: str | None = None
    confidence: float | None = None
    page: int | None = None
    status: ItemStatus = ItemStatus.pending
    model: dict[str, Any] | None = None
    flagged: bool = False
    decision_id: int | None = None
    editor: str | None = None
    decided_at: datetime | None = None


class ReviewState(_Model):
    """The review of one document: its version (for optimistic concurrency), status,
    items in reading order and counts."""

    document_id: str
    version: int = 0
    status: ReviewStatus = ReviewStatus.new
    extractor_version: str | None = None
    updated_by: str | None = None
    updated_at: datetime | None = None
    pending: int = 0
    flagged: int = 0
    items: list[ReviewItem] = Field(default_factory=list)


class QueueItem(DocumentSummary):
    """A document in the review queue. ``need`` orders it: each pending claim counts
    1, each pending item its uncertainty (1 - confidence), each flagged item 2."""

    review_status: ReviewStatus = ReviewStatus.new
    review_version: int = 0
    entities: int = 0
    claims: int = 0
    pending: int = 0
    flagged: int = 0
    min_confidence: float | None = None
    need: float = 0.0
    updated_by: str | None = None
    updated_at: datetime | None = None
