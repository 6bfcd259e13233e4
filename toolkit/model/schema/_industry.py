"""The industry profile: what the seeds say about one industry, each statement sourced."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ._common import Grade, Identifier, Model, Source, Text
from ._rollout import TaskTemplate


class Statements(Model):
    items: list[Text] = Field(min_length=1)
    source: str


class Steps(Model):
    steps: list[Text] = Field(min_length=1)
    source: str


class Modules(Model):
    capabilities: list[Identifier] = Field(min_length=1)
    source: str


class Difficulty(Model):
    value: Literal["high", "medium", "low"]
    source: str


class Share(Model):
    value: float = Field(ge=0, le=1)
    approx: bool = False
    source: str
    note: str | None = None


class Market(Model):
    crm_penetration: Share | None = None
    satisfaction: Share | None = None


class CaseResult(Model):
    text: Text
    metric: Identifier | None = None
    change: float | None = None
    source: str


class Kpi(Model):
    id: Identifier
    name: Text
    unit: str
    direction: Literal["up", "down"]
    source: str
    note: str | None = None


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
