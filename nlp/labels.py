"""The label space of the classifier, derived from the taxonomy (never hard-coded here).

Labels are ``"<area>:<polarity>"`` for every area and polarity (12 x 3 = 36), then
``"appeal_type:<type>"`` (5). One multi-label head predicts all of them; an area's
score is the probability that any of its three polarity labels applies.
"""

from __future__ import annotations

import functools

from warehouse.taxonomy import POLARITIES, area_ids

APPEAL_TYPES = ("application", "complaint", "proposal", "inquiry", "feedback")

__all__ = ["APPEAL_TYPES", "POLARITIES", "area_ids", "area_labels", "all_labels", "label_index"]


@functools.cache
def area_labels() -> tuple[str, ...]:
    return tuple(f"{a}:{p}" for a in area_ids() for p in POLARITIES)


@functools.cache
def all_labels() -> tuple[str, ...]:
    return area_labels() + tuple(f"appeal_type:{t}" for t in APPEAL_TYPES)


@functools.cache
def label_index() -> dict[str, int]:
    return {label: i for i, label in enumerate(all_labels())}


def encode(areas: dict[str, str], appeal_type: str | None) -> list[float]:
    """Multi-hot target vector over :func:`all_labels`."""
    y = [0.0] * len(all_labels())
    for area, polarity in areas.items():
        y[label_index()[f"{area}:{polarity}"]] = 1.0
    if appeal_type:
        y[label_index()[f"appeal_type:{appeal_type}"]] = 1.0
    return y


def polarity_of(areas: dict[str, str]) -> str | None:
    """The text's overall polarity: the most frequent among its areas (ties: negative first)."""
    if not areas:
        return None
    values = list(areas.values())
    return max(POLARITIES, key=lambda p: (values.count(p), -POLARITIES.index(p)))
