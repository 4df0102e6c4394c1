"""Emerging themes: texts grouped by meaning across kk, ru and en, named, sized, and flagged when new or growing.

Why meaning vectors and not words: a theme is what citizens write about, whatever the language or
the words. The pretrained multilingual encoder (multilingual-e5-small, :mod:`nlp.textvectors`) puts
"подъезд не убирают" and "кіреберіс жиналмайды" close together; TF-IDF (the text groups within an
area, :mod:`insights.textgroups`) cannot. Themes run over every appeal, with or without a
competency area, so they can show what the taxonomy does not name yet.

Why spherical k-means on whitened vectors: measured on St Petersburg appeals against the portal's
own categories (docs/topics.md, bench/bench_topics.py) it beat TF-IDF groups and HDBSCAN (which left
most short appeals as noise); it is deterministic (fixed seed), assigns every text, and fits on a
sample so a million vectors cluster in minutes.

Why names per language with c-TF-IDF: a theme's name must be in the reader's language, and the
words that make a theme distinct are those frequent in it and rare in the other themes (class-based
TF-IDF over the theme's texts in that language). A theme with no text in a language is named in
the language it has most, and says so (``label_language``).

Why the flags are tests: "new" means little mass before the recent months; "growing" means the
theme's share of appeals in the recent months is higher than before with a 95 % interval of the
ratio above 1, so a theme that grew from 2 to 4 appeals is not flagged.

Nothing here writes: the build computes the marts from these functions; mapping a theme to an area
returns corrections that the writer stores (CLI) or the dashboard queues (its inbox).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import numpy as np
import polars as pl

from insights.stats import Z95
from insights.textgroups import TOKEN_PATTERN, _label, _stop_words
from warehouse.errors import TyndauError
from warehouse.inbox import Correction

SEED = 20240113
FIT_SAMPLE = 20_000
MIN_THEMES, MAX_THEMES = 2, 60
WHITEN_DIMS = 48          # principal components kept (chosen on measurement: docs/topics.md)
NOISE_FLOOR = 0.01        # a component with less variance than this share of the first is dropped
EXAMPLES_PER_THEME = 3
LANGUAGES = ("kk", "ru", "en")
RECENT_MONTHS = 3          # the window whose mass makes a theme new or growing
NEW_MAX_EARLIER_SHARE = 0.1  # a new theme has at most this share of its appeals before the recent window
MIN_RECENT = 5             # fewer recent appeals than this flag nothing
MODELS = ("fct_topic_members", "mart_topic_names", "mart_topic_monthly", "mart_topic_slices", "mart_topics")
# What `tyndau topics build` rebuilds: the themes, and the alerts, whose theme series, numbers and
# names must be those of the new themes (a theme alert computed on the previous themes would name
# and number themes that no longer exist).
REBUILT_WITH_THEMES = (*MODELS, "mart_alerts")
CORE_SHARE = 0.5           # mapping a theme to an area labels this share of it, closest to its centre first

MEMBER_SCHEMA = {"appeal_id": pl.Utf8, "theme_no": pl.Int32, "similarity": pl.Float64, "is_example": pl.Boolean}
NAME_SCHEMA = {"theme_no": pl.Int32, "lang": pl.Utf8, "label": pl.Utf8, "label_language": pl.Utf8,
               "texts_in_language": pl.Int64}


@dataclass(frozen=True)
class Themes:
    """For n vectors: the theme of each, its cosine to the theme's centre, and the unit-length centres."""

    theme: np.ndarray
    similarity: np.ndarray
    centres: np.ndarray


def number_of_themes(n_texts: int) -> int:
    """Grows with the square root of the texts, capped: small sets are not shredded, large not lumped."""
    return int(min(MAX_THEMES, max(MIN_THEMES, round(math.sqrt(n_texts / 2)))))


def cluster(vectors: np.ndarray, k: int | None = None, seed: int = SEED) -> Themes:
    """Spherical k-means on whitened vectors, fitted on a sample; similarity is the cosine there.

    Why whitened: e5's vectors share a few strong directions (unrelated texts have cosines of about
    0.8), and raw k-means splits along them. Centring, keeping the first ``WHITEN_DIMS`` principal
    components and scaling each to unit variance lets the finer directions of meaning count:
    measured on St Petersburg appeals it lifted the agreement with the portal's categories by a
    quarter (docs/topics.md). Components below ``NOISE_FLOOR`` of the first are noise, not meaning,
    and whitening would blow them up: they are dropped.
    """
    from sklearn.cluster import KMeans

    n = len(vectors)
    if n == 0:
        return Themes(np.zeros(0, np.int32), np.zeros(0), np.zeros((0, 0)))
    rng = np.random.default_rng(seed)
    fit_rows = np.sort(rng.choice(n, FIT_SAMPLE, replace=False)) if n > FIT_SAMPLE else np.arange(n)
    unit = _unit_rows(_whitening(vectors[fit_rows].astype(np.float64), seed)(vectors.astype(np.float64)))
    k = min(k or number_of_themes(n), n)
    centres = _unit_rows(KMeans(n_clusters=k, n_init=3, random_state=seed).fit(unit[fit_rows]).cluster_centers_)
    similarity_to_all = unit @ centres.T
    theme = similarity_to_all.argmax(axis=1).astype(np.int32)
    return Themes(theme, similarity_to_all[np.arange(n), theme].astype(np.float64), centres)


def _whitening(sample: np.ndarray, seed: int):
    """The map x -> the first principal components of x (centred on the sample), each of unit variance."""
    from sklearn.decomposition import PCA

    dims = min(WHITEN_DIMS, sample.shape[0] - 1, sample.shape[1])
    if dims < 2:
        return lambda x: x
    pca = PCA(n_components=dims, random_state=seed).fit(sample)
    variance = pca.explained_variance_
    keep = variance >= NOISE_FLOOR * variance[0]
    scale = np.sqrt(variance[keep])
    return lambda x: pca.transform(x)[:, keep] / scale


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def members(appeal_ids: list[str], vectors: np.ndarray) -> pl.DataFrame:
    """Per appeal: its theme, its cosine to the theme's centre, and whether it is one of the examples."""
    if not appeal_ids:
        return pl.DataFrame(schema=MEMBER_SCHEMA)
    themes = cluster(vectors)
    frame = pl.DataFrame({"appeal_id": appeal_ids, "theme_no": pl.Series(themes.theme, dtype=pl.Int32),
                          "similarity": themes.similarity})
    rank = pl.col("similarity").rank("ordinal", descending=True).over("theme_no")
    return frame.with_columns((rank <= EXAMPLES_PER_THEME).alias("is_example")).select(list(MEMBER_SCHEMA))


# ---------------------------------------------------------------------------------------------- names
def key_phrases_by_theme(texts: list[str], themes: list[int]) -> dict[int, str]:
    """Class-based TF-IDF: each theme's texts as one document; its heaviest phrases and words name it."""
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    if not texts:
        return {}
    vectorizer = CountVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), lowercase=True,
                                 stop_words=_stop_words(), min_df=1, max_features=100_000)
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # no word at all survived
        return {t: "" for t in set(themes)}
    order = sorted(set(themes))
    row_of = {t: i for i, t in enumerate(order)}
    indicator = sparse.csr_matrix((np.ones(len(themes)), ([row_of[t] for t in themes], np.arange(len(themes)))),
                                  shape=(len(order), len(themes)))
    per_theme = np.asarray((indicator @ counts).todense(), dtype=np.float64)
    tf = per_theme / np.maximum(per_theme.sum(axis=1, keepdims=True), 1)
    average_words = per_theme.sum() / len(order)
    idf = np.log(1 + average_words / np.maximum(per_theme.sum(axis=0), 1))
    vocabulary = vectorizer.get_feature_names_out()
    return {t: _label(tf[row_of[t]] * idf, vocabulary) for t in order}


def theme_names(frame: pl.DataFrame) -> pl.DataFrame:
    """Per theme and interface language (frame: theme_no, language, text): its label and the label's language.

    A theme with no text in a language takes the label of the language it has most texts in.
    """
    if frame.is_empty():
        return pl.DataFrame(schema=NAME_SCHEMA)
    labels: dict[tuple[int, str], str] = {}
    for lang in LANGUAGES:
        part = frame.filter(pl.col("language") == lang)
        for theme, label in key_phrases_by_theme(part["text"].fill_null("").to_list(),
                                                 part["theme_no"].to_list()).items():
            labels[(theme, lang)] = label
    counts = frame.group_by("theme_no", "language").len()
    rows = []
    for theme in sorted(frame["theme_no"].unique().to_list()):
        mine = {r["language"]: r["len"] for r in counts.filter(pl.col("theme_no") == theme).iter_rows(named=True)}
        fallback = max((lang for lang in LANGUAGES if labels.get((theme, lang))),
                       key=lambda lang: (mine.get(lang, 0), lang), default=None)
        for lang in LANGUAGES:
            own = labels.get((theme, lang))
            source = lang if own else fallback
            rows.append({"theme_no": theme, "lang": lang, "label": labels.get((theme, source), "") if source else "",
                         "label_language": source or "", "texts_in_language": mine.get(lang, 0)})
    return pl.DataFrame(rows, schema=NAME_SCHEMA)


# ---------------------------------------------------------------------------------------------- trend flags
def trend_flags(monthly: pl.DataFrame, recent_months: int = RECENT_MONTHS) -> pl.DataFrame:
    """Per theme (monthly: theme_no, month, appeals): recent and earlier counts, the ratio of its share
    of all appeals recent / earlier with a 95 % interval, and the new and growing flags.

    The interval is Katz's for a ratio of two proportions (log scale; a zero count gets 0.5, so a theme
    with no earlier appeals still has a finite, wide interval).
    """
    months = sorted(monthly["month"].unique().to_list())
    if not months:
        return pl.DataFrame(schema={"theme_no": pl.Int32, "recent": pl.Int64, "earlier": pl.Int64,
                                    "share_ratio": pl.Float64, "ratio_low": pl.Float64, "ratio_high": pl.Float64,
                                    "is_new": pl.Boolean, "is_growing": pl.Boolean})
    recent_from = months[-recent_months] if len(months) >= recent_months else months[0]
    split = monthly.with_columns((pl.col("month") >= recent_from).alias("is_recent"))
    per_theme = split.group_by("theme_no").agg(
        pl.col("appeals").filter(pl.col("is_recent")).sum().alias("recent"),
        pl.col("appeals").filter(~pl.col("is_recent")).sum().alias("earlier"))
    n_recent = int(split.filter(pl.col("is_recent"))["appeals"].sum())
    n_earlier = int(split.filter(~pl.col("is_recent"))["appeals"].sum())
    rows = [_flag(r["theme_no"], int(r["recent"]), int(r["earlier"]), n_recent, n_earlier)
            for r in per_theme.sort("theme_no").iter_rows(named=True)]
    return pl.DataFrame(rows).with_columns(pl.col("theme_no").cast(pl.Int32))


def _flag(theme: int, recent: int, earlier: int, n_recent: int, n_earlier: int) -> dict:
    ratio, low, high = share_ratio_interval(recent, n_recent, earlier, n_earlier)
    has_history = n_earlier > 0
    is_new = has_history and recent >= MIN_RECENT and earlier <= NEW_MAX_EARLIER_SHARE * (recent + earlier)
    is_growing = has_history and not is_new and recent >= MIN_RECENT and low is not None and low > 1
    return {"theme_no": theme, "recent": recent, "earlier": earlier, "share_ratio": ratio, "ratio_low": low,
            "ratio_high": high, "is_new": bool(is_new), "is_growing": bool(is_growing)}


def share_ratio_interval(x1: int, n1: int, x0: int, n0: int, z: float = Z95):
    """(ratio, low, high) of x1/n1 over x0/n0; None when a period has no appeals at all."""
    if n1 <= 0 or n0 <= 0:
        return None, None, None
    a, b = (x1, x0) if x1 and x0 else (x1 + 0.5, x0 + 0.5)
    ratio = (a / n1) / (b / n0)
    se = math.sqrt(max(1 / a - 1 / n1 + 1 / b - 1 / n0, 0.0))
    return ratio, ratio * math.exp(-z * se), ratio * math.exp(z * se)


# ---------------------------------------------------------------------------------------------- reading
class TopicsError(TyndauError):
    hint = "Run `tyndau topics build` to embed the appeals and find the themes, then `tyndau topics list`."


def has_themes(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("select count(*) from mart_topics").fetchone()[0] > 0


def theme_table(con: duckdb.DuckDBPyConnection, lang: str) -> pl.DataFrame:
    """Every theme with its name in ``lang``, size, share with an area, trend figures and flags:
    new themes first, then growing ones, then by size."""
    return con.execute("""
        select t.theme_no, n.label, n.label_language, t.appeals, t.with_area, t.cohesion, t.recent, t.earlier,
               t.share_ratio, t.ratio_low, t.ratio_high, t.is_new, t.is_growing,
               t.first_registered_at, t.last_registered_at
        from mart_topics t
        join mart_topic_names n on n.theme_no = t.theme_no and n.lang = ?
        order by t.is_new desc, t.is_growing desc, t.appeals desc, t.theme_no""", [lang]).pl()


def theme_monthly(con: duckdb.DuckDBPyConnection, theme_no: int) -> pl.DataFrame:
    return con.execute("""select registered_month, appeals, share_of_month from mart_topic_monthly
                          where theme_no = ? order by registered_month""", [theme_no]).pl()


def theme_slices(con: duckdb.DuckDBPyConnection, theme_no: int, lang: str) -> pl.DataFrame:
    """The theme's five largest agencies and regions, named in ``lang`` (the key where no name is known)."""
    if lang not in LANGUAGES:
        raise TopicsError(f"Unknown language {lang!r}.", hint="Use kk, ru or en.")
    return con.execute(f"""
        select s.kind, s.slice_key, coalesce(ag.name_{lang}, rg.name_{lang}, s.slice_key) as name, s.appeals, s.place
        from mart_topic_slices s
        left join dim_agencies ag on s.kind = 'agency' and ag.agency_key = s.slice_key
        left join dim_regions rg on s.kind = 'region' and rg.region_key = s.slice_key
        where s.theme_no = ?
        order by s.kind, s.place""", [theme_no]).pl()


def texts_of_theme(con: duckdb.DuckDBPyConnection, theme_no: int) -> pl.DataFrame:
    """Citizens' texts: the appeals closest to the theme's centre (for text-reader roles only)."""
    return con.execute("""
        select m.appeal_id, a.registered_at, a.agency_key, a.region_key, a.language, a.appeal_type, m.similarity, a.text
        from fct_topic_members m join fct_appeals a using (appeal_id)
        where m.theme_no = ? and m.is_example
        order by m.similarity desc""", [theme_no]).pl()


def require_any_theme(con: duckdb.DuckDBPyConnection) -> None:
    if not has_themes(con):
        raise TopicsError("The warehouse has no emerging themes yet.")


def require_theme(con: duckdb.DuckDBPyConnection, theme_no: int) -> None:
    require_any_theme(con)
    if not con.execute("select count(*) from mart_topics where theme_no = ?", [theme_no]).fetchone()[0]:
        raise TopicsError(f"No theme {theme_no}.", hint="`tyndau topics list` shows the themes and their numbers.")


# ---------------------------------------------------------------------------------------------- theme -> area
def corrections_for_theme(con: duckdb.DuckDBPyConnection, theme_no: int, area: str, polarity: str, analyst: str,
                          core_share: float = CORE_SHARE) -> list[Correction]:
    """An analyst's "this theme is about <area>" as corrections the classifier learns from.

    Only the theme's core (the ``core_share`` of its appeals closest to its centre) is labelled: the
    edge of a cluster is where texts about something else sit. Each text keeps the areas it has now
    (the analyst's latest correction, else the model's labels: ``fct_appeal_areas``) and gains ``area``.
    """
    require_theme(con, theme_no)
    if not 0 < core_share <= 1:
        raise TopicsError(f"The core share must be above 0 and at most 1, not {core_share}.",
                          hint="Give --core as a fraction, e.g. 0.5 for the half of the theme closest to its centre.")
    rows = con.execute("""
        with ranked as (
            select appeal_id, row_number() over (order by similarity desc, appeal_id) as place, count(*) over () as n
            from fct_topic_members where theme_no = ?
        )
        select r.appeal_id, list(struct_pack(area := x.area, polarity := x.polarity)) filter (where x.area is not null)
        from ranked r left join fct_appeal_areas x using (appeal_id)
        where r.place <= greatest(1, ceil(r.n * ?))
        group by r.appeal_id order by r.appeal_id""", [theme_no, core_share]).fetchall()
    label = con.execute("select label from mart_topic_names where theme_no = ? and lang = 'en'", [theme_no]).fetchone()
    note = f"theme {theme_no} mapped to {area}" + (f" ({label[0]})" if label and label[0] else "")
    return [Correction(text_id=appeal_id,
                       areas={**{a["area"]: a["polarity"] for a in (current or [])}, area: polarity},
                       analyst=analyst, note=note[:200])
            for appeal_id, current in rows]
