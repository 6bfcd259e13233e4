"""The smallest change of the criterion weights that makes a vendor first (docs/method.md,
"What it would take").

Distance: the total variation ½ Σ_c |w'_c − Ŵ_c| between normalised weight vectors, the share
of the weight that moves from some criteria to others (0 nothing moves, 1 all of it); the same
distance as between stakeholders' weights. For vendor v against each ranked rival u, with
D_u = x_v − x_u its criteria less the rival's, v ranks first under w' exactly when
D_u · w' > 0 for every rival, or = 0 where v wins the tie-break (§5: fit, then id). The nearest
such w' is a linear programme (Triantaphyllou & Sánchez, Decision Sciences 28(1), 1997, change
one weight at a time; here all move at once):

    minimise ½ Σ_c (p_c + q_c)  over w', p, q ≥ 0
    subject to  w' − p + q = Ŵ,  Σ_c w'_c = 1,  D_u · w' ≥ ε_u for every rival u,

with ε_u = 0 where v wins the tie against u and ε_u = 1e-6 points where it loses it (the
infimum is not attained; a lead of a millionth of a point is invisible in any output). When the
constraints cannot all hold, no weights can make v first: by LP duality exactly when a mix
Σ λ_u x_u of rivals (λ ≥ 0, Σ λ = 1) is at least as good as v on every criterion, with the
tie rules above. The plain case is one rival at least as good on every criterion (and better
on all four, or winning the tie-break); but two rivals can block a vendor that neither
dominates alone (v = (4, 4) against (10, 0) and (0, 10)): the mix is named then.

All vendors' programmes are solved as one block-diagonal programme (twice: feasibility, then the
distance), so a scorecard of thirty vendors costs two solver calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model._vocabulary import CRITERIA
from ._mcda import TIE, compare
from ._standing import FIT, Scored, Standing

#: the lead (in points of total) asked of a vendor over a rival that would win a tie against it
MARGIN = 1e-6
_N = len(CRITERIA)
#: one block of phase two over (w', p, q): w' − p + q = Ŵ (four rows), then Σ w' = 1; cost ½ Σ (p + q)
_EQ = np.block([[np.eye(_N), -np.eye(_N), np.eye(_N)], [np.ones((1, _N)), np.zeros((1, 2 * _N))]])
_COST = np.r_[np.zeros(_N), 0.5 * np.ones(2 * _N)]


@dataclass(frozen=True)
class WeightChange:
    """The nearest weights under which the vendor ranks first, or why none do.

    For the leader: the nearest weights under which it no longer does, and the `rival` first
    there. `distance` is the total variation ½ Σ |w' − Ŵ| (0..1)."""

    weights: dict[str, float] | None = None
    distance: float | None = None
    rival: str | None = None
    blockers: tuple[str, ...] = ()  # no weights can: the rival(s) at least as good whatever the weights
    dominated: bool = False  # one blocker alone is at least as good on every criterion
    reason: str | None = None  # knocked_out | dominated | mixed | unbeatable (leader) | alone
    moves: dict[str, float] = field(default_factory=dict)  # criterion -> w' − Ŵ, the criteria that move

    def as_dict(self) -> dict[str, object]:
        return {
            "weights": self.weights,
            "distance": self.distance,
            "rival": self.rival,
            "blockers": list(self.blockers),
            "dominated": self.dominated,
            "reason": self.reason,
        }


def wins_tie(x: np.ndarray, labels: tuple[str, ...], v: int, u: int) -> bool:
    """v ranks above u when their totals tie (§5: fit descending, then id ascending)."""
    return compare(0.0, 0.0, float(x[v, FIT]), float(x[u, FIT]), labels[v], labels[u]) < 0


def dominators(x: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> list[int]:
    """The rivals that rank above v under every weighting: at least as good on every criterion,
    and better on all four or winning the tie-break."""
    out = []
    for u in rivals:
        if (x[u] >= x[v] - TIE).all() and ((x[u] > x[v] + TIE).all() or wins_tie(x, labels, u, v)):
            out.append(u)
    return out


def is_first(x: np.ndarray, w: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> bool:
    total = x @ w
    fit = x[:, FIT]
    return all(
        compare(float(total[v]), float(total[u]), float(fit[v]), float(fit[u]), labels[v], labels[u]) < 0
        for u in rivals
    )


def _margins(x: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> np.ndarray:
    return np.array([0.0 if wins_tie(x, labels, v, u) else MARGIN for u in rivals])


def _blocks(
    x: np.ndarray, labels: tuple[str, ...], blocks: list[int], order: tuple[int, ...], width: int
) -> tuple[list[int], list[int], np.ndarray, np.ndarray, np.ndarray]:
    """Rows `−D_u · w ≤ −ε_u` of every block, as coordinates of a sparse matrix."""
    rows, cols, vals, rhs, rival = [], [], [], [], []
    r = 0
    for b, v in enumerate(blocks):
        rivals = [u for u in order if u != v]
        d = x[v] - x[rivals]  # rivals × criteria
        eps = _margins(x, labels, v, rivals)
        for i, u in enumerate(rivals):
            rows += [r] * _N
            cols += list(range(b * width, b * width + _N))
            vals.append(-d[i])
            rhs.append(-eps[i])
            rival.append(u)
            r += 1
    return rows, cols, np.concatenate(vals) if vals else np.zeros(0), np.array(rhs), np.array(rival)


def _feasible(
    x: np.ndarray, labels: tuple[str, ...], blocks: list[int], order: tuple[int, ...]
) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Phase one: min Σ z_v with D_u · w_v + z_v ≥ ε_u; a block is feasible when z_v = 0. For an
    infeasible block the duals y_u of its rows, normalised, are the mix of rivals that blocks it."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    width = _N + 1
    rows, cols, vals, rhs, rival = _blocks(x, labels, blocks, order, width)
    n_rows, k = len(rhs), len(blocks)
    z_rows = list(range(n_rows))
    z_cols = [b * width + _N for b, v in enumerate(blocks) for _ in range(len(order) - 1)]
    a_ub = coo_matrix((np.r_[vals, -np.ones(n_rows)], (rows + z_rows, cols + z_cols)), shape=(n_rows, k * width))
    eq_cols = [b * width + c for b in range(k) for c in range(_N)]
    a_eq = coo_matrix((np.ones(k * _N), (np.repeat(np.arange(k), _N), eq_cols)), shape=(k, k * width))
    cost = np.tile(np.r_[np.zeros(_N), 1.0], k)
    res = linprog(cost, A_ub=a_ub.tocsr(), b_ub=rhs, A_eq=a_eq.tocsr(), b_eq=np.ones(k), bounds=(0, None))
    if res.status != 0:  # pragma: no cover - phase one is always feasible and bounded
        raise RuntimeError(f"weight change, phase one: {res.message}")
    z = np.asarray(res.x, dtype=float).reshape(k, width)[:, _N]
    duals = -np.asarray(res.ineqlin.marginals, dtype=float)
    mixes: dict[int, list[int]] = {}
    per = len(order) - 1
    for b, v in enumerate(blocks):
        if z[b] > 1e-9:
            y = np.clip(duals[b * per : (b + 1) * per], 0.0, None)
            share = y / y.sum() if y.sum() > 0 else y
            pick = np.argsort(-share, kind="stable")
            mixes[v] = [int(rival[b * per + i]) for i in pick if share[i] > 1e-6]
    return z <= 1e-9, mixes


def _nearest(
    x: np.ndarray, w: np.ndarray, labels: tuple[str, ...], blocks: list[int], order: tuple[int, ...]
) -> np.ndarray:
    """Phase two: for each (feasible) block the nearest weights in total variation; blocks × 4."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, eye, kron

    width = 3 * _N  # w', p, q
    rows, cols, vals, rhs, _ = _blocks(x, labels, blocks, order, width)
    k = len(blocks)
    a_ub = coo_matrix((vals, (rows, cols)), shape=(len(rhs), k * width))
    a_eq = kron(eye(k), coo_matrix(_EQ))
    b_eq = np.tile(np.r_[w, 1.0], k)
    cost = np.tile(_COST, k)
    res = linprog(cost, A_ub=a_ub.tocsr(), b_ub=rhs, A_eq=a_eq.tocsr(), b_eq=b_eq, bounds=(0, None))
    if res.status != 0:  # pragma: no cover - phase one kept the feasible blocks only
        raise RuntimeError(f"weight change, phase two: {res.message}")
    found = np.clip(np.asarray(res.x, dtype=float).reshape(k, width)[:, :_N], 0.0, None)
    normalised: np.ndarray = found / found.sum(axis=1, keepdims=True)
    return normalised


def _change(w: np.ndarray, new: np.ndarray, rival: str | None = None) -> WeightChange:
    moves = {c: float(new[i] - w[i]) for i, c in enumerate(CRITERIA) if abs(new[i] - w[i]) > 1e-9}
    return WeightChange(
        weights={c: float(new[i]) for i, c in enumerate(CRITERIA)},
        distance=float(0.5 * np.abs(new - w).sum()),
        rival=rival,
        moves=moves,
    )


def weight_changes(st: Standing, sc: Scored) -> dict[int, WeightChange]:
    """For every vendor (by position): the nearest weights under which it ranks first; for the
    leader, the nearest under which a rival does (the least of the rivals' distances)."""
    x, w, labels, order = sc.criteria, st.weights, st.vendors, sc.order
    out: dict[int, WeightChange] = {v: WeightChange(reason="knocked_out") for v in range(len(labels)) if sc.excluded[v]}
    if not order:
        return out
    leader = order[0]
    if len(order) == 1:
        out[leader] = WeightChange(reason="alone")
        return out
    blocks = []
    for v in order[1:]:
        rivals = [u for u in order if u != v]
        dom = dominators(x, labels, v, rivals)
        if dom:
            out[v] = WeightChange(blockers=tuple(labels[u] for u in dom), dominated=True, reason="dominated")
        else:
            blocks.append(v)
    if blocks:
        feasible, mixes = _feasible(x, labels, blocks, order)
        for v, ok in zip(blocks, feasible, strict=True):
            if not ok:
                out[v] = WeightChange(blockers=tuple(labels[u] for u in mixes.get(v, [])), reason="mixed")
        solvable = [v for v, ok in zip(blocks, feasible, strict=True) if ok]
        if solvable:
            for v, new in zip(solvable, _nearest(x, w, labels, solvable, order), strict=True):
                out[v] = _change(w, _checked(x, w, labels, v, order, new))
    reachable = [v for v in order[1:] if out[v].distance is not None]
    if not reachable:
        out[leader] = WeightChange(reason="unbeatable")
    else:
        nearest = min(reachable, key=lambda v: (out[v].distance or 0.0, order.index(v)))
        new = np.array([(out[nearest].weights or {})[c] for c in CRITERIA])
        out[leader] = _change(w, new, rival=labels[nearest])
    return out


def _checked(
    x: np.ndarray, w: np.ndarray, labels: tuple[str, ...], v: int, order: tuple[int, ...], new: np.ndarray
) -> np.ndarray:
    """The solver's weights, confirmed to make v first under the exact ranking rule; a solution
    that the solver's tolerance left a hair short is solved again with a lead of 1e-6 points
    over every rival."""
    rivals = [u for u in order if u != v]
    if is_first(x, new, labels, v, rivals):
        return new
    from scipy.optimize import linprog

    d = x[v] - x[rivals]
    for margin in (MARGIN, 1e-4):
        a_ub = np.c_[-d, np.zeros((len(rivals), 2 * _N))]
        res = linprog(_COST, A_ub=a_ub, b_ub=np.full(len(rivals), -margin), A_eq=_EQ, b_eq=np.r_[w, 1.0])
        if res.status == 0:
            found: np.ndarray = np.clip(np.asarray(res.x, dtype=float)[:_N], 0.0, None)
            found = found / float(found.sum())
            if is_first(x, found, labels, v, rivals):
                return found
    return new  # the solver's answer, a hair short: not met in the tests
