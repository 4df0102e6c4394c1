"""What a classifier promises: the :class:`Classifier` protocol and the shapes of its answers.

Why a Protocol: the warehouse job (:mod:`nlp.classify`), the evaluation and the dashboard
depend on this interface only, so a test injects a fake, and a deployment can plug in
another backend (a bigger fine-tuned checkpoint, a remote service) without touching them.
The shipped backend is :class:`nlp.ensemble.EnsembleClassifier`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np


@dataclass(frozen=True)
class AreaLabel:
    """One competency area found in a text, with its polarity and the calibrated score."""

    area: str
    polarity: str            # negative | positive | neutral
    score: float             # the area's probability (0..1) before the threshold
    polarity_score: float    # probability of the chosen polarity given the area


@dataclass(frozen=True)
class Prediction:
    """The answer for one text. ``failure`` set means nothing else is meaningful."""

    areas: tuple[AreaLabel, ...] = ()
    area_scores: dict[str, float] = field(default_factory=dict)
    area_thresholds: dict[str, float] = field(default_factory=dict)   # the calibrated cut each score met or missed
    appeal_type: str | None = None
    appeal_type_score: float = 0.0
    language: str | None = None
    script: str | None = None
    transliterated: bool = False
    failure: str | None = None
    # The encoder's last-layer vector of the (prepared) text, when the classifier ran an encoder: kept so
    # `tyndau classify` can store it as the themes' vector instead of `topics build` encoding the text again.
    meaning_vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def area_ids(self) -> set[str]:
        return {a.area for a in self.areas}


@dataclass(frozen=True)
class Evidence:
    """A span of the (normalised) text that pushed an area's score up."""

    area: str
    text: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class Scores:
    """Raw scores of one model component for n texts.

    area: (n, areas) probability that the area applies; polarity: (n, areas, 3) distribution
    over negative/positive/neutral given the area; appeal: (n, types) distribution.
    """

    area: np.ndarray
    polarity: np.ndarray
    appeal: np.ndarray


@runtime_checkable
class Classifier(Protocol):
    """A competency-area classifier as the pipeline sees it."""

    name: str
    version: str
    model_hash: str

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Classify a batch; texts that cannot be classified come back with ``failure`` set."""
        ...

    def explain(self, text: str, top: int = 5) -> dict[str, list[Evidence]]:
        """Evidence spans per predicted area of one text (for one text at a time, not bulk)."""
        ...
