"""`crm-toolkit validate | new | requirements | demo`: engagement folders, checked, created, graded."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..files._cache import recall, remember, target_key
from ..files._data import default_check_paths
from ..files._i18n import label
from ..files._problems import Problem, ToolkitError, sorted_problems
from ..model._files import files_checked
from ._common import EXIT_OK, Parser, add_lang, print_problems, warn

# --- validate ------------------------------------------------------------------------------------


def cmd_validate(args) -> int:
    problems = _checked(args.paths or default_check_paths(), remembered=not args.no_cache)
    code = print_problems(problems, args.format)
    if code == EXIT_OK and args.format == "text":
        print(label("valid", args.lang), file=sys.stderr)
    return code


def _checked(targets: list, *, remembered: bool) -> list[Problem]:
    """Every problem of every target, sorted; a target unchanged since its last check (and the
    toolkit too) is answered from the cache without loading the checks (files._cache)."""
    found: list[Problem] = []
    for target in targets:
        key = target_key("validate", target, files_checked(target)) if remembered else None
        problems = recall(key) if key else None
        if problems is None:
            from ..model._validate import validate_path

            problems = validate_path(target)
            if key:
                remember(key, problems)
        found += problems
    return sorted_problems(found)


# --- new ------------------------------------------------------------------------------------------


def cmd_new(args) -> int:
    from ..model._engagement import check_engagement
    from ..requirements_matrix import new_engagement

    folder = new_engagement(
        args.dir, industry=args.industry, client=args.client, users=args.users, currency=args.currency
    )
    _, problems = check_engagement(folder)
    print(label("created", args.lang, path=folder))
    if problems:
        print_problems(problems)
    return EXIT_OK


# --- requirements -------------------------------------------------------------------------------


def cmd_requirements(args) -> int:
    from ..model._engagement import load_engagement
    from ..requirements_matrix import export_csv, export_xlsx, render_requirements

    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    fmt = args.format
    if args.output and fmt == "table":
        fmt = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}.get(Path(args.output).suffix.lower(), fmt)
    if fmt == "xlsx":
        if not args.output:
            raise ToolkitError("--format xlsx needs -o FILE.xlsx")
        export_xlsx(
            engagement.requirements,
            args.output,
            lang=args.lang,
            engagement=engagement.settings.client,
            room_weights=engagement.settings.room_weights,
        )
        print(label("wrote", args.lang, path=args.output), file=sys.stderr)
        return EXIT_OK
    if fmt == "csv":
        text = export_csv(engagement.requirements, args.output, lang=args.lang)
        if args.output:
            print(label("wrote", args.lang, path=args.output), file=sys.stderr)
        else:
            sys.stdout.write(text)
        return EXIT_OK
    if fmt == "json":
        data = engagement.grading().as_dict()
        data["warnings"] = [str(p) for p in engagement.warnings]
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_requirements(engagement, args.lang) + "\n"
    if args.output:
        from ..files._yaml import write_atomic

        write_atomic(args.output, text)
        print(label("wrote", args.lang, path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_requirements_import(args) -> int:
    from ..model._engagement import is_engagement_dir
    from ..model._files import ENGAGEMENT_FILE, REQUIREMENTS_FILE
    from ..requirements_matrix import import_sheet

    if not is_engagement_dir(args.dir):
        raise ToolkitError(f"{args.dir} is not an engagement folder (no engagement.yaml)")
    data = import_sheet(args.dir, args.file)
    print(
        label(
            "imported",
            args.lang,
            n=len(data["requirements"]),
            m=len(data["integrations"]),
            path=Path(args.dir) / REQUIREMENTS_FILE,
        )
    )
    weights = data["weights"]
    if weights is not None:  # a workbook with a Weights sheet
        print(label("room_imported", args.lang, n=len(weights.updated), path=Path(args.dir) / ENGAGEMENT_FILE))
        warn(_inconsistent(weights, args.file, args.lang))
    return EXIT_OK


def _inconsistent(weights, sheet: str, lang: str) -> list[Problem]:
    """A warning per AHP stakeholder written whose consistency ratio is over 0.10, at the cell of
    the most inconsistent judgement (docs/method.md, "The room's weights")."""
    from ..scoring._room import CR_WARNING, ahp_weights

    found = []
    for who in weights.updated:
        given = weights.given[who]
        if given.ahp is None:
            continue
        _, ratio, (a, b) = ahp_weights(given.judgements())
        if ratio > CR_WARNING:
            message = label("room_inconsistent", lang, who=who, cr=f"{ratio:.3f}", a=a, b=b)
            cell = weights.cells[who][f"{a}/{b}"]
            found.append(Problem(sheet, 0, 0, f"{a}/{b}", message, "warning", cell=cell))
    return found


def cmd_demo(args) -> int:
    """The main job until the workshop app exists: the demo engagement's grading table."""
    from ..model._engagement import load_engagement
    from ..model._profiles import demo_path
    from ..model.schema import text_of
    from ..requirements_matrix import render_requirements

    path = demo_path()
    engagement = load_engagement(path)
    s = engagement.settings
    print(f"{label('engagement', args.lang)}: {path}")
    print(
        f"{label('client', args.lang)}: {s.client}   {label('industry', args.lang)}: "
        f"{text_of(engagement.industry.name, args.lang)}   {label('users', args.lang)}: {s.users}   "
        f"{label('currency', args.lang)}: {s.currency}"
    )
    print(
        f"{label('shortlist', args.lang)}: "
        + ", ".join(text_of(engagement.vendors[v].name, args.lang) for v in engagement.shortlist)
    )
    print()
    print(render_requirements(engagement, args.lang))
    print()
    print(label("demo_next", args.lang, path=path))
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check profiles and engagement folders",
        description="Check profiles and engagement folders; every problem on one line "
        "(FILE:LINE: field: message). Exit 0 valid, 1 problems, 2 usage.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: every bundled profile)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="check again even what is unchanged since its last check (the cache: $CRM_TOOLKIT_CACHE, "
        "default ~/.cache/crm-toolkit; CRM_TOOLKIT_CACHE=off turns it off)",
    )
    add_lang(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "new",
        help="scaffold an engagement from an industry profile",
        description="Create an engagement folder pre-filled from an industry profile. "
        "Refuses a folder that is not empty.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--industry", required=True, metavar="ID", help="an industry id (see `crm-toolkit profiles`)")
    p.add_argument("--client", required=True, metavar="NAME")
    p.add_argument("--users", type=int, default=50, metavar="N", help="CRM users (default 50)")
    p.add_argument("--currency", default="CNY", metavar="CUR", help="ISO currency code (default CNY)")
    add_lang(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "requirements",
        help="the must / could / won't table; `requirements import` reads a sheet",
        description="Print or export the graded requirements: the must / could / won't "
        "table, conflicts and overrides. The .xlsx workbook also has a Weights sheet, each "
        "stakeholder's weights among the criteria. `crm-toolkit requirements import DIR FILE` "
        "reads a filled .xlsx or .csv back.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    p.add_argument("-o", "--output", metavar="FILE")
    add_lang(p)
    p.set_defaults(func=cmd_requirements)

    p = sub.add_parser(
        "demo",
        help="show the bundled demo engagement",
        description="Validate the bundled demo engagement and print its requirements table.",
    )
    add_lang(p)
    p.set_defaults(func=cmd_demo)


def build_import_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="crm-toolkit requirements import",
        description="Read a filled requirements sheet (.xlsx or .csv) into DIR/requirements.yaml, "
        "and a workbook's Weights sheet into DIR/engagement.yaml (room_weights). Every bad cell is "
        "reported (FILE:Sheet!C7: field: message) and nothing is written.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("file", metavar="FILE")
    add_lang(p)
    p.set_defaults(func=cmd_requirements_import, command="requirements import")
    return p
