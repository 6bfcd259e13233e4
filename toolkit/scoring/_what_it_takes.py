"""What it would take for each vendor to rank first, computed exactly (docs/method.md, "What it
would take"; METHOD.md §4-§5 for every number it moves).

For each vendor of a scorecard, everything else unchanged:

- **TCO** (`break_even_tco`): the TCO at which it would tie for first; for the leader, the TCO
  up to which it stays first. With a = total − Ŵ_tco · tco (everything but TCO) and m the
  cheapest rival's TCO, vendor v at TCO T scores a_v + 100 Ŵ_tco · min(T, m) / T and each rival
  u scores a_u + 100 Ŵ_tco · min(T, m) / T_u: while v is not the cheapest (T ≥ m) only its own
  score moves, and T* = 100 Ŵ_tco m / (B − a_v) with B the best rival at bar m; once it is the
  cheapest (T < m) its TCO score is 100 and every rival's falls with T, and
  T* = min_u T_u (a_v + 100 Ŵ_tco − a_u) / (100 Ŵ_tco). v's lead shrinks as T grows in both
  regimes, so the root is unique. The year-1 subscription per billed user that gives T* is
  p* = p · (1 + (T* − T) / S), S the discounted subscription over the horizon (the TCO is
  linear in the price: every year's subscription is billed users × price × uplift^(y−1)).
- **Ratings** (`rating_route`): the fewest capability ratings to raise, from what to what.
- **Weights** (`_weight_change.weight_changes`): the nearest weights under which it is first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..model.schema import CRITERIA, LocalizedText, text_of
from ._criteria import weighted_share
from ._mcda import TIE, compare
from ._scorecard import Scorecard
from ._standing import FIT, TCO, Scored, Standing, scored, standing
from ._tco import Tco
from ._weight_change import WeightChange, weight_changes

TOP = 3  # the top capability rating: native, out of the box


@dataclass(frozen=True)
class TcoBreakEven:
    """The TCO at which the vendor ties for first (the leader: up to which it stays first)."""

    now: float
    value: float | None  # None: no TCO makes it first (the leader: no TCO costs it first place)
    cheapest: bool = False  # at `value` it is the cheapest ranked vendor, so every TCO score moved
    rival: str | None = None  # tied with at `value`; for `out_of_reach`, the rival that stays ahead
    reason: str | None = None  # knocked_out | no_tco_weight | out_of_reach | unbeatable | alone
    price_now: float | None = None  # year-1 subscription per billed user, engagement currency
    price: float | None = None  # the same at `value`; None when even a free subscription falls short
    billed_users: int | None = None

    @property
    def change(self) -> float | None:
        """value / now − 1 (−0.25 for a quarter off)."""
        return None if self.value is None or self.now <= 0 else self.value / self.now - 1.0


@dataclass(frozen=True)
class RatingChange:
    """One capability's rating raised (every requirement naming it moves with it)."""

    capability: str
    requirements: tuple[str, ...]
    before: int
    after: int
    must: bool  # a must requirement names it
    gain: float  # points of total

    def as_dict(self) -> dict[str, object]:
        return {
            "capability": self.capability,
            "requirements": list(self.requirements),
            "from": self.before,
            "to": self.after,
            "must": self.must,
            "gain": self.gain,
        }


@dataclass(frozen=True)
class RatingRoute:
    """The fewest rating changes that make the vendor first; `changes` None when none do."""

    changes: tuple[RatingChange, ...] | None
    lifts_knockout: bool = False  # the changes raise must ratings from 0, lifting its knockout
    reason: str | None = None  # integration_knockout | below_grade | out_of_reach

    def as_dict(self) -> dict[str, object]:
        changes = None if self.changes is None else [c.as_dict() for c in self.changes]
        return {"changes": changes, "lifts_knockout": self.lifts_knockout, "reason": self.reason}


@dataclass(frozen=True)
class VendorTakes:
    """What it would take for one vendor."""

    vendor: str
    rank: int | None
    total: float
    gap: float  # points behind the first; for the leader, its lead over the second
    tco: TcoBreakEven
    ratings: RatingRoute | None  # None for the leader
    weights: WeightChange

    @property
    def leader(self) -> bool:
        return self.rank == 1


@dataclass(frozen=True)
class WhatItTakes:
    """What it would take for every vendor of a scorecard, in the scorecard's order."""

    engagement: str
    currency: str
    horizon_years: int
    leader: str | None
    weights: dict[str, float]
    vendors: tuple[VendorTakes, ...]
    names: dict[str, str | LocalizedText] = field(default_factory=dict)
    preliminary: bool = False  # a price or cost is missing: TCO counts in no total, so no TCO route

    def name(self, vendor: str, lang: str = "en") -> str:
        return text_of(self.names.get(vendor), lang) or vendor

    def of(self, vendor: str) -> VendorTakes:
        for t in self.vendors:
            if t.vendor == vendor:
                return t
        raise KeyError(f"no vendor {vendor!r} in this result (has: {', '.join(t.vendor for t in self.vendors)})")

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `crm-toolkit what-it-takes --format json`, full precision."""
        return {
            "engagement": self.engagement,
            "currency": self.currency,
            "horizon_years": self.horizon_years,
            "leader": self.leader,
            "weights": self.weights,
            "vendors": [
                {
                    "vendor": t.vendor,
                    "rank": t.rank,
                    "total": t.total,
                    "gap": t.gap,
                    "tco": {
                        "now": t.tco.now,
                        "break_even": t.tco.value,
                        "change": t.tco.change,
                        "cheapest": t.tco.cheapest,
                        "rival": t.tco.rival,
                        "reason": t.tco.reason,
                        "price_per_user_year_now": t.tco.price_now,
                        "price_per_user_year": t.tco.price,
                        "billed_users": t.tco.billed_users,
                    },
                    "ratings": None if t.ratings is None else t.ratings.as_dict(),
                    "weights": t.weights.as_dict(),
                }
                for t in self.vendors
            ],
        }


def break_even_tco(st: Standing, v: int, sc: Scored | None = None) -> TcoBreakEven:
    """The TCO at which vendor `v` (a position in `st`) ties for first, everything else unchanged
    (the module's docstring has the two regimes); for the leader, up to which it stays first."""
    sc = sc or scored(st)
    now = float(st.tco_total[v])
    if sc.excluded[v]:
        return TcoBreakEven(now, None, reason="knocked_out")
    rivals = np.array([u for u in sc.order if u != v], dtype=int)
    if not len(rivals):
        return TcoBreakEven(now, None, reason="alone")
    w_t = float(st.weights[TCO])
    if w_t <= 0:
        return TcoBreakEven(now, None, reason="no_tco_weight")
    a = sc.total - w_t * sc.criteria[:, TCO]
    t = st.tco_total
    m = float(t[rivals].min())
    at_bar = a[rivals] + 100.0 * w_t * m / t[rivals]  # the rivals' totals while v is not the cheapest
    best = int(np.argmax(at_bar))
    if a[v] + 100.0 * w_t >= at_bar[best]:  # at T = m v still leads: the root lies at T >= m
        gap = float(at_bar[best] - a[v])
        if gap <= TIE:
            return TcoBreakEven(now, None, reason="unbeatable")
        return TcoBreakEven(now, 100.0 * w_t * m / gap, rival=st.vendors[rivals[best]])
    room = a[v] + 100.0 * w_t - a[rivals]  # v as the cheapest: 100 points of TCO against a_u
    if room.min() <= TIE:
        return TcoBreakEven(now, None, rival=st.vendors[rivals[int(np.argmin(room))]], reason="out_of_reach")
    need = room * t[rivals] / (100.0 * w_t)
    k = int(np.argmin(need))
    return TcoBreakEven(now, float(need[k]), cheapest=True, rival=st.vendors[rivals[k]])


def with_price(be: TcoBreakEven, tco: Tco) -> TcoBreakEven:
    """The year-1 subscription per billed user now and at the break-even TCO:
    p* = p · (1 + (T* − T) / S), S the discounted subscription over the horizon."""
    base = tco.years[0].subscription if tco.years else 0.0
    billed = tco.billed_users or tco.users
    if base <= 0 or tco.subscription <= 0 or billed <= 0:
        return replace(be, billed_users=billed)
    price = None
    if be.value is not None:
        scaled = base * (1.0 + (be.value - be.now) / tco.subscription)
        price = scaled / billed if scaled >= 0 else None
    return replace(be, price_now=base / billed, price=price, billed_users=billed)


@dataclass(frozen=True)
class Groups:
    """The capabilities the requirements name, in order of first mention: a rating belongs to a
    capability, so raising it raises every requirement that names it."""

    names: tuple[str, ...]
    members: tuple[np.ndarray, ...]  # the requirements naming each
    first: np.ndarray  # the first of them
    weight: np.ndarray  # G_k: their grade weights summed
    must: np.ndarray  # a must requirement names it


def groups(st: Standing) -> Groups:
    index: dict[str, int] = {}
    inverse = np.array([index.setdefault(c, len(index)) for c in st.capabilities], dtype=int)
    order = np.argsort(inverse, kind="stable")
    members = tuple(np.split(order, np.cumsum(np.bincount(inverse, minlength=len(index)))[:-1]))
    return Groups(
        names=tuple(index),
        members=members,
        first=np.array([m[0] for m in members], dtype=int),
        weight=np.bincount(inverse, weights=st.g_req, minlength=len(index)),
        must=np.bincount(inverse, weights=st.must_req.astype(float), minlength=len(index)) > 0,
    )


def rating_route(st: Standing, v: int, sc: Scored | None = None, caps: Groups | None = None) -> RatingRoute | None:
    """The fewest capability ratings of `v` to raise for it to rank first (None for the leader).

    Raising capability k from c_k to c' adds 100 · G_k · (c' − c_k) / (3 Σ_r g_r) to fit (G_k: the
    grade weights of the requirements naming k) and Ŵ_fit times that to the total; nothing else
    moves. A vendor knocked out (exclude) must first raise every must capability rated 0, which
    also puts it back into the TCO bar; a must integration it does not support no rating lifts.
    Fewest changes: raise each chosen capability to 3 and take them by largest gain first. This
    is optimal for the count, since for any k the k largest gains sum to at least the gains of
    any k changes and a larger total (with the larger fit behind it) never ranks lower. Then the
    chosen changes are lowered, smallest gain first, to the least rating that still makes it first.
    """
    sc = sc or scored(st)
    if sc.leader == v:
        return None
    lift = bool(sc.excluded[v])
    if lift and st.int_knockout[v]:
        return RatingRoute(None, lifts_knockout=False, reason="integration_knockout")
    if (
        lift and st.grade_knockout is not None and st.grade_knockout[v]
    ):  # confirming the evidence lifts it, not a rating
        return RatingRoute(None, lifts_knockout=False, reason="below_grade")
    caps = caps or groups(st)
    now = [int(x) for x in st.ratings[v, caps.first]]
    weight, must = caps.weight, caps.must
    mandatory = [k for k in range(len(now)) if lift and must[k] and now[k] == 0]
    optional = [k for k in range(len(now)) if k not in mandatory and now[k] < TOP]
    optional.sort(key=lambda k: -weight[k] * (TOP - now[k]))  # stable: requirement order breaks ties
    target = dict.fromkeys(mandatory, TOP)
    sc2 = scored(_raised(st, v, caps, target)) if target else sc  # the knockout lifted: the TCO bar may move
    rivals = [u for u in sc2.order if u != v]
    row = sc2.criteria[v]
    w_fit, per_point = float(st.weights[FIT]), 100.0 / (3.0 * float(st.g_req.sum()))

    def lead(chosen: dict[int, int]) -> tuple[float, bool]:
        """v's lead in total over the top rival with `chosen` ratings, and whether it ranks first."""
        if not rivals:
            return math.inf, True
        ratings = st.ratings[v].astype(float)
        for k, level in chosen.items():
            ratings[caps.members[k]] = level
        mine = row.copy()
        mine[FIT] = weighted_share(ratings, st.g_req, 3.0)
        top, total = rivals[0], float(mine @ st.weights)
        rule = compare(total, float(sc2.total[top]), mine[FIT], sc2.criteria[top, FIT], st.vendors[v], st.vendors[top])
        return total - float(sc2.total[top]), rule < 0

    gains = np.array([per_point * weight[k] * (TOP - now[k]) for k in optional])
    guess = _guess(st, sc2, v, rivals, gains)
    n = _confirm(guess, len(optional), lambda count: lead({**target, **dict.fromkeys(optional[:count], TOP)})[1])
    if n is None:
        return RatingRoute(None, lifts_knockout=False, reason="out_of_reach")
    chosen = {**target, **dict.fromkeys(optional[:n], TOP)}
    slack = lead(chosen)[0]
    for k in [*reversed(optional[:n]), *reversed(mandatory)]:  # lower the smallest gains first
        for level in range(now[k] + 1, TOP):
            if w_fit * per_point * weight[k] * (chosen[k] - level) > slack + TIE:
                continue  # losing that much puts it behind: no need to check
            margin, ok = lead({**chosen, k: level})
            if ok:
                chosen[k], slack = level, margin
                break
    changes = tuple(
        RatingChange(
            capability=caps.names[k],
            requirements=tuple(st.requirements[i] for i in caps.members[k]),
            before=now[k],
            after=chosen[k],
            must=bool(must[k]),
            gain=w_fit * per_point * weight[k] * (chosen[k] - now[k]),
        )
        for k in [*mandatory, *optional[:n]]
    )
    return RatingRoute(changes, lifts_knockout=lift)


def _raised(st: Standing, v: int, caps: Groups, target: dict[int, int]) -> Standing:
    if not target:
        return st
    row = st.ratings[v].astype(float)
    for k, level in target.items():
        row[caps.members[k]] = level
    return st.with_ratings(v, row)


def _guess(st: Standing, sc2: Scored, v: int, rivals: list[int], gains: np.ndarray) -> int:
    """The fewest of the sorted `gains` after which v ranks above the top rival, for every count
    at once (the exact rule of `compare`, vectorised); `len(gains)` when none is enough."""
    if not rivals:
        return 0
    row, w_fit, top = sc2.criteria[v], float(st.weights[FIT]), rivals[0]
    fits = row[FIT] + np.r_[0.0, np.cumsum(gains)]
    lead = float(row @ st.weights) + w_fit * (fits - row[FIT]) - float(sc2.total[top])
    fit_lead = fits - sc2.criteria[top, FIT]
    by_id = st.vendors[v] < st.vendors[top]
    ok = (lead > TIE) | ((np.abs(lead) <= TIE) & ((fit_lead > TIE) | ((np.abs(fit_lead) <= TIE) & by_id)))
    hits = np.flatnonzero(ok)
    return int(hits[0]) if len(hits) else len(gains)


def _confirm(n: int, most: int, first: Callable[[int], bool]) -> int | None:
    """`n` moved to the least count that `first` (the exact check, monotone in the count)
    accepts; None when not even all `most` changes are enough."""
    while n > 0 and first(n - 1):
        n -= 1
    while n <= most and not first(n):
        n += 1
    return n if n <= most else None


def takes(st: Standing, sc: Scored | None = None) -> dict[int, tuple[TcoBreakEven, RatingRoute | None, WeightChange]]:
    """Every vendor's three answers, by position in `st` (no prices: see `what_it_takes`)."""
    sc, caps = sc or scored(st), groups(st)
    weights = weight_changes(st, sc)
    return {v: (break_even_tco(st, v, sc), rating_route(st, v, sc, caps), weights[v]) for v in range(len(st.vendors))}


def what_it_takes(card: Scorecard) -> WhatItTakes:
    """What it would take for each vendor of `card` to rank first, everything else unchanged:
    its break-even TCO (and per-user price), the fewest rating changes, the nearest weights."""
    st = standing(card)
    sc = scored(st)
    found = takes(st, sc)
    totals = sc.total
    order = sc.order
    leader = order[0] if order else None
    out = []
    for v, vendor in enumerate(st.vendors):
        be, route, change = found[v]
        if leader is None:
            gap = 0.0
        elif v == leader:
            gap = float(totals[v] - totals[order[1]]) if len(order) > 1 else 0.0
        else:
            gap = float(totals[leader] - totals[v])
        rank = order.index(v) + 1 if v in order else None
        priced = card.tco.get(vendor)  # None: no TCO yet (a preliminary scorecard)
        be = with_price(be, priced) if priced is not None else be
        out.append(VendorTakes(vendor, rank, float(totals[v]), gap, be, route, change))
    horizon = len(next(iter(card.tco.values())).years) if card.tco else 0
    return WhatItTakes(
        engagement=card.engagement,
        currency=card.currency,
        horizon_years=horizon,
        leader=st.vendors[leader] if leader is not None else None,
        weights={c: float(card.weights[c]) for c in CRITERIA},
        vendors=tuple(out),
        names=dict(card.names),
        preliminary=card.preliminary,
    )
