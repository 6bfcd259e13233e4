"""The room's weights: each stakeholder's criterion weights from the way they gave them, the
group's, how far apart they are (docs/method.md, "The room's weights").

- rank (Barron & Barrett 1996, rank-order centroid): the k-th of n criteria weighs
  (1/n) Σ_{i=k..n} 1/i; for four: 0.5208, 0.2708, 0.1458, 0.0625.
- swing, weights: the points over their sum.
- ahp (Saaty): the principal eigenvector of the pairwise comparison matrix, through ahpy; the
  consistency ratio CR = ((λmax − n)/(n − 1)) / RI with Saaty's random index (0.90 for n = 4);
  above 0.10 a warning. The most inconsistent judgement is the one farthest from what the
  weights imply: the largest |ln(a_ij · w_j / w_i)|.
- the group: `mean`, the mean of each stakeholder's normalised weights (Forman & Peniwati 1998:
  combine final weights when the stakeholders act as individuals); `geometric`, the geometric
  mean of every AHP judgement, then AHP on those (combine judgements when the group acts as one).
- how far apart: a stakeholder's distance to the group is the total variation ½ Σ_c |w_c − g_c|
  (0: the same weights; 1: nothing in common); consensus is 1 − the mean distance (100 % when
  everyone agrees); the furthest stakeholder has the largest distance.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model._vocabulary import CRITERIA
from ..model.schema import PAIRS, EngagementSettings, RoomWeights, StakeholderWeighting, Weights

#: above this consistency ratio an AHP stakeholder's judgements get a warning (Saaty)
CR_WARNING = 0.10


@dataclass(frozen=True)
class PersonWeights:
    """One stakeholder's weights (criterion → share, summing to 1) and, for AHP, how consistent."""

    who: str
    method: str
    weights: dict[str, float]
    consistency: float | None = None
    worst: tuple[str, str] | None = None

    @property
    def inconsistent(self) -> bool:
        return self.consistency is not None and self.consistency > CR_WARNING


@dataclass(frozen=True)
class Room:
    """Everyone's weights, the group's, and how far apart they are."""

    people: tuple[PersonWeights, ...]
    combine: str
    group: dict[str, float]
    spread: dict[str, tuple[float, float]]
    distances: dict[str, float]
    consensus: float
    furthest: str | None


def rank_weights(order: Sequence[str]) -> dict[str, float]:
    """Rank-order centroid weights for `order` (most important first)."""
    n = len(order)
    return {c: sum(1 / i for i in range(k + 1, n + 1)) / n for k, c in enumerate(order)}


def point_weights(points: Weights) -> dict[str, float]:
    """Points (swing or plain weights) over their sum."""
    shares = points.shares()
    return {c: shares[c] for c in CRITERIA}


def ahp_weights(judgements: Mapping[tuple[str, str], float]) -> tuple[dict[str, float], float, tuple[str, str]]:
    """(weights, consistency ratio, the most inconsistent pair) of the six comparisons."""
    import ahpy  # numpy and scipy: only when someone compared pairs

    compared = ahpy.Compare("criteria", dict(judgements), precision=6, random_index="saaty")
    weights = {c: float(compared.target_weights[c]) for c in CRITERIA}
    worst = max(judgements, key=lambda p: abs(math.log(judgements[p] * weights[p[1]] / weights[p[0]])))
    return weights, float(compared.consistency_ratio), worst


def person_weights(who: str, given: StakeholderWeighting) -> PersonWeights:
    method = given.method
    if given.rank is not None:
        return PersonWeights(who, method, rank_weights(given.rank))
    if given.ahp is not None:
        weights, ratio, worst = ahp_weights(given.judgements())
        return PersonWeights(who, method, weights, ratio, worst)
    points = given.weights if given.weights is not None else given.swing
    assert points is not None  # the model holds exactly one way
    return PersonWeights(who, method, point_weights(points))


def distance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Total variation between two weight vectors: ½ Σ_c |a_c − b_c|, from 0 to 1."""
    return 0.5 * sum(abs(a[c] - b[c]) for c in CRITERIA)


def room_weights(room: RoomWeights) -> Room:
    """Each stakeholder's weights, the group's by the rule `room.combine` names, the spread per
    criterion (min, max), each one's distance to the group, the consensus and who is furthest."""
    people = tuple(person_weights(who, given) for who, given in room.stakeholders.items())
    if not people:
        return Room((), room.combine, {}, {}, {}, 1.0, None)
    if room.combine == "geometric":
        judged = [dict(room.stakeholders[p.who].judgements()) for p in people]
        combined = {pair: math.exp(statistics.fmean(math.log(j[pair]) for j in judged)) for pair in PAIRS}
        group = ahp_weights(combined)[0]
    else:
        group = {c: statistics.fmean(p.weights[c] for p in people) for c in CRITERIA}
    total = sum(group.values())
    group = {c: group[c] / total for c in CRITERIA}
    spread = {c: (min(p.weights[c] for p in people), max(p.weights[c] for p in people)) for c in CRITERIA}
    distances = {p.who: distance(p.weights, group) for p in people}
    furthest = max(distances, key=lambda who: distances[who]) if len(people) > 1 else None
    consensus = 1 - statistics.fmean(distances.values())
    return Room(people, room.combine, group, spread, distances, consensus, furthest)


def engagement_weights(settings: EngagementSettings) -> Weights:
    """The weights the scorecard starts from: engagement.yaml's `weights` when written (the
    consultant's decision), else the group's weights when stakeholders gave theirs
    (`room_weights`), else the defaults (METHOD.md §9)."""
    if settings.weights is None and settings.room_weights is not None and settings.room_weights.stakeholders:
        return Weights(**room_weights(settings.room_weights).group)
    return settings.criterion_weights
