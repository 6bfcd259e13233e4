"""Synthetic, seeded inputs for the benchmarks: an engagement of any size, built in memory.

`synthetic_engagement(300, 30)` is 300 requirements (over the catalog's capabilities, so some
capabilities are asked for more than once) and 30 vendor profiles with random ratings, some
unknown or missing, a little engagement evidence, per-user and flat editions priced in CNY or
USD, implementation estimates (or the engagement's override) and viability scores. Most
ratings come from the profiles, so with `uncertainty="ratings"` almost all of them are redrawn:
the worst case for the robustness analysis. The same arguments give the same engagement.
`synthetic_plan(folder, 400)` writes a rollout plan of 400 short tasks, for the tracker's saves.

Every vendor can be scored: it has a price, an implementation figure, and the engagement sets
a build cost for every integration support level. Must requirements sit on a few core
capabilities that vendors mostly rate 2-3; about one vendor in ten has a confirmed 0 or an
unrated capability there, so knockouts happen too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.model._catalog import catalog
from toolkit.model._engagement import Engagement
from toolkit.model._profiles import industry_profile
from toolkit.model.schema import (
    VIABILITY_ITEMS,
    EngagementSettings,
    Evidence,
    Requirements,
    RolloutFile,
    VendorProfile,
)
from toolkit.rollout import phase_dates
from toolkit.rollout._store import _write

CRITERIA = ("fit", "integration", "tco", "viability")
USERS = 60
FX_USD = 7.1
SUPPORT = ("native", "partner", "api", "none")


def _ids(n: int, prefix: str) -> list[str]:
    width = len(str(n))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def _requirements(rng: np.random.Generator, n: int, caps: list[str], systems: list[str]) -> tuple[dict, list[str]]:
    """requirements.yaml as data, and the core capabilities that carry the musts."""
    core = list(rng.choice(caps, size=max(1, min(len(caps) // 4, n // 5 or 1)), replace=False))
    reqs = []
    for i, rid in enumerate(_ids(n, "R")):
        if rng.random() < 0.15:
            cap, grade = core[i % len(core)], "must"
        else:
            cap = caps[int(rng.integers(len(caps)))]
            grade = "could" if rng.random() < 0.85 else "wont"
        req = {"id": rid, "capability": cap}
        if i % 3 == 0:  # a third by votes, the rest graded directly
            other = grade if rng.random() < 0.7 else "could"
            req["votes"] = {"sales": grade, "service": other, "it": grade}
        else:
            req["grade"] = grade
        reqs.append(req)
    if not any(r.get("grade") == "must" or "must" in r.get("votes", {}).values() for r in reqs):
        reqs[0] = {"id": reqs[0]["id"], "capability": core[0], "grade": "must"}
    integrations = [
        {"system": s, "grade": "must" if k % 3 == 0 else "could", "product": f"{s} system"}
        for k, s in enumerate(systems)
    ]
    return {"requirements": reqs, "integrations": integrations}, core


def _rating(rng: np.random.Generator, core: bool):
    """A profile rating: 0..3, `unknown`, or None (capability left out of the profile)."""
    if core:
        return int(rng.choice([1, 2, 3], p=[0.05, 0.45, 0.5]))
    x = rng.random()
    if x < 0.03:
        return None
    if x < 0.06:
        return "unknown"
    return int(rng.choice([0, 1, 2, 3], p=[0.07, 0.2, 0.4, 0.33]))


def _editions(rng: np.random.Generator) -> list[dict]:
    usd = rng.random() < 0.4
    per_user = {
        "id": "pro",
        "price_per_user_month": round(float(rng.uniform(15, 175) if usd else rng.uniform(60, 600)), 2),
        "source": "pricing",
    }
    if usd:
        per_user["currency"] = "USD"
    if rng.random() < 0.5:
        per_user["min_users"] = int(rng.choice([5, 10, 50, 100]))
    flat = {
        "id": "team",
        "price_per_year": round(float(rng.uniform(20_000, 300_000)), 0),
        "included_users": int(rng.choice([10, 30, 50, 100])),
        "extra_user_per_year": round(float(rng.uniform(300, 3000)), 0),
        "currency": "CNY",
        "source": "pricing",
    }
    if rng.random() < 0.15:  # a price that is not public, with an indicative figure
        flat["price_per_year"] = "not public"
        flat["indicative"] = {"price_per_year": 120_000, "basis": "similar vendors", "source": "pricing"}
    return [per_user, flat]


def _profile(rng: np.random.Generator, vid: str, n: int, caps: list[str], core: set[str], systems, must_sys) -> dict:
    ratings = {}
    for cap in caps:
        r = _rating(rng, cap in core)
        if r is not None:
            ratings[cap] = {"rating": r, "grade": "documentation", "source": "features"}
    integrations = {}
    for s in systems:
        if s in must_sys:
            level = str(rng.choice(SUPPORT[:3]))
        else:
            level = str(rng.choice([*SUPPORT, "unknown", "missing"]))
        if level != "missing":
            integrations[s] = {"support": level, "grade": "documentation", "source": "features"}
    viability = {}
    for item in VIABILITY_ITEMS:
        x = rng.random()
        if x < 0.05:
            continue
        score = "unknown" if x < 0.1 else round(float(rng.uniform(0, 5)), 1)
        viability[item] = {"score": score, "why": "synthetic", "grade": "documentation", "source": "annual_report"}
    editions = _editions(rng)
    profile = {
        "id": vid,
        "name": {"en": f"Vendor {n}", "zh": f"厂商{n}"},
        "sources": {
            k: {
                "url": f"https://{vid}.example/{k}",
                "kind": "vendor_documentation",
                "published": "2026-10-01",
                "read": "2026-10-02",
            }
            for k in ("pricing", "features", "annual_report")
        },
        "company": {"value": f"Vendor {n} Ltd", "source": "annual_report"},
        "currency": "USD" if editions[0].get("currency") == "USD" else "CNY",
        "default_edition": str(rng.choice(["pro", "team"])),
        "editions": editions,
        "capabilities": ratings,
        "integrations": integrations,
        "viability": viability,
    }
    if rng.random() < 0.2:  # the edition overrides a few ratings (still a vendor claim)
        some = rng.choice(caps, size=3, replace=False)
        editions[0]["ratings"] = {str(c): int(rng.integers(0, 4)) for c in some}
        editions[0]["grade"] = "documentation"
    if rng.random() < 0.85:
        profile["implementation"] = {
            "estimate": "unknown" if rng.random() < 0.1 else round(float(rng.uniform(50_000, 600_000)), 0),
            "currency": "CNY",
            "source": "pricing",
        }
    return profile


def synthetic_engagement(
    n_requirements: int, n_vendors: int, *, seed: int = 0, evidence_share: float = 0.05
) -> Engagement:
    """An in-memory engagement of `n_requirements` × `n_vendors`, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    cat = catalog()
    caps = list(cat.capabilities)
    all_systems = list(cat.integrations)
    n_sys = min(len(all_systems), max(1, round(n_requirements / 40)))
    systems = [str(s) for s in rng.choice(all_systems, size=n_sys, replace=False)]
    req_data, core = _requirements(rng, n_requirements, caps, systems)
    must_sys = {s for k, s in enumerate(systems) if k % 3 == 0}
    vendor_ids = _ids(n_vendors, "vendor_")
    vendors, evaluations, editions, impl_override = {}, {}, {}, {}
    for n, vid in enumerate(vendor_ids, start=1):
        data = _profile(rng, vid, n, caps, set(core), systems, must_sys)
        if n % 10 == 3:  # a confirmed gap on a must capability: a knockout
            data["capabilities"][core[0]] = {"rating": 0, "grade": "documentation", "source": "features"}
        elif n % 10 == 7:  # an unrated must capability: a knockout to confirm
            data["capabilities"].pop(core[0], None)
        impl = data.get("implementation")
        if impl is None or impl["estimate"] == "unknown" or rng.random() < 0.2:
            impl_override[vid] = round(float(rng.uniform(80_000, 500_000)), 0)
        if rng.random() < 0.3:
            other = "team" if data["default_edition"] == "pro" else "pro"
            editions[vid] = other
        vendors[vid] = VendorProfile.model_validate(data)
        evidence = {}
        for cap in rng.choice(caps, size=max(1, int(evidence_share * len(caps))), replace=False):
            evidence[str(cap)] = Evidence(rating=int(rng.integers(0, 4)), evidence="demo", date="2026-11-02")
        if systems and rng.random() < 0.3:
            s = systems[int(rng.integers(len(systems)))]
            level = str(rng.choice(SUPPORT[:3]))
            evidence[f"integration:{s}"] = Evidence(support=level, evidence="reference call")
        if n % 7 == 0:
            evidence["quote"] = Evidence(
                price_per_user_month=round(float(rng.uniform(80, 400)), 0),
                currency="CNY",
                implementation=round(float(rng.uniform(60_000, 300_000)), 0),
                evidence="RFP answer",
            )
        evaluations[vid] = evidence
    settings = EngagementSettings.model_validate(
        {
            "client": "Synthetic Ltd",
            "industry": "manufacturing",
            "currency": "CNY",
            "fx": {"USD": FX_USD},
            "users": USERS,
            "horizon_years": 3,
            "discount_rate": 0.08,
            "weights": {"fit": 40, "integration": 20, "tco": 25, "viability": 15},
            "knockout": "exclude",
            "shortlist": vendor_ids,
            "editions": editions,
            "costs": {
                "implementation": impl_override,
                "integration_build": {"native": 0, "partner": 20_000, "api": 60_000, "none": 150_000},
                "training_per_user": 800,
                "data_migration": 30_000,
                "admin_per_year": 50_000,
                "annual_uplift": 0.05,
            },
        }
    )
    return Engagement(
        path=Path(f"synthetic-{n_requirements}x{n_vendors}"),
        settings=settings,
        requirements=Requirements.model_validate(req_data),
        evaluations=evaluations,
        vendors=vendors,
        industry=industry_profile("manufacturing"),
    )


def synthetic_matrix(n_alternatives: int, *, seed: int = 0) -> pd.DataFrame:
    """A decision matrix: `n_alternatives` × the four criteria, scores uniform on 0..100."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        rng.uniform(0, 100, size=(n_alternatives, len(CRITERIA))),
        index=[f"a{i:04d}" for i in range(n_alternatives)],
        columns=list(CRITERIA),
    )


WEIGHTS = pd.Series({"fit": 40.0, "integration": 20.0, "tco": 25.0, "viability": 15.0})


def synthetic_plan(folder: Path, n_tasks: int) -> list[str]:
    """A bare plan of `n_tasks` short tasks written to `folder`; returns the task ids."""
    phases = phase_dates(dt.date(2027, 1, 4))
    ids = [f"t{i:03d}" for i in range(n_tasks)]
    tasks = [
        {"id": t, "phase": "weeks-2-8", "title": t, "category": "configuration", "effort_days": 1, "due": phases[1].end}
        for t in ids
    ]
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, RolloutFile(vendor="acme", start_date=dt.date(2027, 1, 4), phases=phases, tasks=tasks))
    return ids
