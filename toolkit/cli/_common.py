"""What every command of the command line shares: exit codes, the parser that exits 2 on a
usage error, the problem printer, argument types and the --lang option."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from ..files._i18n import LANGS
from ..files._problems import Problem, errors

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line and exit 2, never a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def shown(problem: Problem) -> Problem:
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


def print_problems(problems: list[Problem], fmt: str = "text") -> int:
    problems = [shown(p) for p in problems]
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


def warn(problems) -> None:
    """Warnings (not errors) to stderr, one line each, before a command's output."""
    for p in problems:
        if not p.is_error:
            print(p, file=sys.stderr)


def add_strict(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse (exit 1) while a price or cost is missing, listing each one, instead of a "
        "preliminary scorecard without TCO (for final reports)",
    )


def warn_preliminary(card, lang: str, *, listed: bool = True) -> None:
    """One `warning:` line on stderr for a preliminary scorecard (the exit code stays 0), and each
    missing figure after it when the output on stdout does not list them (`listed` False)."""
    if not card.preliminary:
        return
    from ..files._i18n import label

    print(f"warning: {label('prelim_warning', lang, n=len(card.missing))}", file=sys.stderr)
    if not listed:
        for line in card.missing_lines():
            print(f"  {line}", file=sys.stderr)


def say_illustrative(engagement, lang: str) -> None:
    """An illustrative engagement's table opens with one line saying so (docs/method.md, "An
    illustrative engagement"); JSON and CSV, read by programs, stay as they are."""
    from ..model._illustrative import illustrative_line

    line = illustrative_line(engagement.settings.illustrative, lang)
    if line:
        print(line + "\n")


def add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGS, default="en", help="language of labels (default en)")


def day(text: str) -> dt.date:
    """An argument that is a date YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date YYYY-MM-DD (got {text!r})") from None


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1 (got {value})")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number (got {text!r})") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0 (got {value})")
    return value
