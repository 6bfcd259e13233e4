"""The criterion weights: one shape from engagement.yaml (the engagement's and each
stakeholder's) to the chart (METHOD.md §9)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from .._vocabulary import CRITERIA
from ._common import Amount, Model


class Weights(Model):
    """The criterion weights, the one shape from engagement.yaml to the chart.

    As written: any numbers >= 0, a criterion left out weighs 0 (METHOD.md §9). `shares()` gives
    the normalised weights the total uses (sum 1); `percentages()` the whole percentages the
    sliders show and a save writes (sum exactly 100); `rebalanced()` one slider moved.
    """

    fit: Amount | None = None
    integration: Amount | None = None
    tco: Amount | None = None
    viability: Amount | None = None

    def __getitem__(self, criterion: str) -> float:
        return float(getattr(self, criterion) or 0.0)

    def items(self) -> list[tuple[str, float]]:
        """(criterion, weight) in criterion order, a left-out criterion as 0."""
        return [(c, self[c]) for c in CRITERIA]

    def named(self) -> dict[str, float]:
        """The weights the file names (None: left out)."""
        return {c: float(v) for c in CRITERIA if (v := getattr(self, c)) is not None}

    def shares(self) -> Weights:
        """Each weight over their sum: Ŵ_c, summing to 1; raises ValueError when all are 0."""
        total = sum(self[c] for c in CRITERIA)
        if total <= 0:
            raise ValueError("weights sum to 0: give at least one weight > 0")
        return Weights(**{c: self[c] / total for c in CRITERIA})

    def percentages(self) -> dict[str, int]:
        """Whole percentages summing to exactly 100 (largest remainder); equal when all are 0."""
        total = sum(self[c] for c in CRITERIA)
        if total <= 0:
            return largest_remainder({c: 100 / len(CRITERIA) for c in CRITERIA}, 100)
        return largest_remainder({c: 100 * self[c] / total for c in CRITERIA}, 100)

    def rebalanced(self, moved: str, value: int) -> dict[str, int]:
        """Whole percentages with `moved` set to `value` (0..100) and the others rescaled in
        proportion to sum 100; when the others all weigh 0 they share the rest equally (the
        rule of METHOD.md §6)."""
        shown = self.percentages()
        value = max(0, min(100, int(value)))
        others = [c for c in CRITERIA if c != moved]
        rest = 100 - value
        base = sum(shown[c] for c in others)
        split = {c: rest * shown[c] / base if base > 0 else rest / len(others) for c in others}
        return {**largest_remainder(split, rest), moved: value}


def largest_remainder(shares: Mapping[str, float], total: int) -> dict[str, int]:
    """Whole numbers summing to `total`, each the floor of its share plus one for the largest
    remainders (ties in criterion order)."""
    floors = {c: math.floor(x + 1e-9) for c, x in shares.items()}
    left = total - sum(floors.values())
    order = sorted(shares, key=lambda c: (-(shares[c] - floors[c]), CRITERIA.index(c)))
    for c in order[: max(0, left)]:
        floors[c] += 1
    return {c: floors[c] for c in CRITERIA if c in floors}


#: the weights of an engagement that names none (METHOD.md §5)
DEFAULT_WEIGHTS = Weights(fit=40, integration=20, tco=25, viability=15)
