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
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np

from nlp.encoder import DEFAULT_ENCODER, Encoder, fingerprint
from warehouse.db import transaction

DIM = 384
BATCH = 256
TORCH_THREADS = 2


def load_encoder(path: str | Path = DEFAULT_ENCODER) -> Encoder:
    import torch

    torch.set_num_threads(TORCH_THREADS)  # the machine is shared: never more than two cores
    return Encoder(path, layers=1)


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
    import pyarrow as pa

    rows = pa.table({
        "text_id": [i for i, _ in batch], "text": [t for _, t in batch],
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.astype(np.float32).ravel()), DIM),
    })
    con.register("_new_vectors", rows)
    try:
        with transaction(con):
            con.execute("""
                insert or replace into text_vectors
                select 'appeal', text_id, ?, sha256(text), vector::float[384], now()::timestamp
                from _new_vectors""", [encoder_hash])
    finally:
        con.unregister("_new_vectors")
