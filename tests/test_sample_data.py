"""Tests of the sample-data generator and of the committed default dataset (sample_data/default).

The default dataset is what demos and the analytics' acceptance checks run on, so these tests pin
what the README promises: determinism, Kazakhstan working-day deadlines, referential integrity,
the planted behaviour gaps at their documented rates, and the planted training effect.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date, timedelta
from pathlib import Path

import holidays
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # sample_data is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from sample_data import checks  # noqa: E402
from sample_data import scenario as sc  # noqa: E402
from sample_data import text_bank as tb  # noqa: E402
from sample_data.generate import FILES, generate  # noqa: E402
from sample_data.reference import AREAS, REGIONS  # noqa: E402
from sample_data.workdays import due_date  # noqa: E402

DEFAULT = ROOT / "sample_data" / "default"
SIGMAS = 4.0  # tolerance for observed rates against the scenario's expectation


@pytest.fixture(scope="module")
def data() -> dict[str, pl.DataFrame]:
    return checks.load(DEFAULT)


def _naive_due_date(registered: date, term: int = 15) -> date:
    """Independent reference: the `holidays` package's own working-day stepping, which knows
    Kazakhstan's transferred working days (a working Saturday counts, its swapped weekday does not)."""
    kz = holidays.country_holidays("KZ", years=range(registered.year - 1, registered.year + 2))
    return kz.get_nth_working_day(registered, term)


# ------------------------------------------------------------------------------ generator


def test_same_seed_gives_byte_identical_files(tmp_path):
    first = generate(tmp_path / "a", n_appeals=1500, seed=11)
    second = generate(tmp_path / "b", n_appeals=1500, seed=11)
    assert first == second
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_another_seed_gives_other_appeals(tmp_path):
    generate(tmp_path / "a", n_appeals=500, seed=1)
    generate(tmp_path / "b", n_appeals=500, seed=2)
    assert (tmp_path / "a" / "appeals.csv").read_bytes() != (tmp_path / "b" / "appeals.csv").read_bytes()


def test_slices_and_tiny_runs_work(tmp_path):
    """Months split into many slices (the large-scale path) and months without appeals."""
    manifest = generate(tmp_path / "s", n_appeals=3000, seed=3, slice_rows=97)
    assert manifest["files"]["appeals.csv"]["rows"] == 3000
    tiny = generate(tmp_path / "t", n_appeals=7, seed=3, months=3)
    assert tiny["files"]["appeals.csv"]["rows"] == 7


def test_committed_default_is_what_the_generator_writes(tmp_path):
    """The committed files must not drift from the code that documents them."""
    manifest = json.loads((DEFAULT / "manifest.json").read_text(encoding="utf-8"))
    regenerated = generate(tmp_path, n_appeals=manifest["n_appeals"], seed=manifest["seed"],
                           start=date.fromisoformat(manifest["start"]), months=manifest["months"])
    assert regenerated == manifest
    for name, info in manifest["files"].items():
        assert hashlib.sha256((DEFAULT / name).read_bytes()).hexdigest() == info["sha256"], name


def test_default_dataset_stays_within_the_repository_budget():
    total = sum(p.stat().st_size for p in DEFAULT.iterdir())
    assert total < 20_000_000  # ~20 MB since the appeals became letters of realistic length


# ------------------------------------------------------------------------------ deadlines


def test_due_date_skips_nauryz():
    # Registered Wednesday 20 March 2024: 21-23 March (Nauryz) and the observed Monday 25 March are
    # not working days, so the 15th working day is 15 April, not 10 April.
    assert due_date(date(2024, 3, 20)) == date(2024, 4, 15)
    assert due_date(date(2024, 3, 20)) == _naive_due_date(date(2024, 3, 20))


def test_due_date_skips_new_year_and_weekends():
    assert due_date(date(2024, 12, 27)) == _naive_due_date(date(2024, 12, 27))
    assert due_date(date(2025, 3, 7)) == _naive_due_date(date(2025, 3, 7))  # 8 March falls on a Saturday


def test_due_date_counts_transferred_working_days():
    # Monday 22 April 2024: Saturday 4 May 2024 was a working day (swapped with Wednesday 8 May,
    # a day off), so the 15th working day is Thursday 16 May, not 17 May.
    assert due_date(date(2024, 4, 22)) == date(2024, 5, 16)
    # Tuesday 31 December 2024: Friday 3 January 2025 was a day off, Sunday 5 January a working
    # day; counted by hand, the 15th working day is Friday 24 January 2025.
    assert due_date(date(2024, 12, 31)) == date(2025, 1, 24)


def test_default_data_uses_the_transferred_working_days(data):
    appeals = data["appeals"]
    for registered, expected in (("2024-04-22", "2024-05-16"), ("2024-12-31", "2025-01-24")):
        rows = appeals.filter(pl.col("reg_date").str.starts_with(registered))
        assert rows.height > 0, registered
        assert set(rows["due_date"]) == {expected}, registered


def test_due_dates_in_default_data_follow_the_kz_calendar(data):
    appeals = data["appeals"]
    sample = appeals.gather(list(range(0, appeals.height, 37)))
    for reg, due in zip(sample["reg_date"], sample["due_date"]):
        assert due == _naive_due_date(date.fromisoformat(reg[:10])).isoformat(), reg
    nauryz_eve = appeals.filter(pl.col("reg_date").str.starts_with("2024-03-20"))
    assert nauryz_eve.height > 0
    assert set(nauryz_eve["due_date"]) == {"2024-04-15"}


# ------------------------------------------------------------------------------ integrity


def test_regions_are_the_twenty_real_ones(data):
    assert data["regions"]["region_kato"].to_list() == [r.kato for r in REGIONS]
    assert {"31", "19", "61", "23", "71", "75", "79", "10", "33", "62"} <= set(data["regions"]["region_kato"])


def test_referential_integrity(data):
    agencies = set(data["agencies"]["agency_code"])
    appeals = data["appeals"]
    assert appeals["appeal_no"].is_unique().all()
    assert set(appeals["agency_code"]) <= agencies
    assert set(data["agencies"]["region_kato"]) <= set(data["regions"]["region_kato"])
    assert set(appeals["region_kato"]) <= set(data["regions"]["region_kato"])
    appeal_nos = set(appeals["appeal_no"])
    assert set(data["appeal_events"]["appeal_no"]) == appeal_nos  # every appeal has a history
    assert set(data["appeal_labels"]["appeal_no"]) <= appeal_nos
    events = data["appeal_events"]
    assert set(events["from_agency_code"]) <= agencies
    assert set(events["to_agency_code"].drop_nulls()) <= agencies
    assert set(data["survey_360"]["rated_agency_code"]) <= agencies
    assert set(data["course_sessions"]["agency_code"]) <= agencies
    assert set(data["course_sessions"]["course_id"]) <= set(data["training_catalogue"]["course_id"])
    catalogue_areas = {a for areas in data["training_catalogue"]["areas"] for a in areas.split(";")}
    assert catalogue_areas <= set(AREAS)
    assert set(data["appeal_labels"]["area"]) <= set(AREAS)
    assert set(data["survey_360"]["competency_area"]) == set(AREAS)


def test_required_agencies_exist(data):
    names = dict(zip(data["agencies"]["agency_code"], data["agencies"]["agency_name_en"]))
    assert names["AKM-31-TRZ"] == "Akimat of Taraz City"
    assert names["LND-19"] == "Land Relations Department of Almaty Region"
    assert names["PSC-61"] == "Public Service Centres of Turkistan Region"
    assert names["POL-23"] == "Police Department of Atyrau Region"
    assert len(names) >= 20


def test_events_tell_the_same_story_as_appeals(data):
    appeals, events = data["appeals"], data["appeal_events"].with_columns(pl.col("seq").cast(pl.Int32))
    per_appeal = events.group_by("appeal_no").agg(
        pl.col("seq").min().alias("first"), pl.col("seq").max().alias("last"), pl.len(),
        pl.col("status").sort_by("seq").last().alias("last_status"),
        pl.col("event_type").sort_by("seq").first().alias("first_type"),
        pl.col("event_at").sort_by("seq").first().alias("first_at"),
    )
    joined = appeals.join(per_appeal, on="appeal_no")
    assert (joined["first"] == 1).all() and (joined["last"] == joined["len"]).all()
    assert (joined["first_type"] == "registered").all()
    assert (joined["first_at"] == joined["reg_date"]).all()
    assert (joined["last_status"] == joined["status"]).all()
    ordered = events.sort("appeal_no", "seq").with_columns(prev=pl.col("event_at").shift(1).over("appeal_no"))
    assert ordered.filter(pl.col("prev") >= pl.col("event_at")).height == 0
    closed = events.filter((pl.col("event_type") == "status_change") & (pl.col("status") == "closed"))
    check = appeals.join(closed.select("appeal_no", closed_at="event_at"), on="appeal_no", how="left")
    assert (check["close_date"].eq_missing(check["closed_at"])).all()
    answered = appeals.filter(pl.col("answer_date").is_not_null())
    assert set(answered["status"]) <= {"answered", "closed"}
    assert appeals.filter(pl.col("satisfaction").is_not_null() & pl.col("answer_date").is_null()).height == 0


def test_redirect_chains_include_ping_pong(data):
    redirects = data["appeal_events"].filter(pl.col("event_type") == "redirect").group_by("appeal_no").len()
    assert redirects.filter(pl.col("len") >= 2).height > 50
    assert redirects["len"].max() == 3


# ------------------------------------------------------------------------------ shapes


def test_language_and_kind_shares(data):
    appeals = data["appeals"]
    share = lambda col, value: (appeals[col] == value).mean()  # noqa: E731
    assert share("language", "kk") == pytest.approx(0.45, abs=0.025)
    assert share("language", "ru") == pytest.approx(0.45, abs=0.025)
    assert share("language", "en") == pytest.approx(0.10, abs=0.015)
    for kind, target in zip(sc.APPEAL_KINDS, (0.69, 0.06, 0.05, 0.14, 0.06)):
        assert share("appeal_kind", kind) == pytest.approx(target, abs=0.02), kind
    kazakh = appeals.filter(pl.col("language") == "kk")["text"]
    latin = (~kazakh.str.contains("[а-яА-ЯёЁәіңғүұқөһӘІҢҒҮҰҚӨҺ]")).mean()
    assert latin == pytest.approx(sc.KK_LATIN_SHARE, abs=0.015)


def test_about_a_third_of_appeals_carry_behavioural_evidence(data):
    share = data["appeal_labels"]["appeal_no"].n_unique() / data["appeals"].height
    assert share == pytest.approx(0.35, abs=0.02)


def test_some_texts_carry_personal_data(data):
    text = data["appeals"]["text"]
    assert text.str.contains(r"\+7 7\d\d \d{3} \d\d \d\d").sum() > 10
    assert text.str.contains(r"[a-z_.]+\d\d@[a-z]+\.(ru|kz|com)").sum() > 10
    assert text.str.contains(r"(ИИН|ЖСН|IIN)[: ]+(is )?\d{12}").sum() > 10
    assert text.str.contains(r"\+7|@|\d{12}").mean() < 0.03


def test_repeat_applicants_and_resubmissions_exist(data):
    appeals = data["appeals"]
    per_applicant = appeals.group_by("applicant_id").len()
    assert per_applicant.filter(pl.col("len") >= 3).height > 100
    assert appeals["applicant_id"].str.contains(r"^\d{12}$").all()
    assert appeals["text"].str.contains("Повторно обращаюсь|повторное обращение|қайта жазып|writing again").sum() > 100


def test_text_bank_has_the_required_variety():
    for area in AREAS:
        for lang in ("kk", "ru", "en"):
            assert len(set(tb.EVIDENCE[area]["negative"][lang])) >= 6, (area, lang)
            assert len(set(tb.EVIDENCE[area]["positive"][lang])) >= 3, (area, lang)
            assert len(set(tb.EVIDENCE[area]["neutral"][lang])) >= 3, (area, lang)
    for lang in ("kk", "ru", "en"):
        assert len({text for _, _, text in tb.PLAIN[lang]}) >= 40, lang


# ------------------------------------------------------------------------------ planted gaps


@pytest.mark.parametrize("gap", sc.PLANTED_GAPS, ids=lambda g: g.agency_code)
def test_planted_gap_is_present_at_its_documented_rate(data, gap):
    report = {r["agency_code"]: r for r in checks.gap_report(data)}[gap.agency_code]
    assert abs(report["observed"] - report["expected"]) < SIGMAS * report["se"], report
    assert report["top_area"] == gap.area, report  # tops the agency's own ranking of complaints
    assert report["rank"] == 1, report  # and the agency tops the ranking of agencies on that area
    assert report["observed"] > 1.5 * report["runner_up_rate"], report


def test_taraz_akimat_is_slow_and_formal(data):
    report = checks.taraz_handling_report(data)
    mine, others = report["agency"], report["others"]
    assert mine["late_share"] > 0.4 and mine["late_share"] > 3 * others["late_share"]
    assert mine["formal_share"] > 0.4 and mine["formal_share"] > 4 * others["formal_share"]
    assert mine["interim_only_share"] > 0.08 and mine["interim_only_share"] > 4 * others["interim_only_share"]
    assert mine["extended_share"] > 3 * others["extended_share"]


def test_atyrau_police_complaints_halve_after_the_course(data):
    report = checks.training_report(data, sc.TRAINING_EFFECT)
    before, after = report["trained_before"], report["trained_after"]
    assert after["expected"] / before["expected"] == pytest.approx(0.5, abs=0.05)
    assert after["observed"] / before["observed"] < 0.7
    for r in (before, after):
        se = (r["expected"] * (1 - r["expected"]) / r["appeals"]) ** 0.5
        assert abs(r["observed"] - r["expected"]) < SIGMAS * se, r
    comp_before, comp_after = report["comparators_before"], report["comparators_after"]
    assert abs(comp_after["observed"] - comp_before["observed"]) < 0.04  # comparable police stay flat


def test_training_sessions_are_planted_and_comparators_are_clean(data):
    sessions = data["course_sessions"]
    atyrau = sessions.filter((pl.col("agency_code") == "POL-23") & (pl.col("course_id") == "C05"))
    assert atyrau["session_date"].str.starts_with("2025-01").all() and atyrau.height == 4
    communication_courses = data["training_catalogue"].filter(pl.col("areas").str.contains("communication"))
    other_police = sessions.filter(pl.col("agency_code").str.starts_with("POL-") & (pl.col("agency_code") != "POL-23"))
    assert not set(other_police["course_id"]) & set(communication_courses["course_id"])
    null = sessions.filter((pl.col("agency_code") == "AKM-39") & (pl.col("course_id") == "C03"))
    assert null["session_date"].to_list() == ["2024-10-15"]


def test_null_effect_session_changes_nothing(data):
    report = checks.training_report(data, sc.NULL_EFFECT)
    before, after = report["trained_before"], report["trained_after"]
    assert before["expected"] == pytest.approx(after["expected"])
    se = (before["expected"] * (1 - before["expected"]) * (1 / before["appeals"] + 1 / after["appeals"])) ** 0.5
    assert abs(after["observed"] - before["observed"]) < SIGMAS * se


# ------------------------------------------------------------------------------ 360 survey


def test_survey_mirrors_the_planted_gaps(data):
    for r in checks.survey_report(data):
        drop = 0.5 if r["agency_code"] == sc.NULL_EFFECT.agency_code else 0.9
        assert r["outsiders_elsewhere"] - r["outsiders_on_area"] > drop, r
    taraz = {r["agency_code"]: r for r in checks.survey_report(data)}["AKM-31-TRZ"]
    others = [r["self_minus_others"] for r in checks.survey_report(data) if r["agency_code"] != "AKM-31-TRZ"]
    assert taraz["self_minus_others"] > 0.9 and taraz["self_minus_others"] > sum(others) / len(others) + 0.4


def test_survey_has_anonymity_edge_cases(data):
    sizes = checks.rater_group_sizes(data).filter(pl.col("rater_role").is_in(["peer", "direct_report", "citizen"]))
    small = sizes.filter(pl.col("len") < 5).height
    assert 0 < small < 0.3 * sizes.height
    survey = data["survey_360"]
    assert set(survey["rater_role"]) == {"self", "manager", "peer", "direct_report", "citizen"}
    assert set(survey["score"].cast(pl.Int32)) <= {1, 2, 3, 4, 5} and set(survey["scale_max"]) == {"5"}
    items_per_area = survey.select("item_id", "competency_area").unique().group_by("competency_area").len()
    assert items_per_area["len"].min() >= 2 and items_per_area["len"].max() <= 3
