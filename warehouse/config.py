"""Settings, each declared once with its default and a line of help.

Read from a TOML file (``tyndau.toml`` in the working directory, or the file named by
``TYNDAU_CONFIG``); any setting can be overridden by an environment variable
``TYNDAU_<NAME>``. The CLI and the dashboard both call :func:`load_settings`, so a
setting means the same thing everywhere.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

from warehouse.errors import ConfigError

DEFAULT_SALT = "change-me-per-deployment"
MIN_SALT_LENGTH = 16
PRIVATE_FILE_MODE = 0o600
GROUP_FILE_MODE = 0o640
SALT_HINT = (
    "Set a random salt of at least 16 characters, once per deployment, and keep it secret: "
    "the TYNDAU_SALT environment variable, or `salt = \"...\"` under [tyndau] in tyndau.toml "
    "(make one with: python -c \"import secrets; print(secrets.token_urlsafe(32))\"). "
    "Never change it after loading data: the same IIN must keep the same hash."
)


class WeakSaltError(ConfigError):
    """Hashes made with a known or short salt can be reversed by hashing every possible IIN."""

    hint = SALT_HINT


def _setting(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db_path: str = _setting("tyndau.duckdb", "Path of the DuckDB warehouse file.")
    snapshot_path: str = _setting(
        "", "Read-only snapshot the dashboard reads; default: <db_path> with .snapshot.duckdb."
    )
    salt: str = _setting(
        "change-me-per-deployment",
        "Secret salt for hashing applicant identifiers; set a random value of at least "
        f"{MIN_SALT_LENGTH} characters per deployment (ingestion refuses the default and short ones).",
    )
    keep_original_text: bool = _setting(
        False, "Keep un-redacted texts in the separate table original_texts (restricted access)."
    )
    model_dir: str = _setting("models/tyndau-default", "Directory of the trained classifier (tyndau train: encoder.json, head, n-grams, calibration).")
    working_days_to_answer: int = _setting(15, "Legal term for an answer, in working days (APPK art. 76).")
    extension_max_days: int = _setting(60, "Longest extension of the term, in calendar days (two months).")
    notice_working_days: int = _setting(3, "Working days to notify an extension or to redirect an appeal.")
    timezone: str = _setting(
        "Asia/Almaty", "Time zone of the deployment (IANA name): source date-times without a UTC offset are "
                       "read in it; the warehouse stores instants in UTC and the build shows them, counts months "
                       "and deadlines in this zone (docs/connectors.md, Time zones).")
    holiday_country: str = _setting("KZ", "Country whose public holidays the `holidays` package excludes.")
    calendar_overrides_file: str = _setting(
        "", "CSV of working-day transfers the `holidays` package lacks (day,is_working_day,reason); "
            "see docs/workdays.md.")
    calendar_days_only: bool = _setting(False, "Count the term in calendar days (e.g. Russia's 30 days).")
    min_count_for_ranking: int = _setting(30, "Fewest appeals an agency needs to be ranked.")
    equity_min_cell: int = _setting(
        10, "Fewest appeals a citizens' group needs in an agency (or the country) for its figures to be shown or "
            "compared; smaller groups are hidden, and so are the cells a hidden one could be worked out from.")
    min_raters: int = _setting(5, "Fewest raters per group shown in 360-degree results (anonymity).")
    publish_min_count: int = _setting(
        10, "Fewest appeals (or ratings) behind a figure `tyndau publish` puts in the open data; smaller cells, and "
            "the cells that would let anyone work them out from the totals, are suppressed.")
    survey_target_score: float = _setting(
        4.0, "Target mean score on the 1-5 agree scale; a 360-degree area below it is a gap.")
    gap_window_months: int = _setting(
        12, "Months of data behind a behaviour gap (the latest ones); its trend compares the months before.")
    impact_window_months: int = _setting(
        12, "Months before and after a course session that the training-impact analysis compares.")
    users_file: str = _setting("users.toml", "Dashboard users with password hashes and roles.")
    audit_log_path: str = _setting(
        "", "Append-only log of every text a dashboard user read; default: <db_path> with .audit.jsonl.")
    inbox_dir: str = _setting(
        "", "Folder where the dashboard queues analysts' label corrections for the writer; "
            "default: <db_path> with .inbox.")
    dashboard_language: str = _setting("kk", "Language the dashboard opens in (kk, ru or en); users switch it.")
    group_readable_files: bool = _setting(
        False, "Let the owner's group read the warehouse, its snapshot, the audit log, the users file and the "
               "login state (mode 0640); by default only the owner can (0600).")
    alert_fdr: float = _setting(
        0.05, "Alerts: false discovery rate over all series tested in a month (Benjamini-Hochberg).")
    alert_min_count: int = _setting(3, "Alerts: fewest appeals in a month that can make an alert.")
    alert_min_history_months: int = _setting(
        12, "Alerts: months of history a series needs before its months are tested.")
    alert_history_months: int = _setting(36, "Alerts: at most this many months before a month form its baseline.")
    alert_months: int = _setting(12, "Alerts: the latest months the build tests and keeps alerts for.")
    alert_smtp_host: str = _setting("", "Alert digest by e-mail: SMTP server (empty: no e-mail).")
    alert_smtp_port: int = _setting(25, "Alert digest by e-mail: SMTP port.")
    alert_smtp_starttls: bool = _setting(False, "Alert digest by e-mail: upgrade the connection with STARTTLS.")
    alert_smtp_user: str = _setting("", "Alert digest by e-mail: user name, when the server wants a login.")
    alert_smtp_password: str = _setting(
        "", "Alert digest by e-mail: password (prefer the TYNDAU_ALERT_SMTP_PASSWORD environment variable).")
    alert_mail_from: str = _setting("tyndau@localhost", "Alert digest by e-mail: sender address.")
    alert_mail_to: str = _setting("", "Alert digest by e-mail: recipients, comma-separated.")
    alert_webhook_url: str = _setting("", "Alert digest as JSON: URL the digest is POSTed to (empty: none).")
    behind_proxy: bool = _setting(
        False, "The dashboard runs behind a reverse proxy: count failed logins per client address from "
               "X-Forwarded-For (set it only when the proxy sets that header).")

    @property
    def file_mode(self) -> int:
        """The mode of every file holding citizens' data, hashes or audit records."""
        return GROUP_FILE_MODE if self.group_readable_files else PRIVATE_FILE_MODE

    def checked_timezone(self) -> str:
        """The zone, refused before a load when the name is unknown (a typo would fail mid-load)."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"Setting timezone = {self.timezone!r} is not a known time zone.",
                              hint="Use an IANA name such as Asia/Almaty, Asia/Aqtobe or UTC.") from None
        return self.timezone

    def local_time(self, utc: datetime) -> datetime:
        """A stored instant (naive, in UTC) as the deployment's wall clock (naive): what users read."""
        from zoneinfo import ZoneInfo

        return utc.replace(tzinfo=UTC).astimezone(ZoneInfo(self.checked_timezone())).replace(tzinfo=None)

    def local_now(self) -> datetime:
        """Now on the deployment's wall clock, whatever zone the server runs in."""
        return self.local_time(datetime.now(UTC).replace(tzinfo=None))

    def salt_problem(self) -> str | None:
        """Why the salt must not be used (None when it may); says so without showing the salt."""
        if self.salt == DEFAULT_SALT:
            return "the salt is the shipped default"
        if len(self.salt) < MIN_SALT_LENGTH:
            return f"the salt is too short ({len(self.salt)} characters, fewer than {MIN_SALT_LENGTH})"
        return None

    def hashing_salt(self) -> str:
        """The salt, for hashing identifiers; refuses a known or short one, whose IIN hashes anyone
        could reverse by hashing the few million possible IINs."""
        problem = self.salt_problem()
        if problem:
            raise WeakSaltError(f"Refusing to hash applicants' identifiers: {problem}.")
        return self.salt

    def resolved_snapshot_path(self) -> str:
        if self.snapshot_path:
            return self.snapshot_path
        p = Path(self.db_path)
        return str(p.with_name(p.stem + ".snapshot.duckdb"))

    def resolved_audit_log_path(self) -> str:
        return self.audit_log_path or self._beside_db(".audit.jsonl")

    def resolved_inbox_dir(self) -> str:
        return self.inbox_dir or self._beside_db(".inbox")

    def _beside_db(self, suffix: str) -> str:
        p = Path(self.db_path)
        return str(p.with_name(p.stem + suffix))


def setting_help() -> dict[str, str]:
    """Name -> help text, for `tyndau config` and the docs test."""
    return {f.name: f.metadata["help"] for f in fields(Settings)}


def _coerce(name: str, raw: str, default):
    if isinstance(default, bool):
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"Setting {name} must be true or false, got {raw!r}.")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"Setting {name} must be a whole number, got {raw!r}.") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(f"Setting {name} must be a number, got {raw!r}.") from None
    return raw


def load_settings(config_file: str | os.PathLike | None = None, **overrides) -> Settings:
    """File, then environment, then explicit overrides (CLI options), later ones winning."""
    values: dict = {}
    path = Path(config_file or os.environ.get("TYNDAU_CONFIG", "tyndau.toml"))
    if path.exists():
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")).get("tyndau", {}))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    known = {f.name: f.default for f in fields(Settings)}
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"Unknown setting(s) in {path}: {', '.join(sorted(unknown))}.")
    for name, default in known.items():
        env = os.environ.get(f"TYNDAU_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, env, default)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
