"""/facets: counts to filter by."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from pipeline.api.deps import StoreDep, require_analyst
from pipeline.api.errors import ERROR_RESPONSES
from pipeline.models import Facets

router = APIRouter(prefix="/facets", tags=["facets"],
                   dependencies=[Depends(require_analyst)], responses=ERROR_RESPONSES)


@router.get("", response_model=Facets)
def facets(store: StoreDep) -> Facets:
    """Documents by status, type, theme and year; mentions by label; claims by category
    and modality."""
    return store.facets()
