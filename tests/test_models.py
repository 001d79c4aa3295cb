"""The one schema: JSON Schema generation and serialization round trips."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pipeline.models import ALL_MODELS, Document, Mention, RiskClaim, json_schema


def test_json_schema_has_every_model() -> None:
    schema = json_schema()
    names = set(schema["$defs"])
    for m in ALL_MODELS:
        assert m.__name__ in names


def test_document_round_trip() -> None:
    doc = Document(
        id="x" * 64, source="a.txt", text="China restricts gallium.",
        entities=[Mention(start=0, end=5, text="China", label="NATION", norm="CHN",
                          confidence=0.9, component="gazetteer:name")],
        claims=[RiskClaim(start=0, end=24, text="China restricts gallium.",
                          category="trade_restriction", modality="asserted", confidence=0.8)],
    )
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc


def test_bad_label_is_rejected() -> None:
    with pytest.raises(ValidationError, match="label"):
        Mention(start=0, end=1, text="x", label="PERSON", norm="x", confidence=1,
                component="ner")
