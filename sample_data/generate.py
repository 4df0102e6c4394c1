"""Generate the Tyndau sample dataset: ``python -m sample_data.generate --out DIR --appeals N --seed S``.

Appeals are produced month by month in slices of at most ``SLICE_ROWS`` rows, each slice from its
own seeded random generator, and appended to the CSV files as they are made: memory stays bounded
whatever the size, and the same seed always gives byte-identical files. See ``README.md`` for the
files, their columns and the planted behaviour gaps.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

from . import scenario as sc
from .appeals import (Batch, World, add_months, apply_resubmissions, attach_applicants,
                      compose_appeal_texts, draw_appeals, draw_channels, monthly_volumes, registration_times,
                      resubmission_pool)
from .answers import answer_ids
from .composer import LANGS, POLARITIES
from .inequity import extra_late_probability
from .lifecycle import EVENT_COLUMNS, STATUSES, Lifecycle, simulate
from .people import AGE_BANDS
from .reference import AREAS, COURSES, REGIONS
from .survey import generate_survey
from .text_bank import EVENT_NOTES

SLICE_ROWS = 100_000
APPEAL_PREFIX = "ЖТ"
ISO_SECONDS = "%Y-%m-%dT%H:%M:%S"

APPEAL_COLUMNS = ("appeal_no", "reg_date", "channel", "appeal_kind", "agency_code", "agency_name", "region_kato",
                  "region_name", "language", "text", "status", "due_date", "answer_date", "close_date",
                  "answer_text", "satisfaction", "applicant_id", "age_band", "sex", "disability", "rural")
EVENT_COLUMNS_OUT = ("appeal_no", "seq", "event_at", "event_type", "from_agency_code", "to_agency_code", "status",
                     "note")
LABEL_COLUMNS = ("appeal_no", "area", "polarity")
FILES = ("appeals.csv", "appeal_events.csv", "appeal_labels.csv", "agencies.csv", "regions.csv",
         "survey_360.csv", "training_catalogue.csv", "course_sessions.csv")


# ------------------------------------------------------------------------------------ formatting


def _datetimes(seconds: np.ndarray) -> pl.Series:
    """ISO datetimes; negative seconds mean "no such moment" and become empty fields."""
    s = pl.Series(np.where(seconds >= 0, seconds, 0))
    text = pl.select(pl.from_epoch(s, time_unit="s").dt.strftime(ISO_SECONDS)).to_series()
    return pl.select(pl.when(pl.Series(seconds >= 0)).then(text)).to_series()


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype("datetime64[D]")).dt.strftime("%Y-%m-%d")


def _codes(labels: tuple[str, ...], index: np.ndarray) -> pl.Series:
    """Labels for integer codes; -1 becomes an empty field."""
    series = pl.Series(list(labels) + [None], dtype=pl.String)
    return series.gather(np.where(index >= 0, index, len(labels)))


def _appeal_numbers(year: int, first: int, count: int, width: int) -> pl.Series:
    seq = pl.Series(np.arange(first, first + count)).cast(pl.String).str.zfill(width)
    return pl.select(pl.concat_str([pl.lit(f"{APPEAL_PREFIX}-{year}-"), seq])).to_series()


# ------------------------------------------------------------------------------------ frames


def appeals_frame(world: World, batch: Batch, life: Lifecycle, demo: dict, text: pl.Series,
                  numbers: pl.Series) -> pl.DataFrame:
    codes = [a.code for a in world.agencies]
    status = life.appeal_status
    answer_t = life.answer_time()
    return pl.DataFrame({
        "appeal_no": numbers,
        "reg_date": _datetimes(batch.reg_t),
        "channel": _codes(sc.CHANNELS, batch.channel),
        "appeal_kind": _codes(sc.APPEAL_KINDS, batch.appeal_kind),
        "agency_code": _codes(tuple(codes), batch.agency),
        "agency_name": _codes(tuple(a.name_ru for a in world.agencies), batch.agency),
        "region_kato": _codes(tuple(r.kato for r in REGIONS), batch.region),
        "region_name": _codes(tuple(r.name_ru for r in REGIONS), batch.region),
        "language": _codes(LANGS, batch.lang3),
        "text": text,
        "status": _codes(STATUSES, status),
        "due_date": _dates(life.due_day),
        "answer_date": _datetimes(answer_t),
        "close_date": _datetimes(life.close_time()),
        "answer_text": world.bank.answers.gather(answer_ids(world, batch, life)),
        "satisfaction": pl.Series(np.where(life.satisfaction > 0, life.satisfaction, -1)).replace(-1, None),
        "applicant_id": pl.Series(batch.iin).cast(pl.String).str.zfill(12),
        "age_band": _codes(AGE_BANDS, demo["age_band"]),
        "sex": _codes(("M", "F"), demo["sex"]),
        "disability": _codes(("no", "yes"), demo["disability"]),
        "rural": _codes(("no", "yes"), demo["rural"]),
    })


def events_frame(world: World, life: Lifecycle, numbers: pl.Series) -> pl.DataFrame:
    """One row per present event, in appeal order then chronological order (seq 1..n)."""
    rows, cols = np.nonzero(life.present)
    seq = np.cumsum(life.present, axis=1)[rows, cols]
    codes = tuple(a.code for a in world.agencies)
    type_names = tuple(EVENT_COLUMNS)
    note_by_column = (None, EVENT_NOTES["redirect"], EVENT_NOTES["redirect"], EVENT_NOTES["redirect"], None,
                      None, EVENT_NOTES["interim_answer"], EVENT_NOTES["followup_pending"], None,
                      EVENT_NOTES["followup_answered"], None)
    extension_until = _dates(np.where(life.extended_due_day[rows] >= 0, life.extended_due_day[rows], 0))
    frame = pl.DataFrame({
        "appeal_no": numbers.gather(rows),
        "seq": seq,
        "event_at": _datetimes(life.time[rows, cols]),
        "event_type": _codes(type_names, cols),
        "from_agency_code": _codes(codes, life.from_agency[rows, cols]),
        "to_agency_code": _codes(codes, life.to_agency[rows, cols]),
        "status": _codes(STATUSES, life.status[rows, cols]),
        "note": pl.Series(list(note_by_column), dtype=pl.String).gather(cols),
        "_ext": pl.Series(cols == 5),
        "_until": extension_until,
    })
    note = pl.when(pl.col("_ext")).then(pl.concat_str([pl.lit(EVENT_NOTES["extension"]), pl.col("_until")]))
    return frame.with_columns(note=note.otherwise(pl.col("note"))).select(EVENT_COLUMNS_OUT)


def labels_frame(batch: Batch, numbers: pl.Series) -> pl.DataFrame:
    """Ground truth of the generator: the areas and polarities each appeal text was written with."""
    first, second = np.flatnonzero(batch.evidence), np.flatnonzero(batch.has2)
    rows = np.concatenate([first, second])
    slot = np.concatenate([np.zeros(len(first), int), np.ones(len(second), int)])
    order = np.argsort(rows * 2 + slot, kind="stable")
    rows, slot = rows[order], slot[order]
    area = np.where(slot == 0, batch.area1[rows], batch.area2[rows])
    pol = np.where(slot == 0, batch.pol1[rows], batch.pol2[rows])
    return pl.DataFrame({"appeal_no": numbers.gather(rows), "area": _codes(AREAS, area),
                         "polarity": _codes(POLARITIES, pol)})


# ------------------------------------------------------------------------------------ writing


class CsvAppender:
    """Appends polars frames to a CSV file, writing the header once."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns, self.rows = path, columns, 0
        self.handle = path.open("wb")
        self.handle.write((",".join(columns) + "\n").encode())

    def append(self, frame: pl.DataFrame) -> None:
        frame.select(self.columns).write_csv(self.handle, include_header=False)
        self.rows += frame.height

    def close(self) -> int:
        self.handle.close()
        return self.rows


def _year_widths(world: World, volumes: np.ndarray) -> dict[int, int]:
    """Digits of the per-year sequence in appeal numbers: at least 6, more for huge years."""
    totals: dict[int, int] = {}
    for m, count in enumerate(volumes):
        year = add_months(world.start, m).year
        totals[year] = totals.get(year, 0) + int(count)
    return {year: max(6, len(str(total))) for year, total in totals.items()}


def write_appeal_files(world: World, out_dir: Path, with_events: bool, slice_rows: int) -> dict[str, int]:
    """appeals.csv, appeal_events.csv and appeal_labels.csv, slice by slice."""
    volumes = monthly_volumes(world, np.random.default_rng([world.seed, 1]))
    widths = _year_widths(world, volumes)
    appeals = CsvAppender(out_dir / "appeals.csv", APPEAL_COLUMNS)
    events = CsvAppender(out_dir / "appeal_events.csv", EVENT_COLUMNS_OUT) if with_events else None
    labels = CsvAppender(out_dir / "appeal_labels.csv", LABEL_COLUMNS)
    next_number: dict[int, int] = {}
    pool = None
    for m, count in enumerate(volumes):
        year = add_months(world.start, m).year
        reg_t = registration_times(world, np.random.default_rng([world.seed, 2, m]), m, int(count))
        for s, lo in enumerate(range(0, int(count), slice_rows)):
            rng = np.random.default_rng([world.seed, 3, m, s])
            batch = draw_appeals(world, rng, m, reg_t[lo:lo + slice_rows])
            apply_resubmissions(batch, pool, rng)
            demo = attach_applicants(world, rng, batch)
            batch.channel = draw_channels(world, rng, batch)
            text_rng = np.random.default_rng([world.seed, 5, m, s])  # the shape of the texts only
            text = compose_appeal_texts(world, rng, text_rng, batch, demo["rural"])
            life = simulate(world, rng, batch, extra_late_probability(world.agency_region, batch.agency, demo["rural"]))
            pool = resubmission_pool(batch, life.unhappy, rng)
            first = next_number.get(year, 1)
            numbers = _appeal_numbers(year, first, batch.n, widths[year])
            next_number[year] = first + batch.n
            appeals.append(appeals_frame(world, batch, life, demo, text, numbers))
            labels.append(labels_frame(batch, numbers))
            if events:
                events.append(events_frame(world, life, numbers))
    counts = {"appeals.csv": appeals.close(), "appeal_labels.csv": labels.close()}
    if events:
        counts["appeal_events.csv"] = events.close()
    return counts


def _write(frame: pl.DataFrame, path: Path) -> int:
    frame.write_csv(path)
    return frame.height


def agencies_table(world: World) -> pl.DataFrame:
    return pl.DataFrame({
        "agency_code": [a.code for a in world.agencies],
        "agency_name_kk": [a.name_kk for a in world.agencies],
        "agency_name_ru": [a.name_ru for a in world.agencies],
        "agency_name_en": [a.name_en for a in world.agencies],
        "agency_kind": [a.kind for a in world.agencies],
        "region_kato": [a.region_kato for a in world.agencies],
        "staff_count": [a.staff_count for a in world.agencies],
    })


def regions_table() -> pl.DataFrame:
    return pl.DataFrame({"region_kato": [r.kato for r in REGIONS], "name_kk": [r.name_kk for r in REGIONS],
                         "name_ru": [r.name_ru for r in REGIONS], "name_en": [r.name_en for r in REGIONS]})


def catalogue_table() -> pl.DataFrame:
    return pl.DataFrame({
        "course_id": [c.course_id for c in COURSES], "title_en": [c.title_en for c in COURSES],
        "title_ru": [c.title_ru for c in COURSES], "title_kk": [c.title_kk for c in COURSES],
        "areas": [";".join(c.areas) for c in COURSES], "duration_hours": [c.duration_hours for c in COURSES],
        "cost_per_seat_kzt": [c.cost_per_seat_kzt for c in COURSES], "max_seats": [c.max_seats for c in COURSES],
        "provider": [c.provider for c in COURSES],
    })


def _spiked(agency_code: str, areas: tuple[str, ...]) -> bool:
    return any(s.agency_code == agency_code and s.area in areas for s in sc.SPIKES)


def sessions_table(world: World) -> pl.DataFrame:
    """The planted sessions plus background sessions that change nothing in the data. No police
    department other than Atyrau's takes a course developing communication (they are the
    comparison group), planted agencies take only their planted courses, and an agency with an
    alert spike takes no course developing the spiked area: a one-month spike in a session's
    "before" window would pass for the course's effect (a fall back to normal after it)."""
    rows = []
    for effect in sc.PLANTED_SESSIONS:
        month = add_months(world.start, effect.month_index)
        for i, (day, staff) in enumerate(zip(effect.session_days, effect.staff_per_session)):
            rows.append((f"S-{effect.first_session_id + i:04d}", effect.agency_code, effect.course_id,
                         month + timedelta(days=day - 1), staff))
    rng = np.random.default_rng([world.seed, 4])
    eligible = [a for a in world.agencies if a.code not in sc.PLANTED_BY_AGENCY]
    for i in range(sc.BACKGROUND_SESSIONS):
        agency = eligible[int(rng.integers(0, len(eligible)))]
        courses = [c for c in COURSES if not (agency.kind == sc.COMPARATOR_KIND and "communication" in c.areas)
                   and not _spiked(agency.code, c.areas)]
        course = courses[int(rng.integers(0, len(courses)))]
        day = world.start + timedelta(days=int(rng.integers(0, (world.end - world.start).days)))
        staff = int(min(course.max_seats, agency.staff_count) * rng.uniform(0.5, 1.0))
        rows.append((f"S-{i + 1:04d}", agency.code, course.course_id, day, max(staff, 3)))
    rows = [r for r in rows if r[3] < world.end]
    rows.sort(key=lambda r: (r[3], r[0]))
    return pl.DataFrame({"session_id": [r[0] for r in rows], "agency_code": [r[1] for r in rows],
                         "course_id": [r[2] for r in rows], "session_date": [r[3].isoformat() for r in rows],
                         "staff_trained": [r[4] for r in rows]})


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def generate(out_dir: Path, n_appeals: int = 24000, seed: int = 20260101, start: date = date(2024, 1, 1),
             months: int = 24, *, with_events: bool = True, slice_rows: int = SLICE_ROWS) -> dict:
    """Write the dataset into ``out_dir`` and return its manifest (parameters, row counts, sizes,
    SHA-256 of every file), which is also written as ``manifest.json``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    world = World.build(start, months, n_appeals, seed)
    rows = write_appeal_files(world, out_dir, with_events, slice_rows)
    rows["agencies.csv"] = _write(agencies_table(world), out_dir / "agencies.csv")
    rows["regions.csv"] = _write(regions_table(), out_dir / "regions.csv")
    rows["survey_360.csv"] = _write(generate_survey(seed, start, months), out_dir / "survey_360.csv")
    rows["training_catalogue.csv"] = _write(catalogue_table(), out_dir / "training_catalogue.csv")
    rows["course_sessions.csv"] = _write(sessions_table(world), out_dir / "course_sessions.csv")
    files = {name: {"rows": rows[name], "bytes": (out_dir / name).stat().st_size, "sha256": _sha256(out_dir / name)}
             for name in FILES if name in rows}
    manifest = {"generator": "sample_data.generate", "seed": seed, "n_appeals": n_appeals,
                "start": start.isoformat(), "months": months, "export_at": world.end.isoformat() + "T00:00:00",
                "files": files}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


# ------------------------------------------------------------------------------------ CLI


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sample_data.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory (created if missing)")
    parser.add_argument("--appeals", type=int, default=24000, help="number of appeals (default 24000)")
    parser.add_argument("--seed", type=int, default=20260101, help="random seed (default 20260101)")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2024, 1, 1),
                        help="first month, ISO date (default 2024-01-01)")
    parser.add_argument("--months", type=int, default=24, help="number of months (default 24)")
    parser.add_argument("--no-events", action="store_true", help="skip appeal_events.csv (largest file)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    began = time.perf_counter()
    manifest = generate(args.out, args.appeals, args.seed, args.start, args.months, with_events=not args.no_events)
    for name, info in manifest["files"].items():
        print(f"{name:24s} {info['rows']:>12,d} rows {info['bytes'] / 1e6:10.2f} MB")
    print(f"done in {time.perf_counter() - began:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
