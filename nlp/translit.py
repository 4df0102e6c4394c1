"""Kazakh transliteration between Latin and Cyrillic script.

Why: Kazakh is written in Cyrillic officially, but citizens also write it in Latin
letters: informally ("salemetsiz be, jauap joq"), in the acute-accent alphabet of the
2018/2021 reforms ("Meshittegi jamaǵat kóbeıe bersin"), and in the umlaut variant
(ä, ö, ü, ğ, ñ, ş, ç). The classifier was trained on Cyrillic, so Latin-script Kazakh
is turned into Cyrillic before classification (:func:`latin_to_cyrillic`).

Informal Latin loses letters (q/k, o/ö, u/ü/ұ, i/ы/і). We restore them with Kazakh
vowel harmony: a native word has either back vowels (а о ұ ы) or front vowels
(ә ө ү і е), and қ/ғ go with back vowels, к/г with front ones. That is right for most
native words and wrong for some loanwords; the classifier is trained on text that went
through the same round trip (see :func:`cyrillic_to_informal_latin`), so what matters is
that the mapping is consistent, not that it is perfect.

The reverse direction, :func:`cyrillic_to_informal_latin` and :func:`fold_kazakh_letters`,
exists for training-data augmentation: it produces the kinds of text real users write
(Latin letters; Cyrillic without the Kazakh-specific letters, "жаксы" for "жақсы").
"""

from __future__ import annotations

import re

KAZAKH_SPECIFIC = "әғқңөұүһі"
"""Letters of Kazakh Cyrillic that Russian does not have."""

# Letters of the official Latin alphabets (2017 apostrophes aside) that English lacks.
LATIN_KAZAKH_SPECIFIC = "áǵńóúýışçäöüğñū"

_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
                       "Ә": "А", "Ғ": "Г", "Қ": "К", "Ң": "Н", "Ө": "О", "Ұ": "У", "Ү": "У", "Һ": "Х", "І": "И"})

# Unambiguous letters of the acute (2018) and umlaut (2021) official alphabets.
_OFFICIAL = {"á": "ә", "ä": "ә", "ǵ": "ғ", "ğ": "ғ", "ń": "ң", "ñ": "ң", "ó": "ө", "ö": "ө", "ú": "ү", "ü": "ү",
             "ū": "ұ", "ý": "у", "ş": "ш", "ç": "ч", "q": "қ", "j": "ж", "w": "у", "x": "х", "c": "с", "f": "ф",
             "v": "в", "b": "б", "d": "д", "l": "л", "m": "м", "n": "н", "p": "п", "r": "р", "s": "с", "t": "т",
             "z": "з", "h": "х", "a": "а", "e": "е"}
_DIGRAPHS = (("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("gh", "ғ"), ("ya", "я"),
             ("yu", "ю"), ("yo", "ё"))
_LATIN_VOWELS = set("aeiouyıáäóöúüūýé")
# Weights of vowel-harmony evidence: unambiguous letters count more than informal o/u/i.
_HARMONY = {"a": -2, "y": -2, "ı": -2, "ū": -2, "q": -2, "ǵ": -2, "ğ": -2, "o": -1, "u": -1,
            "e": 2, "i": 1, "á": 3, "ä": 3, "ó": 3, "ö": 3, "ú": 3, "ü": 3}
_WORD = re.compile(r"[A-Za-zÀ-ɏ']+")


def fold_kazakh_letters(text: str) -> str:
    """Replace the Kazakh-specific letters by their Russian look-alikes ("жақсы" -> "жаксы").

    Many Kazakh reviews are typed on a Russian keyboard this way; augmentation and
    language identification both need this form.
    """
    return text.translate(_FOLD)


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Latin-script Kazakh to Cyrillic, word by word, keeping everything else."""
    return _WORD.sub(lambda m: _word_to_cyrillic(m.group(0)), text)


def _word_to_cyrillic(word: str) -> str:
    lower = word.lower().replace("'", "")
    if not lower:
        return word
    back = _is_back(lower)
    out = _map_letters(lower, back)
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def _is_back(word: str) -> bool:
    """Vowel harmony: weigh back evidence (a, y, q) against front evidence (e, i, official letters)."""
    score = sum(_HARMONY.get(ch, 0) for ch in word)
    if score == 0:
        return not ("e" in word or "i" in word)
    return score < 0


def _map_letters(word: str, back: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        for latin, cyr in _DIGRAPHS:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(_letter(word, i, back))
            i += 1
    return "".join(out)


def _letter(word: str, i: int, back: bool) -> str:
    ch = word[i]
    prev_vowel = i > 0 and word[i - 1] in _LATIN_VOWELS
    nxt = word[i + 1] if i + 1 < len(word) else ""
    if ch in ("i", "ı", "y"):
        if prev_vowel and (not nxt or nxt not in _LATIN_VOWELS):
            return "й"
        if ch == "ı" and nxt in _LATIN_VOWELS:
            return "й"
        if ch == "i":
            return "ы" if back else "і"
        return "ы"
    if ch == "u":
        if prev_vowel:
            return "у"
        return "ұ" if back else "ү"
    if ch == "o":
        return "о" if back else "ө"
    if ch == "a":
        return "а" if back else "ә"
    if ch == "k":
        return "қ" if back else "к"
    if ch == "g":
        return "ғ" if back else "г"
    if ch == "n" and nxt == "g" and (i + 2 == len(word) or word[i + 2] not in _LATIN_VOWELS):
        return "ң"
    return _OFFICIAL.get(ch, ch)


_TO_INFORMAL = {"а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
                "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
                "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h",
                "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "",
                "э": "e", "ю": "yu", "я": "ya"}
_TO_OFFICIAL = dict(_TO_INFORMAL, **{"ә": "á", "ғ": "ǵ", "ң": "ń", "ө": "ó", "ү": "ú", "ұ": "u", "у": "ý",
                                     "ы": "y", "і": "i", "и": "ı", "й": "ı", "ш": "sh", "ч": "ch", "қ": "q"})


def cyrillic_to_informal_latin(text: str, variant: str = "informal") -> str:
    """Write Cyrillic Kazakh in Latin letters, as users do ("informal") or officially ("official").

    Used for augmentation only: the model sees, at training time, what Latin-script input
    looks like after :func:`latin_to_cyrillic`.
    """
    table = _TO_OFFICIAL if variant == "official" else _TO_INFORMAL
    out = []
    for ch in text:
        low = ch.lower()
        mapped = table.get(low)
        if mapped is None:
            out.append(ch)
        else:
            out.append(mapped.capitalize() if ch != low else mapped)
    return "".join(out)
