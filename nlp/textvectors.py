"""Meaning vectors of citizens' texts for emerging themes, embedded once and kept in the warehouse.

Why stored: the encoder is the slow part (tens of texts a second per core); clustering a million
vectors takes a minute. So ``tyndau topics build`` embeds only texts it has no vector for (a new
appeal, or a text whose redacted wording changed: the key holds the text's SHA-256) and the build
clusters what is stored. One vector is 384 float32 (1.5 KB a text, 1.5 GB per million appeals);
the table stays in the writer's file and never reaches the dashboard's snapshot (vectors can be
partly inverted back to words).

Why the last layer alone: the classifier reads the last four layers side by side because the lower
ones keep more of the words; a theme is about meaning, which e5's retrieval-tuned top layer holds,
at a quarter of the size. Texts are read in sentence windows as the classifier reads them
(:mod:`nlp.encoder`), so a long letter is not cut at 128 tokens.

Why ``tyndau classify`` can store them too: the classifier runs the same encoder over every text,
and the last layer is the last ``hidden`` columns of its document vectors. When its encoder is the
themes' encoder read the same way (:func:`shared_encoder_hash`), those columns are these vectors,
so classify stores them and ``topics build`` has nothing left to embed (docs/topics.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np

from nlp.encoder import DEFAULT_ENCODER, Encoder, fingerprint
from warehouse.db import transaction

DIM = 384
BATCH = 256
TORCH_THREADS = 2
WINDOW_TOKENS = 128


def load_encoder(path: str | Path = DEFAULT_ENCODER) -> Encoder:
    import torch

    torch.set_num_threads(TORCH_THREADS)  # the machine is shared: never more than two cores
    return Encoder(path, layers=1, window_tokens=WINDOW_TOKENS)


def shared_encoder_hash(encoder: Encoder | None, topics_encoder: str | Path = DEFAULT_ENCODER) -> str | None:
    """The fingerprint to store the classifier's last-layer vectors under, or None when they are not the themes'.

    Why each condition: another checkpoint, int8 weights or other windows give other vectors, which
    must not pass for the themes' vectors (``topics build`` would then trust them and never embed).
    The prefix lives beside the weights (``e5.json``), outside the fingerprint, so it is compared too.
    """
    if encoder is None or encoder.quantized or encoder.window_tokens != WINDOW_TOKENS or encoder.hidden != DIM:
        return None
    topics_encoder = Path(topics_encoder)
    if not (topics_encoder / "config.json").exists():
        return None
    mine = fingerprint(encoder.path)
    same_folder = encoder.path.resolve() == topics_encoder.resolve()
    if not same_folder and (fingerprint(topics_encoder) != mine or _prefix(topics_encoder) != encoder.prefix):
        return None
    return mine


def _prefix(path: Path) -> str:
    meta = path / "e5.json"
    return json.loads(meta.read_text(encoding="utf-8")).get("prefix", "") if meta.exists() else ""


def embed_texts(texts: list[str], encoder: Encoder | None = None) -> np.ndarray:
    """(n, 384) L2-normalised float32 vectors: each text the token-weighted mean of its windows."""
    encoder = encoder or load_encoder()
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.vstack([encoder.encode(texts[k:k + BATCH]).documents for k in range(0, len(texts), BATCH)])


def texts_without_vectors(con: duckdb.DuckDBPyConnection, encoder_hash: str) -> list[tuple[str, str]]:
    """(appeal id, text) of every appeal whose current text has no vector of this encoder."""
    return con.execute("""
        select a.appeal_id, a.text
        from fct_appeals a
        where a.text is not null and trim(a.text) <> ''
          and not exists (select 1 from text_vectors v
                          where v.text_kind = 'appeal' and v.text_id = a.appeal_id
                            and v.encoder_hash = ? and v.text_hash = sha256(a.text))
        order by a.appeal_id""", [encoder_hash]).fetchall()


def embed_new_appeals(con: duckdb.DuckDBPyConnection, encoder_path: str | Path = DEFAULT_ENCODER,
                      progress: Callable[[int, int], None] | None = None) -> int:
    """Embed the appeals that have no vector yet and store them, batch by batch (each batch atomic).

    A batch committed stays: an interrupted run resumes where it stopped instead of starting over.
    """
    encoder_hash = fingerprint(encoder_path)
    todo = texts_without_vectors(con, encoder_hash)
    if not todo:
        return 0
    encoder = load_encoder(encoder_path)
    for k in range(0, len(todo), BATCH):
        batch = todo[k:k + BATCH]
        vectors = embed_texts([t for _, t in batch], encoder)
        _store(con, encoder_hash, batch, vectors)
        if progress:
            progress(min(k + BATCH, len(todo)), len(todo))
    return len(todo)


def _store(con: duckdb.DuckDBPyConnection, encoder_hash: str, batch: list[tuple[str, str]],
           vectors: np.ndarray) -> None:
    with transaction(con):
        store_appeal_vectors(con, encoder_hash, batch, vectors)


def store_appeal_vectors(con: duckdb.DuckDBPyConnection, encoder_hash: str, batch: list[tuple[str, str]],
                         vectors: np.ndarray) -> None:
    """Insert or replace the vectors of (appeal id, text) pairs, inside the caller's transaction."""
    import pyarrow as pa

    if not batch:
        return
    rows = pa.table({
        "text_id": [i for i, _ in batch], "text": [t for _, t in batch],
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.astype(np.float32).ravel()), DIM),
    })
    con.register("_new_vectors", rows)
    try:
        con.execute("""
            insert or replace into text_vectors
            select 'appeal', text_id, ?, sha256(text), vector::float[384], now()::timestamp
            from _new_vectors""", [encoder_hash])
    finally:
        con.unregister("_new_vectors")
