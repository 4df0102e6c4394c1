"""The planners' analytics on small, hand-made data where the right answer is known: the gap and its
shrinkage, rater anonymity, the optimiser, the difference in differences, incremental refresh, and
the 360-degree questionnaire's round trip through KoboToolbox."""

from __future__ import annotations

import csv
from datetime import date, datetime

import duckdb
import numpy as np
import openpyxl
import polars as pl
import pytest
from scipy import stats as scipy_stats

from ingestion.pipeline import ingest
from ingestion.registry import make_connector
from insights import stats, survey360
from insights.training import impact, planning
from insights.training.optimiser import Gap, Offering, PlanError, greedy_plan, naive_plan, optimise_plan, plan_value
from insights.training.planning import PlanningRules
from insights.training.questionnaire import item_name, questions, write_questionnaire, xlsform_sheets
from warehouse.build import build_models
from warehouse.taxonomy import area_ids

RULES = PlanningRules(survey_target_score=4.0, min_raters=5, gap_window_months=12, impact_window_months=6,
                      min_count_for_ranking=30)
MONTHS = [date(2024 + (m // 12), m % 12 + 1, 1) for m in range(24)]


# ---------------------------------------------------------------- a hand-made evidence cube


def cube_db(rows: list[dict], agencies: dict[str, str] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse holding only what the planning queries read."""
    con = duckdb.connect()
    frame = pl.DataFrame(rows).with_columns(
        pl.col("classified_appeals").alias("appeals"), pl.lit(0).alias("positive_appeals"),
        pl.lit(0).alias("neutral_appeals"), pl.lit(0).alias("negative_matching_indicators"),
        pl.col("agency_key").alias("agency"),
        pl.col("agency_key").map_elements(lambda a: (agencies or {}).get(a, "akimat"), return_dtype=pl.Utf8)
        .alias("agency_kind"),
        pl.lit([], dtype=pl.List(pl.Utf8)).alias("example_appeal_ids"))
    con.register("_cube", frame.to_arrow())
    con.execute("create table mart_area_evidence_monthly as select * from _cube")
    con.execute("""create table dim_agencies as select distinct agency_key, agency_key as name_en, agency_key as name_ru,
                   agency_key as name_kk, agency_kind, '31' as region_code, 100 as staff_count
                   from mart_area_evidence_monthly""")
    con.execute("""create table mart_360_scores (agency_key varchar, scope varchar, unit varchar, area varchar,
                   rater_group varchar, survey_period date, raters bigint, answers bigint, is_suppressed boolean,
                   mean_score double, sd_score double)""")
    con.execute("""create table stg_training_courses as select * from (values
                   ('C1', 'Responsive service', 'r', 'k', ['responsiveness'], 10000.0, 20, 8.0, 'p'),
                   ('C2', 'Courtesy', 'r', 'k', ['communication'], 30000.0, 20, 8.0, 'p'))
                   t(course_id, title_en, title_ru, title_kk, areas, cost_per_seat, max_seats, duration_hours, provider)""")
    con.execute("create table stg_course_sessions (session_id varchar, agency_code varchar, course_id varchar, "
                "session_date date, staff_trained integer)")
    sums = ", ".join(f"{c} double" for c in ("appeals", "decided", "on_time", "answered", "sum_days", "sum_days_sq",
                                             "rated", "sum_satisfaction", "sum_satisfaction_sq", "classified_appeals"))
    con.execute("create table mart_equity_responsiveness (dimension varchar, group_value varchar, agency_key varchar, "
                f"agency varchar, region_key varchar, registered_month date, {sums})")  # no groups: no unequal treatment
    con.execute("create table mart_equity_evidence (dimension varchar, group_value varchar, agency_key varchar, "
                "area varchar, registered_month date, negative_appeals bigint)")
    return con


def months_of(agency: str, area: str, classified: int, negative: int, months=MONTHS) -> list[dict]:
    return [{"agency_key": agency, "area": area, "evidence_month": m, "classified_appeals": classified,
             "negative_appeals": negative} for m in months]


def typical_cube() -> list[dict]:
    rows = []
    for i in range(12):  # twelve ordinary agencies, 5 % complaints on responsiveness, 3 % on communication
        rows += months_of(f"A{i:02d}", "responsiveness", 40, 2) + months_of(f"A{i:02d}", "communication", 40, 1)
    rows += months_of("BIG", "responsiveness", 40, 12) + months_of("BIG", "communication", 40, 1)
    rows += months_of("TINY", "responsiveness", 1, 0) + months_of("TINY", "communication", 1, 0)
    rows[-1]["negative_appeals"] = 1  # TINY: one complaint out of one appeal in the last month
    return rows


def test_a_gap_is_the_shrunk_rate_minus_the_national_rate_with_stats_prior():
    gaps = planning.citizen_gaps(cube_db(typical_cube()), None, RULES)
    big = gaps.filter((pl.col("agency_key") == "BIG") & (pl.col("area") == "responsiveness")).row(0, named=True)
    resp = gaps.filter(pl.col("area") == "responsiveness")
    a, b = stats.beta_prior(resp["negative_appeals"], resp["classified_appeals"])
    national = resp["negative_appeals"].sum() / resp["classified_appeals"].sum()
    assert big["national_rate"] == pytest.approx(national)
    assert big["gap_score"] == pytest.approx((144 + a) / (480 + a + b) - national), "shrinkage comes from insights.stats"
    assert big["gap_low"] < big["gap_score"] < big["gap_high"] and big["gap_low"] > 0
    assert big["certainty"] > 0.999 and big["rank_in_agency"] == 1
    assert big["trend"] == pytest.approx(0, abs=1e-9), "a flat rate has no trend"


def test_a_tiny_agency_is_shrunk_and_cannot_top_the_table():
    gaps = planning.citizen_gaps(cube_db(typical_cube()), None, RULES)
    tiny = gaps.filter((pl.col("agency_key") == "TINY") & (pl.col("area") == "communication")).row(0, named=True)
    assert tiny["negative_rate"] == pytest.approx(1 / 12)
    assert tiny["gap_score"] < 0.5 * (tiny["negative_rate"] - tiny["national_rate"]), "pulled toward the national rate"
    assert tiny["certainty"] < 0.9 and not tiny["ranked"]
    top = gaps.sort("gap_score", descending=True).row(0, named=True)
    assert (top["agency_key"], top["area"]) == ("BIG", "responsiveness")


def test_the_period_follows_the_filter_and_the_trend_compares_the_period_before():
    rows = months_of("UP", "responsiveness", 40, 2, MONTHS[:12]) + months_of("UP", "responsiveness", 40, 10, MONTHS[12:])
    for i in range(6):
        rows += months_of(f"A{i}", "responsiveness", 40, 2)
    con = cube_db(rows)
    gaps = planning.citizen_gaps(con, None, RULES)
    up = gaps.filter(pl.col("agency_key") == "UP").row(0, named=True)
    assert (up["period_start"], up["period_end"]) == (MONTHS[12], MONTHS[23])
    assert up["trend"] > 0.1, "the gap grew against the twelve months before"
    from insights.scope import Filters
    early = planning.citizen_gaps(con, Filters(date_from=MONTHS[0], date_to=MONTHS[11]), RULES)
    assert early.filter(pl.col("agency_key") == "UP")["gap_score"][0] == pytest.approx(0, abs=0.01)


def test_priorities_link_courses_to_gap_areas_and_rank_them():
    priorities = planning.training_priorities(cube_db(typical_cube()), None, RULES)
    big = priorities.filter(pl.col("agency_key") == "BIG").sort("rank_in_agency")
    assert big["course_id"].to_list()[0] == "C1"
    first = big.row(0, named=True)
    assert first["top_area"] == "responsiveness" and first["gap_areas"] == ["responsiveness"]
    assert first["cohort_seats"] == 20 and first["cohort_cost"] == 200_000
    assert first["negative_appeals"] == 144


# ---------------------------------------------------------------- the optimiser


def planning_problem() -> tuple[list[Offering], list[Gap]]:
    gaps = [Gap("A", "responsiveness", 10.0, 20), Gap("A", "communication", 6.0, 20), Gap("B", "responsiveness", 8.0, 20),
            Gap("C", "legality", 1.0, 20), Gap("D", "inclusiveness", 4.0, 10)]
    offerings = [
        Offering("A", "BOTH", ("responsiveness", "communication"), 50_000, 20),  # two gaps at once
        Offering("A", "RESP", ("responsiveness",), 30_000, 20),
        Offering("A", "COMM", ("communication",), 30_000, 20),
        Offering("B", "RESP", ("responsiveness",), 30_000, 20),
        Offering("C", "LAW", ("legality",), 5_000, 20),
        Offering("D", "RAMP", ("inclusiveness",), 20_000, 10),
    ]
    return offerings, gaps


@pytest.mark.parametrize("budget,seats", [(500_000, None), (1_000_000, None), (2_000_000, 45), (3_000_000, 60),
                                          (10_000_000, None)])
def test_the_plan_respects_budget_seats_and_class_sizes_and_beats_the_naive_plan(budget, seats):
    offerings, gaps = planning_problem()
    best, greedy, naive = (f(offerings, gaps, budget, seats) for f in (optimise_plan, greedy_plan, naive_plan))
    for plan in (best, greedy, naive):
        assert plan.cost <= budget + 1e-6
        assert seats is None or plan.seats <= seats
        assert all(0 < line.seats <= line.offering.max_seats for line in plan.lines)
        assert plan.value == pytest.approx(plan_value(plan.lines, gaps))
    assert best.value >= greedy.value - 1e-9 and best.value >= naive.value - 1e-9
    assert best.method.startswith("integer programme")


def test_the_optimiser_does_better_than_biggest_gaps_first_when_it_matters():
    offerings, gaps = planning_problem()
    best, naive = optimise_plan(offerings, gaps, 1_000_000), naive_plan(offerings, gaps, 1_000_000)
    assert best.value > naive.value * 1.05
    chosen = {(line.offering.agency_key, line.offering.course_id) for line in best.lines}
    assert ("A", "BOTH") in chosen, "one course developing two gaps of an agency counts for both"
    on_a_responsiveness = sum(line.seats for line in best.lines if line.offering.agency_key == "A"
                              and "responsiveness" in line.offering.areas)
    assert on_a_responsiveness <= 20, "no seats beyond what closes a gap"


def test_a_closed_gap_is_not_counted_twice():
    offerings, gaps = planning_problem()
    from insights.training.optimiser import PlanLine
    twice = [PlanLine(offerings[1], 20), PlanLine(offerings[0], 20)]
    assert plan_value(twice, gaps) == pytest.approx(10.0 + 6.0)


@pytest.mark.parametrize("budget,seats", [(0, None), (-5, None), (100_000, 0)])
def test_a_budget_or_seat_limit_that_makes_no_sense_is_a_domain_error(budget, seats):
    offerings, gaps = planning_problem()
    with pytest.raises(PlanError):
        optimise_plan(offerings, gaps, budget, seats)


def test_the_plan_table_explains_each_line_and_sums_to_the_plan_value():
    con = cube_db(typical_cube())
    table = planning.training_plan(con, 1_000_000, None, None, RULES)
    assert table.height and table["cost"].sum() <= 1_000_000
    assert set(table.columns) >= {"agency_key", "course_id", "seats", "cost", "plan_value", "gap_areas", "gap_score",
                                  "certainty", "negative_appeals"}
    assert table.row(0, named=True)["agency_key"] == "BIG"
    xlsx = planning.plan_xlsx_bytes(table, planning.plan_summary(table, 1_000_000, None))
    assert xlsx[:2] == b"PK"
    assert planning.plan_csv_bytes(table).decode().splitlines()[0].startswith("agency_key,agency,course_id")


# ---------------------------------------------------------------- a plan a planner can defend


def survey_only_cube() -> duckdb.DuckDBPyConnection:
    """NEG draws fewer complaints than the country on responsiveness (a negative citizens' gap) but
    colleagues rate it far below the other surveyed agency: a priority from the 360 survey alone."""
    rows = typical_cube() + months_of("NEG", "responsiveness", 40, 0) + months_of("NEG", "communication", 40, 1)
    con = cube_db(rows, agencies={"NEG": "police"})
    con.execute("""insert into mart_360_scores values
                   ('NEG', 'agency', null, 'responsiveness', 'others', '2025-06-01', 12, 120, false, 1.5, 0.5),
                   ('A00', 'agency', null, 'responsiveness', 'others', '2025-06-01', 12, 120, false, 4.5, 0.5),
                   ('BIG', 'agency', null, 'responsiveness', 'others', '2025-06-01', 12, 120, false, 2.5, 0.5)""")
    return con


def test_a_plan_never_funds_a_gap_that_is_not_positive_without_a_mandatory_mark():
    con = survey_only_cube()
    areas = planning.area_priorities(con, None, RULES)
    neg = areas.filter((pl.col("agency_key") == "NEG") & (pl.col("area") == "responsiveness")).row(0, named=True)
    assert neg["gap_score"] < 0 and neg["priority"] > 0.1, "the case the rule is for: priority from the 360 alone"
    gaps = {(r["agency_key"], r["area"]): r["gap_score"] for r in areas.iter_rows(named=True)}
    table = planning.training_plan(con, 50_000_000, None, None, RULES)
    assert table.height and not table["mandatory"].any()
    assert "NEG" not in table["agency_key"].to_list()
    for r in table.iter_rows(named=True):
        assert r["gap_areas"] and all(gaps[(r["agency_key"], a)] > 0 for a in r["gap_areas"]), r
    priorities = planning.training_priorities(con, None, RULES)
    assert all(gaps[(r["agency_key"], a)] > 0 for r in priorities.iter_rows(named=True) for a in r["gap_areas"])

    marked = planning.training_plan(con, 50_000_000, None, None, RULES, (planning.Mandate("C1", ("police",)),))
    neg_lines = marked.filter(pl.col("agency_key") == "NEG")
    assert neg_lines.height == 1 and neg_lines["mandatory"][0] and neg_lines["seats"][0] == 100
    assert neg_lines["plan_value"][0] == 0, "a mandatory seat on a non-positive gap closes no gap"
    assert set(marked.filter(~pl.col("mandatory"))["agency_key"]) == set(table["agency_key"])


def test_a_mandatory_course_is_bought_first_and_its_coverage_reported():
    con = cube_db(typical_cube())
    con.execute("insert into stg_course_sessions values ('S1', 'A00', 'C2', '2025-03-01', 40)")
    mandates = (planning.Mandate.parse("C2"),)          # every member of staff of the 14 agencies, 100 each
    short, short_cover = planning.plan_with_coverage(con, 1_000_000, None, None, RULES, mandates)
    first = short.filter(pl.col("mandatory"))
    assert first["seats"].sum() == 1_000_000 // 30_000, "the budget goes to the mandatory seats first"
    assert short["cost"].sum() <= 1_000_000 and short.filter(~pl.col("mandatory"))["cost"].sum() <= 10_000
    row = short_cover.row(0, named=True)
    assert (row["course_id"], row["category"], row["agencies"]) == ("C2", "all", 14)
    assert row["seats_needed"] == 14 * 100 - 40, "staff already trained on the course in the period need no seat"
    assert row["coverage"] == pytest.approx(33 / 1360) and row["agencies_reached"] == 0

    full, cover = planning.plan_with_coverage(con, 50_000_000, None, None, RULES, mandates)
    mandatory = full.filter(pl.col("mandatory"))
    assert mandatory["seats"].sum() == 1360 and full.head(mandatory.height)["mandatory"].all(), "listed first"
    assert cover["coverage"][0] == 1.0 and cover["agencies_reached"][0] == 14
    optional = full.filter(~pl.col("mandatory"))
    assert optional.height and set(optional["course_id"]) == {"C1"}, "the rest is spent on positive gaps"
    summary = planning.plan_summary(full, 50_000_000, None, cover)
    assert summary["mandatory_cost"] == 1360 * 30_000 and summary["mandatory_coverage"] == 1.0
    assert summary["cost"] <= 50_000_000 and summary["coverage C2 all"] == 1.0


@pytest.mark.parametrize("spec,message", [("C9", "No course 'C9'"), ("C1:pilots", "Unknown staff category")])
def test_a_mandatory_mark_on_an_unknown_course_or_category_is_a_domain_error(spec, message):
    con = cube_db(typical_cube())
    with pytest.raises(PlanError, match=message):
        planning.training_plan(con, 1_000_000, None, None, RULES, (planning.Mandate.parse(spec),))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_plan_line_carries_its_reason_fields_and_a_reason_in_the_language(lang):
    from dashboard.i18n import area_name, number, percent, points, text, value_name
    from dashboard.plan_reasons import with_reasons

    con = survey_only_cube()
    table = with_reasons(planning.training_plan(con, 50_000_000, None, None, RULES,
                                                (planning.Mandate("C1", ("police",)),)), lang)
    for r in table.filter(~pl.col("mandatory")).iter_rows(named=True):
        assert all(r[c] is not None for c in planning.REASON_COLUMNS if c != "survey_shortfall_pp"), r
        assert r["citizens_part"] + r["survey_part"] == pytest.approx(r["priority"])
        assert r["gap_pp"] == pytest.approx(100 * r["gap_score"]) and r["gap_score"] > 0
        assert area_name(r["top_area"], lang) in r["reason"] and points(r["gap_score"], lang) in r["reason"]
        assert percent(r["certainty"], lang, 0) in r["reason"] and number(r["negative_appeals"], lang) in r["reason"]
    big = table.filter((pl.col("agency_key") == "BIG") & (pl.col("course_id") == "C1")).row(0, named=True)
    assert big["survey_shortfall"] == pytest.approx(((1.5 + 4.5 + 2.5) / 3 - 2.5) / 4), "below the surveyed mean"
    assert big["survey_part"] == pytest.approx(0.5 * big["survey_shortfall"])
    assert percent(big["survey_shortfall"], lang) in big["reason"]
    neg = table.filter(pl.col("agency_key") == "NEG").row(0, named=True)
    assert neg["top_area"] is None and text("plan.reason.no_gap", lang) in neg["reason"]
    assert text("plan.reason.mandatory", lang, categories=value_name("staff_category", "police", lang)) in neg["reason"]
    exported = pl.read_csv(planning.plan_csv_bytes(table, lang))
    assert {"reason", "gap_pp", "certainty", "survey_shortfall_pp", "citizens_part", "survey_part",
            "negative_appeals", "classified_appeals", "mandatory", "mandatory_for",
            planning.GAP_CLOSED_COLUMN} <= set(exported.columns)
    assert exported["reason"].to_list() == table["reason"].to_list()


def test_mandatory_seats_come_off_the_budget_before_every_method_spends_the_rest():
    from insights.training.optimiser import PlanLine

    offerings, gaps = planning_problem()
    fixed = (PlanLine(Offering("C", "LAW", ("legality",), 5_000, 20), 20, mandatory=True),
             PlanLine(Offering("A", "RESP", ("responsiveness",), 30_000, 10), 10, mandatory=True))
    for method in (optimise_plan, greedy_plan, naive_plan):
        plan = method(offerings, gaps, 1_000_000, 45, fixed)
        assert plan.cost <= 1_000_000 and plan.seats <= 45
        assert set(fixed) <= set(plan.lines) and plan.lines[:2] == tuple(sorted(fixed, key=lambda l: l.offering.agency_key))
        assert plan.value == pytest.approx(plan_value(plan.lines, gaps))
        a_resp = sum(l.seats for l in plan.lines if l.offering.agency_key == "A" and l.offering.course_id == "RESP")
        assert a_resp <= 20, "the mandatory seats take their room in the cohort"
    best, naive = (m(offerings, gaps, 1_000_000, 45, fixed) for m in (optimise_plan, naive_plan))
    assert best.value >= naive.value - 1e-9


# ---------------------------------------------------------------- difference in differences


def did_cube(effect_share: float, n: int = 400) -> list[dict]:
    """Agency T's rate is 0.30 until the session month (index 12), then 0.30 + effect; controls 0.05 flat."""
    rows = []
    for i, m in enumerate(MONTHS):
        rate = 0.30 + (effect_share if i > 12 else 0.0)
        rows.append({"agency_key": "T", "area": "communication", "evidence_month": m, "classified_appeals": n,
                     "negative_appeals": round(rate * n)})
        for c in range(5):
            rows.append({"agency_key": f"C{c}", "area": "communication", "evidence_month": m,
                         "classified_appeals": n, "negative_appeals": round(0.05 * n)})
        rows.append({"agency_key": "OTHERKIND", "area": "communication", "evidence_month": m, "classified_appeals": n,
                     "negative_appeals": round(0.50 * n)})
    return rows


def with_session(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con.execute("insert into stg_course_sessions values ('S1', 'T', 'C2', '2025-01-15', 20)")
    return con


@pytest.mark.parametrize("planted", [-0.15, 0.0])
def test_did_measures_a_known_effect_and_finds_none_where_there_is_none(planted):
    kinds = {"OTHERKIND": "police"}
    effects = impact.training_impact(with_session(cube_db(did_cube(planted), kinds)), RULES)
    row = effects.filter(pl.col("session_id") == "S1").row(0, named=True)
    assert row["control_agencies"] == 5, "agencies of another kind are no comparison"
    assert row["effect"] == pytest.approx(planted, abs=0.005)
    assert row["effect_low"] < row["effect"] < row["effect_high"]
    assert row["is_significant"] == (planted != 0.0)


def test_a_comparison_agency_trained_on_the_area_is_left_out():
    con = with_session(cube_db(did_cube(-0.15), {"OTHERKIND": "police"}))
    con.execute("insert into stg_course_sessions values ('S2', 'C0', 'C2', '2024-11-20', 20)")
    row = impact.training_impact(con, RULES).filter(pl.col("session_id") == "S1").row(0, named=True)
    assert row["control_agencies"] == 5 - 1


def test_a_session_without_months_after_it_is_unmeasured_not_zero():
    con = cube_db(did_cube(-0.15))
    con.execute("insert into stg_course_sessions values ('LATE', 'T', 'C2', '2025-12-10', 20)")
    row = impact.training_impact(con, RULES).filter(pl.col("session_id") == "LATE").row(0, named=True)
    assert row["is_unmeasured"] and not row["is_significant"]


def test_the_monthly_series_behind_an_effect():
    series = impact.impact_series(with_session(cube_db(did_cube(-0.15))), "S1", "communication", RULES)
    treated = series.filter(pl.col("group") == "treated")
    assert treated.height == 13 and set(series["group"]) == {"treated", "comparison"}
    assert treated.filter(pl.col("evidence_month") == MONTHS[18])["rate"][0] == pytest.approx(0.15, abs=0.01)


def test_did_interval_is_the_four_binomial_variances():
    result = stats.difference_in_differences((30, 100), (15, 100), (100, 1000), (100, 1000))
    se = (0.3 * 0.7 / 100 + 0.15 * 0.85 / 100 + 2 * 0.1 * 0.9 / 1000) ** 0.5
    assert result["effect"] == pytest.approx(-0.15) and result["se"] == pytest.approx(se)
    assert result["high"] == pytest.approx(-0.15 + stats.Z95 * se)


# ---------------------------------------------------------------- 360-degree results and anonymity

SURVEY_COLUMNS = ("response_id", "instrument", "submitted_at", "rated_agency_code", "rated_unit", "rater_role",
                  "rater_id", "item_id", "item_text", "competency_area", "score", "scale_max", "comment")


def write_survey(path, groups: dict[str, tuple[int, int]]) -> None:
    """groups: role -> (raters, score); two items of 'communication' each, one comment per rater."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SURVEY_COLUMNS)
        for role, (raters, score) in groups.items():
            for r in range(raters):
                for item in ("COMM1", "COMM2"):
                    writer.writerow([f"{role}-{r}", "v1", "2025-06-10T10:00:00", "AG-1", "Unit 1", role, f"{role}{r}",
                                     item, f"Item {item}", "communication", score, 5,
                                     f"{role} says {score}" if item == "COMM1" else ""])


@pytest.fixture
def survey_warehouse(con, settings, tmp_path):
    path = tmp_path / "survey.csv"
    write_survey(path, {"self": (1, 5), "manager": (1, 4), "peer": (4, 1), "direct_report": (6, 2), "citizen": (5, 3)})
    ingest(con, make_connector("csv", str(path), "survey-360-generic"), settings)
    build_models(con, settings)
    return con


def test_a_rater_group_under_five_shows_neither_score_nor_count(survey_warehouse):
    rows = {r["rater_group"]: r for r in survey_warehouse.execute(
        "select * from mart_360_scores where scope = 'unit'").pl().iter_rows(named=True)}
    assert rows["peer"]["raters"] is None and rows["peer"]["is_suppressed"] and rows["peer"]["mean_score"] is None
    assert rows["manager"]["mean_score"] is None, "one manager is a group of one"
    assert rows["direct_report"]["mean_score"] == pytest.approx(2.0) and not rows["direct_report"]["is_suppressed"]
    assert rows["self"]["mean_score"] == pytest.approx(5.0), "the self-rating is the rated person's own"
    assert rows["others"]["raters"] == 16 and rows["others"]["mean_score"] == pytest.approx((4 + 4 + 12 + 15) / 16)
    items = survey_warehouse.execute("select * from mart_360_items where rater_group = 'peer'").pl()
    assert items["mean_score"].is_null().all()


def test_the_queries_enforce_anonymity_even_on_a_laxer_mart(survey_warehouse, settings):
    build_models(survey_warehouse, settings.__class__(**{**settings.__dict__, "min_raters": 1}))
    assert survey_warehouse.execute("select mean_score from mart_360_scores where scope = 'unit' "
                                    "and rater_group = 'peer'").fetchone()[0] == pytest.approx(1.0)
    scores = survey360.area_scores(survey_warehouse, None, min_raters=5, scope="unit")
    peer = scores.filter(pl.col("rater_group") == "peer").row(0, named=True)
    assert peer["is_suppressed"] and peer["mean_score"] is None
    comments = survey360.area_comments(survey_warehouse, "AG-1", "communication", None, 5, with_text=True)
    assert "peer says 1" not in comments["comment"].to_list() and "direct_report says 2" in comments["comment"].to_list()
    pairs = survey360.self_vs_others(survey_warehouse, None, 5, scope="unit")
    assert pairs["self_minus_others"][0] == pytest.approx(5 - 35 / 16)


# ---------------------------------------------------------------- incremental refresh


@pytest.fixture
def labelled_warehouse(con, settings, tmp_path):
    from training_support import sample_truth

    from ingestion.sample_files import ingest_sample_dataset
    from nlp.classify import classify_pending
    from sample_data.generate import generate

    folder = tmp_path / "sample"
    generate(folder, n_appeals=800)
    ingest_sample_dataset(con, folder, settings)
    classify_pending(con, sample_truth(con, folder / "appeal_labels.csv"))
    build_models(con, settings)
    return con


def test_gap_marts_refresh_only_the_agency_months_that_changed(labelled_warehouse, settings):
    con = labelled_warehouse
    target = con.execute("""select appeal_id, agency_key, registered_month from fct_appeals
                            where appeal_id in (select appeal_id from fct_appeal_areas) order by appeal_id limit 1""").fetchone()
    other = con.execute("select agency_key, evidence_month from mart_area_evidence_monthly "
                        "where not (agency_key = ? and evidence_month = ?) limit 1", [target[1], target[2]]).fetchone()
    # Tamper with an untouched partition: an incremental build must leave it alone.
    con.execute("update mart_area_evidence_monthly set neutral_appeals = 999 where agency_key = ? and evidence_month = ?",
                list(other))
    con.execute("insert into label_corrections values ('c-1', 'appeal', ?, null, null, null, 'a1', null, ?)",
                [target[0], datetime.now()])
    con.execute("insert into label_correction_areas values ('c-1', 'leadership', 'negative')")
    build_models(con, settings)
    evidence = con.execute("select area, polarity from fct_appeal_evidence where appeal_id = ?", [target[0]]).fetchall()
    assert evidence == [("leadership", "negative")], "the corrected appeal's partition was recomputed"
    assert con.execute("select count(*) from mart_area_evidence_monthly where neutral_appeals = 999").fetchone()[0] > 0, \
        "an untouched partition was not recomputed"
    leadership = con.execute("select negative_appeals from mart_area_evidence_monthly where agency_key = ? and "
                             "evidence_month = ? and area = 'leadership'", [target[1], target[2]]).fetchone()[0]
    assert leadership >= 1


def test_a_changed_model_or_a_missing_table_rebuilds_in_full(labelled_warehouse, settings):
    con = labelled_warehouse
    con.execute("update mart_area_evidence_monthly set neutral_appeals = 999")
    con.execute("update model_state set fingerprint = 'old' where model = 'mart_area_evidence_monthly'")
    build_models(con, settings)
    assert con.execute("select count(*) from mart_area_evidence_monthly where neutral_appeals = 999").fetchone()[0] == 0
    expected = con.execute("select count(*) from fct_appeal_areas where polarity = 'negative'").fetchone()[0]
    assert con.execute("select sum(negative_appeals) from mart_area_evidence_monthly").fetchone()[0] == expected


# ---------------------------------------------------------------- questionnaire


def test_the_xlsform_has_three_languages_an_agree_scale_and_taxonomy_item_names(tmp_path):
    path = write_questionnaire(tmp_path / "form.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = [[c.value for c in row] for row in book["survey"].iter_rows()]
    assert survey[0][:5] == ["type", "name", "label::English (en)", "label::Russian (ru)", "label::Kazakh (kk)"]
    names = [r[1] for r in survey if r[0] == "select_one agree5"]
    assert names == [q.name for q in questions()] and "responsiveness_q1" in names
    assert {n.rsplit("_q", 1)[0] for n in names} == set(area_ids())
    assert all(r[2] and r[3] and r[4] for r in survey[1:] if r[0] != "end_group")
    choices = [[c.value for c in row] for row in book["choices"].iter_rows()]
    assert [r[1] for r in choices if r[0] == "agree5"] == ["strongly_disagree", "disagree", "neutral", "agree",
                                                          "strongly_agree"]
    assert book["settings"]["B2"].value == "tyndau_360_v1"


def test_a_kobo_export_of_the_form_ingests_back_with_areas_and_wording(tmp_path, con, settings):
    sheets = xlsform_sheets(("responsiveness", "communication"))
    groups = {row[1]: None for row in sheets["survey"] if row[0] == "begin_group"}
    items = [(group, row[1]) for group in groups for row in sheets["survey"] if row[0] == "select_one agree5"
             and row[1].startswith(group)]
    export = tmp_path / "kobo.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["start", "rater_role", "agency", "unit", *[f"{g}/{i}" for g, i in items], "comment",
                         "_id", "_uuid", "_submission_time", "_submitted_by"])
        for n, role in enumerate(("peer", "direct_report", "self")):
            writer.writerow(["2025-06-01T09:00:00", role, "AG-1", "Unit 1", *(["agree"] * len(items)), "",
                             n, f"u-{n}", "2025-06-01T09:05:00", f"rater{n}"])
    report = ingest(con, make_connector("kobo", str(export)), settings)
    assert report.counts.rejected == 0 and report.counts.inserted == 3 * len(items)
    rows = con.execute("select item_id, competency_area, item_text, score from raw_survey_responses "
                       "where response_id = 'u-0' order by item_id").fetchall()
    assert [r[0] for r in rows] == sorted(i for _, i in items)
    assert rows[0][1] == "communication" and rows[0][3] == 4.0
    wording = {q.name: q.labels["en"] for q in questions()}
    assert all(r[2] == wording[r[0]] for r in rows)
    assert item_name("responsiveness.q1") == "responsiveness_q1"


def test_tyndau_questionnaire_writes_both_formats_and_refuses_an_unknown_area(tmp_path):
    from typer.testing import CliRunner

    from tyndau.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["questionnaire", "--out", str(tmp_path / "q.xlsx")]).exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "q.xlsx").sheetnames == ["survey", "choices", "settings"]
    result = runner.invoke(app, ["questionnaire", "--format", "csv", "--area", "leadership", "--out", str(tmp_path / "q.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert [r["name"] for r in rows] == ["leadership_q1", "leadership_q2", "leadership_q3"]
    assert all(r["label_en"] and r["label_ru"] and r["label_kk"] for r in rows)
    refused = runner.invoke(app, ["questionnaire", "--area", "kindness", "--out", str(tmp_path / "x.xlsx")])
    assert refused.exit_code == 2 and "what to do" in refused.output


# ---------------------------------------------------------------- impact: correlated months, many comparisons


def clustered_cube(shock_sd: float, seed: int, n: int = 2000, controls: int = 12) -> list[dict]:
    """No effect, but every agency's complaint share moves by its own persistent amount after the
    session month (an agency-level shock that lasts: its months are correlated). With 2,000 appeals a
    month the binomial noise is tiny beside the shocks."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rows = []
    for agency in ["T", *[f"C{c}" for c in range(controls)]]:
        level, shift = 0.10 + rng.normal(0, 0.02), rng.normal(0, shock_sd)
        for i, m in enumerate(MONTHS):
            rate = min(max(level + (shift if i > 12 else 0.0), 0.01), 0.99)
            rows.append({"agency_key": agency, "area": "communication", "evidence_month": m, "classified_appeals": n,
                         "negative_appeals": int(rng.binomial(n, rate))})
    return rows


def test_intervals_widen_beyond_the_binomial_ones_when_an_agencys_months_are_correlated():
    wider = 0
    for seed in range(5):
        row = impact.training_impact(with_session(cube_db(clustered_cube(0.03, seed))), RULES).row(0, named=True)
        naive_half = stats.Z95 * row["naive_se"]
        half = (row["effect_high"] - row["effect_low"]) / 2
        assert half >= naive_half - 1e-12, "never narrower than the binomial interval"
        assert row["between_se"] > 3 * row["naive_se"], "the shocks are far larger than the binomial noise"
        wider += half > 3 * naive_half
    assert wider == 5


def test_without_correlated_months_the_interval_is_the_binomial_one():
    row = impact.training_impact(with_session(cube_db(clustered_cube(0.0, 1))), RULES).row(0, named=True)
    half = (row["effect_high"] - row["effect_low"]) / 2
    assert half == pytest.approx(stats.Z95 * row["naive_se"], rel=0.5)
    assert row["effect_low"] < 0 < row["effect_high"] and not row["is_significant"]


def test_correlated_months_no_longer_pass_for_an_effect():
    """Same shocks, many seeds: the binomial interval alone calls most of these null effects real, and
    so does the cluster-robust one alone (one trained agency leaves it too few residuals); the
    interval used keeps false alarms near the nominal 5 %."""
    naive_flags = robust_flags = flags = 0
    for seed in range(40):
        row = impact.training_impact(with_session(cube_db(clustered_cube(0.03, seed))), RULES).row(0, named=True)
        naive_flags += abs(row["effect"]) > stats.Z95 * row["naive_se"]
        robust_flags += abs(row["effect"]) > scipy_stats.t.ppf(0.975, 12) * row["clustered_se"]
        flags += row["is_significant"]
    assert naive_flags >= 20 and robust_flags >= 10
    assert flags <= 4


def test_significance_is_decided_after_adjusting_for_every_effect_shown():
    p_values = np.array([0.001, 0.01, 0.02, 0.04, np.nan, 0.5])
    adjusted = impact.benjamini_hochberg(p_values)
    assert adjusted[:4] == pytest.approx([0.005, 0.025, 1 / 30, 0.05])
    assert np.isnan(adjusted[4]) and adjusted[5] == pytest.approx(0.5), "unmeasured effects are no tests"


def test_sessions_of_one_agency_in_one_month_are_one_test():
    con = with_session(cube_db(did_cube(-0.15), {"OTHERKIND": "police"}))
    con.execute("insert into stg_course_sessions values ('S1b', 'T', 'C2', '2025-01-20', 20)")
    effects = impact.training_impact(con, RULES)
    assert effects.height == 2 and effects["p_value"].n_unique() == 1
    assert effects["p_adjusted"].to_list() == effects["p_value"].to_list(), "one treatment, one test: no penalty"
