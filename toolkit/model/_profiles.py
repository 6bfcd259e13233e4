"""Vendor and industry profiles: loading, cross-checks, and the one place that resolves which
vendor profiles an engagement sees (bundled ones, replaced or extended by its own folder)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ..files._data import BUNDLED_INDUSTRIES, BUNDLED_VENDORS, bundled, profile_paths
from ..files._problems import InvalidInput, Problem, errors
from ..files._yaml import Loaded, plain, read_yaml
from ._catalog import catalog
from ._checks import Loc, check_model, duplicate_ids, source_refs
from ._files import VENDOR_DIR
from ._task_library import check_templates, task_library
from .schema import NOT_PUBLIC, IndustryProfile, Source, VendorProfile

P = TypeVar("P", VendorProfile, IndustryProfile)


def bundled_vendor_paths() -> list[Path]:
    return profile_paths(BUNDLED_VENDORS)


def bundled_industry_paths() -> list[Path]:
    return profile_paths(BUNDLED_INDUSTRIES)


def _check_sources(loaded: Loaded, sources: Mapping[str, Source]) -> list[Problem]:
    out = []
    for path, key in source_refs(plain(loaded.data)):
        if not isinstance(key, str) or key not in sources:
            known = ", ".join(sources) or "none"
            out.append(loaded.problem(path, f"names source {key!r}, which is not in sources (known: {known})"))
    return out


def _check_dates(loaded: Loaded, sources: Mapping[str, Source]) -> list[Problem]:
    """A page is read after it is published: `published` (its earliest day) on or before `read`."""
    out = []
    for key, s in sources.items():
        day = s.published_on
        if day is not None and day > s.read:
            out.append(
                loaded.problem(
                    ("sources", key, "published"),
                    f"{s.published} is after the day the page was read ({s.read.isoformat()}): "
                    "a page is published before it is read",
                )
            )
    return out


def _check_id(loaded: Loaded, profile_id: str) -> list[Problem]:
    stem = loaded.path.stem
    if profile_id != stem:
        return [loaded.problem(("id",), f"must match the file name {stem!r} (got {profile_id!r})")]
    return []


def _check_profile(loaded: Loaded, model: type[P]) -> tuple[P | None, list[Problem]]:
    """What every profile passes first: its schema, an id that is its file name, known sources."""
    profile, problems = check_model(loaded, model)
    if profile is not None:
        problems += _check_id(loaded, profile.id) + _check_sources(loaded, profile.sources)
        problems += _check_dates(loaded, profile.sources)
    return profile, problems


def catalog_refs(
    loaded: Loaded, capabilities: Sequence[tuple[Loc, str]], systems: Sequence[tuple[Loc, str]] = ()
) -> list[Problem]:
    """A problem at each (path, id) the catalog does not know: capability ids, integration targets."""
    cat = catalog()
    found = [(path, cat.unknown_capability(c)) for path, c in capabilities]
    found += [(path, cat.unknown_integration(s)) for path, s in systems]
    return [loaded.problem(path, why) for path, why in found if why]


def check_vendor(loaded: Loaded) -> tuple[VendorProfile | None, list[Problem]]:
    """A vendor profile with every reference checked against its sources and the catalog."""
    profile, problems = _check_profile(loaded, VendorProfile)
    if profile is None:
        return None, problems
    capabilities: list[tuple[Loc, str]] = [(("capabilities", c), c) for c in profile.capabilities]
    capabilities += [(("editions", i, "ratings", c), c) for i, e in enumerate(profile.editions) for c in e.ratings]
    problems += catalog_refs(loaded, capabilities, [(("integrations", s), s) for s in profile.integrations])
    dups = duplicate_ids([e.id for e in profile.editions], "editions", noun="edition id")
    problems += [loaded.problem(path, message) for path, message in dups]
    for i, edition in enumerate(profile.editions):
        if edition.not_public and edition.indicative is None:
            problems.append(
                loaded.problem(
                    ("editions", i),
                    f"{', '.join(edition.not_public)} is {NOT_PUBLIC!r} with no indicative figure: "
                    "scoring this edition will need a quote",
                    severity="warning",
                )
            )
    have = [e.id for e in profile.editions]
    if profile.default_edition not in have:
        problems.append(
            loaded.problem(
                ("default_edition",),
                f"names edition {profile.default_edition!r}, which is not in editions (have: {', '.join(have)})",
            )
        )
    return (profile if not errors(problems) else None), problems


def check_industry(loaded: Loaded) -> tuple[IndustryProfile | None, list[Problem]]:
    """An industry profile with its capability, integration and source references checked."""
    profile, problems = _check_profile(loaded, IndustryProfile)
    if profile is None:
        return None, problems
    caps: list[tuple[Loc, str]] = [(("suggested_grades", c), c) for c in profile.suggested_grades]
    if profile.recommended_modules:
        caps += [
            (("recommended_modules", "capabilities", i), c)
            for i, c in enumerate(profile.recommended_modules.capabilities)
        ]
    systems = [(("suggested_integrations", s), s) for s in profile.suggested_integrations]
    problems += catalog_refs(loaded, caps, systems)
    dups = duplicate_ids([k.id for k in profile.kpis], "kpis", noun="KPI id")
    problems += [loaded.problem(path, message) for path, message in dups]
    problems += _check_industry_tasks(loaded, profile)
    return (profile if not errors(problems) else None), problems


def _check_industry_tasks(loaded: Loaded, profile: IndustryProfile) -> list[Problem]:
    """Industry tasks: sourced, and apart from the library's ids, roles and categories."""
    library = task_library()
    out = check_templates(
        profile.tasks, library, lambda path: lambda m: loaded.problem(path, m), taken={t.id for t in library.tasks}
    )
    for i, task in enumerate(profile.tasks):
        if task.source is None:
            out.append(loaded.problem(("tasks", i, "id"), "an industry task names its `source`"))
        if task.effort_basis is None:
            out.append(
                loaded.problem(
                    ("tasks", i, "effort_days"),
                    "say what effort_days rests on: effort_basis: estimate (with effort_note) "
                    "or sourced (the cited source states it)",
                )
            )
        elif task.effort_basis == "estimate" and task.effort_note is None:
            out.append(loaded.problem(("tasks", i, "effort_basis"), "an estimate says what it rests on in effort_note"))
    return out


def load_vendor_profile(path: str | Path) -> tuple[VendorProfile | None, list[Problem]]:
    return check_vendor(read_yaml(path))


def load_industry_profile(path: str | Path) -> tuple[IndustryProfile | None, list[Problem]]:
    return check_industry(read_yaml(path))


def _bundled(paths: list[Path], check: Callable[[Loaded], tuple[P | None, list[Problem]]], what: str) -> dict[str, P]:
    """Every bundled profile of one kind by id; a broken one is the toolkit's bug, said in full."""
    out = {}
    for path in paths:
        profile, problems = check(read_yaml(path))
        if profile is None:
            raise InvalidInput(problems, f"bundled {what} profile {path.name}")
        out[profile.id] = profile
    return out


@lru_cache(maxsize=1)
def _bundled_vendors() -> dict[str, VendorProfile]:
    return _bundled(bundled_vendor_paths(), check_vendor, "vendor")


@lru_cache(maxsize=1)
def _bundled_industries() -> dict[str, IndustryProfile]:
    return _bundled(bundled_industry_paths(), check_industry, "industry")


def bundled_vendor_ids() -> list[str]:
    return [p.stem for p in bundled_vendor_paths()]


def bundled_industry_ids() -> list[str]:
    return [p.stem for p in bundled_industry_paths()]


def industry_profiles() -> dict[str, IndustryProfile]:
    """Every bundled industry profile by id."""
    return dict(_bundled_industries())


def industry_profile(industry_id: str) -> IndustryProfile:
    profiles = _bundled_industries()
    if industry_id not in profiles:
        from ..files._problems import ToolkitError

        raise ToolkitError(f"unknown industry {industry_id!r}; known: {', '.join(profiles)}")
    return profiles[industry_id]


def local_vendor_paths(engagement_dir: str | Path) -> list[Path]:
    folder = Path(engagement_dir) / VENDOR_DIR
    return profile_paths(folder) if folder.is_dir() else []


def vendor_profiles(engagement_dir: str | Path | None = None) -> dict[str, VendorProfile]:
    """The vendor profiles an engagement sees (METHOD.md §3, §9).

    The bundled profiles, plus the engagement's own `vendor_profiles/`: a local profile adds a
    vendor or replaces the bundled one of the same id whole. Raises `InvalidInput` when a
    local profile is invalid, listing every problem.
    """
    if engagement_dir is None:
        return dict(_bundled_vendors())
    out, _, problems = engagement_vendors(engagement_dir)
    if errors(problems):
        raise InvalidInput(problems, "the engagement's vendor profiles")
    return out


def engagement_vendors(engagement_dir: str | Path) -> tuple[dict[str, VendorProfile], set[str], list[Problem]]:
    """(profiles, ids of broken local profiles, their problems): the bundled profiles with the
    folder's own `vendor_profiles/` laid over them. A broken local profile hides the bundled one of
    its id and keeps its id known (so the engagement's references to it raise no follow-on error)."""
    out = dict(_bundled_vendors())
    broken: set[str] = set()
    problems: list[Problem] = []
    for path in local_vendor_paths(engagement_dir):
        profile, found = check_vendor(read_yaml(path))
        problems += found
        if profile is not None:
            out[profile.id] = profile
        else:
            broken.add(path.stem)
            out.pop(path.stem, None)
    return out, broken, problems


DEMO_NAME = "demo-manufacturer"


def demo_path() -> Path:
    """The bundled demo engagement: inside the installed package, or in a checkout's examples/."""
    candidate = bundled("examples") / DEMO_NAME
    if (candidate / "engagement.yaml").is_file():
        return candidate
    from ..files._problems import ToolkitError

    raise ToolkitError(f"the demo engagement {DEMO_NAME} is not installed with this toolkit")


def sourced_facts(profile: VendorProfile | IndustryProfile) -> int:
    """How many facts in a profile name a source."""
    return len(source_refs(profile.model_dump(mode="python", warnings=False)))
