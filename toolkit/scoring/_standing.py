"""Where each vendor stands: the scoring inputs at array level, scored again the way `score()`
scores them (METHOD.md §4-§5), so that "what would it take" can change one input and see the
ranking that results.

`Standing` holds what a change can touch (ratings, TCO, weights) and what it cannot (the
integration and viability criteria as scored); `scored(standing)` gives the criteria, totals,
exclusions and the ranking with the same functions `score()` uses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from ..model._vocabulary import CRITERIA
from ._criteria import fit_scores, knocked_out, tco_scores
from ._mcda import _ordering

if TYPE_CHECKING:
    from ._scorecard import Scorecard

FIT, INTEGRATION, TCO, VIABILITY = (CRITERIA.index(c) for c in ("fit", "integration", "tco", "viability"))


@dataclass(frozen=True)
class Standing:
    """The inputs of one engagement's ranking, vendors in the scorecard's order."""

    vendors: tuple[str, ...]
    ratings: np.ndarray  # vendors × requirements graded must or could, 0..3
    g_req: np.ndarray  # each requirement's grade weight
    must_req: np.ndarray  # each requirement graded must
    capabilities: tuple[str, ...]  # the capability each requirement names
    requirements: tuple[str, ...]  # requirement ids
    integration: np.ndarray  # the integration criterion as scored, 0..100
    viability: np.ndarray  # the viability criterion as scored, 0..100
    tco_total: np.ndarray  # each vendor's TCO over the horizon
    int_knockout: np.ndarray  # the vendor does not support a must integration at all
    weights: np.ndarray  # fit, integration, tco, viability; normalised
    knockout: str = "exclude"  # exclude | flag | ignore
    grade_knockout: np.ndarray | None = None  # a must-have rests on evidence below must_min_grade: no rating lifts it

    def with_tco(self, vendor: int, value: float) -> Standing:
        tco = self.tco_total.astype(float)
        tco[vendor] = value
        return replace(self, tco_total=tco)

    def with_ratings(self, vendor: int, row: np.ndarray) -> Standing:
        ratings = self.ratings.astype(float)
        ratings[vendor] = row
        return replace(self, ratings=ratings)

    def with_weights(self, weights: np.ndarray) -> Standing:
        return replace(self, weights=np.asarray(weights, dtype=float))


@dataclass(frozen=True)
class Scored:
    """A standing scored: criteria (vendors × 4), totals, exclusions, the ranked vendors in order."""

    criteria: np.ndarray
    total: np.ndarray
    excluded: np.ndarray
    order: tuple[int, ...]  # positions of the ranked vendors, first first

    @property
    def leader(self) -> int | None:
        return self.order[0] if self.order else None


def scored(st: Standing) -> Scored:
    """The criteria, totals and ranking of `st`, as `score()` computes them (METHOD.md §4-§5, §9)."""
    n = len(st.vendors)
    fit = fit_scores(st.ratings, st.g_req)
    out = knocked_out(st.ratings[:, st.must_req], np.zeros((n, 0))) | st.int_knockout
    if st.grade_knockout is not None:
        out = out | st.grade_knockout
    excluded = out if st.knockout == "exclude" else np.zeros(n, dtype=bool)
    if np.isfinite(st.tco_total).all():
        tco = tco_scores(st.tco_total, ~excluded)
    else:  # a preliminary scorecard: TCO counts in no total (its weight is 0), so here it is 0 for all
        tco = np.zeros(n)
    criteria = np.column_stack([fit, st.integration, tco, st.viability])
    total = criteria @ st.weights
    order = tuple(i for i in _ordering(total, fit, st.vendors) if not excluded[i])
    return Scored(criteria, total, excluded, order)


def standing(card: Scorecard) -> Standing:
    """The scorecard's inputs (its `arrays`, criteria and weights) as a `Standing`."""
    arrays = card.arrays
    vendors = tuple(arrays["vendors"])
    n_req = len(arrays["g_req"])
    head = card.ratings.iloc[:n_req]  # the first vendor's rows: every requirement once, in order
    support, must_int = arrays["support"], arrays["must_int"]
    int_knockout = (support[:, must_int] == 0).any(axis=1) if must_int.any() else np.zeros(len(vendors), bool)
    return Standing(
        vendors=vendors,
        ratings=np.asarray(arrays["ratings"], dtype=float),
        g_req=np.asarray(arrays["g_req"], dtype=float),
        must_req=np.asarray(arrays["must_req"], dtype=bool),
        capabilities=tuple(str(c) for c in head["capability"]),
        requirements=tuple(str(r) for r in head["id"]),
        integration=card.criteria["integration"].to_numpy(dtype=float),
        viability=card.criteria["viability"].to_numpy(dtype=float),
        tco_total=np.asarray(arrays["tco_total"], dtype=float),
        int_knockout=int_knockout,
        grade_knockout=np.asarray(arrays.get("grade_gap", np.zeros(len(vendors), bool)), dtype=bool),
        weights=np.array([float(card.weights[c]) for c in CRITERIA]),
        knockout=str(arrays["knockout"]),
    )
