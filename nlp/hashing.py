"""SHA-256 over named files of a folder, in a fixed order: how models and encoders are fingerprinted."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def update_with_files(digest: "hashlib._Hash", folder: str | Path, names: Iterable[str]) -> None:
    """Feed each existing file's name and bytes to ``digest`` (missing files are skipped)."""
    for name in names:
        path = Path(folder) / name
        if path.exists():
            digest.update(name.encode())
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 22), b""):
                    digest.update(block)
