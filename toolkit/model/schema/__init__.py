"""Schemas of every file kind, one frozen pydantic model each, exportable as JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .._vocabulary import (
    CRITERIA,
    EFFORT_BASES,
    EVIDENCE_GRADES,
    GRADES,
    NOT_PUBLIC,
    PHASES,
    PROFILE_GRADES,
    SOURCE_KINDS,
    STALE_AFTER_MONTHS,
    STATUSES,
    SUPPORT_LEVELS,
    TRACKS,
    UNKNOWN,
    VIABILITY_ITEMS,
)
from ._catalog import Capability, CatalogFile, IntegrationTarget
from ._common import (
    Graded,
    LocalizedText,
    Model,
    Source,
    Sourced,
    published_start,
    text_of,
)
from ._engagement import (
    QUOTE_FIELDS,
    QUOTE_KEY,
    EngagementSettings,
    Evaluations,
    Evidence,
    IntegrationRequirement,
    Requirement,
    Requirements,
    Stakeholder,
)
from ._industry import IndustryProfile, Kpi
from ._rollout import (
    PlanKpi,
    PlanPhase,
    PlanTask,
    RolloutFile,
    TaskLibrary,
    TaskTemplate,
)
from ._room import PAIRS, RoomWeights, StakeholderWeighting
from ._vendor import Edition, VendorProfile
from ._weights import DEFAULT_WEIGHTS, Weights

#: file kind -> (model, JSON Schema file name)
FILE_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "engagement": (EngagementSettings, "engagement.schema.json"),
    "requirements": (Requirements, "requirements.schema.json"),
    "evaluations": (Evaluations, "evaluations.schema.json"),
    "vendor_profile": (VendorProfile, "vendor_profile.schema.json"),
    "industry_profile": (IndustryProfile, "industry_profile.schema.json"),
    "rollout": (RolloutFile, "rollout.schema.json"),
    "task_library": (TaskLibrary, "task_library.schema.json"),
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema (draft 2020-12) of each file kind, keyed by file name."""
    out = {}
    for kind, (model, name) in FILE_KINDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://crm-toolkit.invalid/schema/{name}"
        schema.setdefault("title", kind)
        out[name] = schema
    return out


def write_json_schemas(folder: str | Path) -> list[Path]:
    """Write every schema into `folder` (created if missing); returns the paths written."""
    from ...files._yaml import write_atomic

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        write_atomic(path, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written


__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "EFFORT_BASES",
    "EVIDENCE_GRADES",
    "FILE_KINDS",
    "GRADES",
    "NOT_PUBLIC",
    "PAIRS",
    "PHASES",
    "PROFILE_GRADES",
    "QUOTE_FIELDS",
    "QUOTE_KEY",
    "SOURCE_KINDS",
    "STALE_AFTER_MONTHS",
    "STATUSES",
    "SUPPORT_LEVELS",
    "TRACKS",
    "UNKNOWN",
    "VIABILITY_ITEMS",
    "Capability",
    "CatalogFile",
    "Edition",
    "EngagementSettings",
    "Evaluations",
    "Evidence",
    "Graded",
    "IndustryProfile",
    "IntegrationRequirement",
    "IntegrationTarget",
    "Kpi",
    "LocalizedText",
    "Model",
    "PlanKpi",
    "PlanPhase",
    "PlanTask",
    "Requirement",
    "Requirements",
    "RolloutFile",
    "RoomWeights",
    "Source",
    "Sourced",
    "Stakeholder",
    "StakeholderWeighting",
    "TaskLibrary",
    "TaskTemplate",
    "VendorProfile",
    "Weights",
    "json_schemas",
    "published_start",
    "text_of",
    "write_json_schemas",
]
