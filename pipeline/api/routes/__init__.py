"""One router per resource."""

from pipeline.api.routes import (
    claims,
    documents,
    entities,
    facets,
    mentions,
    runs,
    search,
    themes,
    tokens,
)

ROUTERS = [documents.router, entities.router, mentions.router, claims.router, themes.router,
           search.router, facets.router, runs.router, tokens.router]
