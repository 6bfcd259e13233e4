"""The task library (catalog/tasks.yaml) and the checks every task template passes, bundled or
from an industry profile: the rollout planner builds on it, validation checks it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from ..files._data import CATALOG_DIR
from ..files._problems import InvalidInput, Problem
from ..files._yaml import Loaded, read_yaml
from ._catalog import catalog
from ._checks import Loc, check_model, duplicate_ids
from .schema import TaskLibrary, TaskTemplate

LIBRARY_PATH = CATALOG_DIR / "tasks.yaml"
INTEGRATION_PREFIX = "integration:"


def delivers_problem(target: str) -> str | None:
    """Why `target` (a capability id or `integration:SYSTEM`) is not in the catalog, if it is not."""
    cat = catalog()
    if target.startswith(INTEGRATION_PREFIX):
        return cat.unknown_integration(target[len(INTEGRATION_PREFIX) :])
    return cat.unknown_capability(target)


def check_templates(
    tasks: Sequence[TaskTemplate],
    library: TaskLibrary,
    problem: Callable[[Loc], Callable[[str], Problem]],
    key: str = "tasks",
    taken: set[str] | None = None,
    taken_by: str = "the task library",
) -> list[Problem]:
    """Task ids unique (and apart from `taken`), roles, categories and deliverables known."""
    dups = duplicate_ids([task.id for task in tasks], key, noun="task id", taken=taken or (), taken_by=taken_by)
    out: list[Problem] = [problem(path)(message) for path, message in dups]
    for i, task in enumerate(tasks):
        at: Loc = (key, i)
        if task.owner_role not in library.roles:
            known = ", ".join(library.roles)
            out.append(problem((*at, "owner_role"))(f"unknown role {task.owner_role!r}; known: {known}"))
        if task.category not in library.categories:
            known = ", ".join(library.categories)
            out.append(problem((*at, "category"))(f"unknown category {task.category!r}; known: {known}"))
        targets: list[tuple[Loc, str]] = [(("delivers",), task.delivers)] if task.delivers else []
        targets += [(("covers", j), c) for j, c in enumerate(task.covers)]
        for sub, target in targets:
            why = delivers_problem(target)
            if why:
                out.append(problem((*at, *sub))(why))
    return out


def _check_library(loaded: Loaded, library: TaskLibrary) -> list[Problem]:
    def at(path: Loc) -> Callable[[str], Problem]:
        return lambda message: loaded.problem(path, message)

    out = check_templates(library.tasks, library, at)
    for name in ("requirement_task", "integration_task"):
        gen = getattr(library, name)
        if gen.owner_role not in library.roles:
            out.append(loaded.problem((name, "owner_role"), f"unknown role {gen.owner_role!r}"))
        if gen.category not in library.categories:
            out.append(loaded.problem((name, "category"), f"unknown category {gen.category!r}"))
    if [p.id for p in library.phases] != ["weeks-0-2", "weeks-2-8", "weeks-8-plus"]:
        out.append(loaded.problem(("phases",), "must list weeks-0-2, weeks-2-8 and weeks-8-plus, in that order"))
    for dept, role in library.departments.items():
        if role not in library.roles:
            out.append(loaded.problem(("departments", dept), f"unknown role {role!r}"))
    return out


@lru_cache(maxsize=1)
def task_library() -> TaskLibrary:
    """The bundled task library, checked once per process."""
    loaded = read_yaml(LIBRARY_PATH)
    library, problems = check_model(loaded, TaskLibrary)
    if library is not None:
        problems += _check_library(loaded, library)
    if library is None or any(p.is_error for p in problems):
        raise InvalidInput(problems, "the rollout task library")
    return library
