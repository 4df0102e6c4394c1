"""The competency taxonomy: project data, loaded in one place.

The classifier (label ids and order), the warehouse (reference table) and the
dashboard (names in three languages, behavioural indicators) all read it from here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

LANGUAGES = ("kk", "ru", "en")
POLARITIES = ("negative", "positive", "neutral")


@dataclass(frozen=True)
class Indicator:
    id: str
    effective: bool
    text: dict[str, str]
    keywords: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Area:
    id: str
    position: int
    name: dict[str, str]
    definition: dict[str, str]
    indicators: tuple[Indicator, ...]
    survey_items: tuple[dict, ...]
    training_focus: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name["en"]


@functools.cache
def areas() -> tuple[Area, ...]:
    data = yaml.safe_load((resources.files("warehouse.reference") / "taxonomy.yaml").read_text(encoding="utf-8"))
    return tuple(_area(i, a) for i, a in enumerate(data["areas"]))


def _area(position: int, a: dict) -> Area:
    indicators = []
    for kind in ("effective", "ineffective"):
        for ind in a.get("indicators", {}).get(kind, []):
            indicators.append(Indicator(
                id=ind["id"], effective=kind == "effective",
                text={lang: ind.get(lang, "") for lang in LANGUAGES},
                keywords={lang: tuple(ind.get("keywords", {}).get(lang, []) or ()) for lang in LANGUAGES},
            ))
    return Area(id=a["id"], position=position, name=a["name"], definition=a.get("definition", {}),
                indicators=tuple(indicators), survey_items=tuple(a.get("survey_items", [])),
                training_focus=tuple(a.get("training_focus", []) or ()))


def area_ids() -> tuple[str, ...]:
    return tuple(a.id for a in areas())


def area(area_id: str) -> Area:
    for a in areas():
        if a.id == area_id:
            return a
    raise KeyError(area_id)
