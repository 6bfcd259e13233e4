"""`crm-toolkit score`, `sensitivity`, `weights` and `what-it-takes` (METHOD.md §4-§6)."""

from __future__ import annotations

import json
import sys

from ._common import (
    EXIT_OK,
    add_lang,
    add_strict,
    day,
    positive_float,
    positive_int,
    say_illustrative,
    warn,
    warn_preliminary,
)


def _progress_bar():
    """A one-line progress bar on a terminal; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
        if done >= total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
        sys.stderr.flush()

    return show


def _scorecard(args):
    from ..model._engagement import load_engagement
    from ..scoring import score

    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    return engagement, score(engagement, strict=args.strict)


def cmd_score(args) -> int:
    from ..scoring._render import render_scorecard, scorecard_csv

    engagement, card = _scorecard(args)
    warn_preliminary(card, args.lang, listed=args.format != "csv")
    if args.format == "json":
        print(json.dumps(card.as_dict(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(scorecard_csv(card))
    else:
        say_illustrative(engagement, args.lang)
        print(render_scorecard(card, args.lang, horizon=engagement.settings.horizon_years))
    return EXIT_OK


def cmd_sensitivity(args) -> int:
    from ..scoring import sensitivity
    from ..scoring._render import render_sensitivity

    engagement, card = _scorecard(args)
    warn_preliminary(card, args.lang, listed=args.format == "json")
    uncertainty = args.uncertainty or engagement.settings.uncertainty
    sens = sensitivity(
        card,
        samples=args.samples,
        seed=args.seed,
        mode=args.mode,
        uncertainty=uncertainty,
        kappa=args.kappa,
        progress=_progress_bar() if args.samples * (1 if uncertainty == "none" else 50) >= 200_000 else None,
        today=args.date,
    )
    if args.format == "json":
        prelim = {"preliminary": True, "missing": card.missing_lines()} if card.preliminary else {}
        print(json.dumps({"engagement": card.engagement, **prelim, **sens.as_dict()}, ensure_ascii=False, indent=2))
    else:
        say_illustrative(engagement, args.lang)
        print(render_sensitivity(card, sens, args.lang))
    return EXIT_OK


def cmd_weights(args) -> int:
    from ..model._engagement import load_engagement
    from ..model._stakeholders import stakeholder_label
    from ..model.schema import RoomWeights
    from ..scoring import score
    from ..scoring._room import room_weights
    from ..scoring._room_rank import ranking_as_dict, render_ranking, render_room, room_as_dict, room_ranking

    engagement = load_engagement(args.dir)
    warn(engagement.warnings)
    room = room_weights(engagement.settings.room_weights or RoomWeights())
    card = score(engagement, strict=args.strict)
    warn_preliminary(card, args.lang, listed=False)
    ranking = room_ranking(card, room, samples=args.samples, seed=args.seed) if room.people else None
    if args.format == "json":
        data = {"engagement": args.dir, **room_as_dict(room)}
        if ranking is not None:
            data["ranking"] = ranking_as_dict(ranking)
            if card.preliminary:  # the ranking rests on a scorecard without TCO
                data |= {"preliminary": True, "missing": card.missing_lines()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        names = {p.who: stakeholder_label(engagement.requirements, p.who, args.lang) for p in room.people}
        say_illustrative(engagement, args.lang)
        print(render_room(room, names, args.lang))
        if ranking is not None:
            print("\n" + render_ranking(ranking, card, names, args.lang))
    return EXIT_OK


def cmd_what_it_takes(args) -> int:
    from ..scoring import what_it_takes
    from ..scoring._takes_words import render_what_it_takes

    engagement, card = _scorecard(args)
    warn_preliminary(card, args.lang)  # the first sentence says no route goes through TCO
    result = what_it_takes(card)
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        say_illustrative(engagement, args.lang)
        print(render_what_it_takes(result, args.lang))
    return EXIT_OK


def register(sub) -> None:

    p = sub.add_parser(
        "score",
        help="score and rank the shortlisted vendors",
        description="Fit, integration, TCO and viability of each vendor (0..100), the weighted "
        "total, the ranking and the must-have knockouts (METHOD.md §4-§5). While a price or "
        "cost is missing the scorecard is preliminary: TCO counts in no vendor's total (the other "
        "weights rescaled), every output says so and lists the missing figures, and a warning goes "
        "to stderr (exit 0); --strict refuses instead.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_strict(p)
    add_lang(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "sensitivity",
        help="how robust the ranking is: SMAA and weight stability",
        description="Rank acceptability (SMAA) of each vendor under sampled weights, its "
        "first-rank probability and central weights, and the interval of each criterion's "
        "weight over which the leader stays first (METHOD.md §6).",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--samples", type=positive_int, default=10_000, metavar="N", help="weight samples (default 10000)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument(
        "--mode",
        choices=("uniform", "around"),
        default="uniform",
        help="uniform on all weightings, or Dirichlet around the engagement's weights",
    )
    p.add_argument(
        "--kappa", type=positive_float, default=100.0, metavar="K", help="concentration of --mode around (default 100)"
    )
    p.add_argument(
        "--uncertainty",
        choices=("none", "ratings"),
        default=None,
        help="also redraw every rating the engagement has not confirmed, as far as the grade and age of its "
        "evidence allow (default: the engagement's setting)",
    )
    p.add_argument(
        "--date",
        type=day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day a source's age is judged on, for --uncertainty ratings (default today)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_strict(p)
    add_lang(p)
    p.set_defaults(func=cmd_sensitivity)

    p = sub.add_parser(
        "weights",
        help="each stakeholder's criterion weights, the group's, and how far apart they are",
        description="The room's weights from engagement.yaml (room_weights): each stakeholder's weights "
        "(given directly, as a rank, as swing points or as AHP comparisons, with the consistency ratio), the "
        "group's, the spread per criterion, the consensus and who is furthest from the group; then the vendor "
        "first under each one's weights and how often each ranks first between their weights (SMAA).",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument(
        "--samples", type=positive_int, default=10_000, metavar="N", help="room weightings drawn (default 10000)"
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_strict(p)
    add_lang(p)
    p.set_defaults(func=cmd_weights)

    p = sub.add_parser(
        "what-it-takes",
        help="what it would take for each vendor to rank first",
        description="For each vendor, everything else unchanged: the TCO at which it would rank first (for the "
        "leader, up to which it stays first) and the per-user price that gives it, the fewest rating changes that "
        'would make it first, and the smallest change of the weights (docs/method.md, "What it would take").',
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_lang(p)
    add_strict(p)
    p.set_defaults(func=cmd_what_it_takes)
