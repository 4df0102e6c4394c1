"""Full-text search over the redacted appeal texts, with DuckDB's ``fts`` extension, offline.

Why this module: DuckDB downloads ``fts`` on first use, which fails on a machine without
internet. The PyPI package ``duckdb-extension-fts`` ships the extension binary for one
duckdb release; :func:`load_fts` installs it from that file (``INSTALL '<path>'``) and loads
it, and refuses with a clear message when the two versions differ.

The index is built on the writer side, by ``tyndau build`` (:func:`build_search_index`),
inside the build's transaction, so the snapshot the dashboard reads carries it; readers
only load the extension and query (:func:`load_fts` with ``read_only``).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError

INDEXED_TABLE = "fct_appeals"
INDEX_SCHEMA = f"fts_main_{INDEXED_TABLE}"
# One stemmer per index: Russian snowball stems Russian words and leaves Latin-script words alone;
# Kazakh words are only lower-cased (there is no Kazakh snowball stemmer). Query terms go through
# the same stemmer, so what is found is consistent. See docs/dashboard.md.
STEMMER = "russian"


@functools.cache
def fts_extension_file() -> Path:
    """The ``fts.duckdb_extension`` file of the installed duckdb-extension-fts, for this duckdb."""
    version = f"v{duckdb.__version__}"
    try:
        root = resources.files("duckdb_extension_fts") / "extensions"
    except ModuleNotFoundError:
        raise WarehouseError("The package duckdb-extension-fts is not installed.",
                             hint=f"pip install duckdb-extension-fts=={duckdb.__version__}") from None
    candidate = Path(str(root)) / version / "fts.duckdb_extension"
    if not candidate.is_file():
        shipped = sorted(p.name for p in Path(str(root)).iterdir()) if Path(str(root)).is_dir() else []
        raise WarehouseError(
            f"duckdb-extension-fts ships {', '.join(shipped) or 'nothing'}, but duckdb is {version}.",
            hint=f"Install the matching release: pip install duckdb-extension-fts=={duckdb.__version__}")
    return candidate


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Make ``fts`` usable on this connection without touching the internet."""
    try:
        con.execute("load fts")
        return
    except duckdb.Error:
        pass
    path = str(fts_extension_file())
    try:
        con.execute(f"install '{path}'")  # path from our own package, never from a user
        con.execute("load fts")
    except duckdb.Error:
        con.execute(f"load '{path}'")  # a read-only home directory: load the file directly


# (schema, table) -> the column that "these 200 rows" looks up: ART indexes answer a literal IN list.
LOOKUP_INDEXES = {("main", "fct_appeals"): "appeal_id", ("main", "fct_appeal_areas"): "appeal_id",
                  (INDEX_SCHEMA, "doc_filters"): "docno"}


def build_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the BM25 index of fct_appeals.text, and the lookups that fetch texts by id.

    Called by the build after the models. Two additions make a search at a million texts cheap:
    the postings are stored sorted by term and document number (so DuckDB's zone maps skip every row
    group without the query's terms and period), and ART indexes on the appeal ids and document numbers
    turn "these 200 texts" into index lookups.
    """
    load_fts(con)
    con.execute(
        f"pragma create_fts_index('{INDEXED_TABLE}', 'appeal_id', 'text', stemmer = '{STEMMER}', "
        "stopwords = 'none', ignore = '(\\.|[^\\p{L}\\p{N}])+', strip_accents = 0, lower = 1, overwrite = 1)")
    con.execute(f"create or replace table {INDEX_SCHEMA}.terms as "
                f"select * from {INDEX_SCHEMA}.terms order by termid, docid")
    build_postings(con)
    create_lookup_indexes(con)


def create_lookup_indexes(con: duckdb.DuckDBPyConnection, database: str | None = None) -> None:
    """The id indexes of :data:`LOOKUP_INDEXES` on the tables that exist (in `database`, default the current)."""
    catalog = database or con.execute("select current_database()").fetchone()[0]
    for (schema, table), column in LOOKUP_INDEXES.items():
        if con.execute("select count(*) from duckdb_tables() where database_name = ? and schema_name = ? "
                       "and table_name = ?", [catalog, schema, table]).fetchone()[0]:
            con.execute(f'create index if not exists {table}_{column}_lookup on "{catalog}"."{schema}".{table} ({column})')


FILTER_COLUMNS = ("registered_month", "agency_key", "region_key", "channel", "language", "appeal_type")


def build_postings(con: duckdb.DuckDBPyConnection) -> None:
    """Two tables beside the index that let a search skip ``match_bm25``'s per-document work.

    ``doc_filters``: the dashboard's filter columns per document, and the document's own number
    ``docno``, given in registration order (fts's ``docid`` follows the scan and is not ordered),
    so that a period is one range of numbers and filtering a search never joins appeal ids as strings.
    ``postings``: one row per term and document with the term's frequency and the document's
    length, sorted by term, then ``docno``: BM25 of a query is a sum over its terms' rows within
    the period's range, and zone maps skip every other row group.
    """
    s = INDEX_SCHEMA
    con.execute(f"""
        create or replace table {s}.doc_filters as
        select row_number() over (order by a.registered_at nulls last, a.appeal_id) as docno, d.docid, d.len,
               a.appeal_id, {", ".join(f"a.{c}" for c in FILTER_COLUMNS)}
        from {s}.docs d join {INDEXED_TABLE} a on a.appeal_id = d.name order by docno""")
    con.execute(f"""
        create or replace table {s}.postings as
        select t.termid, f.docno, count(*)::integer as tf, any_value(f.len)::integer as len
        from {s}.terms t join {s}.doc_filters f using (docid)
        group by t.termid, f.docno order by t.termid, f.docno""")


def has_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("select count(*) from duckdb_schemas() where schema_name = ?", [INDEX_SCHEMA]).fetchone()
    return bool(row[0])
