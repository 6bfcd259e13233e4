"""CRM selection and implementation toolkit.

Grade requirements from stakeholder votes, score vendors on sourced profiles, plan and track
the rollout: every number reproducible by hand from a folder of YAML (see METHOD.md).
"""

from __future__ import annotations

from .files._problems import EngagementInvalid, InvalidInput, Problem, ToolkitError
from .files._version import VERSION as __version__
from .model._catalog import Catalog, catalog
from .model._engagement import Engagement, check_engagement, load_engagement
from .model._profiles import industry_profile, industry_profiles, vendor_profiles
from .model._validate import validate
from .requirements_matrix import grading_table, new_engagement

__all__ = [
    "Catalog",
    "Engagement",
    "EngagementInvalid",
    "InvalidInput",
    "Problem",
    "ToolkitError",
    "__version__",
    "catalog",
    "check_engagement",
    "grading_table",
    "industry_profile",
    "industry_profiles",
    "load_engagement",
    "new_engagement",
    "validate",
    "vendor_profiles",
]
