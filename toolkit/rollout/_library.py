"""The names of the rollout's phases, statuses, roles and deliverables, shown to people: one place
for the CLI, the charts, the exports and the apps."""

from __future__ import annotations

from pathlib import Path

from ..files._i18n import label, messages
from ..files._problems import ToolkitError
from ..model._catalog import catalog
from ..model._profiles import vendor_profiles
from ..model._task_library import INTEGRATION_PREFIX, task_library
from ..model.schema import PlanTask, text_of


def phase_names(lang: str = "en") -> dict[str, str]:
    """Each phase's display name, e.g. "Weeks 0-2: the core"."""
    return {p.id: text_of(p.name, lang) for p in task_library().phases}


def status_label(status: str, lang: str = "en") -> str:
    return label(f"status_{status}", lang)


def role_name(role: str | None, lang: str = "en") -> str:
    """An owner role's name; a role the library does not know is shown as written."""
    text = task_library().roles.get(role or "")
    return text_of(text, lang) if text is not None else (role or "")


def target_name(target: str | None, lang: str = "en") -> str:
    """The name of what a task delivers: a capability, or `integration:SYSTEM`."""
    if not target:
        return ""
    cat = catalog()
    if target.startswith(INTEGRATION_PREFIX):
        return cat.integration_name(target[len(INTEGRATION_PREFIX) :], lang)
    return cat.capability_name(target, lang)


def level_label(task: PlanTask, lang: str = "en") -> str:
    """The chosen vendor's support for what a task delivers: a 0..3 rating or an integration level."""
    if task.level is None:
        return ""
    if task.level_origin == "unrated":
        return label("rx_unrated", lang)
    if isinstance(task.level, int):
        return label("rx_rating", lang, n=task.level)
    key = f"rx_lv_{task.level}"
    return label(key, lang) if key in messages() else str(task.level)


def vendor_name(folder: str | Path, vendor_id: str, lang: str = "en") -> str:
    """The chosen vendor's name from the profiles the engagement sees; its id when no valid profile
    names it (a broken local profile is `validate`'s business, not a chart's or an export's)."""
    try:
        profile = vendor_profiles(folder).get(vendor_id)
    except ToolkitError:
        return vendor_id
    return text_of(profile.name, lang) if profile is not None else vendor_id
