"""Training-time augmentation: the variations real users produce and the written corpus lacks.

Why each transform:
- ``latin_round_trip``: Kazakh written in Latin letters reaches the model after
  :func:`nlp.translit.latin_to_cyrillic`, which restores letters by vowel harmony and is
  sometimes wrong; the model should see that exact form during training.
- ``fold_letters``: Kazakh typed on a Russian keyboard ("жаксы", "оте") is common in real
  reviews (about a quarter of the KazSAnDRA reviews have no Kazakh letter at all).
- ``casual``: short angry messages are lowercase without punctuation.
- ``typos`` and ``drop_words``: a model that leans on one keyword breaks on a misspelling;
  dropping words forces it to use the rest of the text.

All transforms take a seeded ``random.Random``, so augmentation is deterministic.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from nlp.translit import cyrillic_to_informal_latin, fold_kazakh_letters, latin_to_cyrillic

_PUNCT = re.compile(r"[.,!?;:«»\"()—–-]+")


def latin_round_trip(text: str, rng: random.Random) -> str:
    variant = "official" if rng.random() < 0.3 else "informal"
    return latin_to_cyrillic(cyrillic_to_informal_latin(text, variant))


def fold_letters(text: str, rng: random.Random) -> str:
    return fold_kazakh_letters(text)


def casual(text: str, rng: random.Random) -> str:
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", text.lower())).strip()


def typos(text: str, rng: random.Random, rate: float = 0.08) -> str:
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and rng.random() < rate:
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def drop_words(text: str, rng: random.Random, rate: float = 0.12) -> str:
    words = text.split(" ")
    kept = [w for w in words if rng.random() >= rate]
    return " ".join(kept) if len(kept) >= 3 else text


GENERAL: tuple[Callable[[str, random.Random], str], ...] = (casual, typos, drop_words)
KAZAKH: tuple[Callable[[str, random.Random], str], ...] = (latin_round_trip, fold_letters)


def variants(text: str, lang: str, rng: random.Random) -> list[str]:
    """Augmented copies of one training text: one general, plus one Kazakh-script one for kk."""
    out = [rng.choice(GENERAL)(text, rng)]
    if lang == "kk":
        out.append(rng.choice(KAZAKH)(text, rng))
    return [v for v in out if v and v != text]


def augment(texts: Sequence[str], langs: Sequence[str], seed: int) -> list[tuple[int, str]]:
    """(index of the source example, augmented text) for every variant of every text."""
    rng = random.Random(seed)
    return [(i, v) for i, (t, lang) in enumerate(zip(texts, langs)) for v in variants(t, lang, rng)]
