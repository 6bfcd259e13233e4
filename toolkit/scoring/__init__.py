"""Scoring: the four criteria, the ranking and its robustness (METHOD.md §3-§6).

`score(engagement)` returns a `Scorecard`; `weight_stability` and `rank_acceptability` work
on any plain decision matrix; `what_it_takes(card)` says what each vendor would need to rank
first (`what_it_takes_sentences` in words).
"""

from ._mcda import rank, rank_acceptability, weight_stability, weighted_sum
from ._robustness import Sensitivity, sensitivity
from ._scorecard import MustGap, Scorecard, score
from ._takes_words import render_what_it_takes, what_it_takes_sentences
from ._tco import Tco, TcoYear, vendor_tco
from ._weight_change import WeightChange
from ._what_it_takes import RatingChange, RatingRoute, TcoBreakEven, VendorTakes, WhatItTakes, what_it_takes

__all__ = [
    "MustGap",
    "RatingChange",
    "RatingRoute",
    "Scorecard",
    "Sensitivity",
    "Tco",
    "TcoBreakEven",
    "TcoYear",
    "VendorTakes",
    "WeightChange",
    "WhatItTakes",
    "rank",
    "rank_acceptability",
    "render_what_it_takes",
    "score",
    "sensitivity",
    "vendor_tco",
    "weight_stability",
    "weighted_sum",
    "what_it_takes",
    "what_it_takes_sentences",
]
