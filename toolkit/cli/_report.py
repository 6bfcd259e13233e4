"""`crm-toolkit report`: the executive scorecard as one HTML page or an xlsx workbook."""

from __future__ import annotations

import sys

from ._common import EXIT_OK, add_lang, add_strict, day, positive_int, warn, warn_preliminary


def cmd_report(args) -> int:
    import warnings

    from ..files._i18n import label
    from ..model._engagement import load_engagement
    from ..report import write_report
    from ..report._write import report_format
    from ..scoring import score

    report_format(args.output)  # a usage error before any work
    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    card = score(engagement, strict=args.strict)
    warn_preliminary(card, args.lang)  # the report's first screen lists the missing figures
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = write_report(
            engagement, args.output, lang=args.lang, samples=args.samples, seed=args.seed, today=args.date, card=card
        )
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    print(label("wrote", args.lang, path=path), file=sys.stderr)
    return EXIT_OK


def register(sub) -> None:
    """Add this module's sub-commands to the main parser's sub-parsers."""

    p = sub.add_parser(
        "report",
        help="the executive scorecard as HTML, xlsx or PDF",
        description="Score the engagement, test how robust the ranking is and write the executive "
        "report: one self-contained HTML page that prints on A4 (-o FILE.html) or the same "
        "figures as filterable sheets (-o FILE.xlsx), or the HTML page printed on A4 by headless "
        "Chromium (-o FILE.pdf). Nothing is written when the engagement has problems. While a "
        "price or cost is missing the report is preliminary: a banner on its first screen (and "
        "the workbook's first sheet) lists the missing figures and TCO "
        "counts in no total; --strict refuses instead, for a final report.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.html, FILE.xlsx or FILE.pdf")
    add_lang(p)
    p.add_argument("--samples", type=positive_int, default=10_000, metavar="N", help="weight samples (default 10000)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument(
        "--date", type=day, default=None, metavar="YYYY-MM-DD", help="report date, for staleness (default today)"
    )
    add_strict(p)
    p.set_defaults(func=cmd_report)
