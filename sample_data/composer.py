"""Turns the hand-written text bank into lookup tables and composes texts for millions of rows.

Why tables: picking a sentence per row in Python would dominate the run time at 10 million appeals.
Each table flattens one family of sentences into a polars Series and keeps, for every dense integer
"group code" (e.g. area x polarity x language x agency kind), the offset and count of its sentences.
Picking is then numpy arithmetic, and composing is a handful of polars string expressions.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
import polars as pl

from . import text_bank as tb
from .reference import AGENCY_KINDS, AREAS

LANGS = ("kk", "ru", "en")                 # lang3 codes 0, 1, 2
LANG_VARIANTS = ("kk", "ru", "en", "kk_mixed", "kk_latin")
LANG3_OF_VARIANT = np.array([0, 1, 2, 0, 0])
POLARITIES = ("negative", "positive", "neutral")
KINDS = tuple(AGENCY_KINDS)                # agency kinds in a fixed order
MODES = ("r", "q", "p")                    # request, question, proposal
ANSWER_KINDS = ("substantive", "explanation", "complaint", "thanks", "proposal", "proposal_declined", "formal",
                "refusal", "interim")


class SentenceTable:
    """Sentences grouped by a dense integer code; ``pick`` draws one sentence id per row."""

    def __init__(self, groups: dict[int, list[str]], size: int):
        flat: list[str] = []
        self.offset = np.zeros(size, dtype=np.int64)
        self.count = np.zeros(size, dtype=np.int64)
        for code in range(size):
            items = groups.get(code, [])
            self.offset[code], self.count[code] = len(flat), len(items)
            flat.extend(items)
        self.none_id = len(flat)
        self.texts = pl.Series(flat + [None], dtype=pl.String)
        self.has_slot = np.array([("{" in t) for t in flat] + [False])

    def has(self, codes: np.ndarray) -> np.ndarray:
        return self.count[codes] > 0

    def pick(self, codes: np.ndarray, u: np.ndarray) -> np.ndarray:
        """One sentence id per row (uniform within the group); ``none_id`` for empty groups."""
        count = self.count[codes]
        ids = self.offset[codes] + np.minimum((u * count).astype(np.int64), np.maximum(count - 1, 0))
        return np.where(count > 0, ids, self.none_id)

    def pick_nth(self, codes: np.ndarray, u: np.ndarray, step_u: np.ndarray, nth: int) -> np.ndarray:
        """The ``nth`` (0-based) of several different sentences of a row's group: the first is drawn
        with ``u`` as in ``pick``, the others walk the group with a random step drawn with
        ``step_u``; ``none_id`` where the group has no ``nth`` different sentence on that walk."""
        count = np.maximum(self.count[codes], 1)
        first = np.minimum((u * count).astype(np.int64), count - 1)
        step = 1 + np.minimum((step_u * (count - 1)).astype(np.int64), np.maximum(count - 2, 0))
        distinct = np.ones(len(codes), dtype=bool)
        for back in range(1, nth + 1):  # the nth must differ from every earlier one on the walk
            distinct &= (back * step) % count != 0
        ids = self.offset[codes] + (first + nth * step) % count
        return np.where((self.count[codes] > nth) & distinct, ids, self.none_id)

    def gather(self, ids: np.ndarray) -> pl.Series:
        return self.texts.gather(ids)


def evidence_code(area, polarity, lang3, kind_slot):
    """kind_slot 0 = generic sentence, 1 + kind index = sentence specific to that agency kind."""
    return ((area * 3 + polarity) * 3 + lang3) * (len(KINDS) + 1) + kind_slot


def plain_code(lang4, kind, mode):
    """lang4: 0 kk, 1 ru, 2 en, 3 kk-ru mixed."""
    return (lang4 * len(KINDS) + kind) * 3 + mode


def _evidence_table() -> SentenceTable:
    groups = {}
    for (a, area), (p, pol), (l, lang) in product(enumerate(AREAS), enumerate(POLARITIES), enumerate(LANGS)):
        groups[evidence_code(a, p, l, 0)] = tb.EVIDENCE[area][pol][lang]
    for (area, pol, kind), by_lang in tb.KIND_EVIDENCE.items():
        for l, lang in enumerate(LANGS):
            code = evidence_code(AREAS.index(area), POLARITIES.index(pol), l, 1 + KINDS.index(kind))
            groups[code] = by_lang[lang]
    return SentenceTable(groups, evidence_code(len(AREAS), 0, 0, 0))


def _mixed_evidence_table() -> SentenceTable:
    return SentenceTable({a: tb.MIXED_EVIDENCE[area] for a, area in enumerate(AREAS)}, len(AREAS))


def _plain_table() -> SentenceTable:
    """Plain requests per (language, kind, mode), with fallbacks resolved at build time: the same
    kind in mode "request", then the akimat in that mode, then the akimat's requests."""
    raw: dict[tuple[int, int, int], list[str]] = {}
    sources = [(l, tb.PLAIN[lang]) for l, lang in enumerate(LANGS)] + [(3, tb.MIXED_PLAIN)]
    for lang4, rows in sources:
        for kind, mode, text in rows:
            raw.setdefault((lang4, KINDS.index(kind), MODES.index(mode)), []).append(text)
    akimat = KINDS.index("akimat")
    groups = {}
    for lang4, kind, mode in product(range(4), range(len(KINDS)), range(3)):
        for key in ((lang4, kind, mode), (lang4, akimat, mode), (lang4, kind, 0), (lang4, akimat, 0)):
            if raw.get(key):
                groups[plain_code(lang4, kind, mode)] = raw[key]
                break
    return SentenceTable(groups, plain_code(4, 0, 0))


def _by_lang4(bank: dict[str, list[str]]) -> SentenceTable:
    """Frames keyed by lang4 (kk, ru, en, mixed); mixed falls back to kk."""
    return SentenceTable({i: bank.get(k) or bank["kk"] for i, k in enumerate(("kk", "ru", "en", "mixed"))}, 4)


def _openings_table() -> SentenceTable:
    """Openings by lang4 (codes 0-3) and, for akimats, lang4 + 4 with the openings to an akim."""
    keys = ("kk", "ru", "en", "mixed")
    groups = {i: tb.OPENINGS[k] for i, k in enumerate(keys)}
    groups.update({4 + i: tb.OPENINGS[k] + tb.AKIMAT_OPENINGS[k] for i, k in enumerate(keys)})
    return SentenceTable(groups, 8)


LANG4 = ("kk", "ru", "en", "mixed")


def _in_lang4(bank: dict[str, list[str]], lang4: int) -> list[str]:
    """A family's sentences for one lang4; code-switched letters draw from the mixed sentences and
    the Kazakh ones together (people switch within a letter, not in every sentence)."""
    if LANG4[lang4] == "mixed":
        return bank.get("mixed", []) + bank["kk"]
    return bank[LANG4[lang4]]


def _letter_table(bank: dict[str, list[str]]) -> SentenceTable:
    """A letter family keyed by lang4 (codes 0-3)."""
    return SentenceTable({i: _in_lang4(bank, i) for i in range(4)}, 4)


def kind_code(lang4, kind):
    return lang4 * len(KINDS) + kind


def _by_kind_table(bank: dict[str, dict[str, list[str]]]) -> SentenceTable:
    """A letter family with sentences for every agency ("any") plus those of the agency's kind,
    keyed by ``kind_code(lang4, kind)``."""
    groups = {}
    for lang4, (k, kind) in product(range(4), enumerate(KINDS)):
        groups[kind_code(lang4, k)] = _in_lang4(bank["any"], lang4) + (
            _in_lang4(bank[kind], lang4) if kind in bank else [])
    return SentenceTable(groups, kind_code(4, 0))


TOPICS = tuple(sorted(set(tb.PLAIN_TOPICS) | set(tb.MIXED_PLAIN_TOPICS)))


def context_code(lang4, topic_or_kind):
    """``topic_or_kind``: the index of the plain request's topic in TOPICS, or len(TOPICS) + the
    agency kind's index for letters without a plain request."""
    return lang4 * (len(TOPICS) + len(KINDS)) + topic_or_kind


def _context_table(bank: dict[str, dict[str, list[str]]], tags: dict[str, dict[str, tuple[str, ...]]],
                   kind_wide: bool) -> SentenceTable:
    """Backgrounds or stories that fit a letter: around a plain request, those tagged with its topic;
    in a letter without one, all those of the agency's kind if ``kind_wide`` (stories, which tell
    their own matter), else none (short backgrounds refer to the request: "this has been going on
    since October"). Those for any request ("any") are a table of their own."""
    groups = {}
    for lang4 in range(4):
        sources = [("mixed", "mixed"), ("kk", "all")] if LANG4[lang4] == "mixed" else [(LANG4[lang4], "all")]
        tagged = [(kind, set(topics.split()), text) for kind, by_lang in bank.items() if kind != "any"
                  for lang, tag_key in sources
                  for topics, text in zip(tags[kind].get(tag_key, ()), by_lang.get(lang, []), strict=True)]
        for t, topic in enumerate(TOPICS):
            groups[context_code(lang4, t)] = [text for _, topics, text in tagged if topic in topics]
        for k, kind in enumerate(KINDS):
            groups[context_code(lang4, len(TOPICS) + k)] = [text for owner, _, text in tagged
                                                             if kind_wide and owner == kind]
    return SentenceTable(groups, context_code(4, 0))


def _plain_topics(plain: SentenceTable) -> np.ndarray:
    """The TOPICS index of every sentence of the plain table (-1 for its "none" entry)."""
    topic_of = {text: topic for lang in LANGS
                for (_, _, text), topic in zip(tb.PLAIN[lang], tb.PLAIN_TOPICS, strict=True)}
    topic_of.update({text: topic for (_, _, text), topic in zip(tb.MIXED_PLAIN, tb.MIXED_PLAIN_TOPICS, strict=True)})
    return np.array([TOPICS.index(topic_of[t]) for t in plain.texts[:-1]] + [-1])


def lead_code(area, polarity, lang4):
    return (area * len(POLARITIES) + polarity) * 4 + lang4


def _leads_table() -> SentenceTable:
    """Leads into the evidence by (first area, polarity, lang4): the polarity's leads, plus for a
    complaint the area's own (AREA_EVIDENCE_LEADS)."""
    groups = {}
    for (a, area), (p, pol), lang4 in product(enumerate(AREAS), enumerate(POLARITIES), range(4)):
        own = tb.AREA_EVIDENCE_LEADS.get(area, {}) if pol == "negative" else {}
        groups[lead_code(a, p, lang4)] = _in_lang4(tb.EVIDENCE_LEADS[pol], lang4) + (_in_lang4(own, lang4) if own else [])
    return SentenceTable(groups, lead_code(len(AREAS), 0, 0))


def _complaint_requests_table() -> SentenceTable:
    """A complaint's own request by (first area, lang4): the generic requests plus the area's own."""
    groups = {}
    for (a, area), lang4 in product(enumerate(AREAS), range(4)):
        own = tb.AREA_COMPLAINT_REQUESTS.get(area)
        groups[a * 4 + lang4] = _in_lang4(tb.COMPLAINT_REQUESTS, lang4) + (_in_lang4(own, lang4) if own else [])
    return SentenceTable(groups, len(AREAS) * 4)


def _pii_table() -> SentenceTable:
    kinds = ("phone", "email", "iin")
    groups = {k * 3 + l: tb.PII_SENTENCES[kind][lang] for (k, kind), (l, lang) in
              product(enumerate(kinds), enumerate(LANGS))}
    return SentenceTable(groups, 9)


def answer_code(lang3, answer_kind, kind_slot):
    """kind_slot 0 = answer any agency could give, 1 + kind index = answer specific to that kind."""
    return (lang3 * len(ANSWER_KINDS) + answer_kind) * (len(KINDS) + 1) + kind_slot


def _answers_table() -> SentenceTable:
    groups = {answer_code(l, q, 0): tb.ANSWERS[lang][kind] for (l, lang), (q, kind) in
              product(enumerate(LANGS), enumerate(ANSWER_KINDS))}
    for agency_kind, by_lang in tb.KIND_ANSWERS.items():
        for (l, lang), (q, kind) in product(enumerate(LANGS), enumerate(ANSWER_KINDS)):
            if by_lang[lang].get(kind):
                groups[answer_code(l, q, 1 + KINDS.index(agency_kind))] = by_lang[lang][kind]
    return SentenceTable(groups, answer_code(len(LANGS), 0, 0))


@dataclass
class Bank:
    """All sentence tables the generator uses, built once per run."""

    evidence: SentenceTable
    mixed_evidence: SentenceTable
    plain: SentenceTable
    openings: SentenceTable
    repeat_openings: SentenceTable
    closings_request: SentenceTable
    closings_thanks: SentenceTable
    details: SentenceTable
    address_details: SentenceTable
    pii: SentenceTable
    answers: SentenceTable
    plain_topic: np.ndarray
    salutations: SentenceTable
    preambles: SentenceTable
    self_intros: SentenceTable
    homes: SentenceTable
    backgrounds: SentenceTable
    common_backgrounds: SentenceTable
    stories: SentenceTable
    common_stories: SentenceTable
    evidence_leads: SentenceTable
    complaint_requests: SentenceTable
    praise_requests: SentenceTable
    polite_closings: SentenceTable
    signoffs: SentenceTable

    @classmethod
    def build(cls) -> "Bank":
        plain = _plain_table()
        return cls(
            evidence=_evidence_table(), mixed_evidence=_mixed_evidence_table(), plain=plain,
            openings=_openings_table(), repeat_openings=_by_lang4(tb.REPEAT_OPENINGS),
            closings_request=_by_lang4(tb.CLOSINGS_REQUEST), closings_thanks=_by_lang4(tb.CLOSINGS_THANKS),
            details=_by_lang4(tb.DETAILS), address_details=_by_lang4(tb.ADDRESS_DETAILS),
            pii=_pii_table(), answers=_answers_table(), plain_topic=_plain_topics(plain),
            salutations=_by_kind_table(tb.SALUTATIONS), preambles=_letter_table(tb.PREAMBLES),
            self_intros=_letter_table(tb.SELF_INTRODUCTIONS), homes=_letter_table(tb.HOMES),
            backgrounds=_context_table(tb.BACKGROUNDS, tb.BACKGROUND_TOPICS, kind_wide=False),
            stories=_context_table(tb.STORIES, tb.STORY_TOPICS, kind_wide=True),
            common_backgrounds=_letter_table(tb.BACKGROUNDS["any"]), common_stories=_letter_table(tb.STORIES["any"]),
            evidence_leads=_leads_table(),
            complaint_requests=_complaint_requests_table(),
            praise_requests=_letter_table(tb.PRAISE_REQUESTS),
            polite_closings=_letter_table(tb.POLITE_CLOSINGS), signoffs=_letter_table(tb.SIGNOFFS),
        )


def compose_texts(parts: list[pl.Series], place: pl.Series, pii: pl.Series, latin: np.ndarray,
                  lowercase: np.ndarray) -> pl.Series:
    """Join the picked sentences with spaces, fill ``{place}``/``{pii}``, then transliterate the
    Latin-script Kazakh rows and lower-case the hurried ones."""
    frame = pl.DataFrame({f"p{i}": s for i, s in enumerate(parts)}).with_columns(
        place=place, pii=pii, latin=pl.Series(latin), lower=pl.Series(lowercase))
    source, target = tb.latin_pairs()
    text = (pl.concat_str([pl.col(f"p{i}") for i in range(len(parts))], separator=" ", ignore_nulls=True)
            .str.replace("{place}", pl.col("place"), literal=True)
            .str.replace("{pii}", pl.col("pii"), literal=True))
    text = pl.when(pl.col("latin")).then(text.str.replace_many(source, target)).otherwise(text)
    text = pl.when(pl.col("lower")).then(text.str.to_lowercase()).otherwise(text)
    return frame.select(text.alias("text")).to_series()
