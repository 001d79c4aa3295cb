"""Property-based tests of the API against its own OpenAPI spec (schemathesis):
whatever the generated input, no 5xx, and every response matches the spec."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from pipeline.api import create_app
from pipeline.auth import hash_token, new_token
from pipeline.embed import HashingEmbedder
from pipeline.store import Store
from tests.test_api import _fill

# Built at collection: schemathesis needs the spec to generate the cases. A temp
# file store of the hand-made documents of test_api, removed at exit.
_DIR = tempfile.TemporaryDirectory(prefix="riskatlas-st-")
_STORE = Store(str(Path(_DIR.name) / "st.db"))
_fill(_STORE)
schema = schemathesis.openapi.from_asgi("/openapi.json",
                                        create_app(_STORE, embedder=HashingEmbedder()))


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_with_5xx(case: Any) -> None:
    # a fresh admin token per case: a generated DELETE /tokens/{id} may revoke any other
    secret = new_token()
    _STORE.add_token(hash_token(secret), "admin", "schemathesis")
    response = case.call(headers={"Authorization": f"Bearer {secret}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
