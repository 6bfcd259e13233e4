"""The capability catalog file (toolkit/catalog/capabilities.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ._common import Identifier, Model, Text


class Capability(Model):
    category: Identifier
    hint: Literal["core", "expand", "advanced"]
    en: str
    zh: str
    seeds: list[str] = Field(default_factory=list)


class IntegrationTarget(Model):
    en: str
    zh: str


class CatalogFile(Model):
    categories: dict[Identifier, Text]
    capabilities: dict[Identifier, Capability]
    integrations: dict[Identifier, IntegrationTarget]
