"""The board deck (`crm-toolkit deck DIR -o FILE.pptx`): the report's figures as 16:9 slides a
board reads without the tool, with native charts (data embedded, editable in PowerPoint) and
speaker notes on every slide (docs/method.md, "Board deck").

The slides, in order: title; the recommendation in plain words; the ranking; what makes up each
total; value for money; how robust the ranking is; what it would take for each vendor to rank
first; must-have gaps; TCO by year; the room's weights (when stakeholders gave theirs); the
rollout phases for the recommended vendor; the assumptions and sources.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..files._problems import ToolkitError
from ..model._engagement import Engagement
from ..scoring import Scorecard, Sensitivity, score, sensitivity
from ._facts import ReportData, gather

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

SUFFIX = ".pptx"


def _slides() -> list[Callable[[Presentation, ReportData, str], Slide | None]]:
    from ._deck_charts import contributions_slide, robustness_slide, tco_years_slide, value_slide
    from ._deck_more import assumptions_slide, rollout_slide, room_slide, what_it_takes_slide
    from ._deck_slides import gaps_slide, ranking_slide, recommendation_slide, title_slide

    return [
        title_slide,
        recommendation_slide,
        ranking_slide,
        contributions_slide,
        value_slide,
        robustness_slide,
        what_it_takes_slide,
        gaps_slide,
        tco_years_slide,
        room_slide,  # none when the engagement gives no stakeholder weights
        rollout_slide,
        assumptions_slide,
    ]


def render_deck(data: ReportData, lang: str = "en") -> Presentation:
    """The deck from gathered figures, as a python-pptx Presentation."""
    from ._deck_fonts import apply_fonts
    from ._deck_kit import new_presentation
    from ._deck_slides import add_footers
    from ._illustrative import mark_deck

    prs = new_presentation()
    for slide in _slides():
        slide(prs, data, lang)
    add_footers(prs, data, lang)
    mark_deck(prs, data, lang)  # an illustrative engagement's banner and marks
    apply_fonts(prs, lang)
    return prs


def deck_pptx(
    engagement: Engagement,
    card: Scorecard,
    sens: Sensitivity,
    lang: str = "en",
    *,
    unverified: Sensitivity | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The board deck of a scorecard already computed, as the bytes of a .pptx file."""
    prs = render_deck(gather(engagement, card, sens, unverified=unverified, today=today), lang)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def write_deck(
    engagement: Engagement,
    path: str | Path,
    *,
    lang: str = "en",
    samples: int = 10_000,
    seed: int = 0,
    today: dt.date | None = None,
    card: Scorecard | None = None,
    strict: bool = False,
) -> Path:
    """Score the engagement, run its sensitivity analysis and write the deck, all at once.

    The file is replaced atomically, and not touched at all when scoring fails (`InvalidInput`
    with every problem) or the path is not a .pptx in an existing folder (`ToolkitError`). A
    missing price or cost makes the deck preliminary (its title slide says so), or, with
    `strict`, fails. `card`: the engagement's scorecard when the caller has scored it already.
    """
    path = Path(path)
    check_deck_path(path)
    card = card or score(engagement, strict=strict)
    sens = sensitivity(card, samples=samples, seed=seed, uncertainty=engagement.settings.uncertainty, today=today)
    content = deck_pptx(engagement, card, sens, lang, today=today)
    from ..files._yaml import write_atomic

    write_atomic(path, content)
    return path


def check_deck_path(path: str | Path) -> None:
    """A usage error, before any work, for a file that is not .pptx or a folder that does not exist."""
    path = Path(path)
    if path.suffix.lower() != SUFFIX:
        raise ToolkitError(f"the deck file must end in .pptx (got {path})")
    if not path.parent.is_dir():
        raise ToolkitError(f"cannot write {path}: the folder {path.parent} does not exist")
