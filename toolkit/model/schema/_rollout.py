"""The rollout files (METHOD.md §7): the task library, industry tasks, and rollout.yaml."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from ._common import Date, EffortBasis, Identifier, Model, Sourced, Text

Phase = Literal["weeks-0-2", "weeks-2-8", "weeks-8-plus"]
Track = Literal["delivery", "change"]
Status = Literal["todo", "doing", "blocked", "done"]
Origin = Literal["library", "industry", "requirement", "integration"]
Delivers = str  # a capability id, or `integration:SYSTEM`; checked against the catalog


class TaskTemplate(Model):
    """One task of the library or of an industry profile, before it meets an engagement."""

    # not a Sourced: a library task has no source (Sourced's two fields, in their order)
    source: str | None = None  # in an industry profile: a key of its `sources`
    note: Text | None = None
    id: Identifier
    phase: Phase
    track: Track = "delivery"
    title: Text
    category: Identifier
    delivers: Delivers | None = None
    covers: list[Delivers] = Field(default_factory=list)  # more capabilities this task satisfies
    acceptance: Text
    owner_role: Identifier
    effort_days: float = Field(gt=0)
    # what effort_days rests on: required in an industry profile (docs/profiles.md)
    effort_basis: EffortBasis | None = None
    effort_note: Text | None = None


class PhaseSpec(Model):
    id: Phase
    name: Text
    start_week: int = Field(ge=0)
    weeks: int = Field(gt=0)


class GeneratedTask(Model):
    """The wording and size of the tasks made from requirements and integrations."""

    title: Text  # {name}: the capability's or integration's name
    acceptance: Text  # {requirements}: the requirement ids; {product}: the integrated product
    category: Identifier
    owner_role: Identifier
    effort_days: float = Field(gt=0)


class EffortFactors(Model):
    """Effort multipliers: the less the vendor supports a thing, the more work it is."""

    rating: dict[int, float]  # capability rating 0..3 (unrated counts as 0)
    support: dict[Literal["native", "partner", "api", "none"], float]


class TaskLibrary(Model):
    phases: list[PhaseSpec] = Field(min_length=3, max_length=3)
    roles: dict[Identifier, Text]
    categories: dict[Identifier, Text]
    departments: dict[str, Identifier] = Field(default_factory=dict)  # requirement department -> owner role
    effort_factors: EffortFactors
    requirement_task: GeneratedTask
    integration_task: GeneratedTask
    tasks: list[TaskTemplate]


# --- rollout.yaml -------------------------------------------------------------------------


class PlanPhase(Model):
    id: Phase
    start: Date
    end: Date  # inclusive: the default due date of the phase's tasks


class PlanTask(Model):
    id: Identifier
    phase: Phase
    track: Track = "delivery"
    origin: Origin = "library"
    title: Text
    category: Identifier
    delivers: Delivers | None = None
    requirements: list[str] = Field(default_factory=list)
    must: bool = False
    acceptance: Text | None = None
    owner_role: Identifier | None = None
    level: int | str | None = None  # the chosen vendor's rating (0..3) or support level for `delivers`
    level_origin: str | None = None  # evidence | edition | profile | unrated
    effort_days: float = Field(ge=0)
    due: Date
    status: Status = "todo"
    owner: str | None = None
    note: str | None = None


class PublishedClaim(Sourced):
    """A change a seed document reports for a KPI (e.g. -20 %), copied into the plan with its source."""

    change: float

    @model_serializer(mode="wrap")
    def _in_file_order(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """change, then source and note: the key order rollout.yaml has always had, so that a
        plan regenerated in a folder kept in git shows no change."""
        data = handler(self)
        return {k: data[k] for k in ("change", "source", "note") if k in data}


class PlanKpi(Model):
    id: Identifier
    name: Text
    unit: str
    direction: Literal["up", "down"]
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    claims: list[PublishedClaim] = Field(default_factory=list)  # marketing case figures, never targets


class LeftOut(Model):
    """A library or industry task left out of the plan, and why (its deliverable graded wont)."""

    id: Identifier
    delivers: Delivers


class RolloutFile(Model):
    vendor: Identifier
    start_date: Date
    phases: list[PlanPhase] = Field(min_length=3, max_length=3)
    tasks: list[PlanTask] = Field(default_factory=list)
    kpis: list[PlanKpi] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(default_factory=list)
