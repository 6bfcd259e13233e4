"""The smallest change of the criterion weights that makes a vendor first (docs/method.md,
"What it would take").

Distance: the total variation ½ Σ_c |w'_c − Ŵ_c| between normalised weight vectors, the share
of the weight that moves from some criteria to others (0 nothing moves, 1 all of it); the same
distance as between stakeholders' weights. With D_u = x_v − x_u, vendor v's criteria less rival
u's, the nearest weights under which v leads every rival are a linear programme (Triantaphyllou
& Sánchez, Decision Sciences 28(1), 1997, change one weight at a time; here all move at once):

    minimise ½ Σ_c (p_c + q_c)  over w', p, q ≥ 0
    subject to  w' − p + q = Ŵ,  Σ_c w'_c = 1,  D_u · w' ≥ ε for every rival u.

"Leads" means by ε = 1e-4 points of total at least: a lead a solver's tolerance (1e-7 on scaled
rows) cannot turn into a loss, invisible in any output. So a vendor that could only tie for
first, at one knife-edge weighting, counts as not first. A rival with the very same criteria
that v beats on the tie-break (§5: fit, then id) can never rank above it and sets no constraint.

When the constraints cannot all hold, no weights make v first: by LP duality exactly when a mix
Σ λ_u x_u of rivals (λ ≥ 0, Σ λ = 1) is at least as good as v, less ε, on every criterion. The
plain case is one rival at least as good on every criterion; but two rivals can block a vendor
that neither dominates alone (v = (4, 4) against (10, 0) and (0, 10)): the mix is named then.

All vendors' programmes are solved as one block-diagonal programme (twice: feasibility, then
the distance), so a scorecard of thirty vendors costs two solver calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model._vocabulary import CRITERIA
from ._mcda import TIE, compare
from ._standing import FIT, Scored, Standing

#: the lead (points of total) asked of a vendor over every rival
MARGIN = 1e-4
#: phase one's total shortfall below which a block counts as feasible (HiGHS's tolerance)
SLACK = 1e-7
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


def contenders(x: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> list[int]:
    """The rivals that can rank above v under some weighting: all but those with the very same
    criteria that lose the tie-break to v."""
    return [u for u in rivals if not ((np.abs(x[u] - x[v]) <= TIE).all() and wins_tie(x, labels, v, u))]


def dominators(x: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> list[int]:
    """The rivals at least as good as v on every criterion (so v never leads them)."""
    return [u for u in contenders(x, labels, v, rivals) if (x[u] >= x[v] - TIE).all()]


def is_first(x: np.ndarray, w: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> bool:
    total = x @ w
    fit = x[:, FIT]
    return all(
        compare(float(total[v]), float(total[u]), float(fit[v]), float(fit[u]), labels[v], labels[u]) < 0
        for u in rivals
    )


@dataclass(frozen=True)
class _Rows:
    """The rows `−D_u · w ≤ −ε` of every block, as coordinates of a sparse matrix."""

    rows: list[int]
    cols: list[int]
    vals: np.ndarray
    rival: np.ndarray  # the rival of each row
    start: list[int]  # each block's first row (and the end, last)

    @property
    def count(self) -> int:
        return len(self.rival)


def _rows(x: np.ndarray, labels: tuple[str, ...], blocks: list[int], order: tuple[int, ...], width: int) -> _Rows:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[np.ndarray] = []
    rival: list[int] = []
    start = [0]
    for b, v in enumerate(blocks):
        rivals = contenders(x, labels, v, [u for u in order if u != v])
        for u in rivals:
            rows += [len(rival)] * _N
            cols += range(b * width, b * width + _N)
            vals.append(x[u] - x[v])
            rival.append(u)
        start.append(len(rival))
    return _Rows(rows, cols, np.concatenate(vals) if vals else np.zeros(0), np.array(rival, dtype=int), start)


def _feasible(
    x: np.ndarray, labels: tuple[str, ...], blocks: list[int], order: tuple[int, ...]
) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Phase one: min Σ z_v with D_u · w_v + z_v ≥ ε; a block is feasible when z_v is 0. For an
    infeasible block the duals y_u of its rows, normalised, are the mix of rivals that blocks it."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    width, k = _N + 1, len(blocks)
    r = _rows(x, labels, blocks, order, width)
    z_cols = [b * width + _N for b in range(k) for _ in range(r.start[b], r.start[b + 1])]
    a_ub = coo_matrix(
        (np.r_[r.vals, -np.ones(r.count)], (r.rows + list(range(r.count)), r.cols + z_cols)), shape=(r.count, k * width)
    )
    eq_cols = [b * width + c for b in range(k) for c in range(_N)]
    a_eq = coo_matrix((np.ones(k * _N), (np.repeat(np.arange(k), _N), eq_cols)), shape=(k, k * width))
    cost = np.tile(np.r_[np.zeros(_N), 1.0], k)
    res = linprog(cost, A_ub=a_ub.tocsr(), b_ub=np.full(r.count, -MARGIN), A_eq=a_eq.tocsr(), b_eq=np.ones(k))
    if res.status != 0:  # phase one is always feasible and bounded
        raise RuntimeError(f"weight change, phase one: {res.message}")
    z = np.asarray(res.x, dtype=float).reshape(k, width)[:, _N]
    duals = -np.asarray(res.ineqlin.marginals, dtype=float)
    mixes: dict[int, list[int]] = {}
    for b, v in enumerate(blocks):
        if z[b] > SLACK:
            y = np.clip(duals[r.start[b] : r.start[b + 1]], 0.0, None)
            share = y / y.sum() if y.sum() > 0 else np.full(len(y), 1.0 / max(len(y), 1))
            pick = np.argsort(-share, kind="stable")
            mixes[v] = [int(r.rival[r.start[b] + i]) for i in pick if share[i] > 1e-6]
    return z <= SLACK, mixes


def _nearest(
    x: np.ndarray, w: np.ndarray, labels: tuple[str, ...], blocks: list[int], order: tuple[int, ...]
) -> list[np.ndarray | None]:
    """Phase two: for each feasible block the nearest weights in total variation (None for a
    block the solver finds infeasible after all: a shortfall within phase one's tolerance)."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, eye, kron

    width, k = 3 * _N, len(blocks)
    r = _rows(x, labels, blocks, order, width)
    a_ub = coo_matrix((r.vals, (r.rows, r.cols)), shape=(r.count, k * width)).tocsr()
    b_ub = np.full(r.count, -(MARGIN - SLACK))  # phase one's w_v meets these: the blocks stay feasible
    a_eq = kron(eye(k), coo_matrix(_EQ)).tocsr()
    res = linprog(np.tile(_COST, k), A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=np.tile(np.r_[w, 1.0], k))
    if res.status == 0:
        found = np.clip(np.asarray(res.x, dtype=float).reshape(k, width)[:, :_N], 0.0, None)
        return [row / row.sum() for row in found]
    if k == 1:
        return [None]
    return [_nearest(x, w, labels, [v], order)[0] for v in blocks]  # one at a time: find the odd one out


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
    out = {v: WeightChange(reason="knocked_out") for v in range(len(labels)) if sc.excluded[v]}
    if not order:
        return out
    leader = order[0]
    if len(order) == 1:
        out[leader] = WeightChange(reason="alone")
        return out
    blocks = []
    for v in order[1:]:
        dom = dominators(x, labels, v, [u for u in order if u != v])
        if dom:
            out[v] = WeightChange(blockers=tuple(labels[u] for u in dom), dominated=True, reason="dominated")
        else:
            blocks.append(v)
    if blocks:
        feasible, mixes = _feasible(x, labels, blocks, order)
        for v in (v for v, ok in zip(blocks, feasible, strict=True) if not ok):
            out[v] = WeightChange(blockers=tuple(labels[u] for u in mixes.get(v, [])), reason="mixed")
        solvable = [v for v, ok in zip(blocks, feasible, strict=True) if ok]
        for v, new in zip(solvable, _nearest(x, w, labels, solvable, order) if solvable else [], strict=True):
            rivals = [u for u in order if u != v]
            if new is None or not is_first(x, new, labels, v, rivals):
                out[v] = WeightChange(blockers=tuple(labels[u] for u in _short(x, v, rivals, new)), reason="mixed")
            else:
                out[v] = _change(w, new)
    reachable = [v for v in order[1:] if out[v].distance is not None]
    if not reachable:
        out[leader] = WeightChange(reason="unbeatable")
    else:
        nearest = min(reachable, key=lambda v: (out[v].distance or 0.0, order.index(v)))
        new = np.array([(out[nearest].weights or {})[c] for c in CRITERIA])
        out[leader] = _change(w, new, rival=labels[nearest])
    return out


def _short(x: np.ndarray, v: int, rivals: list[int], new: np.ndarray | None) -> list[int]:
    """The rivals v does not lead by the margin under `new` (all rivals when there is none):
    those that block it where the solver could not settle within its tolerance."""
    if new is None:
        return rivals
    lead = (x[v] - x[rivals]) @ new
    return [u for u, d in sorted(zip(rivals, lead, strict=True), key=lambda p: p[1]) if d < MARGIN]
