"""From a raw text to what the models read, or to a reason why it cannot be classified.

Why here and not in the models: failures are data (empty text, binary junk from a broken
export, a 1 MB attachment pasted into a form). They are decided once, before any model
runs, so a batch never crashes and every skipped text has a reason an analyst can read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nlp.langid import Language, identify

MAX_CHARS = 100_000
"""Longer texts are not appeals but pasted documents or dumps: recorded as too_long."""

MODEL_CHARS = 4_000
"""The models read the head of a text (about 600 words, beyond the transformer's window anyway)."""

FAILURE_REASONS = {
    "empty": "the text is empty or only whitespace",
    "binary": "the text is binary junk (control characters or undecodable bytes)",
    "no_letters": "the text has no letters (digits, symbols or emoji only)",
    "too_long": f"the text is longer than {MAX_CHARS:,} characters",
}

_CONTROL_OK = {"\n", "\r", "\t"}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Prepared:
    """A text ready for the models (``failure`` is None) or the reason it is not."""

    text: str
    language: Language | None
    failure: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def prepare(raw: str | bytes | None) -> Prepared:
    """Check, identify the language, transliterate Latin-script Kazakh, normalise whitespace."""
    text = _as_text(raw)
    failure = failure_reason(text)
    if failure:
        return Prepared("", None, failure)
    text = unicodedata.normalize("NFC", text)[:MODEL_CHARS]
    language = identify(text)
    return Prepared(_SPACES.sub(" ", language.text).strip(), language)


def _as_text(raw: str | bytes | None) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bytes):
        return raw.decode("utf-8", errors="replace")
    return str(raw)


def failure_reason(text: str) -> str | None:
    """The key of :data:`FAILURE_REASONS` that applies, or None for a classifiable text."""
    if not text.strip():
        return "empty"
    if len(text) > MAX_CHARS:
        return "too_long"
    if _looks_binary(text):
        return "binary"
    if not any(ch.isalpha() for ch in text):
        return "no_letters"
    return None


def _looks_binary(text: str) -> bool:
    """NUL bytes, or more than 5 % control / replacement characters, or letters under 20 %."""
    sample = text[:20_000]
    if "\x00" in sample:
        return True
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK))
    if bad > 0.05 * len(sample):
        return True
    visible = [ch for ch in sample if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    return len(visible) >= 40 and letters < 0.2 * len(visible)
