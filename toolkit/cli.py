"""`crm-toolkit`: a thin command line over the toolkit's functions.

Each sub-command parses its arguments, calls one function, hands the result to a reporter and
returns the exit code: 0 clean, 1 problems in the input, 2 usage errors (as yamllint does).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from ._i18n import LANGS, label
from ._problems import InvalidInput, Problem, ToolkitError, errors

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line and exit 2, never a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _shown(problem: Problem) -> Problem:
    """The problem with its file relative to the working folder, when it lies inside it."""
    import dataclasses
    import os

    try:
        rel = os.path.relpath(problem.file)
    except ValueError:
        return problem
    if rel.startswith(".."):
        return problem
    return dataclasses.replace(problem, file=rel)


def _print_problems(problems: list[Problem], fmt: str = "text") -> int:
    problems = [_shown(p) for p in problems]
    if fmt == "json":
        print(
            json.dumps(
                {"valid": not errors(problems), "problems": [p.as_dict() for p in problems]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for p in problems:
            print(p)
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    if n_err or n_warn:
        print(f"{n_err} problem(s), {n_warn} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if n_err else EXIT_OK


def _warn(problems) -> None:
    for p in problems:
        if not p.is_error:
            print(p, file=sys.stderr)


# --- validate ------------------------------------------------------------------------------------


def cmd_validate(args) -> int:
    from ._validate import validate

    problems = validate(args.paths or None)
    code = _print_problems(problems, args.format)
    if code == EXIT_OK and args.format == "text":
        print(label("valid", args.lang), file=sys.stderr)
    return code


# --- new ------------------------------------------------------------------------------------------


def cmd_new(args) -> int:
    from ._engagement import check_engagement
    from .requirements_matrix import new_engagement

    folder = new_engagement(
        args.dir, industry=args.industry, client=args.client, users=args.users, currency=args.currency
    )
    _, problems = check_engagement(folder)
    print(label("created", args.lang, path=folder))
    if problems:
        _print_problems(problems)
    return EXIT_OK


# --- requirements -------------------------------------------------------------------------------


def cmd_requirements(args) -> int:
    from ._engagement import load_engagement
    from .requirements_matrix import export_csv, export_xlsx, render_requirements

    engagement = load_engagement(args.dir)
    _warn(engagement.warnings)
    fmt = args.format
    if args.output and fmt == "table":
        fmt = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}.get(Path(args.output).suffix.lower(), fmt)
    if fmt == "xlsx":
        if not args.output:
            raise ToolkitError("--format xlsx needs -o FILE.xlsx")
        export_xlsx(engagement.requirements, args.output, lang=args.lang, engagement=engagement.settings.client)
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
        from ._yaml import write_atomic

        write_atomic(args.output, text)
        print(label("wrote", args.lang, path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_requirements_import(args) -> int:
    from ._engagement import REQUIREMENTS_FILE, is_engagement_dir
    from .requirements_matrix import import_sheet

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
    return EXIT_OK


# --- catalog, profiles, schema -----------------------------------------------------------------


def cmd_catalog(args) -> int:
    from ._catalog import catalog
    from ._table import render

    cat = catalog()
    lang = args.lang
    if args.format == "json":
        data = {
            "capabilities": [
                {"id": k, "category": v.category, "hint": v.hint, "en": v.en, "zh": v.zh}
                for k, v in cat.capabilities.items()
            ],
            "integrations": [{"id": k, "en": v.en, "zh": v.zh} for k, v in cat.integrations.items()],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [
        [k, cat.capability_name(k, lang), cat.category_name(v.category, lang), label(v.hint, lang)]
        for k, v in cat.capabilities.items()
    ]
    print(f"{label('capabilities', lang)} ({len(rows)})")
    print(render([label("id", lang), label("name", lang), label("category", lang), label("hint", lang)], rows))
    rows = [[k, cat.integration_name(k, lang)] for k in cat.integrations]
    print(f"\n{label('integration_targets', lang)} ({len(rows)})")
    print(render([label("id", lang), label("name", lang)], rows))
    return EXIT_OK


def _source_dates(profile) -> tuple[str, str]:
    dates = sorted(s.as_of for s in profile.sources.values())
    return (dates[0].isoformat(), dates[-1].isoformat()) if dates else ("", "")


def cmd_profiles(args) -> int:
    from ._profiles import industry_profiles, sourced_facts, vendor_profiles
    from ._table import render
    from .schema import text_of

    lang = args.lang
    vendors = vendor_profiles()
    industries = industry_profiles()
    if args.format == "json":
        data = {
            "vendors": [
                {
                    "id": p.id,
                    "name": text_of(p.name, lang),
                    "currency": p.currency,
                    "editions": [e.id for e in p.editions],
                    "sources": len(p.sources),
                    "facts": sourced_facts(p),
                    "oldest_source": _source_dates(p)[0],
                    "newest_source": _source_dates(p)[1],
                }
                for p in vendors.values()
            ],
            "industries": [
                {
                    "id": p.id,
                    "name": text_of(p.name, lang),
                    "sources": len(p.sources),
                    "facts": sourced_facts(p),
                    "oldest_source": _source_dates(p)[0],
                    "newest_source": _source_dates(p)[1],
                }
                for p in industries.values()
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    head = [label(k, lang) for k in ("id", "name", "currency", "editions", "sources", "facts", "oldest", "newest")]
    rows = [
        [p.id, text_of(p.name, lang), p.currency, len(p.editions), len(p.sources), sourced_facts(p), *_source_dates(p)]
        for p in vendors.values()
    ]
    print(f"{label('vendors', lang)} ({len(rows)})")
    print(render(head, rows))
    head = [label(k, lang) for k in ("id", "name", "sources", "facts", "oldest", "newest")]
    rows = [
        [p.id, text_of(p.name, lang), len(p.sources), sourced_facts(p), *_source_dates(p)] for p in industries.values()
    ]
    print(f"\n{label('industries', lang)} ({len(rows)})")
    print(render(head, rows))
    return EXIT_OK


def cmd_schema(args) -> int:
    from .schema import write_json_schemas

    for path in write_json_schemas(args.output):
        print(label("wrote", args.lang, path=path))
    return EXIT_OK


def cmd_demo(args) -> int:
    """The main job until the workshop app exists: the demo engagement's grading table."""
    from ._engagement import load_engagement
    from ._profiles import demo_path
    from .requirements_matrix import render_requirements
    from .schema import text_of

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


# --- parser ---------------------------------------------------------------------------------------


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGS, default="en", help="language of labels (default en)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="crm-toolkit", description="CRM selection and implementation toolkit.")
    parser.add_argument("--version", action="version", version=f"crm-toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "validate",
        help="check profiles and engagement folders",
        description="Check profiles and engagement folders; every problem on one line "
        "(FILE:LINE: field: message). Exit 0 valid, 1 problems, 2 usage.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: every bundled profile)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _lang(p)
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
    _lang(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "requirements",
        help="the must / could / won't table; `requirements import` reads a sheet",
        description="Print or export the graded requirements: the must / could / won't "
        "table, conflicts and overrides. `crm-toolkit requirements import DIR FILE` "
        "reads a filled .xlsx or .csv back.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    p.add_argument("-o", "--output", metavar="FILE")
    _lang(p)
    p.set_defaults(func=cmd_requirements)

    p = sub.add_parser(
        "catalog",
        help="capabilities and integration targets",
        description="List the capability catalog and the integration targets.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    _lang(p)
    p.set_defaults(func=cmd_catalog)

    p = sub.add_parser(
        "profiles",
        help="vendor and industry profiles with their source dates",
        description="List the bundled vendor and industry profiles with source counts and dates.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    _lang(p)
    p.set_defaults(func=cmd_profiles)

    p = sub.add_parser(
        "schema",
        help="write the JSON Schemas of every file kind",
        description="Write engagement, requirements, evaluations, vendor_profile and "
        "industry_profile JSON Schemas into DIR, for editors.",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    _lang(p)
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "demo",
        help="show the bundled demo engagement",
        description="Validate the bundled demo engagement and print its requirements table.",
    )
    _lang(p)
    p.set_defaults(func=cmd_demo)

    from . import _cli_app, _cli_report, _cli_rfp, _cli_rollout, _cli_scoring

    for module in (_cli_scoring, _cli_rfp, _cli_report, _cli_rollout, _cli_app):
        module.register(sub)
    return parser


def build_import_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="crm-toolkit requirements import",
        description="Read a filled requirements sheet (.xlsx or .csv) into DIR/requirements.yaml. "
        "Every bad cell is reported (FILE:Sheet!C7: field: message) and nothing is written.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("file", metavar="FILE")
    _lang(p)
    p.set_defaults(func=cmd_requirements_import, command="requirements import")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) >= 2 and argv[0] == "requirements" and argv[1] == "import":
        parser, argv = build_import_parser(), argv[2:]
    else:
        parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except InvalidInput as e:
        return _print_problems(e.problems) or EXIT_PROBLEMS
    except ToolkitError as e:
        print(f"crm-toolkit: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
