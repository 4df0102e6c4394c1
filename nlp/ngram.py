"""The character n-gram model: TF-IDF over char_wb 2-5 grams and logistic regressions.

Why: with ~1,700 written examples per language, character n-grams are a strong, robust
baseline for Kazakh's rich morphology, for typos and for code-switching, and they are the
ensemble partner of the compact transformer. They also explain themselves cheaply: the
n-grams with the largest contribution to an area are its evidence.

Heads: one binary logistic regression per area (does the text give evidence about it?),
and one-vs-rest regressions for the text's polarity (negative / positive / neutral, fitted
on texts that have areas) and for the appeal type.

Saved without pickles: the vocabulary is JSON and the weights are a ``.npz`` read with
``allow_pickle=False``. A pickle (joblib, plain skops "trusted" types aside) runs code when
it is loaded, so a model directory copied from elsewhere could execute anything; plain
arrays cannot. Prediction is done here with numpy/scipy from those arrays, so the saved
model does not depend on the scikit-learn version either.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from nlp.model import Scores

NGRAM_RANGE = (2, 5)
SUBDIR = "ngram"


@dataclass
class NgramModel:
    vocabulary: list[str]
    idf: np.ndarray
    area_coef: np.ndarray          # (areas, V)
    area_intercept: np.ndarray     # (areas,)
    polarity_coef: np.ndarray      # (3, V)
    polarity_intercept: np.ndarray
    appeal_coef: np.ndarray        # (types, V)
    appeal_intercept: np.ndarray

    def __post_init__(self):
        from sklearn.feature_extraction.text import CountVectorizer

        self._counter = CountVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=True,
                                        vocabulary={g: i for i, g in enumerate(self.vocabulary)}, dtype=np.float32)

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF as scikit-learn computes it (sublinear tf, smooth idf, l2 rows)."""
        x = self._counter.transform(texts).astype(np.float32).tocsr()
        x.data = 1.0 + np.log(x.data)
        x = x.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ x

    def scores(self, texts: Sequence[str]) -> Scores:
        x = self.features(texts)
        area = _sigmoid(x @ self.area_coef.T + self.area_intercept)
        polarity = _normalised(_sigmoid(x @ self.polarity_coef.T + self.polarity_intercept))
        appeal = _normalised(_sigmoid(x @ self.appeal_coef.T + self.appeal_intercept))
        n_areas = self.area_coef.shape[0]
        return Scores(area=area, polarity=np.repeat(polarity[:, None, :], n_areas, axis=1), appeal=appeal)

    def contributions(self, text: str, area_index: int) -> list[tuple[str, float]]:
        """(n-gram, contribution to the area's logit) for the n-grams of one text, largest first."""
        x = self.features([text]).tocoo()
        contrib = [(self.vocabulary[j], float(v * self.area_coef[area_index, j])) for j, v in zip(x.col, x.data)]
        return sorted(contrib, key=lambda c: -c[1])

    def save(self, model_dir: Path) -> None:
        out = Path(model_dir) / SUBDIR
        out.mkdir(parents=True, exist_ok=True)
        (out / "vocabulary.json").write_text(json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(out / "weights.npz", **{k: getattr(self, k) for k in _ARRAYS})
        (out / "config.json").write_text(json.dumps({"analyzer": "char_wb", "ngram_range": NGRAM_RANGE,
                                                    "sublinear_tf": True, "norm": "l2"}), encoding="utf-8")

    @classmethod
    def load(cls, model_dir: Path) -> "NgramModel":
        src = Path(model_dir) / SUBDIR
        vocabulary = json.loads((src / "vocabulary.json").read_text(encoding="utf-8"))
        with np.load(src / "weights.npz", allow_pickle=False) as arrays:
            return cls(vocabulary=vocabulary, **{k: arrays[k] for k in _ARRAYS})


_ARRAYS = ("idf", "area_coef", "area_intercept", "polarity_coef", "polarity_intercept", "appeal_coef",
           "appeal_intercept")


def _sigmoid(z) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.asarray(z)))


def _normalised(p: np.ndarray) -> np.ndarray:
    return p / np.clip(p.sum(axis=1, keepdims=True), 1e-9, None)


# --- training -----------------------------------------------------------------------------------

def fit(texts: Sequence[str], area_targets: np.ndarray, polarity: Sequence[int | None],
        appeal: Sequence[int | None], c_area: float = 10.0, c_other: float = 5.0) -> NgramModel:
    """Fit the vectoriser and the three heads (deterministic: liblinear/lbfgs with fixed seeds).

    ``area_targets`` is (n, areas) 0/1; ``polarity`` and ``appeal`` hold a class index or
    None where the text has no areas / no appeal type.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, min_df=2, sublinear_tf=True,
                          lowercase=True, dtype=np.float32)
    x = vec.fit_transform(texts)
    vocabulary = [g for g, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
    area_coef, area_b = _fit_binary(x, area_targets, c_area)
    pol_coef, pol_b = _fit_multiclass(x, polarity, 3, c_other)
    app_coef, app_b = _fit_multiclass(x, appeal, 5, c_other)
    return NgramModel(vocabulary, vec.idf_.astype(np.float32), area_coef, area_b, pol_coef, pol_b, app_coef, app_b)


def _fit_binary(x, targets: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    coefs, intercepts = [], []
    for k in range(targets.shape[1]):
        y = targets[:, k]
        if y.min() == y.max():
            coefs.append(np.zeros(x.shape[1], dtype=np.float32))
            intercepts.append(-10.0 if y.max() == 0 else 10.0)
            continue
        lr = LogisticRegression(C=c, class_weight="balanced", solver="lbfgs", random_state=0, max_iter=1000)
        lr.fit(x, y)
        coefs.append(lr.coef_[0].astype(np.float32))
        intercepts.append(float(lr.intercept_[0]))
    return np.vstack(coefs), np.asarray(intercepts, dtype=np.float32)


def _fit_multiclass(x, labels: Sequence[int | None], n_classes: int, c: float) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest binary regressions (rows without a label left out); scores normalise them.

    Why not multinomial: on 100k+ features lbfgs needs 5-10x longer for the multinomial
    fit than for the same number of binary ones, for no difference we could measure.
    """
    rows = [i for i, y in enumerate(labels) if y is not None]
    onehot = np.zeros((len(rows), n_classes), dtype=np.int8)
    for r, i in enumerate(rows):
        onehot[r, labels[i]] = 1
    return _fit_binary(x[rows], onehot, c)
