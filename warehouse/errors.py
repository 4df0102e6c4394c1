"""Domain errors. Raised deep inside, turned into one helpful message at the CLI edge.

Every error carries a ``hint``: the thing a user should do next. The CLI prints
``error: <message>`` and ``what to do: <hint>`` and exits non-zero; nothing else
formats errors for people.
"""


class TyndauError(Exception):
    """Base of every error the CLI reports as a message rather than a traceback."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class ConfigError(TyndauError):
    hint = "Check tyndau.toml (or the TYNDAU_* environment variables); `tyndau --help` lists the settings."


class WarehouseError(TyndauError):
    hint = "Run `tyndau init` to create or upgrade the warehouse."


class SourceError(TyndauError):
    """The input cannot be read at all (wrong encoding, empty, truncated, missing columns)."""

    hint = "Fix or re-export the file, or pass the right --format/--mapping."


class RejectedRowsError(TyndauError):
    """Raised under --strict when any row failed validation; the load is rolled back."""

    hint = "Inspect the rejected rows listed above, fix the export, or run without --strict to load the good rows."


class KeyCheckError(TyndauError):
    hint = "A model's declared key is not unique or has nulls: fix the model SQL or the upstream data."


class RemoteError(TyndauError):
    hint = "Check the URL, the API key and that the service is reachable; retry later for temporary errors."


class DiskFullError(TyndauError):
    """The disk under the warehouse, its snapshot or a temporary file ran out of space."""

    hint = "Free space on that disk, or move the warehouse (db_path) to a larger one, then run the command again."
