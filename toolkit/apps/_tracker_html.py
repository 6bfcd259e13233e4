"""The tracker's read-only parts as HTML: summary, phase headings, task and KPI cells, downloads.

Pure functions of the plan, its status and the language, so each one is one `HTML` widget's
value: a row of text costs one widget, not one per column, and an unchanged string sends nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..files._i18n import label
from ..model.schema import PlanTask, RolloutFile, text_of
from ..rollout import KpiStatus, PhaseProgress, RolloutStatus, is_overdue
from ..rollout._calendar import calendar_bytes, calendar_id
from ..rollout._charts import OVERDUE, STATUS_COLOURS
from ..rollout._checklist import label_or
from ..rollout._exports_xlsx import workbook_bytes
from ..rollout._library import level_label, phase_names, role_name, target_name
from ..rollout._store import AuditEntry
from ..scoring._words import pct
from ._shell import XLSX_MIME, download_link, escape

#: column widths shared by the heading row and every task row (the editors' widths match)
TASK_W, DUE_W, STATUS_W, OWNER_W = 430, 128, 140, 170
KPI_NAME_W, KPI_NUM_W = 420, 118
LIST_SHOWN = 3  # titles listed under a count before "and n more"

CSS = f"""<style>
.crm-tr-controls {{ gap: 18px; align-items: center; flex-wrap: wrap; margin: 2px 0 10px; }}
.crm-tr-controls .widget-label {{ font-size: 14px; color: #1d2733; }}
.crm-tr-controls button {{ font-size: 14px; }}
.crm-tr-summary {{ display: flex; gap: 16px; margin: 4px 0 12px; }}
.crm-tr-card {{ flex: 1 1 0; border: 1px solid #d9dee4; border-radius: 6px; padding: 10px 14px; background: #fff; }}
.crm-tr-card.wide {{ flex: 1.6 1 0; }}
.crm-tr-card h4 {{ margin: 0 0 6px; font-size: 13px; font-weight: 600; color: #6b7785; text-transform: none; }}
.crm-tr-big {{ font-size: 30px; font-weight: 700; color: #1f3a5f; line-height: 1.1; }}
.crm-tr-big.alert {{ color: {OVERDUE}; }}
.crm-tr-big.calm {{ color: #1d6b3a; }}
.crm-tr-sub {{ font-size: 13px; color: #6b7785; line-height: 1.5; margin-top: 4px; }}
.crm-tr-list {{ font-size: 13px; color: #1d2733; margin-top: 4px; line-height: 1.45; }}
.crm-tr-bar {{ height: 10px; background: #e6eaef; border-radius: 5px; overflow: hidden; margin: 6px 0 2px; }}
.crm-tr-bar > span {{ display: block; height: 100%; background: {STATUS_COLOURS["done"]}; }}
.crm-tr-phase {{ display: grid; grid-template-columns: minmax(0, 1fr) 110px 44px; gap: 10px; align-items: center;
  font-size: 13px; line-height: 1.3; margin: 5px 0; }}
.crm-tr-phase .crm-tr-bar {{ margin: 0; }}
.crm-tr-phase-num {{ text-align: right; font-variant-numeric: tabular-nums; color: #6b7785; }}
.crm-tr-head {{ display: flex; gap: 8px; background: #1f3a5f; color: #fff; font-size: 13px; font-weight: 600;
  padding: 6px 10px; border-radius: 4px 4px 0 0; margin-top: 4px; }}
.crm-tr-head > div {{ flex: none; }}
.crm-tr-phasehead {{ display: flex; align-items: baseline; gap: 14px; margin: 14px 0 2px; padding: 4px 0;
  border-bottom: 2px solid #1f3a5f; }}
.crm-tr-phasehead b {{ font-size: 16px; color: #1f3a5f; }}
.crm-tr-phasehead span {{ font-size: 13px; color: #6b7785; }}
.crm-tr-track {{ font-size: 13px; font-weight: 600; color: #6b7785; margin: 8px 0 0 10px; }}
.crm-tr-row {{ align-items: center; gap: 8px; padding: 3px 10px 3px 6px; border-bottom: 1px solid #e6eaef;
  border-left: 4px solid {STATUS_COLOURS["todo"]}; }}
.crm-tr-row.crm-tr-doing {{ border-left-color: {STATUS_COLOURS["doing"]}; }}
.crm-tr-row.crm-tr-blocked {{ border-left-color: {STATUS_COLOURS["blocked"]}; }}
.crm-tr-row.crm-tr-done {{ border-left-color: {STATUS_COLOURS["done"]}; }}
.crm-tr-row.crm-tr-done .crm-tr-title {{ color: #6b7785; }}
.crm-tr-row.crm-tr-overdue {{ background: #fbeeee; border-left-color: {OVERDUE}; }}
.crm-tr-cells {{ display: flex; gap: 8px; align-items: center; }}
.crm-tr-task {{ width: {TASK_W}px; flex: none; }}
.crm-tr-title {{ font-size: 14px; font-weight: 600; color: #1d2733; line-height: 1.3; }}
.crm-tr-meta {{ font-size: 12px; color: #6b7785; line-height: 1.3; }}
.crm-tr-due {{ width: {DUE_W}px; flex: none; font-size: 13px; line-height: 1.3; font-variant-numeric: tabular-nums; }}
.crm-tr-badge {{ display: inline-block; font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 3px;
  margin-left: 6px; vertical-align: 1px; line-height: 16px; }}
.crm-tr-must {{ background: #1f3a5f; color: #fff; }}
.crm-tr-late {{ background: {OVERDUE}; color: #fff; margin: 2px 0 0; }}
.crm-tr-row select, .crm-tr-row input, .crm-tr-kpi input {{ font-size: 13px; }}
.crm-tr-kpi {{ align-items: center; gap: 8px; padding: 5px 10px; border-bottom: 1px solid #e6eaef; }}
.crm-tr-kpiname {{ width: {KPI_NAME_W}px; flex: none; }}
.crm-tr-kpiprog {{ flex: 1 1 auto; min-width: 160px; font-size: 13px; }}
.crm-tr-met {{ color: #1d6b3a; font-weight: 700; }}
.crm-tr-notmet {{ color: #8a5a00; font-weight: 600; }}
.crm-tr-hint {{ font-size: 13px; color: #6b7785; margin: 8px 0 4px; }}
.crm-tr-dl {{ display: flex; gap: 16px; margin-top: 8px; }}
.crm-tr-dl .crm-tr-card {{ display: flex; flex-direction: column; align-items: flex-start; }}
.crm-tr-dl .crm-download {{ margin-top: auto; }}
.crm-tr-dl .crm-tr-card p {{ font-size: 14px; line-height: 1.5; margin: 4px 0 12px; }}
.crm-tr-dl .crm-tr-card b {{ font-size: 16px; color: #1f3a5f; }}
.crm-tr-charts img {{ max-width: 100%; height: auto; border: 1px solid #e6eaef; margin: 6px 0 10px; }}
.crm-tr-tabs {{ --jp-widgets-horizontal-tab-height: 34px; --jp-widgets-horizontal-tab-width: 210px; margin-top: 4px; }}
.crm-page .crm-tr-tabs.widget-tab > .lm-TabBar {{ font-family: inherit; }}
.crm-tr-tabs > .lm-TabBar .lm-TabBar-tab {{ font-family: inherit; font-size: 15px; background: #eef2f6; color: #1f3a5f;
  border-color: #d9dee4; }}
.crm-tr-tabs > .lm-TabBar .lm-TabBar-tab.lm-mod-current {{ background: #fff; font-weight: 700; }}
.crm-tr-tabs > .lm-TabBar .lm-TabBar-tab.lm-mod-current::before {{ background: #1f3a5f; height: 3px; }}
.crm-tr-tabs > .widget-tab-contents {{ border-color: #d9dee4; padding: 6px 14px 18px; }}
</style>"""


def day(d: dt.date, lang: str) -> str:
    return label("rc_date_full", lang, d=d)


def hint(text: str, kind: str = "crm-tr-hint") -> str:
    return f'<div class="{kind}">{escape(text)}</div>'


def _bar(share: float) -> str:
    width = max(0.0, min(1.0, share)) * 100
    return f'<div class="crm-tr-bar"><span style="width:{width:.1f}%"></span></div>'


def _titles(ids: list[str], tasks: dict[str, PlanTask], lang: str) -> str:
    if not ids:
        return escape(label("ro_none", lang))
    text = label("rx_list_sep", lang).join(text_of(tasks[i].title, lang) for i in ids[:LIST_SHOWN])
    if len(ids) > LIST_SHOWN:
        text += label("tr_more", lang, n=len(ids) - LIST_SHOWN)
    return escape(text)


def summary_html(status: RolloutStatus, lang: str) -> str:
    """Four cards: overall progress, progress per phase, overdue tasks, must-haves not done."""
    tasks = {t.id: t for t in status.tasks}
    names = phase_names(lang)
    phases = "".join(
        f'<div class="crm-tr-phase crm-tr-phase-{p.id}"><div>{escape(names.get(p.id, p.id))}</div>{_bar(p.progress)}'
        f'<div class="crm-tr-phase-num">{p.done}/{p.tasks}</div></div>'
        for p in status.phases
    )
    overdue, musts = status.overdue, status.must_not_done
    cards = [
        (
            "crm-tr-overall",
            label("rx_overall", lang),
            f'<div class="crm-tr-big">{pct(status.progress)}</div>{_bar(status.progress)}'
            f'<div class="crm-tr-sub">{escape(label("tr_done_of", lang, done=status.done, tasks=len(tasks)))}<br>'
            f"{escape(label('tr_as_of', lang, date=day(status.today, lang)))}</div>",
        ),
        ("crm-tr-phases wide", label("rx_sh_phases", lang), phases),
        (
            "crm-tr-overdue-card",
            label("rx_overdue_count", lang),
            f'<div class="crm-tr-big {"alert" if overdue else "calm"}">{len(overdue)}</div>'
            f'<div class="crm-tr-list">{_titles(overdue, tasks, lang)}</div>',
        ),
        (
            "crm-tr-must-card",
            label("rx_must_open", lang),
            f'<div class="crm-tr-big">{len(musts)}</div><div class="crm-tr-list">{_titles(musts, tasks, lang)}</div>',
        ),
    ]
    body = "".join(
        f'<div class="crm-tr-card {cls}"><h4>{escape(title)}</h4>{inner}</div>' for cls, title, inner in cards
    )
    return f'<div class="crm-tr-summary">{body}</div>'


def _head_html(cols: list[tuple[int | None, str]]) -> str:
    """A header row of fixed-width cells (None: the rest of the row)."""
    cells = "".join(f'<div style="width:{w}px">{escape(t)}</div>' if w else f"<div>{escape(t)}</div>" for w, t in cols)
    return f'<div class="crm-tr-head">{cells}</div>'


def column_head_html(lang: str) -> str:
    cols = [
        (TASK_W, label("ro_task", lang)),
        (DUE_W, label("ro_due", lang)),
        (STATUS_W, label("ro_status", lang)),
        (OWNER_W, label("ro_owner", lang)),
        (None, label("rx_note", lang)),
    ]
    return _head_html(cols)


def phase_head_html(progress: PhaseProgress, lang: str) -> str:
    name = phase_names(lang).get(progress.id, progress.id)
    line = label("ro_phase_line", lang, name=name, start=day(progress.start, lang), end=day(progress.end, lang))
    done = label("rc_phase_done", lang, done=progress.done, tasks=progress.tasks)
    share = pct(progress.progress)
    return f'<div class="crm-tr-phasehead"><b>{escape(line)}</b><span>{escape(done)} · {share}</span></div>'


def track_head_html(track: str, lang: str) -> str:
    return f'<div class="crm-tr-track">{escape(label(f"track_{track}", lang))}</div>'


def _support(task: PlanTask, lang: str) -> str:
    level = level_label(task, lang)
    if not level:
        return ""
    if task.level_origin not in (None, "unrated"):
        level += " · " + label(f"rpt_o_{task.level_origin}", lang)
    return label("tr_support", lang, level=level)


def task_html(task: PlanTask, today: dt.date, lang: str) -> str:
    """The task's read-only cells: title and must-have badge, role and vendor support, due date and days late."""
    badges = f'<span class="crm-tr-badge crm-tr-must">{escape(label("rc_must", lang))}</span>' if task.must else ""
    late = ""
    if is_overdue(task, today):
        text = label("rc_days_late", lang, n=(today - task.due).days)
        late = f'<br><span class="crm-tr-badge crm-tr-late">{escape(text)}</span>'
    meta = [m for m in (role_name(task.owner_role, lang), _support(task, lang)) if m]
    return (
        f'<div class="crm-tr-cells"><div class="crm-tr-task"><div class="crm-tr-title">'
        f"{escape(text_of(task.title, lang))}{badges}</div>"
        f'<div class="crm-tr-meta">{escape(" · ".join(meta))}</div></div>'
        f'<div class="crm-tr-due">{escape(day(task.due, lang))}{late}</div></div>'
    )


def number(x: float | None) -> str:
    """A KPI figure as the client typed it: 12.5, 40, nothing for a figure not given."""
    return "" if x is None else f"{x:g}"


def _signed(x: float) -> str:
    return f"{x:+.0%}"


def kpi_head_html(lang: str) -> str:
    cols = [
        (KPI_NAME_W, label("ro_kpi", lang)),
        (KPI_NUM_W, label("ro_baseline", lang)),
        (KPI_NUM_W, label("ro_target", lang)),
        (KPI_NUM_W, label("ro_actual", lang)),
        (None, label("rx_kpi_progress", lang)),
    ]
    return _head_html(cols)


def kpi_name_html(kpi: KpiStatus, lang: str) -> str:
    k = kpi.kpi
    unit = label_or(f"rx_unit_{k.unit}", lang, k.unit)
    meta = f"{unit} · {label(f'rx_dir_{k.direction}', lang)}"
    claims = ""
    if k.claims:
        changes = label("rx_list_sep", lang).join(_signed(c.change) for c in k.claims)
        claims = f'<div class="crm-tr-meta"><i>{escape(label("tr_kpi_claims", lang, changes=changes))}</i></div>'
    return (
        f'<div class="crm-tr-title">{escape(text_of(k.name, lang))}</div>'
        f'<div class="crm-tr-meta">{escape(meta)}</div>{claims}'
    )


def kpi_progress_html(kpi: KpiStatus, lang: str) -> str:
    if kpi.progress is None:
        return f'<span class="crm-tr-sub">{escape(label("tr_kpi_incomplete", lang))}</span>'
    met = kpi.met
    verdict = ""
    if met is not None:
        cls, key = ("crm-tr-met", "ro_met") if met else ("crm-tr-notmet", "ro_not_met")
        verdict = f' · <span class="{cls}">{escape(label(key, lang))}</span>'
    return f"{_bar(kpi.progress)}<div>{pct(kpi.progress)}{verdict}</div>"


def downloads_html(
    folder: Path,
    rollout: RolloutFile,
    audit: list[AuditEntry],
    *,
    today: dt.date,
    lang: str,
    client: str | None,
    vendor: str,
) -> str:
    """The checklist workbook and the plan's calendar as download cards."""
    xlsx = workbook_bytes(rollout, today=today, lang=lang, client=client, vendor=vendor)
    cal = calendar_id(folder, client or "")
    ics = calendar_bytes(rollout, calendar_id=cal, audit=audit, lang=lang, client=client, vendor=vendor)
    text, name = label("tr_download", lang), folder.name
    links = [
        (
            label("tr_dl_xlsx", lang),
            label("tr_dl_xlsx_about", lang),
            download_link(xlsx, f"rollout-{name}-{lang}.xlsx", XLSX_MIME, text),
        ),
        (
            label("tr_dl_ics", lang),
            label("tr_dl_ics_about", lang),
            download_link(ics, f"rollout-{name}-{lang}.ics", "text/calendar", text),
        ),
    ]
    cards = "".join(
        f'<div class="crm-tr-card"><b>{escape(title)}</b><p>{escape(about)}</p>'
        f'<div class="crm-download">{link}</div></div>'
        for title, about, link in links
    )
    return hint(label("tr_dl_note", lang, date=day(today, lang))) + f'<div class="crm-tr-dl">{cards}</div>'


def left_out_html(rollout: RolloutFile, lang: str) -> str:
    if not rollout.left_out:
        return ""
    sep = label("rx_list_sep", lang)
    tasks = sep.join(target_name(x.delivers, lang) or x.id for x in rollout.left_out)
    return hint(label("ro_left_out", lang, tasks=tasks))
