"""`validate`: every problem of profiles and engagement folders, one line each."""

from __future__ import annotations

from pathlib import Path

from ..files._data import CATALOG_PATH, default_check_paths
from ..files._problems import Problem, sorted_problems
from ..files._yaml import read_yaml
from ._checks import check_model
from ._engagement import check_engagement, is_engagement_dir
from ._files import ENGAGEMENT_FILES, VENDOR_DIR
from ._profiles import (
    check_industry,
    check_vendor,
)
from .schema import CatalogFile


def _file_kind(path: Path, data: object) -> str | None:
    parent = path.parent.name
    if parent == VENDOR_DIR:
        return "vendor"
    if parent == "industry_profiles":
        return "industry"
    if path.resolve() == CATALOG_PATH.resolve():
        return "catalog"
    if isinstance(data, dict):
        if "editions" in data or "default_edition" in data:
            return "vendor"
        if {"suggested_grades", "process_chain", "pain_points", "kpis"} & set(data):
            return "industry"
        if "capabilities" in data and "integrations" in data and "categories" in data:
            return "catalog"
    return None


def _validate_file(path: Path) -> list[Problem]:
    if path.name in ENGAGEMENT_FILES:
        return check_engagement(path.parent)[1]
    loaded = read_yaml(path)
    if not loaded.ok:
        return loaded.problems
    kind = _file_kind(path, loaded.data)
    if kind == "vendor":
        return check_vendor(loaded)[1]
    if kind == "industry":
        return check_industry(loaded)[1]
    if kind == "catalog":
        return check_model(loaded, CatalogFile)[1]
    return [
        Problem(
            str(path),
            0,
            0,
            "",
            "cannot tell what this file is: expected a vendor or industry "
            "profile (in a vendor_profiles/ or industry_profiles/ folder) or an engagement file",
        )
    ]


def _validate_dir(folder: Path) -> list[Problem]:
    if is_engagement_dir(folder):
        return check_engagement(folder)[1]
    problems: list[Problem] = []
    found = False
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and (is_engagement_dir(path) or path.name in (VENDOR_DIR, "industry_profiles")):
            problems += _validate_dir(path)
            found = True
        elif path.suffix in (".yaml", ".yml"):
            problems += _validate_file(path)
            found = True
    if not found:
        problems.append(Problem(str(folder), 0, 0, "", "holds no YAML file and no engagement folder"))
    return problems


def validate_path(path: str | Path) -> list[Problem]:
    """Every problem in one file or folder, in the order found (see `validate`)."""
    path = Path(path)
    if path.is_dir():
        return _validate_dir(path)
    if path.exists():
        return _validate_file(path)
    return [Problem(str(path), 0, 0, "", "no such file or folder")]


def validate(paths: list[str | Path] | None = None) -> list[Problem]:
    """Every problem in the given files and folders (default: the bundled data), sorted.

    A folder holding engagement.yaml is checked as an engagement, with every cross-file
    reference; any other folder is searched for profiles and engagement folders.
    """
    return sorted_problems([p for raw in paths or default_check_paths() for p in validate_path(raw)])
