"""Synthetic applicants: IIN-like identifiers and the demographics that follow from them.

An applicant is a key (region, index in the region's pool). Its 12-digit identifier is built like a
Kazakh IIN (birth date YYMMDD, a century-and-sex digit, a 4-digit serial and the official check
digit) from a hash of the key, and every attribute is a function of that identifier, so a person who
writes several appeals always has the same age band, sex, disability and rural flags. The numbers
are random: any resemblance to a real person's IIN is chance, and they are not personal data.
"""

from __future__ import annotations

import numpy as np

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)

AGE_BANDS = ("18-29", "30-44", "45-59", "60+")
AGE_BAND_SHARES = (0.20, 0.36, 0.26, 0.18)
AGE_BAND_LIMITS = ((18, 30), (30, 45), (45, 60), (60, 86))
FEMALE_SHARE = 0.54
BLANK_AGE_SHARE = 0.07
BLANK_SEX_SHARE = 0.05
BLANK_DISABILITY_SHARE = 0.30
DISABILITY_SHARE = 0.05
DISABILITY_SHARE_60_PLUS = 0.12

_WEIGHTS_1 = np.arange(1, 12, dtype=np.int64)
_WEIGHTS_2 = np.array([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2], dtype=np.int64)


def splitmix64(x: np.ndarray) -> np.ndarray:
    """A fast, well-mixed 64-bit hash (SplitMix64 finaliser), vectorised over uint64 arrays."""
    with np.errstate(over="ignore"):
        z = (x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)) & _MASK64
        z = ((z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)) & _MASK64
        z = ((z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)) & _MASK64
        return z ^ (z >> np.uint64(31))


def unit_floats(h: np.ndarray, salt: int) -> np.ndarray:
    """Uniform [0, 1) floats derived from a hash and a salt (one independent stream per salt)."""
    return (splitmix64(h ^ np.uint64(salt)) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def applicant_hash(seed: int, region_index: np.ndarray, local_index: np.ndarray) -> np.ndarray:
    key = (region_index.astype(np.uint64) << np.uint64(40)) | local_index.astype(np.uint64)
    return splitmix64(key ^ splitmix64(np.array([seed], dtype=np.uint64))[0])


def _check_digit(digits: np.ndarray) -> np.ndarray:
    """Official IIN control digit for 11-digit rows; 10 means the serial must change."""
    first = (digits @ _WEIGHTS_1) % 11
    second = (digits @ _WEIGHTS_2) % 11
    return np.where(first == 10, second, first)


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (values[:, None] // powers) % 10


def iin_from_hash(h: np.ndarray, reference_day: int) -> np.ndarray:
    """12-digit IIN-like numbers (int64) for applicant hashes: born 18-85 years before the
    reference day, with the century/sex digit and a valid check digit."""
    band = np.searchsorted(np.cumsum(AGE_BAND_SHARES), unit_floats(h, 1), side="right")
    band = np.minimum(band, 3)
    low = np.array([lim[0] for lim in AGE_BAND_LIMITS])[band]
    high = np.array([lim[1] for lim in AGE_BAND_LIMITS])[band]
    age_days = ((low + (high - low) * unit_floats(h, 2)) * 365.25).astype(np.int64)
    birth = np.array(reference_day - age_days, dtype="datetime64[D]")
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    month = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    female = unit_floats(h, 3) < FEMALE_SHARE
    century_sex = np.where(year >= 2000, 5, 3) + female.astype(np.int64)
    serial = (unit_floats(h, 4) * 10000).astype(np.int64)
    head = ((year % 100) * 10000 + month * 100 + day) * 10 + century_sex
    for _ in range(20):
        digits = np.concatenate([_digits(head, 7), _digits(serial, 4)], axis=1)
        check = _check_digit(digits)
        bad = check == 10
        if not bad.any():
            break
        serial = np.where(bad, (serial + 1) % 10000, serial)
    return (head * 10000 + serial) * 10 + check


def birth_from_iin(iin: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(birth day number, is_female) decoded from IIN-like numbers."""
    yymmdd = iin // 1_000_000
    century_sex = (iin // 100_000) % 10
    century = np.where(century_sex >= 5, 2000, 1900)
    year = century + yymmdd // 10000
    month = (yymmdd // 100) % 100
    day = yymmdd % 100
    months = (year - 1970) * 12 + (month - 1)
    first = np.array(months, dtype="datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return first + day - 1, century_sex % 2 == 0


def age_band_index(iin: np.ndarray, on_day: np.ndarray) -> np.ndarray:
    """Index into AGE_BANDS of the applicant's age on the given day (adults only)."""
    birth, _ = birth_from_iin(iin)
    age = (on_day - birth) / 365.25
    return np.clip(np.searchsorted([30, 45, 60], age, side="right"), 0, 3)


def demographics(iin: np.ndarray, on_day: np.ndarray, rural_share: np.ndarray) -> dict[str, np.ndarray]:
    """Age band, sex, disability and rural flags as small integer codes (-1 = blank), all
    functions of the identifier so that they are stable across a person's appeals."""
    h = splitmix64(iin.astype(np.uint64))
    band = age_band_index(iin, on_day)
    _, female = birth_from_iin(iin)
    p_disabled = np.where(band == 3, DISABILITY_SHARE_60_PLUS, DISABILITY_SHARE)
    disability = (unit_floats(h, 11) < p_disabled).astype(np.int64)
    return {
        "age_band": np.where(unit_floats(h, 12) < BLANK_AGE_SHARE, -1, band),
        "sex": np.where(unit_floats(h, 13) < BLANK_SEX_SHARE, -1, female.astype(np.int64)),
        "disability": np.where(unit_floats(h, 14) < BLANK_DISABILITY_SHARE, -1, disability),
        "disabled_or_elderly": (disability == 1) | (band == 3),
        "rural": (unit_floats(h, 15) < rural_share).astype(np.int64),
    }

