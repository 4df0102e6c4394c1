"""The classification head on frozen encoder vectors: a small MLP over all labels.

Why a head on frozen vectors rather than fine-tuning the encoder: measured on this 2-core
machine, fitting the head takes seconds once the texts are embedded, so thresholds,
windows and the mix with the n-gram model can be chosen on validation data; fine-tuning
e5-small's 12 layers takes hours per run here (see docs/classifier.md, levers tried).
The head is deterministic (fixed seed, one thread, full-batch order fixed).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from nlp.labels import APPEAL_TYPES, POLARITIES, area_ids
from nlp.model import Scores

HEAD_WEIGHTS = "head.safetensors"
HEAD_CONFIG = "head.json"


@dataclass(frozen=True)
class HeadConfig:
    dim: int
    labels: int
    hidden: int = 512
    dropout: float = 0.2
    epochs: int = 60
    lr: float = 2e-3
    weight_decay: float = 1e-4
    batch_size: int = 64
    seed: int = 13


class Head(torch.nn.Module):
    def __init__(self, cfg: HeadConfig):
        super().__init__()
        self.cfg = cfg
        if cfg.hidden:
            self.net = torch.nn.Sequential(torch.nn.Dropout(cfg.dropout), torch.nn.Linear(cfg.dim, cfg.hidden),
                                           torch.nn.GELU(), torch.nn.Dropout(cfg.dropout),
                                           torch.nn.Linear(cfg.hidden, cfg.labels))
        else:
            self.net = torch.nn.Sequential(torch.nn.Dropout(cfg.dropout), torch.nn.Linear(cfg.dim, cfg.labels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        self.eval()
        with torch.inference_mode():
            return torch.sigmoid(self(torch.from_numpy(np.asarray(x, dtype=np.float32)))).numpy()

    def save(self, model_dir: Path) -> None:
        from safetensors.torch import save_file

        save_file({k: v.contiguous() for k, v in self.state_dict().items()}, str(Path(model_dir) / HEAD_WEIGHTS))
        (Path(model_dir) / HEAD_CONFIG).write_text(json.dumps(asdict(self.cfg), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, model_dir: Path) -> "Head":
        from safetensors.torch import load_file

        head = cls(HeadConfig(**json.loads((Path(model_dir) / HEAD_CONFIG).read_text(encoding="utf-8"))))
        head.load_state_dict(load_file(str(Path(model_dir) / HEAD_WEIGHTS)))
        return head.eval()


def fit_head(x: np.ndarray, targets: np.ndarray, cfg: HeadConfig, sample_weight: np.ndarray | None = None) -> Head:
    """BCE over all labels with per-label positive weights (rare labels would never fire otherwise)."""
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    head = Head(cfg)
    xs = torch.from_numpy(np.asarray(x, dtype=np.float32))
    ys = torch.from_numpy(np.asarray(targets, dtype=np.float32))
    ws = torch.from_numpy(np.ones(len(xs), np.float32) if sample_weight is None else sample_weight.astype(np.float32))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=positive_weights(targets), reduction="none")
    opt = torch.optim.AdamW(head.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    steps = cfg.epochs * math.ceil(len(xs) / cfg.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=max(steps, 1), pct_start=0.1)
    head.train()
    for _ in range(cfg.epochs):
        order = rng.permutation(len(xs))
        for k in range(0, len(order), cfg.batch_size):
            b = torch.from_numpy(order[k:k + cfg.batch_size])
            loss = (loss_fn(head(xs[b]), ys[b]).mean(dim=1) * ws[b]).sum() / ws[b].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return head.eval()


def positive_weights(targets: np.ndarray, cap: float = 10.0) -> torch.Tensor:
    """sqrt(negatives / positives) per label, capped: without it the rare area:polarity labels
    (a few dozen positives among thousands) are never predicted and the model settles on
    the base rates."""
    pos = targets.sum(axis=0)
    neg = len(targets) - pos
    return torch.tensor(np.clip(np.sqrt(neg / np.maximum(pos, 1.0)), 1.0, cap), dtype=torch.float32)


def scores_from_probabilities(probs: np.ndarray, label_index: dict[str, int]) -> Scores:
    """Area probability = 1 - prod(1 - p(area:polarity)); polarity = normalised p(area:polarity)."""
    areas = area_ids()
    pol = np.stack([probs[:, [label_index[f"{a}:{p}"] for p in POLARITIES]] for a in areas], axis=1)
    area = 1.0 - np.prod(1.0 - pol, axis=2)
    polarity = pol / np.clip(pol.sum(axis=2, keepdims=True), 1e-9, None)
    appeal_cols = [label_index.get(f"appeal_type:{t}") for t in APPEAL_TYPES]
    if None in appeal_cols:
        appeal = np.full((len(probs), len(APPEAL_TYPES)), 1.0 / len(APPEAL_TYPES), dtype=np.float32)
    else:
        appeal = probs[:, appeal_cols]
        appeal = appeal / np.clip(appeal.sum(axis=1, keepdims=True), 1e-9, None)
    return Scores(area=area, polarity=polarity, appeal=appeal)
