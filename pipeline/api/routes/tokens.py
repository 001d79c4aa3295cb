"""/tokens: token management (admin). Secrets are shown once, at creation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from pipeline.api.deps import MAX_ID, StoreDep, require_admin
from pipeline.api.errors import ERROR_RESPONSES, NOT_FOUND
from pipeline.auth import hash_token, new_token
from pipeline.models import ApiToken, ItemsPage, TokenCreate, TokenCreated

router = APIRouter(prefix="/tokens", tags=["tokens"],
                   dependencies=[Depends(require_admin)], responses=ERROR_RESPONSES)


@router.get("", response_model=ItemsPage[ApiToken])
def list_tokens(store: StoreDep) -> ItemsPage[ApiToken]:
    """Every token, revoked ones too, without secrets."""
    return ItemsPage[ApiToken](items=store.list_tokens())


@router.post("", response_model=TokenCreated, status_code=201)
def create_token(body: TokenCreate, store: StoreDep) -> TokenCreated:
    """A new token; its secret is in this response only."""
    secret = new_token()
    tok = store.add_token(hash_token(secret), body.role, body.name)
    return TokenCreated(**tok.model_dump(), token=secret)


@router.delete("/{token_id}", response_model=ApiToken, responses=NOT_FOUND)
def revoke_token(token_id: Annotated[int, Path(ge=0, le=MAX_ID)], store: StoreDep) -> ApiToken:
    """Revoke a token: it stops working at once."""
    return store.revoke_token(token_id)
