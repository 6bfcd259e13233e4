"""The room's weights in engagement.yaml: each stakeholder's priorities among the four criteria,
given one of four ways, and how the group's weights combine them (docs/method.md, "The room's
weights").

```yaml
room_weights:
  combine: mean                 # mean of normalised weights | geometric: of AHP judgements
  stakeholders:
    sales_director: {rank: [fit, integration, viability, tco]}
    finance_controller: {swing: {tco: 100, fit: 60, viability: 40, integration: 20}}
    it_manager: {ahp: {fit/integration: 1/2, fit/tco: 3, fit/viability: 2,
                       integration/tco: 4, integration/viability: 3, tco/viability: 1/2}}
    general_manager: {weights: {fit: 40, integration: 20, tco: 25, viability: 15}}
```
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .._vocabulary import CRITERIA
from ._common import Identifier, Model
from ._weights import Weights

#: the comparisons AHP takes: every pair of criteria once (6 for 4 criteria)
PAIRS = tuple(combinations(CRITERIA, 2))
LOWEST, HIGHEST = 1 / 9, 9.0


def _judgement(v: Any) -> float:
    """A pairwise judgement: a number or a fraction written "1/3", from 1/9 to 9 (Saaty's scale)."""
    value: float | None = None
    if isinstance(v, int | float) and not isinstance(v, bool):
        value = float(v)
    elif isinstance(v, str):
        try:
            value = float(Fraction(v.strip()))
        except (ValueError, ZeroDivisionError):
            value = None
    if value is None or not math.isfinite(value):
        raise PydanticCustomError("judgement", "must be a number or a fraction such as 1/3 (got {v})", {"v": v})
    if not LOWEST - 1e-9 <= value <= HIGHEST + 1e-9:
        raise PydanticCustomError("judgement", "must be from 1/9 to 9 (got {v})", {"v": v})
    return value


Judgement = Annotated[
    float,
    PlainValidator(_judgement),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": LOWEST, "maximum": HIGHEST}, {"type": "string"}]}),
]


def _all_criteria(values: Weights) -> Weights:
    """Weights naming every criterion (a stakeholder's weights leave none out), not all 0."""
    missing = [c for c in CRITERIA if c not in values.named()]
    if missing:
        raise ValueError(f"missing criterion {', '.join(missing)}")
    if sum(values.named().values()) <= 0:
        raise ValueError("all weights are 0: give at least one weight > 0")
    return values


class StakeholderWeighting(Model):
    """One stakeholder's priorities, given exactly one way: `weights` (any numbers, normalised),
    `rank` (most important first: rank-order centroid weights), `swing` (points, the most
    important swing at 100) or `ahp` (the six pairwise comparisons, "a/b": how many times a
    matters more than b)."""

    weights: Weights | None = None
    rank: list[str] | None = None
    swing: Weights | None = None
    ahp: dict[str, Judgement] | None = None

    @field_validator("weights", "swing")
    @classmethod
    def _every_criterion(cls, values: Weights | None) -> Weights | None:
        return None if values is None else _all_criteria(values)

    @field_validator("rank")
    @classmethod
    def _each_once(cls, order: list[str] | None) -> list[str] | None:
        if order is not None and sorted(order) != sorted(CRITERIA):
            raise ValueError(f"list each criterion once, most important first ({', '.join(CRITERIA)})")
        return order

    @field_validator("ahp")
    @classmethod
    def _every_pair(cls, ahp: dict[str, float] | None) -> dict[str, float] | None:
        if ahp is not None:
            pairs(ahp)
        return ahp

    @model_validator(mode="after")
    def _one_way(self) -> StakeholderWeighting:
        given = [k for k in ("weights", "rank", "swing", "ahp") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of weights, rank, swing or ahp")
        return self

    @property
    def method(self) -> str:
        return next(k for k in ("weights", "rank", "swing", "ahp") if getattr(self, k) is not None)

    def judgements(self) -> dict[tuple[str, str], float]:
        """The AHP comparisons as {(a, b): a over b} for the pairs in criterion order."""
        return pairs(self.ahp or {})


def pairs(ahp: dict[str, float]) -> dict[tuple[str, str], float]:
    """`ahp` as written ("a/b": a over b) as {(a, b): a over b} for PAIRS; ValueError unless every
    pair is there once."""
    found: dict[tuple[str, str], float] = {}
    for key, value in ahp.items():
        parts = [p.strip() for p in key.split("/")]
        if len(parts) != 2 or not set(parts) <= set(CRITERIA) or parts[0] == parts[1]:
            raise ValueError(f"{key!r} is not a pair of criteria such as fit/tco")
        a, b = parts
        pair, judged = ((a, b), value) if (a, b) in PAIRS else ((b, a), 1 / value)
        if pair in found:
            raise ValueError(f"{pair[0]}/{pair[1]} is compared twice")
        found[pair] = judged
    missing = [f"{a}/{b}" for a, b in PAIRS if (a, b) not in found]
    if missing:
        raise ValueError(f"missing comparison {', '.join(missing)}")
    return found


class RoomWeights(Model):
    """Every stakeholder's weighting and how the group's weights combine them."""

    combine: Literal["mean", "geometric"] = "mean"
    stakeholders: dict[Identifier, StakeholderWeighting] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _geometric_needs_ahp(self) -> RoomWeights:
        if self.combine == "geometric" and any(s.ahp is None for s in self.stakeholders.values()):
            raise ValueError("combine: geometric combines AHP judgements: every stakeholder needs ahp")
        return self
