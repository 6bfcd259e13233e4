"""The industry profile: what the seeds say about one industry, each statement sourced."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ._common import Grade, Identifier, Model, Source, Sourced, Text
from ._rollout import TaskTemplate


class Statements(Sourced):
    items: list[Text] = Field(min_length=1)


class Steps(Sourced):
    steps: list[Text] = Field(min_length=1)


class Modules(Sourced):
    capabilities: list[Identifier] = Field(min_length=1)


class Difficulty(Sourced):
    value: Literal["high", "medium", "low"]


class Share(Sourced):
    value: float = Field(ge=0, le=1)
    approx: bool = False


class Market(Model):
    crm_penetration: Share | None = None
    satisfaction: Share | None = None


class CaseResult(Sourced):
    text: Text
    metric: Identifier | None = None
    change: float | None = None


class Kpi(Sourced):
    id: Identifier
    name: Text
    unit: str
    direction: Literal["up", "down"]


class IndustryProfile(Model):
    id: Identifier
    name: Text
    summary: Text | None = None
    sources: dict[Identifier, Source]
    needs: Statements | None = None
    process_chain: Steps | None = None
    pain_points: Statements | None = None
    recommended_modules: Modules | None = None
    adaptation_difficulty: Difficulty | None = None
    trends: Statements | None = None
    market: Market | None = None
    case_results: list[CaseResult] = Field(default_factory=list)
    suggested_grades: dict[Identifier, Grade] = Field(default_factory=dict)
    suggested_integrations: dict[Identifier, Grade] = Field(default_factory=dict)
    kpis: list[Kpi] = Field(default_factory=list)
    tasks: list[TaskTemplate] = Field(default_factory=list)  # the industry's own rollout tasks
