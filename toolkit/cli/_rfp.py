"""`crm-toolkit rfp export` and `crm-toolkit rfp import`: the vendor questionnaire round trip."""

from __future__ import annotations

import sys
from pathlib import Path

from ..files._i18n import LANGS, label
from ._common import EXIT_OK, EXIT_USAGE, warn


def cmd_rfp_export(args) -> int:
    from ..files._problems import ToolkitError
    from ..model._engagement import load_engagement
    from ..rfp import export_rfp, export_rfp_per_vendor

    out = Path(args.output)
    if args.per_vendor and out.suffix.lower() == ".xlsx":
        raise ToolkitError(f"--per-vendor writes one workbook per vendor into a folder: give -o DIR/, not {out}")
    if not args.per_vendor and (out.is_dir() or args.output.endswith(("/", "\\"))):
        raise ToolkitError(f"{out} is a folder: add --per-vendor, or give -o FILE.xlsx")
    if not args.per_vendor and out.suffix.lower() != ".xlsx":
        raise ToolkitError(f"-o {out}: the questionnaire is an Excel workbook, give -o FILE.xlsx")
    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    if args.per_vendor:
        paths = export_rfp_per_vendor(engagement, out, vendors=args.vendor, lang=args.lang)
    else:
        paths = [export_rfp(engagement, out, vendors=args.vendor, lang=args.lang)]
    for path in paths:
        print(label("wrote", args.lang, path=path), file=sys.stderr)
    return EXIT_OK


def cmd_rfp_import(args) -> int:
    from ..files._problems import ToolkitError
    from ..model._engagement import is_engagement_dir
    from ..rfp import import_rfp

    if not is_engagement_dir(args.dir):
        raise ToolkitError(f"{args.dir} is not an engagement folder (no engagement.yaml)")
    if not Path(args.file).is_file():
        raise ToolkitError(f"{args.file}: no such file; give the filled questionnaire (.xlsx)")
    result = import_rfp(args.dir, args.file)
    warn(result.warnings)
    print(
        label(
            "rfp_imported",
            args.lang,
            ratings=result.ratings,
            integrations=result.integrations,
            quotes=result.quotes,
            path=result.path,
        )
    )
    return EXIT_OK


def _no_subcommand(parser):
    def run(args) -> int:

        parser.print_help(sys.stderr)
        return EXIT_USAGE

    return run


def register(sub) -> None:
    """Add `rfp export` and `rfp import` to the main parser's sub-parsers."""
    p = sub.add_parser(
        "rfp",
        help="vendor questionnaires: export to Excel, import the answers",
        description="The RFP round trip: `rfp export` writes a questionnaire per vendor from the "
        "graded requirements; `rfp import` reads a filled one into evaluations.yaml.",
    )
    p.set_defaults(func=_no_subcommand(p))
    rfp = p.add_subparsers(dest="rfp_command", metavar="COMMAND", parser_class=type(p))

    e = rfp.add_parser(
        "export",
        help="write the vendor questionnaire (.xlsx)",
        description="A workbook with a question sheet and a pricing sheet per shortlisted vendor "
        "(or per --vendor): a rating drop-down (0-3) and an evidence cell for every requirement "
        "graded must or could, a support drop-down for every required integration.",
    )
    e.add_argument("dir", metavar="DIR")
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx, or DIR/ with --per-vendor")
    e.add_argument("--vendor", action="append", metavar="ID", help="only this vendor (repeat for more)")
    e.add_argument("--per-vendor", action="store_true", help="one workbook per vendor, DIR/rfp-<vendor>.xlsx")
    e.add_argument("--lang", choices=LANGS, default="en", help="language of the questionnaire (default en)")
    e.set_defaults(func=cmd_rfp_export)

    i = rfp.add_parser(
        "import",
        help="read a filled questionnaire into evaluations.yaml",
        description="Merge the answers into DIR/evaluations.yaml (comments kept). Every bad cell "
        "is reported (FILE:Sheet!E7: field: message) and nothing is written.",
    )
    i.add_argument("dir", metavar="DIR")
    i.add_argument("file", metavar="FILE.xlsx")
    i.add_argument("--lang", choices=LANGS, default="en", help="language of messages (default en)")
    i.set_defaults(func=cmd_rfp_import)
