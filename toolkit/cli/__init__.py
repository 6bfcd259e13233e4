"""`crm-toolkit`: a thin command line over the toolkit's functions.

Each sub-command parses its arguments, calls one function, hands the result to a reporter and
returns the exit code: 0 clean, 1 problems in the input, 2 usage errors (as yamllint does).
One module per group of commands registers its sub-commands; `_common` holds what they share.
Heavy libraries are imported inside the commands, so `--help` and `validate` start fast.
"""

from __future__ import annotations

import argparse
import sys

from ..files._problems import InvalidInput, ToolkitError
from ..files._version import VERSION
from . import _app, _catalog, _deck, _engagement, _report, _rfp, _rollout, _scoring
from ._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Parser, print_problems

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="crm-toolkit", description="CRM selection and implementation toolkit.")
    parser.add_argument("--version", action="version", version=f"crm-toolkit {VERSION}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in (_engagement, _catalog, _scoring, _rfp, _report, _deck, _rollout, _app):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) >= 2 and argv[0] == "requirements" and argv[1] == "import":
        parser, argv = _engagement.build_import_parser(), argv[2:]
    else:
        parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except InvalidInput as e:
        return print_problems(e.problems) or EXIT_PROBLEMS
    except ToolkitError as e:
        print(f"crm-toolkit: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
