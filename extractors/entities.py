"""The ``riskatlas_entities`` spaCy component: gazetteer matches plus filtered NER.

It runs after spaCy's statistical ``ner`` and replaces ``doc.ents`` with the
four labels of ANNOTATION.md (NATION, ALLIANCE, SUPPLIER, MATERIAL), each span
carrying its norm in ``span.kb_id_``. Confidence and the rule that made each
span are kept in ``doc.user_data["riskatlas"]``; ``doc_to_mentions`` converts
to our models at the edge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.gazetteer import LEGAL_SUFFIX, Gazetteer, load_gazetteer, strip_legal_suffix
from extractors.gazetteer import _key as _alias_key
from pipeline.models import Label, Mention

COMPONENT = "riskatlas_entities"

# A country followed by one of these is part of an institution's name.
INSTITUTION_HEADS = {
    "navy", "army", "air", "marine", "marines", "coast", "space", "department", "congress",
    "house", "senate", "embassy", "treasury", "geological", "eximbank", "trade", "customs",
    "forces", "armed", "federal", "national", "agency", "bureau", "commission", "committee",
    "council", "court", "institute", "university", "bank", "ministry", "mission", "command",
    "chamber", "exim", "export", "international", "development", "consulate", "defense",
    "defence", "office", "postal", "census", "border", "fish", "forest", "patent", "secret",
    "strategic", "cyber", "army's", "navy's",
}
PLACE_HEADS = {
    "strait", "straits", "sea", "gulf", "peninsula", "island", "islands", "basin", "river",
    "ocean", "bay", "channel", "coast", "plateau", "mountains", "desert", "shelf", "seas",
    "gulfs", "rivers", "basins", "valley", "province", "state", "region",
}
PLACE_MODIFIERS = {"western", "eastern", "northern", "southern", "central", "north-east",
                   "north", "south", "east", "west", "new",
                   "south-east", "north-west", "south-west", "northeast", "southeast",
                   "northwest", "southwest", "mainland", "inner", "outer", "upper", "lower",
                   "greater", "continental"}
# "Gulf of Mexico", "Sea of Japan": a geographic feature named after a country.
PLACE_OF_HEADS = {"strait", "straits", "sea", "gulf", "bay", "channel", "ocean", "island",
                  "islands", "peninsula", "basin"}
# "Embassy of China", "Armed Forces of Ukraine": an institution named after its country.
INSTITUTION_OF_HEADS = {"embassy", "consulate", "bank", "ministry", "navy", "army", "forces",
                        "parliament", "congress", "senate", "court", "university", "institute",
                        "council", "committee", "commission", "agency", "bureau", "department",
                        "chamber"}
OF_HEADS = PLACE_OF_HEADS | INSTITUTION_OF_HEADS
# Heads of a longer title-case name a state or bloc can open: "G7 Hiroshima Summit",
# "U.S.-Angola Energy Security Dialogue", "U.S. Outer Continental Shelf".
NAME_HEADS = {"act", "regulation", "directive", "strategy", "summit", "statement", "declaration",
              "communique", "communiqué", "dialogue", "arrangement", "agreement", "accord",
              "initiative", "program", "programme", "partnership", "framework", "forum", "treaty",
              "law", "shelf", "committee", "commission", "council", "command", "agency",
              "bureau", "office", "department", "ministry"}
FIRM_MARKERS = re.compile(
    r"\b(inc|corp|corporation|(?-i:(?!CO\b))co|company|ltd|limited|llc|plc|ag|gmbh|s\.?a|n\.?v|group|"
    r"holdings|industries|industrial|systems|technologies|technology|materials|mining|minerals|"
    r"metals|metal|resources|energy|motors|electronics|semiconductors?|aerospace|dynamics|"
    r"manufacturing|shipbuilding|shipyards?|chemicals?|steel|defen[cs]e systems|munitions|"
    r"ordnance|labs|laboratories|enterprises|partners|capital|airlines|lines|shipping|"
    r"logistics|rare earths?|lithium|cobalt|nickel|copper|mine|consortium|joint venture)\b\.?",
    re.I,
)
NON_FIRM_HEADS = re.compile(
    r"\b(ministry|department|agency|administration|commission|committee|council|parliament|"
    r"congress|senate|house|university|college|institute|institution|academy|school|army|navy|"
    r"air force|marine corps|space force|coast guard|command|bureau|office|service|court|"
    r"foundation|center|centre|fund|program|programme|initiative|partnership|act|plan|strategy|"
    r"framework|summit|forum|dialogue|treaty|agreement|declaration|order|law|bill|report|"
    r"union|organization|organisation|alliance|bank|authority|board|secretariat|cabinet|"
    r"government|state|states|republic|kingdom|federation|nations|embassy|party|police|guard|"
    r"directorate|division|task force|working group|club|society|association|network|project|"
    r"review|survey|index|conference|assembly|mechanism|facility|zone|port|"
    r"chips|tariffs?|section|article|title|phase|ministers?|secretary|force|corridor|"
    r"summit|exercise|compact|trade of|security|policy|mission|industrial base)\b",
    re.I,
)
FIRM_CONTEXT = re.compile(
    r"\b(company|companies|firm|firms|manufacturer|manufacturers|maker|makers|producer|producers|"
    r"contractor|contractors|supplier|suppliers|miner|miners|shipbuilder|shipyard|refiner|"
    r"chipmaker|chipmakers|automaker|startup|conglomerate|subsidiary)\b",
    re.I,
)
GOVERNING_VERB_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
# Lower-case words a firm's name can hold ("Bank of America", "Procter & Gamble").
NAME_JOINERS = {"of", "and", "de", "du", "des", "la", "le", "der", "und", "von", "van", "da",
                "di", "del", "y", "e"}
_LINK_OR_QUOTE = re.compile(r"https?:|www\.|[\[\]()“”\"]")
# Suffix words that end a company's name: a capitalized run ending in one is a firm
# even where spaCy's NER missed it ("The Metal Company", "... Consultancy PTE").
# Not "Holdings" ("Foreign Holdings" of a table), "AB" ("The Cyber AB") or "CO".
SUFFIX_WORDS = {"inc", "incorporated", "corp", "corporation", "company", "co", "ltd", "limited",
                "llc", "plc", "gmbh", "pty", "pte"}


# Words after a site's name that make it a SUPPLIER (lower case: "Mingomba mine").
SITE_WORDS = {"mine", "refinery", "smelter", "project"}


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    """Names of states, provinces and regions (ISO 3166-2, from pycountry), lower case."""
    import pycountry

    return frozenset(s.name.lower() for s in pycountry.subdivisions)


def _ends_in_suffix_word(text: str) -> bool:
    """"Northrop Grumman Corp.", "... Consultancy PTE": the last word is a company suffix,
    capitalized, and not "CO" (a state, an officer)."""
    words = text.split()
    last = words[-1].rstrip(".,") if words else ""
    return last.lower() in SUFFIX_WORDS and last[:1].isupper() and last != "CO"


def _reads_as_title(span: Span, legal: bool) -> bool:
    """Whether an ORG guess is a heading, table cell, reference title or link, not a name.

    Reports' footnotes, contents pages and tables give spaCy title-case runs it
    calls ORG: "Role of Critical Minerals in Clean Energy Transition", "Defense
    Logistics: A Completed ...", cells run together across lines. A firm's name
    holds no link or bracket, no lower-case word but a joiner ("of", "and"), no
    line break, and is not followed by a subtitle's colon or a contents page's
    dot leaders; one that ends in a legal suffix ("... for Conservation Limited",
    a name broken over two lines) is a name whatever else it holds.
    """
    text = span.text
    if _LINK_OR_QUOTE.search(text):
        return True
    if legal:
        return False
    if "\n" in text:
        return True
    if any(t.is_alpha and t.text[0].islower() and t.lower_ not in NAME_JOINERS
           for t in span[1:]):
        return True
    after = span.doc.text[span.end_char: span.end_char + 12]
    return bool(re.match(r"\s*:\s*[A-Z]|\s*\.{4,}", after))


class EntityComponent:
    """Gazetteer matching, NER filtering, context rules and normalization."""

    def __init__(self, nlp: Language, name: str = COMPONENT, gazetteer_dir: str = "",
                 fuzzy_threshold: float = 92.0) -> None:
        self.nlp = nlp
        self.name = name
        self.gazetteer_dir = gazetteer_dir
        self.fuzzy_threshold = fuzzy_threshold
        self.gaz: Gazetteer | None = None
        self._exact: PhraseMatcher | None = None
        self._lower: PhraseMatcher | None = None
        self._keys: dict[str, tuple[str, str, str, bool]] = {}
        self._supplier_names: list[str] = []
        if gazetteer_dir:
            self.initialize(gazetteer_dir=gazetteer_dir)

    # -- spaCy lifecycle -------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None, gazetteer_dir: str = "") -> None:
        """Load the gazetteers from ``gazetteer_dir`` and build the matchers."""
        self.gazetteer_dir = gazetteer_dir or self.gazetteer_dir
        self.gaz = load_gazetteer(str(self.gazetteer_dir))
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        exact: dict[str, list[Doc]] = {}
        lower: dict[str, list[Doc]] = {}
        for e in self.gaz.entries:
            key = f"{e.label}|{e.norm}|{e.kind}|{int(e.ambiguous)}"
            self._keys[key] = (e.label, e.norm, e.kind, e.ambiguous)
            target = exact if e.case_sensitive else lower
            target.setdefault(key, []).append(self.nlp.make_doc(e.alias))
        for key, docs in exact.items():
            self._exact.add(key, docs)
        for key, docs in lower.items():
            self._lower.add(key, docs)
        self._supplier_names = sorted(
            {e.alias for e in self.gaz.entries if e.label == "SUPPLIER"}
        )

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        (p / "cfg.txt").write_text(str(self.gazetteer_dir))

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> EntityComponent:
        self.initialize(gazetteer_dir=(Path(path) / "cfg.txt").read_text().strip())
        return self

    # -- the component ---------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.gaz is None or self._exact is None or self._lower is None:
            raise ValueError(
                f"{self.name} has no gazetteers; call initialize(gazetteer_dir=...) first"
            )
        meta: dict[tuple[int, int], tuple[float, str]] = {}
        spans: list[Span] = []
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                label, norm, kind, ambiguous = self._keys[self.nlp.vocab.strings[match_id]]
                span = Span(doc, start, end, label=label, kb_id=norm)
                conf = self._gazetteer_confidence(span, kind, ambiguous)
                if conf is None:
                    continue
                spans.append(span)
                meta[(span.start_char, span.end_char)] = (conf, f"gazetteer:{kind}")
        rejected: list[Span] = []
        for ent in doc.ents:
            found = self._from_ner(ent)
            if found is None and ent.label_ == "ORG":
                rejected.append(ent)
            if found is not None:
                span = found
                spans.append(span)
                key = (span.start_char, span.end_char)
                if key not in meta:
                    meta[key] = (0.6 if span.label_ == "SUPPLIER" else 0.7, f"ner:{ent.label_}")
        for span in self._coordinated_firms(rejected, spans):
            spans.append(span)
            meta[(span.start_char, span.end_char)] = (0.6, "ner:ORG+conj")
        for span in self._suffixed_names(doc, spans):
            spans.append(span)
            meta[(span.start_char, span.end_char)] = (0.6, "pattern:legal-suffix")
        for span in self._named_sites(doc, spans):
            spans.append(span)
            meta[(span.start_char, span.end_char)] = (0.6, "pattern:named-site")
        spans = self._context_filter(doc, spans)
        if self.gaz.rejected:
            spans = [x for x in spans if (x.label_, _alias_key(x.text)) not in self.gaz.rejected]
        final = filter_spans(spans)
        final = self._resolve_suppliers(final)
        final = _propagate_acronyms(doc, final, meta)
        final = self._national_subsidiaries(doc, final, meta)
        doc.ents = final
        doc.user_data["riskatlas"] = {
            (s.start_char, s.end_char): meta.get((s.start_char, s.end_char), (0.6, "ner"))
            for s in final
        }
        return doc

    def _gazetteer_confidence(self, span: Span, kind: str, ambiguous: bool) -> float | None:
        doc = span.doc
        if kind == "capital":
            # A capital counts only when it acts for its government.
            root = span.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "Beijing and Washington traded accusations"
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and nxt.text in {"-", "–"}:
                return None
            if root.dep_ in GOVERNING_VERB_DEPS and root.head.pos_ in {"VERB", "AUX", "NOUN"}:
                return 0.8
            return None
        if kind == "symbol":
            prev = doc[span.start - 1] if span.start > 0 else None
            nxt = doc[span.end] if span.end < len(doc) else None
            if prev is not None and nxt is not None and prev.text == "(" and nxt.text == ")":
                return 0.8
            return None
        if ambiguous and span.root.pos_ not in {"NOUN", "PROPN"}:
            return None
        if span.label_ == "NATION" and span.text.islower():
            return None
        return 0.95 if not ambiguous else 0.75

    def _from_ner(self, ent: Span) -> Span | None:
        assert self.gaz is not None
        text = ent.text
        start = ent.start
        while start < ent.end and ent.doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        end = ent.end
        while end > start and (ent.doc[end - 1].text in {"'s", "’s", ".", ",", "'", "’"}
                               or ent.doc[end - 1].is_space):
            end -= 1
        if end <= start:
            return None
        span = Span(ent.doc, start, end)
        text = span.text
        if ent.label_ == "GPE":
            norm = self.gaz.norm_of("NATION", text)
            if not norm:
                return None
            nation = Span(ent.doc, start, end, label="NATION", kb_id=norm)
            if text.lower() in self.gaz.capitals and \
                    self._gazetteer_confidence(nation, "capital", False) is None:
                return None
            return nation
        if ent.label_ not in {"ORG", "FAC"}:
            return None
        for label in ("ALLIANCE", "SUPPLIER", "NATION"):
            norm = self.gaz.norm_of(label, text)
            if norm:
                return Span(ent.doc, start, end, label=label, kb_id=norm)
        if not self._is_firm(span):
            return None
        return Span(ent.doc, start, end, label="SUPPLIER", kb_id=self._supplier_norm(text))

    def _coordinated_firms(self, rejected: list[Span], spans: list[Span]) -> list[Span]:
        """ORGs coordinated with a known supplier ("Ford and Volvo") are firms too."""
        assert self.gaz is not None
        supplier_roots = {s.root.i for s in spans if s.label_ == "SUPPLIER"}
        out = []
        for ent in rejected:
            root = ent.root
            linked = (root.dep_ == "conj" and root.head.i in supplier_roots) or any(
                c.dep_ == "conj" and c.i in supplier_roots for c in root.children)
            key = ent.text.lower()
            if linked and key not in self.gaz.non_suppliers and not NON_FIRM_HEADS.search(ent.text):
                out.append(Span(ent.doc, ent.start, ent.end, label="SUPPLIER",
                                kb_id=self._supplier_norm(ent.text)))
        return out

    def _suffixed_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Proper-noun runs that end in a legal suffix and that nothing else claimed.

        Each word before the suffix is a proper noun (spaCy's tag) or upper case, so a
        sentence's first word ("Each Company") does not start a name; ``_is_firm``
        then applies its usual tests (institutions, titles, non-suppliers). A country
        just before the run belongs to the name, as ANNOTATION.md says.
        """
        taken = {i for x in spans for i in range(x.start, x.end)}
        nations_ending = {x.end: x for x in spans if x.label_ == "NATION"}
        out = []
        for tok in doc:
            if tok.i in taken or not _ends_in_suffix_word(tok.text):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.is_alpha and nxt.text[0].isupper():
                continue  # "... Company Ltd" ends at "Ltd"; "... Company Strategy" is a title
            start = tok.i
            while start > 0 and start - 1 not in taken and tok.i - start < 6:
                prev = doc[start - 1]
                if not prev.text[0].isupper() or prev.lower_ in {"the", "a", "an"} or not (
                        prev.pos_ == "PROPN" or prev.is_upper
                        or (prev.is_title and not prev.is_sent_start)):
                    break
                start -= 1
            lead = nations_ending.get(start)
            if lead is not None and start < tok.i:  # "Nauru Ocean Resources Inc.": one name
                start = lead.start
            end = tok.i + 1
            if end < len(doc) and doc[end].text == "." and not doc[end].whitespace_ \
                    and end + 1 < len(doc):
                end += 1  # "Corp." when the tokenizer split the dot off
            if start == tok.i:
                continue
            span = Span(doc, start, end)
            if self._is_firm(span):
                out.append(Span(doc, start, end, label="SUPPLIER",
                                kb_id=self._supplier_norm(span.text)))
                taken.update(range(start, end))
        return out

    def _named_sites(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Mines, refineries and mineral projects named before the word: "Longonio rare
        earths mine", "Kahama Hydromet refinery", "Kabanga Nickel project" (ANNOTATION.md:
        a named mine is a SUPPLIER).

        The name is the run of proper nouns just before the word and any lower-case
        material between ("rare earths"). A "project" counts only where a material is
        named ("Gibellini vanadium project"; not "Ambler Road project"), and a run
        that is only a country, an ISO 3166-2 state or province, a territory or a
        place spaCy calls LOC ("Mozambique mine", "the Nevada mine") is where the
        site is, not its name; other regions ("the Pilbara mine") are not known here.
        """
        assert self.gaz is not None
        taken = {i: x for x in spans for i in range(x.start, x.end)}
        out = []
        for tok in doc:
            if tok.lower_ not in SITE_WORDS or not tok.text.islower():
                continue
            k = tok.i
            material = False
            while k > 0 and getattr(taken.get(k - 1), "label_", "") == "MATERIAL" \
                    and doc[k - 1].text.islower():
                material, k = True, taken[k - 1].start
            end = k
            while k > 0 and end - k < 4:
                prev = doc[k - 1]
                other = taken.get(k - 1)
                if not (prev.is_alpha and prev.text[0].isupper()) or prev.lower_ in {
                        "the", "a", "an"} or prev.pos_ != "PROPN" or (
                        other is not None and other.label_ != "MATERIAL"):
                    break
                material = material or other is not None
                k -= 1
            if k == end or (tok.lower_ == "project" and not material) or (
                    end - k == 1 and doc[k].is_upper and len(doc[k]) <= 3):  # "BHP" is found
                continue  # by name; a bare short acronym before "mine" is too little
            if k > 0 and doc[k - 1].lower_ in NAME_JOINERS:
                continue  # "Department of Energy lithium project": a longer name, not a site
            span = Span(doc, k, end)
            key = span.text.lower()
            words = {t.lower_ for t in span}
            if FIRM_MARKERS.fullmatch(span.text) or words & self.gaz.non_supplier_keywords:
                continue
            # spaCy's GPE is no guide here (it calls "Longonio" one); LOC is
            place = any(e.label_ == "LOC" and e.start <= k and end <= e.end for e in doc.ents)
            if place or self.gaz.norm_of("NATION", span.text) or key in _subdivisions() \
                    or key in self.gaz.territories or key in self.gaz.non_suppliers:
                continue
            out.append(Span(doc, k, end, label="SUPPLIER", kb_id=self._supplier_norm(span.text)))
        return out

    def _national_subsidiaries(self, doc: Doc, spans: list[Span],
                               meta: dict[tuple[int, int], Any]) -> list[Span]:
        """"TMC USA", "Lockheed Martin UK": a firm's name followed at once by a country
        names its national subsidiary, one SUPPLIER (the country belongs to the name)."""
        out: list[Span] = []
        for k, s in enumerate(spans):
            prev = out[-1] if out else None
            listed = k + 1 < len(spans) and spans[k + 1].label_ == "NATION" \
                and spans[k + 1].start - s.end <= 1  # "... invited Partners Australia, Japan"
            if prev is not None and prev.label_ == "SUPPLIER" and s.label_ == "NATION" \
                    and s.start == prev.end and "\n" not in doc[prev.end - 1].whitespace_ \
                    and (s.text.isupper() or s.text.istitle()) and not listed:
                merged = Span(doc, prev.start, s.end, label="SUPPLIER",
                              kb_id=self._supplier_norm(doc[prev.start:s.end].text))
                meta[(merged.start_char, merged.end_char)] = meta.get(
                    (prev.start_char, prev.end_char), (0.6, "ner"))
                out[-1] = merged
                continue
            out.append(s)
        return out

    def _is_firm(self, span: Span) -> bool:
        assert self.gaz is not None
        text = span.text
        key = text.lower()
        if key in self.gaz.non_suppliers or key in self.gaz.demonyms:
            return False
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        if words & self.gaz.non_supplier_keywords:
            return False
        legal = LEGAL_SUFFIX.search(text)
        if NON_FIRM_HEADS.search(text) and not legal:
            return False
        if _reads_as_title(span, legal=bool(legal)):
            return False
        too_short = len(text) <= 2 or (text.isupper() and len(text) <= 3)
        if too_short or not any(c.isalpha() for c in text):
            return False
        if len(span) == 1 and (text.isupper() or FIRM_MARKERS.fullmatch(text)):
            return False  # a bare acronym or a bare marker word ("Energy")
        if FIRM_MARKERS.search(text) or _ends_in_suffix_word(text):
            return True
        doc = span.doc
        after = doc[span.end: min(len(doc), span.end + 5)].text
        before = doc[max(0, span.start - 2): span.start].text
        return bool(re.match(r"^(,|’s|'s|\()?\s*(,\s*)?(a|an|the)?\s*([\w-]+\s+){0,2}?"
                             + FIRM_CONTEXT.pattern, after, re.I)
                    or re.search(FIRM_CONTEXT.pattern + r"\s*$", before, re.I))

    def _supplier_norm(self, text: str) -> str:
        name = " ".join(strip_legal_suffix(text).split())
        if FIRM_MARKERS.fullmatch(name):  # "Metals Company": "Metals" alone names no one
            name = " ".join(text.split())
        assert self.gaz is not None
        norm = self.gaz.norm_of("SUPPLIER", name)
        if norm:
            return norm
        if self._supplier_names and len(name) >= 5:
            hit = process.extractOne(
                name, self._supplier_names, scorer=fuzz.token_sort_ratio,
                score_cutoff=self.fuzzy_threshold,
            )
            if hit is not None:
                return self.gaz.norm_of("SUPPLIER", hit[0]) or name
        return name

    def _context_filter(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Drop NATION inside institution, project and place names; MATERIAL inside
        proper names and product types ("lithium-ion batteries")."""
        assert self.gaz is not None
        orgs = [e for e in doc.ents if e.label_ in {"ORG", "FAC", "LOC"}]
        # Nations and blocs fused by a hyphen ("U.S.-Japan", "EU-China") are both kept.
        state_tokens = {i for s in spans if s.label_ in {"NATION", "ALLIANCE"}
                        for i in range(s.start, s.end)}
        kept = []
        for s in spans:
            nxt = _word(doc, s.end, 1)
            prev = _word(doc, s.start - 1, -1)
            if s.label_ == "NATION":
                if nxt is not None and nxt.is_title and nxt.lower_ in INSTITUTION_HEADS:
                    continue
                if nxt is not None and nxt.lower_ in PLACE_HEADS and (nxt.is_title or nxt.is_upper):
                    continue
                if prev is not None and prev.lower_ in PLACE_MODIFIERS and prev.is_title:
                    continue
                feature = _word(doc, prev.i - 1, -1) if prev is not None else None
                if prev is not None and prev.lower_ == "of" and feature is not None and \
                        feature.is_title and feature.lower_ in OF_HEADS:
                    continue
                if _hyphen_compound(doc, s, state_tokens):
                    continue
                if _opens_a_name(doc, s, state_tokens):
                    continue
                inside = [o for o in orgs if o.start <= s.start and o.end >= s.end
                          and (o.end - o.start) > (s.end - s.start)]
                if any(NON_FIRM_HEADS.search(o.text) and not
                       re.search(r"\bgovernment\b", o.text, re.I) for o in inside):
                    continue
            if s.label_ == "ALLIANCE":
                # "EU Critical Raw Materials Act": the bloc names an instrument.
                if nxt is not None and nxt.is_title and any(
                    t.lower_ in {"act", "regulation", "directive", "strategy"}
                    for t in doc[s.end: min(len(doc), s.end + 5)]
                ):
                    continue
                if _opens_a_name(doc, s, state_tokens):
                    continue  # "G7 Hiroshima Summit"
            if s.label_ == "MATERIAL":
                if nxt is not None and nxt.text in {"-", "–"} and s.end + 1 < len(doc) and \
                        doc[s.end + 1].lower_ in {"ion", "ions", "based", "free", "powered"}:
                    continue
                titled = s.text.istitle() and not (s.start == 0 or doc[s.start].is_sent_start)
                if titled and any(
                    w is not None and w.is_title and not w.is_stop and w.is_alpha
                    for w in (prev, nxt)
                ):
                    continue  # part of a proper name: "Kabanga Nickel", "Critical Mineral Security"
            kept.append(s)
        return kept

    def _resolve_suppliers(self, spans: list[Span]) -> list[Span]:
        """Within a document, map short supplier names to a longer one they begin."""
        norms = sorted({s.kb_id_ for s in spans if s.label_ == "SUPPLIER"}, key=len, reverse=True)
        out = []
        for s in spans:
            if s.label_ == "SUPPLIER":
                longer = next(
                    (n for n in norms if len(n) > len(s.kb_id_) and n.startswith(s.kb_id_ + " ")),
                    None,
                )
                if longer:
                    s = Span(s.doc, s.start, s.end, label="SUPPLIER", kb_id=longer)
            out.append(s)
        return out


_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*s?$")


def _propagate_acronyms(doc: Doc, spans: list[Span], meta: dict[tuple[int, int], Any]
                        ) -> list[Span]:
    """"American Metal Resources (AMR)": every later "AMR" gets the long form's label and norm."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    defined: dict[str, Span] = {}
    possessive = {"'s", "’s"}
    for s in spans:
        if s.label_ == "NATION":
            continue
        # "Harbor Metals Company's (HMC's)": possessives on either form are skipped.
        i = s.end + 1 if s.end < len(doc) and doc[s.end].text in possessive else s.end
        if i + 2 >= len(doc):
            continue
        a, b, c = doc[i], doc[i + 1], doc[i + 2]
        if c.text in possessive and i + 3 < len(doc):
            c = doc[i + 3]
        if a.text == "(" and c.text == ")" and _ACRONYM.match(b.text) and b.i not in taken:
            defined.setdefault(b.text, s)
    if not defined:
        return spans
    out = list(spans)
    for tok in doc:
        src = defined.get(tok.text)
        if src is not None and tok.i not in taken:
            out.append(Span(doc, tok.i, tok.i + 1, label=src.label_, kb_id=src.kb_id_))
            meta[(tok.idx, tok.idx + len(tok))] = (0.8, "acronym")
            taken.add(tok.i)
    return sorted(out, key=lambda x: x.start)


def _word(doc: Doc, i: int, step: int) -> Any:
    """The first non-space token from ``i`` in direction ``step``, or None."""
    while 0 <= i < len(doc):
        if not doc[i].is_space:
            return doc[i]
        i += step
    return None


def _opens_a_name(doc: Doc, s: Span, state_tokens: set[int], limit: int = 6) -> bool:
    """True when ``s`` begins a longer title-case name that ends in one of NAME_HEADS
    after at least one other word.

    Other states fused by hyphens may follow first ("U.S.-Japan-ROK Trilateral ...
    Arrangement"); the words up to the head must be capitalized and not verbs, so a
    headline ("Japan, US Sign Minerals Agreement") is not taken for a name.
    """
    if _is_headline(s):
        return False
    i = s.end
    while i + 1 < len(doc) and doc[i].text in {"-", "–"} and not doc[i].whitespace_ \
            and (i + 1) in state_tokens:
        i += 1
        while i < len(doc) and i in state_tokens:
            i += 1
    words = 0
    while i < len(doc) and words < limit:
        t = doc[i]
        if words and t.text in {"-", "–", "'", "’", "'s", "’s"}:
            i += 1
            continue
        if not (t.is_title or t.is_upper) or not t.is_alpha or t.pos_ in {"VERB", "AUX"}:
            return False
        if t.lower_ in NAME_HEADS:
            return words > 0  # "NATO Summit" is the bloc's own summit; "G7 Hiroshima Summit" a name
        words += 1
        i += 1
    return False


def _is_headline(s: Span) -> bool:
    """True when every content word of the span's sentence is capitalized (a title)."""
    try:
        sent = s.sent
    except ValueError:  # no sentence boundaries (blank pipeline): the whole doc
        sent = s.doc[:]
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(words) >= 3 and all(t.is_title or t.is_upper for t in words)


def _hyphen_compound(doc: Doc, s: Span, nation_tokens: set[int]) -> bool:
    """True for a nation fused by a hyphen to a non-nation: "Zambia-Lobito", "anti-China".

    "U.S.-Japan" (nation-nation) and "EU-China" (bloc-nation) are kept.
    """
    before = doc[s.start - 1] if s.start > 0 else None
    after = doc[s.end] if s.end < len(doc) else None
    if before is not None and before.text in {"-", "–"} and not before.whitespace_ and \
            s.start >= 2:
        other = doc[s.start - 2]
        if other.i not in nation_tokens and not other.whitespace_:
            return True
    if after is not None and after.text in {"-", "–"} and not after.whitespace_ and \
            s.end + 1 < len(doc):
        other = doc[s.end + 1]
        if other.i not in nation_tokens and other.lower_ not in {"based", "born"}:
            return True
        if other.lower_ in {"based", "born", "headquartered"}:
            return True
    return False


@Language.factory(
    COMPONENT,
    assigns=["doc.ents"],
    requires=["doc.ents", "token.dep", "token.pos"],
    default_config={"gazetteer_dir": "", "fuzzy_threshold": 92.0},
)
def make_entity_component(nlp: Language, name: str, gazetteer_dir: str,
                          fuzzy_threshold: float) -> EntityComponent:
    return EntityComponent(nlp, name, gazetteer_dir=gazetteer_dir, fuzzy_threshold=fuzzy_threshold)


def doc_to_mentions(doc: Doc, offset: int = 0, page_of: Callable[[int], int | None] | None = None
                    ) -> list[Mention]:
    """The entities of a processed Doc as Mentions, offsets shifted by ``offset``."""
    meta = doc.user_data.get("riskatlas", {})
    out = []
    for ent in doc.ents:
        conf, component = meta.get((ent.start_char, ent.end_char), (0.6, "ner"))
        start = ent.start_char + offset
        out.append(
            Mention(
                start=start, end=ent.end_char + offset, text=ent.text, label=Label(ent.label_),
                norm=ent.kb_id_, confidence=conf,
                page=page_of(start) if page_of else None, component=component,
            )
        )
    return out
