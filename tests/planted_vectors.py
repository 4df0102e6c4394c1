"""Planted meaning vectors for theme tests: no encoder run, a known answer.

Each appeal gets one of a few random directions (its planted theme) plus a little noise, stored
as `tyndau topics build` stores real vectors, so clustering must find the planted themes again."""

from __future__ import annotations

import hashlib

import numpy as np

from nlp.textvectors import _store


def uniform(key: str) -> float:
    """A stable draw in [0, 1] per appeal, so planting does not depend on row order."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def store_planted(con, encoder_hash: str, rows: list[tuple], directions: np.ndarray, kind: list[int],
                  rng: np.random.Generator) -> None:
    """Store, per (appeal id, text, ...) row, its direction ``kind[i]`` with noise, L2-normalised."""
    vectors = directions[kind] / np.linalg.norm(directions[kind], axis=1, keepdims=True)
    vectors = vectors + rng.normal(scale=0.02, size=vectors.shape)
    _store(con, encoder_hash, [(r[0], r[1]) for r in rows], vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
