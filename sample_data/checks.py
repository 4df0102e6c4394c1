"""What the analytics should find in a generated dataset, measured directly from its files.

These functions read the CSVs (not the generator's internals) and compare what they see with the
planted scenario, so the same numbers serve three purposes: the README's tables, the tests, and a
reference answer for Tyndau's own behaviour-gap and training-effect analytics.

``python -m sample_data.checks DIR`` prints the report for a dataset directory.
"""

from __future__ import annotations

import math
import sys
from datetime import date
from pathlib import Path

import polars as pl

from . import scenario as sc
from . import text_bank as tb

MIN_APPEALS_FOR_RANKING = 100


def load(data_dir: Path) -> dict[str, pl.DataFrame]:
    """All CSVs of a dataset as string columns (as a connector would first see them)."""
    names = ("appeals", "appeal_events", "appeal_labels", "agencies", "regions", "survey_360",
             "training_catalogue", "course_sessions")
    return {name: pl.read_csv(Path(data_dir) / f"{name}.csv", infer_schema=False) for name in names}


def _month_index(start: date) -> pl.Expr:
    year = pl.col("reg_date").str.slice(0, 4).cast(pl.Int32)
    month = pl.col("reg_date").str.slice(5, 2).cast(pl.Int32)
    return (year * 12 + month - 1 - (start.year * 12 + start.month - 1)).alias("month_index")


def _start(data: dict[str, pl.DataFrame]) -> date:
    first = data["appeals"]["reg_date"].min()
    return date(int(first[:4]), int(first[5:7]), 1)


def with_complaint_flag(data: dict[str, pl.DataFrame], area: str) -> pl.DataFrame:
    """Appeals with ``has_gap`` = the ground-truth labels mark a complaint about ``area``."""
    flagged = (data["appeal_labels"].filter((pl.col("area") == area) & (pl.col("polarity") == "negative"))
               .select("appeal_no").unique().with_columns(has_gap=pl.lit(1)))
    kinds = data["agencies"].select("agency_code", "agency_kind")
    return (data["appeals"].join(flagged, on="appeal_no", how="left").join(kinds, on="agency_code")
            .with_columns(pl.col("has_gap").fill_null(0), _month_index(_start(data))))


def _rate(frame: pl.DataFrame) -> tuple[int, float]:
    return frame.height, (frame["has_gap"].mean() if frame.height else float("nan"))


def _expected(frame: pl.DataFrame, area: str) -> float:
    """Mean over the frame's appeals of the scenario's expected complaint probability."""
    keys = frame.group_by("agency_code", "agency_kind", "month_index").len()
    total = sum(n * sc.expected_negative_rate(code, kind, area, m) for code, kind, m, n in keys.iter_rows())
    return total / max(frame.height, 1)


def gap_report(data: dict[str, pl.DataFrame]) -> list[dict]:
    """Per planted gap: observed and expected complaint rates, the binomial standard error, the
    agency's rank on that area and its top complaint area."""
    rows = []
    for gap in sc.PLANTED_GAPS:
        frame = with_complaint_flag(data, gap.area)
        mine = frame.filter(pl.col("agency_code") == gap.agency_code)
        n, observed = _rate(mine)
        ranking = (frame.group_by("agency_code").agg(pl.col("has_gap").mean().alias("rate"), pl.len())
                   .filter(pl.col("len") >= MIN_APPEALS_FOR_RANKING).sort("rate", descending=True))
        expected = _expected(mine, gap.area)
        rows.append({
            "agency_code": gap.agency_code, "area": gap.area, "appeals": n, "observed": observed,
            "expected": expected, "se": math.sqrt(expected * (1 - expected) / max(n, 1)),
            "rank": ranking["agency_code"].to_list().index(gap.agency_code) + 1,
            "runner_up_rate": ranking.filter(pl.col("agency_code") != gap.agency_code)["rate"][0],
            "top_area": top_complaint_area(data, gap.agency_code),
        })
    return rows


def top_complaint_area(data: dict[str, pl.DataFrame], agency_code: str) -> str:
    appeals = data["appeals"].filter(pl.col("agency_code") == agency_code).select("appeal_no")
    labels = data["appeal_labels"].filter(pl.col("polarity") == "negative").join(appeals, on="appeal_no")
    return labels.group_by("area").len().sort(["len", "area"], descending=[True, False])["area"][0]


def training_report(data: dict[str, pl.DataFrame], effect: sc.TrainingEffect) -> dict:
    """Complaint rate on the course's planted area before the sessions' month and from the month
    the effect is complete, for the trained agency and for the comparison group."""
    gap = sc.PLANTED_BY_AGENCY[effect.agency_code]
    frame = with_complaint_flag(data, gap.area)
    full_from = effect.month_index + len(effect.factor_by_months_after)
    before = pl.col("month_index") < effect.month_index
    after = pl.col("month_index") >= full_from
    trained = pl.col("agency_code") == effect.agency_code
    kind = frame.filter(trained)["agency_kind"][0]
    comparators = (pl.col("agency_kind") == kind) & ~trained
    report = {}
    for label, group in (("trained", trained), ("comparators", comparators)):
        for period, cond in (("before", before), ("after", after)):
            sub = frame.filter(group & cond)
            n, rate = _rate(sub)
            report[f"{label}_{period}"] = {"appeals": n, "observed": rate, "expected": _expected(sub, gap.area)}
    return report


def taraz_handling_report(data: dict[str, pl.DataFrame], agency_code: str = "AKM-31-TRZ") -> dict:
    """Slowness and formality of the Taraz akimat against all other agencies."""
    appeals = data["appeals"].filter(pl.col("answer_date").is_not_null())
    events = data["appeal_events"]
    formal = set(tb.ANSWERS["ru"]["formal"] + tb.ANSWERS["kk"]["formal"] + tb.ANSWERS["en"]["formal"])
    interim = set(tb.ANSWERS["ru"]["interim"] + tb.ANSWERS["kk"]["interim"] + tb.ANSWERS["en"]["interim"])
    extended = events.filter(pl.col("event_type") == "extension")["appeal_no"].unique().to_list()
    finals = events.filter(pl.col("event_type") == "final_answer")["appeal_no"].unique().to_list()

    def stats(frame: pl.DataFrame) -> dict:
        answered = frame.height
        return {
            "answered": answered,
            "late_share": (frame["answer_date"].str.slice(0, 10) > frame["due_date"]).mean(),
            "formal_share": frame["answer_text"].is_in(list(formal)).mean(),
            "interim_only_share": (frame["answer_text"].is_in(list(interim)) & ~frame["appeal_no"].is_in(finals)).mean(),
            "extended_share": frame["appeal_no"].is_in(extended).mean(),
        }

    mine = appeals.filter(pl.col("agency_code") == agency_code)
    return {"agency": stats(mine), "others": stats(appeals.filter(pl.col("agency_code") != agency_code))}


def survey_report(data: dict[str, pl.DataFrame]) -> list[dict]:
    """Per planted gap: mean 360 score of citizens and direct reports on the planted area versus
    their other items, and the self-minus-others gap over all items (first wave)."""
    survey = data["survey_360"].with_columns(pl.col("score").cast(pl.Int32),
                                             wave=pl.col("response_id").str.slice(5, 1))
    first = survey.filter(pl.col("wave") == "1")
    rows = []
    for gap in sc.PLANTED_GAPS:
        unit = first.filter(pl.col("rated_agency_code") == gap.agency_code)
        outsiders = unit.filter(pl.col("rater_role").is_in(["citizen", "direct_report"]))
        on_area = outsiders.filter(pl.col("competency_area") == gap.area)["score"].mean()
        elsewhere = outsiders.filter(pl.col("competency_area") != gap.area)["score"].mean()
        self_mean = unit.filter(pl.col("rater_role") == "self")["score"].mean()
        others_mean = unit.filter(pl.col("rater_role") != "self")["score"].mean()
        rows.append({"agency_code": gap.agency_code, "area": gap.area, "outsiders_on_area": on_area,
                     "outsiders_elsewhere": elsewhere, "self_minus_others": self_mean - others_mean})
    return rows


def rater_group_sizes(data: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Raters per (wave, agency, unit, role), for the anonymity threshold of 5."""
    survey = data["survey_360"].with_columns(wave=pl.col("response_id").str.slice(5, 1))
    return (survey.select("wave", "rated_agency_code", "rated_unit", "rater_role", "rater_id").unique()
            .group_by("wave", "rated_agency_code", "rated_unit", "rater_role").len())


def spike_months(start: date = date(2024, 1, 1)) -> list[tuple[str, str, date]]:
    """(agency code, area, first day of the month) of every planted spike within a dataset starting at
    ``start``: the cells an early-warning method should flag, for its complaints and for its volume."""
    def month(index: int) -> date:
        total = start.year * 12 + start.month - 1 + index
        return date(total // 12, total % 12 + 1, 1)

    return [(s.agency_code, s.area, month(s.month_index)) for s in sc.SPIKES]


def _print_report(data_dir: Path) -> None:
    data = load(data_dir)
    print("Planted gaps (complaint rate from appeal_labels.csv):")
    for r in gap_report(data):
        print(f"  {r['agency_code']:11s} {r['area']:16s} n={r['appeals']:5d} observed={r['observed']:.3f} "
              f"expected={r['expected']:.3f} (se {r['se']:.3f}) rank={r['rank']} "
              f"runner-up={r['runner_up_rate']:.3f} top area={r['top_area']}")
    for effect in sc.PLANTED_SESSIONS:
        print(f"Course {effect.course_id} at {effect.agency_code} "
              f"(month index {effect.month_index}):")
        for key, value in training_report(data, effect).items():
            print(f"  {key:20s} n={value['appeals']:5d} observed={value['observed']:.3f} "
                  f"expected={value['expected']:.3f}")
    print("Taraz akimat handling vs all other agencies:")
    for who, stats in taraz_handling_report(data).items():
        print(f"  {who:7s} " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                         for k, v in stats.items()))
    print("360 survey, wave 1 (citizens + direct reports):")
    for r in survey_report(data):
        print(f"  {r['agency_code']:11s} {r['area']:16s} on area={r['outsiders_on_area']:.2f} "
              f"elsewhere={r['outsiders_elsewhere']:.2f} self-others={r['self_minus_others']:+.2f}")


if __name__ == "__main__":
    _print_report(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "default"))
