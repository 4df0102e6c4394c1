"""A snapshot of N appeals made from a smaller real one with DuckDB SQL, in minutes instead of an hour.

Why: building 10 M appeals through the generator, classifications and `build` takes ~45 minutes on
two cores (docs/dashboard.md); what the dashboard's speed depends on is the size of the tables its
queries read. So a real warehouse of `base` appeals (generated, loaded, classified, built) is
replicated k times, table by table, inside DuckDB:

- per-appeal tables (facts, the review queue, the classifier's rows): k copies, copy i > 0 with
  ``~i`` appended to every appeal id (copy 0 keeps the ids, so every list of example ids still
  resolves), in the base's row order copy after copy;
- the fine cubes (``mart_*`` by region, channel, language, type and month): k copies of every row,
  so every sum is k times the base's and every rate is the base's. This is an upper bound on their
  size: a real cube of k times the appeals fills its cells, it does not repeat them k times;
- marts by agency, area and month only (``mart_area_evidence_monthly``, ``mart_indicator_matches``):
  as they are. Their grid is already full at the base size (75 agencies x 12 areas x 24 months), so
  a larger warehouse has the same rows; their counts stay the base's (rates are unchanged);
- the search index: documents and postings copied with their document numbers shifted, postings
  kept sorted by term, document frequencies and the document count multiplied by k (BM25 scores
  are then within a fraction of a percent of the base's: only IDF's +0.5 terms differ). The ``terms`` table (the index's token list, which no
  query reads) is left empty, so the file is smaller than a real one by that table;
- everything else (dimensions, reference tables, the other per-agency marts, the 360-degree survey,
  training): copied as is.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from warehouse.search import INDEX_SCHEMA, create_lookup_indexes, load_fts

PER_APPEAL = {  # table -> its id columns made unique per copy
    "fct_appeals": ("appeal_id", "external_id"),
    "fct_appeal_areas": ("appeal_id",),
    "fct_appeal_evidence": ("appeal_id",),
    "fct_appeal_last_change": ("appeal_id",),
    "fct_text_group_members": ("appeal_id",),
    "mart_review_queue": ("appeal_id",),
    "text_classifications": ("text_id",),
}
CUBE_COLUMNS = {"region_key", "registered_month"}  # a fine cube: its cells multiply with the appeals
ALIAS = "scaled"


def scale_snapshot(base_snapshot: Path, target: Path, k: int, memory_limit: str = "8GB") -> dict:
    """Write `target`: the base snapshot with its appeal-grain tables k times; returns rows and seconds."""
    started = time.perf_counter()
    for stale in (target, target.with_name(target.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    load_fts(con)
    con.execute(f"set memory_limit = '{memory_limit}'")
    con.execute("set preserve_insertion_order = true")
    base = "base"
    con.execute(f"attach '{base_snapshot}' as {base} (read_only)")
    con.execute(f"attach '{target}' as {ALIAS}")
    try:
        con.execute(f'copy from database "{base}" to {ALIAS} (schema)')
        for schema, index in con.execute("select schema_name, index_name from duckdb_indexes() "
                                         "where database_name = ?", [ALIAS]).fetchall():
            con.execute(f'drop index {ALIAS}."{schema}".{index}')  # built once at the end, not row by row
        rows = {}
        for schema, table in con.execute("select schema_name, table_name from duckdb_tables() "
                                         "where database_name = ? order by all", [base]).fetchall():
            copied = time.perf_counter()
            rows[f"{schema}.{table}"] = _copy_table(con, base, schema, table, k)
            if time.perf_counter() - copied > 5:
                print(f"    {schema}.{table:<28} {rows[f'{schema}.{table}']:>13,} rows "
                      f"{time.perf_counter() - copied:7.1f} s", flush=True)
        create_lookup_indexes(con, ALIAS)
        con.execute(f"checkpoint {ALIAS}")
    finally:
        con.close()
    return {"rows": rows, "seconds": time.perf_counter() - started, "bytes": target.stat().st_size}


def _copy_table(con, base: str, schema: str, table: str, k: int) -> int:
    source, target = f'"{base}"."{schema}"."{table}"', f'{ALIAS}."{schema}"."{table}"'
    if schema == INDEX_SCHEMA:
        return _copy_index_table(con, source, target, table, k)
    columns = {r[0] for r in con.execute("select column_name from duckdb_columns() where database_name = ? "
                                         "and schema_name = ? and table_name = ?", [base, schema, table]).fetchall()}
    replicated = table in PER_APPEAL or (table.startswith("mart_") and CUBE_COLUMNS <= columns)
    for i in range(k if replicated else 1):  # copy after copy keeps the base's order within each copy
        con.execute(f"insert into {target} {_copy_select(source, PER_APPEAL.get(table, ()), i)}")
    return _count(con, target)


def _copy_select(source: str, ids: tuple[str, ...], i: int) -> str:
    if not ids or i == 0:
        return f"select * from {source}"
    renamed = ", ".join(f"{c} || '~{i}' as {c}" for c in ids)
    return f"select * replace ({renamed}) from {source}"


def _copy_index_table(con, source: str, target: str, table: str, k: int) -> int:
    schema = source.rsplit('.', 1)[0]
    first, last = con.execute(f"select min(docid), max(docid) from {schema}.docs").fetchone()
    span = last - first + 1
    numbers = con.execute(f"select max(docno) - min(docno) + 1 from {schema}.doc_filters").fetchone()[0]
    if table == "docs":
        for i in range(k):
            con.execute(f"insert into {target} select docid + {i * span}, "
                        f"case when {i} = 0 then name else name || '~{i}' end, len from {source}")
    elif table == "doc_filters":  # copy after copy: each copy's numbers span every month again
        for i in range(k):
            con.execute(f"insert into {target} select * replace (docno + {i * numbers} as docno, "
                        f"docid + {i * span} as docid, "
                        f"case when {i} = 0 then appeal_id else appeal_id || '~{i}' end as appeal_id) from {source}")
    elif table == "postings":
        _copy_postings(con, source, target, k, numbers)
    elif table == "dict":
        con.execute(f"insert into {target} select * replace (df * {k} as df) from {source}")
    elif table == "stats":
        con.execute(f"insert into {target} select * replace (num_docs * {k} as num_docs) from {source}")
    elif table != "terms":
        con.execute(f"insert into {target} select * from {source}")
    return _count(con, target)


def _copy_postings(con, source: str, target: str, k: int, span: int, chunks: int = 16) -> None:
    """Sorted by term then document, as the real index is, in slices of terms (bounded memory)."""
    top = con.execute(f"select max(termid) + 1 from {source}").fetchone()[0]
    step = -(-top // chunks)
    for low in range(0, top, step):
        con.execute(f"""
            insert into {target}
            select p.termid, p.docno + r.i * {span}, p.tf, p.len
            from {source} p, range({k}) r(i)
            where p.termid >= {low} and p.termid < {low + step}
            order by p.termid, r.i, p.docno""")


def _count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def drop_from_page_cache(path: Path) -> None:
    """Evict this file's pages from the OS cache (only this file's), so the next read is a cold one."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
