"""engagement.yaml, requirements.yaml and evaluations.yaml (METHOD.md §2-§5, §8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, PlainSerializer, PlainValidator, RootModel, WithJsonSchema
from pydantic_core import PydanticCustomError

from ._common import (
    _TEXT_SCHEMA,
    Amount,
    Currency,
    Date,
    EvidenceRating,
    EvidenceSupport,
    Grade,
    Identifier,
    LocalizedText,
    MinimumGrade,
    Model,
    NonNegInt,
    PositiveInt,
    Text,
    _fail,
    _text,
    _text_out,
)
from ._room import RoomWeights
from ._weights import DEFAULT_WEIGHTS, Weights


def _illustrative(v: Any) -> bool | str | LocalizedText:
    if isinstance(v, bool):
        return v
    try:
        return _text(v)
    except PydanticCustomError:
        raise _fail(
            "illustrative", "must be true, false, or a note of what is fictional: {en: ..., zh: ...}", v
        ) from None


#: engagement.yaml `illustrative`: true, or a note (a text or {en, zh}) of what is fictional
Illustrative = Annotated[
    bool | str | LocalizedText,
    PlainValidator(_illustrative),
    PlainSerializer(lambda v: v if isinstance(v, bool) else _text_out(v)),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, *_TEXT_SCHEMA["anyOf"]]}),
]


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
    # the client, its people and the quotes are fictional: every output says so first
    illustrative: Illustrative | None = None
    industry: Identifier
    currency: Currency
    fx: dict[Currency, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    users: NonNegInt
    horizon_years: PositiveInt = 3
    discount_rate: Amount = 0.0
    start_date: Date | None = None
    weights: Weights | None = None
    room_weights: RoomWeights | None = None
    grade_weights: GradeWeights | None = None
    knockout: Literal["exclude", "flag", "ignore"] = "exclude"
    viability_weights: ViabilityWeights | None = None
    uncertainty: Literal["none", "ratings"] = "none"
    stale_after_months: PositiveInt | None = None  # a source published longer ago is stale (default 18)
    must_min_grade: MinimumGrade | None = None  # a must-have resting on weaker evidence is a must gap
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
    evidence: Text  # what was seen, as written, or {en: ..., zh: ...} for readers of both languages
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
