"""The report's charts: matplotlib (no pyplot, no global backend switch) rendered to inline SVG.

Text is written as glyph paths (`svg.fonttype: path`), so Chinese labels show in any browser,
offline and in print, without the reader having the font. The palette, the base style and the
CJK font finder live in `toolkit.files._chartstyle`, shared with the rollout charts; when no CJK font
is installed, the charts still render and one `FontWarning` says what to install.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..files._chartstyle import ALERT, GRID, INK, MUTED, FontWarning, base_rc, cjk_font, font_families
from ..files._i18n import label
from ..files._sheets import at
from ..model.schema import CRITERIA
from ..scoring._words import money
from ._facts import COMPONENTS, ChartData

__all__ = ["FontWarning", "all_charts", "cjk_font"]  # FontWarning and cjk_font: their historic home

CRITERION_COLOURS = dict(zip(CRITERIA, ("#1f3a5f", "#4a7fb0", "#9dbfdc", "#c9a66b"), strict=True))
COMPONENT_COLOURS = dict(
    zip(COMPONENTS, ("#1f3a5f", "#4a7fb0", "#9dbfdc", "#c8d6e5", "#c9a66b", "#e6d8b8"), strict=True)
)
WIDTH = 7.0  # inches: the A4 text width at 100 %, so 8.5 pt in the chart prints as 8.5 pt

#: what the apps pass as `output=`: the styled Figure and its title -> what to show (e.g. PNG bytes);
#: the report itself uses the default, an inline `<svg>` string
Output = Callable[[Any, str], Any]
if TYPE_CHECKING:
    from typing_extensions import TypeVar

    Shown = TypeVar("Shown", default=str)  # what `output` makes of a chart; without one, the <svg> text

_warned = False


def _families(texts: list[str], lang: str) -> list[str]:
    global _warned
    families, _warned = font_families(cjk_font(), texts, lang, warned=_warned, stacklevel=4)
    return families


def _rc(name: str, texts: list[str], lang: str) -> dict:
    return base_rc(_families(texts, lang), salt=f"crm-report-{name}")


def _svg(fig, title: str) -> str:
    """The figure as an `<svg>` element to paste into HTML: no XML prologue, DTD or metadata."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.04, metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)
    title = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return re.sub(r'width="[^"]*" height="[^"]*"', f'class="chart" role="img" aria-label="{title}"', text, count=1)


def _render(name: str, texts: list[str], lang: str, draw, output: Output | None = None):
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc(name, texts, lang)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
        fig = Figure()
        title = draw(fig)
        return (output or _svg)(fig, title)


def _thousands(x, _pos=None) -> str:
    return money(x)


def _vendor_labels(data: ChartData, lang: str) -> list[str]:
    card = data.card
    out = []
    for v in card.vendors:
        r = card.rank[v]
        mark = ""
        if card.knocked_out[v]:
            mark = f" ({label('knocked_out' if card.knockout == 'exclude' else 'flagged', lang)})"
        out.append(f"{'–' if r is None or str(r) == '<NA>' else int(r)}  {card.name(v, lang)}{mark}")
    return out


def contributions_svg(data: ChartData, lang: str, *, output: Callable[[Any, str], Shown] | None = None) -> Shown:
    """Stacked bars: each criterion's weighted points (Ŵ_c · criterion), summing to the total."""
    card = data.card
    names = _vendor_labels(data, lang)
    contrib = card.contributions

    def draw(fig):
        fig.set_size_inches(WIDTH, 0.42 * len(names) + 1.0)
        ax = fig.add_subplot()
        y = list(range(len(names)))
        left = [0.0] * len(names)
        for c in card.counted:  # a preliminary scorecard's totals leave TCO out
            values = [at(contrib, v, c) for v in card.vendors]
            colour = CRITERION_COLOURS[c]
            ax.barh(y, values, left=left, color=colour, height=0.62, label=label(c, lang), edgecolor="white", lw=0.6)
            for i, (x0, w) in enumerate(zip(left, values, strict=True)):
                if w >= 5:
                    dark = c in ("fit", "integration")
                    ax.text(
                        x0 + w / 2,
                        i,
                        f"{w:.1f}",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="white" if dark else INK,
                    )
            left = [a + b for a, b in zip(left, values, strict=True)]
        for i, v in enumerate(card.vendors):
            ax.text(left[i] + 1, i, f"{card.total[v]:.1f}", va="center", fontsize=8.5, fontweight="bold")
        ax.set_yticks(y, names)
        for tick, v in zip(ax.get_yticklabels(), card.vendors, strict=True):
            if card.knocked_out[v] and card.knockout == "exclude":
                tick.set_color(ALERT)
        ax.invert_yaxis()
        ax.set_xlim(0, max(100.0, max(left) + 8))
        ax.set_xlabel(label("rpt_points", lang))
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.grid(axis="x", color=GRID, lw=0.5)
        ax.set_axisbelow(True)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, handlelength=1.2, borderaxespad=0.3)
        return label("rpt_contributions", lang)

    return _render("contributions", names, lang, draw, output)


def radar_svg(data: ChartData, lang: str, *, output: Callable[[Any, str], Shown] | None = None) -> Shown:
    """One small radar per vendor on the four criteria; the leader's outline dashed in the others."""
    import numpy as np

    card = data.card
    vendors = list(card.vendors)
    axes = list(card.counted)  # the criteria the totals add up: three while TCO is missing
    labels = [label(c, lang) for c in axes]
    names = [card.name(v, lang) for v in vendors]
    angles = np.linspace(0, 2 * np.pi, len(axes), endpoint=False) + np.pi / 2
    closed = np.concatenate([angles, angles[:1]])
    leader = data.leader

    def draw(fig):
        cols = min(3, len(vendors))
        rows = math.ceil(len(vendors) / cols)
        fig.set_size_inches(WIDTH, 2.0 * rows)
        for i, v in enumerate(vendors):
            ax = fig.add_subplot(rows, cols, i + 1, projection="polar")
            values = card.criteria.loc[v, axes].to_numpy(float)
            out = card.knocked_out[v] and card.knockout == "exclude"
            colour = ALERT if out else CRITERION_COLOURS["fit"]
            if leader and v != leader:
                lv = card.criteria.loc[leader, axes].to_numpy(float)
                ax.plot(closed, np.append(lv, lv[0]), color=MUTED, lw=0.8, ls=(0, (3, 2)))
            ax.fill(closed, np.append(values, values[0]), color=colour, alpha=0.22)
            ax.plot(closed, np.append(values, values[0]), color=colour, lw=1.4)
            ax.set_ylim(0, 100)
            ax.set_yticks([25, 50, 75, 100], [])
            ax.set_xticks(angles, [f"{lab}\n{x:.0f}" for lab, x in zip(labels, values, strict=True)], fontsize=7)
            for tick, a in zip(ax.get_xticklabels(), angles, strict=True):
                c = math.cos(a)
                side = "left" if c > 0.5 else "right" if c < -0.5 else "center"
                tick.set_horizontalalignment(side)
                tick.set_multialignment(side)
            ax.tick_params(axis="x", pad=0)
            ax.grid(color=GRID, lw=0.6)
            ax.spines["polar"].set_color(GRID)
            r = card.rank[v]
            rank = "–" if r is None or str(r) == "<NA>" else f"{int(r)}."
            ax.set_title(f"{rank} {card.name(v, lang)}", pad=16, color=ALERT if out else INK)
        fig.subplots_adjust(left=0.1, right=0.9, wspace=1.25, hspace=0.95)
        return label("rpt_profile", lang)

    return _render("radar", labels + names, lang, draw, output)


def value_svg(data: ChartData, lang: str, *, output: Callable[[Any, str], Shown] | None = None) -> Shown:
    """Fit against TCO; the efficient frontier (not beaten on both) joined and filled in."""
    card = data.card
    front = data.pareto_front()
    priced = card.priced  # a vendor without a TCO has no point (a preliminary scorecard)
    names = [card.name(v, lang) for v in priced]

    def draw(fig):
        fig.set_size_inches(WIDTH, 3.5)
        ax = fig.add_subplot()
        if not priced:
            return _no_tco(ax, lang, label("rpt_value", lang))
        fx = [card.tco[v].total for v in front]
        fy = [at(card.criteria, v, "fit") for v in front]
        if len(front) > 1:
            ax.step(fx, fy, where="post", color=CRITERION_COLOURS["integration"], lw=1, ls=(0, (4, 2)), zorder=1)
        shown: set[str] = set()
        seen: dict[tuple[int, float], int] = {}
        for v in priced:
            x, y = card.tco[v].total, at(card.criteria, v, "fit")
            stacked = seen.setdefault((round(x), round(y, 6)), 0)  # names of identical points one above the other
            seen[(round(x), round(y, 6))] += 1
            if card.knocked_out[v] and card.knockout == "exclude":
                kind, style = "knocked_out", {"color": ALERT, "marker": "x", "s": 40}
            elif v in front:
                kind, style = "rpt_frontier", {"color": CRITERION_COLOURS["fit"], "marker": "o", "s": 46}
            else:
                kind, style = "rpt_dominated", {"facecolors": "white", "edgecolors": MUTED, "marker": "o", "s": 40}
            ax.scatter([x], [y], zorder=3, lw=1.2, label=None if kind in shown else label(kind, lang), **style)
            shown.add(kind)
            ax.annotate(
                card.name(v, lang),
                (x, y),
                xytext=(6, 4 + 11 * stacked),
                textcoords="offset points",
                fontsize=8,
                color=ALERT if kind == "knocked_out" else INK,
            )
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.xaxis.set_major_locator(MaxNLocator(6))
        xs = [card.tco[v].total for v in priced]
        span = max(xs) - min(xs) or max(xs) or 1.0
        ax.set_xlim(min(xs) - 0.06 * span, max(xs) + 0.2 * span)
        ys = card.criteria.loc[priced, "fit"]
        ax.set_ylim(max(0.0, ys.min() - 10), min(105.0, ys.max() + 8))
        ax.set_xlabel(label("tco_total", lang, years=data.years, currency=card.currency))
        ax.set_ylabel(label("rpt_fit_axis", lang))
        ax.grid(color=GRID, lw=0.5)
        ax.set_axisbelow(True)
        ax.legend(loc="lower right", scatterpoints=1)
        return label("rpt_value", lang)

    return _render("value", names, lang, draw, output)


def tco_svg(data: ChartData, lang: str, *, output: Callable[[Any, str], Shown] | None = None) -> Shown:
    """Stacked bars of each vendor's TCO by component (present value); they sum to the total."""
    card = data.card
    table = data.tco_components()  # the vendors with a TCO
    names = [card.name(v, lang) for v in card.priced]
    comp_labels = [label(f"rpt_c_{c}", lang) for c in COMPONENTS]

    def draw(fig):
        fig.set_size_inches(WIDTH, 0.42 * len(names) + 1.15)
        ax = fig.add_subplot()
        if not names:
            return _no_tco(ax, lang, label("rpt_tco_by_component", lang))
        y = list(range(len(names)))
        left = [0.0] * len(names)
        for c, lab in zip(COMPONENTS, comp_labels, strict=True):
            values = table[c].tolist()
            ax.barh(y, values, left=left, color=COMPONENT_COLOURS[c], height=0.62, label=lab, edgecolor="white", lw=0.6)
            left = [a + b for a, b in zip(left, values, strict=True)]
        top = max(left) or 1.0
        for i, v in enumerate(card.priced):
            mark = " *" if card.tco[v].indicative else ""
            ax.text(left[i] + top * 0.01, i, f"{left[i]:,.0f}{mark}", va="center", fontsize=8, fontweight="bold")
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.16)
        ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.xaxis.set_major_locator(MaxNLocator(6))
        ax.set_xlabel(label("tco_total", lang, years=data.years, currency=card.currency))
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.grid(axis="x", color=GRID, lw=0.5)
        ax.set_axisbelow(True)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, handlelength=1.2, borderaxespad=0.3)
        return label("rpt_tco_by_component", lang)

    return _render("tco", names + comp_labels, lang, draw, output)


def _no_tco(ax, lang: str, title: str) -> str:
    """An empty chart that says why: no vendor has a TCO yet (a preliminary scorecard)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, label("prelim_no_tco_chart", lang), ha="center", va="center", color=MUTED, fontsize=10)
    return title


def all_charts(data: ChartData, lang: str) -> dict[str, str]:
    return {
        "contributions": contributions_svg(data, lang),
        "radar": radar_svg(data, lang),
        "value": value_svg(data, lang),
        "tco": tco_svg(data, lang),
    }
