"""`tyndau train`: from the written corpus (and reviewed corrections) to a model directory.

Steps, each a small function below:
1. read the training corpus (never the eval files) and analysts' corrections, normalise
   every text as prediction will (language identification, Latin-script Kazakh to Cyrillic);
2. hold out a validation split (15 % per language, chosen by a hash of the id, so it is
   stable as the corpus grows) for calibration;
3. augment the training part (:mod:`nlp.augment`);
4. fit the character n-gram model;
5. train the tokenizer, pretrain the compact transformer as a masked language model on all
   unlabelled text the project may use, fine-tune it (or fine-tune ``--base`` instead);
6. calibrate thresholds and ensemble weights on the validation split;
7. refit the n-gram model on all labelled data and save.

Why refit only the n-grams: they are the strongest part and cheap to fit, and 15 % more
written examples is worth more than the small shift of their scores against thresholds
calibrated on the 85 % model (measured on the evaluation set after the fact: +2 points
macro F1 for the n-gram model refitted on all data). Refitting the transformer too would
double the training time.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from nlp import augment, calibrate, corpus, ngram, sources
from nlp.calibrate import Calibration
from nlp.corpus import Example
from nlp.errors import DataMissingError
from nlp.labels import APPEAL_TYPES, POLARITIES, area_ids, encode, polarity_of
from nlp.textprep import prepare

Progress = Callable[[str], None]


@dataclass
class TrainConfig:
    out: Path
    name: str = "tyndau-default"
    version: str = "1"
    base: str | None = None
    seed: int = 13
    val_share: float = 0.15
    vocab_size: int = 12_000
    layers: int = 2
    hidden: int = 192
    intermediate: int = 384
    heads: int = 4
    mlm_epochs: int = 0                 # measured: 1 epoch of MLM gave no validation gain (see docs/classifier.md)
    epochs: int = 3
    batch_size: int = 32
    lr: float = 1e-3
    base_lr: float = 5e-5
    augment: bool = True
    use_kaznerd: bool = True
    limit: int | None = None            # per language, for quick test models
    threads: int = 1                    # one thread: deterministic order, and faster on a busy 2-core host


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

def load_examples(extra: Sequence[Example] = (), limit: int | None = None) -> list[Example]:
    examples = corpus.load_train()
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


def unlabelled_texts(data: Dataset, use_kaznerd: bool, progress: Progress) -> list[str]:
    """Text for the tokenizer and MLM: the training texts, the taxonomy, KazNERD (CC BY 4.0)."""
    from nlp.langid_build import taxonomy_texts

    texts = list(data.texts) + [t for lang in corpus.LANGS for t in taxonomy_texts(lang)]
    if use_kaznerd:
        try:
            texts += sources.kaznerd_sentences()
        except DataMissingError:
            progress("KazNERD not found: pretraining on the corpus only")
    return texts


# --- training ----------------------------------------------------------------------------------------

def fit_ngram(data: Dataset) -> ngram.NgramModel:
    return ngram.fit(data.texts, data.area_matrix(), data.polarity_index(), data.appeal_index())


def fit_transformer(cfg: TrainConfig, train: Dataset, unlabelled: Dataset, progress: Progress):
    """Fine-tune ``--base`` or a compact model pretrained here; ``unlabelled`` feeds tokenizer and MLM."""
    from nlp import transformer as tr

    tr.set_determinism(cfg.seed, cfg.threads)
    if cfg.base:
        model, tokenizer = tr.classifier_from_base(cfg.base)
        lr = cfg.base_lr
    else:
        model, tokenizer = compact_model(cfg, unlabelled, progress)
        lr = cfg.lr
    model = tr.finetune(model, tokenizer, train.texts, train.targets(), cfg.epochs, cfg.batch_size, lr, cfg.seed,
                        progress, cfg.threads)
    return tr.TransformerModel(model, tokenizer)


def compact_model(cfg: TrainConfig, train: Dataset, progress: Progress):
    from nlp import transformer as tr

    unlabelled = unlabelled_texts(train, cfg.use_kaznerd, progress)
    try:
        unlabelled += sources.kazakh_stopwords()
    except DataMissingError:
        pass
    tokenizer = tr.train_tokenizer(unlabelled, cfg.vocab_size)
    arch = tr.Architecture(vocab_size=cfg.vocab_size, hidden_size=cfg.hidden, num_hidden_layers=cfg.layers,
                           num_attention_heads=cfg.heads, intermediate_size=cfg.intermediate)
    config = tr.compact_config(tokenizer, arch)
    progress(f"tokenizer: {len(tokenizer)} word pieces from {len(unlabelled)} texts"
             + (f"; masked-LM pretraining on them for {cfg.mlm_epochs} epoch(s)" if cfg.mlm_epochs else ""))
    model = tr.compact_classifier(config)
    if cfg.mlm_epochs:
        encoder = tr.pretrain_mlm(config, tokenizer, unlabelled, cfg.mlm_epochs, seed=cfg.seed, progress=progress,
                                  threads=cfg.threads)
        model.model.load_state_dict(encoder)
    return model, tokenizer


def calibrate_all(transformer, ngram_model: ngram.NgramModel, val: Dataset) -> dict[str, Calibration]:
    """Thresholds for each scoring mode and the ensemble weights, on the validation split."""
    t = transformer.scores(val.texts)
    g = ngram_model.scores(val.texts)
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
    from nlp.ensemble import CALIBRATION, MANIFEST, model_hash

    started = time.perf_counter()
    steps: list[str] = []

    def log(msg: str) -> None:
        steps.append(f"{time.perf_counter() - started:7.1f}s {msg}")
        progress(steps[-1])

    data = to_dataset(load_examples(extra, cfg.limit))
    fit_part, val = split(data, cfg.val_share)
    train_part = fit_part + augmented(fit_part, cfg.seed) if cfg.augment else fit_part
    log(f"{len(data.texts)} labelled texts ({len(extra)} corrections): {len(fit_part.texts)} train "
        f"(+{len(train_part.texts) - len(fit_part.texts)} augmented), {len(val.texts)} validation")
    ngram_model = fit_ngram(train_part)
    log(f"n-gram model: {len(ngram_model.vocabulary)} features")
    transformer = fit_transformer(cfg, train_part, fit_part, log)
    calibrations = calibrate_all(transformer, ngram_model, val)
    log("calibrated: " + ", ".join(f"{k} val macro F1 {c.validation['macro_f1']}" for k, c in calibrations.items())
        + f"; transformer weight {calibrations['ensemble'].area_weight}")
    ngram_model = fit_ngram(data + augmented(data, cfg.seed) if cfg.augment else data)
    log("n-gram model refitted on all labelled data")
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    transformer.save(out)
    ngram_model.save(out)
    (out / CALIBRATION).write_text(json.dumps({k: c.to_json() for k, c in calibrations.items()}, indent=2),
                                   encoding="utf-8")
    seconds = time.perf_counter() - started
    counts = {lang: sum(e.lang == lang for e in data.examples) for lang in corpus.LANGS}
    manifest = {"name": cfg.name, "version": cfg.version, "base": cfg.base, "labels": "area:polarity + appeal_type",
                "trained_on": counts, "corrections": len(extra), "train_seconds": round(seconds, 1),
                "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()}}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    log(f"saved {out} (hash {model_hash(out)[:12]})")
    return TrainReport(str(out), seconds, counts, {k: c.validation for k, c in calibrations.items()}, steps)
