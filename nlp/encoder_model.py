"""The encoder component of the classifier: a pretrained encoder read in windows, and a head.

How a text is scored: the encoder cuts it into sentence windows and embeds each
(:mod:`nlp.encoder`); the head gives every label a probability for the whole text's vector
and for each window. A label's score is the larger of the two, so a concern raised in one
paragraph of a long letter is not averaged away by the rest; and the polarity of an area is
read where the area scored best. Evidence (:meth:`token_attributions`) is gradient x input
through the encoder, in the window that carried the area, mapped back into the whole text.

Model directory files of this component: ``encoder.json`` (which encoder, its fingerprint,
window size), ``head.safetensors`` and ``head.json``. The encoder's weights are not copied:
``encoder.json`` points at the checkpoint (``models/e5-small`` built at set-up, or any local
``--base``), relative to the model directory when it can.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from nlp.encoder import DEFAULT_ENCODER, Encoder, Windows, fingerprint
from nlp.head import Head, scores_from_probabilities
from nlp.labels import label_index
from nlp.model import Scores

ENCODER_FILE = "encoder.json"


@dataclass(frozen=True)
class WindowScores:
    """Scores of each text plus, per text, which window (or -1: the whole text) carried each label."""

    scores: Scores
    probabilities: np.ndarray    # (texts, labels) after aggregation
    windows: Windows
    best_window: np.ndarray      # (texts, labels) window index or -1


class EncoderModel:
    """Implements the component interface the ensemble uses: ``scores`` and ``token_attributions``."""

    def __init__(self, encoder: Encoder, head: Head, aggregate: str = "max"):
        self.encoder = encoder
        self.head = head
        self.aggregate = aggregate
        self._label_index = label_index()

    # -- scoring ---------------------------------------------------------------------------------------
    def window_scores(self, texts: Sequence[str], windows: Windows | None = None) -> WindowScores:
        windows = windows if windows is not None else self.encoder.encode(list(texts))
        doc = self.head.probabilities(windows.documents)
        best = np.full(doc.shape, -1, dtype=np.int64)
        if self.aggregate == "max" and len(windows.owner) > len(texts):
            win = self.head.probabilities(windows.vectors)
            for w in np.flatnonzero(np.bincount(windows.owner, minlength=len(texts))[windows.owner] > 1):
                i = windows.owner[w]
                better = win[w] > doc[i]
                doc[i] = np.where(better, win[w], doc[i])
                best[i] = np.where(better, w, best[i])
        return WindowScores(scores_from_probabilities(doc, self._label_index), doc, windows, best)

    def scores(self, texts: Sequence[str]) -> Scores:
        return self.window_scores(texts).scores

    def vectors(self, texts: Sequence[str]) -> Windows:
        return self.encoder.encode(list(texts))

    # -- evidence ----------------------------------------------------------------------------------------
    def token_attributions(self, text: str, area: str) -> list[tuple[int, int, float]]:
        """Gradient x input per token, for the area, in the window that carried it (offsets into ``text``)."""
        ws = self.window_scores([text])
        rows = [self._label_index[f"{area}:{p}"] for p in ("negative", "positive", "neutral")]
        w = int(ws.best_window[0, rows].max())
        start, end = ws.windows.spans[w] if w >= 0 else (0, len(text))
        emb, mask, offsets = self.encoder.embed_for_gradient(text[start:end])
        with torch.enable_grad():
            vector = self.encoder.pooled_from_embeddings(emb, mask)
            logits = self.head(vector)[0]
            torch.logsumexp(logits[rows], dim=0).backward()
        weights = (emb.grad[0] * emb[0]).sum(dim=-1).detach().numpy()
        return [(start + s, start + e, float(g)) for (s, e), g in zip(offsets, weights) if e > s]

    # -- files --------------------------------------------------------------------------------------------
    def save(self, model_dir: Path) -> None:
        model_dir = Path(model_dir)
        self.head.save(model_dir)
        path = self.encoder.path.resolve()
        try:
            stored = os.path.relpath(path, model_dir.resolve())
        except ValueError:
            stored = str(path)
        (model_dir / ENCODER_FILE).write_text(json.dumps({
            "path": stored, "absolute_path": str(path), "fingerprint": fingerprint(path), "window_tokens": self.encoder.window_tokens,
            "layers": self.encoder.layers,
            "aggregate": self.aggregate, "prefix": self.encoder.prefix}, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, model_dir: Path, quantize: bool = False) -> "EncoderModel":
        from nlp.errors import ModelError

        model_dir = Path(model_dir)
        spec = json.loads((model_dir / ENCODER_FILE).read_text(encoding="utf-8"))
        path = _find_encoder(model_dir, spec)
        if path is None:
            raise ModelError(f"The encoder this model was trained on ({spec['path']}) is not there.",
                             hint="Build it with `bash scripts/setup.sh` (models/e5-small), or retrain with "
                                  "`tyndau train --base DIR`.")
        encoder = Encoder(path, quantize=quantize, window_tokens=spec.get("window_tokens", 128),
                          layers=spec.get("layers", 1))
        return cls(encoder, Head.load(model_dir), spec.get("aggregate", "max"))


def _find_encoder(model_dir: Path, spec: dict) -> Path | None:
    """The encoder beside the model as saved, else where it was, else the project's default one.

    Why the fallbacks: a model directory is copied between folders and machines; the encoder is
    not copied with it (470 MB) but built by set-up at ``models/e5-small`` everywhere.
    """
    stored = Path(spec["path"])
    for candidate in (stored if stored.is_absolute() else model_dir / stored, Path(spec.get("absolute_path", stored))):
        if (candidate / "config.json").exists():
            return candidate.resolve()
    if (DEFAULT_ENCODER / "config.json").exists() and fingerprint(DEFAULT_ENCODER) == spec.get("fingerprint"):
        return DEFAULT_ENCODER.resolve()
    return None
