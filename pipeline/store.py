"""The corpus index: SQLAlchemy 2 Core over SQLite (default, WAL) or PostgreSQL.

All SQL lives here. Writes of one document happen in one transaction, so a
crash never leaves half a document; documents are upserted by source, keyed
by content hash, so re-ingesting is idempotent and a changed file replaces its
old derived rows.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    extract,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from pipeline.entity_index import EntityIndex
from pipeline.errors import (
    AlreadyExists,
    InvalidDecision,
    InvalidQuery,
    NotFound,
    ReviewConflict,
    StoreError,
)
from pipeline.models import (
    ApiToken,
    ClaimRecord,
    ClaimRoles,
    DecisionInput,
    Document,
    DocumentSummary,
    Entity,
    Facets,
    Label,
    Mention,
    MentionRecord,
    Page,
    QueueItem,
    ReviewDecision,
    ReviewState,
    ReviewStatus,
    RiskClaim,
    Role,
    RunReport,
    Section,
    Status,
    Theme,
)
from pipeline.models import (
    Schedule as ScheduleModel,
)
from pipeline.models import (
    Table as TableModel,
)
from pipeline.review import (
    LIVE,
    Row,
    by_span,
    decide,
    gold_record,
    merge,
    model_items,
    page_of,
    row_item,
)
from pipeline.settings import db_url

log = logging.getLogger(__name__)

SCHEMA_VERSION = 5  # 2: api_tokens, documents_fts (SQLite); 3: review_* (issue 8);
#                    4: schedules, feeds, feed_entries (issue 9);
#                    5: entity_stats, entity_forms, claim_entities, changes (issue 7)
metadata = MetaData()

meta_t = Table("meta", metadata, Column("key", String(64), primary_key=True),
               Column("value", Text, nullable=False))
documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False, unique=True),
    Column("status", String(16), nullable=False, index=True),
    Column("reason", Text),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("publisher", Text),
    Column("author", Text),
    Column("doc_type", String(16), index=True),
    Column("language", String(8)),
    Column("url", Text),
    Column("source_hash", String(64)),
    Column("duplicate_of", String(64), index=True),
    Column("text", Text, nullable=False, default=""),
    Column("pages", JSON, nullable=False, default=list),
    Column("sections", JSON, nullable=False, default=list),
    Column("tables", JSON, nullable=False, default=list),
    Column("dropped", JSON, nullable=False, default=list),
    Column("metadata", JSON, nullable=False, default=dict),
    Column("theme_id", Integer, index=True),
    Column("extractor_version", String(64)),
    Column("minhash", LargeBinary),
    Column("vector", LargeBinary),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("norm", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("page", Integer),
    Column("component", String(64)),
    Index("ix_mentions_label_norm", "label", "norm"),
)
claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("category", String(32), nullable=False, index=True),
    Column("modality", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("page", Integer),
    Column("entities", JSON, nullable=False, default=list),
    Column("roles", JSON, nullable=False, default=dict),
)
embeddings = Table(
    "embeddings", metadata,
    Column("key", String(64), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)
themes = Table(
    "themes", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("size", Integer, nullable=False),
    Column("parent_id", Integer),
    Column("level", Integer, nullable=False, default=1),
    Column("representative_docs", JSON, nullable=False, default=list),
    Column("centroid", LargeBinary),
)
runs = Table(
    "runs", metadata,
    Column("id", String(64), primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("report", JSON, nullable=False),
)
# -- API tokens and full-text search (issue 7) ------------------------------
api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text),
    Column("role", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256, never the token
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
# SQLite: an external-content FTS5 index over documents.title and .text, kept in
# sync by triggers (so every write path updates it); rebuilt when first created,
# which indexes the documents of a store made before schema version 2.
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
    "content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]
_SQLITE_FTS_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_au AFTER UPDATE OF title, text ON documents "
    "BEGIN INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
]


def _ensure_sqlite_fts(c: Any) -> None:
    """Create the FTS5 index and its triggers if absent (idempotent)."""
    have = c.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='documents_fts'").first()
    if have is None:
        for stmt in _SQLITE_FTS:
            c.exec_driver_sql(stmt)
    for stmt in _SQLITE_FTS_TRIGGERS:
        c.exec_driver_sql(stmt)


# PostgreSQL: each document's tsvector is a stored generated column (tsv) with a GIN
# index, so keyword search and its ranking read them instead of parsing documents per
# query. A text whose words do not fit in one tsvector (PostgreSQL's limit is 1 MB) is
# indexed by its first 200,000 characters rather than failing the insert. Each piece is
# made only if absent, so opening a store takes no table lock once they exist.
_PG_SEARCH = [
    ("SELECT to_regprocedure('riskatlas_tsv(text, text)')",
     "CREATE FUNCTION riskatlas_tsv(title text, body text) RETURNS tsvector "
     "LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN "
     "RETURN to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || body); "
     "EXCEPTION WHEN program_limit_exceeded THEN "
     "RETURN to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || left(body, 200000)); "
     "END $$"),
    ("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
     "AND table_name = 'documents' AND column_name = 'tsv'",
     "ALTER TABLE documents ADD COLUMN tsv tsvector "
     "GENERATED ALWAYS AS (riskatlas_tsv(title, text)) STORED"),
    ("SELECT to_regclass('ix_documents_tsv')",
     "CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)"),
]


def _ensure_pg_search(c: Any) -> None:
    """Create the tsvector function, column and GIN index where absent (idempotent)."""
    for probe, stmt in _PG_SEARCH:
        if c.exec_driver_sql(probe).scalar() is None:
            c.exec_driver_sql(stmt)


# Forward migrations: version -> statements (SQL, or functions of the connection) run
# to reach it from the one before.
MIGRATIONS: dict[int, list[str | Callable[[Any], None]]] = {}

# -- editors' review (issue 8) -------------------------------------------------
# review_decisions is the audit log (rows are never updated); review_items the
# latest decision per item key (see pipeline/review.py); review_documents each
# document's review version (optimistic concurrency) and status; review_sessions
# the review page's sign-ins (cookie secret and CSRF token). None has a foreign
# key to documents: re-extraction replaces a document's derived rows, never its
# decisions. Version 3 adds only these tables, which create_all makes.
MIGRATIONS[3] = []
review_decisions = Table(
    "review_decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), nullable=False, index=True),
    Column("target", String(16), nullable=False),
    Column("action", String(16), nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("label", String(16)),
    Column("before", JSON),
    Column("after", JSON),
    Column("editor", Text, nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("model_version", String(128)),
    Column("review_version", Integer, nullable=False),
)
review_items = Table(
    "review_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64), nullable=False),
    Column("target", String(16), nullable=False),
    Column("key_start", Integer, nullable=False),
    Column("key_end", Integer, nullable=False),
    Column("key_label", String(16), nullable=False),  # "" for claims
    Column("status", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", String(16)),
    Column("norm", Text),
    Column("category", String(32)),
    Column("modality", String(16)),
    Column("page", Integer),
    Column("roles", JSON),
    Column("model", JSON),  # the model's values at the key when decided
    Column("decision_id", Integer, nullable=False),
    Column("editor", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ux_review_items_key", "doc_id", "target", "key_start", "key_end", "key_label",
          unique=True),
    Index("ix_review_items_label_norm", "label", "norm"),
)
review_documents = Table(
    "review_documents", metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("editor", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
review_sessions = Table(
    "review_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),  # sha256 of the cookie's secret
    Column("token_id", Integer, nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# -- schedules and feeds (issue 9) --------------------------------------------------
# schedules: named sources ingested on a cron or interval schedule (served as Prefect
# deployments by `riskatlas worker`); feeds: each feed's HTTP validators (ETag,
# Last-Modified) from its last complete read; feed_entries: the entries already
# ingested with their version (updated/published stamp or a hash), so a feed run
# fetches only new or changed items. Version 4 adds only these tables.
MIGRATIONS[4] = []
schedules = Table(
    "schedules", metadata,
    Column("name", String(64), primary_key=True),
    Column("sources", JSON, nullable=False),
    Column("feed", Boolean, nullable=False, default=False),
    Column("cron", String(128)),
    Column("interval_seconds", Integer),
    Column("paused", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
feeds = Table(
    "feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("modified", Text),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)
feed_entries = Table(
    "feed_entries", metadata,
    Column("feed_url", Text, primary_key=True),
    Column("entry_id", Text, primary_key=True),
    Column("link", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# -- queries at scale (issue 7) ---------------------------------------------------
# entity_stats and entity_forms: mentions and documents per (label, norm), and
# mentions per surface form, over indexed documents; every write of a document
# (new, replaced, removed) adds its difference, so /entities without document filters
# reads a row per entity instead of every mention. claim_entities: the (label, norm)
# of the mentions inside each claim's span, with the claim's confidence, so the claims
# about an entity come most confident first from one index. changes: the ids of the
# documents written, replaced or removed (NULL: every document's theme), in order; the
# in-memory entity index (pipeline/entity_index.py) and the search vectors follow it.
# Version 5 adds these tables and the indexes below, and fills the tables.
entity_stats = Table(
    "entity_stats", metadata,
    Column("label", String(16), primary_key=True),
    Column("norm", Text, primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
)
entity_forms = Table(
    "entity_forms", metadata,
    Column("label", String(16), primary_key=True),
    Column("norm", Text, primary_key=True),
    Column("text", Text, primary_key=True),
    Column("mentions", Integer, nullable=False),
)
claim_entities = Table(
    "claim_entities", metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"),
           primary_key=True),
    Column("label", String(16), primary_key=True),
    Column("norm", Text, primary_key=True),
    Column("confidence", Float, nullable=False),
)
changes = Table(
    "changes", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(64)),
)
# Most confident first, ties by id: the order of /claims, read from an index.
Index("ix_claim_entities_order", claim_entities.c.label, claim_entities.c.norm,
      claim_entities.c.confidence.desc(), claim_entities.c.claim_id)
Index("ix_claims_order", claims.c.confidence.desc(), claims.c.id)
Index("ix_claims_category_order", claims.c.category, claims.c.confidence.desc(), claims.c.id)
# The document filters of /claims answered from an index alone (the rows, with text
# and vector, are large): status, then each filter that narrows by equality or range,
# then the others; each ends with the id that claims join on.
_DOC_FILTERS = {"published": ("published", "theme_id", "doc_type"),
                "theme": ("theme_id", "published", "doc_type"),
                "type": ("doc_type", "published", "theme_id"),
                "source": ("source",)}
for _name, _cols in _DOC_FILTERS.items():
    Index(f"ix_documents_filter_{_name}", documents.c.status,
          *(documents.c[n] for n in _cols), documents.c.id)
KEEP_CHANGES = 20_000  # rows of the change log kept; a reader further behind reloads
PRUNE_EVERY = 1000  # the log is pruned when its position passes a multiple of this
RELOAD_SHARE = 0.2  # the entity index reloads once this share of its positions is stale
FEW_DOCUMENTS = 2000  # at most this many matching documents: claims are read through them
_CHANGES_LOCK = 0x52694B42  # PostgreSQL: change-log rows are committed in seq order


def _fill_summaries(c: Any) -> None:
    """(Re)compute entity_stats, entity_forms and claim_entities from the mentions."""
    for t in (entity_stats, entity_forms, claim_entities):
        c.execute(delete(t))
    m, ok = mentions.c, documents.c.status == Status.indexed.value
    mj = mentions.join(documents, documents.c.id == m.doc_id)
    c.execute(insert(entity_stats).from_select(
        ["label", "norm", "mentions", "documents"],
        select(m.label, m.norm, func.count(), func.count(func.distinct(m.doc_id)))
        .select_from(mj).where(ok).group_by(m.label, m.norm)))
    c.execute(insert(entity_forms).from_select(
        ["label", "norm", "text", "mentions"],
        select(m.label, m.norm, m.text, func.count()).select_from(mj).where(ok)
        .group_by(m.label, m.norm, m.text)))
    c.execute(insert(claim_entities).from_select(
        ["claim_id", "label", "norm", "confidence"], _claim_entity_rows()))


def _claim_entity_rows(doc_id: str | None = None) -> Any:
    """(claim id, label, norm, confidence) of each entity mentioned inside a claim's span."""
    k, m = claims.c, mentions.c
    q = (select(k.id, m.label, m.norm, k.confidence).distinct()
         .select_from(claims.join(mentions, and_(m.doc_id == k.doc_id, m.start >= k.start,
                                                 m.end <= k.end))))
    return q.where(k.doc_id == doc_id) if doc_id is not None else q


MIGRATIONS[5] = [
    "CREATE INDEX IF NOT EXISTS ix_claims_order ON claims (confidence DESC, id)",
    "CREATE INDEX IF NOT EXISTS ix_claims_category_order "
    "ON claims (category, confidence DESC, id)",
    *(f"CREATE INDEX IF NOT EXISTS ix_documents_filter_{name} "
      f"ON documents (status, {', '.join(cols)}, id)" for name, cols in _DOC_FILTERS.items()),
    _fill_summaries,
]

_MIGRATE_LOCK = 0x52694B41  # PostgreSQL advisory lock key held while migrating


def _insert_ignore(c: Any, table: Table) -> Any:
    """INSERT that skips rows whose primary or unique key is already there
    (ON CONFLICT DO NOTHING on SQLite and PostgreSQL)."""
    if c.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    if c.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()
    return insert(table)


def _upsert(c: Any, table: Table, keys: list[str]) -> Any:
    """INSERT that updates the other columns of a row whose ``keys`` are there
    (ON CONFLICT DO UPDATE on SQLite and PostgreSQL)."""
    stmt: Any
    if c.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(table)
    elif c.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table)
    else:
        raise StoreError(f"{c.dialect.name} is not supported; use SQLite or PostgreSQL")
    return stmt.on_conflict_do_update(
        index_elements=keys,
        set_={col.name: stmt.excluded[col.name] for col in table.c if col.name not in keys})


def _vec(b: bytes | None) -> np.ndarray | None:
    return None if b is None else np.frombuffer(b, dtype=np.float32)


class Store:
    """The corpus index. ``Store("riskatlas.db")`` or ``Store("postgresql+psycopg://...")``."""

    def __init__(self, db: str = "riskatlas.db", create: bool = True) -> None:
        self.url = db_url(db)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear message
            raise StoreError(f"cannot open the store {db!r} ({exc}); check --db") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._entities: EntityIndex | None = None  # built on the first filtered query
        self._entities_lock = threading.Lock()
        if create:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- schema ---------------------------------------------------------
    def migrate(self) -> int:
        """Create the schema or bring it forward; returns the version."""
        with self.engine.begin() as c:
            if c.dialect.name == "postgresql":  # one migrating process at a time
                c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK})
            metadata.create_all(c)
            if c.dialect.name == "sqlite":
                _ensure_sqlite_fts(c)
            elif c.dialect.name == "postgresql":
                _ensure_pg_search(c)
            row = c.execute(select(meta_t.c.value).where(meta_t.c.key == "schema_version")).first()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the store is at schema version {version}, newer than this RiskAtlas "
                    f"({SCHEMA_VERSION}); upgrade RiskAtlas"
                )
            if version == 0:
                c.execute(insert(meta_t).values(key="schema_version", value=str(SCHEMA_VERSION)))
                version = SCHEMA_VERSION
            while version < SCHEMA_VERSION:
                version += 1
                for stmt in MIGRATIONS.get(version, []):
                    if callable(stmt):
                        stmt(c)
                    else:
                        c.exec_driver_sql(stmt)
                c.execute(update(meta_t).where(meta_t.c.key == "schema_version")
                          .values(value=str(version)))
        return version

    # -- documents ------------------------------------------------------
    def source_state(self, source: str) -> tuple[str, str | None, str, str | None] | None:
        """(id, source_hash, status, extractor_version) of a source, if indexed."""
        with self.engine.connect() as c:
            row = c.execute(
                select(documents.c.id, documents.c.source_hash, documents.c.status,
                       documents.c.extractor_version).where(documents.c.source == source)
            ).first()
        return tuple(row) if row else None  # type: ignore[return-value]

    def find_by_id(self, doc_id: str) -> tuple[str, str] | None:
        with self.engine.connect() as c:
            row = c.execute(select(documents.c.id, documents.c.source)
                            .where(documents.c.id == doc_id)).first()
        return (row[0], row[1]) if row else None

    def minhashes(self, exclude_source: str | None = None) -> Iterator[tuple[str, bytes]]:
        """(id, MinHash signature) of indexed documents, but ``exclude_source``'s."""
        q = select(documents.c.id, documents.c.minhash).where(
            and_(documents.c.minhash.is_not(None), documents.c.status == Status.indexed.value))
        if exclude_source is not None:
            q = q.where(documents.c.source != exclude_source)
        with self.engine.connect() as c:
            yield from c.execute(q)

    def upsert_document(self, doc: Document, minhash: bytes | None = None,
                        vector: np.ndarray | None = None) -> str:
        """Write a document and its mentions and claims in one transaction.

        A source already in the store is replaced (its old derived rows go);
        returns "new" or "changed".
        """
        now = datetime.now(UTC)
        row = _doc_row(doc)
        row.update(minhash=minhash, updated_at=now,
                   vector=None if vector is None else np.asarray(vector, np.float32).tobytes())
        with self.engine.begin() as c:
            old = c.execute(select(documents.c.id, documents.c.created_at, documents.c.theme_id,
                                   documents.c.status)
                            .where(documents.c.source == doc.source)).first()
            kind = "new"
            stats: _Deltas = ({}, {})
            if old is not None:
                kind = "changed"
                row["created_at"] = old.created_at
                if row.get("theme_id") is None and old.id == doc.id:
                    row["theme_id"] = old.theme_id
                stats = self._drop_rows(c, old.id, old.status == Status.indexed.value)
                c.execute(delete(documents).where(documents.c.id == old.id))
            else:
                row["created_at"] = now
            clash = c.execute(select(documents.c.source).where(documents.c.id == doc.id)).first()
            if clash is not None:
                raise StoreError(
                    f"{doc.source} has the same text as {clash[0]}; it should be marked duplicate"
                )
            c.execute(insert(documents).values(**row))
            if doc.entities:
                c.execute(insert(mentions), [
                    dict(doc_id=doc.id, idx=i, start=m.start, end=m.end, text=m.text,
                         label=str(m.label), norm=m.norm, confidence=m.confidence, page=m.page,
                         component=m.component)
                    for i, m in enumerate(doc.entities)
                ])
            if doc.claims:
                c.execute(insert(claims), [
                    dict(doc_id=doc.id, start=k.start, end=k.end, text=k.text,
                         category=str(k.category), modality=str(k.modality),
                         confidence=k.confidence, page=k.page, entities=k.entities,
                         roles=k.roles.model_dump())
                    for k in doc.claims
                ])
                if doc.entities:
                    c.execute(insert(claim_entities).from_select(
                        ["claim_id", "label", "norm", "confidence"], _claim_entity_rows(doc.id)))
            if doc.status == Status.indexed:
                _add_counts(stats, ((str(m.label), m.norm, m.text) for m in doc.entities), +1)
            self._write_stats(c, stats)
            self._log_changes(c, ([old.id] if old is not None and old.id != doc.id else [])
                              + [doc.id])
        return kind

    def remove_source(self, source: str) -> bool:
        with self.engine.begin() as c:
            row = c.execute(select(documents.c.id, documents.c.status)
                            .where(documents.c.source == source)).first()
            if row is None:
                return False
            stats = self._drop_rows(c, row.id, row.status == Status.indexed.value)
            c.execute(delete(documents).where(documents.c.id == row.id))
            self._write_stats(c, stats)
            self._log_changes(c, [row.id])
        return True

    # -- summaries and the change log (issue 7) ---------------------------------
    @staticmethod
    def _drop_rows(c: Any, doc_id: str, indexed: bool) -> _Deltas:
        """Delete a document's mentions, claims and claim entities; return what its
        mentions took from the entity summaries (nothing unless it was indexed)."""
        stats: _Deltas = ({}, {})
        if indexed:
            _add_counts(stats, c.execute(select(mentions.c.label, mentions.c.norm,
                                                mentions.c.text)
                                         .where(mentions.c.doc_id == doc_id)), -1)
        c.execute(delete(claim_entities).where(claim_entities.c.claim_id.in_(
            select(claims.c.id).where(claims.c.doc_id == doc_id))))
        c.execute(delete(mentions).where(mentions.c.doc_id == doc_id))
        c.execute(delete(claims).where(claims.c.doc_id == doc_id))
        return stats

    @staticmethod
    def _write_stats(c: Any, deltas: _Deltas) -> None:
        """Add per-entity and per-form differences to entity_stats and entity_forms, in
        key order (so concurrent writers on PostgreSQL lock rows in one order), and drop
        the rows that fall to zero."""
        ents, forms = deltas
        _add_rows(c, entity_stats, ["label", "norm"], [
            dict(label=k[0], norm=k[1], mentions=v[0], documents=v[1])
            for k, v in sorted(ents.items()) if v != [0, 0]])
        _add_rows(c, entity_forms, ["label", "norm", "text"], [
            dict(label=k[0], norm=k[1], text=k[2], mentions=v)
            for k, v in sorted(forms.items()) if v])

    def _log_changes(self, c: Any, doc_ids: list[str | None]) -> None:
        """Append document ids (None: every document's theme) to the change log, keeping
        its last KEEP_CHANGES rows."""
        if c.dialect.name == "postgresql":  # commit order = seq order, for readers
            c.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHANGES_LOCK})
        seq = 0
        for d in doc_ids:
            seq = c.execute(insert(changes).values(doc_id=d)).inserted_primary_key[0]
        if seq % PRUNE_EVERY < len(doc_ids):
            c.execute(delete(changes).where(changes.c.seq <= seq - KEEP_CHANGES))

    def rebuild_summaries(self) -> None:
        """Recompute the entity summaries and claim entities from the mentions (schema
        version 5 does it once; bulk loads that bypass upsert_document call it)."""
        with self.engine.begin() as c:
            _fill_summaries(c)

    def _entity_index(self) -> EntityIndex:
        """The in-memory entity index, brought up to date with the change log: the
        documents changed since it was built are re-read (all of them after a gap in
        the log or once a fifth of it is stale)."""
        with self.engine.connect() as c:
            top = c.execute(select(func.max(changes.c.seq))).scalar() or 0
        ei = self._entities
        if ei is not None and ei.seq == top:
            return ei
        with self._entities_lock:
            ei = self._entities
            with self.engine.connect() as c:
                if ei is not None and ei.seq is not None:
                    log_rows = c.execute(select(changes.c.seq, changes.c.doc_id)
                                         .where(changes.c.seq > ei.seq)
                                         .order_by(changes.c.seq)).all()
                    first = c.execute(select(func.min(changes.c.seq))).scalar()
                    if not log_rows:
                        return ei
                    if first is not None and first <= ei.seq + 1:
                        self._update_entity_index(c, ei, log_rows)
                        if ei.stale_share <= RELOAD_SHARE:
                            return ei
                top = c.execute(select(func.max(changes.c.seq))).scalar() or 0
                ei = EntityIndex()
                ei.load(c.execute(select(*_ENTITY_DOC_COLS).where(
                    documents.c.status == Status.indexed.value)).all(),
                    _all_mentions(c), top)
                log.info("entity index: %s", ei.stats())
            self._entities = ei
            return ei

    @staticmethod
    def _update_entity_index(c: Any, ei: EntityIndex, log_rows: Any) -> None:
        ids = list(dict.fromkeys(r.doc_id for r in log_rows if r.doc_id is not None))
        docs: list[Any] = []
        ms: list[Any] = []
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            docs += c.execute(select(*_ENTITY_DOC_COLS).where(
                documents.c.id.in_(part), documents.c.status == Status.indexed.value)).all()
            ms += c.execute(select(mentions.c.doc_id, mentions.c.label, mentions.c.norm,
                                   mentions.c.text).where(mentions.c.doc_id.in_(part))
                            .order_by(mentions.c.doc_id)).all()
        seq = log_rows[-1].seq
        ei.apply(ids, [tuple(d) for d in docs], [tuple(m) for m in ms], seq)
        if any(r.doc_id is None for r in log_rows):  # the themes were rebuilt
            ei.set_themes(dict(c.execute(select(documents.c.id, documents.c.theme_id).where(
                documents.c.status == Status.indexed.value)).all()), seq)

    def sources(self) -> list[str]:
        with self.engine.connect() as c:
            return [r[0] for r in c.execute(select(documents.c.source))]

    def failed_sources(self) -> list[str]:
        bad = [Status.failed.value, Status.needs_ocr.value]
        with self.engine.connect() as c:
            return [r[0] for r in c.execute(select(documents.c.source)
                                            .where(documents.c.status.in_(bad)))]

    def get_document(self, doc_id: str) -> Document:
        with self.engine.connect() as c:
            row = c.execute(select(documents).where(documents.c.id == doc_id)).first()
            if row is None:
                raise NotFound(
                    f"no document {doc_id!r}; list them with `riskatlas query documents`"
                )
            ms = c.execute(select(mentions).where(mentions.c.doc_id == doc_id)
                           .order_by(mentions.c.idx)).all()
            cs = c.execute(select(claims).where(claims.c.doc_id == doc_id)
                           .order_by(claims.c.start)).all()
        from extractors.analyze import count_entities

        doc = _row_doc(row)
        doc.entities = [_row_mention(m) for m in ms]
        doc.entity_counts = count_entities(doc.entities)
        doc.claims = [_row_claim(k) for k in cs]
        return doc

    def iter_documents(self, batch: int = 200, status: str | None = "indexed"
                       ) -> Iterator[Document]:
        """Every document with its mentions and claims, streamed in id order: ``batch``
        documents at a time, read in three queries (memory stays flat)."""
        from extractors.analyze import count_entities

        last = ""
        while True:
            q = select(documents).where(documents.c.id > last)
            if status:
                q = q.where(documents.c.status == status)
            ms: dict[str, list[Mention]] = {}
            cs: dict[str, list[RiskClaim]] = {}
            with self.engine.connect() as c:
                rows = c.execute(q.order_by(documents.c.id).limit(batch)).all()
                ids = [r.id for r in rows]
                if not ids:
                    return
                for m in c.execute(select(mentions).where(mentions.c.doc_id.in_(ids))
                                   .order_by(mentions.c.doc_id, mentions.c.idx)):
                    ms.setdefault(m.doc_id, []).append(_row_mention(m))
                for k in c.execute(select(claims).where(claims.c.doc_id.in_(ids))
                                   .order_by(claims.c.doc_id, claims.c.start, claims.c.id)):
                    cs.setdefault(k.doc_id, []).append(_row_claim(k))
            for r in rows:
                doc = _row_doc(r)
                doc.entities = ms.get(r.id, [])
                doc.entity_counts = count_entities(doc.entities)
                doc.claims = cs.get(r.id, [])
                yield doc
            last = ids[-1]

    def entity_labels(self) -> dict[str, str]:
        """norm -> label for every entity in the index."""
        with self.engine.connect() as c:
            return {r[1]: r[0] for r in c.execute(
                select(mentions.c.label, mentions.c.norm).distinct())}

    def list_documents(self, status: str | None = None, doc_type: str | None = None,
                       theme: int | None = None, limit: int = 100, offset: int = 0
                       ) -> list[Document]:
        cols = [c for c in documents.c if c.name not in ("text", "minhash", "vector")]
        q = select(*cols).order_by(documents.c.source).limit(limit).offset(offset)
        if status:
            q = q.where(documents.c.status == status)
        if doc_type:
            q = q.where(documents.c.doc_type == doc_type)
        if theme is not None:
            q = q.where(documents.c.theme_id == theme)
        with self.engine.connect() as c:
            return [_row_doc(r) for r in c.execute(q)]

    # -- aggregates and queries ------------------------------------------
    def counts(self) -> dict[str, Any]:
        with self.engine.connect() as c:
            by_status: dict[str, int] = dict(c.execute(select(documents.c.status, func.count())
                                       .group_by(documents.c.status)).all())
            by_type: dict[str, int] = dict(c.execute(
                select(documents.c.doc_type, func.count())
                .where(documents.c.status == Status.indexed.value)
                .group_by(documents.c.doc_type)).all())
            by_cat: dict[str, int] = dict(c.execute(select(claims.c.category, func.count())
                                    .group_by(claims.c.category)).all())
            by_label: dict[str, int] = dict(c.execute(select(mentions.c.label, func.count())
                                      .group_by(mentions.c.label)).all())
        return {"documents_by_status": by_status, "documents_by_type": by_type,
                "mentions_by_label": by_label, "claims_by_category": by_cat}

    def entities(self, label: str | None = None, norm: str | None = None,
                 nation: str | None = None, doc_type: str | None = None,
                 limit: int = 50) -> list[Entity]:
        """Entities aggregated by (label, norm) over indexed documents, most mentioned
        first (the first page of ``page_entities``)."""
        return self.page_entities(label=label, norm=norm, nation=nation, doc_type=doc_type,
                                  limit=limit)[0]

    def claims(self, category: str | None = None, modality: str | None = None,
               norm: str | None = None, label: str | None = None,
               limit: int = 100) -> list[tuple[str, str, RiskClaim]]:
        """(doc id, source, claim) for claims in indexed documents, most confident first;
        with ``norm``, those whose span holds a mention of it (as ``label`` if given).
        The query of ``page_claims``."""
        rows = self._claim_rows([(label, norm)] if norm else [], category=category,
                                modality=modality, doc_conds=self._doc_conds(), limit=limit)
        return [(r.doc_id, r.source, _row_claim(r)) for r in rows]

    def mention_rows(self, doc_ids: Iterable[str]) -> list[Mention]:
        with self.engine.connect() as c:
            return [_row_mention(r) for r in c.execute(
                select(mentions).where(mentions.c.doc_id.in_(list(doc_ids))))]

    # -- embeddings and themes --------------------------------------------
    def cached_vectors(self, keys: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self.engine.connect() as c:
            for i in range(0, len(keys), 500):
                for k, v in c.execute(select(embeddings).where(
                        embeddings.c.key.in_(keys[i:i + 500]))):
                    out[k] = np.frombuffer(v, dtype=np.float32)
        return out

    def save_vectors(self, vecs: dict[str, np.ndarray]) -> None:
        if not vecs:
            return
        with self.engine.begin() as c:
            have = {r[0] for r in c.execute(select(embeddings.c.key)
                                             .where(embeddings.c.key.in_(list(vecs))))}
            rows = [{"key": k, "vector": np.asarray(v, np.float32).tobytes()}
                    for k, v in vecs.items() if k not in have]
            if rows:  # another worker may have cached the same text meanwhile
                c.execute(_insert_ignore(c, embeddings), rows)

    def document_vectors(self) -> tuple[list[str], np.ndarray, list[str]]:
        """(ids, vectors (n, d), texts) of indexed canonical documents with vectors."""
        with self.engine.connect() as c:
            rows = c.execute(select(documents.c.id, documents.c.vector, documents.c.text)
                             .where(and_(documents.c.status == Status.indexed.value,
                                         documents.c.vector.is_not(None)))
                             .order_by(documents.c.id)).all()
        if not rows:
            return [], np.zeros((0, 0), np.float32), []
        return ([r[0] for r in rows], np.stack([_vec(r[1]) for r in rows]),  # type: ignore[misc]
                [r[2] for r in rows])

    def replace_themes(self, found: list[Theme], assignment: dict[str, int | None],
                       centroids: dict[int, np.ndarray]) -> None:
        with self.engine.begin() as c:
            c.execute(delete(themes))
            if found:
                c.execute(insert(themes), [
                    dict(id=t.id, name=t.name, keywords=t.keywords, size=t.size,
                         parent_id=t.parent_id, level=t.level,
                         representative_docs=t.representative_docs,
                         centroid=centroids[t.id].astype(np.float32).tobytes()
                         if t.id in centroids else None)
                    for t in found
                ])
            c.execute(update(documents).values(theme_id=None))
            for doc_id, tid in assignment.items():
                c.execute(update(documents).where(documents.c.id == doc_id)
                          .values(theme_id=tid))
            self._log_changes(c, [None])

    def themes(self) -> list[Theme]:
        with self.engine.connect() as c:
            rows = c.execute(select(themes).order_by(themes.c.level, themes.c.size.desc())).all()
        return [Theme(id=r.id, name=r.name, keywords=r.keywords, size=r.size,
                      parent_id=r.parent_id, level=r.level,
                      representative_docs=r.representative_docs) for r in rows]

    def theme_centroids(self) -> dict[int, np.ndarray]:
        with self.engine.connect() as c:
            return {r.id: _vec(r.centroid) for r in c.execute(  # type: ignore[misc]
                select(themes.c.id, themes.c.centroid).where(themes.c.level == 1))
                if r.centroid is not None}

    # -- runs -------------------------------------------------------------
    def save_run(self, report: RunReport) -> None:
        with self.engine.begin() as c:
            c.execute(delete(runs).where(runs.c.id == report.id))
            c.execute(insert(runs).values(id=report.id, started_at=report.started_at,
                                          report=json.loads(report.model_dump_json())))

    def runs(self, limit: int = 20) -> list[RunReport]:
        with self.engine.connect() as c:
            rows = c.execute(select(runs.c.report).order_by(runs.c.started_at.desc())
                             .limit(limit)).all()
        return [RunReport.model_validate(r[0]) for r in rows]

    # == API queries, search and tokens (issue 7) ===========================
    # Keyset pages: each ``page_*`` returns (items, key of the last item) where
    # the key is None on the last page; pass it back as ``after``. Orders are
    # total (ties broken by a unique column), so pages never skip or repeat.

    def _doc_conds(self, doc_type: str | None = None, theme: int | None = None,
                   source: str | None = None, document_id: str | None = None,
                   published_from: date | None = None, published_to: date | None = None,
                   status: str | None = Status.indexed.value) -> list[Any]:
        """Conditions on ``documents``; ``source`` is a prefix (a file, folder or URL),
        case-sensitive on both backends (on SQLite a range of the source index)."""
        conds: list[Any] = []
        if status:
            conds.append(documents.c.status == status)
        if doc_type:
            conds.append(documents.c.doc_type == doc_type)
        if theme is not None:
            conds.append(documents.c.theme_id == theme)
        if source and self.dialect == "sqlite" and source[-1] < chr(0x10FFFF):
            conds += [documents.c.source >= source,
                      documents.c.source < source[:-1] + chr(ord(source[-1]) + 1)]
        elif source:
            conds.append(documents.c.source.startswith(source, autoescape=True))
        if document_id:
            conds.append(documents.c.id == document_id)
        if published_from:
            conds.append(documents.c.published >= published_from)
        if published_to:
            conds.append(documents.c.published <= published_to)
        return conds

    @staticmethod
    def _summary(r: Any) -> DocumentSummary:
        return DocumentSummary(**{k: v for k, v in r._mapping.items()
                                  if k in DocumentSummary.model_fields and v is not None})

    def page_documents(self, *, status: str | None = None, doc_type: str | None = None,
                       theme: int | None = None, source: str | None = None,
                       published_from: date | None = None, published_to: date | None = None,
                       after: str | None = None, limit: int = 50
                       ) -> tuple[list[DocumentSummary], str | None]:
        """Documents of any status (or ``status``) ordered by source; key: the source."""
        q = (select(*[documents.c[n] for n in DocumentSummary.model_fields])
             .where(*self._doc_conds(doc_type, theme, source, None, published_from,
                                     published_to, status))
             .order_by(documents.c.source).limit(limit + 1))
        if after is not None:
            q = q.where(documents.c.source > after)
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [self._summary(r) for r in rows[:limit]]
        return items, (items[-1].source if len(rows) > limit else None)

    def update_document_metadata(self, doc_id: str, fields: dict[str, Any]) -> DocumentSummary:
        """Set title, published, publisher, author or doc_type of a document."""
        allowed = {"title", "published", "publisher", "author", "doc_type"}
        values = {k: (str(v) if k == "doc_type" else v) for k, v in fields.items()
                  if k in allowed}
        with self.engine.begin() as c:
            if values:
                values["updated_at"] = datetime.now(UTC)
                c.execute(update(documents).where(documents.c.id == doc_id).values(**values))
                self._log_changes(c, [doc_id])
            row = c.execute(select(*[documents.c[n] for n in DocumentSummary.model_fields])
                            .where(documents.c.id == doc_id)).first()
        if row is None:
            raise NotFound(f"no document {doc_id!r}; list them with GET /documents")
        return self._summary(row)

    def page_entities(self, *, label: str | None = None, norm: str | None = None,
                      nation: str | None = None, doc_type: str | None = None,
                      theme: int | None = None, source: str | None = None,
                      document_id: str | None = None, published_from: date | None = None,
                      published_to: date | None = None,
                      after: tuple[int, str, str] | None = None, limit: int = 50
                      ) -> tuple[list[Entity], tuple[int, str, str] | None]:
        """Entities by (label, norm) over indexed documents, most mentioned first;
        key: (mentions, label, norm). Without document filters (nation included) they
        come from the entity summaries, with any from the in-memory entity index."""
        label = label.upper() if label else None
        filters: dict[str, Any] = dict(
            doc_type=doc_type or None, theme=theme, source=source or None,
            document_id=document_id or None, published_from=published_from,
            published_to=published_to, nation=nation.upper() if nation else None)
        if any(v is not None for v in filters.values()):
            rows = self._entity_index().entities(label=label, norm=norm or None, after=after,
                                                 limit=limit + 1, **filters)
        else:
            rows = self._summary_entities(label, norm or None, after, limit + 1)
        items = [Entity(label=Label(lab), norm=n, count=k, documents=d, surface_forms=f)
                 for lab, n, k, d, f in rows[:limit]]
        last = items[-1] if len(rows) > limit else None
        return items, ((last.count, last.label, last.norm) if last is not None else None)

    def _summary_entities(self, label: str | None, norm: str | None,
                          after: tuple[int, str, str] | None, limit: int
                          ) -> list[tuple[str, str, int, int, list[str]]]:
        """(label, norm, mentions, documents, top 5 surface forms) from the summaries."""
        es, ef = entity_stats.c, entity_forms.c
        q = (select(es.label, es.norm, es.mentions, es.documents)
             .order_by(es.mentions.desc(), es.label, es.norm).limit(limit))
        if label:
            q = q.where(es.label == label)
        if norm:
            q = q.where(es.norm == norm)
        if after is not None:
            c0, l0, n0 = after
            q = q.where(or_(es.mentions < c0, and_(es.mentions == c0, or_(
                es.label > l0, and_(es.label == l0, es.norm > n0)))))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
            forms: dict[tuple[str, str], list[str]] = {}
            keys = [(r.label, r.norm) for r in rows]
            for i in range(0, len(keys), 500):
                for r in c.execute(select(ef.label, ef.norm, ef.text)
                                   .where(tuple_(ef.label, ef.norm).in_(keys[i:i + 500]))
                                   .order_by(ef.mentions.desc(), ef.text)):
                    forms.setdefault((r[0], r[1]), []).append(r[2])
        return [(r.label, r.norm, r.mentions, r.documents, forms.get((r.label, r.norm), [])[:5])
                for r in rows]

    def page_mentions(self, *, label: str | None = None, norm: str | None = None,
                      doc_type: str | None = None, theme: int | None = None,
                      source: str | None = None, document_id: str | None = None,
                      published_from: date | None = None, published_to: date | None = None,
                      after: int | None = None, limit: int = 50
                      ) -> tuple[list[MentionRecord], int | None]:
        """Mentions in indexed documents with provenance, in store order; key: the id."""
        conds = self._doc_conds(doc_type, theme, source, document_id, published_from,
                                published_to)
        if label:
            conds.append(mentions.c.label == label.upper())
        if norm:
            conds.append(mentions.c.norm == norm)
        if after is not None:
            conds.append(mentions.c.id > after)
        m = mentions.c
        q = (select(mentions, documents.c.source, *_quote_and_context(m.start, m.end))
             .select_from(mentions.join(documents, documents.c.id == m.doc_id))
             .where(*conds).order_by(m.id).limit(limit + 1))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [MentionRecord(id=r.id, document_id=r.doc_id, source=r.source,
                               quote=r.quote or "", context=r.context or "",
                               **_row_mention(r).model_dump()) for r in rows[:limit]]
        return items, (items[-1].id if len(rows) > limit else None)

    def page_claims(self, *, category: str | None = None, modality: str | None = None,
                    nation: str | None = None, supplier: str | None = None,
                    material: str | None = None, alliance: str | None = None,
                    min_confidence: float | None = None, doc_type: str | None = None,
                    theme: int | None = None, source: str | None = None,
                    document_id: str | None = None, published_from: date | None = None,
                    published_to: date | None = None,
                    after: tuple[float, int] | None = None, limit: int = 50
                    ) -> tuple[list[ClaimRecord], tuple[float, int] | None]:
        """Claims in indexed documents, most confident first, with provenance; a nation,
        supplier, material or alliance filter keeps claims whose span holds a mention
        of it. Key: (confidence, id)."""
        about: list[tuple[str | None, str]] = [(lab, value) for lab, value in (
            ("NATION", nation and nation.upper()), ("SUPPLIER", supplier),
            ("MATERIAL", material and material.lower()),
            ("ALLIANCE", alliance and alliance.upper())) if value]
        rows = self._claim_rows(
            about, category=category, modality=modality, min_confidence=min_confidence,
            doc_conds=self._doc_conds(doc_type, theme, source, document_id, published_from,
                                      published_to), after=after, limit=limit + 1)
        items = [ClaimRecord(id=r.id, document_id=r.doc_id, source=r.source, title=r.title,
                             published=r.published, quote=r.quote or "",
                             **_row_claim(r).model_dump()) for r in rows[:limit]]
        last = items[-1] if len(rows) > limit else None
        return items, ((last.confidence, last.id) if last is not None else None)

    def _claim_rows(self, about: list[tuple[str | None, str]], *, category: str | None = None,
                    modality: str | None = None, min_confidence: float | None = None,
                    doc_conds: list[Any], after: tuple[float, int] | None = None,
                    limit: int = 50) -> list[Any]:
        """Claims (their columns, and the document's source, title, published and the
        quote) most confident first, then by id, after the key ``after``; only those
        whose span holds a mention of each (label, norm) of ``about`` (label None: any)
        and whose document meets ``doc_conds``.

        The ids come first, by one of three plans that read few rows whatever the
        filters: through the matching documents when there are few of them
        (FEW_DOCUMENTS); else down the claims of the rarest entity asked about, most
        confident first (claim_entities' order index); else down all claims (or those
        of the category) most confident first, each checked, until ``limit`` pass."""
        k = claims.c

        def claim_conds(indexed: bool) -> list[Any]:
            """Conditions on the claim; ``indexed=False`` writes them so that no index of
            claims can serve them (SQLite would otherwise read every claim of the
            category rather than the few of the matching documents)."""
            cat, conf = (k.category, k.confidence) if indexed else \
                (k.category.concat(""), k.confidence + 0)
            return [*([cat == category] if category else []),
                    *([k.modality == modality] if modality else []),
                    *([conf >= min_confidence] if min_confidence is not None else [])]

        def inside(lab: str | None, value: str) -> Any:
            e = claim_entities.alias()
            return select(e.c.claim_id).where(
                e.c.claim_id == k.id, e.c.norm == value,
                *([e.c.label == lab] if lab else [])).exists()

        def keyset(conf: Any, ident: Any) -> list[Any]:
            if after is None:
                return []
            c0, i0 = after
            return [conf <= c0, or_(conf < c0, and_(conf == c0, ident > i0))]

        with self.engine.connect() as c:
            labelled = [(lab, v) for lab, v in about if lab]
            if len(doc_conds) > 1 and self._few_documents(c, doc_conds):
                q = (select(k.id).select_from(documents.join(claims, k.doc_id == documents.c.id))
                     .where(*doc_conds, *claim_conds(False), *(inside(*a) for a in about),
                            *keyset(k.confidence + 0, k.id))
                     .order_by((k.confidence + 0).desc(), k.id))  # "+ 0": no index order
            elif labelled:
                drive = min(labelled, key=lambda a: c.execute(
                    select(entity_stats.c.mentions).where(entity_stats.c.label == a[0],
                                                          entity_stats.c.norm == a[1])
                ).scalar() or 0)
                ce = claim_entities.c
                in_docs = select(documents.c.id).where(documents.c.id == k.doc_id,
                                                       *doc_conds).exists()
                q = (select(ce.claim_id).select_from(claim_entities.join(claims,
                                                                          k.id == ce.claim_id))
                     .where(ce.label == drive[0], ce.norm == drive[1], *claim_conds(True),
                            in_docs,
                            *(inside(*a) for a in about if a != drive),
                            *keyset(ce.confidence, ce.claim_id))
                     .order_by(ce.confidence.desc(), ce.claim_id))
            else:
                in_docs = select(documents.c.id).where(documents.c.id == k.doc_id,
                                                       *doc_conds).exists()
                q = (select(k.id).where(*claim_conds(True), in_docs,
                                        *(inside(*a) for a in about),
                                        *keyset(k.confidence, k.id))
                     .order_by(k.confidence.desc(), k.id))
            ids = [r[0] for r in c.execute(q.limit(limit))]
            if not ids:
                return []
            rows = {r.id: r for r in c.execute(
                select(claims, documents.c.source, documents.c.title, documents.c.published,
                       func.substr(documents.c.text, k.start + 1, k.end - k.start)
                       .label("quote"))
                .select_from(claims.join(documents, documents.c.id == k.doc_id))
                .where(k.id.in_(ids)))}
        return [rows[i] for i in ids if i in rows]

    @staticmethod
    def _few_documents(c: Any, doc_conds: list[Any]) -> bool:
        """Whether fewer than FEW_DOCUMENTS documents meet the conditions (counted up to
        that, so it costs little either way)."""
        some = select(documents.c.id).where(*doc_conds).limit(FEW_DOCUMENTS).subquery()
        return (c.execute(select(func.count()).select_from(some)).scalar() or 0) < FEW_DOCUMENTS

    def page_themes(self, *, level: int | None = None, parent_id: int | None = None,
                    after: tuple[int, int] | None = None, limit: int = 50
                    ) -> tuple[list[Theme], tuple[int, int] | None]:
        """Themes by level then id; key: (level, id)."""
        q = select(themes).order_by(themes.c.level, themes.c.id).limit(limit + 1)
        if level is not None:
            q = q.where(themes.c.level == level)
        if parent_id is not None:
            q = q.where(themes.c.parent_id == parent_id)
        if after is not None:
            q = q.where(or_(themes.c.level > after[0],
                            and_(themes.c.level == after[0], themes.c.id > after[1])))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [_row_theme(r) for r in rows[:limit]]
        return items, ((items[-1].level, items[-1].id) if len(rows) > limit else None)

    def get_theme(self, theme_id: int) -> Theme:
        with self.engine.connect() as c:
            row = c.execute(select(themes).where(themes.c.id == theme_id)).first()
        if row is None:
            raise NotFound(f"no theme {theme_id}; list them with GET /themes")
        return _row_theme(row)

    def facets(self) -> Facets:
        """Counts by status (all documents) and by type, theme, year, label, category
        and modality (indexed documents)."""
        ok = documents.c.status == Status.indexed.value
        year = extract("year", documents.c.published)

        def grouped(c: Any, col: Any, frm: Any, *where: Any) -> dict[str, int]:
            q = select(col, func.count()).select_from(frm).where(*where).group_by(col)
            return {str(k): int(v) for k, v in c.execute(q) if k is not None}

        mj = mentions.join(documents, documents.c.id == mentions.c.doc_id)
        cj = claims.join(documents, documents.c.id == claims.c.doc_id)
        with self.engine.connect() as c:
            return Facets(
                documents_by_status=grouped(c, documents.c.status, documents),
                documents_by_type=grouped(c, documents.c.doc_type, documents, ok),
                documents_by_theme=grouped(c, documents.c.theme_id, documents, ok),
                documents_by_year=grouped(c, year, documents, ok),
                mentions_by_label=grouped(c, mentions.c.label, mj, ok),
                claims_by_category=grouped(c, claims.c.category, cj, ok),
                claims_by_modality=grouped(c, claims.c.modality, cj, ok),
            )

    def page_runs(self, *, after: tuple[str, str] | None = None, limit: int = 20
                  ) -> tuple[list[RunReport], tuple[str, str] | None]:
        """Run reports, newest first; key: (started_at as ISO 8601, id)."""
        q = (select(runs.c.id, runs.c.started_at, runs.c.report)
             .order_by(runs.c.started_at.desc(), runs.c.id).limit(limit + 1))
        if after is not None:
            try:
                s0 = datetime.fromisoformat(after[0])
            except ValueError as exc:
                raise InvalidQuery(f"bad cursor time {after[0]!r}") from exc
            q = q.where(or_(runs.c.started_at < s0,
                            and_(runs.c.started_at == s0, runs.c.id > after[1])))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [RunReport.model_validate(r.report) for r in rows[:limit]]
        last = rows[limit - 1] if len(rows) > limit else None
        return items, ((last.started_at.isoformat(), last.id) if last is not None else None)

    # -- search -----------------------------------------------------------------
    def keyword_search(self, terms: list[str], limit: int, snippets: bool = True
                       ) -> list[tuple[str, float, str]]:
        """(id, score (higher is better), snippet) of indexed documents holding every
        term, best first, ties by id: bm25 over FTS5 (title weighted 2) on SQLite,
        ts_rank on PostgreSQL. ``snippets=False`` leaves the snippets empty (see
        ``keyword_snippets``: they cost a pass over each document's text)."""
        if not terms:
            return []
        if self.dialect == "sqlite":
            ranked = self._fts_ranked(_fts_match(terms), limit)
        else:
            vec, tsq = _pg_tsvector(), func.plainto_tsquery("english", " ".join(terms))
            rank = func.ts_rank(vec, tsq)
            q = (select(documents.c.id, rank.label("rank"))
                 .where(vec.bool_op("@@")(tsq), documents.c.status == Status.indexed.value)
                 .order_by(rank.desc(), documents.c.id).limit(limit))
            with self.engine.connect() as c:
                ranked = [(r[0], float(r[1])) for r in c.execute(q)]
        snips = self.keyword_snippets(terms, [d for d, _ in ranked]) if snippets else {}
        return [(d, score, snips.get(d, "")) for d, score in ranked]

    def _fts_ranked(self, match: str, limit: int) -> list[tuple[str, float]]:
        """The best ``limit`` indexed documents for an FTS5 query, as (id, -bm25), by
        score then id. bm25 comes from the FTS index alone, best first, and only those
        rows are looked up in documents: more are read while too few of them are
        indexed, or while the last read ties the cut."""
        rank_sql = text("SELECT rowid, bm25(documents_fts, 2.0, 1.0) AS r FROM documents_fts "
                        "WHERE documents_fts MATCH :q ORDER BY r LIMIT :n")
        n = limit + 16
        with self.engine.connect() as c:
            while True:
                hits = c.execute(rank_sql, {"q": match, "n": n}).all()
                info: dict[int, tuple[str, str]] = {}
                rowids = [h[0] for h in hits]
                for i in range(0, len(rowids), 500):
                    info.update({r[0]: (r[1], r[2]) for r in c.execute(
                        select(text("rowid"), documents.c.id, documents.c.status)
                        .select_from(documents)
                        .where(text("rowid IN :ids").bindparams(
                            bindparam("ids", rowids[i:i + 500], expanding=True))))})
                kept = sorted((float(h[1]), info[h[0]][0]) for h in hits
                              if h[0] in info and info[h[0]][1] == Status.indexed.value)
                if len(hits) < n or (len(kept) >= limit
                                     and float(hits[-1][1]) > kept[limit - 1][0]):
                    return [(d, -r) for r, d in kept[:limit]]
                n *= 4

    def keyword_snippets(self, terms: list[str], ids: list[str]) -> dict[str, str]:
        """id -> snippet of these documents around the terms ([term] marked, about 24
        words): FTS5 snippet on SQLite, ts_headline on PostgreSQL."""
        if not terms or not ids:
            return {}
        with self.engine.connect() as c:
            if self.dialect == "sqlite":
                rowids = {r[0]: r[1] for r in c.execute(
                    select(text("rowid"), documents.c.id).select_from(documents)
                    .where(documents.c.id.in_(ids)))}
                q = text("SELECT rowid, snippet(documents_fts, -1, '[', ']', '…', 24) "
                         "FROM documents_fts WHERE documents_fts MATCH :q AND rowid IN :r"
                         ).bindparams(bindparam("r", list(rowids), expanding=True))
                return {rowids[r[0]]: r[1] or "" for r in c.execute(q, {"q": _fts_match(terms)})}
            tsq = func.plainto_tsquery("english", " ".join(terms))
            q2 = select(documents.c.id, func.ts_headline(
                "english", documents.c.text, tsq,
                "StartSel=[, StopSel=], MaxWords=24, MinWords=8")).where(documents.c.id.in_(ids))
            return {r[0]: r[1] or "" for r in c.execute(q2)}

    def vector_state(self) -> tuple[Any, ...]:
        """A cheap fingerprint that changes when documents are written or removed: the
        last position of the change log and the number of documents."""
        with self.engine.connect() as c:
            return (c.execute(select(func.max(changes.c.seq))).scalar(),
                    c.execute(select(func.count()).select_from(documents)).scalar())

    def vector_matrix(self) -> tuple[list[str], np.ndarray]:
        """(ids, vectors (n, d)) of indexed documents with vectors, ordered by id."""
        with self.engine.connect() as c:
            rows = c.execute(select(documents.c.id, documents.c.vector)
                             .where(documents.c.status == Status.indexed.value,
                                    documents.c.vector.is_not(None))
                             .order_by(documents.c.id)).all()
        if not rows:
            return [], np.zeros((0, 0), np.float32)
        return [r[0] for r in rows], np.stack([np.frombuffer(r[1], np.float32) for r in rows])

    def search_documents(self, ids: list[str]) -> dict[str, tuple[DocumentSummary, str]]:
        """Summary and the first 240 characters of the text of each document in ``ids``."""
        if not ids:
            return {}
        cols = [documents.c[n] for n in DocumentSummary.model_fields]
        q = select(*cols, func.substr(documents.c.text, 1, 240).label("lead")).where(
            documents.c.id.in_(ids))
        with self.engine.connect() as c:
            return {r.id: (self._summary(r), r.lead or "") for r in c.execute(q)}

    # -- API tokens (only their sha256 is stored) ------------------------------
    def add_token(self, token_hash: str, role: str, name: str | None = None) -> ApiToken:
        now = datetime.now(UTC)
        with self.engine.begin() as c:
            res = c.execute(insert(api_tokens).values(name=name, role=str(role),
                                                      token_hash=token_hash, created_at=now))
            tid = res.inserted_primary_key[0]  # type: ignore[index]
        return ApiToken(id=tid, name=name, role=Role(role), created_at=now)

    def token_by_hash(self, token_hash: str) -> ApiToken | None:
        """The active (not revoked) token with this hash, if any."""
        with self.engine.connect() as c:
            row = c.execute(select(api_tokens).where(api_tokens.c.token_hash == token_hash,
                                                     api_tokens.c.revoked_at.is_(None))).first()
        return _row_token(row) if row is not None else None

    def list_tokens(self) -> list[ApiToken]:
        with self.engine.connect() as c:
            return [_row_token(r) for r in c.execute(select(api_tokens)
                                                     .order_by(api_tokens.c.id))]

    def revoke_token(self, token_id: int) -> ApiToken:
        with self.engine.begin() as c:
            c.execute(update(api_tokens).where(api_tokens.c.id == token_id,
                                               api_tokens.c.revoked_at.is_(None))
                      .values(revoked_at=datetime.now(UTC)))
            row = c.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound(f"no token {token_id}; list them with `riskatlas token list`")
        return _row_token(row)
    # == end of issue 7 block ==================================================

    # == editors' review (issue 8) ===============================================
    # Decisions are data: review_decisions is the audit log, review_items the latest
    # decision per item key, review_documents each document's review version. A
    # write carries the version the editor saw; a stale one raises ReviewConflict.
    # The merging of decisions with the current extraction is pipeline/review.py.

    def _document_in(self, c: Any, doc_id: str) -> Document:
        """A document with its mentions and claims, read on connection ``c``."""
        row = c.execute(select(documents).where(documents.c.id == doc_id)).first()
        if row is None:
            raise NotFound(f"no document {doc_id!r}; list them with GET /documents")
        doc = _row_doc(row)
        doc.entities = [_row_mention(m) for m in c.execute(
            select(mentions).where(mentions.c.doc_id == doc_id).order_by(mentions.c.idx))]
        doc.claims = [_row_claim(k) for k in c.execute(
            select(claims).where(claims.c.doc_id == doc_id).order_by(claims.c.start))]
        return doc

    @staticmethod
    def _review_rows(c: Any, doc_ids: list[str]) -> dict[str, list[Row]]:
        """The latest decision per item key of each document, by document id."""
        out: dict[str, list[Row]] = {d: [] for d in doc_ids}
        ri = review_items.c
        for i in range(0, len(doc_ids), 500):
            for r in c.execute(select(review_items).where(ri.doc_id.in_(doc_ids[i:i + 500]))
                               .order_by(ri.doc_id, ri.id)):
                fields = (("start", "end", "label", "norm") if r.target == "entity"
                          else ("start", "end", "category", "modality"))
                out[r.doc_id].append(Row(
                    target=r.target, key_start=r.key_start, key_end=r.key_end,
                    key_label=r.key_label, status=r.status,
                    values={f: getattr(r, f) for f in fields}, model=r.model,
                    decision_id=r.decision_id, editor=r.editor, decided_at=_utc(r.updated_at)))
        return out

    @staticmethod
    def _state(doc: Document, rows: list[Row], rd: Any) -> ReviewState:
        items = merge(doc, rows)
        pending = sum(i.status == "pending" for i in items)
        flagged = sum(i.flagged for i in items)
        status = ReviewStatus(rd.status) if rd is not None else ReviewStatus.new
        if status == ReviewStatus.reviewed and (pending or flagged):
            status = ReviewStatus.in_review  # re-extraction found new or changed items
        return ReviewState(
            document_id=doc.id, version=rd.version if rd is not None else 0, status=status,
            extractor_version=doc.extractor_version,
            updated_by=rd.editor if rd is not None else None,
            updated_at=_utc(rd.updated_at) if rd is not None else None,
            pending=pending, flagged=flagged, items=items)

    def review_state(self, doc_id: str) -> ReviewState:
        """A document's review: version, status and its items with decisions applied."""
        with self.engine.connect() as c:
            doc = self._document_in(c, doc_id)
            rows = self._review_rows(c, [doc_id])[doc_id]
            rd = c.execute(select(review_documents)
                           .where(review_documents.c.doc_id == doc_id)).first()
        return self._state(doc, rows, rd)

    def record_decisions(self, doc_id: str, version: int, decisions: list[DecisionInput],
                         editor: str) -> ReviewState:
        """Apply decisions to one document in one transaction and log each one.

        ``version`` is the review version the editor saw; if it is not the current
        one, nothing is written and ReviewConflict says who changed it. A bad
        decision raises InvalidDecision and nothing is written either."""
        now = datetime.now(UTC)
        if self.find_by_id(doc_id) is None:
            raise NotFound(f"no document {doc_id!r}; list them with GET /documents")
        try:
            with self.engine.begin() as c:
                # Compare-and-set the version first: the write lock is taken before any
                # read, so a concurrent writer waits and then finds the version moved.
                rd_t = review_documents.c
                new_version = version + 1
                if version == 0:  # a second first write fails on the primary key
                    c.execute(insert(review_documents).values(
                        doc_id=doc_id, version=0, status=ReviewStatus.new.value,
                        editor=editor, updated_at=now))
                done = c.execute(update(review_documents)
                                 .where(rd_t.doc_id == doc_id, rd_t.version == version)
                                 .values(version=new_version, editor=editor, updated_at=now))
                if done.rowcount != 1:
                    rd = c.execute(select(review_documents).where(rd_t.doc_id == doc_id)).first()
                    raise ReviewConflict(_conflict_message(doc_id, rd, version))
                rd = c.execute(select(review_documents).where(rd_t.doc_id == doc_id)).one()
                doc = self._document_in(c, doc_id)
                status = ReviewStatus(rd.status)
                ids = {(r.target, r.key_start, r.key_end, r.key_label): r.id
                       for r in c.execute(select(review_items.c.id, review_items.c.target,
                                                 review_items.c.key_start,
                                                 review_items.c.key_end,
                                                 review_items.c.key_label)
                                          .where(review_items.c.doc_id == doc_id))}
                rows = {k: r for k, r in ((r.key, r) for r in
                                          self._review_rows(c, [doc_id])[doc_id])}
                roles = {(k.start, k.end): k.roles.model_dump() for k in doc.claims}
                model_now = model_items(doc)
                spans = by_span(model_now)
                items_by_key = {(str(i.target), i.key_start, i.key_end, i.key_label or ""): i
                                for i in merge(doc, list(rows.values()), model_now)}
                for inp in decisions:
                    base = dict(doc_id=doc_id, target=str(inp.target), action=str(inp.action),
                                editor=editor, created_at=now,
                                model_version=doc.extractor_version,
                                review_version=new_version)
                    if inp.target == "document" and inp.action == "reviewed":
                        items = merge(doc, list(rows.values()), model_now)
                        left = sum(i.status == "pending" for i in items)
                        if left:
                            raise InvalidDecision(
                                f"{left} items of document {doc_id[:12]} are still pending; "
                                "accept or reject them first (or accept all remaining)")
                        c.execute(insert(review_decisions).values(
                            **base, before={"status": str(status)},
                            after={"status": "reviewed"}))
                        status = ReviewStatus.reviewed
                        continue
                    key, before, after, item_status, model = decide(doc, items_by_key, inp)
                    res = c.execute(insert(review_decisions).values(
                        **base, start=key[1], end=key[2], label=key[3] or None,
                        before=before, after=after))
                    did = res.inserted_primary_key[0]  # type: ignore[index]
                    values = after if after is not None else before
                    assert values is not None
                    page = page_of(doc, values["start"])
                    row = dict(status=item_status, start=values["start"], end=values["end"],
                               label=values.get("label"), norm=values.get("norm"),
                               category=values.get("category"),
                               modality=values.get("modality"), page=page,
                               roles=roles.get((values["start"], values["end"]))
                               if key[0] == "claim" and item_status == "accepted" else None,
                               model=model, decision_id=did, editor=editor, updated_at=now)
                    if key in ids:
                        c.execute(update(review_items).where(review_items.c.id == ids[key])
                                  .values(**row))
                    else:
                        res = c.execute(insert(review_items).values(
                            doc_id=doc_id, target=key[0], key_start=key[1], key_end=key[2],
                            key_label=key[3], **row))
                        ids[key] = res.inserted_primary_key[0]  # type: ignore[index]
                    rows[key] = Row(target=key[0], key_start=key[1], key_end=key[2],
                                    key_label=key[3], status=item_status, values=values,
                                    model=model, decision_id=did, editor=editor,
                                    decided_at=now)
                    items_by_key[key] = row_item(doc, rows[key], model_now, spans)
                    status = ReviewStatus.in_review
                c.execute(update(review_documents).where(rd_t.doc_id == doc_id)
                          .values(status=str(status)))
        except IntegrityError as exc:  # another first write of this document came first
            with self.engine.connect() as c:
                rd = c.execute(select(review_documents)
                               .where(review_documents.c.doc_id == doc_id)).first()
            raise ReviewConflict(_conflict_message(doc_id, rd, version)) from exc
        return self.review_state(doc_id)

    def page_decisions(self, *, document_id: str | None = None, editor: str | None = None,
                       after: int | None = None, limit: int = 50
                       ) -> tuple[list[ReviewDecision], int | None]:
        """The audit log, newest first; key: the decision id."""
        d = review_decisions.c
        q = select(review_decisions).order_by(d.id.desc()).limit(limit + 1)
        if document_id:
            q = q.where(d.doc_id == document_id)
        if editor:
            q = q.where(d.editor == editor)
        if after is not None:
            q = q.where(d.id < after)
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [ReviewDecision(
            id=r.id, document_id=r.doc_id, target=r.target, action=r.action, start=r.start,
            end=r.end, label=r.label, before=r.before, after=r.after, editor=r.editor,
            created_at=_utc(r.created_at), model_version=r.model_version,
            review_version=r.review_version) for r in rows[:limit]]
        return items, (items[-1].id if len(rows) > limit else None)

    def _reviewed_ids(self, c: Any) -> list[str]:
        """Indexed documents that have decisions."""
        q = (select(review_documents.c.doc_id)
             .select_from(review_documents.join(documents,
                                                documents.c.id == review_documents.c.doc_id))
             .where(documents.c.status == Status.indexed.value)
             .order_by(review_documents.c.doc_id))
        return [r[0] for r in c.execute(q)]

    def disagreements(self, doc_id: str | None = None) -> list[tuple[str, Any]]:
        """(document id, ReviewItem) of every flagged item: where the model's output
        changed since an editor's decision and now disagrees with it."""
        out: list[tuple[str, Any]] = []
        with self.engine.connect() as c:
            ids = [doc_id] if doc_id else self._reviewed_ids(c)
        for d in ids:
            out.extend((d, i) for i in self.review_state(d).items if i.flagged)
        return out

    def review_queue(self, *, status: str | None = None, theme: int | None = None,
                     doc_type: str | None = None, source: str | None = None,
                     label: str | None = None, category: str | None = None,
                     after: tuple[float, str] | None = None, limit: int = 50
                     ) -> tuple[list[QueueItem], tuple[float, str] | None]:
        """Indexed documents by need of review, most first (see QueueItem.need); a
        label or category keeps documents with such a mention or claim.
        Key: (need, id)."""
        conds = self._doc_conds(doc_type, theme, source)
        if label:
            conds.append(documents.c.id.in_(select(mentions.c.doc_id)
                                            .where(mentions.c.label == label.upper())))
        if category:
            conds.append(documents.c.id.in_(select(claims.c.doc_id)
                                            .where(claims.c.category == category)))

        def agg(t: Table, p: str) -> Any:
            return (select(t.c.doc_id, func.count().label(f"{p}_n"),
                           func.min(t.c.confidence).label(f"{p}_min"),
                           func.sum(1.0 - t.c.confidence).label(f"{p}_unc"))
                    .group_by(t.c.doc_id).subquery())

        m, k = agg(mentions, "m"), agg(claims, "c")
        cols = [documents.c[n] for n in DocumentSummary.model_fields]
        q = (select(*cols, m.c.m_n, m.c.m_min, m.c.m_unc, k.c.c_n, k.c.c_min, k.c.c_unc,
                    review_documents.c.version.label("r_version"),
                    review_documents.c.status.label("r_status"),
                    review_documents.c.editor.label("r_editor"),
                    review_documents.c.updated_at.label("r_at"))
             .select_from(documents.outerjoin(m, m.c.doc_id == documents.c.id)
                          .outerjoin(k, k.c.doc_id == documents.c.id)
                          .outerjoin(review_documents,
                                     review_documents.c.doc_id == documents.c.id))
             .where(*conds))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
            reviewed = [r.id for r in rows if r.r_version is not None]
            review_rows = self._review_rows(c, reviewed)
            docs = {d: self._document_in(c, d) for d in reviewed}
        out: list[QueueItem] = []
        for r in rows:
            n_m, n_c = int(r.m_n or 0), int(r.c_n or 0)
            mins = [x for x in (r.m_min, r.c_min) if x is not None]
            base = dict(self._summary(r).model_dump(), entities=n_m, claims=n_c,
                        min_confidence=round(float(min(mins)), 4) if mins else None)
            if r.r_version is None:
                need = n_c + float(r.m_unc or 0) + float(r.c_unc or 0)
                item = QueueItem(**base, pending=n_m + n_c, need=round(need, 4))
            else:
                st = self._state(docs[r.id], review_rows[r.id], _Rd(r))
                todo = [i for i in st.items if i.status == "pending"]
                need = (sum(i.target == "claim" for i in todo) + 2 * st.flagged
                        + sum(1.0 - (i.confidence if i.confidence is not None else 1.0)
                              for i in todo))
                item = QueueItem(**base, review_status=st.status, review_version=st.version,
                                 pending=st.pending, flagged=st.flagged, need=round(need, 4),
                                 updated_by=st.updated_by, updated_at=st.updated_at)
            if status and item.review_status != status:
                continue
            out.append(item)
        out.sort(key=lambda i: (-i.need, i.id))
        if after is not None:
            n0, i0 = after
            out = [i for i in out if i.need < n0 or (i.need == n0 and i.id > i0)]
        page = out[:limit]
        return page, ((page[-1].need, page[-1].id) if len(out) > limit else None)

    def _in_documents(self, doc_id: Any, *filters: Any) -> Any:
        """EXISTS: the document ``doc_id`` meets the filters of ``_doc_conds``. As a
        correlated test, not a join condition, it keeps SQLite reading the (few)
        review items in order rather than every indexed document first."""
        return (select(documents.c.id).where(documents.c.id == doc_id,
                                             *self._doc_conds(*filters))
                .correlate_except(documents).exists())

    def page_reviewed_mentions(self, *, label: str | None = None, norm: str | None = None,
                               doc_type: str | None = None, theme: int | None = None,
                               source: str | None = None, document_id: str | None = None,
                               published_from: date | None = None,
                               published_to: date | None = None,
                               after: int | None = None, limit: int = 50
                               ) -> tuple[list[MentionRecord], int | None]:
        """Mentions an editor accepted, corrected or added, with the editor's values
        (confidence 1, component ``review:<status>``); key: the review item id."""
        ri = review_items.c
        conds = [self._in_documents(ri.doc_id, doc_type, theme, source, document_id,
                                    published_from, published_to),
                 ri.target == "entity", ri.status.in_(LIVE)]
        if label:
            conds.append(ri.label == label.upper())
        if norm:
            conds.append(ri.norm == norm)
        if after is not None:
            conds.append(ri.id > after)
        q = (select(ri.id, ri.doc_id, ri.start, ri.end, ri.label, ri.norm, ri.page, ri.status,
                    documents.c.source, *_quote_and_context(ri.start, ri.end))
             .select_from(review_items.join(documents, documents.c.id == ri.doc_id))
             .where(*conds).order_by(ri.id).limit(limit + 1))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [MentionRecord(id=r.id, document_id=r.doc_id, source=r.source,
                               quote=r.quote or "", context=r.context or "", start=r.start,
                               end=r.end, text=r.quote or "", label=r.label, norm=r.norm,
                               confidence=1.0, page=r.page, component=f"review:{r.status}")
                 for r in rows[:limit]]
        return items, (items[-1].id if len(rows) > limit else None)

    def page_reviewed_claims(self, *, category: str | None = None,
                             modality: str | None = None, nation: str | None = None,
                             supplier: str | None = None, material: str | None = None,
                             alliance: str | None = None, min_confidence: float | None = None,
                             doc_type: str | None = None, theme: int | None = None,
                             source: str | None = None, document_id: str | None = None,
                             published_from: date | None = None,
                             published_to: date | None = None,
                             after: tuple[float, int] | None = None, limit: int = 50
                             ) -> tuple[list[ClaimRecord], tuple[float, int] | None]:
        """Claims an editor accepted, corrected or added, with the editor's values
        (confidence 1); a nation, supplier, material or alliance filter keeps claims
        whose span holds such a reviewed mention. Key: (1.0, review item id)."""
        ri = review_items.c
        conds = [self._in_documents(ri.doc_id, doc_type, theme, source, document_id,
                                    published_from, published_to),
                 ri.target == "claim", ri.status.in_(LIVE)]
        if category:
            conds.append(ri.category == category)
        if modality:
            conds.append(ri.modality == modality)
        if min_confidence is not None and min_confidence > 1.0:
            conds.append(ri.id < 0)
        for lab, value in (("NATION", nation and nation.upper()), ("SUPPLIER", supplier),
                           ("MATERIAL", material and material.lower()),
                           ("ALLIANCE", alliance and alliance.upper())):
            if value:  # the claims around the entity's reviewed mentions, listed once
                e, k2 = review_items.alias(), review_items.alias()
                conds.append((ri.id + 0).in_(
                    select(k2.c.id).select_from(e.join(k2, and_(
                        k2.c.doc_id == e.c.doc_id, k2.c.target == "claim",
                        e.c.start >= k2.c.start, e.c.end <= k2.c.end)))
                    .where(e.c.target == "entity", e.c.status.in_(LIVE), e.c.label == lab,
                           e.c.norm == value)))
        if after is not None:
            conds.append(ri.id > after[1])
        q = (select(ri.id, ri.doc_id, ri.start, ri.end, ri.category, ri.modality, ri.page,
                    ri.roles, documents.c.source, documents.c.title, documents.c.published,
                    func.substr(documents.c.text, ri.start + 1, ri.end - ri.start)
                    .label("quote"))
             .select_from(review_items.join(documents, documents.c.id == ri.doc_id))
             .where(*conds).order_by(ri.id).limit(limit + 1))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        items = [ClaimRecord(id=r.id, document_id=r.doc_id, source=r.source, title=r.title,
                             published=r.published, quote=r.quote or "", start=r.start,
                             end=r.end, text=r.quote or "", category=r.category,
                             modality=r.modality, confidence=1.0, page=r.page,
                             roles=ClaimRoles(**(r.roles or {})))
                 for r in rows[:limit]]
        return items, ((1.0, items[-1].id) if len(rows) > limit else None)

    def reviewed_gold(self) -> Iterator[dict[str, Any]]:
        """ANNOTATION.md gold objects (id, text, entities, claims) of the documents
        editors marked reviewed: the items they accepted, corrected or added."""
        with self.engine.connect() as c:
            ids = [r[0] for r in c.execute(
                select(review_documents.c.doc_id)
                .select_from(review_documents.join(
                    documents, documents.c.id == review_documents.c.doc_id))
                .where(review_documents.c.status == ReviewStatus.reviewed.value)
                .order_by(review_documents.c.doc_id))]
        for d in ids:
            with self.engine.connect() as c:
                doc = self._document_in(c, d)
                rows = self._review_rows(c, [d])[d]
            yield gold_record(doc, merge(doc, rows))

    def claim_review_examples(self) -> list[tuple[str, str | None, str | None]]:
        """(sentence, category, modality) of every reviewed claim: accepted, corrected
        or added ones as positives, rejected ones as negatives (category None)."""
        ri = review_items.c
        q = (select(ri.status, ri.category, ri.modality,
                    func.substr(documents.c.text, ri.start + 1, ri.end - ri.start))
             .select_from(review_items.join(documents, documents.c.id == ri.doc_id))
             .where(ri.target == "claim").order_by(ri.id))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        out: list[tuple[str, str | None, str | None]] = []
        for st, cat, mod, sentence in rows:
            text_ = " ".join((sentence or "").split())
            if text_:
                out.append((text_, cat, mod) if st in LIVE else (text_, None, None))
        return out

    def entity_review_examples(self) -> list[tuple[str, str, str | None, bool]]:
        """(surface text, label, norm, kept) of every reviewed entity: accepted,
        corrected and added ones are kept, rejected ones are not."""
        ri = review_items.c
        q = (select(ri.status, ri.label, ri.norm, ri.key_label,
                    func.substr(documents.c.text, ri.start + 1, ri.end - ri.start))
             .select_from(review_items.join(documents, documents.c.id == ri.doc_id))
             .where(ri.target == "entity").order_by(ri.id))
        with self.engine.connect() as c:
            rows = c.execute(q).all()
        return [(" ".join((surface or "").split()), label or key_label, norm, st in LIVE)
                for st, label, norm, key_label, surface in rows if (surface or "").strip()]

    # -- review page sign-ins -----------------------------------------------------
    def add_session(self, id_hash: str, token_id: int, csrf: str, expires_at: datetime
                    ) -> None:
        """Keep a sign-in (the sha256 of its cookie secret); expired ones are purged."""
        now = datetime.now(UTC)
        with self.engine.begin() as c:
            c.execute(delete(review_sessions).where(review_sessions.c.expires_at < now))
            c.execute(insert(review_sessions).values(id_hash=id_hash, token_id=token_id,
                                                     csrf=csrf, created_at=now,
                                                     expires_at=expires_at))

    def session_token(self, id_hash: str) -> tuple[ApiToken, str] | None:
        """(the active token, the CSRF token) of an unexpired sign-in, if any."""
        s = review_sessions.c
        with self.engine.connect() as c:
            row = c.execute(select(api_tokens, s.csrf, s.expires_at)
                            .select_from(review_sessions.join(api_tokens,
                                                              api_tokens.c.id == s.token_id))
                            .where(s.id_hash == id_hash,
                                   api_tokens.c.revoked_at.is_(None))).first()
        if row is None or _utc(row.expires_at) <= datetime.now(UTC):
            return None
        return _row_token(row), row.csrf

    def drop_session(self, id_hash: str) -> None:
        with self.engine.begin() as c:
            c.execute(delete(review_sessions).where(review_sessions.c.id_hash == id_hash))
    # == end of issue 8 block ====================================================

    # == schedules and feeds (issue 9) ==============================================
    def add_schedule(self, sch: ScheduleModel) -> ScheduleModel:
        """Keep a new schedule; a name already taken raises AlreadyExists."""
        now = datetime.now(UTC)
        with self.engine.begin() as c:
            if c.execute(select(schedules.c.name).where(schedules.c.name == sch.name)).first():
                raise AlreadyExists(f"a schedule named {sch.name!r} exists; remove it with "
                                    f"`riskatlas schedule remove {sch.name}` or pick another name")
            c.execute(insert(schedules).values(
                name=sch.name, sources=list(sch.sources), feed=sch.feed, cron=sch.cron,
                interval_seconds=sch.interval, paused=sch.paused, created_at=now,
                updated_at=now))
        return self.get_schedule(sch.name)

    def get_schedule(self, name: str) -> ScheduleModel:
        with self.engine.connect() as c:
            row = c.execute(select(schedules).where(schedules.c.name == name)).first()
        if row is None:
            raise NotFound(f"no schedule {name!r}; list them with `riskatlas schedule list`")
        return _row_schedule(row)

    def schedules(self) -> list[ScheduleModel]:
        with self.engine.connect() as c:
            return [_row_schedule(r) for r in c.execute(select(schedules)
                                                        .order_by(schedules.c.name))]

    def set_schedule_paused(self, name: str, paused: bool) -> ScheduleModel:
        with self.engine.begin() as c:
            c.execute(update(schedules).where(schedules.c.name == name)
                      .values(paused=paused, updated_at=datetime.now(UTC)))
        return self.get_schedule(name)

    def remove_schedule(self, name: str) -> None:
        """Forget a schedule (and nothing it ingested)."""
        self.get_schedule(name)
        with self.engine.begin() as c:
            c.execute(delete(schedules).where(schedules.c.name == name))

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of a feed's last complete read, or (None, None)."""
        with self.engine.connect() as c:
            row = c.execute(select(feeds.c.etag, feeds.c.modified)
                            .where(feeds.c.url == url)).first()
        return (row[0], row[1]) if row else (None, None)

    def feed_entries(self, url: str) -> dict[str, str]:
        """entry id -> version of the entries of a feed already ingested."""
        with self.engine.connect() as c:
            return {r[0]: r[1] for r in c.execute(
                select(feed_entries.c.entry_id, feed_entries.c.version)
                .where(feed_entries.c.feed_url == url))}

    def remember_feed(self, url: str, entries: list[tuple[str, str, str]],
                      validators: tuple[str | None, str | None] | None = None) -> None:
        """Record (entry id, link, version) of ingested entries and, when given, the
        feed's validators, in one transaction."""
        now = datetime.now(UTC)
        with self.engine.begin() as c:
            if entries:
                c.execute(_upsert(c, feed_entries, ["feed_url", "entry_id"]), [
                    dict(feed_url=url, entry_id=e, link=link, version=v, seen_at=now)
                    for e, link, v in entries])
            if validators is not None:
                c.execute(_upsert(c, feeds, ["url"]), [
                    dict(url=url, etag=validators[0], modified=validators[1], checked_at=now)])
    # == end of issue 9 block ====================================================


# -- entity summaries and the entity index (issue 7) --------------------------------
# (label, norm) -> [mentions, documents] and (label, norm, text) -> mentions to add.
_Deltas = tuple[dict[tuple[str, str], list[int]], dict[tuple[str, str, str], int]]
_ENTITY_DOC_COLS = (documents.c.id, documents.c.doc_type, documents.c.theme_id,
                    documents.c.published, documents.c.source)


def _add_counts(deltas: _Deltas, rows: Iterable[Any], sign: int) -> None:
    """Add one document's mentions (label, norm, text) to ``deltas``, times ``sign``."""
    ents, forms = deltas
    seen: set[tuple[str, str]] = set()
    for label, norm, text_ in rows:
        forms[(label, norm, text_)] = forms.get((label, norm, text_), 0) + sign
        e = ents.setdefault((label, norm), [0, 0])
        e[0] += sign
        if (label, norm) not in seen:
            seen.add((label, norm))
            e[1] += sign


def _insert_for(c: Any, table: Table) -> Any:
    """The dialect's INSERT (with ON CONFLICT) for ``table``."""
    if c.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    if c.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    raise StoreError(f"{c.dialect.name} is not supported; use SQLite or PostgreSQL")


def _add_rows(c: Any, table: Table, keys: list[str], rows: list[dict[str, Any]]) -> None:
    """Add the counts of ``rows`` to those of ``table`` (ON CONFLICT DO UPDATE with a
    sum); delete the rows that fall to zero."""
    if not rows:
        return
    stmt = _insert_for(c, table)
    add = {n: table.c[n] + stmt.excluded[n] for n in ("mentions", "documents") if n in table.c}
    c.execute(stmt.on_conflict_do_update(index_elements=keys, set_=add), rows)
    if any(r["mentions"] < 0 for r in rows):
        c.execute(delete(table).where(table.c.mentions <= 0))


def _all_mentions(c: Any) -> Iterator[tuple[str, str, str, str]]:
    """(document id, label, norm, text) of every mention, streamed as plain tuples
    (twice as fast as result rows at millions of mentions)."""
    sql = "SELECT doc_id, label, norm, text FROM mentions"
    if c.dialect.name == "sqlite":
        cur = c.connection.driver_connection.cursor()
        try:
            cur.execute(sql)
            while batch := cur.fetchmany(50_000):
                yield from batch
        finally:
            cur.close()
        return
    res = c.execution_options(stream_results=True).exec_driver_sql(sql)
    for part in res.partitions(50_000):
        yield from (tuple(r) for r in part)


def _fts_match(terms: list[str]) -> str:
    """An FTS5 query holding every term, each as a quoted string."""
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


def _pg_tsvector() -> Any:
    """The documents' stored tsvector column (PostgreSQL; see _PG_SEARCH)."""
    return literal_column("documents.tsv")


def _quote_and_context(start: Any, end: Any, width: int = 80) -> tuple[Any, Any]:
    """SQL for a span's quote (``text[start:end]``) and ``width`` characters around it."""
    ctx_from = case((start > width, start - width), else_=0)
    return (func.substr(documents.c.text, start + 1, end - start).label("quote"),
            func.substr(documents.c.text, ctx_from + 1, end + width - ctx_from)
            .label("context"))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _doc_row(doc: Document) -> dict[str, Any]:
    d = json.loads(doc.model_dump_json(exclude={"entities", "entity_counts", "claims"}))
    d["published"] = doc.published
    return d


def _row_doc(r: Any) -> Document:
    m = r._mapping
    fields = {k: m[k] for k in m.keys() if k in Document.model_fields}
    pub = fields.get("published")
    if isinstance(pub, str):
        fields["published"] = date.fromisoformat(pub)
    fields.setdefault("text", "")
    fields["pages"] = [Page(**p) for p in fields.get("pages") or []]
    fields["sections"] = [Section(**s) for s in fields.get("sections") or []]
    fields["tables"] = [TableModel(**t) for t in fields.get("tables") or []]
    return Document(**{k: v for k, v in fields.items() if v is not None or k == "theme_id"})


def _row_mention(r: Any) -> Mention:
    return Mention(start=r.start, end=r.end, text=r.text, label=r.label, norm=r.norm,
                   confidence=r.confidence, page=r.page, component=r.component or "")


def _row_claim(r: Any) -> RiskClaim:
    return RiskClaim(start=r.start, end=r.end, text=r.text, category=r.category,
                     modality=r.modality, confidence=r.confidence, page=r.page,
                     entities=r.entities or [], roles=ClaimRoles(**(r.roles or {})))


def _row_theme(r: Any) -> Theme:
    return Theme(id=r.id, name=r.name, keywords=r.keywords, size=r.size,
                 parent_id=r.parent_id, level=r.level,
                 representative_docs=r.representative_docs or [])


def _row_schedule(r: Any) -> ScheduleModel:
    def utc(t: datetime) -> datetime:
        return t.replace(tzinfo=UTC) if t.tzinfo is None else t

    return ScheduleModel(name=r.name, sources=list(r.sources), feed=bool(r.feed), cron=r.cron,
                         interval=r.interval_seconds, paused=bool(r.paused),
                         created_at=utc(r.created_at), updated_at=utc(r.updated_at))


def _row_token(r: Any) -> ApiToken:
    """A token row; SQLite gives back naive datetimes, which are UTC."""
    def utc(t: datetime) -> datetime:
        return t.replace(tzinfo=UTC) if t.tzinfo is None else t

    return ApiToken(id=r.id, name=r.name, role=Role(r.role), created_at=utc(r.created_at),
                    revoked_at=utc(r.revoked_at) if r.revoked_at is not None else None)


# -- editors' review helpers (issue 8) -------------------------------------------
def _utc(t: datetime) -> datetime:
    """SQLite gives back naive datetimes, which are UTC."""
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


class _Rd:
    """The review_documents columns of a queue row, named as in the table."""

    def __init__(self, r: Any) -> None:
        self.version, self.status, self.editor, self.updated_at = (
            r.r_version, r.r_status, r.r_editor, r.r_at)


def _conflict_message(doc_id: str, rd: Any, version: int) -> str:
    who = f" by {rd.editor} at {_utc(rd.updated_at):%Y-%m-%d %H:%M:%S} UTC" if rd else ""
    now = f" (review version {rd.version}; yours was {version})" if rd else ""
    return (f"document {doc_id[:12]} was changed{who}{now} since you loaded it; "
            "reload it and make your change again")
