"""The cross-file checks of an engagement folder: what one file says about another (a vendor on
the shortlist has a profile, an fx rate for each currency a vendor is priced in, a quote for the
edition scored, evidence under a known capability), each problem at the line that makes the
reference."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..files._problems import Problem
from ..files._yaml import Loaded
from ._catalog import catalog
from ._checks import duplicate_ids
from ._grading import MUST_SHARE_LIMIT, grading_table
from ._profiles import catalog_refs
from .schema import (
    CRITERIA,
    QUOTE_KEY,
    EngagementSettings,
    Evidence,
    IndustryProfile,
    IntegrationRequirement,
    Requirement,
    Requirements,
    Stakeholder,
    VendorProfile,
)


def _vendor_currencies(settings: EngagementSettings, profile: VendorProfile) -> set[str]:
    """The currencies a vendor's figures are in, for the chosen edition."""
    out = {profile.currency}
    edition = profile.edition((settings.editions or {}).get(profile.id))
    if edition is not None and edition.currency:
        out.add(edition.currency)
    impl = profile.implementation
    overridden = settings.costs is not None and profile.id in settings.costs.implementation
    if impl is not None and not overridden:
        out.add(impl.currency or profile.currency)
    return out


def _check_weights(
    loaded: Loaded, key: str, given: Mapping[str, float | None] | None, all_keys: list[str]
) -> list[Problem]:
    if given is None:
        return []
    named = {k: v for k, v in given.items() if v is not None}
    out = []
    if named and sum(named.values()) == 0:
        out.append(loaded.problem((key,), "all weights are 0: give at least one weight > 0"))
    elif not named:
        out.append(
            loaded.problem(
                (key,), "no weight given: name at least one, e.g. " + ", ".join(f"{k}: 1" for k in all_keys[:2])
            )
        )
    missing = [k for k in all_keys if k not in named]
    if named and missing:
        out.append(loaded.problem((key,), f"{', '.join(missing)} not named, so weigh 0", severity="warning"))
    return out


def check_settings(
    loaded: Loaded,
    settings: EngagementSettings,
    vendors: dict[str, VendorProfile],
    industries: dict[str, IndustryProfile],
    broken: set[str],
) -> list[Problem]:
    """Cross-file checks of engagement.yaml; vendors in `broken` have their own problems listed."""
    out: list[Problem] = []
    if settings.industry is not None and settings.industry not in industries:
        out.append(
            loaded.problem(
                ("industry",), f"unknown industry {settings.industry!r}; known: {', '.join(sorted(industries))}"
            )
        )
    known = ", ".join(sorted(vendors))
    if settings.shortlist is not None:
        for i, v in enumerate(settings.shortlist):
            if v not in vendors and v not in broken:
                out.append(loaded.problem(("shortlist", i), f"unknown vendor {v!r}; known: {known}"))
        known_ones = [v if v in vendors else None for v in settings.shortlist]
        dups = duplicate_ids(known_ones, "shortlist", field=None, noun="vendor")
        out += [loaded.problem(path, message) for path, message in dups]
        if not settings.shortlist:
            out.append(
                loaded.problem(
                    ("shortlist",), "is empty: name at least one vendor, or leave it out to compare every vendor"
                )
            )
    for v, edition in (settings.editions or {}).items():
        if v not in vendors and v not in broken:
            out.append(loaded.problem(("editions", v), f"unknown vendor {v!r}; known: {known}"))
        elif v in vendors and vendors[v].edition(edition) is None:
            have = ", ".join(e.id for e in vendors[v].editions)
            out.append(loaded.problem(("editions", v), f"{v} has no edition {edition!r} (has: {have})"))
    if settings.costs is not None:
        for v in settings.costs.implementation:
            if v not in vendors and v not in broken:
                out.append(loaded.problem(("costs", "implementation", v), f"unknown vendor {v!r}; known: {known}"))
    out += _check_weights(
        loaded, "weights", settings.weights.model_dump() if settings.weights else None, list(CRITERIA)
    )
    vw = settings.viability_weights
    out += _check_weights(
        loaded, "viability_weights", vw.model_dump() if vw else None, list(type(vw).model_fields) if vw else []
    )
    compared = settings.shortlist if settings.shortlist is not None else sorted(vendors)
    if settings.currency is None or settings.fx is None:
        return out
    for v in compared:
        if v not in vendors:
            continue
        for cur in sorted(_vendor_currencies(settings, vendors[v])):
            if cur != settings.currency and cur not in settings.fx:
                where = ("fx",) if "fx" in (loaded.data or {}) else ("currency",)
                out.append(
                    loaded.problem(
                        where,
                        f"no rate for {cur}, in which {v} is priced: "
                        f"add fx: {{{cur}: <{settings.currency} per 1 {cur}>}}",
                    )
                )
    return out


def check_room(loaded: Loaded, settings: EngagementSettings, reqs: Requirements) -> list[Problem]:
    """engagement.yaml's room weights name the engagement's stakeholders (requirements.yaml's
    list, or someone who has voted)."""
    if settings.room_weights is None:
        return []
    people = {s.id for s in reqs.stakeholders if s is not None}
    for req in reqs.requirements:  # a partial model (a broken file) holds None for a bad item
        people |= set(req.votes) if req is not None else set()
    for integ in reqs.integrations:
        people |= set(integ.votes) if integ is not None else set()
    known = ", ".join(sorted(people)) or "none listed in requirements.yaml"
    return [
        loaded.problem(("room_weights", "stakeholders", who), f"unknown stakeholder {who!r}; known: {known}")
        for who in settings.room_weights.stakeholders
        if who not in people
    ]


def check_requirements(loaded: Loaded, reqs: Requirements) -> list[Problem]:
    out: list[Problem] = []
    # a partial model (after schema errors) holds None in place of a bad item
    requirements: Sequence[Requirement | None] = reqs.requirements or []
    integrations: Sequence[IntegrationRequirement | None] = reqs.integrations or []
    stakeholders: Sequence[Stakeholder | None] = reqs.stakeholders or []
    dups = duplicate_ids([None if s is None else s.id for s in stakeholders], "stakeholders", noun="stakeholder id")
    dups += duplicate_ids([None if r is None else r.id for r in requirements], "requirements", noun="requirement id")
    systems = [None if i is None else i.system for i in integrations]
    dups += duplicate_ids(systems, "integrations", field="system", noun="integration")
    out += [loaded.problem(path, message) for path, message in dups]
    capabilities = [(("requirements", i, "capability"), r.capability) for i, r in enumerate(requirements) if r]
    targets = [(("integrations", i, "system"), it.system) for i, it in enumerate(integrations) if it]
    out += catalog_refs(loaded, capabilities, targets)
    ungraded = [(("requirements", i), f"requirement {r.id}") for i, r in enumerate(requirements) if r and not r.graded]
    ungraded += [
        (("integrations", i), f"integration {it.system}") for i, it in enumerate(integrations) if it and not it.graded
    ]
    for path, what in ungraded:
        out.append(
            loaded.problem(path, f"{what} has neither votes nor grade: add votes: {{who: must|could|wont}} or grade:")
        )
    if any(r is None for r in [*(reqs.requirements or []), *(reqs.integrations or [])]):
        return out
    table = grading_table(reqs)
    if table.too_many_musts:
        out.append(
            loaded.problem(
                ("requirements",),
                f"{table.must_share:.0%} of the graded requirements are must (above {MUST_SHARE_LIMIT:.0%}): "
                "a plan that is mostly musts has no room to absorb risk (DSDM)",
                severity="warning",
            )
        )
    return out


def _check_quote(
    loaded: Loaded, vendor: str, quote: Evidence, profile: VendorProfile | None, settings: EngagementSettings | None
) -> list[Problem]:
    """A price quote: prices and no rating, one price model, for the edition the engagement picks."""
    out: list[Problem] = []
    for key in ("rating", "support"):
        if getattr(quote, key) is not None:
            out.append(loaded.problem((vendor, QUOTE_KEY, key), f"a quote takes prices, not {key}:"))
    if not set(quote.quoted) - {"edition", "currency"}:
        out.append(
            loaded.problem(
                (vendor, QUOTE_KEY),
                "a quote needs price_per_user_month, price_per_year or implementation",
            )
        )
    per_user = quote.price_per_user_month is not None or quote.min_users is not None
    flat = any(getattr(quote, k) is not None for k in ("price_per_year", "included_users", "extra_user_per_year"))
    if per_user and flat:
        out.append(
            loaded.problem(
                (vendor, QUOTE_KEY),
                "give either price_per_user_month (per user) or price_per_year (flat), not both",
            )
        )
    if quote.currency and settings is not None and settings.currency and settings.fx is not None:
        if quote.currency != settings.currency and quote.currency not in settings.fx:
            out.append(
                loaded.problem(
                    (vendor, QUOTE_KEY, "currency"),
                    f"no rate for {quote.currency} in engagement.yaml: "
                    f"add fx: {{{quote.currency}: <{settings.currency} per 1 {quote.currency}>}}",
                )
            )
    if quote.edition is not None and profile is not None and settings is not None:
        chosen = profile.edition((settings.editions or {}).get(vendor))
        if chosen is not None and quote.edition != chosen.id:
            out.append(
                loaded.problem(
                    (vendor, QUOTE_KEY, "edition"),
                    f"quote is for edition {quote.edition!r} but the engagement scores {chosen.id!r}: "
                    f"set editions: {{{vendor}: {quote.edition}}} in engagement.yaml",
                )
            )
    return out


def check_evaluations(
    loaded: Loaded,
    evals: dict[str, dict[str, Evidence]],
    vendors: dict[str, VendorProfile],
    broken: set[str],
    settings: EngagementSettings | None = None,
) -> list[Problem]:
    cat = catalog()
    out: list[Problem] = []
    for vendor, entries in evals.items():
        if vendor not in vendors and vendor not in broken:
            out.append(loaded.problem((vendor,), f"unknown vendor {vendor!r}; known: {', '.join(sorted(vendors))}"))
        for key, ev in entries.items():
            if key != QUOTE_KEY and ev.quoted:
                out.append(
                    loaded.problem(
                        (vendor, key, ev.quoted[0]), f"prices belong under {vendor}: {{quote: ...}}, not under {key}"
                    )
                )
            if key == QUOTE_KEY:
                out += _check_quote(loaded, vendor, ev, vendors.get(vendor), settings)
            elif key.startswith("integration:"):
                out += catalog_refs(loaded, [], [((vendor, key), key.split(":", 1)[1])])
                if ev.support is None:
                    out.append(
                        loaded.problem((vendor, key), "integration evidence needs support: native|partner|api|none")
                    )
                if ev.rating is not None:
                    out.append(
                        loaded.problem((vendor, key, "rating"), "integration evidence takes support:, not rating:")
                    )
            else:
                if key not in cat.capabilities:
                    out.append(
                        loaded.problem(
                            (vendor, key), f"unknown capability id {key!r}; use a catalog id or integration:SYSTEM"
                        )
                    )
                if ev.rating is None:
                    out.append(loaded.problem((vendor, key), "capability evidence needs rating: 0-3"))
                if ev.support is not None:
                    out.append(
                        loaded.problem((vendor, key, "support"), "capability evidence takes rating:, not support:")
                    )
    return out
