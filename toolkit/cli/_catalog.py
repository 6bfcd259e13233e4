"""`crm-toolkit catalog | profiles | schema`: what the toolkit knows, and the file shapes for editors."""

from __future__ import annotations

import json

from ..files._i18n import label
from ._common import EXIT_OK, add_lang

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


def _source_dates(profile) -> tuple[str, str]:
    dates = sorted(s.as_of for s in profile.sources.values())
    return (dates[0].isoformat(), dates[-1].isoformat()) if dates else ("", "")


def cmd_profiles(args) -> int:
    from ..files._table import render
    from ..model._profiles import industry_profiles, sourced_facts, vendor_profiles
    from ..model.schema import text_of

    lang = args.lang
    vendors = vendor_profiles()
    industries = industry_profiles()
    if args.format == "json":
        data = {
            "vendors": [
                {
                    "id": p.id,
                    "name": text_of(p.name, lang),
                    "currency": p.currency,
                    "editions": [e.id for e in p.editions],
                    "sources": len(p.sources),
                    "facts": sourced_facts(p),
                    "oldest_source": _source_dates(p)[0],
                    "newest_source": _source_dates(p)[1],
                }
                for p in vendors.values()
            ],
            "industries": [
                {
                    "id": p.id,
                    "name": text_of(p.name, lang),
                    "sources": len(p.sources),
                    "facts": sourced_facts(p),
                    "oldest_source": _source_dates(p)[0],
                    "newest_source": _source_dates(p)[1],
                }
                for p in industries.values()
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    head = [label(k, lang) for k in ("id", "name", "currency", "editions", "sources", "facts", "oldest", "newest")]
    rows = [
        [p.id, text_of(p.name, lang), p.currency, len(p.editions), len(p.sources), sourced_facts(p), *_source_dates(p)]
        for p in vendors.values()
    ]
    print(f"{label('vendors', lang)} ({len(rows)})")
    print(render(head, rows))
    head = [label(k, lang) for k in ("id", "name", "sources", "facts", "oldest", "newest")]
    rows = [
        [p.id, text_of(p.name, lang), len(p.sources), sourced_facts(p), *_source_dates(p)] for p in industries.values()
    ]
    print(f"\n{label('industries', lang)} ({len(rows)})")
    print(render(head, rows))
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
        help="vendor and industry profiles with their source dates",
        description="List the bundled vendor and industry profiles with source counts and dates.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
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
