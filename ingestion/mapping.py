"""Declarative column mappings: a new agency export is a TOML file, not code.

A mapping names the raw table it fills and, per canonical field, the source column
(or a constant), optionally with a type, a date format and a value map. Types default
to the raw table's own column types, so most fields need only a column name::

    name = "eotinish-sample"
    target = "raw_appeals"
    source = "eotinish-sample"
    [fields]
    external_id = "appeal_no"
    registered_at = { column = "reg_date", format = "%Y-%m-%dT%H:%M:%S" }
    appeal_type = { column = "appeal_kind", values = { "жалоба" = "complaint" } }
    channel = { value = "e-Otinish" }

Applying a mapping is vectorised (polars expressions); each value that cannot be
parsed becomes a rejection (row, column, reason) instead of a silent null.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone, tzinfo
from importlib import resources
from pathlib import Path

import polars as pl

from ingestion.readers import ROW
from warehouse.errors import ConfigError, SourceError

MAPPINGS_PACKAGE = "ingestion.mappings"
DEFAULT_ZONE = "Asia/Almaty"  # the deployment's time zone unless the `timezone` setting says otherwise

# Canonical values and the spellings real exports use for them.
ENUMS: dict[str, dict[str, str]] = {
    "appeal_type": {
        "application": "application", "заявление": "application", "өтініш": "application", "request": "application",
        "complaint": "complaint", "жалоба": "complaint", "шағым": "complaint",
        "proposal": "proposal", "предложение": "proposal", "ұсыныс": "proposal", "suggestion": "proposal",
        "inquiry": "inquiry", "запрос": "inquiry", "сауал": "inquiry", "question": "inquiry", "enquiry": "inquiry",
        "feedback": "feedback", "отклик": "feedback", "пікір": "feedback", "compliment": "feedback", "comment": "feedback",
    },
    "rater_role": {
        "self": "self", "manager": "manager", "peer": "peer", "direct_report": "direct_report",
        "direct report": "direct_report", "subordinate": "direct_report", "citizen": "citizen", "staff": "staff",
        "руководитель": "manager", "коллега": "peer", "подчинённый": "direct_report", "подчиненный": "direct_report",
        "самооценка": "self", "гражданин": "citizen", "басшы": "manager", "әріптес": "peer", "өзін-өзі": "self",
    },
    "event_type": {k: k for k in (
        "registered", "status_change", "redirect", "extension", "extension_notice", "interim_answer",
        "final_answer", "followup")},
}

# Identifiers of people: hashed on load, masked in rejected rows (never stored in clear).
IDENTIFIER_FIELDS = {"applicant_id", "rater_id"}

TRUE_WORDS = {"1", "true", "yes", "y", "да", "иә", "ия", "t"}
FALSE_WORDS = {"0", "false", "no", "n", "нет", "жоқ", "f"}
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
                    "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
                    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y")


@dataclass(frozen=True)
class FieldRule:
    name: str
    column: str | None = None
    value: object = None
    type: str | None = None
    format: str | None = None
    values: dict[str, str] | None = None
    required: bool = False
    separator: str = ";"
    min: float | None = None
    max: float | None = None
    when: dict[str, str] | None = None  # keep the value only where other columns have these values
    missing: tuple[str, ...] = ()  # raw values that mean "not known" (null, not a rejection)
    pattern: str | None = None  # regular expression; its first group is the value
    contains: dict[str, str] | None = None  # ordered substring -> value, first match wins
    default: str | None = None  # value when neither `values` nor `contains` knows a non-empty raw value
    earliest: object = None  # dates: the plausible window (ISO date); defaults in plausible_window()
    latest: object = None


@dataclass(frozen=True)
class Mapping:
    name: str
    target: str
    source: str
    fields: tuple[FieldRule, ...]
    description: str = ""
    reader: str | None = None
    reader_options: dict = field(default_factory=dict)
    sections: dict = field(default_factory=dict)  # connector-specific tables, e.g. [survey] and [items]

    @property
    def source_columns(self) -> tuple[str, ...]:
        return tuple(f.column for f in self.fields if f.column)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(f.column for f in self.fields if f.column and f.required)


_KNOWN_TABLES = {"fields", "reader_options"}


def parse_mapping(data: dict, origin: str) -> Mapping:
    try:
        rules = tuple(_rule(name, spec) for name, spec in data.get("fields", {}).items())
        return Mapping(name=data["name"], target=data["target"], source=data.get("source", data["name"]),
                       fields=rules, description=data.get("description", ""), reader=data.get("reader"),
                       reader_options=data.get("reader_options", {}),
                       sections={k: v for k, v in data.items() if isinstance(v, dict) and k not in _KNOWN_TABLES})
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"Mapping {origin} is missing or misuses {exc}.",
                          hint="A mapping needs name, target and [fields]; see docs/connectors.md.") from None


def _rule(name: str, spec) -> FieldRule:
    if isinstance(spec, str):
        return FieldRule(name=name, column=spec)
    rule = FieldRule(name=name, **{**spec, "missing": tuple(spec.get("missing", ()))})
    _check_canonical_values(rule)
    return rule


def _check_canonical_values(rule: FieldRule) -> None:
    """A typo in a value map of an enum field would load a value nothing downstream knows: refuse it early."""
    if rule.name not in ENUMS:
        return
    canonical = set(ENUMS[rule.name].values())
    given = [*(rule.values or {}).values(), *(rule.contains or {}).values(), *([rule.default] if rule.default else [])]
    unknown = sorted({v for v in given if v not in canonical})
    if unknown:
        raise ConfigError(f"Field {rule.name} maps to {', '.join(map(repr, unknown))}, which {rule.name} does not know.",
                          hint=f"Use one of: {', '.join(sorted(canonical))}.")


def load_mapping(name_or_path: str) -> Mapping:
    """A shipped mapping by name (ingestion/mappings/NAME.toml) or any TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return parse_mapping(tomllib.loads(path.read_text(encoding="utf-8")), str(path))
    entry = resources.files(MAPPINGS_PACKAGE) / f"{name_or_path}.toml"
    if not entry.is_file():
        raise ConfigError(f"No mapping {name_or_path!r}.",
                          hint=f"Shipped mappings: {', '.join(shipped_mappings())}; or pass a path to a .toml file.")
    return parse_mapping(tomllib.loads(entry.read_text(encoding="utf-8")), entry.name)


def shipped_mappings() -> list[str]:
    """Table mappings only: a lookup table a connector ships beside them (no `target`) is not one."""
    return sorted(e.name[:-5] for e in resources.files(MAPPINGS_PACKAGE).iterdir()
                  if e.name.endswith(".toml") and "target" in tomllib.loads(e.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- applying


def check_columns(mapping: Mapping, frame: pl.DataFrame, source_name: str) -> None:
    missing = [c for c in dict.fromkeys(mapping.source_columns) if c not in frame.columns]
    if missing:
        have = ", ".join(c for c in frame.columns if not c.startswith("_")) or "none"
        raise SourceError(
            f"{source_name} lacks the column(s) {', '.join(missing)} that mapping {mapping.name!r} needs "
            f"(it has: {have}).",
            hint="Export with those columns, or write a mapping for this layout (docs/connectors.md).",
        )


def apply_mapping(mapping: Mapping, frame: pl.DataFrame, column_types: dict[str, str],
                  zone: str = DEFAULT_ZONE) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(canonical rows that passed, rejections as row_number/column_name/reason/raw_record).

    `zone` is the deployment's time zone: a date-time without a UTC offset is its wall clock; every
    date-time is stored as the instant in UTC (see utc_instant).

    Values are parsed once into ``__v_<field>`` columns; each field's checks are cheap boolean
    masks over them, and the human-readable reasons are only formatted for the few rows that
    failed (formatting a message for a million good rows cost more than parsing them)."""
    fields = [(rule, *_field(rule, column_types.get(rule.name, "VARCHAR"), frame, zone)) for rule in mapping.fields]
    work = frame.with_columns([cleaned.alias(_cleaned(rule.name)) for rule, cleaned, _, _ in fields if cleaned is not None])
    work = work.with_columns([parsed.alias(_value(rule.name)) for rule, _, parsed, _ in fields])
    checks = [(rule.name, cases) for rule, _, _, cases in fields if cases]
    if "_error" in frame.columns:
        checks.append(("_row", [(pl.col("_error").is_not_null(), pl.col("_error"))]))
    bad = pl.any_horizontal([cond for _, cases in checks for cond, _ in cases]) if checks else pl.lit(False)
    work = work.with_columns(bad.alias("__bad"))
    good = work.select(
        pl.lit(mapping.source).alias("source"), ROW,
        *[pl.col(_value(rule.name)).alias(rule.name) for rule in dict((r.name, r) for r in mapping.fields).values()],
        pl.col("__bad"))
    if good["__bad"].any():  # select, then filter: filtering `work` would copy every raw column too
        good = good.filter(~pl.col("__bad"))
    good = good.drop("__bad")
    masked = {r.column for r in mapping.fields if r.column and r.name in IDENTIFIER_FIELDS}
    columns = {r.name: r.column for r in mapping.fields if r.column}
    rejected = _rejections(work.filter(pl.col("__bad")), frame, checks, masked, columns)
    return good, rejected


def _value(name: str) -> str:
    return f"__v_{name}"


def _cleaned(name: str) -> str:
    return f"__r_{name}"


def _field(rule: FieldRule, table_type: str, frame: pl.DataFrame, zone: str) -> tuple[pl.Expr | None, pl.Expr, list[tuple[pl.Expr, pl.Expr]]]:
    """The cleaned source text, the parsed value, and the (failed?, reason) cases that reject a row on this field.

    The cleaned text is computed once into its own column: the parse and every check read it,
    and re-stripping a column of long texts for each of them was a large part of a load."""
    if rule.column is None:
        return None, pl.lit(rule.value), []
    stripped = pl.col(rule.column).cast(pl.Utf8).str.strip_chars()
    unknown = (stripped == "") | stripped.is_in(list(rule.missing)) if rule.missing else stripped == ""
    cleaned = pl.when(unknown).then(None).otherwise(stripped)
    raw = pl.col(_cleaned(rule.name))
    kind = rule.type or _kind_of(table_type, rule.name)
    if kind in {"timestamp", "date"} and not rule.format:
        rule = replace(rule, format=_datetime_formats(frame[rule.column]))
    parsed = _parse(raw.str.extract(rule.pattern, 1) if rule.pattern else raw, kind, rule, zone)
    value = pl.col(_value(rule.name))
    cases = [(raw.is_not_null() & _unconditional(parsed, rule).is_null(),
              pl.format("cannot read {} as " + _describe(kind, rule), raw.str.slice(0, 60)))]
    if rule.when:
        condition = pl.all_horizontal([pl.col(c).cast(pl.Utf8).str.to_lowercase() == str(v).lower()
                                       for c, v in rule.when.items()])
        parsed = pl.when(condition).then(parsed).otherwise(None)
    if kind in {"timestamp", "date"}:
        cases.append(_plausible_date_case(rule, kind, value, raw))
    if rule.min is not None or rule.max is not None:
        low, high = rule.min if rule.min is not None else float("-inf"), rule.max if rule.max is not None else float("inf")
        cases.append((value.is_not_null() & ~value.is_between(low, high),
                      pl.format("{} is outside the allowed range " + f"{low:g}..{high:g}", raw)))
    if rule.required:
        cases.append((raw.is_null(), pl.lit(f"required value {rule.column!r} is empty")))
    return cleaned, parsed, cases


EARLIEST_DATE = date(1990, 1, 1)
LATEST_YEARS_AHEAD = 10


def plausible_window(rule: FieldRule) -> tuple[date, date]:
    """Dates outside it are typos or placeholders (1900-01-01, year 1, 2099), rejected rather than loaded.

    Default: 1990-01-01 to the end of the year ten years from now (deadlines lie ahead); a mapping
    widens or narrows it per field with `earliest` / `latest`."""
    return (_as_date(rule.earliest, rule.name) or EARLIEST_DATE,
            _as_date(rule.latest, rule.name) or date(date.today().year + LATEST_YEARS_AHEAD, 12, 31))


def _as_date(value, field_name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"Field {field_name}: {value!r} is not a date (YYYY-MM-DD).",
                          hint="Write earliest/latest as ISO dates, e.g. earliest = 1985-01-01.") from None


def _plausible_date_case(rule: FieldRule, kind: str, value: pl.Expr, raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    low, high = plausible_window(rule)
    bounds = (low, high) if kind == "date" else (datetime.combine(low, time()), datetime.combine(high, time.max))
    return (value.is_not_null() & ~value.is_between(*bounds),
            pl.format(f"{{}} is outside the plausible dates {low}..{high} (set earliest/latest in the mapping "
                      "if it is real)", raw.str.slice(0, 60)))


def _unconditional(parsed: pl.Expr, rule: FieldRule) -> pl.Expr:
    """The parse check runs on the value before a `when` condition blanks it."""
    return pl.col(_value(rule.name)) if not rule.when else parsed


def _kind_of(table_type: str, name: str) -> str:
    if name in ENUMS:
        return "enum"
    t = table_type.upper()
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t == "DATE":
        return "date"
    if t in {"DOUBLE", "FLOAT", "DECIMAL"} or t.startswith("DECIMAL"):
        return "number"
    if t in {"INTEGER", "BIGINT", "SMALLINT"}:
        return "integer"
    if t == "BOOLEAN":
        return "boolean"
    if t.endswith("[]"):
        return "list"
    return "string"


def _describe(kind: str, rule: FieldRule) -> str:
    pattern = f" matching {rule.pattern}" if rule.pattern else ""
    if kind == "enum" or rule.values is not None or rule.contains is not None:
        known = {**ENUMS.get(rule.name, {}), **(rule.values or {}), **(rule.contains or {})}.values()
        return f"{rule.name}{pattern} (expected one of {', '.join(sorted(set(known)))})"
    return f"a {kind}{pattern}" + (f" in format {rule.format}" if isinstance(rule.format, str) else "")


def _parse(raw: pl.Expr, kind: str, rule: FieldRule, zone: str) -> pl.Expr:
    if rule.values is not None or rule.contains is not None or kind == "enum":
        return _translate(raw, rule)
    if kind == "timestamp":
        return _parse_datetime(raw, rule.format, zone)
    if kind == "date":
        return _parse_date(raw, rule.format, zone)
    if kind in {"number", "integer"}:
        number = raw.str.replace_all(r"[\s\u00a0]", "").str.replace(",", ".").cast(pl.Float64, strict=False)
        return number.cast(pl.Int64, strict=False) if kind == "integer" else number
    if kind == "boolean":
        low = raw.str.to_lowercase()
        return pl.when(low.is_in(TRUE_WORDS)).then(True).when(low.is_in(FALSE_WORDS)).then(False).otherwise(None)
    if kind == "list":
        return raw.str.split(rule.separator).list.eval(pl.element().str.strip_chars())
    return raw


def _translate(raw: pl.Expr, rule: FieldRule) -> pl.Expr:
    """Exact spellings first, then the first `contains` needle found (case-insensitive), then `default`."""
    low = raw.str.to_lowercase()
    table = {k.lower(): v for k, v in {**ENUMS.get(rule.name, {}), **(rule.values or {})}.items()}
    choices = [low.replace_strict(table, default=None, return_dtype=pl.Utf8)] if table else []
    if rule.contains:
        (first, value), *others = rule.contains.items()
        found = pl.when(low.str.contains(first.lower(), literal=True)).then(pl.lit(value))
        for needle, value in others:
            found = found.when(low.str.contains(needle.lower(), literal=True)).then(pl.lit(value))
        choices.append(found.otherwise(None))
    if rule.default is not None:
        choices.append(pl.when(raw.is_not_null()).then(pl.lit(rule.default)))
    return pl.coalesce(choices) if choices else pl.lit(None, pl.Utf8)


SAMPLE_ROWS = 2000


def _datetime_formats(column: pl.Series) -> tuple[str, ...]:
    """The formats a column actually uses: found on a sample (trying all of them on every row of a
    million-row file costs more than the rest of the load), then on the rows the sample's formats
    cannot read, so a second format first seen after the sample is still read."""
    values = _strip_offset(column.cast(pl.Utf8).str.strip_chars().drop_nulls())
    values = values.filter(values != "")
    used = _formats_used(values.head(SAMPLE_ROWS), DATETIME_FORMATS)
    if not used:
        return DATETIME_FORMATS
    read = values.to_frame("v").select(pl.coalesce([_strptime(pl.col("v"), f) for f in used])).to_series()
    unread = values.filter(read.is_null())
    if unread.len():
        used += _formats_used(unread, tuple(f for f in DATETIME_FORMATS if f not in used))
    return used


def _formats_used(values: pl.Series, formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in formats if _strptime(values, f).is_not_null().any())


def _strptime(values, fmt: str):
    return values.str.strptime(pl.Datetime("us"), fmt, strict=False, exact=True)


OFFSET = r"(Z|[+-]\d{2}:?\d{2})$"
_OFFSET_AFTER_TIME = r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?" + OFFSET


def _strip_offset(values):
    return values.str.replace(OFFSET, "")


def offset_minutes(raw: pl.Expr) -> pl.Expr:
    """Minutes east of UTC written after a time (`Z`, `+05:00`, `-0400`); null when none is written."""
    offset = raw.str.extract(_OFFSET_AFTER_TIME, 1)
    digits = offset.str.replace(":", "")
    minutes = digits.str.slice(1, 2).cast(pl.Int64, strict=False) * 60 + digits.str.slice(3, 2).cast(pl.Int64, strict=False)
    signed = pl.when(digits.str.starts_with("-")).then(-minutes).otherwise(minutes)
    return pl.when(offset == "Z").then(pl.lit(0, pl.Int64)).otherwise(signed)


def _read_clock(raw: pl.Expr, fmt: str | tuple[str, ...] | None) -> tuple[pl.Expr, pl.Expr]:
    """(the digits as written, without any offset; the offset in minutes, null when none is written).
    Formats tried in order; the first that reads a value wins (rows of the sample's minority formats
    still parse)."""
    formats = (fmt,) if isinstance(fmt, str) else (fmt or DATETIME_FORMATS)
    return pl.coalesce([_strptime(_strip_offset(raw), f) for f in formats]), offset_minutes(raw)


def utc_instant(clock: pl.Expr, minutes: pl.Expr, zone: str) -> pl.Expr:
    """The instant in UTC (naive), which is how the warehouse stores every date-time.

    With an offset (`2012-05-23T15:55:28-04:00`) the digits are that offset's clock: 19:55:28 UTC,
    not 15:55:28 with the offset cut off. Without one they are the deployment's wall clock. A wall
    clock that occurs twice (a DST fall-back, before Kazakhstan dropped DST in 2005) is taken as the
    earlier instant; one that never occurred (a spring-forward gap) is unreadable, so rejected."""
    from_offset = clock - pl.duration(minutes=minutes)
    from_zone = (clock.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
                 .dt.convert_time_zone("UTC").dt.replace_time_zone(None))
    return pl.when(minutes.is_null()).then(from_zone).otherwise(from_offset)


def utc_instant_of(moment: datetime | None, zone: tzinfo) -> datetime | None:
    """utc_instant for one Python date-time (connectors that build rows in Python); a wall clock in a
    DST gap is moved on by Python's rule (`fold`) rather than rejected."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(timezone.utc).replace(tzinfo=None)


def _parse_datetime(raw: pl.Expr, fmt: str | tuple[str, ...] | None, zone: str = DEFAULT_ZONE) -> pl.Expr:
    """An instant, stored in UTC (see utc_instant); the build shows it in the deployment's zone."""
    clock, minutes = _read_clock(raw, fmt)
    return utc_instant(clock, minutes, zone)


def _parse_date(raw: pl.Expr, fmt: str | tuple[str, ...] | None, zone: str = DEFAULT_ZONE) -> pl.Expr:
    """A plain date is a day of the deployment's calendar, not an instant: the date as written, or,
    when a time with an offset is written, the day that instant falls on in the deployment's zone."""
    clock, minutes = _read_clock(raw, fmt)
    in_zone = utc_instant(clock, minutes, zone).dt.replace_time_zone("UTC").dt.convert_time_zone(zone)
    return pl.when(minutes.is_null()).then(clock.dt.date()).otherwise(in_zone.dt.date())


def _rejections(flagged: pl.DataFrame, original: pl.DataFrame, checks: list, masked: set[str],
                columns: dict[str, str]) -> pl.DataFrame:
    """One rejection per failed (row, field), with the source row as JSON (identifiers masked)."""
    empty = pl.DataFrame(schema={"row_number": pl.Int64, "column_name": pl.Utf8, "reason": pl.Utf8, "raw_record": pl.Utf8})
    if flagged.height == 0:
        return empty
    problems = [_first_reason(cases).alias(f"_problem_{name}") for name, cases in checks]
    reasons = flagged.select(pl.col(ROW), *problems)
    data_cols = [c for c in original.columns if not c.startswith("_")]
    fields = [pl.lit("[ID]").alias(c) if c in masked else pl.col(c) for c in data_cols]
    raw = original.filter(pl.col(ROW).is_in(flagged[ROW].implode())).select(
        pl.col(ROW), pl.struct(fields).struct.json_encode().alias("raw_record"))
    problem_cols = [c for c in reasons.columns if c.startswith("_problem_")]
    long = reasons.join(raw, on=ROW, how="left").unpivot(
        index=[ROW, "raw_record"], on=problem_cols, variable_name="column_name", value_name="reason")
    unreadable = (pl.col("column_name") == "_problem__row").any().over(ROW)  # its fields say nothing more
    return long.filter(pl.col("reason").is_not_null()).filter(
        (pl.col("column_name") == "_problem__row") | ~unreadable).select(
        pl.col(ROW).cast(pl.Int64).alias("row_number"),
        pl.col("column_name").str.replace("^_problem_", "").replace({"_row": ""}).replace(columns),
        "reason", "raw_record",
    ).sort("row_number")


def _first_reason(cases: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    chain = pl.when(cases[0][0]).then(cases[0][1])
    for condition, reason in cases[1:]:
        chain = chain.when(condition).then(reason)
    return chain.otherwise(None)
