"""`crm-toolkit plan | status | task | kpi | export | chart` (METHOD.md §7)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..model._vocabulary import STATUSES
from ._common import EXIT_OK, add_lang, day, warn


def _number_or_none(text: str) -> float | None:
    if text.strip().lower() in ("", "none", "unknown"):
        return None
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, or 'none' to clear (got {text!r})") from None


def cmd_plan(args) -> int:
    from ..files._i18n import label
    from ..model._engagement import load_engagement
    from ..rollout import generate_plan, read_rollout, save_plan
    from ..rollout._render import render_plan
    from ..rollout._store import no_plan

    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    read_rollout(args.dir)  # a broken rollout.yaml stops here, before anything is written
    if args.vendor is None:  # the first-ranked vendor: say so when its ranking leaves TCO out
        from ..scoring import score

        card = score(engagement)
        if card.preliminary and card.ranked:
            vendor = card.name(card.ranked[0], args.lang)
            print(f"warning: {label('ro_preliminary_vendor', args.lang, vendor=vendor)}", file=sys.stderr)
    plan = generate_plan(engagement, args.vendor)
    changes = save_plan(args.dir, plan, by=args.by)
    saved = read_rollout(args.dir)
    if saved is None:  # removed by someone else since the save
        raise no_plan(Path(args.dir))
    for task_id in changes.removed_with_progress:
        print(f"warning: {label('ro_removed_progress', args.lang, task=task_id)}", file=sys.stderr)
    if args.format == "json":
        body = saved.model_dump(mode="json", exclude_none=True)
        body.update(added=changes.added, removed=changes.removed, removed_with_progress=changes.removed_with_progress)
        print(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        from ..model.schema import text_of

        name = text_of(engagement.vendors[saved.vendor].name, args.lang)
        print(render_plan(saved, name, args.lang, changes))
    return EXIT_OK


def cmd_status(args) -> int:
    from ..rollout import read_rollout, rollout_status
    from ..rollout._render import render_status
    from ..rollout._store import no_plan

    rollout = read_rollout(args.dir)
    if rollout is None:
        raise no_plan(Path(args.dir))
    status = rollout_status(rollout, args.today)
    if args.format == "json":
        print(json.dumps(status.as_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(render_status(status, args.lang))
    return EXIT_OK


def _print_changes(entries, item: str, lang: str) -> None:
    from ..files._i18n import label

    empty = label("ro_empty", lang)
    if not entries:
        print(label("ro_no_change", lang, task=item))
    for e in entries:
        old, new = ("" if v is None else v for v in (e.old, e.new))
        print(label("ro_changed", lang, task=e.task, field=e.field, old=old or empty, new=new or empty))


def cmd_task(args) -> int:
    from ..rollout import update_task

    entries = update_task(args.dir, args.task_id, status=args.status, owner=args.owner, note=args.note, by=args.by)
    _print_changes(entries, args.task_id, args.lang)
    return EXIT_OK


def cmd_kpi(args) -> int:
    from ..rollout import update_kpi

    given = {k: getattr(args, k) for k in ("baseline", "target", "actual") if getattr(args, k) is not _UNSET}
    entries = update_kpi(args.dir, args.kpi_id, by=args.by, **given)
    _print_changes(entries, f"kpi:{args.kpi_id}", args.lang)
    return EXIT_OK


def cmd_export(args) -> int:
    from ..files._i18n import label
    from ..rollout._exports import export

    path = export(args.dir, args.format, args.output, lang=args.lang, today=args.today)
    print(label("ro_written", args.lang, path=path), file=sys.stderr)
    return EXIT_OK


def cmd_chart(args) -> int:
    from ..files._i18n import label
    from ..rollout._charts import chart

    path = chart(args.dir, args.kind, args.output, lang=args.lang, today=args.today)
    print(label("ro_written", args.lang, path=path), file=sys.stderr)
    return EXIT_OK


_UNSET = object()


def register(sub) -> None:

    def by(p) -> None:
        p.add_argument(
            "--by",
            metavar="NAME",
            help="who makes the change, for the audit log (default: $CRM_TOOLKIT_USER or the login name)",
        )

    def today(p) -> None:
        p.add_argument(
            "--today",
            type=day,
            default=None,
            metavar="YYYY-MM-DD",
            help="the day to judge overdue tasks by (default: today)",
        )

    p = sub.add_parser(
        "plan",
        help="write the rollout plan (rollout.yaml), keeping tracked statuses",
        description="Build the 0-2 / 2-8 / 8+ week plan and the change-management track for the chosen vendor "
        "(METHOD.md §7) and write it to DIR/rollout.yaml. Regenerating keeps the status, owner and note of every "
        "task that still exists and says which tasks were added and removed.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--vendor", metavar="ID", help="the chosen vendor (default: the first-ranked one)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    by(p)
    add_lang(p)
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser(
        "status",
        help="rollout progress, overdue tasks, must-have tasks not done, KPIs",
        description="Progress overall and per phase (done tasks / all tasks), overdue tasks as of --today, "
        "must-have tasks not done, and each KPI's actual against its target.",
    )
    p.add_argument("dir", metavar="DIR")
    today(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_lang(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "task",
        help="update one rollout task: status, owner, note",
        description="One update to one task, saved under the folder's lock and logged to rollout-audit.jsonl.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("task_id", metavar="TASK_ID")
    p.add_argument("--status", metavar="STATUS", help=f"one of {', '.join(STATUSES)}")
    p.add_argument("--owner", metavar="NAME", help="the person responsible ('' clears it)")
    p.add_argument("--note", metavar="TEXT", help="a note ('' clears it)")
    by(p)
    add_lang(p)
    p.set_defaults(func=cmd_task)

    p = sub.add_parser(
        "kpi",
        help="set a success KPI's baseline, target or actual",
        description="One update to one KPI of the rollout plan, saved under the lock and logged ('none' clears).",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("kpi_id", metavar="KPI_ID")
    for name in ("baseline", "target", "actual"):
        p.add_argument(f"--{name}", type=_number_or_none, default=_UNSET, metavar="X")
    by(p)
    add_lang(p)
    p.set_defaults(func=cmd_kpi)

    p = sub.add_parser(
        "export",
        help="the rollout checklist as xlsx or CSV, or its due dates as an iCalendar file",
        description="xlsx: a checklist workbook; csv: the same table (UTF-8 with BOM); ics: one all-day event per "
        "task on its due date, with stable UIDs so a calendar updates events on re-import.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=("xlsx", "csv", "ics"), required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    today(p)
    add_lang(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "chart",
        help="a Gantt of the plan or a burn-up of done tasks, as PNG or SVG",
        description="gantt: phases and tasks with today's line and status colours; burnup: done tasks and plan "
        "size over time, replayed from the audit log.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("kind", choices=("gantt", "burnup"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.png|svg")
    today(p)
    add_lang(p)
    p.set_defaults(func=cmd_chart)
