"""`score(engagement) -> Scorecard`: the four criteria, the total and the ranking (METHOD.md §3-§5).

Pure: no printing, no widgets, no writes. The Scorecard (`_card`) keeps the matrix, the weights
used, each criterion's weighted contribution and where every rating came from, so the CLI, the
report and the apps all read the same object. Missing prices or costs make it preliminary
(TCO counts in no total) unless `strict=True` asks for today's refusal (docs/method.md).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..files._problems import InvalidInput, Problem, sorted_problems
from ..model._engagement import Engagement
from ..model._evidence import SUPPORT_OF_VALUE, Rated, below_grade, capability_rating, integration_support
from ..model._grading import GradedItem
from ..model._staleness import stale_months
from ..model._vocabulary import EVIDENCE_GRADES, GRADE_RANK
from ..model.schema import (
    CRITERIA,
    QUOTE_KEY,
    UNKNOWN,
    VIABILITY_ITEMS,
    EngagementSettings,
    LocalizedText,
    VendorProfile,
    Weights,
)
from ._card import WITHOUT_TCO
from ._card import MustGap as MustGap
from ._card import Scorecard as Scorecard
from ._criteria import fit_scores, integration_scores, knocked_out, tco_scores, viability_scores
from ._mcda import rank_order
from ._room import engagement_weights
from ._tco import CostProblem, CostProblems, Tco, vendor_tco

DEFAULT_GRADE_WEIGHTS = {"must": 3.0, "could": 1.0}


def _grade_weights(settings: EngagementSettings) -> dict[str, float]:
    gw = dict(DEFAULT_GRADE_WEIGHTS)
    if settings.grade_weights is not None:
        gw.update({k: float(v) for k, v in settings.grade_weights.model_dump().items() if v is not None})
    return gw


def _viability_weights(settings: EngagementSettings) -> np.ndarray:
    vw = settings.viability_weights
    if vw is None:
        return np.ones(len(VIABILITY_ITEMS))
    given = vw.model_dump()
    return np.array([float(given.get(k) or 0.0) for k in VIABILITY_ITEMS])


def score(engagement: Engagement, *, strict: bool = False) -> Scorecard:
    """Score the engagement's vendors (the shortlist, else every vendor it sees).

    A figure a vendor's TCO needs may be missing (a price not public with no indicative figure
    or quote, an unknown implementation cost, a build cost or fx rate that a vendor needs).
    With `strict`, `InvalidInput` then lists every one as a FILE:LINE problem, all at once.
    Otherwise the scorecard is preliminary: `missing` holds those problems and TCO counts in no
    vendor's total, the other weights rescaled to sum to 1 (docs/method.md, "A preliminary
    scorecard"); when TCO is all that weighs, nothing can be ranked and the problems are raised.
    """
    settings = engagement.settings
    vendors = engagement.shortlist
    grading = engagement.grading()
    gw = _grade_weights(settings)
    reqs = [r for r in grading.requirements if r.grade in ("must", "could")]
    integ = [i for i in grading.integrations if i.grade in ("must", "could")]
    if not reqs:
        raise InvalidInput(
            [
                engagement.problem(
                    "requirements.yaml", ("requirements",), "nothing to score: no requirement is graded must or could"
                )
            ]
        )
    g_req = np.array([_weight(gw, r) for r in reqs])
    g_int = np.array([_weight(gw, i) for i in integ])
    must_req = np.array([r.grade == "must" for r in reqs])
    must_int = np.array([i.grade == "must" for i in integ], dtype=bool)

    V, R, n_int = len(vendors), len(reqs), len(integ)
    ratings = np.zeros((V, R))
    origin = np.empty((V, R), dtype=object)
    support = np.zeros((V, n_int))
    int_origin = np.empty((V, n_int), dtype=object)
    viab = np.zeros((V, len(VIABILITY_ITEMS)))
    details: list[str | LocalizedText | None] = []
    dates: list[str | None] = []
    evidence_grades: list[str | None] = []
    dated: list[Dated] = []  # (source key, published as written, its first day, days since 1970 or NAT_DAY)
    min_grade = settings.must_min_grade
    below = np.zeros((V, R), dtype=bool)  # a rating weaker than must_min_grade
    int_below = np.zeros((V, n_int), dtype=bool)
    support_rows, viab_rows = [], []
    tcos: dict[str, Tco] = {}
    problems: list[Problem] = []
    vw = _viability_weights(settings)
    editions = {}
    for a, v in enumerate(vendors):
        profile = engagement.vendors[v]
        edition = engagement.edition_of(v)
        editions[v] = edition.id
        evidence = engagement.evaluations.get(v, {})
        sources = _source_dates(profile)  # each source's dates, parsed once
        by_capability: dict[str, Rated] = {}  # requirements share capabilities: look each up once
        for b, r in enumerate(reqs):
            rated = by_capability.get(r.target)
            if rated is None:
                rated = by_capability[r.target] = capability_rating(profile, edition, evidence, r.target)
            ratings[a, b] = rated.value
            origin[a, b] = rated.origin
            details.append(rated.detail)
            dates.append(rated.date)
            evidence_grades.append(rated.grade)
            dated.append(sources.get(rated.source, (rated.source, None, None, NAT_DAY)))
        levels = {}
        for b, it in enumerate(integ):
            rated = integration_support(profile, evidence, it.target)
            support[a, b] = rated.value
            int_origin[a, b] = rated.origin
            int_below[a, b] = rated.value > 0 and below_grade(rated.grade, min_grade)
            levels[it.target] = SUPPORT_OF_VALUE[rated.value]
            support_rows.append(
                _row(
                    v,
                    it,
                    gw,
                    rated,
                    sources,
                    system=it.target,
                    level=SUPPORT_OF_VALUE[rated.value],
                    value=rated.value,
                    below_grade=bool(int_below[a, b]) and it.grade == "must",
                )
            )
        for k, item in enumerate(VIABILITY_ITEMS):
            entry = profile.viability.get(item)
            value = 0.0 if entry is None or entry.score == UNKNOWN else float(entry.score)
            viab[a, k] = value
            viab_rows.append(
                {
                    "vendor": v,
                    "item": item,
                    "weight": float(vw[k]),
                    "score": None if entry is None or entry.score == UNKNOWN else value,
                    "why": entry.why if entry else None,
                    "source": entry.source if entry else None,
                    "evidence_grade": entry.grade if entry else None,
                    **_published(sources, entry.source if entry else None),
                }
            )
        try:
            tcos[v] = vendor_tco(settings, profile, edition, quote=evidence.get(QUOTE_KEY), support_levels=levels)
        except CostProblems as e:
            problems += [_locate(engagement, p, v) for p in e.problems]
    if problems and strict:
        raise InvalidInput(problems)

    fit = fit_scores(ratings, g_req)
    integration = integration_scores(support, g_int)
    viability = viability_scores(viab, vw)
    grades = np.array(evidence_grades, dtype=object).reshape(V, R)
    if min_grade is not None:  # a rating above 0 on a grade weaker than the minimum
        weaker = [g for g in EVIDENCE_GRADES if GRADE_RANK[g] < GRADE_RANK[min_grade]]
        below = (ratings > 0) & np.isin(grades, weaker)
    int_grades = np.array([r["evidence_grade"] for r in support_rows], dtype=object).reshape(V, n_int)
    gaps = {
        v: _must_gaps(
            reqs,
            integ,
            (ratings[a], origin[a], below[a], grades[a]),
            (support[a], int_origin[a], int_below[a], int_grades[a]),
        )
        for a, v in enumerate(vendors)
    }
    # a must-have resting on evidence below must_min_grade is a gap like a 0 (docs/method.md)
    grade_gap: np.ndarray = np.asarray(below[:, must_req].any(axis=1) | int_below[:, must_int].any(axis=1))
    out = knocked_out(ratings[:, must_req], support[:, must_int]) | grade_gap
    mode = settings.knockout
    excluded = out if mode == "exclude" else np.zeros(V, bool)
    tco_total = np.array([tcos[v].total if v in tcos else np.nan for v in vendors])
    priced = ~np.isnan(tco_total)
    tco = np.full(V, np.nan)  # no TCO, no TCO score
    if priced.any():  # the bar: the cheapest priced vendor that takes part (docs/method.md)
        tco[priced] = tco_scores(tco_total[priced], ~excluded[priced])
    criteria = pd.DataFrame({"fit": fit, "integration": integration, "tco": tco, "viability": viability}, index=vendors)
    weights = _counted_weights(engagement, engagement_weights(settings), problems)
    counted = list(WITHOUT_TCO if problems else CRITERIA)
    total = criteria[counted].to_numpy() @ np.array([weights[c] for c in counted])
    total = pd.Series(total, index=vendors, name="total")
    order = [str(v) for v in rank_order(total, tie_break=criteria["fit"])]  # vendor ids
    ranked = [v for v in order if not excluded[vendors.index(v)]]
    unranked = [v for v in order if excluded[vendors.index(v)]]
    rank = pd.Series(pd.NA, index=vendors, dtype="Int64")
    for i, v in enumerate(ranked, start=1):
        rank[v] = i
    unrated = {}
    for a, v in enumerate(vendors):
        seen: list[str] = []
        for b, r in enumerate(reqs):
            if origin[a, b] == "unrated" and r.target not in seen:
                seen.append(r.target)
        unrated[v] = seen
    new_order = ranked + unranked
    idx = [vendors.index(v) for v in new_order]
    return Scorecard(
        engagement=str(engagement.path),
        client=settings.client,
        currency=settings.currency,
        knockout=mode,
        vendors=new_order,
        criteria=criteria.loc[new_order],
        weights=weights,
        total=total.loc[new_order],
        rank=rank.loc[new_order],
        must_gaps=gaps,
        knocked_out={v: bool(out[vendors.index(v)]) and mode != "ignore" for v in new_order},
        unrated=unrated,
        tco=tcos,
        ratings=pd.DataFrame(
            {
                "vendor": np.repeat(vendors, R),
                "id": [r.id for r in reqs] * V,
                "grade": [r.grade for r in reqs] * V,
                "g": np.tile(g_req, V),
                "origin": origin.ravel(),
                "evidence_grade": evidence_grades,
                "detail": details,
                "date": dates,
                "capability": [r.target for r in reqs] * V,
                "rating": ratings.ravel().astype(int),
                "source": [d[0] for d in dated],
                "published": [d[1] for d in dated],
                "published_on": [d[2] for d in dated],
                "below_grade": (below & must_req).ravel(),  # a must resting on weaker evidence
            }
        ),
        support=pd.DataFrame(support_rows, columns=_SUPPORT_COLUMNS),
        viability=pd.DataFrame(viab_rows),
        editions=editions,
        names={v: engagement.vendors[v].name for v in new_order},
        warnings=tuple(engagement.warnings),
        missing=tuple(sorted_problems(problems)),
        must_min_grade=min_grade,
        stale_after_months=stale_months(settings),
        arrays={
            "vendors": new_order,
            "ratings": ratings[idx],
            "verified": (origin == "evidence")[idx],
            "rated": (origin != "unrated")[idx],
            "g_req": g_req,
            "must_req": must_req,
            "support": support[idx],
            "must_int": must_int,
            "criteria": criteria.loc[new_order].to_numpy(),
            "tco_total": tco_total[idx],
            "excluded": excluded[idx],
            "knockout": mode,
            "evidence_grade": grades[idx],  # vendors × requirements; None for an unrated capability
            "published_on": _days(dated).reshape(V, R)[idx],  # datetime64[D]; NaT: unknown
            "grade_gap": grade_gap[idx],  # a must-have below must_min_grade: knocked out whatever its rating
        },
    )


def _counted_weights(engagement: Engagement, given: Weights, missing: list[Problem]) -> Weights:
    """The weights every total uses, normalised: the engagement's, or, while a figure is
    missing, the same with TCO's set to 0 (the others rescaled to sum to 1, for every vendor)."""
    if not missing:
        return given.shares()
    if sum(given[c] for c in WITHOUT_TCO) <= 0:
        why = "only tco weighs and a price or cost is missing: nothing can be ranked until every one is in"
        raise InvalidInput([*missing, engagement.problem("engagement.yaml", ("weights",), why)])
    return given.model_copy(update={"tco": 0.0}).shares()


_SUPPORT_COLUMNS = [
    "vendor",
    "id",
    "grade",
    "g",
    "origin",
    "evidence_grade",
    "detail",
    "date",
    "system",
    "level",
    "value",
    "source",
    "published",
    "published_on",
    "below_grade",
]


#: (source key, its publication date as written, its first day, that day as days since 1970)
Dated = tuple[str | None, str | None, dt.date | None, int]
NAT_DAY = np.iinfo(np.int64).min  # no publication date: NaT as datetime64
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _source_dates(profile: VendorProfile) -> dict[str | None, Dated]:
    """Every source of a profile with its dates, parsed once (a rating names one by its key)."""
    out: dict[str | None, Dated] = {}
    for key, source in profile.sources.items():
        day = source.published_on
        out[key] = (key, source.published, day, day.toordinal() - _EPOCH if day else NAT_DAY)
    return out


def _days(dated: list[Dated]) -> np.ndarray:
    days: np.ndarray = np.array([d[3] for d in dated], dtype=np.int64).view("datetime64[D]")
    return days


def _published(sources: dict[str | None, Dated], key: str | None) -> dict[str, object]:
    """The publication date of a profile fact as written, and its first day (None: unknown, or
    no source: the engagement's own evidence, an unrated capability)."""
    _, published, published_on, _ = sources.get(key, (key, None, None, NAT_DAY))
    return {"published": published, "published_on": published_on}


def _row(
    vendor: str, item: GradedItem, gw: dict[str, float], rated: Rated, sources: dict[str | None, Dated], **extra: object
) -> dict[str, object]:
    return {
        "vendor": vendor,
        "id": item.id,
        "grade": item.grade,
        "g": _weight(gw, item),
        "origin": rated.origin,
        "evidence_grade": rated.grade,
        "detail": rated.detail,
        "date": rated.date,
        "source": rated.source,
        **_published(sources, rated.source),
        **extra,
    }


def _weight(gw: dict[str, float], item: GradedItem) -> float:
    """g of an item scored, graded must or could (METHOD.md §4)."""
    assert item.grade is not None, "only graded items are scored"
    return gw[item.grade]


Rows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # one vendor's values, origins, below, grades


def _must_gaps(
    reqs: list[GradedItem], integ: list[GradedItem], capabilities: Rows, integrations: Rows
) -> list[MustGap]:
    """A must rated 0 (`confirmed`, or `unrated` when no layer rates it), then a must rated above
    0 on evidence below must_min_grade (`below_grade`); requirements first, then integrations."""
    gaps = []
    for items, (values, origin, below, grades) in ((reqs, capabilities), (integ, integrations)):
        for b, it in enumerate(items):
            if it.grade != "must":
                continue
            if values[b] == 0:
                gaps.append(MustGap(it.id, it.target, "unrated" if origin[b] == "unrated" else "confirmed"))
            elif below[b]:
                gaps.append(MustGap(it.id, it.target, "below_grade", str(grades[b])))
    return gaps


def _locate(engagement: Engagement, e: CostProblem, vendor: str) -> Problem:
    """The problem at its line; a figure missing for a vendor points at the vendor's shortlist entry."""
    path = e.path
    if not path and e.file == "engagement.yaml":
        shortlist = engagement.settings.shortlist
        path = ("shortlist", shortlist.index(vendor)) if shortlist and vendor in shortlist else ()
    return engagement.problem(e.file, path, e.message)
