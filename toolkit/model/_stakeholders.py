"""TEMP stub (replaced by the stakeholders branch)."""

from __future__ import annotations

from .schema import Requirements


def stakeholder_parts(requirements: Requirements, who: str, lang: str) -> tuple[str, str]:
    return who.replace("_", " "), ""


def stakeholder_label(requirements: Requirements, who: str, lang: str) -> str:
    name, role = stakeholder_parts(requirements, who, lang)
    return f"{name} · {role}" if role else name
