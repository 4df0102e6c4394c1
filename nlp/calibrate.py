"""Choosing thresholds and ensemble weights on a validation split of the training corpus.

Why calibrate: a multi-label model's probabilities are not comparable across areas (a rare
area's scores sit lower), so one global 0.5 cut under-detects rare areas. Each area gets the
threshold that maximises its F1 on the validation split, shrunk toward the global best so
an area with few validation examples does not get a threshold fitted to noise. The
evaluation set is never used here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from nlp.labels import area_ids

GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
SHRINK = 15.0
"""Pseudo-count of the global threshold in each area's shrunk threshold."""


@dataclass
class Calibration:
    """Per-area thresholds for one way of scoring (an ensemble weight, or a single component)."""

    area_weight: float = 1.0        # weight of the transformer in the area score (0 = n-grams only)
    polarity_weight: float = 1.0
    appeal_weight: float = 1.0
    thresholds: dict[str, float] = field(default_factory=dict)
    validation: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Calibration":
        return cls(**data)


def f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float(np.sum(pred & gold))
    denom = float(np.sum(pred)) + float(np.sum(gold))
    return 2 * tp / denom if denom else 0.0


def thresholds(scores: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Per-area F1-optimal thresholds, shrunk toward the global F1-optimal one."""
    gold = gold.astype(bool)
    global_t = max(GRID, key=lambda t: f1(scores >= t, gold))
    out = {}
    for k, area in enumerate(area_ids()):
        n_pos = int(gold[:, k].sum())
        best = max(GRID, key=lambda t: f1(scores[:, k] >= t, gold[:, k])) if n_pos else global_t
        out[area] = round(float((n_pos * best + SHRINK * global_t) / (n_pos + SHRINK)), 4)
    return out


def apply(scores: np.ndarray, th: dict[str, float]) -> np.ndarray:
    return scores >= np.array([th[a] for a in area_ids()])


def macro_f1(pred: np.ndarray, gold: np.ndarray) -> float:
    gold = gold.astype(bool)
    per = [f1(pred[:, k], gold[:, k]) for k in range(gold.shape[1]) if gold[:, k].any() or pred[:, k].any()]
    return float(np.mean(per)) if per else 0.0


def best_weight(transformer: np.ndarray, ngram: np.ndarray, gold: np.ndarray,
                grid=np.round(np.arange(0.0, 1.01, 0.1), 2)) -> tuple[float, dict[str, float], float]:
    """(weight of the transformer, thresholds, validation macro F1) maximising macro F1."""
    best = (0.0, {}, -1.0)
    for w in grid:
        mixed = w * transformer + (1 - w) * ngram
        th = thresholds(mixed, gold)
        score = macro_f1(apply(mixed, th), gold)
        if score > best[2] + 1e-9:
            best = (float(w), th, score)
    return best


def best_mix(a: np.ndarray, b: np.ndarray, correct: np.ndarray, grid=np.round(np.arange(0.0, 1.01, 0.1), 2)) -> float:
    """Weight of ``a`` in w*a + (1-w)*b maximising accuracy of the argmax (polarity, appeal type).

    ``correct`` holds the gold class index per row (rows without gold are already removed).
    """
    if len(correct) == 0:
        return 0.5
    accuracy = [float(np.mean(np.argmax(w * a + (1 - w) * b, axis=-1) == correct)) for w in grid]
    return float(grid[int(np.argmax(accuracy))])
