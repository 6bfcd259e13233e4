"""engagement.yaml, requirements.yaml and evaluations.yaml (METHOD.md §2-§5, §8)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, RootModel

from .._vocabulary import CRITERIA
from ._common import (
    Amount,
    Currency,
    Date,
    EvidenceRating,
    EvidenceSupport,
    Grade,
    Identifier,
    Model,
    NonNegInt,
    PositiveInt,
    Text,
)


class Weights(Model):
    """The criterion weights, the one shape from engagement.yaml to the chart.

    As written: any numbers >= 0, a criterion left out weighs 0 (METHOD.md §9). `shares()` gives
    the normalised weights the total uses (sum 1); `percentages()` the whole percentages the
    sliders show and a save writes (sum exactly 100); `rebalanced()` one slider moved.
    """

    fit: Amount | None = None
    integration: Amount | None = None
    tco: Amount | None = None
    viability: Amount | None = None

    def __getitem__(self, criterion: str) -> float:
        return float(getattr(self, criterion) or 0.0)

    def items(self) -> list[tuple[str, float]]:
        """(criterion, weight) in criterion order, a left-out criterion as 0."""
        return [(c, self[c]) for c in CRITERIA]

    def named(self) -> dict[str, float]:
        """The weights the file names (None: left out)."""
        return {c: float(v) for c in CRITERIA if (v := getattr(self, c)) is not None}

    def shares(self) -> Weights:
        """Each weight over their sum: Ŵ_c, summing to 1; raises ValueError when all are 0."""
        total = sum(self[c] for c in CRITERIA)
        if total <= 0:
            raise ValueError("weights sum to 0: give at least one weight > 0")
        return Weights(**{c: self[c] / total for c in CRITERIA})

    def percentages(self) -> dict[str, int]:
        """Whole percentages summing to exactly 100 (largest remainder); equal when all are 0."""
        total = sum(self[c] for c in CRITERIA)
        if total <= 0:
            return largest_remainder({c: 100 / len(CRITERIA) for c in CRITERIA}, 100)
        return largest_remainder({c: 100 * self[c] / total for c in CRITERIA}, 100)

    def rebalanced(self, moved: str, value: int) -> dict[str, int]:
        """Whole percentages with `moved` set to `value` (0..100) and the others rescaled in
        proportion to sum 100; when the others all weigh 0 they share the rest equally (the
        rule of METHOD.md §6)."""
        shown = self.percentages()
        value = max(0, min(100, int(value)))
        others = [c for c in CRITERIA if c != moved]
        rest = 100 - value
        base = sum(shown[c] for c in others)
        split = {c: rest * shown[c] / base if base > 0 else rest / len(others) for c in others}
        return {**largest_remainder(split, rest), moved: value}


def largest_remainder(shares: Mapping[str, float], total: int) -> dict[str, int]:
    """Whole numbers summing to `total`, each the floor of its share plus one for the largest
    remainders (ties in criterion order)."""
    floors = {c: math.floor(x + 1e-9) for c, x in shares.items()}
    left = total - sum(floors.values())
    order = sorted(shares, key=lambda c: (-(shares[c] - floors[c]), CRITERIA.index(c)))
    for c in order[: max(0, left)]:
        floors[c] += 1
    return {c: floors[c] for c in CRITERIA if c in floors}


#: the weights of an engagement that names none (METHOD.md §5)
DEFAULT_WEIGHTS = Weights(fit=40, integration=20, tco=25, viability=15)


class GradeWeights(Model):
    must: float | None = Field(default=None, gt=0)
    could: float | None = Field(default=None, gt=0)


class ViabilityWeights(Model):
    market_presence: Amount | None = None
    financial_strength: Amount | None = None
    customer_base: Amount | None = None
    ecosystem: Amount | None = None
    product_momentum: Amount | None = None
    local_delivery: Amount | None = None


class IntegrationBuild(Model):
    native: Amount | None = None
    partner: Amount | None = None
    api: Amount | None = None
    none: Amount | None = None


class Costs(Model):
    implementation: dict[Identifier, Amount] = Field(default_factory=dict)
    integration_build: IntegrationBuild | None = None
    training_per_user: Amount | None = None
    data_migration: Amount | None = None
    admin_per_year: Amount | None = None
    annual_uplift: Amount | None = None


class EngagementSettings(Model):
    client: str
    industry: Identifier
    currency: Currency
    fx: dict[Currency, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    users: NonNegInt
    horizon_years: PositiveInt = 3
    discount_rate: Amount = 0.0
    start_date: Date | None = None
    weights: Weights | None = None
    grade_weights: GradeWeights | None = None
    knockout: Literal["exclude", "flag", "ignore"] = "exclude"
    viability_weights: ViabilityWeights | None = None
    uncertainty: Literal["none", "ratings"] = "none"
    shortlist: list[Identifier] | None = None
    editions: dict[Identifier, Identifier] = Field(default_factory=dict)
    costs: Costs | None = None
    title: Text | None = None
    consultant: str | None = None
    notes: str | None = None

    @property
    def criterion_weights(self) -> Weights:
        """The weights as written, else the defaults: the one place the default applies."""
        return self.weights if self.weights is not None else DEFAULT_WEIGHTS


class _Graded:
    """What a requirement and an integration share: votes, and a consultant's grade (the fields
    are each model's own, so that they keep their place in the file's order)."""

    if TYPE_CHECKING:
        votes: dict[str, str]
        grade: str | None

    @property
    def graded(self) -> bool:
        """Votes or a consultant's grade: something to grade it by (METHOD.md §2)."""
        return bool(self.votes) or self.grade is not None


class Requirement(Model, _Graded):
    id: str = Field(min_length=1)
    capability: Identifier
    title: Text | None = None
    department: str | None = None
    votes: dict[str, Grade] = Field(default_factory=dict)
    grade: Grade | None = None
    rationale: str | None = None


class IntegrationRequirement(Model, _Graded):
    system: Identifier
    product: str | None = None
    votes: dict[str, Grade] = Field(default_factory=dict)
    grade: Grade | None = None
    rationale: str | None = None


class Stakeholder(Model):
    """A person who votes: `id` is the key of their votes (votes: {sales_director: must}); pages
    show `name · role` in the page's language."""

    id: Identifier
    name: Text
    role: Text | None = None


class Requirements(Model):
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)
    integrations: list[IntegrationRequirement] = Field(default_factory=list)


QUOTE_KEY = "quote"
QUOTE_FIELDS = (
    "edition",
    "price_per_user_month",
    "min_users",
    "price_per_year",
    "included_users",
    "extra_user_per_year",
    "currency",
    "implementation",
)


class Evidence(Model):
    """What the engagement itself saw: a demo, an RFP answer, a reference call, a price quote.

    Under a capability id it carries `rating`; under `integration:SYSTEM`, `support`; under
    the key `quote`, the vendor's quoted prices for the chosen edition (docs/method.md).
    """

    rating: EvidenceRating | None = None
    support: EvidenceSupport | None = None
    evidence: str = Field(min_length=1)
    date: Date | None = None
    by: str | None = None
    edition: Identifier | None = None
    price_per_user_month: Amount | None = None
    min_users: NonNegInt | None = None
    price_per_year: Amount | None = None
    included_users: NonNegInt | None = None
    extra_user_per_year: Amount | None = None
    currency: Currency | None = None
    implementation: Amount | None = None

    @property
    def quoted(self) -> list[str]:
        """The quote fields given."""
        return [k for k in QUOTE_FIELDS if getattr(self, k) is not None]


class Evaluations(RootModel[dict[Identifier, dict[str, Evidence]]]):
    """vendor id -> capability id (or `integration:SYSTEM`) -> evidence."""

    model_config = {"frozen": True}
