"""The report's entry points: figures from an engagement to an HTML page or a workbook on disk."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

from ..files._problems import ToolkitError
from ..model._engagement import Engagement
from ..scoring import Scorecard, Sensitivity, score, sensitivity
from ._facts import gather

if TYPE_CHECKING:
    from openpyxl import Workbook

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".pdf": "pdf"}


def report_html(
    engagement: Engagement,
    card: Scorecard,
    sens: Sensitivity,
    lang: str = "en",
    *,
    unverified: Sensitivity | None = None,
    today: dt.date | None = None,
) -> str:
    """The executive scorecard as one self-contained HTML page.

    `unverified` is the ratings-uncertainty run behind "what rests on unverified claims"; when
    not given it is `sens` if that already is one, else the same sampling redone (METHOD.md §6).
    `today` is the report date (a source published more than `stale_after_months`, default 18,
    months before it is stale).
    """
    from ._html import render_html

    return render_html(gather(engagement, card, sens, unverified=unverified, today=today), lang)


def report_xlsx(
    engagement: Engagement,
    card: Scorecard,
    sens: Sensitivity,
    lang: str = "en",
    *,
    unverified: Sensitivity | None = None,
    today: dt.date | None = None,
) -> Workbook:
    """The same figures as an openpyxl Workbook, one filterable table per sheet."""
    from ._xlsx import render_xlsx

    return render_xlsx(gather(engagement, card, sens, unverified=unverified, today=today), lang)


def report_format(path: str | Path) -> str:
    """`html`, `xlsx` or `pdf` from the file's suffix; anything else is a usage error."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ToolkitError(f"the report file must end in .html, .xlsx or .pdf (got {path})")
    return fmt


def write_report(
    engagement: Engagement,
    path: str | Path,
    *,
    lang: str = "en",
    samples: int = 10_000,
    seed: int = 0,
    today: dt.date | None = None,
    strict: bool = False,
    card: Scorecard | None = None,
) -> Path:
    """Score the engagement, run its sensitivity analysis and write the report, all at once.

    The format follows the suffix (.html, .xlsx, or .pdf printed by headless Chromium). The file
    is replaced atomically, and not touched at all when scoring fails (`InvalidInput` with every
    problem). A missing price or cost makes the report preliminary (a banner lists the figures),
    or, with `strict`, fails. `card`: the engagement's scorecard when the caller has scored it
    already.
    """
    path = Path(path)
    fmt = report_format(path)
    if not path.parent.is_dir():
        raise ToolkitError(f"cannot write {path}: the folder {path.parent} does not exist")
    if fmt == "pdf":
        from ._pdf import browser, html_to_pdf

        browser()  # no browser: say so before the sampling
    card = card or score(engagement, strict=strict)
    sens = sensitivity(card, samples=samples, seed=seed, uncertainty=engagement.settings.uncertainty, today=today)
    from ..files._yaml import write_atomic

    if fmt in ("html", "pdf"):
        page = report_html(engagement, card, sens, lang, today=today)
        write_atomic(path, page if fmt == "html" else html_to_pdf(page))
        return path
    workbook = report_xlsx(engagement, card, sens, lang, today=today)
    buf = io.BytesIO()
    workbook.save(buf)
    write_atomic(path, buf.getvalue())
    return path
