"""`crm-toolkit catalog | profiles | schema`: what the toolkit knows, and the file shapes for editors."""

from __future__ import annotations

import json

from ..files._i18n import label
from ..model._vocabulary import STALE_AFTER_MONTHS
from ._common import EXIT_OK, EXIT_USAGE, add_lang, day, positive_int

# --- catalog, profiles, schema -----------------------------------------------------------------


def cmd_catalog(args) -> int:
    from ..files._table import render
    from ..model._catalog import catalog

    cat = catalog()
    lang = args.lang
    if args.format == "json":
        data = {
            "capabilities": [
                {"id": k, "category": v.category, "hint": v.hint, "en": v.en, "zh": v.zh}
                for k, v in cat.capabilities.items()
            ],
            "integrations": [{"id": k, "en": v.en, "zh": v.zh} for k, v in cat.integrations.items()],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [
        [k, cat.capability_name(k, lang), cat.category_name(v.category, lang), label(v.hint, lang)]
        for k, v in cat.capabilities.items()
    ]
    print(f"{label('capabilities', lang)} ({len(rows)})")
    print(render([label("id", lang), label("name", lang), label("category", lang), label("hint", lang)], rows))
    rows = [[k, cat.integration_name(k, lang)] for k in cat.integrations]
    print(f"\n{label('integration_targets', lang)} ({len(rows)})")
    print(render([label("id", lang), label("name", lang)], rows))
    return EXIT_OK


def _source_dates(profile) -> tuple[str, str, int]:
    """(oldest, newest) known publication date of a profile's sources, and how many give none."""
    known = sorted((s.published_on, s.published) for s in profile.sources.values() if s.published_on is not None)
    undated = sum(s.published_on is None for s in profile.sources.values())
    return (known[0][1], known[-1][1], undated) if known else ("", "", undated)


def cmd_profiles(args) -> int:
    if args.stale:
        return _profiles_stale(args)
    from ..files._table import render
    from ..model._profiles import industry_profiles, sourced_facts, vendor_profiles
    from ..model.schema import text_of

    lang = args.lang
    vendors = vendor_profiles()
    industries = industry_profiles()

    def entry(p) -> dict:
        oldest, newest, undated = _source_dates(p)
        return {
            "id": p.id,
            "name": text_of(p.name, lang),
            "sources": len(p.sources),
            "facts": sourced_facts(p),
            "oldest_source": oldest,
            "newest_source": newest,
            "undated_sources": undated,
        }

    if args.format == "json":
        data = {
            "vendors": [
                {**entry(p), "currency": p.currency, "editions": [e.id for e in p.editions]} for p in vendors.values()
            ],
            "industries": [entry(p) for p in industries.values()],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    vendor_keys = ("id", "name", "currency", "editions", "sources", "facts", "oldest", "newest", "undated")
    rows = [
        [p.id, text_of(p.name, lang), p.currency, len(p.editions), len(p.sources), sourced_facts(p), *_source_dates(p)]
        for p in vendors.values()
    ]
    print(f"{label('vendors', lang)} ({len(rows)})")
    print(render([label(k, lang) for k in vendor_keys], rows))
    keys = ("id", "name", "sources", "facts", "oldest", "newest", "undated")
    rows = [
        [p.id, text_of(p.name, lang), len(p.sources), sourced_facts(p), *_source_dates(p)] for p in industries.values()
    ]
    print(f"\n{label('industries', lang)} ({len(rows)})")
    print(render([label(k, lang) for k in keys], rows))
    return EXIT_OK


def _profiles_stale(args) -> int:
    """`profiles --stale`: every vendor fact whose source is stale or undated, with what it feeds."""
    import datetime as dt

    from ..files._table import render
    from ..model._profiles import vendor_profiles
    from ..model._staleness import dated_facts, months_before
    from ..model.schema import text_of

    lang = args.lang
    today = args.today or dt.date.today()
    cutoff = months_before(today, args.months)
    profiles = vendor_profiles()
    wanted = args.vendor or list(profiles)
    unknown_ids = [v for v in wanted if v not in profiles]
    if unknown_ids:
        print(f"crm-toolkit profiles: error: unknown vendor {unknown_ids[0]!r}; known: {', '.join(profiles)}")
        return EXIT_USAGE
    found = {v: [f for f in dated_facts(profiles[v], cutoff) if f.status != "fresh"] for v in wanted}
    if args.format == "json":
        data = {
            "today": today.isoformat(),
            "months": args.months,
            "cutoff": cutoff.isoformat(),
            "vendors": [
                {
                    "id": v,
                    **{
                        status: [
                            {
                                "fact": f.fact,
                                "value": text_of(f.value, lang),
                                "feeds": f.feeds,
                                "grade": f.grade,
                                "source": f.source,
                                "published": f.published,
                            }
                            for f in facts
                            if f.status == status
                        ]
                        for status in ("stale", "unknown")
                    },
                }
                for v, facts in found.items()
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    head = [label(k, lang) for k in ("fact", "rpt_value_col", "feeds", "evidence_grade", "rpt_source", "published")]

    def rows(facts) -> list[list[str]]:
        return [
            [
                f.fact,
                text_of(f.value, lang),
                label(f"feeds_{f.feeds}", lang) if f.feeds else "–",
                label(f"grade_{f.grade}", lang) if f.grade else "–",
                f.source,
                f.published if f.status == "stale" else label("published_unknown", lang),
            ]
            for f in facts
        ]

    print(label("stale_title", lang, months=args.months, today=today.isoformat(), cutoff=cutoff.isoformat()))
    for v, facts in found.items():
        stale = [f for f in facts if f.status == "stale"]
        undated = [f for f in facts if f.status == "unknown"]
        name = text_of(profiles[v].name, lang)
        print(f"\n{label('stale_count', lang, vendor=f'{name} ({v})', stale=len(stale), unknown=len(undated))}")
        if stale:
            print(render(head, rows(stale)))
        if undated:
            print(f"\n{label('stale_unknown_title', lang)}:")
            print(render(head, rows(undated)))
    return EXIT_OK


def cmd_schema(args) -> int:
    from ..model.schema import write_json_schemas

    for path in write_json_schemas(args.output):
        print(label("wrote", args.lang, path=path))
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "catalog",
        help="capabilities and integration targets",
        description="List the capability catalog and the integration targets.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_lang(p)
    p.set_defaults(func=cmd_catalog)

    p = sub.add_parser(
        "profiles",
        help="vendor and industry profiles with their source dates; --stale: old or undated evidence",
        description="List the bundled vendor and industry profiles with source counts and publication dates. "
        "With --stale, list every vendor fact and rating whose source was published more than N months "
        "ago (default 18) or gives no publication date, with the criterion it feeds.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--stale", action="store_true", help="list stale and undated facts and ratings")
    p.add_argument(
        "--months", type=positive_int, default=STALE_AFTER_MONTHS, help="staleness threshold in months (default 18)"
    )
    p.add_argument(
        "--today", type=day, default=None, metavar="YYYY-MM-DD", help="the day to judge from (default today)"
    )
    p.add_argument("--vendor", action="append", metavar="ID", help="only this vendor (repeatable)")
    add_lang(p)
    p.set_defaults(func=cmd_profiles)

    p = sub.add_parser(
        "schema",
        help="write the JSON Schemas of every file kind",
        description="Write engagement, requirements, evaluations, vendor_profile and "
        "industry_profile JSON Schemas into DIR, for editors.",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    add_lang(p)
    p.set_defaults(func=cmd_schema)
