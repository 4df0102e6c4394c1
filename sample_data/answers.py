"""The official answer each appeal receives, chosen to fit both its content and its lifecycle.

The lifecycle decides how an agency answered (in substance, formally, by a reasoned refusal, or only
with an interim note); this module turns that into wording: a complaint about staff gets the result
of a check, praise gets thanks, a question an explanation, and substantive answers and refusals
prefer wording specific to the agency's kind.
"""

from __future__ import annotations

import numpy as np

from . import scenario as sc
from .appeals import Batch, World
from .composer import ANSWER_KINDS, answer_code
from .lifecycle import Lifecycle
from .people import splitmix64, unit_floats


def answer_kinds(batch: Batch, life: Lifecycle, u: np.ndarray) -> np.ndarray:
    """Which kind of official answer fits: a substantive answer matches the content (a complaint
    about staff gets the result of a check, praise gets thanks, a proposal an acknowledgement, a
    question an explanation); formal and interim-only answers are what the lifecycle decided."""
    kind = {k: i for i, k in enumerate(ANSWER_KINDS)}
    content = np.where(batch.evidence, batch.pol1, 3)  # 0 neg, 1 pos, 2 neutral, 3 plain
    question = (content >= 2) & (batch.appeal_kind == sc.APPEAL_KINDS.index("inquiry"))
    proposal = ~question & ((content == 2) | ((content == 3) & (batch.appeal_kind == sc.APPEAL_KINDS.index("proposal"))))
    substantive = np.select([(content == 0) & (u < 0.7), content == 1, proposal, question],
                            [kind["complaint"], kind["thanks"], kind["proposal"], kind["explanation"]],
                            kind["substantive"])
    refusal = np.select([content == 1, proposal], [kind["thanks"], kind["proposal_declined"]], kind["refusal"])
    return np.choose(life.quality, [substantive, np.full_like(substantive, kind["formal"]), refusal,
                                    np.full_like(substantive, kind["interim"])])


def answer_ids(world: World, batch: Batch, life: Lifecycle) -> np.ndarray:
    """Answer sentence per appeal, preferring wording specific to the agency's kind where the bank
    has it (a land department refuses differently from a social-protection department)."""
    answers = world.bank.answers
    kinds = answer_kinds(batch, life, _stable_uniform(batch, salt=98))
    agency_slot = 1 + world.agency_kind[batch.agency]
    specific = answer_code(batch.lang3, kinds, agency_slot)
    generic = answer_code(batch.lang3, kinds, 0)
    prefer = answers.has(specific) & ((_stable_uniform(batch, salt=97) < 0.75) | ~answers.has(generic))
    ids = answers.pick(np.where(prefer, specific, generic), _stable_uniform(batch, salt=99))
    return np.where(life.answer_time() >= 0, ids, answers.none_id)


def _stable_uniform(batch: Batch, salt: int) -> np.ndarray:
    """A per-row uniform number derived from the registration time and applicant, so the choice of
    answer wording does not consume the slice's random stream."""
    return unit_floats(splitmix64(batch.reg_t.astype(np.uint64) ^ batch.iin.astype(np.uint64)), salt)
