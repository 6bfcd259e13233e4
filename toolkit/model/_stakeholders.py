"""A stakeholder as pages show them: name and role in the page's language, from the
`stakeholders:` list of requirements.yaml; a voter with no entry (files written before the list
existed) by their id, underscores read as spaces. Light: no import at run time, so a page or an
export asks for a label without loading anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .schema import LocalizedText, Requirements

#: between a stakeholder's name and role (王芳 · 销售总监)
SEPARATOR = " · "


def _text(value: str | LocalizedText | None, lang: str) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.get(lang)


def stakeholder_parts(requirements: Requirements, who: str, lang: str) -> tuple[str, str]:
    """(name, role) of the voter `who` in `lang`; (the id with underscores as spaces, "") when the
    file does not list them (the role "" too when the entry gives none)."""
    for person in requirements.stakeholders:
        if person.id == who:
            return _text(person.name, lang), _text(person.role, lang)
    return who.replace("_", " "), ""


def stakeholder_label(requirements: Requirements, who: str, lang: str) -> str:
    """`name · role` of the voter `who` in `lang` (王芳 · 销售总监), or just the name."""
    name, role = stakeholder_parts(requirements, who, lang)
    return f"{name}{SEPARATOR}{role}" if role else name
