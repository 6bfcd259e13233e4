"""Decision-matrix maths on plain data: weighted sum, ranking, weight stability (METHOD.md §5-§6).

These functions take any matrix (a pandas DataFrame, alternatives × criteria, scores 0..100)
and weights, so an analyst can run them on their own data and check them against published
worked examples. The engagement's scorecard calls them; they know nothing of CRMs.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from functools import cmp_to_key

import numpy as np
import pandas as pd

from ..model.schema import Weights

#: totals (and fits) closer than this are tied and go to the tie-break (METHOD.md §9)
TIE = 1e-9

#: weights as any of: a mapping criterion -> weight, a pandas Series, the engagement's `Weights`
WeightsLike = Mapping[str, float] | pd.Series | Weights


def normalise_weights(weights: WeightsLike, criteria: Sequence[str]) -> pd.Series:
    """Weights over `criteria` scaled to sum to 1; a criterion not named weighs 0 (§9)."""
    given = pd.Series(dict(weights.items()), dtype=float)
    unknown = [c for c in given.index if c not in criteria]
    if unknown:
        raise ValueError(f"weights name criteria the matrix lacks: {', '.join(map(str, unknown))}")
    w = given.reindex(list(criteria)).fillna(0.0)
    if (w < 0).any():
        raise ValueError("weights must be >= 0")
    total = float(w.sum())
    if total <= 0:
        raise ValueError("weights sum to 0: give at least one weight > 0")
    return w / total


def weighted_sum(matrix: pd.DataFrame, weights: WeightsLike) -> pd.Series:
    """total_v = Σ_c Ŵ_c · x_vc with Ŵ the normalised weights (METHOD.md §5)."""
    w = normalise_weights(weights, list(matrix.columns))
    return pd.Series(matrix.to_numpy(dtype=float) @ w.to_numpy(), index=matrix.index, name="total")


def _tie_key(matrix: pd.DataFrame, tie_break: str | None) -> np.ndarray | None:
    if tie_break is None:
        tie_break = "fit" if "fit" in matrix.columns else None
    if tie_break is None:
        return None
    return matrix[tie_break].to_numpy(dtype=float)


def compare(total_a: float, total_b: float, tie_a: float, tie_b: float, label_a: str, label_b: str) -> int:
    """-1 when a ranks above b under §5 (total descending, within 1e-9 the tie-break column
    descending, then label ascending), 1 when below, 0 for the same label."""
    d = total_a - total_b
    if abs(d) > TIE:
        return -1 if d > 0 else 1
    d = tie_a - tie_b
    if abs(d) > TIE:
        return -1 if d > 0 else 1
    return -1 if label_a < label_b else (1 if label_a > label_b else 0)


def _ordering(totals: np.ndarray, tie: np.ndarray | None, labels: Sequence[str]) -> list[int]:
    """Positions in rank order: total descending, then the tie-break column, then label ascending."""
    key = np.zeros(len(totals)) if tie is None else tie

    def cmp(a: int, b: int) -> int:
        return compare(float(totals[a]), float(totals[b]), float(key[a]), float(key[b]), labels[a], labels[b])

    return sorted(range(len(totals)), key=cmp_to_key(cmp))


def rank_order(totals: pd.Series, *, tie_break: pd.Series | None = None) -> list[Hashable]:
    """Labels of `totals` in rank order (§5): total descending, ties within 1e-9 by
    `tie_break` descending (fit for an engagement), then by label ascending."""
    labels = [str(x) for x in totals.index]
    tie = None if tie_break is None else tie_break.reindex(totals.index).to_numpy(dtype=float)
    order = _ordering(totals.to_numpy(dtype=float), tie, labels)
    return [totals.index[i] for i in order]


def rank(matrix: pd.DataFrame, weights: WeightsLike, *, tie_break: str | None = None) -> pd.Series:
    """Rank (1 = best) of every alternative under `weights`; ties as §5 (column `fit` if present)."""
    totals = weighted_sum(matrix, weights)
    tie = _tie_key(matrix, tie_break)
    order = _ordering(totals.to_numpy(), tie, [str(x) for x in matrix.index])
    ranks = np.empty(len(order), dtype=int)
    ranks[order] = np.arange(1, len(order) + 1)
    return pd.Series(ranks, index=matrix.index, name="rank")


def sample_ranks(totals: np.ndarray, tie: np.ndarray | None, labels: Sequence[str]) -> np.ndarray:
    """Rank positions (0 = first) of each alternative in each row of `totals` (samples × alternatives).

    A row-wise argsort does the work; rows holding a near-tie (within 1e-9) are re-ordered
    with the exact §5 tie-break, so sampled rankings follow the same rule as the scorecard.
    `totals` may hold -inf for an alternative that takes no rank in that sample.
    """
    n, m = totals.shape
    # label order breaks exact ties in argsort: sort columns by label first
    by_label = np.argsort(np.array(labels, dtype=object), kind="stable")
    t = totals[:, by_label]
    order = by_label[np.argsort(-t, axis=1, kind="stable")]
    sorted_totals = np.take_along_axis(totals, order, axis=1)
    finite = np.isfinite(sorted_totals)
    with np.errstate(invalid="ignore"):  # -inf - -inf for alternatives out of a sample
        gaps = np.abs(np.diff(sorted_totals, axis=1)) <= TIE
    gaps &= finite[:, 1:] & finite[:, :-1]
    suspect = np.flatnonzero(gaps.any(axis=1))
    for row in suspect:
        keep = [i for i in range(m) if np.isfinite(totals[row, i])]
        tie_row = None if tie is None else (tie[row] if tie.ndim == 2 else tie)
        sub_tie = None if tie_row is None else tie_row[keep]
        sub = _ordering(totals[row, keep], sub_tie, [labels[i] for i in keep])
        rest = [i for i in range(m) if not np.isfinite(totals[row, i])]
        order[row] = [keep[i] for i in sub] + rest
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(m)[None, :].repeat(n, axis=0), axis=1)
    return ranks


def weight_stability(matrix: pd.DataFrame, weights: WeightsLike, *, tie_break: str | None = None) -> pd.DataFrame:
    """For each criterion c, the closed interval of its weight Ŵ_c over which the current leader
    stays first, the other weights rescaled in proportion (METHOD.md §6).

    With Ŵ_k(t) = Ŵ_k (1 − t) / (1 − Ŵ_c) for k ≠ c (equal shares of 1 − t when Ŵ_c = 1), each
    total is linear in t: total_v(t) = b_v + t (x_vc − b_v). Against each rival u the leader's
    margin α + βt is ≥ 0 on a half-line ending at t = −α/β; the interval is the intersection of
    those half-lines with [0, 1]. A rival with β = 0 sets no end. Returns one row per criterion:
    `weight`, `low`, `high`, `leader`, and the rival that takes first place at each end
    (`low_rival`, `high_rival`; None where the end is 0 or 1 with no tie).
    """
    crit = list(matrix.columns)
    w = normalise_weights(weights, crit).to_numpy()
    x = matrix.to_numpy(dtype=float)
    labels = [str(v) for v in matrix.index]
    tie = _tie_key(matrix, tie_break)
    leader = _ordering(x @ w, tie, labels)[0]
    rows = []
    for c, name in enumerate(crit):
        others = np.arange(len(crit)) != c
        if w[c] >= 1.0 - 1e-15:
            share = np.where(others, 1.0 / max(len(crit) - 1, 1), 0.0)
        else:
            share = np.where(others, w / (1.0 - w[c]), 0.0)
        b = x @ share  # totals at t = 0
        slope = x[:, c] - b  # total_v(t) = b_v + t * slope_v
        alpha = b[leader] - b
        beta = slope[leader] - slope
        low, high, low_rival, high_rival = 0.0, 1.0, None, None
        for u in range(len(labels)):
            if u == leader or abs(beta[u]) <= 1e-15:
                continue
            t_end = -alpha[u] / beta[u]
            if beta[u] > 0 and t_end > low:  # margin grows with t: the leader needs t >= t_end
                low, low_rival = min(t_end, w[c]), matrix.index[u]
            elif beta[u] < 0 and t_end < high:
                high, high_rival = max(t_end, w[c]), matrix.index[u]
        rows.append(
            {
                "criterion": name,
                "weight": float(w[c]),
                "low": float(low),
                "high": float(high),
                "leader": matrix.index[leader],
                "low_rival": low_rival,
                "high_rival": high_rival,
            }
        )
    return pd.DataFrame(rows).set_index("criterion")


def sample_weights(
    rng: np.random.Generator, n: int, *, mode: str, weights: np.ndarray, kappa: float = 100.0
) -> np.ndarray:
    """n weight vectors: uniform on the simplex, or Dirichlet(κ·Ŵ) around Ŵ (a zero weight stays 0)."""
    if mode == "uniform":
        g = rng.standard_exponential((n, len(weights)))  # Dirichlet(1, ..., 1)
    elif mode == "around":
        if kappa <= 0:
            raise ValueError("kappa must be > 0")
        g = np.zeros((n, len(weights)))
        pos = weights > 0
        g[:, pos] = rng.standard_gamma(kappa * weights[pos], size=(n, int(pos.sum())))
    else:
        raise ValueError(f"mode must be 'uniform' or 'around' (got {mode!r})")
    drawn: np.ndarray = g / g.sum(axis=1, keepdims=True)
    return drawn


def acceptability_tables(
    ranks: np.ndarray,
    weights: np.ndarray,
    labels: Sequence[Hashable] | pd.Index,
    criteria: Sequence[str],
    *,
    excluded: np.ndarray | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank acceptability (share of samples at each rank, plus `excluded`) and central weights.

    `ranks` holds 0-based positions; a position >= the number of alternatives ranked in that
    sample never occurs because excluded alternatives are marked in `excluded` instead.
    """
    n, m = ranks.shape
    counts = np.zeros((m, m + 1))
    for v in range(m):
        r = ranks[:, v]
        if excluded is not None:
            r = np.where(excluded[:, v], m, r)
        counts[v] = np.bincount(r, minlength=m + 1)
    acc = pd.DataFrame(counts / n, index=list(labels), columns=[*range(1, m + 1), "excluded"])
    if excluded is None:
        acc = acc.drop(columns="excluded")
    central = []
    for v in range(m):
        first = ranks[:, v] == 0
        if excluded is not None:
            first &= ~excluded[:, v]
        central.append(weights[first].mean(axis=0) if first.any() else np.full(len(criteria), np.nan))
    return acc, pd.DataFrame(central, index=list(labels), columns=list(criteria))


def rank_acceptability(
    matrix: pd.DataFrame,
    *,
    samples: int = 10_000,
    seed: int = 0,
    mode: str = "uniform",
    weights: WeightsLike | None = None,
    kappa: float = 100.0,
    tie_break: str | None = None,
) -> dict[str, pd.DataFrame | pd.Series]:
    """SMAA-2 rank acceptability of each alternative (METHOD.md §6).

    Draws `samples` weight vectors (uniform on the simplex, or Dirichlet(κ·Ŵ) around `weights`),
    ranks the alternatives under each, and returns a dict with `acceptability` (DataFrame,
    alternatives × rank 1..m, each row summing to 1), `first_rank` (Series) and
    `central_weights` (DataFrame: mean weights of the samples an alternative wins; NaN if it
    never does). The same seed gives the same result.
    """
    if samples < 1:
        raise ValueError("samples must be >= 1")
    crit = list(matrix.columns)
    w0 = None if weights is None else normalise_weights(weights, crit).to_numpy()
    if mode == "around" and w0 is None:
        raise ValueError("mode 'around' needs weights")
    rng = np.random.default_rng(seed)
    w = sample_weights(rng, samples, mode=mode, weights=w0 if w0 is not None else np.ones(len(crit)), kappa=kappa)
    x = matrix.to_numpy(dtype=float)
    totals = w @ x.T
    tie = _tie_key(matrix, tie_break)
    ranks = sample_ranks(totals, tie, [str(v) for v in matrix.index])
    acc, central = acceptability_tables(ranks, w, matrix.index, crit)
    return {"acceptability": acc, "first_rank": acc[1].rename("first_rank"), "central_weights": central}
