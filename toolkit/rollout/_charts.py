"""Rollout charts (METHOD.md §7): the plan as a Gantt chart and progress as a burn-up, PNG or SVG.

Pure functions of the plan (and of the burn-up points) returning matplotlib `Figure`s: no pyplot,
no global backend switch, so the CLI, a notebook and the tests can all call them. Every word on a
chart comes from `catalog/messages/rollout_charts.yaml`; the look (palette, CJK font) is shared
with the executive report through `toolkit.files._chartstyle`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files._chartstyle import ALERT, GRID, INK, MUTED, base_rc, cjk_font, font_families
from ..files._i18n import label
from ..files._problems import ToolkitError
from ..files._table import clip
from ..files._yaml import write_atomic
from ..model.schema import PlanPhase, PlanTask, RolloutFile, text_of
from ._library import phase_names, vendor_name
from ._progress import BurnupPoint, burnup, is_overdue
from ._store import no_plan, read_audit, read_rollout

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

KINDS = ("gantt", "burnup")
SUFFIXES = (".png", ".svg")
DPI = 150
WIDTH = 12.0  # inches: a 16:9 slide at 150 dpi is 1800 px wide
ROW = 0.3  # inches per Gantt row, so 60 tasks still read at 10 pt
LABEL_COLUMNS = 46  # task titles longer than this (display columns; CJK counts 2) are clipped
# Okabe-Ito: told apart with every common colour-vision deficiency; todo is a quiet grey
STATUS_COLOURS = {"todo": "#c5ccd4", "doing": "#0072b2", "blocked": "#e69f00", "done": "#009e73"}
OVERDUE = ALERT
PHASE_TINTS = ("#eef2f6", "#ffffff", "#eef2f6")
DONE_COLOUR, SCOPE_COLOUR = STATUS_COLOURS["done"], INK
BOLD_DONE: dict[str, Any] = {"fontsize": 10.5, "fontweight": "bold", "color": DONE_COLOUR, "zorder": 6}

_warned = False


# --- style ----------------------------------------------------------------------------------


def _families(texts: list[str], lang: str) -> list[str]:
    global _warned
    families, _warned = font_families(cjk_font(), texts, lang, warned=_warned, stacklevel=4)
    return families


@contextmanager
def _style(kind: str, texts: list[str], lang: str) -> Iterator[list[str]]:
    """The shared base style, a size up for the projector; yields the font families in use."""
    import matplotlib

    families = _families(texts, lang)
    rc = base_rc(families, salt=f"crm-rollout-{kind}")
    rc.update({"font.size": 10, "xtick.labelsize": 9.5, "ytick.labelsize": 9.5, "legend.fontsize": 9.5})
    with matplotlib.rc_context(rc):
        yield families


def _day(d: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(d))


def _date_axis(ax: Axes, anchor: dt.date, start: dt.date, end: dt.date, lang: str) -> None:
    """Date ticks on `anchor` (the plan's start) and every one or more weeks from it, so they meet the phases."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    step = 7 * max(1, round((end - start).days / 7 / 11))
    first = anchor + dt.timedelta(days=step * -((anchor - start).days // step))
    ax.set_xticks([_day(first + dt.timedelta(days=d)) for d in range(0, (end - first).days + 1, step)])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: label("rc_date_axis", lang, d=num2date(x).date())))
    ax.set_xlim(_day(start), _day(end))


def _ticks(ax: Axes, families: list[str]) -> None:
    """Tick style kept on the axis: ticks made at save time, outside the style context, still get it."""
    ax.tick_params(axis="x", labelfontfamily=families, labelsize=9.5, colors=MUTED)
    ax.tick_params(axis="y", labelfontfamily=families, labelsize=9.5, labelcolor=INK)


def _today_line(ax: Axes, today: dt.date, lang: str, *, y: float) -> None:
    """A dashed line at the start of `today` (data x == the date), labelled with the date at `y`."""
    x = _day(today)
    ax.axvline(x, color=INK, lw=1.3, ls=(0, (5, 3)), zorder=4, gid="today")
    text = label("rc_today", lang, date=label("rc_date_full", lang, d=today))
    box = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": INK, "lw": 0.8}
    ax.text(x, y, text, ha="center", va="center", fontsize=9, fontweight="bold", bbox=box, zorder=6, gid="today-label")


def _titles(fig: Figure, ax: Axes, title: str, subtitle: str) -> None:
    fig.suptitle(title, x=0.01, ha="left", fontsize=14, fontweight="bold")
    ax.set_title(subtitle, loc="left", fontsize=10, fontweight="normal", color=MUTED, pad=8)


def _subtitle(rollout: RolloutFile, today: dt.date, lang: str) -> str:
    done = sum(t.status == "done" for t in rollout.tasks)
    late = sum(is_overdue(t, today) for t in rollout.tasks)
    when = label("rc_date_full", lang, d=today)
    return label("rc_subtitle", lang, done=done, tasks=len(rollout.tasks), overdue=late, date=when)


# --- Gantt ----------------------------------------------------------------------------------


def _gantt_rows(rollout: RolloutFile) -> list[tuple[str, PlanPhase, PlanTask | None]]:
    """Top to bottom: per phase a header, its delivery tasks, then a change-management block."""
    rows: list[tuple[str, PlanPhase, PlanTask | None]] = []
    for phase in rollout.phases:
        mine = [t for t in rollout.tasks if t.phase == phase.id]
        rows.append(("phase", phase, None))
        rows += [("task", phase, t) for t in mine if t.track == "delivery"]
        change = [t for t in mine if t.track == "change"]
        rows += [("track", phase, None), *(("task", phase, t) for t in change)] if change else []
    return rows


def _phase_row(ax: Axes, y: float, phase: PlanPhase, rollout: RolloutFile, lang: str) -> None:
    """A phase's header row: a thin bar over its weeks and how many of its tasks are done."""
    mine = [t for t in rollout.tasks if t.phase == phase.id]
    x0, x1 = _day(phase.start), _day(phase.end) + 1
    ax.barh(y, x1 - x0, left=x0, height=0.18, color=INK, zorder=3, gid=f"phase-{phase.id}")
    done = label("rc_phase_done", lang, done=sum(t.status == "done" for t in mine), tasks=len(mine))
    ax.text(x1 + 1, y, done, va="center", fontsize=9, color=MUTED, zorder=5)


def _task_row(ax: Axes, y: float, task: PlanTask, phase: PlanPhase, today: dt.date, lang: str) -> bool:
    """A task's bar from its phase start to its due date (inclusive); True when it is overdue."""
    late = is_overdue(task, today)
    x0, x1 = _day(min(phase.start, task.due)), _day(task.due) + 1
    edge: dict[str, Any] = {"edgecolor": OVERDUE, "lw": 1.8} if late else {"edgecolor": "white", "lw": 0.6}
    ax.barh(
        y, x1 - x0, left=x0, height=0.62, color=STATUS_COLOURS[task.status], zorder=3, gid=f"task-{task.id}", **edge
    )
    if late:
        text = label("rc_days_late", lang, n=(today - task.due).days)
        ax.text(x1 + 0.6, y, text, va="center", fontsize=8.5, fontweight="bold", color=OVERDUE, zorder=5)
    return late


def _gantt_legend(fig: Figure, lang: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(fc=c, ec="white", label=label(f"status_{s}", lang)) for s, c in STATUS_COLOURS.items()
    ]
    handles.append(Patch(fc="white", ec=OVERDUE, lw=1.8, label=label("rc_overdue", lang)))
    handles.append(Line2D([], [], marker="*", ls="", ms=10, color=INK, label=label("rc_must", lang)))
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), handlelength=1.6, columnspacing=1.8)


def gantt_figure(rollout: RolloutFile, *, today: dt.date, lang: str = "en", vendor_name: str | None = None) -> Figure:
    """The plan as bars from each task's phase start to its due date, coloured by status.

    Phases are shaded time bands headed by their name and progress; overdue tasks (not done, due
    before `today`) get a red outline, a red label and how many days late; must-haves a star.
    The change-management track sits under its own sub-heading in each phase.
    """
    from matplotlib.figure import Figure
    from matplotlib.transforms import blended_transform_factory

    names = phase_names(lang)
    rows = _gantt_rows(rollout)
    titles = {t.id: clip(text_of(t.title, lang), LABEL_COLUMNS) for t in rollout.tasks}
    gap = 0.6  # blank space between two phases, in rows
    with _style("gantt", [*titles.values(), *names.values()], lang) as families:
        fig = Figure(figsize=(WIDTH, 2.4 + ROW * (len(rows) + 1 + gap * 2)), layout="constrained")
        ax = fig.add_subplot()
        for phase, tint in zip(rollout.phases, PHASE_TINTS, strict=False):
            ax.axvspan(_day(phase.start), _day(phase.end) + 1, color=tint, lw=0, zorder=0, gid=f"band-{phase.id}")
        ticks: list[float] = []
        labels: list[tuple[str, dict[str, Any]]] = []
        musts: list[float] = []
        y = 0.0
        for kind, phase, task in rows:
            if kind == "phase" and ticks:
                y += gap
                ax.axhline(y - 0.5 - gap / 2, color=GRID, lw=0.8, zorder=1)
            ticks.append(y)
            if kind == "phase":
                _phase_row(ax, y, phase, rollout, lang)
                labels.append((names.get(phase.id, phase.id), {"fontweight": "bold", "fontsize": 10.5}))
            elif kind == "track":
                ax.axhline(y - 0.5, color=MUTED, lw=0.6, ls=(0, (1, 2)), zorder=1)
                labels.append((label("track_change", lang), {"color": MUTED, "fontsize": 9}))
            elif task is not None:
                late = _task_row(ax, y, task, phase, today, lang)
                labels.append((titles[task.id], {"color": OVERDUE if late else INK}))
                musts += [y] if task.must else []
            y += 1

        ax.set_yticks(ticks, [text for text, _ in labels])
        _ticks(ax, families)
        ax.tick_params(axis="y", length=0, pad=16)
        for tick, (_, style) in zip(ax.get_yticklabels(), labels, strict=True):
            tick.set(**style)  # after tick_params, which would reset them
        gutter = blended_transform_factory(ax.transAxes, ax.transData)  # just left of the plot, on the row
        ax.scatter(
            [-0.008] * len(musts), musts, marker="*", s=70, color=INK, transform=gutter, clip_on=False, gid="must"
        )
        ax.set_ylim(y - 0.4, -1.6)
        _today_line(ax, today, lang, y=-1.05)
        first = min([rollout.start_date, *(p.start for p in rollout.phases), *(t.due for t in rollout.tasks)])
        last = max([today, *(p.end for p in rollout.phases), *(t.due for t in rollout.tasks)])
        span = (last - first).days + 1
        pad = dt.timedelta(days=max(2, span // 60)), dt.timedelta(days=max(12, span // 8))  # room for "n d late"
        _date_axis(ax, rollout.start_date, first - pad[0], last + pad[1], lang)
        ax.grid(axis="x", color=GRID, lw=0.5)
        ax.set_axisbelow(True)
        ax.spines[["left", "top", "right"]].set_visible(False)
        _gantt_legend(fig, lang)
        vendor = vendor_name or rollout.vendor
        _titles(fig, ax, label("rc_gantt_title", lang, vendor=vendor), _subtitle(rollout, today, lang))
    return fig


# --- burn-up --------------------------------------------------------------------------------


def _phase_bands(ax: Axes, rollout: RolloutFile, names: dict[str, str], families: list[str]) -> None:
    """The Gantt's phase bands, named along the top, and a dotted marker at each phase end."""
    for phase, tint in zip(rollout.phases, PHASE_TINTS, strict=False):
        x0, x1 = _day(phase.start), _day(phase.end) + 1
        ax.axvspan(x0, x1, color=tint, lw=0, zorder=0)
        ax.axvline(x1, color=MUTED, lw=0.9, ls=(0, (1, 2)), zorder=1, gid=f"phase-end-{phase.id}")
    top = ax.secondary_xaxis("top")
    mids = [(_day(p.start) + _day(p.end) + 1) / 2 for p in rollout.phases]
    top.set_xticks(mids, [names.get(p.id, p.id) for p in rollout.phases])
    top.tick_params(length=0, colors=MUTED, labelfontfamily=families, labelsize=9)
    top.spines["top"].set_visible(False)


def burnup_figure(
    points: list[BurnupPoint], *, rollout: RolloutFile, today: dt.date, lang: str = "en", vendor_name: str | None = None
) -> Figure:
    """Done tasks and plan size over time, against an even pace from the start to the last phase end.

    The gap between the done line and the scope line is the work left; a scope line that steps up
    is work added after the start. One point (no history yet) is drawn as markers with a note.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = phase_names(lang)
    points = sorted(points, key=lambda p: p.day)
    with _style("burnup", list(names.values()), lang) as families:
        fig = Figure(figsize=(WIDTH, 6.4), layout="constrained")
        ax = fig.add_subplot()
        _phase_bands(ax, rollout, names, families)
        end = rollout.phases[-1].end
        scope = points[-1].scope if points else len(rollout.tasks)
        top = max([scope, *(p.scope for p in points), 1])
        ideal = [_day(rollout.start_date), _day(end) + 1], [0, scope]
        ax.plot(*ideal, color=MUTED, lw=1.2, ls=(0, (2, 2.5)), label=label("rc_ideal_line", lang), gid="ideal")
        xs = [_day(p.day) for p in points]
        line: dict[str, Any] = (
            {"drawstyle": "steps-post"} if len(points) > 1 else {"marker": "o", "ms": 8, "ls": "", "clip_on": False}
        )
        for attr, colour, lw, z in (("scope", SCOPE_COLOUR, 1.6, 3), ("done", DONE_COLOUR, 2.6, 4)):
            name = label(f"rc_{attr}_line", lang)
            ax.plot(xs, [getattr(p, attr) for p in points], color=colour, lw=lw, label=name, zorder=z, gid=attr, **line)
        if len(points) > 1:
            ax.fill_between(xs, [p.done for p in points], step="post", color=DONE_COLOUR, alpha=0.12, lw=0, zorder=2)
        else:
            note = label("rc_single_point", lang)
            box: dict[str, Any] = {"boxstyle": "round,pad=0.5", "fc": "white", "ec": GRID}
            ax.text(
                0.5, 0.6, note, transform=ax.transAxes, ha="center", fontsize=10.5, color=MUTED, bbox=box, gid="note"
            )
        if points:
            now = label("rc_done_now", lang, done=points[-1].done, tasks=points[-1].scope)
            box = {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
            ax.annotate(
                now, (xs[-1], points[-1].done), xytext=(8, 6), textcoords="offset points", bbox=box, **BOLD_DONE
            )
        _today_line(ax, today, lang, y=top * 1.12)

        first = min([rollout.start_date, *(p.day for p in points)])
        last = max([today, end, *(p.day for p in points)])
        span = (last - first).days + 1
        pad = dt.timedelta(days=max(2, span // 60)), dt.timedelta(days=max(5, span // 20))
        _date_axis(ax, rollout.start_date, first - pad[0], last + pad[1], lang)
        ax.set_ylim(0, top * 1.2)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(label("rc_axis_date", lang))
        ax.set_ylabel(label("rc_axis_tasks", lang))
        _ticks(ax, families)
        ax.grid(axis="y", color=GRID, lw=0.5)
        ax.set_axisbelow(True)
        ax.spines["top"].set_visible(False)
        fig.legend(loc="outside lower center", ncol=3, handlelength=2.4, columnspacing=2.4)
        vendor = vendor_name or rollout.vendor
        _titles(fig, ax, label("rc_burnup_title", lang, vendor=vendor), _subtitle(rollout, today, lang))
    return fig


# --- files ----------------------------------------------------------------------------------


def write_chart(fig: Figure, path: str | Path) -> Path:
    """Save `fig` as PNG (150 dpi) or SVG by the suffix, rendered in memory, then replaced atomically.

    SVG text is written as glyph paths, so Chinese shows without the font; metadata that changes
    from run to run (date, software) is left out, so a re-run writes the same bytes.
    """
    import matplotlib

    path = Path(path)
    fmt = _format(path)
    buf = io.BytesIO()
    meta = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "crm-rollout-chart"}):
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=meta, facecolor="white")
    write_atomic(path, buf.getvalue())
    return path


def _format(path: Path) -> str:
    """ "png" or "svg" from the file name; anything else is a usage error, caught before drawing."""
    if path.suffix.lower() not in SUFFIXES:
        raise ToolkitError(f"{path}: unknown chart format {path.suffix or '(none)'!r}; use .png or .svg")
    return path.suffix.lower()[1:]


def chart(folder: str | Path, kind: str, path: str | Path, *, lang: str = "en", today: dt.date | None = None) -> Path:
    """Draw the engagement's plan as `kind` ("gantt" or "burnup") into `path` (.png or .svg)."""
    folder = Path(folder)
    if kind not in KINDS:
        raise ToolkitError(f"unknown chart {kind!r}; expected one of: {', '.join(KINDS)}")
    _format(Path(path))
    rollout = read_rollout(folder)
    if rollout is None:
        raise no_plan(folder)
    today = today or dt.date.today()
    name = vendor_name(folder, rollout.vendor, lang)
    if kind == "gantt":
        fig = gantt_figure(rollout, today=today, lang=lang, vendor_name=name)
    else:
        points = burnup(rollout, read_audit(folder), today)
        fig = burnup_figure(points, rollout=rollout, today=today, lang=lang, vendor_name=name)
    return write_chart(fig, path)
