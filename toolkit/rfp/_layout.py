"""What the questionnaire asks and how its cells are laid out, shared by `_export` and `_import`.

The identity of an engagement lives here too: the export writes it into the workbook, the
import compares it with the folder it is asked to write into.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files._problems import ToolkitError
from ..model._engagement import Engagement
from ..model.schema import QUOTE_FIELDS, text_of

FORMAT = "crm-toolkit rfp"
LAYOUT = "1"
ABOUT_SHEET = "About"
LISTS_SHEET = "Lists"
INTEGRATION = "integration:"
RATINGS = (0, 1, 2, 3)
# question sheet: columns, the answer-date cell, the header row; KEY (hidden) names each row
ID, NAME, TEXT, GRADE, ANSWER, EVIDENCE, PROFILE, KEY = range(1, 9)
DATE_ROW, DATE_COL = 2, 2
HEADER_ROW = 3
# pricing sheet: label, answer, current list price, key (hidden)
P_LABEL, P_ANSWER, P_LIST, P_KEY = range(1, 5)
PRICE_FIELDS = tuple(f for f in QUOTE_FIELDS if f != "edition")
COUNT_FIELDS = ("min_users", "included_users")
NOTES = "notes"
#: vendor -> evaluations.yaml key -> entry, as plain data
Answers = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Question:
    """One row to answer: a requirement (by capability) or a required integration."""

    id: str  # requirement id, or integration:SYSTEM
    target: str  # capability id or integration system
    grade: str  # must | could
    text: str  # the requirement's title in the chosen language, or the integration's product

    @property
    def is_integration(self) -> bool:
        return self.id.startswith(INTEGRATION)


def questions(engagement: Engagement, lang: str = "en") -> list[Question]:
    """The requirements and integrations graded must or could, in file order."""
    table = engagement.grading()
    titles = {r.id: r.title for r in engagement.requirements.requirements}
    products = {i.system: i.product for i in engagement.requirements.integrations}
    out = [
        Question(g.id, g.target, g.grade, text_of(titles.get(g.id), lang))
        for g in table.requirements
        if g.grade in ("must", "could")
    ]
    out += [
        Question(g.id, g.target, g.grade, products.get(g.target) or "")
        for g in table.integrations
        if g.grade in ("must", "could")
    ]
    return out


def identity(engagement: Engagement) -> dict[str, str]:
    """Who a questionnaire was made for: client, engagement folder, and what was asked.

    The fingerprint hashes the client, the folder name and the requirement ids and integration
    systems asked about; import matches on client and folder (docs/method.md).
    """
    asked = sorted(q.id for q in questions(engagement))
    digest = hashlib.sha256("\n".join(asked).encode("utf-8")).hexdigest()[:12]
    client = engagement.settings.client
    folder = Path(engagement.path).resolve().name
    return {
        "client": client,
        "engagement": folder,
        "requirements": digest,
        "fingerprint": fingerprint(client, folder, digest),
    }


def fingerprint(client: str, folder: str, requirements: str) -> str:
    return hashlib.sha256(f"{client}\0{folder}\0{requirements}".encode()).hexdigest()[:16]


def chosen_vendors(engagement: Engagement, vendors: list[str] | None) -> list[str]:
    """The vendors to ask: the shortlist, or those named (each must be on it)."""
    if not vendors:
        return list(engagement.shortlist)
    unknown = [v for v in vendors if v not in engagement.shortlist]
    if unknown:
        raise ToolkitError(
            f"vendor {', '.join(unknown)} is not on the shortlist of {engagement.path}: "
            f"choose from {', '.join(engagement.shortlist)}"
        )
    return list(dict.fromkeys(vendors))
