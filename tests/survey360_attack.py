"""An attacker on the published 360-degree marts: differencing, done exactly.

It reads only what the dashboard and the CLI read (mart_360_scores, mart_360_items,
fct_360_comments) and writes down every additive relation it knows holds among the published
figures, per agency, survey quarter and area:

(a) groups within a subject: "others" = the sum of the rater groups but self (unit and agency);
(b) units within an agency: the agency's group = the sum of that group over the units;
(c) items within an area: the area's group = the mean of its items' groups, and an item's raters
    are the area's raters, wherever every rater of the group answered every item once (the
    attacker is granted knowledge of which groups those are: the instrument says who is asked
    what; citizens, for one, are asked only some items, so "others" usually is not complete);
(d) the same relations on rater counts.

Sums are mean x count. A hidden value is *recovered* when the visible figures determine it
uniquely (it lies in the row space of the relations restricted to the unknowns); the solver then
also computes it, so a recovery can be checked against the truth. It is written independently of
warehouse.anonymity (it must also run against a build that has no such module, to measure the
"before"), so the two do not share a mistake.

Run as a script to measure a survey file:
``python tests/survey360_attack.py sample_data/default/survey_360.csv`` (from a checkout root, with
that checkout on PYTHONPATH).
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

SELF, OTHERS = "self", "others"
_EPS = 1e-7


@dataclass
class Findings:
    """What the attack recovered: (cell -> value) for score means and rater counts, and pooled
    small groups (a relation whose hidden parts together have fewer than k raters)."""
    hidden_cells: set = field(default_factory=set)
    scores: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    pooled: list = field(default_factory=list)


def published(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every published 360 cell, area and item level, as the marts hold it."""
    return con.execute("""
        select 'area' as level, agency_key, scope, unit, area, '' as item_id, rater_group, survey_period,
               raters, mean_score, mean_score * raters as total
        from mart_360_scores
        union all
        select 'item', agency_key, scope, unit, area, item_id, rater_group, survey_period,
               raters, mean_score, mean_score * answers
        from mart_360_items""").pl()


def _key(r: dict) -> tuple:
    return (r["level"], r["agency_key"], r["scope"], r["unit"], r["area"], r["item_id"], r["rater_group"],
            r["survey_period"])


def _replace(key: tuple, **changes) -> tuple:
    names = ("level", "agency_key", "scope", "unit", "area", "item_id", "rater_group", "survey_period")
    return tuple(changes.get(n, v) for n, v in zip(names, key))


FAMILIES = ("groups", "units", "items")


def relations(cells: list[tuple], complete: set, families: tuple[str, ...] = FAMILIES) -> tuple[list, list]:
    """(score relations, count relations): each (coefficients by cell), meaning sum(c * x) == 0."""
    present = set(cells)
    sums: list[dict] = []
    counts: list[dict] = []
    by_total: dict[tuple, list] = defaultdict(list)
    for c in cells:
        level, agency, scope, unit, area, item, group, period = c
        if group in (SELF, OTHERS):
            continue
        by_total[("groups", _replace(c, rater_group=OTHERS))].append(c)
    for c in cells:
        if c[2] == "unit" and c[6] != SELF:
            by_total[("units", _replace(c, scope="agency", unit=""))].append(c)
    for (family, total), parts in by_total.items():
        if total in present and family in families:
            relation = {total: 1.0}
            for p in parts:
                relation[p] = relation.get(p, 0.0) - 1.0
            sums.append(relation)
            counts.append(relation)
    items: dict[tuple, list] = defaultdict(list)
    for c in cells:
        if c[0] == "item" and c[6] != SELF:
            items[_replace(c, level="area", item_id="")].append(c)
    for area_cell, parts in items.items():
        if area_cell in present and area_cell in complete and "items" in families:
            sums.append({area_cell: float(len(parts)), **{p: -1.0 for p in parts}})
            counts.extend({area_cell: 1.0, p: -1.0} for p in parts)
    return sums, counts


def solve(relations_: list[dict], known: dict, unknown: set) -> dict:
    """The unknowns the relations determine, with their values (others are left out)."""
    rows = [r for r in relations_ if any(c in unknown for c in r)]
    cells = sorted({c for r in rows for c in r if c in unknown}, key=repr)
    if not cells:
        return {}
    index = {c: i for i, c in enumerate(cells)}
    a = np.zeros((len(rows), len(cells)))
    b = np.zeros(len(rows))
    for i, r in enumerate(rows):
        for c, v in r.items():
            if c in unknown:
                a[i, index[c]] = v
            else:
                b[i] -= v * known[c]
    x, *_ = np.linalg.lstsq(a, b, rcond=None)
    _, s, vt = np.linalg.svd(a)
    rank = int((s > 1e-9 * max(a.shape) * (s[0] if s.size else 0)).sum())
    null = vt[rank:]
    return {c: float(x[index[c]]) for c in cells if null.shape[0] == 0 or np.abs(null[:, index[c]]).max() < _EPS}


def attack(con: duckdb.DuckDBPyConnection, k: int, known: "Truth", families: tuple[str, ...] = FAMILIES) -> Findings:
    """Try every differencing attack on the published marts. From the raw data the attacker gets
    only which groups answered every item (``known.complete``); ``known.raters`` is used after the
    attack, to judge whether a pooled figure belongs to a small group."""
    frame = published(con)
    findings = Findings()
    for block in frame.partition_by(["agency_key", "survey_period", "area"]):
        rows = block.to_dicts()
        cells = [_key(r) for r in rows]
        sums, counts = relations(cells, known.complete, families)
        known_total = {_key(r): r["total"] for r in rows if r["total"] is not None}
        known_n = {_key(r): r["raters"] for r in rows if r["raters"] is not None}
        hidden = {c for c in cells if c not in known_total}
        findings.hidden_cells |= hidden
        totals = solve(sums, known_total, hidden)
        n = {**known_n, **solve(counts, known_n, {c for c in cells if c not in known_n})}
        findings.counts.update({c: v for c, v in n.items() if c not in known_n})
        findings.scores.update({c: totals[c] / n[c] for c in totals if n.get(c)})
        findings.pooled += _pooled_small_groups(sums, hidden, {**known_total, **totals}, known.raters, k)
    return findings


def _pooled_small_groups(sums: list[dict], hidden: set, known: dict, true_raters: dict, k: int) -> list:
    """Relations with a known total whose hidden parts pool fewer than k raters (items share raters)."""
    leaks = []
    for relation in sums:
        total = max(relation, key=lambda c: relation[c])
        parts = [c for c in relation if c != total and c in hidden]
        if total not in known or not parts:
            continue
        sizes = [true_raters.get(p, 0) for p in parts]
        pooled = max(sizes) if total[0] != parts[0][0] else sum(sizes)
        if pooled < k and any(p not in known for p in parts):
            leaks.append((total, tuple(parts)))
    return leaks


@dataclass
class Truth:
    """The unsuppressed figures of every cell (cell -> mean, cell -> raters) and the area cells
    whose raters all answered each of the area's items once."""
    means: dict
    raters: dict
    complete: set


def truth(survey: pl.DataFrame) -> Truth:
    """The truth of every cell, from the raw survey rows (1-5 scale, every answer naming its unit)."""
    answers = survey.with_columns(
        pl.col("submitted_at").str.to_datetime().dt.truncate("1q").dt.date().alias("survey_period"),
        pl.col("rated_agency_code").alias("agency_key"), pl.col("competency_area").alias("area"),
        pl.col("score").cast(pl.Float64))
    answers = pl.concat([answers.with_columns(pl.col("rater_role").alias("rater_group")),
                         answers.filter(pl.col("rater_role") != SELF).with_columns(pl.lit(OTHERS).alias("rater_group"))])
    scoped = pl.concat([answers.with_columns(pl.lit("agency").alias("scope"), pl.lit("").alias("unit")),
                        answers.with_columns(pl.lit("unit").alias("scope"), pl.col("rated_unit").alias("unit"))])
    keys = ["agency_key", "scope", "unit", "area", "rater_group", "survey_period"]
    area = scoped.group_by([*keys, "rater_id"]).agg(pl.col("score").mean()).group_by(keys).agg(
        pl.col("score").mean().alias("mean_score"), pl.len().alias("raters")).with_columns(
        pl.lit("area").alias("level"), pl.lit("").alias("item_id"))
    item = scoped.group_by([*keys, "item_id"]).agg(
        pl.col("score").mean().alias("mean_score"), pl.col("rater_id").n_unique().cast(pl.UInt32).alias("raters")
    ).with_columns(pl.lit("item").alias("level"))
    columns = ["level", "agency_key", "scope", "unit", "area", "item_id", "rater_group", "survey_period",
               "mean_score", "raters"]
    cells = pl.concat([area.select(columns), item.select(columns)])
    complete = scoped.group_by(keys).agg(
        (pl.len() == pl.col("rater_id").n_unique() * pl.col("item_id").n_unique()).alias("complete"),
        (pl.struct("rater_id", "item_id").n_unique() == pl.len()).alias("once"),
    ).filter(pl.col("complete") & pl.col("once")).with_columns(pl.lit("area").alias("level"), pl.lit("").alias("item_id"))
    return Truth(means={tuple(r[:8]): r[8] for r in cells.iter_rows()},
                 raters={tuple(r[:8]): r[9] for r in cells.iter_rows()},
                 complete={tuple(r[:8]) for r in complete.select(columns[:8]).iter_rows()})


def primary_only(known: Truth, k: int) -> duckdb.DuckDBPyConnection:
    """The marts as they were before complementary suppression (main, issue 10): every cell with
    its rater count, the score of a group under k hidden, nothing else. The attack's baseline."""
    con = duckdb.connect(":memory:")
    cells = pl.DataFrame([(*c, known.means[c], known.raters[c]) for c in known.means], orient="row", schema=[
        "level", "agency_key", "scope", "unit", "area", "item_id", "rater_group", "survey_period", "mean_score",
        "raters"]).with_columns(
        pl.when((pl.col("raters") < k) & (pl.col("rater_group") != SELF)).then(None)
        .otherwise(pl.col("mean_score")).alias("mean_score"), pl.col("raters").alias("answers"))
    con.register("cells", cells)
    con.execute("create table mart_360_scores as select * exclude (level, item_id) from cells where level = 'area'")
    con.execute("create table mart_360_items as select * exclude (level) from cells where level = 'item'")
    return con


def build_survey_warehouse(csv_path: Path, workdir: Path, min_raters: int = 5) -> duckdb.DuckDBPyConnection:
    """A real warehouse file holding only the survey, built by the project's own ingest and build."""
    from ingestion.pipeline import ingest
    from ingestion.registry import make_connector
    from warehouse.build import build_models
    from warehouse.config import load_settings
    from warehouse.db import connect, migrate
    from warehouse.refdata import load_reference_data

    settings = load_settings(workdir / "none.toml", db_path=str(workdir / "tyndau.duckdb"), salt="attack-salt-not-for-deployment")
    settings = settings.__class__(**{**settings.__dict__, "min_raters": min_raters})
    con = connect(settings.db_path)
    migrate(con)
    load_reference_data(con)
    ingest(con, make_connector("csv", str(csv_path), "survey-360-generic"), settings)
    build_models(con, settings)
    return con


def measure(csv_path: Path, k: int = 5, family_sets: list[tuple[str, ...]] | None = None) -> dict[str, dict]:
    """Per attack (each family of relations alone, then all together): how many hidden manager
    groups (area level, both scopes) it recovers, checked against the truth, and how many hidden
    cells, scores and counts of any kind."""
    survey = pl.read_csv(csv_path, infer_schema_length=0).with_columns(pl.col("score").cast(pl.Int64))
    known = truth(survey)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        con = build_survey_warehouse(csv_path, Path(tmp), k)
        for families in family_sets or [(f,) for f in FAMILIES] + [FAMILIES]:
            findings = attack(con, k, known, families)
            correct = {c for c, v in findings.scores.items() if abs(v - known.means[c]) < 1e-6}
            managers = {c for c in findings.hidden_cells if c[0] == "area" and c[6] == "manager"}
            results["+".join(families)] = {
                "hidden_manager_groups": len(managers), "recovered_manager_groups": len(managers & correct),
                "hidden_cells": len(findings.hidden_cells), "recovered_scores": len(correct),
                "wrong_recoveries": len(findings.scores) - len(correct), "recovered_counts": len(findings.counts),
                "pooled_small_groups": len(findings.pooled)}
        con.close()
    return results


if __name__ == "__main__":
    for attack_name, figures in measure(Path(sys.argv[1])).items():
        print(attack_name, " ".join(f"{name}={value}" for name, value in figures.items()))
