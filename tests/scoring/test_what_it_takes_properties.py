"""What it would take (toolkit/scoring/_what_it_takes.py, _weight_change.py), over a thousand
random small engagements each, generated at array level (ratings, grade weights, integration and
viability scores, TCOs, weights, knockout mode) and checked by scoring them again after the change.

- TCO: at the break-even the vendor ties for first within 0.01 points; 1 % above it, it does
  not rank first; 1 % below, it does. "No TCO can" holds at a TCO near zero.
- Ratings: the changes found make it first; no strictly smaller set of changes does (every
  subset, each raised to the top rating); "none" means not even every rating at 3 does.
- Weights: the weights found make it first and no weighting on a 1/20 grid of the simplex
  that makes it first is nearer; "no weights can" holds exactly when a mix of rivals is at
  least as good on every criterion (a separate LP), and always when one rival alone is.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.model._vocabulary import CRITERIA
from toolkit.scoring._standing import FIT, Standing, scored
from toolkit.scoring._weight_change import dominators, weight_changes
from toolkit.scoring._what_it_takes import break_even_tco, groups, rating_route

THOUSAND = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def standings(draw) -> Standing:
    """2-5 vendors, 1-4 capabilities named by 1-5 requirements (a capability may be named twice).

    The shapes, weights and knockout mode are drawn; the arrays come from a drawn seed, which
    keeps a thousand examples within seconds (a failure still prints its seed)."""
    n_v, n_caps = draw(st.integers(2, 5)), draw(st.integers(1, 4))
    n_req = draw(st.integers(n_caps, 5))
    weights = np.array(draw(st.lists(st.integers(0, 10), min_size=4, max_size=4).filter(any)), float)
    knockout = draw(st.sampled_from(["exclude", "exclude", "flag", "ignore"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    caps = np.r_[np.arange(n_caps), rng.integers(0, n_caps, n_req - n_caps)]
    must = rng.random(n_req) < 0.4
    return Standing(
        vendors=tuple(f"v{i}" for i in range(n_v)),
        ratings=rng.integers(0, 4, (n_v, n_caps))[:, caps].astype(float),
        g_req=np.where(must, rng.choice([2.0, 3.0, 5.0]), 1.0),
        must_req=must,
        capabilities=tuple(f"c{k}" for k in caps),
        requirements=tuple(f"R{i:02d}" for i in range(n_req)),
        integration=100.0 * rng.integers(0, 4, n_v) / 3.0,
        viability=100.0 * rng.integers(0, 11, n_v) / 10.0,
        tco_total=1000.0 * rng.integers(100, 2001, n_v),
        int_knockout=rng.random(n_v) < 0.2,
        weights=weights / weights.sum(),
        knockout=knockout,
    )


def first(st_: Standing) -> int | None:
    return scored(st_).leader


def best_rival_gap(st_: Standing, v: int) -> float:
    sc = scored(st_)
    rivals = [u for u in sc.order if u != v]
    return float(sc.total[v] - max(sc.total[u] for u in rivals))


@THOUSAND
@given(standings())
def test_at_the_break_even_tco_it_ties_for_first_and_one_percent_above_it_does_not(s):
    sc = scored(s)
    for v in range(len(s.vendors)):
        be = break_even_tco(s, v, sc)
        if sc.excluded[v]:
            assert be.value is None and be.reason == "knocked_out"
            continue
        if len(sc.order) == 1:
            assert be.reason == "alone"
            continue
        if be.value is not None:
            assert abs(best_rival_gap(s.with_tco(v, be.value), v)) <= 0.01
            assert first(s.with_tco(v, 1.01 * be.value)) != v
            assert first(s.with_tco(v, 0.99 * be.value)) == v
            if sc.leader == v:
                assert be.value >= be.now * (1 - 1e-9)
            else:
                assert be.value <= be.now * (1 + 1e-9)
        elif be.reason == "no_tco_weight":
            assert s.weights[2] == 0
        elif be.reason == "out_of_reach":
            assert sc.leader != v
            assert first(s.with_tco(v, 1e-6 * be.now)) != v
        else:
            assert be.reason == "unbeatable" and sc.leader == v
            assert first(s.with_tco(v, 1e6 * be.now)) == v


def _raised(s: Standing, v: int, chosen: dict[str, int]) -> Standing:
    row = s.ratings[v].copy()
    for i, cap in enumerate(s.capabilities):
        if cap in chosen:
            row[i] = chosen[cap]
    return s.with_ratings(v, row)


@THOUSAND
@given(standings())
def test_the_rating_changes_found_make_it_first_and_no_smaller_set_does(s):
    sc = scored(s)
    caps = groups(s)
    for v in range(len(s.vendors)):
        route = rating_route(s, v, sc)
        if sc.leader == v:
            assert route is None
            continue
        assert route is not None
        raisable = [c for c, i in zip(caps.names, caps.first, strict=True) if s.ratings[v, i] < 3]
        if route.changes is None:
            assert first(_raised(s, v, dict.fromkeys(raisable, 3))) != v
            continue
        for c in route.changes:
            assert 0 <= c.before < c.after <= 3 and c.capability in raisable
        assert first(_raised(s, v, {c.capability: c.after for c in route.changes})) == v
        assert route.lifts_knockout == bool(sc.excluded[v])
        for size in range(len(route.changes)):
            for subset in itertools.combinations(raisable, size):
                assert first(_raised(s, v, dict.fromkeys(subset, 3))) != v, (route.changes, subset)


#: every weighting with shares in twentieths: 1,771 points of the simplex
GRID = np.array([w for w in itertools.product(range(21), repeat=4) if sum(w) == 20], float) / 20


def _first_on_grid(x: np.ndarray, labels: tuple[str, ...], v: int, rivals: list[int]) -> np.ndarray:
    """The grid weightings under which v ranks first (§5 ties: fit, then id)."""
    totals = GRID @ x.T
    ok = np.ones(len(GRID), bool)
    for u in rivals:
        d = totals[:, v] - totals[:, u]
        wins_tie = x[v, FIT] > x[u, FIT] + 1e-9 or (abs(x[v, FIT] - x[u, FIT]) <= 1e-9 and labels[v] < labels[u])
        ok &= (d > 1e-9) | ((np.abs(d) <= 1e-9) & wins_tie)
    return ok


def _mix_margin(x: np.ndarray, v: int, rivals: list[int]) -> float:
    """max t: some mix λ of rivals has Σ λ_u x_u − x_v ≥ t on every criterion (the dual LP)."""
    from scipy.optimize import linprog

    k = len(rivals)
    a_ub = np.c_[-(x[rivals] - x[v]).T, np.ones(len(CRITERIA))]  # −Σ λ_u (x_u − x_v)_c + t ≤ 0
    res = linprog(
        np.r_[np.zeros(k), -1.0],
        A_ub=a_ub,
        b_ub=np.zeros(len(CRITERIA)),
        A_eq=np.r_[np.ones(k), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * k + [(None, None)],
    )
    return float(-res.fun)


@THOUSAND
@given(standings())
def test_the_weight_change_found_makes_it_first_and_none_is_nearer(s):
    sc = scored(s)
    found = weight_changes(s, sc)
    x, labels = sc.criteria, s.vendors
    for v in sc.order[1:]:
        rivals = [u for u in sc.order if u != v]
        change = found[v]
        if change.distance is not None:
            assert change.weights is not None
            new = np.array([change.weights[c] for c in CRITERIA])
            assert new.min() >= 0 and new.sum() == pytest.approx(1.0)
            assert change.distance == pytest.approx(0.5 * np.abs(new - s.weights).sum(), abs=1e-12)
            assert first(s.with_weights(new)) == v
            on_grid = _first_on_grid(x, labels, v, rivals)
            if on_grid.any():
                assert 0.5 * np.abs(GRID[on_grid] - s.weights).sum(axis=1).min() >= change.distance - 1e-6
            assert not dominators(x, labels, v, rivals)
            assert _mix_margin(x, v, rivals) <= 1e-7  # no mix of rivals is strictly better everywhere
        else:
            assert change.reason in ("dominated", "mixed") and change.blockers
            assert not _first_on_grid(x, labels, v, rivals).any()
            assert _mix_margin(x, v, rivals) >= -1e-6  # a mix of rivals is at least as good everywhere
            assert (change.reason == "dominated") == bool(dominators(x, labels, v, rivals))
    if len(sc.order) > 1:
        leader = found[sc.order[0]]
        reachable = [found[v].distance for v in sc.order[1:] if found[v].distance is not None]
        if reachable:
            assert leader.distance == pytest.approx(min(reachable))
            new = np.array([(leader.weights or {})[c] for c in CRITERIA])
            assert first(s.with_weights(new)) == labels.index(leader.rival or "")
        else:
            assert leader.distance is None and leader.reason == "unbeatable"
