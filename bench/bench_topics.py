"""Emerging themes against the portal's own categories: adjusted mutual information on real appeals.

Run: ``PYTHONPATH=$PWD nice -n 10 .venv/bin/python bench/bench_topics.py [--texts 3000] [--seed 13]``

St Petersburg appeals (Russian, read in place from ../shared/data) carry a three-level category
set by the portal (city object > category > reason). Nobody tuned Tyndau's themes on them, so the
agreement of the themes with that category (AMI, sklearn.metrics; 0 = chance, 1 = identical) is a
fair measure of whether the themes group texts by what they are about. On the same texts and the same
number of groups, the baseline is TF-IDF word uni- and bigrams with spherical k-means (the text
groups' own method, insights.textgroups) and scikit-learn's KMeans on the same TF-IDF rows.

The texts are sampled at random (seeded) among appeals with at least ``--min-chars`` characters of
text after the portal's XXXX masks are removed; the encoder's vectors are cached under /tmp/topics.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CACHE = Path("/tmp/topics")
PORTAL_MASK = re.compile(r"\bX{2,}\b")
LEVELS = ("city_object", "category", "reason")


def sample(n: int, seed: int, min_chars: int) -> list[dict]:
    from nlp.sources import spb_appeal_records

    rows = []
    for r in spb_appeal_records():
        text = " ".join(PORTAL_MASK.sub(" ", r.get("text") or "").split())
        if len(text) >= min_chars:
            rows.append({"text": text, **{k: r.get(k) or "" for k in LEVELS}, "created_dt": r.get("created_dt")})
    return random.Random(seed).sample(rows, n)


def vectors(texts: list[str], tag: str) -> np.ndarray:
    """Text vectors of the encoder as ``tyndau topics`` computes them (cached: the encoder is the slow part)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"spb-{tag}.npy"
    if path.exists():
        return np.load(path)
    from nlp.textvectors import embed_texts

    started = time.perf_counter()
    out = embed_texts(texts)
    print(f"embedded {len(texts)} texts in {time.perf_counter() - started:.0f} s", flush=True)
    np.save(path, out)
    return out


def ami(labels, truth) -> float:
    from sklearn.metrics import adjusted_mutual_info_score

    return float(adjusted_mutual_info_score(truth, labels))


def raw_cluster(vec: np.ndarray, k: int, seed: int) -> np.ndarray:
    """The same k-means on the encoder's unit vectors as they are: what whitening adds."""
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(vec)


def halves(vec: np.ndarray, texts: list[str], rows: list[dict], seed: int) -> None:
    """Each half of the sample on its own: a choice made on the whole must hold on both halves."""
    from insights.topics import cluster, number_of_themes

    for name, part in (("first half", slice(0, len(rows) // 2)), ("second half", slice(len(rows) // 2, None))):
        sub, k = rows[part], number_of_themes(len(rows[part]))
        truth = [r["reason"] for r in sub]
        tf = tfidf_groups(texts[part], k, seed)["tfidf+spherical k-means (textgroups)"]
        print(f"{name} ({len(sub)} appeals, {k} themes), AMI reason: e5 whitened {ami(cluster(vec[part], k).theme, truth):.3f}"
              f"  e5 not whitened {ami(raw_cluster(vec[part], k, seed), truth):.3f}  tfidf {ami(tf, truth):.3f}")


def tfidf_groups(texts: list[str], k: int, seed: int) -> dict[str, np.ndarray]:
    from sklearn.cluster import KMeans

    from insights.textgroups import _fit_centres, _tfidf

    matrix, _ = _tfidf(texts)
    spherical = np.asarray(matrix @ _fit_centres(matrix, k, seed).T).argmax(axis=1)
    plain = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(matrix)
    return {"tfidf+spherical k-means (textgroups)": spherical, "tfidf+sklearn KMeans": plain}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--min-chars", type=int, default=20)
    parser.add_argument("--embed-only", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="also try other numbers of themes and HDBSCAN")
    args = parser.parse_args()
    rows = sample(args.texts, args.seed, args.min_chars)
    texts = [r["text"] for r in rows]
    vec = vectors(texts, f"{args.texts}-{args.seed}-{args.min_chars}")
    if args.embed_only:
        return
    from insights.topics import cluster, number_of_themes

    k = number_of_themes(len(texts))
    print(f"{len(texts)} appeals; distinct values: " + ", ".join(f"{lv} {len({r[lv] for r in rows})}" for lv in LEVELS))
    print(f"themes: {k} (number_of_themes)")
    results = {"e5 themes (tyndau topics)": cluster(vec, k).theme,
               "e5, not whitened (plain spherical k-means)": raw_cluster(vec, k, args.seed)}
    results.update(tfidf_groups(texts, k, args.seed))
    header = f"{'method':42s} " + " ".join(f"{'AMI ' + lv:>16s}" for lv in LEVELS)
    print(header)
    for name, labels in results.items():
        print(f"{name:42s} " + " ".join(f"{ami(labels, [r[lv] for r in rows]):16.3f}" for lv in LEVELS))
    halves(vec, texts, rows, args.seed)
    if args.sweep:
        sweep(vec, texts, rows, args.seed)


def sweep(vec: np.ndarray, texts: list[str], rows: list[dict], seed: int) -> None:
    from sklearn.cluster import HDBSCAN

    from insights.topics import cluster

    reasons = [r["reason"] for r in rows]
    for k in (20, 40, 60, 80, 120):
        e5 = ami(cluster(vec, k).theme, reasons)
        raw = ami(raw_cluster(vec, k, seed), reasons)
        tf = ami(tfidf_groups(texts, k, seed)["tfidf+spherical k-means (textgroups)"], reasons)
        print(f"k={k:4d}  AMI reason: e5 whitened {e5:.3f}  e5 not whitened {raw:.3f}  tfidf {tf:.3f}")
    for size in (10, 25):
        labels = HDBSCAN(min_cluster_size=size, metric="euclidean", copy=True).fit_predict(vec)
        noise = float((labels < 0).mean())
        print(f"HDBSCAN min_cluster_size={size}: {labels.max() + 1} clusters, {noise:.0%} noise, "
              f"AMI reason {ami(labels, reasons):.3f} (noise as one group)")


if __name__ == "__main__":
    main()
