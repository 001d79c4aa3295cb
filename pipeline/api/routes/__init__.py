"""One router per resource."""

from pipeline.api.routes import (
    claims,
    documents,
    entities,
    facets,
    graph,
    mentions,
    review,
    review_page,
    runs,
    search,
    themes,
    tokens,
)

ROUTERS = [documents.router, entities.router, mentions.router, claims.router, themes.router,
           search.router, facets.router, runs.router, tokens.router, review.router,
           review_page.router, graph.router]
