"""The one schema of RiskAtlas.

Every record the store writes, the API returns, the CLI prints and the JSON
export contains is one of these pydantic models. Offsets are character offsets
``[start, end)`` into ``Document.text`` (the normalized text); pages are
numbered from 1.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

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


class ReviewDecision(_Model):
    """An editor's decision on one mention or claim; never overwritten."""

    id: int | None = None
    document_id: str
    target: str = Field(description="'entity' or 'claim'")
    action: str = Field(description="accept, reject, correct or add")
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    editor: str
    created_at: datetime
    model_version: str | None = None


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
