"""Read-side queries behind the analysts' pages: areas, trends, changes, groups, search, texts.

Like :mod:`insights.responsiveness`, every function takes a connection and a :class:`Filters` and returns
a polars frame; user choices reach SQL only as bound parameters, and column names only from fixed
allow-lists. Counts come from the cubes (``mart_area_cube``, ``mart_text_group_cube``), rates divide
them by the volumes of ``mart_responsiveness`` under the same filters (area and polarity filters
choose the evidence, never the denominator). Functions that return citizens' texts say so in their
name (``texts_…``, ``search_texts``, ``appeal_detail``): the dashboard shows them to analysts only
and logs each view.
"""

from __future__ import annotations

import math

import duckdb
import polars as pl

from insights.scope import DIMENSIONS, Filters, where
from warehouse.errors import WarehouseError
from warehouse.search import INDEX_SCHEMA, STEMMER, has_search_index

PER = 1000  # rates are per 1,000 appeals
AREA_DIMENSIONS = {k: v for k, v in DIMENSIONS.items() if k != "month"}
TEXT_COLUMNS = ("appeal_id", "registered_at", "agency_key", "agency", "region", "language", "appeal_type", "text")


def where_evidence(f: Filters, prefix: str = "") -> tuple[str, list]:
    """The cube filters plus the area and polarity choices (for tables that have those columns)."""
    clause, params = where(f)
    clauses = [clause]
    for column, values in (("area", f.areas), ("polarity", f.polarities)):
        if values:
            clauses.append(f"{prefix}{column} in (select unnest(?))")
            params.append(list(values))
    return " and ".join(clauses), params


def total_appeals(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    clause, params = where(f)
    return int(con.execute(f"select coalesce(sum(appeals), 0) from mart_responsiveness where {clause}",
                           params).fetchone()[0])


def area_totals(con: duckdb.DuckDBPyConnection, f: Filters) -> pl.DataFrame:
    """Per area: appeals giving evidence, split by polarity, and the rate per 1,000 appeals."""
    clause, params = where_evidence(f)
    frame = con.execute(f"""
        select area, sum(appeals)::bigint as appeals,
               coalesce(sum(appeals) filter (where polarity = 'negative'), 0)::bigint as negative,
               coalesce(sum(appeals) filter (where polarity = 'positive'), 0)::bigint as positive,
               coalesce(sum(appeals) filter (where polarity = 'neutral'), 0)::bigint as neutral
        from mart_area_cube where {clause} group by area order by appeals desc, area""", params).pl()
    total = total_appeals(con, f)
    return frame.with_columns((pl.col("appeals") * PER / total if total else pl.lit(None, pl.Float64))
                              .alias("per_1000"), pl.lit(total).alias("all_appeals"))


def area_matrix(con: duckdb.DuckDBPyConnection, f: Filters, by: str = "agency") -> pl.DataFrame:
    """Heatmap data: per value of `by` and area, evidence counts and rate per 1,000 of its appeals."""
    column = AREA_DIMENSIONS[by]
    clause, params = where_evidence(f)
    base_clause, base_params = where(f)
    return con.execute(f"""
        with evidence as (
            select {column} as key, area, sum(appeals)::bigint as appeals,
                   coalesce(sum(appeals) filter (where polarity = 'negative'), 0)::bigint as negative
            from mart_area_cube where {clause} group by all
        ),
        volume as (
            select {column} as key, sum(appeals)::bigint as all_appeals
            from mart_responsiveness where {base_clause} group by all
        )
        select e.key, e.area, e.appeals, e.negative, v.all_appeals,
               e.appeals * {PER}.0 / v.all_appeals as per_1000,
               e.negative * {PER}.0 / v.all_appeals as negative_per_1000
        from evidence e join volume v using (key)
        order by v.all_appeals desc, e.key, e.area""", [*params, *base_params]).pl()


def area_trend(con: duckdb.DuckDBPyConnection, f: Filters) -> pl.DataFrame:
    """Per month and area: evidence counts and rate per 1,000 appeals of that month."""
    clause, params = where_evidence(f)
    base_clause, base_params = where(f)
    return con.execute(f"""
        with evidence as (
            select registered_month as month, area, sum(appeals)::bigint as appeals
            from mart_area_cube where {clause} group by all
        ),
        volume as (
            select registered_month as month, sum(appeals)::bigint as all_appeals
            from mart_responsiveness where {base_clause} group by all
        )
        select e.month, e.area, e.appeals, v.all_appeals, e.appeals * {PER}.0 / v.all_appeals as per_1000
        from evidence e join volume v using (month)
        order by e.month, e.area""", [*params, *base_params]).pl()


def area_changes(con: duckdb.DuckDBPyConnection, f: Filters, by: str | None = None, min_count: int = 10) -> pl.DataFrame:
    """What changed most since the previous period of the same length, ranked by how sure the change is.

    Per area (or per value of `by` and area): evidence counts and rates per 1,000 appeals now and
    before, the change, and a z score of the difference of two Poisson rates, so a jump from 1 to 3
    letters does not outrank a steady rise from 300 to 420. Rows with fewer than `min_count`
    letters in both periods are left out.
    """
    if not (f.date_from and f.date_to):
        raise WarehouseError("Choose a period to compare with the one before it.",
                             hint="Set the months filter to a range.")
    now, before = _rates(con, f, by), _rates(con, f.previous_period(), by)
    keys = ["key", "area"] if by else ["area"]
    joined = now.join(before, on=keys, how="full", suffix="_before", coalesce=True).fill_null(0)
    joined = joined.with_columns(
        pl.when(pl.col("all_appeals") > 0).then(pl.col("appeals") * PER / pl.col("all_appeals")).alias("per_1000"),
        pl.when(pl.col("all_appeals_before") > 0).then(pl.col("appeals_before") * PER / pl.col("all_appeals_before"))
        .alias("per_1000_before"),
    )
    joined = joined.with_columns(
        (pl.col("per_1000") - pl.col("per_1000_before")).alias("change_per_1000"),
        pl.struct("appeals", "all_appeals", "appeals_before", "all_appeals_before")
        .map_elements(lambda r: poisson_rate_z(r["appeals"], r["all_appeals"], r["appeals_before"],
                                               r["all_appeals_before"]), return_dtype=pl.Float64).alias("z"),
    )
    enough = (pl.col("appeals") >= min_count) | (pl.col("appeals_before") >= min_count)
    return joined.filter(enough).sort(pl.col("z").abs(), descending=True, nulls_last=True)


def _rates(con: duckdb.DuckDBPyConnection, f: Filters, by: str | None) -> pl.DataFrame:
    column = AREA_DIMENSIONS[by] if by else None
    select_key = f"{column} as key, " if column else ""
    clause, params = where_evidence(f)
    base_clause, base_params = where(f)
    join = "join volume v using (key)" if column else "cross join volume v"
    volume_key = f"{column} as key, " if column else ""
    return con.execute(f"""
        with evidence as (
            select {select_key} area, sum(appeals)::bigint as appeals
            from mart_area_cube where {clause} group by all
        ),
        volume as (
            select {volume_key} sum(appeals)::bigint as all_appeals
            from mart_responsiveness where {base_clause} {"group by all" if column else ""}
        )
        select e.*, v.all_appeals from evidence e {join}""", [*params, *base_params]).pl()


def poisson_rate_z(count: float, exposure: float, count_before: float, exposure_before: float) -> float | None:
    """z of the difference between two rates (count / exposure), with the pooled Poisson variance."""
    if not exposure or not exposure_before:
        return None
    pooled = (count + count_before) / (exposure + exposure_before)
    variance = pooled * (1 / exposure + 1 / exposure_before)
    if variance <= 0:
        return None
    return (count / exposure - count_before / exposure_before) / math.sqrt(variance)


# ---------------------------------------------------------------- groups of similar texts


def text_groups(con: duckdb.DuckDBPyConnection, f: Filters, area: str, limit: int = 50) -> pl.DataFrame:
    """The groups of one area under the filters, largest first, with label, examples and top agency."""
    clause, params = where_evidence(f, prefix="c.")
    return con.execute(f"""
        with counted as (
            select c.group_no, sum(c.appeals)::bigint as appeals,
                   coalesce(sum(c.appeals) filter (where c.polarity = 'negative'), 0)::bigint as negative,
                   count(distinct c.agency_key) as agencies
            from mart_text_group_cube c
            where c.area = ? and {clause} group by c.group_no
        )
        select c.group_no, g.label, g.sentence, c.appeals, c.negative, c.agencies, g.appeals as appeals_all_time,
               g.cohesion, g.top_agency_key, g.top_agency_appeals, g.example_ids,
               g.first_registered_at, g.last_registered_at
        from counted c join mart_text_groups g on g.area = ? and g.group_no = c.group_no
        order by c.appeals desc, c.group_no limit ?""", [area, *params, area, limit]).pl()


def group_by_agency(con: duckdb.DuckDBPyConnection, f: Filters, area: str, group_no: int) -> pl.DataFrame:
    """Where one group's letters went: appeals per agency under the filters."""
    clause, params = where_evidence(f)
    return con.execute(f"""
        select agency_key, region_key, sum(appeals)::bigint as appeals
        from mart_text_group_cube where area = ? and group_no = ? and {clause}
        group by agency_key, region_key order by appeals desc, agency_key""", [area, group_no, *params]).pl()


# ---------------------------------------------------------------- texts (analysts only)


def texts_behind(con: duckdb.DuckDBPyConnection, f: Filters, area: str | None = None, polarity: str | None = None,
                 group_no: int | None = None, agency_key: str | None = None, region_key: str | None = None,
                 month=None, limit: int = 200, offset: int = 0) -> pl.DataFrame:
    """The letters behind a number on a chart (newest first): the drill-down of every themes chart.
    ``offset`` skips that many (the API pages through them).

    Two steps, so a million appeals cost little: choose the ids from the narrow tables (the labels
    carry the cube dimensions), then fetch those texts through the id index (:func:`fetch_texts`).
    """
    source, params = _behind(f, area, polarity, group_no, agency_key, region_key, month)
    ids = con.execute(f"""
        select x.appeal_id {source}
        group by x.appeal_id order by max(x.registered_at) desc, x.appeal_id limit ? offset ?""",
                      [*params, limit, offset]).fetchall()
    return fetch_texts(con, [i[0] for i in ids])


def count_behind(con: duckdb.DuckDBPyConnection, f: Filters, area: str | None = None, polarity: str | None = None,
                 group_no: int | None = None, agency_key: str | None = None, region_key: str | None = None,
                 month=None) -> int:
    """How many appeals stand behind the same drill-down: the true total, which the list may cut short."""
    source, params = _behind(f, area, polarity, group_no, agency_key, region_key, month)
    return con.execute(f"select count(distinct x.appeal_id) {source}", params).fetchone()[0]


def _behind(f: Filters, area, polarity, group_no, agency_key, region_key, month) -> tuple[str, list]:
    """The FROM and WHERE of a drill-down, shared by the list and its count so the two never disagree."""
    areas = [area] if area else list(f.areas)
    polarities = [polarity] if polarity else list(f.polarities)
    by_label = bool(areas or polarities or group_no is not None)
    clause, params = where(f, "x.registered_month", alias="x.")
    conditions, extra = [], []
    for column, values in (("x.area", areas if by_label else []), ("x.polarity", polarities)):
        if values:
            conditions.append(f"{column} in (select unnest(?))")
            extra.append(values)
    if group_no is not None:
        conditions.append("(x.appeal_id, x.area) in (select appeal_id, area from fct_text_group_members "
                          "where group_no = ?)")
        extra.append(group_no)
    for column, value in (("x.agency_key", agency_key), ("x.region_key", region_key), ("x.registered_month", month)):
        if value is not None:
            conditions.append(f"{column} = ?")
            extra.append(value)
    source = "fct_appeal_areas" if by_label else "fct_appeals"
    return f"from {source} x where {' and '.join([clause, *conditions])}", [*params, *extra]


def fetch_texts(con: duckdb.DuckDBPyConnection, appeal_ids: list[str], scores: list[float] | None = None) -> pl.DataFrame:
    """These appeals with their texts, in the order given (an index lookup per id, not a scan)."""
    schema = {"appeal_id": pl.Utf8, "registered_at": pl.Datetime("us"), "agency_key": pl.Utf8, "agency": pl.Utf8,
              "region": pl.Utf8, "language": pl.Utf8, "appeal_type": pl.Utf8, "text": pl.Utf8}
    if not appeal_ids:
        frame = pl.DataFrame(schema=schema)
        return frame.with_columns(pl.lit(None, pl.Float64).alias("score")) if scores is not None else frame
    placeholders = ", ".join("?" * len(appeal_ids))  # a literal IN list is what DuckDB answers from the index
    found = con.execute(f"""
        select appeal_id, registered_at, agency_key, agency, region_key, region, language, appeal_type, text
        from fct_appeals where appeal_id in ({placeholders})""", appeal_ids).pl()
    order = pl.DataFrame({"appeal_id": appeal_ids, "_order": range(len(appeal_ids))},
                         schema={"appeal_id": pl.Utf8, "_order": pl.Int64})
    if scores is not None:
        order = order.with_columns(pl.Series("score", scores, dtype=pl.Float64))
    return order.join(found, on="appeal_id", how="inner").sort("_order").drop("_order").select(
        *schema, *(["score"] if scores is not None else []))


def search_texts(con: duckdb.DuckDBPyConnection, text: str, f: Filters, limit: int = 100) -> pl.DataFrame:
    """BM25 full-text search over the redacted texts, within the filters, best matches first.

    The score is DuckDB fts's own BM25 (k = 1.2, b = 0.75, the same tokenizer and stemmer), but
    summed from the postings of the query's terms (``postings``, sorted by term, then document)
    instead of calling ``match_bm25`` once per appeal. Documents are numbered in registration order,
    so the chosen months are one range of document numbers: each term's postings are read for that
    range only (zone maps skip the rest), and a filter on the period alone needs no join at all.
    At 10 M appeals a common word has millions of postings; reading a third of them, not all, is
    what keeps a search under the dashboard's 200 ms. Then only the best `limit` texts are fetched,
    through the id indexes.
    """
    if not has_search_index(con):
        raise WarehouseError("The snapshot has no search index.", hint="Run `tyndau build` to create it.")
    terms = _query_terms(con, text) if text.strip() else []
    span = _document_span(con, f) if terms else None
    if span is None:
        return fetch_texts(con, [], scores=[])
    ranked = _best_documents(con, terms, f, span, limit)
    return fetch_texts(con, [appeal_id for appeal_id, _ in ranked], scores=[score for _, score in ranked])


def _query_terms(con: duckdb.DuckDBPyConnection, text: str) -> list[tuple[int, float]]:
    """The query's indexed terms (the index's own tokenizer and stemmer) with their BM25 IDF."""
    s = INDEX_SCHEMA
    return con.execute(f"""
        with tokens as (select distinct stem(unnest({s}.tokenize(?)), '{STEMMER}') as term)
        select d.termid, log(((select num_docs from {s}.stats) - d.df + 0.5) / (d.df + 0.5) + 1) as idf
        from {s}.dict d join tokens t on d.term = t.term order by d.termid""", [text]).fetchall()


def _document_span(con: duckdb.DuckDBPyConnection, f: Filters) -> tuple[int, int, bool] | None:
    """First and last document number of the chosen period, and whether that range holds exactly
    the period's documents (true when documents are numbered in registration order, as the build
    numbers them; a copy made otherwise still searches right, through the filter join)."""
    clause, params = where(Filters(date_from=f.date_from, date_to=f.date_to))
    first, last, count = con.execute(
        f"select min(docno), max(docno), count(*) from {INDEX_SCHEMA}.doc_filters where {clause}", params).fetchone()
    return None if not count else (int(first), int(last), count == last - first + 1)


def search_filter(f: Filters) -> tuple[str, list]:
    """The filters on the search's ``doc_filters`` (alias ``x``), and their parameters: the sidebar's
    columns, and for an area or polarity choice, the appeals with that evidence."""
    clause, params = where(f, "x.registered_month", alias="x.")
    if f.areas or f.polarities:
        clause += " and x.appeal_id in (select appeal_id from fct_appeal_areas where true"
        for column, values in (("area", f.areas), ("polarity", f.polarities)):
            if values:
                clause += f" and {column} in (select unnest(?))"
                params.append(list(values))
        clause += ")"
    return clause, params


def _period_only(f: Filters) -> bool:
    return not (f.agencies or f.regions or f.channels or f.languages or f.appeal_types or f.areas or f.polarities)


def _best_documents(con: duckdb.DuckDBPyConnection, terms: list[tuple[int, float]], f: Filters,
                    span: tuple[int, int, bool], limit: int) -> list[tuple[str, float]]:
    s = INDEX_SCHEMA
    first, last, exact = span
    # Term ids, IDFs and document numbers are numbers this module computed, never user text: written
    # into the SQL so that each term's scan gets constant bounds, which is what zone maps skip on.
    postings = " union all ".join(
        f"select docno, tf, len, {idf!r}::double as idf from {s}.postings "
        f"where termid = {int(termid)} and docno between {first} and {last}" for termid, idf in terms)
    allowed, params = "", []
    if not (exact and _period_only(f)):
        clause, params = search_filter(f)
        allowed = (f"where docno in (select x.docno from {s}.doc_filters x "
                   f"where x.docno between {first} and {last} and {clause})")
    bm25 = f"idf * (tf * (1.2 + 1) / (tf + 1.2 * (1 - 0.75 + 0.75 * len / (select avgdl from {s}.stats))))"
    # One term has one posting per document: no sum, so no hash table over a common word's million rows.
    score, grouping = (bm25, "") if len(terms) == 1 else (f"sum({bm25})", "group by docno")
    best = con.execute(f"""
        select docno, {score} as score from ({postings}) {allowed}
        {grouping} order by score desc, docno limit ?""", [*params, limit]).fetchall()
    if not best:
        return []
    numbers = ", ".join(str(int(docno)) for docno, _ in best)  # a literal IN list: answered from the index
    names = dict(con.execute(f"select docno, appeal_id from {s}.doc_filters where docno in ({numbers})").fetchall())
    return sorted(((names[docno], score) for docno, score in best), key=lambda r: (-r[1], r[0]))


def appeal_detail(con: duckdb.DuckDBPyConnection, appeal_id: str) -> dict | None:
    """One appeal with its text, lifecycle and labels (the model's and the effective ones)."""
    row = con.execute("""
        select appeal_id, external_id, registered_at, agency_key, agency, region_key, region, channel, language, appeal_type,
               status, due_date, final_answer_at, is_on_time, redirect_count, satisfaction, text
        from fct_appeals where appeal_id = ?""", [appeal_id]).pl()
    if row.height == 0:
        return None
    detail = row.row(0, named=True)
    detail["labels"] = con.execute("""
        select area, polarity, score, is_low_confidence, model_version, is_corrected from fct_appeal_areas
        where appeal_id = ? order by score desc nulls last, area""", [appeal_id]).pl()
    return detail


def review_queue(con: duckdb.DuckDBPyConnection, f: Filters, limit: int = 100) -> pl.DataFrame:
    """Texts not yet corrected, most uncertain and most consequential first (see mart_review_queue)."""
    clause, params = where(f, "registered_month")
    rows = con.execute(f"""
        select appeal_id, review_priority from mart_review_queue
        where {clause}
        order by review_priority desc, closest_margin, appeal_id limit ?""", [*params, limit]).fetchall()
    return fetch_texts(con, [r[0] for r in rows], scores=[r[1] for r in rows])


def appeals_with_evidence(con: duckdb.DuckDBPyConnection, f: Filters, polarity: str | None = None) -> int:
    """Distinct appeals with at least one area (of this polarity) under the filters: an appeal
    complaining about two behaviours counts once."""
    clause, params = where_evidence(f)
    extra = " and polarity = ?" if polarity else ""
    return int(con.execute(f"select count(distinct appeal_id) from fct_appeal_areas where {clause}{extra}",
                           [*params, *([polarity] if polarity else [])]).fetchone()[0])
