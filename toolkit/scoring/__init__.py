"""Scoring: the four criteria, the ranking and its robustness (METHOD.md §3-§6).

`score(engagement)` returns a `Scorecard`; `weight_stability` and `rank_acceptability` work
on any plain decision matrix.
"""

from ._mcda import rank, rank_acceptability, weight_stability, weighted_sum
from ._robustness import Sensitivity, sensitivity
from ._scorecard import MustGap, Scorecard, score
from ._tco import Tco, TcoYear, vendor_tco

__all__ = [
    "MustGap",
    "Scorecard",
    "Sensitivity",
    "Tco",
    "TcoYear",
    "rank",
    "rank_acceptability",
    "score",
    "sensitivity",
    "vendor_tco",
    "weight_stability",
    "weighted_sum",
]
