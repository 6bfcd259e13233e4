"""Errors are data: one `Problem` per thing wrong in a user's file, and a small exception tree.

Every validation error in the toolkit, from YAML syntax to a bad Excel cell, is a `Problem`, so
the CLI, the apps and the tests all read and print them the same way
(`FILE:LINE: field: what is wrong and what is expected`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file; `line` 0 means the whole file, `cell` an Excel cell."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # error | warning
    cell: str | None = None  # "Sheet!C7" for spreadsheet problems

    def __str__(self) -> str:
        where = self.cell if self.cell else str(self.line)
        prefix = "warning: " if self.severity == "warning" else ""
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{where}:{field} {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[str, str, int, int, str, str]:
        return (self.file, self.cell or "", self.line, self.column, self.field, self.message)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file and line order, duplicates removed."""
    return sorted(set(problems), key=Problem.sort_key)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


class ToolkitError(Exception):
    """Misuse or I/O failure: a message that names the value and the fix."""


class InvalidInput(ToolkitError):
    """Input files hold problems; `.problems` lists every one of them."""

    def __init__(self, problems: list[Problem], what: str = "input") -> None:
        self.problems = sorted_problems(problems)
        n = len(errors(self.problems))
        super().__init__(f"{what} has {n} problem{'s' if n != 1 else ''}")


class EngagementInvalid(InvalidInput):
    """An engagement folder that cannot be used as it stands."""
