"""An engagement: one client's selection project, a folder of YAML files (METHOD.md §1, §8).

`check_engagement` reads every file of the folder and reports every problem at once, pointing
at the line that makes each reference; `load_engagement` returns the validated folder or raises
`EngagementInvalid` with that list.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..files._problems import EngagementInvalid, Problem, ToolkitError, errors
from ..files._yaml import read_yaml
from ._checks import Loc, check_model, check_model_partial
from ._engagement_checks import check_evaluations, check_requirements, check_room, check_settings
from ._files import ENGAGEMENT_FILE, EVALUATIONS_FILE, REQUIREMENTS_FILE, ROLLOUT_FILE, VENDOR_DIR
from ._grading import GradingTable, grading_table
from ._profiles import engagement_vendors, industry_profiles
from ._rollout_file import check_rollout
from .schema import (
    Edition,
    EngagementSettings,
    Evaluations,
    Evidence,
    IndustryProfile,
    Requirements,
    VendorProfile,
)


@dataclass(frozen=True)
class Engagement:
    """A validated engagement folder with the profiles it sees."""

    path: Path
    settings: EngagementSettings
    requirements: Requirements
    evaluations: dict[str, dict[str, Evidence]]
    vendors: dict[str, VendorProfile]
    industry: IndustryProfile
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def shortlist(self) -> list[str]:
        """The vendors under evaluation: the shortlist, else every vendor available (§9)."""
        if self.settings.shortlist is not None:
            return list(self.settings.shortlist)
        return sorted(self.vendors)

    def edition_of(self, vendor_id: str) -> Edition:
        """The edition chosen for a vendor, else its default (validation saw that it exists)."""
        profile = self.vendors[vendor_id]
        wanted = self.settings.editions.get(vendor_id) or profile.default_edition
        edition = profile.edition(wanted)
        if edition is None:
            raise ToolkitError(
                f"{vendor_id} has no edition {wanted!r} (has: {', '.join(e.id for e in profile.editions)})"
            )
        return edition

    def grading(self) -> GradingTable:
        return grading_table(self.requirements)

    def problem(self, file_name: str, path: Loc, message: str) -> Problem:
        """A problem pointing at the line of `path` in one of the folder's files.

        Used on the error path of functions that work on the loaded engagement (scoring), so
        that their problems print as FILE:LINE like validation's.
        """
        return read_yaml(self.path / file_name).problem(path, message)


def is_engagement_dir(path: str | Path) -> bool:
    return (Path(path) / ENGAGEMENT_FILE).is_file()


def check_engagement(folder: str | Path) -> tuple[Engagement | None, list[Problem]]:
    """Every problem of an engagement folder, and the engagement when there are no errors."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        return None, [Problem(str(folder), 0, 0, "", "not a folder: give an engagement folder holding engagement.yaml")]
    vendors, broken, found = engagement_vendors(folder)
    problems += found
    industries = industry_profiles()

    eng_loaded = read_yaml(folder / ENGAGEMENT_FILE)
    settings, partial, found = check_model_partial(eng_loaded, EngagementSettings)
    problems += found
    if partial is not None:
        problems += check_settings(eng_loaded, partial, vendors, industries, broken)

    req_loaded = read_yaml(folder / REQUIREMENTS_FILE)
    reqs, partial_reqs, found = check_model_partial(req_loaded, Requirements)
    problems += found
    if partial_reqs is not None:
        problems += check_requirements(req_loaded, partial_reqs)
        if partial is not None:
            problems += check_room(eng_loaded, partial, partial_reqs)

    evals: dict[str, dict[str, Evidence]] = {}
    eval_path = folder / EVALUATIONS_FILE
    if eval_path.exists():
        ev_loaded = read_yaml(eval_path)
        model, found = check_model(ev_loaded, Evaluations)
        problems += found
        if model is not None:
            evals = model.root
            problems += check_evaluations(ev_loaded, evals, vendors, broken, partial)

    problems += check_rollout(folder)[1]
    known_files = {ENGAGEMENT_FILE, REQUIREMENTS_FILE, EVALUATIONS_FILE, ROLLOUT_FILE}
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in known_files and not path.name.startswith("."):
            problems += read_yaml(path).problems  # other YAML kept here must at least parse

    if errors(problems) or settings is None or reqs is None:
        return None, problems
    engagement = Engagement(
        path=folder,
        settings=settings,
        requirements=reqs,
        evaluations=evals,
        vendors=vendors,
        industry=industries[settings.industry],
        warnings=tuple(p for p in problems if not p.is_error),
    )
    return engagement, problems


def load_engagement(folder: str | Path) -> Engagement:
    """The validated engagement in `folder`; raises `EngagementInvalid` listing every problem."""
    engagement, problems = check_engagement(folder)
    if engagement is None:
        raise EngagementInvalid(problems, f"engagement {folder}")
    return engagement


def check_replaced(folder: str | Path, replaced: Mapping[str, str]) -> list[Problem]:
    """The folder's errors if its files `replaced` (name -> text) held that text.

    Checked on a copy of what `check_engagement` reads (the YAML files and local vendor
    profiles), so nothing in the folder is touched; the problems name the folder's own files.
    """
    folder = Path(folder)
    with tempfile.TemporaryDirectory() as tmp:
        shadow = Path(tmp) / folder.name
        shadow.mkdir()
        for path in folder.glob("*.y*ml"):
            shutil.copy2(path, shadow / path.name)
        if (folder / VENDOR_DIR).is_dir():
            shutil.copytree(folder / VENDOR_DIR, shadow / VENDOR_DIR)
        for name, text in replaced.items():
            (shadow / name).write_text(text, encoding="utf-8")
        _, problems = check_engagement(shadow)
        return [dataclasses.replace(p, file=p.file.replace(str(shadow), str(folder))) for p in errors(problems)]
