"""Scaffold a new engagement from an industry profile, its suggested grades pre-filled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..files._data import CATALOG_DIR
from ..files._problems import ToolkitError
from ..files._yaml import dump_yaml, load_yaml, plain, write_atomic
from ..model._catalog import catalog
from ..model._profiles import industry_profile, vendor_profiles
from ..model.schema import DEFAULT_WEIGHTS, VendorProfile, text_of

_FX_PATH = CATALOG_DIR / "fx_assumptions.yaml"

_ENGAGEMENT_TEMPLATE = """\
# Engagement settings (METHOD.md §8). Scaffolded by `crm-toolkit new` from the {industry}
# industry profile on {today}; every figure below is an assumption to confirm with the client.
client: {client}
industry: {industry}
currency: {currency}
fx: {fx}{fx_note}
users: {users}
horizon_years: 3
discount_rate: 0.08
start_date: {start}
weights: {weights}
grade_weights: {{must: 3, could: 1}}
knockout: exclude              # exclude | flag | ignore
uncertainty: none              # none | ratings
{shortlist}
# editions: {{vendor_a: enterprise}}
costs:
  integration_build: {{native: 0, partner: 20000, api: 60000, none: 150000}}
  training_per_user: 800
  data_migration: 30000
  admin_per_year: 50000
  annual_uplift: 0.05
# must_min_grade: documentation  # a must-have resting on weaker evidence is a must gap (docs/method.md)
"""


def _currencies(profile: VendorProfile) -> set[str]:
    out = {profile.currency}
    edition = profile.edition()
    if edition is not None and edition.currency:
        out.add(edition.currency)
    if profile.implementation and profile.implementation.currency:
        out.add(profile.implementation.currency)
    return out


def _fx_table(currency: str) -> tuple[dict[str, float], list[str], dict[str, list[str]]]:
    """Assumed rates for the bundled vendors' currencies: (rates, vendors we can convert,
    vendor -> currencies we have no assumption for)."""
    data = plain(load_yaml(_FX_PATH).data) or {}
    cny = data.get("cny_per_unit", {})
    rates: dict[str, float] = {}
    convertible, lacking = [], {}
    for vendor_id, profile in sorted(vendor_profiles().items()):
        missing = []
        for cur in sorted(_currencies(profile) - {currency}):
            if cur in cny and currency in cny:
                rates[cur] = round(cny[cur] / cny[currency], 6)
            else:
                missing.append(cur)
        if missing:
            lacking[vendor_id] = missing
        else:
            convertible.append(vendor_id)
    return rates, convertible, lacking


def _flow(mapping: Mapping[str, object]) -> str:
    inner = ", ".join(f"{k}: {v}" for k, v in mapping.items())
    return "{" + inner + "}"


def scaffold_requirements(industry_id: str) -> CommentedMap:
    """requirements.yaml content pre-filled from an industry profile's suggested grades."""
    profile = industry_profile(industry_id)
    cat = catalog()
    reqs = CommentedSeq()
    for i, (cap_id, grade) in enumerate(profile.suggested_grades.items(), start=1):
        cap = cat.capabilities[cap_id]
        item = CommentedMap()
        item["id"] = f"R{i:02d}"
        item["capability"] = cap_id
        item["title"] = CommentedMap([("en", cap.en), ("zh", cap.zh)])
        item["title"].fa.set_flow_style()
        item["department"] = cap.category
        item["votes"] = CommentedMap()
        item["grade"] = grade
        reqs.append(item)
    integ = CommentedSeq()
    for system, grade in profile.suggested_integrations.items():
        integ.append(CommentedMap([("system", system), ("grade", grade)]))
    doc = CommentedMap([("requirements", reqs), ("integrations", integ)])
    doc.yaml_set_start_comment(
        f"Requirements (METHOD.md §2), pre-filled from the {industry_id} industry profile's\n"
        "suggested grades. Record each stakeholder's vote under votes: {name: must|could|wont};\n"
        "an explicit grade is the consultant's final decision and wins over the votes."
    )
    return doc


def new_engagement(
    folder: str | Path,
    *,
    industry: str,
    client: str,
    users: int = 50,
    currency: str = "CNY",
    start_date: dt.date | None = None,
) -> Path:
    """Create an engagement folder from an industry profile; refuses a non-empty folder."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ToolkitError(f"{folder} exists and is not empty: give a new or empty folder")
    if users < 0:
        raise ToolkitError(f"--users must be >= 0 (got {users})")
    industry_profile(industry)  # unknown industry: a clear error before anything is written
    rates, convertible, lacking = _fx_table(currency)
    note = "  # indicative rates, confirm before scoring" if rates else ""
    shortlist = f"shortlist: [{', '.join(convertible)}]"
    for vendor_id, missing in lacking.items():
        cur = ", ".join(missing)
        shortlist += f"\n# {vendor_id} left out: priced in {cur}; add fx: {{{missing[0]}: <rate>}} and list it above"
    today = dt.date.today()
    start = start_date or today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    text = _ENGAGEMENT_TEMPLATE.format(
        industry=industry,
        today=today.isoformat(),
        client=_quote(client),
        currency=currency,
        fx=_flow(rates),
        fx_note=note,
        users=users,
        start=start.isoformat(),
        weights=_flow(DEFAULT_WEIGHTS.model_dump()),
        shortlist=shortlist,
    )
    requirements = dump_yaml(scaffold_requirements(industry))
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "engagement.yaml", text)
    write_atomic(folder / "requirements.yaml", requirements)
    return folder


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def industry_label(industry_id: str, lang: str = "en") -> str:
    return text_of(industry_profile(industry_id).name, lang)
