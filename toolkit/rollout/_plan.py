"""The rollout plan (METHOD.md §7): library, industry, requirement and integration tasks.

`generate_plan` is a pure function of the engagement and the chosen vendor: the same folder
gives the same plan, so a plan can be regenerated after the workshop changes a grade, and
`merge_plan` carries the tracker's state (status, owner, note, KPI figures) across.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..files._problems import InvalidInput
from ..model._catalog import catalog
from ..model._engagement import Engagement
from ..model._evidence import SUPPORT_OF_VALUE, capability_rating, integration_support
from ..model._task_library import INTEGRATION_PREFIX, task_library
from ..model.schema import PHASES, LocalizedText, PlanKpi, PlanPhase, PlanTask, RolloutFile, TaskTemplate, text_of
from ..model.schema._rollout import LeftOut, Origin, Phase, PublishedClaim, Track
from ._library import target_name

#: the four task deliverables METHOD.md §7 fixes in weeks 0-2; always must-have
CORE_CAPABILITIES = ("customer_360", "lead_opportunity_funnel", "order_contract_payment", "data_import")
_ORIGIN_ORDER = {"library": 0, "industry": 1, "requirement": 2, "integration": 3}
_TRACK_ORDER = {"delivery": 0, "change": 1}


def phase_dates(start_date: dt.date) -> list[PlanPhase]:
    """Each phase's first and last day; the last day is its tasks' default due date."""
    out = []
    for spec in task_library().phases:
        start = start_date + dt.timedelta(weeks=spec.start_week)
        out.append(PlanPhase(id=spec.id, start=start, end=start + dt.timedelta(weeks=spec.weeks, days=-1)))
    return out


def requirement_phase(grade: str | None, hint: str | None) -> Phase | None:
    """§7: musts hinted core in weeks 0-2, other musts and coulds hinted core/expand in 2-8,
    the remaining coulds after week 8; wont and ungraded get no task."""
    if grade == "must":
        return "weeks-0-2" if hint == "core" else "weeks-2-8"
    if grade == "could":
        return "weeks-2-8" if hint in ("core", "expand") else "weeks-8-plus"
    return None


def _fill(template: str | LocalizedText, **fields: str | tuple[str, str]) -> LocalizedText:
    """A bilingual text from a template; a field given as (en, zh) is filled per language."""

    def one(lang: str) -> str:
        values = {k: (v[0] if lang == "en" else v[1]) if isinstance(v, tuple) else v for k, v in fields.items()}
        return text_of(template, lang).format(**values)

    return LocalizedText(en=one("en"), zh=one("zh"))


@dataclass
class _Draft:
    """A task while the plan is assembled: the template plus what the engagement adds."""

    id: str
    phase: Phase
    track: Track
    origin: Origin
    title: str | LocalizedText
    category: str
    delivers: str | None
    covers: tuple[str, ...]
    acceptance: str | LocalizedText
    owner_role: str
    base_days: float
    order: int
    requirements: list[str]
    must: bool = False


def _vendor_level(
    engagement: Engagement, vendor: str, target: str | None
) -> tuple[int | str | None, str | None, float]:
    """The chosen vendor's rating or support for `target`, its origin, and the effort factor."""
    if target is None:
        return None, None, 1.0
    factors = task_library().effort_factors
    profile = engagement.vendors[vendor]
    evidence = engagement.evaluations.get(vendor)
    if target.startswith(INTEGRATION_PREFIX):
        rated = integration_support(profile, evidence, target[len(INTEGRATION_PREFIX) :])
        level = SUPPORT_OF_VALUE[rated.value]
        return level, rated.origin, factors.support[level]
    rated = capability_rating(profile, engagement.edition_of(vendor), evidence, target)
    return rated.value, rated.origin, factors.rating[rated.value]


def _template_drafts(
    templates: list[TaskTemplate], origin: Origin, wont: set[str], start: int, left_out: list[LeftOut]
) -> list[_Draft]:
    out = []
    for i, t in enumerate(templates):
        if t.delivers in wont and t.delivers not in CORE_CAPABILITIES:
            left_out.append(LeftOut(id=t.id, delivers=t.delivers))  # the client graded it won't
            continue
        out.append(
            _Draft(
                id=t.id,
                phase=t.phase,
                track=t.track,
                origin=origin,
                title=t.title,
                category=t.category,
                delivers=t.delivers,
                covers=tuple(t.covers),
                acceptance=t.acceptance,
                owner_role=t.owner_role,
                base_days=t.effort_days,
                order=start + i,
                requirements=[],
                must=t.delivers in CORE_CAPABILITIES,
            )
        )
    return out


def _requirement_drafts(engagement: Engagement, covered: dict[str, _Draft]) -> list[_Draft]:
    """Attach each graded requirement to the task that delivers it, or give it its own task.

    A task lands in the earliest phase that §7 gives any requirement it serves: a library or
    industry task delivering a must hinted core moves to weeks 0-2.
    """
    library, cat = task_library(), catalog()
    gen = library.requirement_task
    by_id = {r.id: r for r in engagement.requirements.requirements}
    own: dict[str, _Draft] = {}
    for item in engagement.grading().requirements:
        wanted = requirement_phase(item.grade, cat.hint(item.target))
        if wanted is None:  # neither must nor could
            continue
        draft = covered.get(item.target) or own.get(item.target)
        if draft is None:
            dept = by_id[item.id].department
            draft = own[item.target] = _Draft(
                id=f"cap_{item.target}",
                phase=wanted,
                track="delivery",
                origin="requirement",
                title=_fill(gen.title, name=_names(item.target)),
                category=gen.category,
                delivers=item.target,
                covers=(),
                acceptance=gen.acceptance,
                owner_role=library.departments.get(dept or "", gen.owner_role),
                base_days=gen.effort_days,
                order=len(own),
                requirements=[],
            )
        if PHASES.index(wanted) < PHASES.index(draft.phase):
            draft.phase = wanted  # §7 places the requirement earlier: the task that delivers it moves up
        draft.requirements.append(item.id)
        draft.must = draft.must or item.grade == "must"
    for draft in own.values():
        draft.acceptance = _fill(gen.acceptance, requirements=", ".join(draft.requirements))
    return list(own.values())


def _names(target: str) -> tuple[str, str]:
    return target_name(target, "en"), target_name(target, "zh")


def _integration_drafts(engagement: Engagement, covered: dict[str, _Draft]) -> list[_Draft]:
    """One task per integration graded must or could, unless a task already delivers it."""
    gen = task_library().integration_task
    products = {i.system: i.product for i in engagement.requirements.integrations}
    out: list[_Draft] = []
    for item in engagement.grading().integrations:
        if item.grade not in ("must", "could"):
            continue
        target = f"{INTEGRATION_PREFIX}{item.target}"
        draft = covered.get(target)
        if draft is None:
            names = _names(target)
            product = products.get(item.target)
            draft = _Draft(
                id=f"int_{item.target}",
                phase="weeks-8-plus",
                track="delivery",
                origin="integration",
                title=_fill(gen.title, name=names),
                category=gen.category,
                delivers=target,
                covers=(),
                acceptance=_fill(gen.acceptance, product=(product, product) if product else names),
                owner_role=gen.owner_role,
                base_days=gen.effort_days,
                order=len(out),
                requirements=[],
            )
            out.append(draft)
        draft.requirements.append(item.id)
        draft.must = draft.must or item.grade == "must"
    return out


def _kpis(engagement: Engagement) -> list[PlanKpi]:
    industry = engagement.industry
    out = []
    for kpi in industry.kpis:
        claims = [
            PublishedClaim(change=c.change, source=c.source)
            for c in industry.case_results
            if c.metric == kpi.id and c.change is not None
        ]
        out.append(PlanKpi(id=kpi.id, name=kpi.name, unit=kpi.unit, direction=kpi.direction, claims=claims))
    return out


def default_vendor(engagement: Engagement) -> str:
    """The first-ranked vendor of the engagement's scorecard."""
    from ..scoring import score

    card = score(engagement)
    if not card.ranked:
        problem = engagement.problem("engagement.yaml", ("shortlist",), "no vendor is ranked; choose one with --vendor")
        raise InvalidInput([problem], "the rollout plan")
    return card.ranked[0]


def generate_plan(engagement: Engagement, vendor: str | None = None) -> RolloutFile:
    """The engagement's rollout plan for `vendor` (default: the first-ranked), every task `todo`."""
    settings = engagement.settings
    if settings.start_date is None:
        why = "needed for a rollout plan: the day week 0 begins"
        problem = engagement.problem("engagement.yaml", ("start_date",), why)
        raise InvalidInput([problem], "the rollout plan")
    vendor = vendor or default_vendor(engagement)
    if vendor not in engagement.vendors:
        known = ", ".join(engagement.shortlist)
        why = f"unknown vendor {vendor!r}; shortlisted: {known}"
        problem = engagement.problem("engagement.yaml", ("shortlist",), why)
        raise InvalidInput([problem], "the rollout plan")
    library = task_library()
    grading = engagement.grading()
    graded = {i.target: i.grade for i in grading.requirements if i.grade in ("must", "could")}
    wont = {i.target for i in grading.requirements if i.grade == "wont"} - set(graded)
    wont |= {f"{INTEGRATION_PREFIX}{i.target}" for i in grading.integrations if i.grade == "wont"}
    left_out: list[LeftOut] = []
    drafts = _template_drafts(library.tasks, "library", wont, 0, left_out)
    drafts += _template_drafts(engagement.industry.tasks, "industry", wont, len(drafts), left_out)
    covered: dict[str, _Draft] = {}
    for d in drafts:
        for target in ((d.delivers,) if d.delivers else ()) + d.covers:
            covered.setdefault(target, d)
    drafts += _requirement_drafts(engagement, covered)
    drafts += _integration_drafts(engagement, covered)

    phases = phase_dates(settings.start_date)
    due = {p.id: p.end for p in phases}
    drafts.sort(key=lambda d: (PHASES.index(d.phase), _TRACK_ORDER[d.track], _ORIGIN_ORDER[d.origin], d.order))
    tasks = []
    for d in drafts:
        level, level_origin, factor = _vendor_level(engagement, vendor, d.delivers)
        tasks.append(
            PlanTask(
                id=d.id,
                phase=d.phase,
                track=d.track,
                origin=d.origin,
                title=d.title,
                category=d.category,
                delivers=d.delivers,
                requirements=d.requirements,
                must=d.must,
                acceptance=d.acceptance,
                owner_role=d.owner_role,
                level=level,
                level_origin=level_origin,
                effort_days=round(d.base_days * factor, 1),
                due=due[d.phase],
            )
        )
    return RolloutFile(
        vendor=vendor,
        start_date=settings.start_date,
        phases=phases,
        tasks=tasks,
        kpis=_kpis(engagement),
        left_out=left_out,
    )


@dataclass(frozen=True)
class PlanChanges:
    """What regenerating a plan did to the tracked one."""

    added: list[str]
    removed: list[str]
    kept: list[str]
    removed_with_progress: list[str]  # removed tasks that had a status other than todo, an owner or a note


def merge_plan(new: RolloutFile, old: RolloutFile | None) -> tuple[RolloutFile, PlanChanges]:
    """`new` with the status, owner and note of every task that still exists, and the KPI figures."""
    if old is None:
        return new, PlanChanges([t.id for t in new.tasks], [], [], [])
    old_tasks = {t.id: t for t in old.tasks}
    tasks = []
    for t in new.tasks:
        prev = old_tasks.get(t.id)
        kept = {} if prev is None else {"status": prev.status, "owner": prev.owner, "note": prev.note}
        tasks.append(t.model_copy(update=kept))
    old_kpis = {k.id: k for k in old.kpis}
    kpis = [
        k.model_copy(update={f: getattr(old_kpis[k.id], f) for f in ("baseline", "target", "actual")})
        if k.id in old_kpis
        else k
        for k in new.kpis
    ]
    new_ids = {t.id for t in new.tasks}
    removed = [t for t in old.tasks if t.id not in new_ids]
    changes = PlanChanges(
        added=[t.id for t in new.tasks if t.id not in old_tasks],
        removed=[t.id for t in removed],
        kept=[t.id for t in new.tasks if t.id in old_tasks],
        removed_with_progress=[t.id for t in removed if t.status != "todo" or t.owner or t.note],
    )
    return new.model_copy(update={"tasks": tasks, "kpis": kpis}), changes
