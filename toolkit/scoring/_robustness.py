"""How far an engagement's ranking can be trusted (METHOD.md §6, §9).

`sensitivity(scorecard)` runs the weight-stability intervals and SMAA rank acceptability on
the ranked vendors, and, with `uncertainty="ratings"`, also redraws in each sample every rating
the engagement has not confirmed, as far as the grade and age of its evidence allow (`_spread`:
marketing furthest, a stale source one level further), recomputing fit, knockouts and the TCO
bar before ranking.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..files._sheets import at
from ..model.schema import CRITERIA
from ._criteria import tco_scores
from ._mcda import acceptability_tables, sample_ranks, sample_weights, weight_stability
from ._scorecard import Scorecard
from ._spread import GRADE_LEVEL, grade_levels, redraw, spread_levels

CHUNK = 1000  # samples per block: bounds memory (1000 × unverified ratings, int8) and drives progress


@dataclass(frozen=True)
class Sensitivity:
    """Rank acceptability, central weights and stability intervals of one scorecard."""

    samples: int
    seed: int
    mode: str
    kappa: float
    uncertainty: str  # none | ratings
    acceptability: pd.DataFrame  # vendors × rank 1..m (+ excluded with rating uncertainty)
    central_weights: pd.DataFrame  # vendors × criteria; NaN for a vendor that never ranks first
    stability: pd.DataFrame  # criteria × weight, low, high, leader, low_rival, high_rival
    unverified_share: float | None = None  # share of samples whose winner differs (ratings mode)
    unverified_ratings: int = 0  # ratings drawn in each sample
    as_of: dt.date | None = None  # ratings mode: the day staleness was judged on
    drawn_by_grade: dict[str, int] = field(default_factory=dict)  # ratings drawn, by evidence grade
    widened_for_age: int = 0  # of them, drawn one level wider: a stale or undated source

    @property
    def first_rank(self) -> pd.Series:
        return self.acceptability[1].rename("first_rank") if 1 in self.acceptability else pd.Series(dtype=float)

    def as_dict(self) -> dict[str, Any]:
        acc = self.acceptability
        return {
            "samples": self.samples,
            "seed": self.seed,
            "mode": self.mode,
            "kappa": self.kappa,
            "uncertainty": self.uncertainty,
            "vendors": [
                {
                    "vendor": v,
                    "first_rank": at(acc, v, 1) if 1 in acc else 0.0,
                    "acceptability": {str(k): at(acc, v, k) for k in acc.columns},
                    "central_weights": None
                    if self.central_weights.loc[v].isna().all()
                    else {c: float(x) for c, x in self.central_weights.loc[v].items()},
                }
                for v in acc.index
            ],
            "stability": [
                {
                    "criterion": c,
                    "weight": float(row["weight"]),
                    "low": float(row["low"]),
                    "high": float(row["high"]),
                    "leader": row["leader"],
                    "low_rival": None if pd.isna(row["low_rival"]) else row["low_rival"],
                    "high_rival": None if pd.isna(row["high_rival"]) else row["high_rival"],
                }
                for c, row in self.stability.iterrows()
            ],
            "unverified_share": self.unverified_share,
            "unverified_ratings": self.unverified_ratings,
            **(
                {
                    "as_of": self.as_of.isoformat() if self.as_of else None,
                    "drawn_by_grade": dict(self.drawn_by_grade),
                    "widened_for_age": self.widened_for_age,
                }
                if self.uncertainty == "ratings"
                else {}
            ),
        }


def sensitivity(
    card: Scorecard,
    *,
    samples: int = 10_000,
    seed: int = 0,
    mode: str = "uniform",
    uncertainty: str = "none",
    kappa: float = 100.0,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
) -> Sensitivity:
    """Weight stability and SMAA for an engagement's scorecard (METHOD.md §6).

    With `uncertainty="ratings"` each unconfirmed rating is redrawn at the spread its evidence
    grade gives it, one level wider when its source was published more than the engagement's
    `stale_after_months` before `today` (default: the day it runs) or gives no date
    (docs/method.md, "Rating uncertainty by evidence grade")."""
    if samples < 1:
        raise ValueError("samples must be >= 1")
    if uncertainty not in ("none", "ratings"):
        raise ValueError(f"uncertainty must be 'none' or 'ratings' (got {uncertainty!r})")
    ranked = card.ranked
    counted = list(card.counted)  # a preliminary scorecard's weights leave TCO out
    matrix = card.criteria.loc[ranked, counted]
    stability = (
        weight_stability(matrix, {c: card.weights[c] for c in counted})
        if len(ranked)
        else pd.DataFrame(columns=["weight", "low", "high", "leader", "low_rival", "high_rival"])
    )
    rng = np.random.default_rng(seed)
    w0 = np.array([card.weights[c] for c in counted])
    if mode == "around":
        drawn = sample_weights(rng, samples, mode=mode, weights=w0, kappa=kappa)
    else:
        drawn = sample_weights(rng, samples, mode=mode, weights=np.ones(len(counted)))
    weights = np.zeros((samples, len(CRITERIA)))  # every criterion's column; one that does not count stays 0
    weights[:, [CRITERIA.index(c) for c in counted]] = drawn
    if uncertainty == "none":
        ranks = np.empty((samples, len(ranked)), dtype=np.int64)
        x = matrix.to_numpy(dtype=float)
        tie = matrix["fit"].to_numpy()
        for start in range(0, samples, CHUNK):
            stop = min(samples, start + CHUNK)
            ranks[start:stop] = sample_ranks(drawn[start:stop] @ x.T, tie, ranked)
            if progress:
                progress(stop, samples)
        acc, central = acceptability_tables(ranks, weights, ranked, CRITERIA)
        return Sensitivity(samples, seed, mode, kappa, uncertainty, acc, central, stability)
    levels = spread_levels(card, today or dt.date.today())
    run = _with_rating_uncertainty(card, weights, rng, stability, seed, mode, kappa, progress, levels)
    return dataclasses.replace(run, as_of=today or dt.date.today())


def _with_rating_uncertainty(
    card: Scorecard,
    weights: np.ndarray,
    rng: np.random.Generator,
    stability: pd.DataFrame,
    seed: int,
    mode: str,
    kappa: float,
    progress: Callable[[int, int], None] | None,
    levels: np.ndarray,
) -> Sensitivity:
    a = card.arrays
    vendors = a["vendors"]
    ratings = a["ratings"]
    g, must = a["g_req"], a["must_req"]
    exclude = a["knockout"] == "exclude"
    drawn = levels > 0  # not confirmed by the engagement: redrawn in every sample
    fixed_zero = (ratings == 0) & ~drawn  # confirmed by evidence, or unrated: stays 0
    fixed_gap = (fixed_zero[:, must]).any(axis=1) | (a["support"][:, a["must_int"]] == 0).any(axis=1)
    fixed_gap |= a["grade_gap"]  # a must-have below must_min_grade stays below it in every sample
    # who takes part: every vendor that can be ranked in some sample
    part = np.flatnonzero(~fixed_gap) if exclude else np.arange(len(vendors))
    if len(part) == 0:
        part = np.arange(len(vendors))
    names = [vendors[i] for i in part]
    crit = np.nan_to_num(a["criteria"][part], nan=0.0)  # a missing TCO score weighs 0 (preliminary)
    tco_total = a["tco_total"][part]
    counts_tco = "tco" in card.counted
    scale = 100.0 / (3.0 * g.sum())
    entries = [np.flatnonzero(drawn[v]) for v in part]
    base_excl = a["excluded"][part]
    n = len(weights)
    ranks = np.empty((n, len(part)), dtype=np.int64)
    excluded = np.zeros((n, len(part)), dtype=bool)
    differs = 0
    base_totals_x = crit.copy()
    base_competing = ~base_excl
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        w = weights[start:stop]
        k = stop - start
        fit = np.repeat(crit[None, :, 0], k, axis=0)
        out = np.zeros((k, len(part)), dtype=bool)
        for j, v in enumerate(part):
            idx = entries[j]
            if idx.size:
                c = ratings[v, idx].astype(np.int8)
                new = redraw(rng, c, levels[v, idx], k)
                fit[:, j] += (new - c) @ (g[idx] * scale)
                m = must[idx]
                if exclude and m.any():
                    out[:, j] = (new[:, m] == 0).any(axis=1)
            if exclude and fixed_gap[v]:
                out[:, j] = True
        tco = tco_scores(np.broadcast_to(tco_total, (k, len(part))), ~out) if counts_tco else 0.0
        totals = w[:, 0:1] * fit + w[:, 1:2] * crit[:, 1] + w[:, 2:3] * tco + w[:, 3:4] * crit[:, 3]
        totals = np.where(out, -np.inf, totals)
        ranks[start:stop] = sample_ranks(totals, fit, names)
        excluded[start:stop] = out
        # the winner with the ratings as they stand, under the same weights
        base = w @ base_totals_x.T
        base = np.where(base_competing, base, -np.inf)
        base_winner = sample_ranks(base, crit[:, 0], names).argmin(axis=1)
        winner = ranks[start:stop].argmin(axis=1)
        none_ranked = out.all(axis=1)
        differs += int(((winner != base_winner) | none_ranked).sum())
        if progress:
            progress(stop, n)
    acc, central = acceptability_tables(ranks, weights, names, CRITERIA, excluded=excluded)
    return Sensitivity(
        n,
        seed,
        mode,
        kappa,
        "ratings",
        acc,
        central,
        stability,
        unverified_share=differs / n,
        unverified_ratings=int(drawn[part].sum()),
        drawn_by_grade=_by_grade(a["evidence_grade"][part], drawn[part]),
        widened_for_age=int((levels[part] > grade_levels(card)[part]).sum()),
    )


def _by_grade(grades: np.ndarray, drawn: np.ndarray) -> dict[str, int]:
    """How many drawn ratings rest on each grade, weakest first (grades with none left out)."""
    found = {g: int(((grades == g) & drawn).sum()) for g in GRADE_LEVEL}
    return {g: n for g, n in found.items() if n}
