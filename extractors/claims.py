"""Risk-claim detection, category and modality (ANNOTATION.md, "Risk claims").

``ClaimClassifier`` follows scikit-learn: ``__init__`` stores parameters,
``fit`` returns self, learned state ends in ``_``. Features are sentence
embeddings (any ``Embedder``) next to TF-IDF n-grams and counts of risk and
hedge cues. The fitted model is saved with joblib together with the versions
of the code and data that made it; embeddings are recomputed, not pickled.

``KeywordBaseline`` is the plain rule that ``riskatlas eval`` scores beside it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.errors import NotFitted
from pipeline.models import Category, Modality
from pipeline.settings import CLAIMS_MODEL

log = logging.getLogger(__name__)

MODEL_VERSION = "claims-1"
CATEGORIES = [c.value for c in Category]

HEDGE = re.compile(
    r"\b(may|might|could|can|would|possibly|potential(ly)?|likely|unlikely|risks?|"
    r"threat(en|ens|ened)?|warn(s|ed|ing)?|fears?|concerns?|expected|appears?|seems?|"
    r"suggests?|according to|analysts?|experts?|seen as|vulnerable|if)\b",
    re.I,
)
STRONG_HEDGE = re.compile(
    r"\b(may|might|could|would|possibly|potentially|likely|risk of|risks|threatens? to|"
    r"warn(s|ed)?|is seen as|are seen as|according to|analysts say|experts say|"
    r"appear to|appears to|if)\b",
    re.I,
)
CUES: dict[str, re.Pattern[str]] = {
    "dependency": re.compile(
        r"\b(depend\w*|relian\w*|reli(es|ed|ant) on|rely|import reliance|concentrat\w*|"
        r"single (source|point|supplier)|sole source|dominat\w*|\d+ ?(%|percent) of|"
        r"overreliance|over-reliance|monopol\w*|controls? \w+ (of|percent))\b", re.I),
    "trade_restriction": re.compile(
        r"\b(export controls?|export restrictions?|sanction\w*|tariffs?|embargo\w*|licen[cs]\w*|"
        r"bans?|banned|restrict\w*|entity list|quotas?|duties|countervailing|anti-dumping)\b",
        re.I),
    "geopolitical": re.compile(
        r"\b(coerc\w*|conflict|war|invasion|blockade|aggression|instability|tension\w*|"
        r"leverage|adversar\w*|hostil\w*|weaponi[sz]\w*|militar\w* action|unrest)\b", re.I),
    "capacity": re.compile(
        r"\b(shortages?|shortfalls?|capacity|backlogs?|lead times?|delays?|deplet\w*|"
        r"stockpiles?|workforce|bottlenecks?|insufficient|scarc\w*|constrain\w*|"
        r"cannot (meet|produce)|unable to)\b", re.I),
    "security": re.compile(
        r"\b(cyber\w*|espionage|theft|steal\w*|leak\w*|intellectual property|foreign "
        r"(ownership|control|influence|investment)|hack\w*|malicious|counterfeit\w*|"
        r"evasion|evade|divert\w*|backdoor\w*)\b", re.I),
    "logistics": re.compile(
        r"\b(shipping|ship(s|ments)?|transport\w*|chokepoints?|strait|port(s)?|canal|"
        r"freight|rail|logistics?|route(s)?|vessels?|tankers?|transit|congestion)\b", re.I),
    "cost": re.compile(
        r"\b(prices?|pric(ing|ed)|costs?|volatil\w*|inflation|expensive|spik\w*|"
        r"financ\w* (fragil\w*|distress)|bankrupt\w*|insolven\w*|margins?)\b", re.I),
}
RISK_WORDS = re.compile(
    r"\b(risks?|vulnerab\w*|threat\w*|disrupt\w*|exposed|exposure|fragil\w*|jeopardi[sz]\w*|"
    r"undermin\w*|weaken\w*|shock\w*|harm\w*|danger\w*|critical|dependen\w*|shortages?)\b",
    re.I,
)


_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MARKUP = re.compile(r"</?(u|sup|sub|em|strong|b|i)>|\*\*|(?<!\w)__|__(?!\w)|\\(?=[\[\]().*_#-])")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]\s+|\d{1,3}\.\s+(?=[A-Z]))")


def clean_text(text: str) -> str:
    """The words of a sentence without Markdown links, emphasis, escapes or a bullet.

    Raw Markdown and the readers' plain text then look alike to the classifier.
    """
    text = _MD_LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    text = _BULLET.sub("", text)
    return " ".join(text.split())


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """Counts of each category's cues, risk words and hedges: shape (n, 10)."""
    rows = []
    for t in texts:
        row = [len(p.findall(t)) for p in CUES.values()]
        row += [len(RISK_WORDS.findall(t)), len(HEDGE.findall(t)), len(STRONG_HEDGE.findall(t))]
        rows.append(row)
    return np.log1p(np.asarray(rows, dtype=np.float32))


@dataclass
class ClaimPrediction:
    is_claim: bool
    probability: float
    category: str
    category_probability: float
    modality: str
    modality_probability: float


class ClaimClassifier:
    """Detection, category and modality over embeddings + n-grams + cues.

    With ``finetune_epochs`` the detection probability is the mean of the linear
    model's and a fine-tuned MiniLM's (``extractors.finetune``).
    """

    def __init__(self, embedder: Any = None, C: float = 1.0, threshold: float = 0.5,
                 finetune_epochs: int = 0, random_state: int = 0) -> None:
        self.embedder = embedder
        self.C = C
        self.threshold = threshold
        self.finetune_epochs = finetune_epochs
        self.random_state = random_state

    def _features(self, texts: Sequence[str], fit: bool = False) -> Any:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [clean_text(t) for t in texts]
        if fit:
            self.vectorizer_ = TfidfVectorizer(
                ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                max_features=20000,
            ).fit(texts)
        parts = [self.vectorizer_.transform(texts), csr_matrix(cue_features(texts))]
        if self.embedder is not None:
            parts.append(csr_matrix(self.embedder.embed(list(texts)) * 2.0))
        return hstack(parts).tocsr()

    def fit(self, texts: Sequence[str], categories: Sequence[str | None],
            modalities: Sequence[str | None]) -> ClaimClassifier:
        """Fit on sentences; ``categories[i]`` is None (or "none") for non-claims."""
        from sklearn.linear_model import LogisticRegression

        cats = [c if c and c != "none" else None for c in categories]
        X = self._features(texts, fit=True)
        y = np.array([c is not None for c in cats])
        if y.all() or not y.any():
            raise ValueError("training needs both claims and non-claims")
        lr = dict(C=self.C, max_iter=2000, class_weight="balanced",
                  random_state=self.random_state)
        self.detector_ = LogisticRegression(**lr).fit(X, y)
        self.finetuned_ = None
        if self.finetune_epochs:
            from extractors.finetune import FineTunedDetector

            self.finetuned_ = FineTunedDetector(
                epochs=self.finetune_epochs, random_state=self.random_state,
            ).fit([clean_text(t) for t in texts], y)
        idx = [int(i) for i in np.flatnonzero(y)]
        # unweighted: categories keep their prior (class weighting cost 0.02 of CV accuracy)
        self.categorizer_ = LogisticRegression(**{**lr, "class_weight": None}).fit(
            X[idx], [cats[i] for i in idx])
        mods = [modalities[i] or Modality.asserted.value for i in idx]
        if len(set(mods)) > 1:
            self.modality_ = LogisticRegression(**lr).fit(X[idx], mods)
        else:
            self.modality_ = None
        self.n_examples_ = len(texts)
        self.trained_at_ = datetime.now(UTC).isoformat(timespec="seconds")
        self.version_ = MODEL_VERSION
        return self

    def predict(self, texts: Sequence[str]) -> list[ClaimPrediction]:
        if not hasattr(self, "detector_"):
            raise NotFitted("the claim classifier is not trained; run `riskatlas train claims`")
        if not texts:
            return []
        X = self._features(texts)
        p = self.detector_.predict_proba(X)[:, list(self.detector_.classes_).index(True)]
        tuned = getattr(self, "finetuned_", None)  # absent from models saved before it
        if tuned is not None:  # the mean of the two detectors
            # The mean reaches the threshold t only where the linear p >= 2t - 1 (the
            # fine-tuned one says at most 1): below that the linear model decides alone,
            # as the mean would, and its probability is the one reported.
            ask = np.flatnonzero(p >= 2 * self.threshold - 1)
            if len(ask):
                tuned_p = tuned.predict_proba([clean_text(texts[int(i)]) for i in ask])[:, 1]
                p[ask] = (p[ask] + tuned_p) / 2
        cp = self.categorizer_.predict_proba(X)
        cats = self.categorizer_.classes_[cp.argmax(1)]
        if self.modality_ is not None:
            mp = self.modality_.predict_proba(X)
            mods = self.modality_.classes_[mp.argmax(1)]
            mprob = mp.max(1)
        else:
            mods = np.array([Modality.asserted.value] * len(texts))
            mprob = np.ones(len(texts))
        return [
            ClaimPrediction(bool(p[i] >= self.threshold), float(p[i]), str(cats[i]),
                            float(cp[i].max()), str(mods[i]), float(mprob[i]))
            for i in range(len(texts))
        ]

    # -- persistence -------------------------------------------------------
    def save(self, path: Path = CLAIMS_MODEL, data_info: dict[str, Any] | None = None) -> Path:
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        embedder, self.embedder = self.embedder, None
        try:
            state = {
                "model": self,
                "embedder": getattr(embedder, "name", None),
                "version": MODEL_VERSION,
                "data": data_info or {},
            }
            joblib.dump(state, path, compress=3)
        finally:
            self.embedder = embedder
        path.with_suffix(".json").write_text(json.dumps(
            {"version": MODEL_VERSION, "embedder": state["embedder"],
             "trained_at": self.trained_at_, "n_examples": self.n_examples_,
             "threshold": self.threshold, "C": self.C,
             "finetune_epochs": self.finetune_epochs,
             "data": data_info or {}}, indent=2) + "\n")
        return path

    @classmethod
    def load(cls, path: Path = CLAIMS_MODEL, embedder: Any = None) -> ClaimClassifier:
        import joblib

        if not path.exists():
            raise NotFitted(
                f"no claim model at {path}; run `riskatlas train claims` to build it"
            )
        state = joblib.load(path)
        model: ClaimClassifier = state["model"]
        if state.get("embedder") and embedder is None:
            raise ValueError(f"{path} was trained with {state['embedder']}; pass that embedder")
        if embedder is not None and state.get("embedder") not in (None, embedder.name):
            raise ValueError(
                f"{path} was trained with {state['embedder']}, not {embedder.name}; retrain it"
            )
        model.embedder = embedder if state.get("embedder") else None
        return model


class KeywordBaseline:
    """The plain rule: a sentence with a risk keyword is a claim of its first cue's category."""

    PATTERN = re.compile(
        r"\b(risk\w*|depend\w*|relian\w*|rely|shortage\w*|export controls?|sanction\w*|"
        r"disrupt\w*|vulnerab\w*|threat\w*|tariff\w*|ban\w*|embargo\w*|coerc\w*|"
        r"shortfall\w*|bottleneck\w*|chokepoint\w*|price spikes?)\b",
        re.I,
    )

    def predict(self, texts: Sequence[str]) -> list[ClaimPrediction]:
        out = []
        for t in texts:
            hit = bool(self.PATTERN.search(t))
            firsts = [(m.start(), c) for c, p in CUES.items() if (m := p.search(t))]
            cat = min(firsts)[1] if firsts else Category.dependency.value
            mod = Modality.hedged.value if STRONG_HEDGE.search(t) else Modality.asserted.value
            out.append(ClaimPrediction(hit, 1.0 if hit else 0.0, cat, 1.0, mod, 1.0))
        return out


_SOURCE_BEFORE = re.compile(
    r"\b(on|upon|from|by|in|with|against|through|via|to|of)\s+(the\s+)?$", re.I)
RESTRICTING = {"trade_restriction", "geopolitical", "security"}


def claim_roles(sentence_mentions: list[tuple[int, int, str, str]], sentence: str,
                offset: int, category: str = "dependency") -> dict[str, list[str]]:
    """Roles of the parties in a claim, from mention order and the words before them.

    ``sentence_mentions`` are ``(start, end, label, norm)`` in document offsets;
    ``offset`` is the sentence's start. For restrictions, coercion and security
    threats the first party named (the subject: "China restricted ...") or one
    after "by" is the source; for dependencies and the rest a party after "on",
    "from", "in" ("relies on China", "imports from Russia") is the source.
    Everyone else named is exposed; materials and suppliers are what is concerned.
    """
    roles: dict[str, list[str]] = {"exposed": [], "source": [], "materials": [], "suppliers": []}
    parties = []
    for start, _end, label, norm in sentence_mentions:
        if label == "MATERIAL":
            roles["materials"].append(norm)
            continue
        if label == "SUPPLIER":
            roles["suppliers"].append(norm)
        before = sentence[max(0, start - offset - 30): start - offset]
        parties.append((norm, label, before))
    for i, (norm, label, before) in enumerate(parties):
        after_prep = bool(_SOURCE_BEFORE.search(before))
        if category in RESTRICTING:
            is_source = (i == 0 and not after_prep) or bool(re.search(r"\bby\s+(the\s+)?$",
                                                                      before, re.I))
        else:
            is_source = after_prep
        if is_source:
            roles["source"].append(norm)
        elif label in ("NATION", "ALLIANCE"):
            roles["exposed"].append(norm)
    for k in roles:
        roles[k] = list(dict.fromkeys(roles[k]))
    roles["exposed"] = [n for n in roles["exposed"] if n not in roles["source"]]
    return roles
