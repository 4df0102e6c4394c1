"""The shipped classifier: a pretrained encoder with a trained head, plus character n-grams, calibrated.

Layout of a model directory::

    encoder.json  head.safetensors  head.json              the encoder component (nlp.encoder_model);
                                                           the encoder itself is a save_pretrained
                                                           checkpoint that encoder.json points at
    ngram/vocabulary.json  ngram/weights.npz  ngram/config.json   n-gram model
    calibration.json       thresholds and ensemble weights per scoring mode
    tyndau.json            manifest: name, version, what was trained on, how long it took

Scoring modes: ``ensemble`` (the default), ``transformer`` (the encoder and its head) and
``ngram`` alone, each with its own thresholds, so evaluation shows what each part contributes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.calibrate import Calibration
from nlp.errors import ModelError
from nlp.hashing import update_with_files
from nlp.labels import APPEAL_TYPES, POLARITIES, area_ids
from nlp.model import AreaLabel, Evidence, Prediction, Scores
from nlp.ngram import NgramModel
from nlp.textprep import Prepared, prepare

MANIFEST = "tyndau.json"
CALIBRATION = "calibration.json"
MODES = ("ensemble", "transformer", "ngram")
HASHED_FILES = ("head.safetensors", "head.json", "ngram/weights.npz", "ngram/vocabulary.json", CALIBRATION)
_WORDS = re.compile(r"\w+", re.UNICODE)


class EnsembleClassifier:
    """Implements :class:`nlp.model.Classifier` over a model directory."""

    def __init__(self, model_dir: Path, transformer, ngram: NgramModel | None, calibrations: dict[str, Calibration],
                 manifest: dict, mode: str = "ensemble"):
        self.model_dir = Path(model_dir)
        self.transformer = transformer
        self.ngram = ngram
        self.calibrations = calibrations
        self.manifest = manifest
        self.mode = mode if ngram is not None else "transformer"
        self.model_hash = model_hash(self.model_dir)
        self.name = manifest.get("name", self.model_dir.name)
        self.version = f"{manifest.get('version', '0')}+{self.model_hash[:12]}"

    # -- scoring ----------------------------------------------------------------------------------
    @property
    def encoder(self):
        """The encoder the classifier reads texts with (nlp.textvectors decides if its vectors serve the themes)."""
        return self.transformer.encoder

    def component_scores(self, texts: Sequence[str]) -> dict[str, Scores]:
        return self._components(texts)[0]

    def _components(self, texts: Sequence[str]) -> tuple[dict[str, Scores], np.ndarray]:
        """Each component's scores, and the encoder's last-layer document vectors (last layer last)."""
        read = self.transformer.window_scores(texts)
        out = {"transformer": read.scores}
        if self.ngram is not None:
            out["ngram"] = self.ngram.scores(texts)
        return out, read.windows.documents[:, -self.transformer.encoder.hidden:]

    def combine(self, parts: dict[str, Scores], mode: str | None = None) -> Scores:
        mode = mode or self.mode
        if mode != "ensemble":
            return parts[mode]
        cal = self.calibrations["ensemble"]
        t, g = parts["transformer"], parts["ngram"]
        return Scores(area=_mix(cal.area_weight, t.area, g.area), polarity=_mix(cal.polarity_weight, t.polarity,
                      g.polarity), appeal=_mix(cal.appeal_weight, t.appeal, g.appeal))

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        return self.predict_modes(texts, (self.mode,))[self.mode]

    def predict_modes(self, texts: Sequence[str], modes: Sequence[str] = MODES) -> dict[str, list[Prediction]]:
        """Predictions of several scoring modes from one pass of each component."""
        prepared = [prepare(t) for t in texts]
        ok = [i for i, p in enumerate(prepared) if p.ok]
        parts, meaning = self._components([prepared[i].text for i in ok]) if ok else ({}, None)
        result = {}
        for mode in modes:
            scores = self.combine(parts, mode) if ok else None
            result[mode] = _assemble(prepared, ok, scores, self.calibrations[mode].thresholds, meaning)
        return result

    # -- evidence ----------------------------------------------------------------------------------
    def explain(self, text: str, top: int = 5) -> dict[str, list[Evidence]]:
        """Word spans that drove each predicted area (gradient x input and n-gram contributions).

        Cheap enough for one text at a time (one backward pass per predicted area); not meant
        for bulk classification.
        """
        prepared = prepare(text)
        if not prepared.ok:
            return {}
        prediction = self.predict([text])[0]
        return {a.area: self.area_evidence(prepared.text, a.area, top) for a in prediction.areas}

    def area_evidence(self, text: str, area: str, top: int = 5) -> list[Evidence]:
        words = [(m.start(), m.end()) for m in _WORDS.finditer(text)]
        weight = np.zeros(len(words))
        w_t = self.calibrations[self.mode].area_weight if self.mode == "ensemble" else float(self.mode == "transformer")
        if w_t > 0:
            weight += w_t * _normalised(_to_words(words, self.transformer.token_attributions(text, area)))
        if self.ngram is not None and w_t < 1:
            weight += (1 - w_t) * _normalised(_ngram_to_words(text, words, self.ngram, area_ids().index(area)))
        return _spans(text, words, weight, area, top)


def _mix(w: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return w * a + (1 - w) * b


def _assemble(prepared: list[Prepared], ok: list[int], scores: Scores | None,
              thresholds: dict[str, float], meaning: np.ndarray | None = None) -> list[Prediction]:
    out = [Prediction(failure=p.failure) for p in prepared]
    areas = area_ids()
    cut = np.array([thresholds[a] for a in areas])
    for row, i in enumerate(ok):
        lang = prepared[i].language
        found = []
        for k in np.flatnonzero(scores.area[row] >= cut):
            pol = scores.polarity[row, k]
            j = int(np.argmax(pol))
            found.append(AreaLabel(areas[k], POLARITIES[j], round(float(scores.area[row, k]), 4),
                                   round(float(pol[j]), 4)))
        found.sort(key=lambda a: -a.score)
        t = int(np.argmax(scores.appeal[row]))
        out[i] = Prediction(areas=tuple(found), area_scores={a: round(float(s), 4) for a, s in
                                                             zip(areas, scores.area[row])},
                            area_thresholds={a: float(thresholds[a]) for a in areas},
                            appeal_type=APPEAL_TYPES[t], appeal_type_score=round(float(scores.appeal[row, t]), 4),
                            language=lang.lang, script=lang.script, transliterated=lang.transliterated,
                            meaning_vector=meaning[row].copy() if meaning is not None else None)
    return out


def _normalised(v: np.ndarray) -> np.ndarray:
    v = np.clip(v, 0, None)
    return v / v.max() if v.size and v.max() > 0 else v


def _to_words(words: list[tuple[int, int]], attributions: list[tuple[int, int, float]]) -> np.ndarray:
    out = np.zeros(len(words))
    for s, e, w in attributions:
        for k, (ws, we) in enumerate(words):
            if s < we and e > ws:
                out[k] += w
                break
    return out


def _ngram_to_words(text: str, words: list[tuple[int, int]], ngram: NgramModel, area_index: int) -> np.ndarray:
    out = np.zeros(len(words))
    low = text.lower()
    for gram, contribution in ngram.contributions(text, area_index)[:200]:
        g = gram.strip()
        if contribution <= 0 or len(g) < 3:
            continue
        for m in re.finditer(re.escape(g), low):
            for k, (ws, we) in enumerate(words):
                if m.start() < we and m.end() > ws:
                    out[k] += contribution
    return out


def _spans(text: str, words: list[tuple[int, int]], weight: np.ndarray, area: str, top: int) -> list[Evidence]:
    """The top words, merged with their neighbours when those are also among the top."""
    if not words or weight.max() <= 0:
        return []
    chosen = sorted(np.argsort(-weight)[:top].tolist())
    chosen = [k for k in chosen if weight[k] > 0]
    spans, group = [], [chosen[0]] if chosen else []
    for k in chosen[1:]:
        if k == group[-1] + 1:
            group.append(k)
        else:
            spans.append(group)
            group = [k]
    if group:
        spans.append(group)
    out = [Evidence(area, text[words[g[0]][0]:words[g[-1]][1]], words[g[0]][0], words[g[-1]][1],
                    round(float(max(weight[k] for k in g)), 4)) for g in spans]
    return sorted(out, key=lambda e: -e.weight)


# --- loading ---------------------------------------------------------------------------------------

def model_hash(model_dir: Path) -> str:
    """SHA-256 over what determines predictions: equal hash, equal model.

    The encoder counts by its fingerprint and reading settings, not by where it lies: a model
    copied to another folder or machine keeps its hash (and its labels in the warehouse).
    """
    digest = hashlib.sha256()
    spec_path = Path(model_dir) / "encoder.json"
    if spec_path.exists():
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        digest.update(json.dumps({k: v for k, v in spec.items() if k not in ("path", "absolute_path")},
                                 sort_keys=True).encode())
    update_with_files(digest, model_dir, HASHED_FILES)
    return digest.hexdigest()


def load_classifier(model_dir: str | Path, mode: str = "ensemble", quantize: bool = False) -> EnsembleClassifier:
    """Load a model directory written by ``tyndau train`` (raises :class:`ModelError`)."""
    from nlp.encoder_model import ENCODER_FILE, EncoderModel

    model_dir = Path(model_dir)
    if (model_dir / "config.json").exists() and not (model_dir / ENCODER_FILE).exists():
        raise ModelError(f"{model_dir} holds a model of an older Tyndau (the compact transformer trained from "
                         f"scratch); retrain it: `tyndau train --out {model_dir}`.")
    if not (model_dir / ENCODER_FILE).exists() or not (model_dir / CALIBRATION).exists():
        raise ModelError(f"No trained model in {model_dir}.")
    manifest = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8")) if (model_dir / MANIFEST).exists() else {}
    calibrations = {k: Calibration.from_json(v) for k, v in
                    json.loads((model_dir / CALIBRATION).read_text(encoding="utf-8")).items()}
    ngram = NgramModel.load(model_dir) if (model_dir / "ngram" / "weights.npz").exists() else None
    transformer = EncoderModel.load(model_dir, quantize=quantize)
    return EnsembleClassifier(model_dir, transformer, ngram, calibrations, manifest, mode)
