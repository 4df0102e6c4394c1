"""Full-text search at scale: the shipped search against the previous release's, in the same process.

    python bench/bench_search.py --workdir /tmp/tyndau-bench-10000000     # a warehouse bench_dashboard built
    python bench/bench_search.py --snapshot path/to/snapshot.duckdb --repeat 40

Why a benchmark of its own: at 10 M appeals the search was the one query over the dashboard's bar
(p95 554 ms against 200 ms, docs/dashboard.md). The previous release summed a term's postings over
every document and then joined the millions a period allows; the shipped one reads only the
period's range of document numbers (documents are numbered in registration order). Both run here
on the same snapshot, the same words and the same filter combinations as bench_dashboard's search
page (periods of 3, 6 or 12 months, some agencies, a region, a language or an appeal type), in
alternation so that neither gets a warmer cache. Each pair of results is compared: the same
appeals with the same scores, or the benchmark fails.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_dashboard import SEARCH_WORDS, filter_pool, open_snapshot  # noqa: E402

from insights.themes import fetch_texts, search_filter, search_texts  # noqa: E402
from warehouse.search import INDEX_SCHEMA, STEMMER  # noqa: E402


def previous_release_search(con, text: str, f, limit: int):
    """The search as released before this change (insights/themes.py at cc255f8), kept as the baseline:
    every posting of the query's terms, joined with every document the filters allow. Only the
    document number's name changed (``docid`` -> ``docno``)."""
    clause, params = search_filter(f)
    s = INDEX_SCHEMA
    top = con.execute(f"""
        with tokens as (select distinct stem(unnest({s}.tokenize(?)), '{STEMMER}') as term),
        query_terms as (
            select d.termid, log(((select num_docs from {s}.stats) - d.df + 0.5) / (d.df + 0.5) + 1) as idf
            from {s}.dict d join tokens t on d.term = t.term
        ),
        allowed as (
            select x.docno from {s}.doc_filters x where {clause}
        ),
        scored as (
            select p.docno,
                   sum(q.idf * (p.tf * (1.2 + 1) / (p.tf + 1.2 * (1 - 0.75 + 0.75 * p.len
                                                                   / (select avgdl from {s}.stats))))) as score
            from {s}.postings p join query_terms q using (termid)
            where p.docno in (select docno from allowed)
            group by p.docno
        ),
        best as (select docno, score from scored order by score desc, docno limit ?)
        select x.appeal_id, b.score from best b join {s}.doc_filters x using (docno)
        order by b.score desc, x.appeal_id""", [text, *params, limit]).fetchall()
    return fetch_texts(con, [t[0] for t in top], scores=[t[1] for t in top])


def same_result(a, b) -> bool:
    """The same appeals with the same scores; ties at the cut may list different appeals of equal score."""
    if a.height != b.height:
        return False
    scores_a, scores_b = a["score"].to_list(), b["score"].to_list()
    if any(abs(x - y) > 1e-9 * max(1.0, abs(x)) for x, y in zip(scores_a, scores_b)):
        return False
    above_cut = [i for i, s in enumerate(scores_a) if s > scores_a[-1] + 1e-9] if scores_a else []
    return {a["appeal_id"][i] for i in above_cut} == {b["appeal_id"][i] for i in above_cut}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=None, help="a bench_dashboard workdir (its snapshot)")
    parser.add_argument("--snapshot", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=40, help="filter combinations")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    snapshot = args.snapshot or next((args.workdir or Path(".")).glob("*snapshot*.duckdb"), None)
    if snapshot is None or not snapshot.exists():
        parser.error("no snapshot: give --snapshot, or --workdir of a warehouse bench_dashboard.py built")
    con = open_snapshot(snapshot)
    appeals = con.execute("select count(*) from fct_appeals").fetchone()[0]
    rng = random.Random(args.seed)
    pool = filter_pool(con, rng, args.repeat + 1)
    warm = pool.pop()
    for word in SEARCH_WORDS:  # one untimed round of each: the first load reads the postings from disk
        search_texts(con, word, warm, 200), previous_release_search(con, word, warm, 200)
    times: dict[str, list[float]] = {"previous release": [], "shipped": []}
    by_word: dict[str, list[float]] = {}
    for i, f in enumerate(pool):
        word = rng.choice(SEARCH_WORDS)
        runs = [("previous release", previous_release_search), ("shipped", search_texts)]
        results = {}
        for name, search in (runs if i % 2 else runs[::-1]):
            started = time.perf_counter()
            results[name] = search(con, word, f, 200)
            times[name].append((time.perf_counter() - started) * 1000)
        by_word.setdefault(word, []).append(times["shipped"][-1])
        if not same_result(results["previous release"], results["shipped"]):
            print(f"DIFFERENT RESULTS for {word!r} with {f}", file=sys.stderr)
            return 1
    print(f"Search over {appeals:,} appeals ({snapshot}), {len(pool)} filter combinations, 200 results each")
    print(f"{'':18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in times.items():
        print(f"{name:18} {statistics.median(values):8.0f} {percentile(values, 0.95):8.0f} {max(values):8.0f}")
    ratio = [percentile(times['shipped'], q) / percentile(times['previous release'], q) for q in (0.5, 0.95)]
    print(f"ratio shipped / previous release: p50 {ratio[0]:.2f}, p95 {ratio[1]:.2f}; results identical in all {len(pool)}")
    print("shipped, by word (ms, max): " + ", ".join(f"{w} {max(v):.0f}" for w, v in sorted(by_word.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
