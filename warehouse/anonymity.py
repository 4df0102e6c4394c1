"""Complementary cell suppression: hiding small groups so that no published figure lets anyone
work them out again.

Hiding a group of fewer than ``k`` raters (primary suppression) is not enough when its totals
are published too: "others" minus every visible rater group is the hidden manager, the agency
minus its visible units is the hidden unit, and rater counts subtract the same way. So every
additive relation between published figures (a total and its parts) is checked, and more cells
are hidden until none of them gives a hidden cell away:

1. in each relation a lone hidden member is derivable (total minus the others), so one more
   member is hidden: the cheapest shown part (see ``_hide_cheapest``), or the total when no
   part is left;
2. hidden parts taken together must still be ``k`` raters when the total is shown, or their
   pooled figure is a small group's figure; parts that share raters (the items of one area) pool
   to their largest part, disjoint parts (rater groups, units) to their sum;
3. relations chain (a unit's "others" and the agency's column share cells), which the two local
   rules do not fully cover, so the result is audited exactly: a hidden cell is derivable when
   it lies in the row space of the relations restricted to hidden cells (every solution of the
   visible system gives it the same value). Any derivable hidden cell (a complement that can be
   worked out protects nothing) gets one more complement, a shown cell its derivation reads,
   and the audit repeats, until none is.

The same pattern hides the score, the rater count, the answer count and the spread of a cell:
sums and counts are additive over these relations, and sums of squares over some of them (not
across items), so a pattern no derivation breaks for sums and counts holds for the spread too.

Limits: the audit is of linear equations; bounds (scores lie in 1..5, counts are at least 1) can
still narrow a hidden value to an interval, which is the accepted residue of this method.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Hashable, Iterable

import numpy as np

Key = Hashable
PRIMARY, COMPLEMENTARY = "primary", "complementary"
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Relation:
    """``scale * total == sum(parts)`` between published (or unpublished) cells. ``shared`` says
    the parts are answered by the same raters (items of one area), not disjoint groups."""
    total: Key
    parts: tuple[Key, ...]
    scale: float = 1.0
    shared: bool = False

    @property
    def members(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


@dataclass
class Table:
    """The cells of one independent block (no relation crosses blocks) and their relations.
    ``raters``: distinct raters per cell; ``exempt``: never hidden (a self-rating is the rated
    person's own); ``unpublished``: cells no table shows (answers without a unit), which are
    hidden by nature and protect others like any hidden cell; ``worth``: how much a reader loses
    when a cell is hidden (0 if absent); complements go to the least worth first."""
    raters: dict[Key, int]
    relations: list[Relation]
    exempt: frozenset = frozenset()
    unpublished: frozenset = frozenset()
    worth: dict = field(default_factory=dict)


def suppress(table: Table, k: int) -> dict[Key, str]:
    """Why each hidden cell is hidden (primary or complementary); cells absent are shown."""
    hidden = {c: PRIMARY for c, n in table.raters.items() if n < k and c not in table.exempt}
    hidden.update({c: COMPLEMENTARY for c in table.unpublished if c not in hidden})
    relations = sorted((r for r in table.relations if all(m in table.raters for m in r.members)), key=_canonical)
    by_cell: dict[Key, list[Relation]] = defaultdict(list)
    for relation in relations:
        for member in set(relation.members):
            by_cell[member].append(relation)
    pending = relations
    while True:
        _apply_local_rules(table, by_cell, hidden, k, pending)
        leaked = _derivable(relations, hidden, _protected(table, hidden, k))
        added = leaked and _break_derivation(table, relations, by_cell, hidden, sorted(leaked, key=repr)[0], k)
        if not added:
            # (when a derivation reads no shown cell, nothing near it is published)
            return {c: why for c, why in hidden.items() if c not in table.unpublished}
        pending = by_cell[added]


def _canonical(relation: Relation) -> tuple:
    """Relations are walked in this order, not the caller's: the same cells given in another order
    (a group-by's rows come in any order) must get the same complements."""
    return repr(relation.total), sorted(map(repr, relation.parts)), relation.scale, relation.shared


def _protected(table: Table, hidden: dict[Key, str], k: int) -> set[Key]:
    """Every hidden cell must stay underivable (a complement that can be worked out protects
    nothing), except unpublished cells of k raters or more, which are not secret."""
    return {c for c in hidden if not (c in table.unpublished and table.raters[c] >= k)}


def _apply_local_rules(table: Table, by_cell: dict, hidden: dict[Key, str], k: int,
                       pending: Iterable[Relation]) -> None:
    """Rules 1 and 2 until they hold everywhere, rechecking only the relations of cells just hidden."""
    queue, queued = deque(pending), set(pending)
    while queue:
        relation = queue.popleft()
        queued.discard(relation)
        if not _needs_complement(table, relation, hidden, k):
            continue
        cell = _hide_cheapest(table, relation.parts, by_cell, hidden) \
            or _hide_cheapest(table, (relation.total,), by_cell, hidden)
        if cell is not None:
            for again in (relation, *by_cell[cell]):
                if again not in queued:
                    queue.append(again)
                    queued.add(again)


def _needs_complement(table: Table, relation: Relation, hidden: dict[Key, str], k: int) -> bool:
    hidden_members = [m for m in relation.members if m in hidden]
    if len(hidden_members) == 1:
        lone = hidden_members[0]
        return not (lone in table.unpublished and table.raters[lone] >= k)
    hidden_parts = [table.raters[p] for p in relation.parts if p in hidden]
    if not hidden_parts or relation.total in hidden:
        return False
    pooled = max(hidden_parts) if relation.shared else sum(hidden_parts)
    return pooled < k


def _hide_cheapest(table: Table, candidates, by_cell: dict, hidden: dict[Key, str]) -> Key | None:
    """Hide the shown candidate that costs least and return it; None when none is left. The cost:
    its worth to readers; then the other relations it would leave with a lone hidden cell (each
    needing yet another complement) minus those it completes, so that in a table of units by
    rater groups whole columns go, the cheapest pattern, not a scatter that cascades; then its
    raters (the least information lost)."""
    shown = [c for c in candidates if c not in hidden and c not in table.exempt]
    if not shown:
        return None
    cell = min(shown, key=lambda c: _cost(c, by_cell, hidden, table))
    hidden[cell] = COMPLEMENTARY
    return cell


def _cost(cell: Key, by_cell: dict, hidden: dict[Key, str], table: Table) -> tuple:
    hidden_counts = [sum(m in hidden for m in set(r.members)) for r in by_cell[cell]]
    return (table.worth.get(cell, 0), hidden_counts.count(0) - hidden_counts.count(1), table.raters[cell],
            repr(cell))


def _break_derivation(table: Table, relations: list[Relation], by_cell: dict, hidden: dict[Key, str],
                      leaked: Key, k: int) -> Key | None:
    """Hide one shown cell the derivation of a leaked cell uses (the cheapest in the end), so that this
    derivation no longer works; the audit then looks for another. The derivation is a weighted
    sum of relations that leaves the leaked cell as the only hidden one; the shown cells with a
    non-zero weight in it are the ones it reads."""
    used = [c for c in _cells_read(relations, set(hidden), leaked) if c not in table.exempt]
    if not used:
        return None
    cell = min(used, key=lambda c: _loss_if_hidden(table, by_cell, hidden, c, k))
    hidden[cell] = COMPLEMENTARY
    return cell


def _loss_if_hidden(table: Table, by_cell: dict, hidden: dict[Key, str], cell: Key, k: int) -> tuple:
    """What hiding the cell costs once the local rules have followed it: the cells it drags along
    (hiding an item's count hides its area's, which hides the area's other items...), by worth."""
    trial = {**hidden, cell: COMPLEMENTARY}
    _apply_local_rules(table, by_cell, trial, k, by_cell[cell])
    dragged = set(trial) - set(hidden)
    return (sum(1 + table.worth.get(c, 0) for c in dragged), repr(cell))


def _cells_read(relations: list[Relation], unknown: set[Key], target: Key) -> list[Key]:
    """Only the relations joined to the target through hidden cells can take part."""
    touching = [r for r in relations if any(m in unknown for m in r.members)]
    groups = _components([{m: 1.0 for m in r.members if m in unknown} for r in touching])
    mine = next(g for g in groups if any(target in row for _, row in g))
    rows = [_coefficients(touching[i]) for i, _ in mine]
    cells = sorted({c for row in rows for c in row}, key=repr)
    index = {c: i for i, c in enumerate(cells)}
    matrix = np.zeros((len(rows), len(cells)))
    for i, row in enumerate(rows):
        for c, v in row.items():
            matrix[i, index[c]] += v
    hidden_columns = [index[c] for c in cells if c in unknown]
    goal = np.zeros(len(hidden_columns))
    goal[hidden_columns.index(index[target])] = 1.0
    weights, *_ = np.linalg.lstsq(matrix[:, hidden_columns].T, goal, rcond=None)
    combined = weights @ matrix
    return [c for c in cells if c not in unknown and abs(combined[index[c]]) > 1e-7]


def _coefficients(relation: Relation) -> dict[Key, float]:
    coefficients = {relation.total: relation.scale}
    for part in relation.parts:
        coefficients[part] = coefficients.get(part, 0.0) - 1.0
    return coefficients


def _derivable(relations: Iterable[Relation], hidden: dict[Key, str], sensitive: set[Key]) -> set[Key]:
    """The protected cells whose value the shown cells determine (exact, by linear algebra)."""
    return {c for c in determined(relations, set(hidden)) if c in sensitive}


def determined(relations: Iterable[Relation], unknown: set[Key]) -> set[Key]:
    """Unknown cells fixed by the relations once every other cell is known: those whose unit
    vector lies in the row space of the relations restricted to the unknowns (every null-space
    vector is zero there)."""
    rows = []
    for relation in relations:
        touched = {c: v for c, v in _coefficients(relation).items() if c in unknown and v != 0}
        if touched:
            rows.append(touched)
    found: set[Key] = set()
    for group in _components(rows):
        component = [row for _, row in group]
        cells = sorted({c for row in component for c in row}, key=repr)
        index = {c: i for i, c in enumerate(cells)}
        matrix = np.zeros((len(component), len(cells)))
        for i, row in enumerate(component):
            for c, v in row.items():
                matrix[i, index[c]] = v
        found |= {cells[j] for j in _fixed_columns(matrix)}
    return found


def _fixed_columns(matrix: np.ndarray) -> list[int]:
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > _TOLERANCE * max(matrix.shape) * (singular[0] if singular.size else 0)).sum())
    null_space = vt[rank:]
    if null_space.shape[0] == 0:
        return list(range(matrix.shape[1]))
    return [j for j in range(matrix.shape[1]) if np.abs(null_space[:, j]).max() < 1e-7]


def _components(rows: list[dict]) -> list[list[tuple[int, dict]]]:
    """Rows (numbered) grouped by the unknowns they share, so each block is solved on its own."""
    parent: dict[Key, Key] = {}

    def find(c: Key) -> Key:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for row in rows:
        first, *rest = row
        for c in rest:
            parent[find(c)] = find(first)
    grouped: dict[Key, list] = defaultdict(list)
    for i, row in enumerate(rows):
        grouped[find(next(iter(row)))].append((i, row))
    return list(grouped.values())
