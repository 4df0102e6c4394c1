"""The 360-degree questionnaire as data: built from the taxonomy's survey items, in three languages.

Why here and not in a survey tool: the items are written from the behavioural indicators of each
competency area (``warehouse/reference/taxonomy.yaml``), so the instrument changes when the
taxonomy does, and its answers come back already labelled with their area.

The XLSForm (for KoboToolbox, ODK) names every question ``<area>_q<n>`` (``responsiveness_q1``)
inside one group per area, and the metadata questions ``rater_role``, ``agency``, ``unit`` and
``comment``. Those are exactly the names the ``kobo`` connector and its ``kobo-360`` mapping
read, so a Kobo export of this form ingests with ``tyndau ingest FILE -c kobo`` unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from insights import exports
from warehouse.errors import TyndauError
from warehouse.taxonomy import Area, areas

FORM_ID = "tyndau_360_v1"
FORM_VERSION = "1"
LANGUAGE_COLUMNS = {"en": "English (en)", "ru": "Russian (ru)", "kk": "Kazakh (kk)"}
AGREE_SCALE = (  # choice names are what the kobo-360 mapping's [labels] turn back into 1..5
    ("strongly_disagree", {"en": "Strongly disagree", "ru": "Полностью не согласен", "kk": "Мүлдем келіспеймін"}),
    ("disagree", {"en": "Disagree", "ru": "Не согласен", "kk": "Келіспеймін"}),
    ("neutral", {"en": "Neither agree nor disagree", "ru": "Ни да, ни нет", "kk": "Бейтараппын"}),
    ("agree", {"en": "Agree", "ru": "Согласен", "kk": "Келісемін"}),
    ("strongly_agree", {"en": "Strongly agree", "ru": "Полностью согласен", "kk": "Толық келісемін"}),
)
RATER_ROLES = (
    ("self", {"en": "Myself", "ru": "Самооценка", "kk": "Өзін-өзі бағалау"}),
    ("manager", {"en": "Their manager", "ru": "Руководитель", "kk": "Басшы"}),
    ("peer", {"en": "A colleague", "ru": "Коллега", "kk": "Әріптес"}),
    ("direct_report", {"en": "A direct report", "ru": "Подчинённый", "kk": "Қол астындағы қызметкер"}),
    ("citizen", {"en": "A citizen served", "ru": "Гражданин", "kk": "Азамат"}),
)
META_QUESTIONS = (
    ("select_one rater_role", "rater_role", "yes",
     {"en": "Who are you to the person rated?", "ru": "Кем вы приходитесь оцениваемому?",
      "kk": "Бағаланатын адамға кім боласыз?"}),
    ("text", "agency", "yes", {"en": "Agency (code)", "ru": "Ведомство (код)", "kk": "Мекеме (коды)"}),
    ("text", "unit", "no", {"en": "Unit", "ru": "Подразделение", "kk": "Бөлімше"}),
)
COMMENT_QUESTION = ("text", "comment", "no",
                    {"en": "Anything you want to add (an example helps)",
                     "ru": "Что вы хотите добавить (пример поможет)",
                     "kk": "Қосқыңыз келетін нәрсе (мысал келтірсеңіз жақсы)"})


class QuestionnaireError(TyndauError):
    hint = "Choose areas by their ids (`tyndau questionnaire --help`), and --format xlsform or csv."


@dataclass(frozen=True)
class Question:
    name: str
    area: str
    labels: dict[str, str]


def item_name(item_id: str) -> str:
    """``responsiveness.q1`` (taxonomy) -> ``responsiveness_q1`` (form and warehouse)."""
    return item_id.replace(".", "_")


def questions(area_ids: tuple[str, ...] = ()) -> list[Question]:
    """Every survey item of the chosen areas (all areas by default), in taxonomy order."""
    chosen = _chosen_areas(area_ids)
    return [Question(item_name(i["id"]), a.id, {lang: i.get(lang, "") for lang in LANGUAGE_COLUMNS})
            for a in chosen for i in a.survey_items]


def _chosen_areas(area_ids: tuple[str, ...]) -> list[Area]:
    known = {a.id: a for a in areas()}
    unknown = [a for a in area_ids if a not in known]
    if unknown:
        raise QuestionnaireError(f"Unknown competency area(s): {', '.join(unknown)}.",
                                 hint=f"Known areas: {', '.join(known)}.")
    return [known[a] for a in area_ids] if area_ids else list(known.values())


def xlsform_sheets(area_ids: tuple[str, ...] = ()) -> dict[str, list[list[str]]]:
    """The three sheets of an XLSForm (survey, choices, settings) as rows, header first."""
    labels = [f"label::{LANGUAGE_COLUMNS[lang]}" for lang in LANGUAGE_COLUMNS]
    survey = [["type", "name", *labels, "required"]]
    for kind, name, required, text in META_QUESTIONS:
        survey.append([kind, name, *_in_languages(text), required])
    for area in _chosen_areas(area_ids):
        survey.append(["begin_group", area.id, *_in_languages(area.name), ""])
        for q in questions((area.id,)):
            survey.append(["select_one agree5", q.name, *_in_languages(q.labels), "yes"])
        survey.append(["end_group", "", "", "", "", ""])
    kind, name, required, text = COMMENT_QUESTION
    survey.append([kind, name, *_in_languages(text), required])
    choices = [["list_name", "name", *labels]]
    choices += [["agree5", name, *_in_languages(text)] for name, text in AGREE_SCALE]
    choices += [["rater_role", name, *_in_languages(text)] for name, text in RATER_ROLES]
    settings = [["form_title", "form_id", "version", "default_language"],
                ["Tyndau 360-degree feedback", FORM_ID, FORM_VERSION, LANGUAGE_COLUMNS["en"]]]
    return {"survey": survey, "choices": choices, "settings": settings}


def _in_languages(text: dict[str, str]) -> list[str]:
    return [text.get(lang) or text.get("en", "") for lang in LANGUAGE_COLUMNS]


def write_xlsform(path: str | Path, area_ids: tuple[str, ...] = ()) -> Path:
    path = Path(path)
    exports.write_workbook(str(path), xlsform_sheets(area_ids))
    return path


def write_csv(path: str | Path, area_ids: tuple[str, ...] = ()) -> Path:
    """One row per item: name, area, and the statement in each language (for tools without XLSForm)."""
    path = Path(path)
    names = {a.id: a.name for a in areas()}
    with path.open("w", encoding="utf-8", newline="") as handle:
        header = ["name", "area", "area_name_en", *(f"label_{lang}" for lang in LANGUAGE_COLUMNS)]
        exports.write_csv_rows(handle, [header, *([q.name, q.area, names[q.area]["en"], *_in_languages(q.labels)]
                                                  for q in questions(area_ids))])
    return path


def write_questionnaire(path: str | Path, fmt: str = "xlsform", area_ids: tuple[str, ...] = ()) -> Path:
    writers = {"xlsform": write_xlsform, "csv": write_csv}
    if fmt not in writers:
        raise QuestionnaireError(f"Unknown questionnaire format {fmt!r}.")
    return writers[fmt](path, area_ids)
