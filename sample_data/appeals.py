"""Drawing the appeals themselves: when, to whom, in which language, about what, and their text.

The static part of a run lives in ``World`` (agencies, calendar, sentence tables, planted gaps);
``draw_appeals`` then produces one slice of appeals as numpy arrays, vectorised, from a random
generator dedicated to that slice, so a run is reproducible slice by slice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl

from . import people
from . import scenario as sc
from . import text_bank as tb
from .composer import (KINDS, LANG3_OF_VARIANT, POLARITIES, TOPICS, Bank, compose_texts, context_code, evidence_code,
                       lead_code, plain_code)
from .reference import AREAS, REGIONS, STREETS, build_agencies
from .workdays import WorkCalendar, day_number

SECONDS_PER_DAY = 86400
SEASON = (1.12, 1.10, 1.00, 0.98, 0.95, 0.93, 0.90, 0.92, 1.00, 1.03, 1.08, 1.06)
APPLICANTS_PER_APPEAL = 0.62  # pool size per region, relative to its expected appeals
APPLICANT_SKEW = 1.35  # u ** skew over the pool: a few people write often, most write once


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


@dataclass
class World:
    """Everything about a run that does not depend on the random draws."""

    start: date
    months: int
    n_appeals: int
    seed: int
    agencies: tuple
    calendar: WorkCalendar
    bank: Bank
    agency_kind: np.ndarray = field(init=False)
    agency_region: np.ndarray = field(init=False)
    agency_cum_weight: np.ndarray = field(init=False)
    area_cum_by_kind: np.ndarray = field(init=False)
    kk_share: np.ndarray = field(init=False)
    rural_share: np.ndarray = field(init=False)
    pool_size: np.ndarray = field(init=False)
    partners: list = field(init=False)
    planted_area: np.ndarray = field(init=False)

    @classmethod
    def build(cls, start: date, months: int, n_appeals: int, seed: int) -> "World":
        end = add_months(start, months)
        calendar = WorkCalendar(date(start.year - 1, 12, 1), date(end.year + 1, 12, 31))
        world = cls(start, months, n_appeals, seed, build_agencies(), calendar, Bank.build())
        world._index_agencies()
        return world

    @property
    def end(self) -> date:
        return add_months(self.start, self.months)

    def _index_agencies(self) -> None:
        katos = [r.kato for r in REGIONS]
        self.agency_kind = np.array([KINDS.index(a.kind) for a in self.agencies])
        self.agency_region = np.array([katos.index(a.region_kato) for a in self.agencies])
        weights = np.array([a.volume_weight * _volume_boost(a.code) for a in self.agencies])
        share = weights / weights.sum()
        self.agency_cum_weight = np.cumsum(share)
        self.area_cum_by_kind = np.array([np.cumsum(sc.area_weights_for_kind(k)) for k in KINDS])
        region_share = np.bincount(self.agency_region, weights=share, minlength=len(REGIONS))
        self.kk_share = _calibrated_kk_share(region_share)
        self.rural_share = np.array([r.rural_share for r in REGIONS])
        self.pool_size = np.maximum(50, region_share * self.n_appeals * APPLICANTS_PER_APPEAL).astype(np.int64)
        self.partners = [np.flatnonzero((self.agency_region == self.agency_region[i]) &
                                        (np.arange(len(self.agencies)) != i)) for i in range(len(self.agencies))]
        self.planted_area = np.array([AREAS.index(sc.PLANTED_BY_AGENCY[a.code].area)
                                      if a.code in sc.PLANTED_BY_AGENCY else -1 for a in self.agencies])

    def planted_shares(self, month_index: int) -> np.ndarray:
        """Per agency, the probability that an appeal of this month carries its planted gap."""
        return np.array([sc.planted_share(a.code, month_index)[1] for a in self.agencies])


def _volume_boost(code: str) -> float:
    gap = sc.PLANTED_BY_AGENCY.get(code)
    return gap.volume_boost if gap else 1.0


def _calibrated_kk_share(region_share: np.ndarray) -> np.ndarray:
    """Scale the regions' Kazakh shares so that the expected overall share is exactly
    LANGUAGE_SHARES["kk"] while keeping the south more Kazakh-speaking than the north."""
    raw = np.array([r.kk_share for r in REGIONS])
    target = sc.LANGUAGE_SHARES["kk"]
    return np.clip(raw * target / float(region_share @ raw), 0.05, 1 - sc.LANGUAGE_SHARES["en"] - 0.02)


# ------------------------------------------------------------------------------------ timing


def monthly_volumes(world: World, rng: np.random.Generator) -> np.ndarray:
    """Appeals per month: a slow upward trend and winter peaks (heating, snow)."""
    months = np.arange(world.months)
    month_of_year = (world.start.month - 1 + months) % 12
    weights = (1 + 0.012 * months) * np.array(SEASON)[month_of_year]
    return rng.multinomial(world.n_appeals, weights / weights.sum())


def registration_times(world: World, rng: np.random.Generator, month_index: int, count: int) -> np.ndarray:
    """Sorted registration timestamps (seconds since epoch) within a month; fewer on days off,
    mostly in office hours, some in the evening (online channels)."""
    first = day_number(add_months(world.start, month_index))
    last = day_number(add_months(world.start, month_index + 1))
    days = np.arange(first, last)
    weight = np.where(world.calendar.is_working(days), 1.0, 0.35)
    day = rng.choice(days, size=count, p=weight / weight.sum())
    office = rng.random(count) < 0.78
    minute = np.where(office, rng.integers(9 * 60, 18 * 60, count), rng.integers(18 * 60, 23 * 60 + 30, count))
    return np.sort(day * SECONDS_PER_DAY + minute * 60)


# ------------------------------------------------------------------------------------ content


@dataclass
class Batch:
    """One slice of appeals as parallel arrays (codes, not strings) until the text is composed."""

    month_index: int
    reg_t: np.ndarray
    agency: np.ndarray
    region: np.ndarray
    applicant: np.ndarray        # index in the region's applicant pool
    langvar: np.ndarray
    evidence: np.ndarray
    area1: np.ndarray
    pol1: np.ndarray
    has2: np.ndarray
    area2: np.ndarray
    pol2: np.ndarray
    appeal_kind: np.ndarray
    plain_id: np.ndarray
    mixed_id: np.ndarray
    ev1_id: np.ndarray
    ev2_id: np.ndarray
    repeat: np.ndarray
    channel: np.ndarray | None = None  # set by draw_channels
    iin: np.ndarray | None = None      # set by attach_applicants

    @property
    def n(self) -> int:
        return len(self.reg_t)

    @property
    def lang3(self) -> np.ndarray:
        return LANG3_OF_VARIANT[self.langvar]


CARRIED_FIELDS = ("agency", "region", "applicant", "langvar", "evidence", "area1", "pol1", "has2", "area2",
                  "pol2", "appeal_kind", "plain_id", "mixed_id", "ev1_id", "ev2_id")


def _choose(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    return np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)


def draw_language_variants(world: World, rng: np.random.Generator, region: np.ndarray) -> np.ndarray:
    """kk / ru / en by region, then Kazakh split into Cyrillic, code-switched and Latin script."""
    u = rng.random(len(region))
    en = u >= 1 - sc.LANGUAGE_SHARES["en"]
    kk = u < world.kk_share[region]
    v = rng.random(len(region))
    kk_variant = np.where(v < sc.KK_MIXED_SHARE, 3, np.where(v < sc.KK_MIXED_SHARE + sc.KK_LATIN_SHARE, 4, 0))
    return np.where(en, 2, np.where(kk, kk_variant, 1))


def draw_areas(world: World, rng: np.random.Generator, agency: np.ndarray, month_index: int):
    """Baseline evidence (area and polarity, maybe a second area), then the planted gaps on top."""
    n = len(agency)
    kind = world.agency_kind[agency]
    cum = world.area_cum_by_kind[kind]
    pol_cum = np.cumsum([sc.POLARITY_SHARES[p] for p in POLARITIES])
    evidence = rng.random(n) < sc.EVIDENCE_SHARE
    area1 = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, len(AREAS) - 1)
    pol1 = _choose(pol_cum, rng.random(n))
    has2 = evidence & (rng.random(n) < sc.SECOND_AREA_SHARE)
    area2 = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, len(AREAS) - 1)
    area2 = np.where(area2 == area1, (area1 + rng.integers(1, len(AREAS), n)) % len(AREAS), area2)
    pol2 = np.where(rng.random(n) < 0.75, pol1, _choose(pol_cum, rng.random(n)))  # mostly one tone

    planted = world.planted_area[agency]
    hit = (planted >= 0) & (rng.random(n) < world.planted_shares(month_index)[agency])
    spike_area, spike_hit = spiked_complaints(world, month_index, agency)
    planted, hit = np.where(spike_hit, spike_area, planted), hit | spike_hit
    demote = hit & evidence & (area1 != planted)
    area2 = np.where(demote, area1, area2)
    pol2 = np.where(demote, pol1, pol2)
    has2 = np.where(demote, True, has2 & ~(hit & (area2 == planted)))
    area1 = np.where(hit, planted, area1)
    pol1 = np.where(hit, 0, pol1)
    evidence = evidence | hit
    return evidence, area1, pol1, has2 & evidence, area2, pol2


# ------------------------------------------------------------------------------------ spikes


def _spike_rng(world: World, stream: int, month_index: int, agency: np.ndarray) -> np.random.Generator:
    """Spikes draw from their own generators, so a month without a spike is exactly what it was."""
    return np.random.default_rng([world.seed, stream, month_index, len(agency)])


def spiked_volume(world: World, month_index: int, agency: np.ndarray) -> np.ndarray:
    """Move appeals to an agency with a spike this month from the other agencies of its region
    (never from an agency with a planted gap, whose figures the README states)."""
    spikes = sc.spikes_in(month_index)
    if not spikes:
        return agency
    share = np.diff(world.agency_cum_weight, prepend=0.0)
    codes = [a.code for a in world.agencies]
    rng = _spike_rng(world, 11, month_index, agency)
    moved = agency.copy()
    for spike in spikes:
        target = codes.index(spike.agency_code)
        donors = [i for i in world.partners[target] if codes[i] not in sc.PLANTED_BY_AGENCY]
        p_move = min(0.9, (spike.volume_factor - 1) * share[target] / share[donors].sum())
        moving = np.isin(agency, donors) & (rng.random(len(agency)) < p_move)
        moved[moving] = target
    return moved


def spiked_complaints(world: World, month_index: int, agency: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per appeal, the area of a spike it complains about (-1: none) and whether it does."""
    area = np.full(len(agency), -1)
    codes = [a.code for a in world.agencies]
    rng = _spike_rng(world, 12, month_index, agency)
    for spike in sc.spikes_in(month_index):
        hit = (agency == codes.index(spike.agency_code)) & (rng.random(len(agency)) < spike.complaint_share)
        area[hit] = AREAS.index(spike.area)
    return area, area >= 0


def draw_appeal_kind(rng: np.random.Generator, evidence: np.ndarray, pol1: np.ndarray) -> np.ndarray:
    content = np.where(evidence, pol1, 3)  # 0 neg, 1 pos, 2 neutral, 3 plain
    tables = np.array([np.cumsum(sc.APPEAL_KIND_GIVEN_CONTENT[k]) for k in ("negative", "positive", "neutral", "plain")])
    return (rng.random(len(content))[:, None] > tables[content]).sum(axis=1).clip(0, 4)


def pick_sentences(world: World, rng: np.random.Generator, agency, langvar, evidence, area1, pol1, has2,
                   area2, pol2, appeal_kind):
    """Sentence ids for the core of each appeal: the plain request (or the issue behind a
    complaint), a code-switched or regular evidence sentence, and the second area's sentence."""
    bank, n = world.bank, len(agency)
    lang3 = LANG3_OF_VARIANT[langvar]
    kind = world.agency_kind[agency]
    kind_slot = np.where(rng.random(n) < sc.KIND_SPECIFIC_SENTENCE_SHARE, 1 + kind, 0)
    specific = evidence_code(area1, pol1, lang3, kind_slot)
    code1 = np.where(bank.evidence.has(specific), specific, evidence_code(area1, pol1, lang3, 0))
    ev1 = np.where(evidence, bank.evidence.pick(code1, rng.random(n)), bank.evidence.none_id)
    ev2 = np.where(has2, bank.evidence.pick(evidence_code(area2, pol2, lang3, 0), rng.random(n)),
                   bank.evidence.none_id)

    use_mixed = evidence & (langvar == 3) & (pol1 == 0) & (rng.random(n) < 0.7)
    mixed = np.where(use_mixed, bank.mixed_evidence.pick(area1, rng.random(n)), bank.mixed_evidence.none_id)
    ev1 = np.where(use_mixed, bank.evidence.none_id, ev1)

    mode = np.select([appeal_kind == 3, appeal_kind == 2], [1, 2], 0)
    lang4 = np.where((langvar == 3) & (rng.random(n) < 0.7), 3, lang3)
    with_context = evidence & (pol1 == 0) & (rng.random(n) < 0.2)
    plain = bank.plain.pick(plain_code(lang4, kind, np.where(evidence, 0, mode)), rng.random(n))
    plain = np.where(~evidence | with_context, plain, bank.plain.none_id)
    return plain, mixed, ev1, ev2


def draw_appeals(world: World, rng: np.random.Generator, month_index: int, reg_t: np.ndarray) -> Batch:
    n = len(reg_t)
    agency = spiked_volume(world, month_index, _choose(world.agency_cum_weight, rng.random(n)))
    region = world.agency_region[agency]
    applicant = (world.pool_size[region] * rng.random(n) ** APPLICANT_SKEW).astype(np.int64)
    langvar = draw_language_variants(world, rng, region)
    evidence, area1, pol1, has2, area2, pol2 = draw_areas(world, rng, agency, month_index)
    appeal_kind = draw_appeal_kind(rng, evidence, pol1)
    plain, mixed, ev1, ev2 = pick_sentences(world, rng, agency, langvar, evidence, area1, pol1, has2,
                                            area2, pol2, appeal_kind)
    return Batch(month_index, reg_t, agency, region, applicant, langvar, evidence, area1, pol1, has2, area2,
                 pol2, appeal_kind, plain, mixed, ev1, ev2, repeat=np.zeros(n, dtype=bool))


def apply_resubmissions(batch: Batch, pool: dict | None, rng: np.random.Generator) -> None:
    """Overwrite a few appeals with repeats of earlier ones (same applicant, agency and issue):
    citizens write again when the first answer was late or formal."""
    if not pool or len(pool["agency"]) == 0:
        return
    k = min(len(pool["agency"]), rng.binomial(batch.n, sc.RESUBMISSION_SHARE))
    rows = rng.choice(batch.n, size=k, replace=False)
    source = rng.choice(len(pool["agency"]), size=k, replace=False)
    for name in CARRIED_FIELDS:
        getattr(batch, name)[rows] = pool[name][source]
    batch.appeal_kind[rows] = np.where(rng.random(k) < 0.25, 1, batch.appeal_kind[rows])
    batch.repeat[rows] = True


def resubmission_pool(batch: Batch, unhappy: np.ndarray, rng: np.random.Generator) -> dict:
    """Appeals that may come back in the next slice: a quarter of those answered late or formally
    (or never answered in substance), and a few others."""
    keep = rng.random(batch.n) < np.where(unhappy, 0.25, 0.015)
    return {name: getattr(batch, name)[keep].copy() for name in CARRIED_FIELDS}


def attach_applicants(world: World, rng: np.random.Generator, batch: Batch) -> dict[str, np.ndarray]:
    """IIN-like ids and demographics; an inclusiveness complaint is more often written by (or
    for) a person with a disability or an elderly person, so those rows prefer such applicants."""
    reg_day = batch.reg_t // SECONDS_PER_DAY
    reference = day_number(world.start)
    h = people.applicant_hash(world.seed, batch.region, batch.applicant)
    iin = people.iin_from_hash(h, reference)
    wants = np.flatnonzero(batch.evidence & (batch.area1 == AREAS.index("inclusiveness")) & (batch.pol1 == 0)
                           & ~batch.repeat)
    for _ in range(6):
        if len(wants) == 0:
            break
        demo = people.demographics(iin[wants], reg_day[wants], world.rural_share[batch.region[wants]])
        wants = wants[~demo["disabled_or_elderly"]]
        batch.applicant[wants] = (world.pool_size[batch.region[wants]] * rng.random(len(wants)) ** APPLICANT_SKEW).astype(np.int64)
        iin[wants] = people.iin_from_hash(people.applicant_hash(world.seed, batch.region[wants],
                                                                batch.applicant[wants]), reference)
    batch.iin = iin
    return people.demographics(iin, reg_day, world.rural_share[batch.region])


def draw_channels(world: World, rng: np.random.Generator, batch: Batch) -> np.ndarray:
    is_psc = world.agency_kind[batch.agency] == KINDS.index("public_service_centre")
    u = rng.random(batch.n)
    return np.where(is_psc, _choose(np.cumsum(sc.CHANNEL_SHARES_PSC), u), _choose(np.cumsum(sc.CHANNEL_SHARES), u))


# ------------------------------------------------------------------------------------ text


def _region_names(attr: str) -> pl.Series:
    return pl.Series([getattr(r, attr) or r.centre_kk for r in REGIONS])


def _only_where(needed: np.ndarray, build, *arrays: np.ndarray) -> pl.Series:
    """Build strings only for the rows that use them (addresses and personal data are rare) and
    leave an empty string elsewhere; ``build`` receives the arrays restricted to those rows."""
    rows = np.flatnonzero(needed)
    full = pl.repeat("", len(needed), eager=True, dtype=pl.String)
    return full.scatter(rows, build(*(a[rows] for a in arrays))) if len(rows) else full


def place_strings(rng: np.random.Generator, region: np.ndarray, rural: np.ndarray, lang3: np.ndarray,
                  needed: np.ndarray) -> pl.Series:
    """An address in the appeal's language: town or village of the region, a street, a house."""
    n = len(region)
    street = rng.integers(0, len(STREETS), n)
    house = rng.integers(1, 180, n)
    return _only_where(needed, _addresses, region, rural, lang3, street, house)


def _addresses(region, rural, lang3, street, house) -> pl.Series:
    house = pl.Series(house).cast(pl.String)
    village = rural.astype(bool)
    names = {}
    for lang in ("kk", "ru", "en"):
        centre = _region_names(f"centre_{lang}").gather(region)
        vill = pl.Series([getattr(r, f"village_{lang}") or getattr(r, f"centre_{lang}") for r in REGIONS]).gather(region)
        names[lang] = (centre, vill, pl.Series([s[("kk", "ru", "en").index(lang)] for s in STREETS]).gather(street))
    frame = pl.DataFrame({
        "lang": lang3, "village": village, "house": house,
        **{f"{k}_{lang}": v for lang, vals in names.items() for k, v in zip(("centre", "vill", "street"), vals)},
    })
    c = pl.col
    kk = pl.when(c("village")).then(pl.concat_str([c("vill_kk"), pl.lit(" ауылы, ")])) \
        .otherwise(pl.concat_str([c("centre_kk"), pl.lit(" қ., ")]))
    kk = pl.concat_str([kk, c("street_kk"), pl.lit(", "), c("house"), pl.lit("-үй")])
    ru = pl.when(c("village")).then(pl.concat_str([pl.lit("с. "), c("vill_ru")])) \
        .otherwise(pl.concat_str([pl.lit("г. "), c("centre_ru")]))
    ru = pl.concat_str([ru, pl.lit(", "), c("street_ru"), pl.lit(", "), c("house")])
    en_town = pl.when(c("village")).then(pl.concat_str([c("vill_en"), pl.lit(" village")])).otherwise(c("centre_en"))
    en = pl.concat_str([c("house"), pl.lit(" "), c("street_en"), pl.lit(", "), en_town])
    return frame.select(pl.when(c("lang") == 0).then(kk).when(c("lang") == 1).then(ru).otherwise(en)).to_series()


def pii_strings(rng: np.random.Generator, kind: np.ndarray, iin: np.ndarray, needed: np.ndarray) -> pl.Series:
    """Phone numbers, e-mails and IINs written the ways citizens write them."""
    n = len(kind)
    draws = (rng.integers(0, len(tb.PHONE_PREFIXES), n), rng.integers(0, 10_000_000, n), rng.integers(0, 3, n),
             rng.integers(0, len(tb.EMAIL_NAMES), n), rng.integers(0, len(tb.EMAIL_DOMAINS), n),
             rng.integers(10, 100, n))
    return _only_where(needed, _personal_data, kind, iin, *draws)


def _personal_data(kind, iin, prefix, number, style, name, domain, digits) -> pl.Series:
    frame = pl.DataFrame({
        "kind": kind, "style": style, "p": np.array(tb.PHONE_PREFIXES)[prefix],
        "abc": pl.Series(number // 10000).cast(pl.String).str.zfill(3),
        "de": pl.Series((number // 100) % 100).cast(pl.String).str.zfill(2),
        "fg": pl.Series(number % 100).cast(pl.String).str.zfill(2),
        "name": np.array(tb.EMAIL_NAMES)[name], "domain": np.array(tb.EMAIL_DOMAINS)[domain],
        "digits": pl.Series(digits).cast(pl.String), "iin": pl.Series(iin).cast(pl.String).str.zfill(12)})
    c = pl.col
    phone = (pl.when(c("style") == 0).then(pl.concat_str([pl.lit("+7 "), c("p"), pl.lit(" "), c("abc"), pl.lit(" "), c("de"), pl.lit(" "), c("fg")]))
             .when(c("style") == 1).then(pl.concat_str([pl.lit("8"), c("p"), c("abc"), c("de"), c("fg")]))
             .otherwise(pl.concat_str([pl.lit("8 ("), c("p"), pl.lit(") "), c("abc"), pl.lit("-"), c("de"), pl.lit("-"), c("fg")])))
    email = pl.concat_str([c("name"), pl.when(c("style") == 0).then(pl.lit(".")).otherwise(pl.lit("_")),
                           c("digits"), pl.lit("@"), c("domain")])
    return frame.select(pl.when(c("kind") == 0).then(phone).when(c("kind") == 1).then(email)
                        .otherwise(c("iin"))).to_series()


def _maybe(rng: np.random.Generator, table, codes: np.ndarray, share: float, allowed=True) -> pl.Series:
    """A sentence of group ``codes`` for a ``share`` of the allowed rows; nothing for the others."""
    n = len(codes)
    chosen = (rng.random(n) < share) & allowed
    return table.gather(np.where(chosen, table.pick(codes, rng.random(n)), table.none_id))


def _distinct(table, codes: np.ndarray, rng: np.random.Generator, k: int) -> list[np.ndarray]:
    """``k`` different sentence ids per row from the row's group (``none_id`` where it has fewer)."""
    u, step_u = rng.random(len(codes)), rng.random(len(codes))
    return [table.pick_nth(codes, u, step_u, j) for j in range(k)]


def _lengths(parts: list[pl.Series]) -> np.ndarray:
    """Characters of the parts joined with spaces (missing parts count nothing)."""
    sizes = [s.str.len_chars().fill_null(-1) + 1 for s in parts]
    return pl.select(pl.sum_horizontal(sizes)).to_series().to_numpy()


def compose_appeal_texts(world: World, rng: np.random.Generator, text_rng: np.random.Generator, batch: Batch,
                         rural: np.ndarray) -> pl.Series:
    """A short note or a letter around each appeal's core sentences (its plain request and its
    evidence, which fix the labels), in the order a citizen writes them.

    Note: opening, core, optional detail, address and personal data, optional closing. Letter:
    greeting (to an akim, a police chief ... where it fits), maybe a preamble, who is writing and
    where they live, what happened and since when (general remarks, maybe a longer story that fits
    the request or, without one, the agency's kind), the request and a remark that fits it, the
    complaint's or the praise's own request, details, address and personal data, a polite formula
    and a sign-off. The evidence sentences sit at one of four places: before the introduction,
    after it, after the background, or after the request. Nothing added around the core is
    evidence of an area.

    Two generators: ``rng`` is the slice's generator, whose draws here are made in the same order
    as before letters existed (the lifecycles are drawn from it after the texts, so they, and the
    re-submissions that follow them, do not depend on the shape of the texts); every decision
    about the letter comes from ``text_rng``, a generator of its own for the slice."""
    bank, n = world.bank, batch.n
    lang3 = batch.lang3
    lang4 = np.where(batch.langvar == 3, 3, lang3)  # code-switched frames for mixed Kazakh
    kind = world.agency_kind[batch.agency]
    to_akimat = kind == KINDS.index("akimat")
    thanks = batch.evidence & (batch.pol1 == 1)
    complaint = batch.evidence & (batch.pol1 == 0)
    letter = text_rng.random(n) < np.array(sc.LETTER_SHARE_BY_CHANNEL)[batch.channel]

    # The slice generator's draws, in their historical order.
    closing = rng.random(n) < 0.4
    core_has_slot = bank.plain.has_slot[batch.plain_id]
    address_wanted = ~core_has_slot & (rng.random(n) < 0.1)
    with_pii = rng.random(n) < sc.PII_SHARE
    pii_kind = _choose(np.array([0.5, 0.75, 1.0]), rng.random(n))  # phone, e-mail, IIN
    opening = _maybe(rng, bank.openings, lang4 + 4 * to_akimat, 0.5, ~batch.repeat & ~letter)
    repeat_opening = _maybe(rng, bank.repeat_openings, lang4, 1.0, batch.repeat)
    detail = _maybe(rng, bank.details, lang3, 0.18)
    address = _maybe(rng, bank.address_details, lang3, 1.0, address_wanted)
    pii = _maybe(rng, bank.pii, pii_kind * 3 + lang3, 1.0, with_pii)
    closing_thanks = _maybe(rng, bank.closings_thanks, lang4, 1.0, closing & thanks)
    closing_request = _maybe(rng, bank.closings_request, lang4, 1.0, closing & ~thanks)
    place = place_strings(rng, batch.region, rural, lang3, core_has_slot | address_wanted)
    pii_text = pii_strings(rng, pii_kind, batch.iin, with_pii)
    lowercase = (rng.random(n) < sc.LOWERCASE_SHARE) & (batch.langvar != 2)

    # The letter, from its own generator.
    share = sc.LETTER_PART_SHARES
    by_kind = lang4 * len(KINDS) + kind
    topic = bank.plain_topic[batch.plain_id]  # what happened must fit the request, if there is one
    context = context_code(lang4, np.where(topic >= 0, topic, len(TOPICS) + kind))

    def part(table, codes, key, allowed=True):
        return _maybe(text_rng, table, codes, share[key], letter & allowed)

    salutation = part(bank.salutations, by_kind, "salutation")
    preamble = part(bank.preambles, lang4, "preamble", ~batch.repeat)
    intro = part(bank.self_intros, lang4, "self")
    home_share = np.where(intro.is_null().to_numpy(), share["home_alone"], share["home"])
    home = _maybe(text_rng, bank.homes, lang4, home_share, letter)  # most letters say who or where the writer is
    specific_background = _maybe(text_rng, bank.backgrounds, context, share["specific_background"], letter)
    common_backgrounds = [bank.common_backgrounds.gather(ids)
                          for ids in _distinct(bank.common_backgrounds, lang4, text_rng, 4)]
    # Up to two stories: the first, mostly, one that fits the request (or the agency's kind).
    specific_story = letter & bank.stories.has(context) & (text_rng.random(n) < share["specific_story"])
    story_id = np.where(specific_story, bank.stories.pick(context, text_rng.random(n)), bank.stories.none_id)
    common_stories = _distinct(bank.common_stories, lang4, text_rng, 2)
    stories = [pl.select(pl.coalesce(bank.stories.gather(story_id),
                                     bank.common_stories.gather(common_stories[0]))).to_series(),
               bank.common_stories.gather(np.where(specific_story, common_stories[0], common_stories[1]))]
    with_lead = letter & batch.evidence & (text_rng.random(n) < share["evidence_lead"])
    lead_id = np.where(with_lead, bank.evidence_leads.pick(lead_code(batch.area1, batch.pol1, lang4), text_rng.random(n)),
                       bank.evidence_leads.none_id)
    own_request = pl.select(pl.coalesce(
        part(bank.complaint_requests, batch.area1 * 4 + lang4, "complaint_request", complaint),
        part(bank.praise_requests, lang4, "praise_request", thanks))).to_series()
    extra_detail = part(bank.details, lang3, "extra_detail", detail.is_null().to_numpy())
    polite = part(bank.polite_closings, lang4, "polite_closing", ~thanks)
    signoff = part(bank.signoffs, lang4, "signoff")

    slot_cum = np.where(letter[:, None], np.cumsum(sc.LETTER_EVIDENCE_SLOTS), np.cumsum(sc.NOTE_EVIDENCE_SLOTS))
    slot1 = (text_rng.random(n)[:, None] > slot_cum).sum(axis=1).clip(0, 3)
    slot2 = np.where(text_rng.random(n) < sc.SECOND_EVIDENCE_WITH_FIRST, slot1,
                     (text_rng.random(n)[:, None] > slot_cum).sum(axis=1).clip(0, 3))

    def evidence_at(slot: int) -> list[pl.Series]:
        here1, here2 = slot1 == slot, slot2 == slot
        return [
            bank.evidence_leads.gather(np.where(here1, lead_id, bank.evidence_leads.none_id)),
            bank.mixed_evidence.gather(np.where(here1, batch.mixed_id, bank.mixed_evidence.none_id)),
            bank.evidence.gather(np.where(here1, batch.ev1_id, bank.evidence.none_id)),
            bank.evidence.gather(np.where(here2, batch.ev2_id, bank.evidence.none_id)),
        ]

    # Ask once and thank once: no short closing beside the complaint's own request or a polite formula.
    closing_request = pl.select(pl.when(own_request.is_null() & polite.is_null()).then(closing_request)).to_series()
    head = [salutation, opening, repeat_opening, preamble, *evidence_at(0), intro, home, *evidence_at(1)]
    tail = [*evidence_at(2), bank.plain.gather(batch.plain_id), specific_background, *evidence_at(3), own_request,
            detail, extra_detail, address, pii, closing_thanks, closing_request, polite, signoff]
    # What happened: general remarks and stories, added in this order of preference until the letter
    # reaches the length its writer would give it (notes get none).
    fillers = [common_backgrounds[0], common_backgrounds[1], stories[0], common_backgrounds[2], stories[1],
               common_backgrounds[3]]
    aim = sc.LETTER_TARGET_MEDIAN * np.exp(sc.LETTER_TARGET_SIGMA * text_rng.standard_normal(n))
    target = np.where(letter, np.clip(aim, sc.LETTER_TARGET_MIN, sc.LETTER_TARGET_MAX), 0)
    length = _lengths(head + tail)
    for k, filler in enumerate(fillers):
        size = _lengths([filler])
        wanted = letter & ((length < sc.LETTER_TARGET_MIN) | (length + size // 2 < target))  # the nearest length
        length = length + np.where(wanted, size, 0)
        fillers[k] = pl.select(pl.when(pl.Series(wanted)).then(filler)).to_series()
    parts = head + fillers + tail
    latin = batch.langvar == 4
    return compose_texts(parts, place, pii_text, latin, lowercase)
