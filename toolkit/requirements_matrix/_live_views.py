"""What the ballot and the wall show, as plain data (the JSON of docs/live-workshop.md).

Pure functions of the session, the requirements and the votes. They decide who sees what: a
ballot's state holds its own stakeholder's votes and nothing of anyone else's; the wall's holds,
for a requirement not yet revealed in blind mode, only who has voted.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..model._catalog import catalog
from ..model._grading import consensus_grade, has_conflict
from ..model.schema import GRADES, IntegrationRequirement, Requirement, Requirements, text_of
from ._live_session import Session
from ._render import item_title
from ._store import INTEGRATION

Item = Requirement | IntegrationRequirement
#: the agreement levels, most contested first, and the share from which it is high. Without
#: must meeting won't, the votes hold at most two neighbouring grades, so the commonest holds at
#: least half of them: there is no level below medium but contested.
LEVELS = ("contested", "medium", "high")
HIGH_SHARE = 0.75


@dataclass(frozen=True)
class Agreement:
    """How far the votes on one requirement agree (docs/live-workshop.md, "Agreement")."""

    level: str
    share: float
    votes: int

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "share": round(self.share, 4), "votes": self.votes}


def agreement(votes: Mapping[str, str]) -> Agreement | None:
    """The share of votes on the most common grade; contested when must meets won't; None below
    two votes."""
    grades = [g for g in votes.values() if g in GRADES]
    if len(grades) < 2:
        return None
    share = max(grades.count(g) for g in GRADES) / len(grades)
    if has_conflict(votes):
        level = "contested"
    elif share >= HIGH_SHARE:
        level = "high"
    else:
        level = "medium"
    return Agreement(level, share, len(grades))


def contested_first(items: list[tuple[str, Agreement | None]]) -> list[str]:
    """Keys ordered most contested first: by level, then the lower share, then more votes; keys
    without an agreement (fewer than two votes) last, in their order."""
    rated = [(k, a) for k, a in items if a is not None]
    rated.sort(key=lambda ka: (LEVELS.index(ka[1].level), ka[1].share, -ka[1].votes))
    return [k for k, _ in rated] + [k for k, a in items if a is None]


def session_items(requirements: Requirements) -> list[Item]:
    """What the room grades: every requirement, then every integration, in the file's order."""
    return [*requirements.requirements, *requirements.integrations]


def keys(requirements: Requirements) -> list[str]:
    return [key_of(i) for i in session_items(requirements)]


def key_of(item: Item) -> str:
    return INTEGRATION + item.system if isinstance(item, IntegrationRequirement) else item.id


def _describe(item: Item, lang: str) -> tuple[str, str, str]:
    """(title, description, section) of one item in `lang`."""
    cat = catalog()
    title = item_title(item, lang)
    if isinstance(item, IntegrationRequirement):
        section = cat.integration_name(item.system, lang)
        return title, item.product or "", section
    capability = cat.capability_name(item.capability, lang)
    category = cat.capabilities[item.capability].category if item.capability in cat.capabilities else ""
    section = text_of(cat.categories.get(category), lang) if category else ""
    parts = [capability] if capability != title else []
    if item.rationale:
        parts.append(item.rationale)
    return title, " · ".join(parts), section


def ballot_state(
    session: Session,
    requirements: Requirements,
    votes: Mapping[str, Mapping[str, str]],
    numbers: Mapping[str, int],
    who: str,
    person: tuple[str, str],
    *,
    lang: str,
    now: float,
    version: str,
    client: str,
    engagement: str,
    weighting: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One stakeholder's ballot: the session's state and their own votes (`votes`: key → who →
    grade; only `who`'s are read). `numbers`: key → the last vote number taken from this ballot.
    `weighting`: what the ballot shows of their own weights, when the session asks for them."""
    if session.pace == "own":
        shown = session_items(requirements)
    else:
        shown = [i for i in session_items(requirements) if key_of(i) == session.current]
    items = []
    for item in shown:
        key = key_of(item)
        title, description, section = _describe(item, lang)
        mine = votes.get(key, {}).get(who)
        items.append(
            {
                "key": key,
                "title": title,
                "description": description,
                "section": section,
                "vote": mine,
                "n": numbers.get(key, 0),
            }
        )
    return {
        "version": version,
        "engagement": engagement,
        "client": client,
        "stakeholder": {"id": who, "name": person[0], "role": person[1]},
        "open": session.open,
        "pace": session.pace,
        "blind": session.blind,
        "now": now,
        "timer_ends": session.timer_ends,
        "current": session.current,
        "items": items,
        "weighting": dict(weighting) if session.weighting and weighting is not None else None,
    }


def wall_state(
    session: Session,
    requirements: Requirements,
    votes: Mapping[str, Mapping[str, str]],
    people: Mapping[str, str],
    online: Mapping[str, bool],
    *,
    lang: str,
    now: float,
    version: str,
    weighted: Collection[str] = (),
) -> dict[str, Any]:
    """The wall: who takes part, and per requirement what may be shown (`people`: id → the
    label shown; `online`: id → seen within the last seconds; `weighted`: who has given their
    weights, shown when the session asks for them)."""
    taking_part = set(session.stakeholders)
    current_votes = votes.get(session.current or "", {})
    participants = [
        {
            "id": s,
            "name": people.get(s, s),
            "joined": s in session.joined,
            "online": bool(online.get(s)),
            "voted_current": s in current_votes,
            "weighted": bool(session.weighting) and s in weighted,
        }
        for s in session.stakeholders
    ]
    if session.anonymous:
        for p in participants:
            p["name"] = ""
    items, shown_grades = [], {}
    for item in session_items(requirements):
        key = key_of(item)
        title, _, section = _describe(item, lang)
        cast = {w: g for w, g in votes.get(key, {}).items() if w in taking_part or session.is_revealed(key)}
        revealed = session.is_revealed(key)
        entry: dict[str, Any] = {
            "key": key,
            "title": title,
            "section": section,
            "revealed": revealed,
            "voters": [] if session.anonymous else [people.get(w, w) for w in cast],
            "voted": len(cast),
            "counts": None,
            "votes": None,
            "agreement": None,
            "consensus": None,
            "final": item.grade,
        }
        if revealed:
            entry["counts"] = {g: sum(1 for v in cast.values() if v == g) for g in GRADES}
            if not session.anonymous:
                entry["votes"] = [{"who": people.get(w, w), "grade": g} for w, g in cast.items()]
            found = agreement(cast)
            entry["agreement"] = found.as_dict() if found else None
            entry["consensus"] = consensus_grade(cast)
            shown_grades[key] = item.grade or entry["consensus"]
        elif item.grade:
            shown_grades[key] = item.grade
        items.append(entry)
    summary: dict[str, list[str]] = {g: [] for g in GRADES}
    for entry in items:
        grade = shown_grades.get(entry["key"])
        if grade in summary:
            summary[grade].append(entry["key"])
    return {
        "version": version,
        "open": session.open,
        "pace": session.pace,
        "blind": session.blind,
        "anonymous": session.anonymous,
        "auto_reveal": session.auto_reveal,
        "weighting": session.weighting,
        "now": now,
        "timer_ends": session.timer_ends,
        "current": session.current,
        "participants": participants,
        "items": items,
        "summary": summary,
    }


def everyone_voted(session: Session, votes: Mapping[str, Mapping[str, str]], key: str) -> bool:
    """Every stakeholder of the session has a vote on `key` (auto-reveal's condition)."""
    cast = votes.get(key, {})
    return bool(session.stakeholders) and all(s in cast for s in session.stakeholders)


def file_votes(requirements: Requirements) -> dict[str, dict[str, str]]:
    """key → who → grade, as requirements.yaml holds them."""
    return {key_of(i): dict(i.votes) for i in session_items(requirements)}
