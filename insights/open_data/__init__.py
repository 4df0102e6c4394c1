"""An open Listening State: `tyndau publish --out DIR` writes an open-data package a ministry can put online.

What it holds (aggregates only, no text, no identifiers of people): per agency, region and month
and every total of them, the responsiveness figures and the appeals per competency area, with
small cells suppressed so that no hidden figure can be recovered from the published ones
(:mod:`insights.open_data.cube`); as CSV and Parquet with a datapackage.json
(:mod:`insights.open_data.package`), and a static site in kk, ru and en (:mod:`insights.open_data.site`).

The package is written into a new folder beside the target and moved into place at the end, so a
failed run leaves no half-written package (and the warehouse is only read).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polars as pl

from insights.open_data import package, site, tables
from warehouse.errors import TyndauError


class PublishError(TyndauError):
    hint = "Choose an empty or new folder for --out, or pass --replace to overwrite an earlier package."


def published_frames(con, k: int) -> dict[str, pl.DataFrame]:
    return {"responsiveness": tables.responsiveness_table(con, k), "areas": tables.area_table(con, k)}


def publish_package(con, out: Path, k: int, replace: bool = False) -> dict[str, pl.DataFrame]:
    """Write the package to `out` (a new or empty folder, or any folder with `replace`)."""
    if k < 1:
        raise PublishError(f"The threshold must be at least 1, not {k}.", hint="Pass --min-count 10 (the default) or more.")
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not replace)):
        raise PublishError(f"{out} exists and is not an empty folder.")
    frames = published_frames(con, k)
    if frames["responsiveness"].height == 0:
        raise PublishError("The warehouse holds no appeals to publish.", hint="Run `tyndau ingest` and `tyndau build` first.")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    staging.chmod(0o755)  # public data: readable by the web server (mkdtemp makes it 0700)
    try:
        package.write_data(staging, frames)
        package.write_datapackage(staging, frames, k)
        site.write_site(staging, frames, k)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return frames
