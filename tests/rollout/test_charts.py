"""The rollout charts (toolkit/rollout/_charts.py): what each chart shows, in both languages, and its files."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import warnings

import pytest
from matplotlib.colors import to_rgba
from matplotlib.dates import date2num
from matplotlib.font_manager import FontProperties, findfont, get_font

from toolkit.files._chartstyle import FontWarning, cjk_font
from toolkit.files._i18n import label
from toolkit.files._problems import InvalidInput, ToolkitError
from toolkit.files._table import clip, width
from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.model.schema import text_of
from toolkit.rollout import (
    AUDIT_FILE,
    AuditEntry,
    BurnupPoint,
    burnup,
    generate_plan,
    read_rollout,
    save_plan,
    update_task,
)
from toolkit.rollout import _charts as charts
from toolkit.rollout._charts import (
    LABEL_COLUMNS,
    OVERDUE,
    STATUS_COLOURS,
    burnup_figure,
    chart,
    gantt_figure,
    write_chart,
)

TODAY = dt.date(2027, 2, 10)  # the demo plan starts 2027-01-04: weeks 0-2 are due 2027-01-17
LEGEND_KEYS = ["status_todo", "status_doing", "status_blocked", "status_done", "rc_overdue", "rc_must"]


@pytest.fixture(scope="module")
def plan():
    return generate_plan(load_engagement(demo_path()))


@pytest.fixture(scope="module")
def tracked(plan):
    """The demo plan part-way through: each status twice in weeks 0-2, a few in weeks 2-8."""
    cycle = ["done", "doing", "blocked", "todo"]
    tasks = []
    for i, t in enumerate(plan.tasks):
        status = cycle[i % 4] if t.phase != "weeks-8-plus" else "todo"
        tasks.append(t.model_copy(update={"status": status}))
    return plan.model_copy(update={"tasks": tasks})


def _bars(ax):
    return {p.get_gid()[len("task-") :]: p for p in ax.patches if (p.get_gid() or "").startswith("task-")}


def _legend(fig) -> list[str]:
    return [t.get_text() for t in fig.legends[0].get_texts()]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- Gantt ---------------------------------------------------------------------------------


def test_the_gantt_has_one_bar_per_task_from_its_phase_start_to_its_due_date(tracked):
    ax = gantt_figure(tracked, today=TODAY).axes[0]
    bars = _bars(ax)
    assert sorted(bars) == sorted(t.id for t in tracked.tasks)
    starts = {p.id: p.start for p in tracked.phases}
    for t in tracked.tasks:
        bar = bars[t.id]
        assert bar.get_x() == pytest.approx(date2num(starts[t.phase]))
        assert bar.get_x() + bar.get_width() == pytest.approx(date2num(t.due) + 1)  # the due day is included
        assert bar.get_facecolor() == pytest.approx(to_rgba(STATUS_COLOURS[t.status]))


def test_overdue_tasks_are_outlined_labelled_red_and_say_how_late(tracked):
    fig = gantt_figure(tracked, today=TODAY)
    ax = fig.axes[0]
    late = {t.id for t in tracked.tasks if t.status != "done" and t.due < TODAY}
    assert late and len(late) < len(tracked.tasks)
    for task_id, bar in _bars(ax).items():
        outlined = bar.get_edgecolor() == pytest.approx(to_rgba(OVERDUE)) and bar.get_linewidth() > 1.5
        assert outlined == (task_id in late), task_id
    red = {t.get_text() for t in ax.get_yticklabels() if to_rgba(t.get_color()) == to_rgba(OVERDUE)}
    assert red == {clip(text_of(t.title, "en"), LABEL_COLUMNS) for t in tracked.tasks if t.id in late}
    notes = [t.get_text() for t in ax.texts if t.get_text() == label("rc_days_late", "en", n=24)]
    assert len(notes) == len(late)  # all weeks-0-2 tasks, due 17 Jan: 24 days before 10 Feb


def test_the_today_line_stands_on_today_and_is_labelled_with_the_date(tracked):
    ax = gantt_figure(tracked, today=TODAY).axes[0]
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "today"]
    assert list(line.get_xdata()) == [date2num(TODAY)] * 2
    texts = [t.get_text() for t in ax.texts]
    assert "Today, 10 Feb 2027" in texts


def test_must_have_tasks_are_starred_and_the_change_track_has_its_own_heading(tracked):
    ax = gantt_figure(tracked, today=TODAY).axes[0]
    (stars,) = [c for c in ax.collections if c.get_gid() == "must"]
    assert len(stars.get_offsets()) == sum(t.must for t in tracked.tasks)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    heading = label("track_change", "en")
    assert labels.count(heading) == len({t.phase for t in tracked.tasks if t.track == "change"})
    names = charts.phase_names("en")
    for phase in tracked.phases:  # under the phase's name: its delivery tasks, the heading, its change tasks
        mine = [t for t in tracked.tasks if t.phase == phase.id]
        delivery = sum(t.track == "delivery" for t in mine)
        assert 0 < delivery < len(mine)
        start = labels.index(names[phase.id])
        assert labels[start + 1 + delivery] == heading


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_legend_says_the_catalog_words(tracked, lang):
    assert _legend(gantt_figure(tracked, today=TODAY, lang=lang)) == [label(k, lang) for k in LEGEND_KEYS]
    keys = ["rc_ideal_line", "rc_scope_line", "rc_done_line"]
    fig = burnup_figure(burnup(tracked, [], TODAY), rollout=tracked, today=TODAY, lang=lang)
    assert _legend(fig) == [label(k, lang) for k in keys]


def test_a_chinese_chart_is_drawn_in_the_cjk_font(tracked):
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    fig = gantt_figure(tracked, today=TODAY, lang="zh")
    ax = fig.axes[0]
    titles = {text_of(t.title, "zh") for t in tracked.tasks}
    ticks = [t for t in ax.get_yticklabels() if t.get_text() in titles]
    assert len(ticks) == len(tracked.tasks)
    assert all(t.get_fontfamily()[0] == font for t in [*ticks, *ax.texts, fig._suptitle])


def test_long_titles_are_clipped_and_the_chart_grows_with_the_plan(plan):
    many = [t.model_copy(update={"id": f"{t.id}_{n}"}) for n in range(2) for t in plan.tasks]
    long = many[0].model_copy(update={"id": "long", "title": "A very long task title " * 5})
    big = plan.model_copy(update={"tasks": [*many, long]})
    small_fig, big_fig = gantt_figure(plan, today=TODAY), gantt_figure(big, today=TODAY)
    rows = len(big.tasks) - len(plan.tasks)
    assert big_fig.get_figheight() - small_fig.get_figheight() == pytest.approx(rows * charts.ROW)
    labels = [t.get_text() for t in big_fig.axes[0].get_yticklabels()]
    clipped = next(t for t in labels if t.startswith("A very long"))
    assert clipped.endswith("…") and width(clipped) <= LABEL_COLUMNS
    assert len(_bars(big_fig.axes[0])) == len(big.tasks) == 2 * len(plan.tasks) + 1


# --- burn-up -------------------------------------------------------------------------------


def _history(rollout) -> list[AuditEntry]:
    """Planned on day 0, one task done every few days, two tasks added in week 3."""
    ids = [t.id for t in rollout.tasks]
    start = dt.datetime(2027, 1, 4, 9)
    out = [AuditEntry(start.isoformat(), "a", t, "task", None, "added") for t in ids[:-2]]
    out += [AuditEntry(dt.datetime(2027, 1, 25, 9).isoformat(), "a", t, "task", None, "added") for t in ids[-2:]]
    done = [t.id for t in rollout.tasks if t.status == "done"]
    out += [
        AuditEntry((start + dt.timedelta(days=3 + 4 * i)).isoformat(), "b", t, "status", "todo", "done")
        for i, t in enumerate(done)
    ]
    return out


def test_the_burnup_draws_done_and_scope_as_steps_with_phase_ends_and_an_ideal_line(tracked):
    points = burnup(tracked, _history(tracked), TODAY)
    assert len(points) > 3 and points[0].scope == len(tracked.tasks) - 2
    ax = burnup_figure(points, rollout=tracked, today=TODAY).axes[0]
    lines = {ln.get_gid(): ln for ln in ax.lines if ln.get_gid()}
    assert list(lines["done"].get_ydata()) == [p.done for p in points]
    assert list(lines["scope"].get_ydata()) == [p.scope for p in points]
    assert list(lines["done"].get_xdata()) == [date2num(p.day) for p in points]
    assert lines["done"].get_drawstyle() == "steps-post"
    assert list(lines["today"].get_xdata()) == [date2num(TODAY)] * 2
    end = tracked.phases[-1].end
    assert list(lines["ideal"].get_xdata()) == [date2num(tracked.start_date), date2num(end) + 1]
    assert list(lines["ideal"].get_ydata()) == [0, len(tracked.tasks)]
    for phase in tracked.phases:
        assert list(lines[f"phase-end-{phase.id}"].get_xdata()) == [date2num(phase.end) + 1] * 2
    assert not [t for t in ax.texts if t.get_gid() == "note"]


@pytest.mark.parametrize("points", [1, 0])
def test_a_burnup_without_history_shows_a_point_and_a_note(tracked, points):
    given = burnup(tracked, [], TODAY)[:points]
    ax = burnup_figure(given, rollout=tracked, today=TODAY, lang="zh").axes[0]
    (note,) = [t for t in ax.texts if t.get_gid() == "note"]
    assert note.get_text() == label("rc_single_point", "zh")
    done = next(ln for ln in ax.lines if ln.get_gid() == "done")
    assert list(done.get_ydata()) == [p.done for p in given] and done.get_marker() == "o"


# --- files ---------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """The demo engagement with its plan saved and two tasks moved on."""
    eng = tmp_path / "eng"
    shutil.copytree(demo_path(), eng)
    plan = generate_plan(load_engagement(eng))
    save_plan(eng, plan, by="alice")
    update_task(eng, plan.tasks[0].id, status="done", by="bob")
    update_task(eng, plan.tasks[1].id, status="blocked", by="bob")
    return eng


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_charts_are_written_as_png_and_svg(folder, tmp_path, lang):
    plan_size = len(read_rollout(folder).tasks)
    gantt = chart(folder, "gantt", tmp_path / f"g-{lang}.png", lang=lang, today=TODAY)
    w, h = _png_size(gantt.read_bytes())
    assert w == 12 * charts.DPI and h > 8 * charts.DPI  # 12 in wide, a row per task
    up = chart(folder, "burnup", tmp_path / f"b-{lang}.png", lang=lang, today=TODAY)
    assert _png_size(up.read_bytes()) == (12 * charts.DPI, round(6.4 * charts.DPI))
    svg = chart(folder, "gantt", tmp_path / f"g-{lang}.svg", lang=lang, today=TODAY).read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and svg.count('<g id="task-') == plan_size
    svg = chart(folder, "burnup", tmp_path / f"b-{lang}.svg", lang=lang, today=TODAY).read_text(encoding="utf-8")
    assert all(f'<g id="{gid}"' in svg for gid in ("done", "scope", "ideal", "today"))


def test_chinese_svg_glyphs_come_from_the_cjk_font(tracked, tmp_path):
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    svg = write_chart(gantt_figure(tracked, today=TODAY, lang="zh"), tmp_path / "g.svg").read_text(encoding="utf-8")
    name = get_font(findfont(FontProperties(family=font))).postscript_name  # e.g. NotoSansCJKsc-Regular
    glyphs = set(re.findall(r'<path id="(.+)-[0-9a-f]+"', svg))  # each glyph drawn, as FONT-GLYPH
    assert name in glyphs and glyphs <= {name, name.replace("Regular", "Bold"), "DejaVuSans"}


def test_a_redrawn_chart_is_the_same_file(tracked, tmp_path):
    def draw(name):
        fig = burnup_figure(burnup(tracked, [], TODAY), rollout=tracked, today=TODAY)
        return write_chart(fig, tmp_path / name).read_bytes()

    assert draw("a.svg") == draw("b.svg")


def test_an_empty_audit_log_still_draws_a_burnup(folder, tmp_path):
    (folder / AUDIT_FILE).unlink()
    out = chart(folder, "burnup", tmp_path / "b.png", today=TODAY)
    assert _png_size(out.read_bytes())[0] == 12 * charts.DPI


@pytest.mark.parametrize("name", ["chart.pdf", "chart", "chart.png.txt"])
def test_an_unknown_suffix_is_refused_before_anything_is_written(folder, tracked, tmp_path, name):
    with pytest.raises(ToolkitError, match=r"unknown chart format .*use \.png or \.svg"):
        write_chart(gantt_figure(tracked, today=TODAY), tmp_path / name)
    with pytest.raises(ToolkitError, match="unknown chart format"):
        chart(folder, "gantt", tmp_path / name, today=TODAY)
    assert not (tmp_path / name).exists()


def test_an_unknown_kind_and_a_missing_plan_are_errors(folder, tmp_path):
    with pytest.raises(ToolkitError, match="unknown chart 'pie'; expected one of: gantt, burnup"):
        chart(folder, "pie", tmp_path / "x.png")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InvalidInput) as caught:
        chart(empty, "gantt", tmp_path / "x.png")
    assert "no rollout plan yet" in caught.value.problems[0].message


def test_without_a_cjk_font_a_chinese_chart_renders_and_warns_once(tracked, monkeypatch):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    monkeypatch.setattr(charts, "_warned", False)
    with pytest.warns(FontWarning) as caught:
        gantt_figure(tracked, today=TODAY, lang="zh")
        burnup_figure([BurnupPoint(TODAY, 1, 2)], rollout=tracked, today=TODAY, lang="zh")
    assert len(caught) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gantt_figure(tracked, today=TODAY, lang="en")
