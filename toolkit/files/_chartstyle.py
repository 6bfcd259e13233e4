"""The look every toolkit chart shares: palette, base rcParams and the CJK font finder.

The executive report and the rollout charts draw with matplotlib's `Figure` API (no pyplot, no
global backend switch), so one style module keeps them looking like one product. Chinese labels
need a CJK font; it is looked up once, and when none is installed the charts still render and one
`FontWarning` per caller says what to install.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._i18n import label

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

INK, MUTED, GRID, ALERT = "#1d2733", "#6b7785", "#d9dee4", "#a23b3b"
FALLBACK_FAMILY = "DejaVu Sans"

_PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)
_FILE_HINTS = ("cjk", "sourcehan", "wqy", "wenquanyi", "notosanssc", "msyh", "simhei", "pingfang")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


class FontWarning(UserWarning):
    """No CJK font was found: Chinese text in the charts may show as empty boxes."""


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed CJK font, or None.

    matplotlib's font cache does not see fonts installed after it was built, so when the cache
    knows none, the system font folders are searched and the CJK files added.
    """
    from matplotlib import font_manager as fm

    def pick() -> str | None:
        names = {f.name for f in fm.fontManager.ttflist}
        found = next((n for n in _PREFERRED if n in names), None)
        return found or next((n for n in sorted(names) if "CJK" in n and "Mono" not in n), None)

    found = pick()
    if found is None:
        known = {f.fname for f in fm.fontManager.ttflist}
        for path in fm.findSystemFonts():
            if path not in known and any(h in Path(path).name.lower().replace("-", "") for h in _FILE_HINTS):
                try:
                    fm.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = pick()
    return found


def font_families(
    font: str | None, texts: Iterable[str], lang: str, *, warned: bool, stacklevel: int = 3
) -> tuple[list[str], bool]:
    """The `font.family` list to draw with, and whether the missing-font warning has now been given.

    The CJK font comes first (its Latin glyphs are fine), DejaVu Sans catches anything it lacks.
    The caller keeps `warned`, so each chart family warns once per process, not once per chart.
    """
    if font:
        return [font, FALLBACK_FAMILY], warned
    if not warned and (lang == "zh" or any(_CJK.search(t) for t in texts)):
        warnings.warn(label("rpt_font_missing", lang), FontWarning, stacklevel=stacklevel)
        warned = True
    return [FALLBACK_FAMILY], warned


def base_rc(families: list[str], *, salt: str) -> dict[RcKeyType, Any]:
    """rcParams for one chart: quiet axes, ink text, glyphs as paths, ids stable per `salt`.

    `svg.fonttype: path` lets Chinese show in any browser or slide deck without the font;
    `svg.hashsalt` keeps the SVG byte-identical between runs, and distinct between the charts
    pasted into one page.
    """
    return {
        "font.family": families,
        "font.size": 8.5,
        "svg.fonttype": "path",
        "svg.hashsalt": salt,
        "axes.edgecolor": GRID,
        "axes.labelcolor": INK,
        "axes.titlesize": 9,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": MUTED,
        "ytick.color": INK,
        "text.color": INK,
        "legend.frameon": False,
        "legend.fontsize": 8,
    }
