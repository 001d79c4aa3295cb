"""The few exceptions RiskAtlas raises. Messages name the input and the way out."""


class RiskAtlasError(Exception):
    """Base class of every RiskAtlas error."""


class UnsupportedFormat(RiskAtlasError):
    """The input is of a type RiskAtlas does not read."""


class CorruptDocument(RiskAtlasError):
    """The input claims a format but cannot be parsed as it."""


class EncryptedDocument(RiskAtlasError):
    """The input is a password-protected PDF."""


class NeedsOCR(RiskAtlasError):
    """The input is a PDF with no text layer."""


class FetchError(RiskAtlasError):
    """A URL could not be fetched."""


class TransientFetchError(FetchError):
    """A URL could not be fetched this time (timeout, connection, HTTP 429 or 5xx); retry."""


class NotFound(RiskAtlasError):
    """A document, theme or other record does not exist."""


class AlreadyExists(RiskAtlasError):
    """A record with that name exists already."""


class NotFitted(RiskAtlasError):
    """A model was used before it was trained or loaded."""


class StoreError(RiskAtlasError):
    """The store cannot be opened or is of an unknown schema version."""


class InvalidQuery(RiskAtlasError):
    """A query, filter or cursor that cannot be answered as given."""


class EmbedderMismatch(RiskAtlasError):
    """The query embedder does not match the one that made the stored vectors."""


class ReviewConflict(RiskAtlasError):
    """A review decision was made on a stale version of the document's review."""


class InvalidDecision(InvalidQuery):
    """A review decision that cannot apply to the document as it is."""
