"""CRM selection and implementation toolkit.

Grade requirements from stakeholder votes, score vendors on sourced profiles, plan and track
the rollout: every number reproducible by hand from a folder of YAML (see METHOD.md).

    import toolkit
    engagement = toolkit.load_engagement("examples/demo-manufacturer")
    card = toolkit.score(engagement)                      # a Scorecard: card.ranked, card.total
    robust = toolkit.sensitivity(card, seed=1)            # SMAA and weight stability
    takes = toolkit.what_it_takes(card)                   # what each vendor needs to rank first
    plan = toolkit.generate_plan(engagement)              # the 0-2 / 2-8 / 8+ week plan

Each name is imported on first use, so that `import toolkit` (and the command line that lives
inside it) stays fast: checking a file never loads pandas, numpy or matplotlib.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .files._version import VERSION as __version__

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from .files._problems import EngagementInvalid, InvalidInput, Problem, ToolkitError
    from .model._catalog import Catalog, catalog
    from .model._engagement import Engagement, check_engagement, load_engagement
    from .model._grading import GradingTable, grading_table
    from .model._profiles import industry_profile, industry_profiles, vendor_profiles
    from .model._validate import validate
    from .model.schema import CRITERIA, Weights
    from .requirements_matrix import new_engagement
    from .rollout import (
        RolloutStatus,
        default_vendor,
        generate_plan,
        read_rollout,
        rollout_status,
        save_plan,
        update_kpi,
        update_task,
    )
    from .scoring import (
        Scorecard,
        Sensitivity,
        WhatItTakes,
        rank_acceptability,
        score,
        sensitivity,
        weight_stability,
        weighted_sum,
        what_it_takes,
        what_it_takes_sentences,
    )

#: public name -> the module that defines it
_WHERE = {
    "EngagementInvalid": ".files._problems",
    "InvalidInput": ".files._problems",
    "Problem": ".files._problems",
    "ToolkitError": ".files._problems",
    "Catalog": ".model._catalog",
    "catalog": ".model._catalog",
    "Engagement": ".model._engagement",
    "check_engagement": ".model._engagement",
    "load_engagement": ".model._engagement",
    "GradingTable": ".model._grading",
    "grading_table": ".model._grading",
    "industry_profile": ".model._profiles",
    "industry_profiles": ".model._profiles",
    "vendor_profiles": ".model._profiles",
    "validate": ".model._validate",
    "CRITERIA": ".model.schema",
    "Weights": ".model.schema",
    "new_engagement": ".requirements_matrix",
    "RolloutStatus": ".rollout",
    "default_vendor": ".rollout",
    "generate_plan": ".rollout",
    "read_rollout": ".rollout",
    "rollout_status": ".rollout",
    "save_plan": ".rollout",
    "update_kpi": ".rollout",
    "update_task": ".rollout",
    "Scorecard": ".scoring",
    "Sensitivity": ".scoring",
    "rank_acceptability": ".scoring",
    "score": ".scoring",
    "sensitivity": ".scoring",
    "weight_stability": ".scoring",
    "weighted_sum": ".scoring",
    "WhatItTakes": ".scoring",
    "what_it_takes": ".scoring",
    "what_it_takes_sentences": ".scoring",
}

__all__ = [
    "CRITERIA",
    "Catalog",
    "Engagement",
    "EngagementInvalid",
    "GradingTable",
    "InvalidInput",
    "Problem",
    "RolloutStatus",
    "Scorecard",
    "Sensitivity",
    "ToolkitError",
    "Weights",
    "WhatItTakes",
    "__version__",
    "catalog",
    "check_engagement",
    "default_vendor",
    "generate_plan",
    "grading_table",
    "industry_profile",
    "industry_profiles",
    "load_engagement",
    "new_engagement",
    "rank_acceptability",
    "read_rollout",
    "rollout_status",
    "save_plan",
    "score",
    "sensitivity",
    "update_kpi",
    "update_task",
    "validate",
    "vendor_profiles",
    "weight_stability",
    "weighted_sum",
    "what_it_takes",
    "what_it_takes_sentences",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
