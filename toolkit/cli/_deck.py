"""`crm-toolkit deck`: the board deck, 16:9 PowerPoint slides with native charts and speaker notes."""

from __future__ import annotations

import sys

from ._common import EXIT_OK, add_lang, add_strict, day, positive_int, warn_preliminary


def cmd_deck(args) -> int:
    from ..files._i18n import label
    from ..model._engagement import load_engagement
    from ..report._deck import check_deck_path, write_deck
    from ..scoring import score
    from ._common import warn

    check_deck_path(args.output)  # a usage error before any work
    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    card = score(engagement, strict=args.strict)
    warn_preliminary(card, args.lang)  # the title slide says so too
    path = write_deck(
        engagement, args.output, lang=args.lang, samples=args.samples, seed=args.seed, today=args.date, card=card
    )
    print(label("wrote", args.lang, path=path), file=sys.stderr)
    return EXIT_OK


def register(sub) -> None:
    """Add this module's sub-commands to the main parser's sub-parsers."""

    p = sub.add_parser(
        "deck",
        help="the board deck as PowerPoint (.pptx)",
        description="Score the engagement, test how robust the ranking is and write the board deck: "
        "16:9 slides a board reads without the tool (recommendation, ranking, what makes up each "
        "total, value for money, robustness, what it would take for each vendor to rank first, must-have "
        "gaps, TCO by year, the room's weights, the "
        "rollout phases, assumptions and sources), native charts with their data embedded and "
        "speaker notes on every slide. Nothing is written when the engagement has problems. While a "
        "price or cost is missing the deck is preliminary (its title slide says so); --strict refuses.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.pptx")
    add_lang(p)
    p.add_argument("--samples", type=positive_int, default=10_000, metavar="N", help="weight samples (default 10000)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument(
        "--date", type=day, default=None, metavar="YYYY-MM-DD", help="deck date, for staleness (default today)"
    )
    add_strict(p)
    p.set_defaults(func=cmd_deck)
