"""One small trained model per test session, shared by the classifier tests.

Why: training the default model takes minutes. If ``models/tyndau-default`` exists (set-up
trains it), the tests use it; otherwise they train a small model once (a subset of the
corpus, the same encoder), which exercises the same code path and takes well under a minute.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = REPO / "models" / "tyndau-default"


@functools.cache
def model_dir() -> Path:
    if (DEFAULT_MODEL / "encoder.json").exists() and (DEFAULT_MODEL / "calibration.json").exists():
        return DEFAULT_MODEL
    return train_small(Path(tempfile.mkdtemp(prefix="tyndau-test-model-")))


def train_small(out: Path) -> Path:
    from nlp.train import TrainConfig, train

    train(TrainConfig(out=out, name="tyndau-test", limit=150, epochs=10, augment=False, use_real=False),
          progress=lambda line: None)
    return out


@functools.cache
def classifier():
    from nlp.ensemble import load_classifier

    return load_classifier(model_dir())
