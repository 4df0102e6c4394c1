"""Measuring quality on a labelled file: F1 with bootstrap intervals, overall and per language.

Why these numbers: area detection (is this text evidence about the area at all?) is what
drives the dashboards, so F1 is computed over areas ignoring polarity; polarity is then
judged only where the area was found (accuracy on correctly found areas); exact match
is the strict view (all area:polarity pairs right, including "no area" for plain requests).
Macro F1 averages the areas that occur in the gold labels or the predictions of that
subset, so a rare area counts as much as a frequent one. The 95 % intervals come from a
seeded bootstrap over texts (1,000 resamples): with ~400 texts per language a difference
of a few points is noise, and the interval says so.

Every model is reported next to the character n-gram baseline trained on the same
corpus, and the transformer alone, so the gain of the ensemble is visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp.corpus import Example
from nlp.labels import area_ids

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20250


@dataclass(frozen=True)
class Labelled:
    """Predicted labels of one text in evaluation form."""

    areas: dict[str, str]
    appeal_type: str | None


def area_counts(gold: Sequence[dict], pred: Sequence[dict]) -> np.ndarray:
    """(n, areas, 3) array of per-text true positives, false positives, false negatives."""
    ids = area_ids()
    counts = np.zeros((len(gold), len(ids), 3), dtype=np.int32)
    for i, (g, p) in enumerate(zip(gold, pred)):
        for k, a in enumerate(ids):
            counts[i, k] = (a in g and a in p, a in p and a not in g, a in g and a not in p)
    return counts


def f1_from_counts(counts: np.ndarray) -> tuple[float, float]:
    """(micro F1, macro F1) from summed (areas, 3) counts; macro over areas seen in gold or predictions."""
    tp, fp, fn = counts[:, 0], counts[:, 1], counts[:, 2]
    micro = _f1(tp.sum(), fp.sum(), fn.sum())
    seen = (tp + fp + fn) > 0
    per_area = [_f1(t, f, n) for t, f, n in zip(tp[seen], fp[seen], fn[seen])]
    return micro, (float(np.mean(per_area)) if per_area else 0.0)


def _f1(tp, fp, fn) -> float:
    denom = 2 * tp + fp + fn
    return float(2 * tp / denom) if denom else 0.0


def bootstrap(counts: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES,
              seed: int = BOOTSTRAP_SEED) -> dict[str, tuple[float, float]]:
    """95 % percentile intervals of micro and macro F1, resampling texts with replacement."""
    rng = np.random.default_rng(seed)
    n = counts.shape[0]
    micro, macro = [], []
    for _ in range(resamples):
        idx = rng.integers(0, n, n)
        mi, ma = f1_from_counts(counts[idx].sum(axis=0))
        micro.append(mi)
        macro.append(ma)
    return {"micro_f1": _interval(micro), "macro_f1": _interval(macro)}


def _interval(values: list[float]) -> tuple[float, float]:
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def per_area(counts: np.ndarray) -> dict[str, dict]:
    summed = counts.sum(axis=0)
    report = {}
    for a, (tp, fp, fn) in zip(area_ids(), summed):
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        report[a] = {"precision": round(float(precision), 4), "recall": round(float(recall), 4),
                     "f1": round(_f1(tp, fp, fn), 4), "support": int(tp + fn)}
    return report


def polarity_accuracy(gold: Sequence[dict], pred: Sequence[dict]) -> float | None:
    pairs = [(g[a], p[a]) for g, p in zip(gold, pred) for a in g if a in p]
    return round(sum(x == y for x, y in pairs) / len(pairs), 4) if pairs else None


def exact_match(gold: Sequence[dict], pred: Sequence[dict]) -> float:
    return round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0


def appeal_type_accuracy(gold: Sequence[str | None], pred: Sequence[str | None]) -> float | None:
    pairs = [(g, p) for g, p in zip(gold, pred) if g]
    return round(sum(g == p for g, p in pairs) / len(pairs), 4) if pairs else None


def report(examples: Sequence[Example], predicted: Sequence[Labelled], resamples: int = BOOTSTRAP_RESAMPLES) -> dict:
    """The full report of one model on a set of examples."""
    gold = [e.areas for e in examples]
    pred = [p.areas for p in predicted]
    counts = area_counts(gold, pred)
    micro, macro = f1_from_counts(counts.sum(axis=0))
    ci = bootstrap(counts, resamples) if len(examples) else {"micro_f1": (0.0, 0.0), "macro_f1": (0.0, 0.0)}
    return {
        "n": len(examples),
        "micro_f1": round(micro, 4), "micro_f1_ci": [round(v, 4) for v in ci["micro_f1"]],
        "macro_f1": round(macro, 4), "macro_f1_ci": [round(v, 4) for v in ci["macro_f1"]],
        "polarity_accuracy": polarity_accuracy(gold, pred),
        "exact_match": exact_match([_pairs(g) for g in gold], [_pairs(p) for p in pred]),
        "appeal_type_accuracy": appeal_type_accuracy([e.appeal_type for e in examples],
                                                     [p.appeal_type for p in predicted]),
        "per_area": per_area(counts),
    }


def _pairs(areas: dict[str, str]) -> frozenset:
    return frozenset(areas.items())


def report_by_language(examples: Sequence[Example], predicted: Sequence[Labelled],
                       resamples: int = BOOTSTRAP_RESAMPLES) -> dict:
    """Overall report plus ``by_language`` (keyed by the gold ``lang``) with the same fields."""
    overall = report(examples, predicted, resamples)
    overall["by_language"] = {}
    for lang in sorted({e.lang for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.lang == lang]
        overall["by_language"][lang] = report([examples[i] for i in idx], [predicted[i] for i in idx], resamples)
    return overall


# --- running a model on files ----------------------------------------------------------------------

def labelled(predictions) -> list[Labelled]:
    """Evaluation form of predictions; a text the model could not classify has no areas."""
    return [Labelled({a.area: a.polarity for a in p.areas}, p.appeal_type) for p in predictions]


def evaluate_examples(examples: Sequence[Example], classifier, resamples: int = BOOTSTRAP_RESAMPLES,
                      meta: dict[str, dict] | None = None) -> dict:
    """The ensemble's report at the top level, each component's under ``components``, and slices."""
    modes = getattr(classifier, "calibrations", {}) or {}
    if hasattr(classifier, "predict_modes"):
        by_mode = classifier.predict_modes([e.text for e in examples], tuple(m for m in ("ensemble", "transformer",
                                                                                         "ngram") if m in modes))
    else:
        by_mode = {"model": classifier.predict([e.text for e in examples])}
    main = "ensemble" if "ensemble" in by_mode else next(iter(by_mode))
    result = report_by_language(examples, labelled(by_mode[main]), resamples)
    result["model"] = {"name": classifier.name, "version": classifier.version, "hash": classifier.model_hash,
                       "mode": main}
    result["components"] = {m: report_by_language(examples, labelled(p), resamples)
                            for m, p in by_mode.items() if m != main}
    result["gain_over_ngram"] = _gain(result, result["components"].get("ngram"))
    result["slices"] = report_slices(examples, labelled(by_mode[main]), meta or {}, resamples)
    result["component_slices"] = {m: {k: v["macro_f1"] for k, v in report_slices(examples, labelled(p), meta or {},
                                                                                 resamples=100).items()}
                                  for m, p in by_mode.items() if m != main}
    return result


def _gain(main: dict, baseline: dict | None) -> dict | None:
    if not baseline:
        return None
    gain = {"macro_f1": round(main["macro_f1"] - baseline["macro_f1"], 4)}
    for lang, r in main["by_language"].items():
        gain[lang] = round(r["macro_f1"] - baseline["by_language"][lang]["macro_f1"], 4)
    return gain


LONG_CHARS = 300


def slice_members(examples: Sequence[Example], meta: dict[str, dict]) -> dict[str, list[int]]:
    """Indices of each slice the classifier issue asks about (a text can be in several).

    ``meta`` holds what the label files say beyond the labels (origin, implicit); texts of
    the written evaluation set have none and count as ``written``.
    """
    def origin(e: Example) -> str:
        return meta.get(e.id, {}).get("origin", "written")

    tests = {
        "real": lambda e: origin(e) == "real",
        "real_situation": lambda e: origin(e) == "situation",
        "written": lambda e: origin(e) == "written",
        "long_over_300_chars": lambda e: len(e.text) > LONG_CHARS,
        "short": lambda e: len(e.text) <= LONG_CHARS,
        "meaning_only": lambda e: bool(e.areas) and meta.get(e.id, {}).get("implicit") is True,
        "keyword": lambda e: bool(e.areas) and meta.get(e.id, {}).get("implicit") is False,
        "kk_ru_mixed": lambda e: e.lang == "kk" and e.script == "mixed",
        "kk_latin_script": lambda e: e.lang == "kk" and e.script == "latn",
        "survey_360_comments": lambda e: e.kind == "survey_comment",
    }
    return {name: [i for i, e in enumerate(examples) if test(e)] for name, test in tests.items()}


def report_slices(examples: Sequence[Example], predicted: Sequence[Labelled], meta: dict[str, dict],
                  resamples: int = BOOTSTRAP_RESAMPLES) -> dict:
    out = {}
    for name, idx in slice_members(examples, meta).items():
        if idx:
            r = report([examples[i] for i in idx], [predicted[i] for i in idx], resamples)
            out[name] = {k: r[k] for k in ("n", "macro_f1", "macro_f1_ci", "micro_f1", "micro_f1_ci")}
    return out


def evaluate_files(files, model_dir, real: bool = False, resamples: int = BOOTSTRAP_RESAMPLES,
                   real_split: bool = False) -> dict:
    """Scores on labelled files and (``real_split``) on the real-text evaluation split, with slices."""
    from nlp import realcorpus
    from nlp.corpus import read_many
    from nlp.ensemble import load_classifier

    classifier = load_classifier(model_dir)
    examples = read_many(files) if files else []
    real_rows = realcorpus.rows("eval") if real_split else []
    examples += [example for example, _ in real_rows]
    meta = {example.id: obj for example, obj in real_rows}
    result = evaluate_examples(examples, classifier, resamples, meta) if examples else {}
    if examples:
        result["files"] = [str(f) for f in files] + (["nlp/corpus/real (eval split)"] if real_split else [])
    if real:
        from nlp.realtext import run_all

        result["real"] = run_all(classifier)
    return result


def format_report(result: dict) -> str:
    """A compact text table: per language and model, macro/micro F1 with intervals and the rest."""
    lines = []
    if "by_language" in result:
        m = result["model"]
        lines.append(f"model {m['name']} {m['version']} on {result['n']} texts ({', '.join(result.get('files', []))})")
        lines.append(f"{'model':<12} {'lang':<5} {'n':>5}  {'macro F1 [95% CI]':<24} {'micro F1 [95% CI]':<24} "
                     f"{'polarity':>8} {'exact':>6} {'type':>6}")
        for name, r in [(m["mode"], result)] + list(result["components"].items()):
            for lang, x in [("all", r)] + list(r["by_language"].items()):
                lines.append(f"{name:<12} {lang:<5} {x['n']:>5}  {_ci(x, 'macro_f1'):<24} {_ci(x, 'micro_f1'):<24} "
                             f"{_num(x['polarity_accuracy']):>8} {_num(x['exact_match']):>6} "
                             f"{_num(x['appeal_type_accuracy']):>6}")
        if result.get("slices"):
            lines.append(f"slices ({m['mode']}):")
            for name, x in result["slices"].items():
                lines.append(f"  {name:<22} {x['n']:>5}  macro {_ci(x, 'macro_f1'):<24} micro {_ci(x, 'micro_f1')}")
        lines.append("per area (" + m["mode"] + "): P / R / F1 (support)")
        for area, x in result["per_area"].items():
            lines.append(f"  {area:<26} {x['precision']:.2f} / {x['recall']:.2f} / {x['f1']:.2f} ({x['support']})")
    if "real" in result:
        lines.append("real text:")
        for name, x in result["real"]["langid"].items():
            lines.append(f"  language id {name:<20} {x['language']}: {x['accuracy']:.2%} of {x['n']:,} {x['identified_as']}")
        for key in ("service_centres", "public_services"):
            if key in result["real"]:
                x = result["real"][key]
                lines.append(f"  {key}: negative areas in {x['negative_share_one_star']} of {x['one_star']} 1-star vs "
                             f"{x['negative_share_five_star']} of {x['five_star']} 5-star reviews -> "
                             f"{'ok' if x['passed'] else 'FAILED'}")
    return "\n".join(lines)


def _ci(x: dict, key: str) -> str:
    lo, hi = x[f"{key}_ci"]
    return f"{x[key]:.3f} [{lo:.3f}, {hi:.3f}]"


def _num(v) -> str:
    return "-" if v is None else f"{v:.3f}"
