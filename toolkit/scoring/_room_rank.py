"""Does the ranking hold across the room? The ranking under each stakeholder's weights, and SMAA
with the weights drawn from between theirs, beside today's uniform-weights SMAA (docs/method.md,
"A ranking across the room").

Weights between the stakeholders' are convex combinations λ·W of their weight vectors W (k × 4)
with λ drawn uniformly on the simplex (Dirichlet(1, ..., 1)): every weighting the room could
agree on by compromise, and none outside it. (This is not uniform over the hull's volume; it
favours the middle of the room a little, as a compromise does.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model._vocabulary import CRITERIA
from ._mcda import acceptability_tables, rank, rank_order, sample_ranks, sample_weights
from ._room import Room
from ._scorecard import Scorecard

CHUNK = 5_000


@dataclass(frozen=True)
class RoomRanking:
    """Who ranks first under each stakeholder's weights and across the room."""

    first_by: dict[str, str]  # stakeholder → the vendor first under their weights
    ranks_by: pd.DataFrame  # vendors × stakeholders: the rank under each one's weights
    room_first: pd.Series  # vendor → share of room weightings where it ranks first
    uniform_first: pd.Series  # vendor → share of all weightings (today's SMAA) where it ranks first
    samples: int
    seed: int

    @property
    def leader(self) -> str | None:
        """The vendor first in most room weightings."""
        return str(self.room_first.idxmax()) if len(self.room_first) else None


def room_samples(rng: np.random.Generator, n: int, people: np.ndarray) -> np.ndarray:
    """n weight vectors between the stakeholders' (`people`: k × criteria, rows summing to 1)."""
    mix = sample_weights(rng, n, mode="uniform", weights=np.ones(len(people)))
    drawn: np.ndarray = mix @ people
    return drawn


def first_shares(matrix: pd.DataFrame, weights: np.ndarray) -> pd.Series:
    """Each vendor's share of the weight vectors (one column per column of `matrix`) under which
    it ranks first (ties as §5: fit)."""
    x = matrix.to_numpy(dtype=float)
    tie = matrix["fit"].to_numpy()
    labels = [str(v) for v in matrix.index]
    ranks = np.empty((len(weights), len(labels)), dtype=np.int64)
    for start in range(0, len(weights), CHUNK):
        stop = min(len(weights), start + CHUNK)
        ranks[start:stop] = sample_ranks(weights[start:stop] @ x.T, tie, labels)
    acc, _ = acceptability_tables(ranks, weights, labels, list(matrix.columns))
    return acc[1].rename("first")


def counted_weights(weights: Mapping[str, float], counted: Sequence[str]) -> dict[str, float]:
    """A stakeholder's weights over the criteria that count (all four unless the scorecard is
    preliminary: then without TCO, rescaled to sum to 1; all 0 when they weigh TCO alone, so
    every total ties and the tie-break decides)."""
    if tuple(counted) == CRITERIA:
        return {c: weights[c] for c in CRITERIA}
    rest = sum(weights[c] for c in counted)
    return {c: weights[c] / rest if rest > 0 else 0.0 for c in counted}


def _ranks(matrix: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    if sum(weights.values()) > 0:
        return rank(matrix, weights, tie_break="fit")
    return pd.Series(range(1, len(matrix) + 1), index=rank_order(matrix["fit"]), name="rank").reindex(matrix.index)


def room_ranking(card: Scorecard, room: Room, *, samples: int = 10_000, seed: int = 0) -> RoomRanking:
    """The ranking under each stakeholder's weights; SMAA over the room's weightings and over all
    weightings (the same seed gives the same result). On a preliminary scorecard every
    weighting is taken over the criteria that count (`counted_weights`)."""
    ranked = card.ranked
    counted = list(card.counted)
    matrix = card.criteria.loc[ranked, counted]
    mine = {p.who: counted_weights(p.weights, counted) for p in room.people}
    ranks_by = pd.DataFrame({who: _ranks(matrix, w) for who, w in mine.items()}, index=matrix.index).astype(int)
    first_by = {p.who: str(ranks_by[p.who].idxmin()) for p in room.people}
    rng = np.random.default_rng(seed)
    people = np.array([[mine[p.who][c] for c in counted] for p in room.people])
    room_first = first_shares(matrix, room_samples(rng, samples, people)) if len(people) else pd.Series(dtype=float)
    uniform = sample_weights(np.random.default_rng(seed), samples, mode="uniform", weights=np.ones(len(counted)))
    return RoomRanking(first_by, ranks_by, room_first, first_shares(matrix, uniform), samples, seed)


def room_words(ranking: RoomRanking, card: Scorecard, names: dict[str, str], lang: str = "en") -> list[str]:
    """The room's ranking in plain words: who leads and how widely, then each stakeholder under
    whose weights another vendor would rank first."""
    from ..files._i18n import label
    from ._words import pct

    leader = ranking.leader
    if leader is None:
        return []
    firsts = list(ranking.first_by.values())
    out = [
        label(
            "room_words_first",
            lang,
            vendor=card.name(leader, lang),
            n=firsts.count(leader),
            m=len(firsts),
            share=pct(float(ranking.room_first[leader])),
            uniform=pct(float(ranking.uniform_first.get(leader, 0.0))),
        )
    ]
    for who, vendor in ranking.first_by.items():
        if vendor != leader:
            out.append(label("room_words_other", lang, who=names.get(who, who), vendor=card.name(vendor, lang)))
    return out


def consensus_words(room: Room, names: Mapping[str, str], lang: str = "en") -> list[str]:
    """The consensus and who is furthest from the group, in a sentence (none for one person)."""
    from ..files._i18n import label
    from ._words import pct

    if room.furthest is None:
        return []
    who, distance = names.get(room.furthest, room.furthest), pct(room.distances[room.furthest])
    return [label("room_consensus", lang, value=pct(room.consensus), who=who, distance=distance)]


def room_sentences(room: Room, ranking: RoomRanking, card: Scorecard, names: Mapping[str, str], lang: str) -> list[str]:
    """What the report and the app say above their tables: the consensus, then the ranking."""
    return [*consensus_words(room, names, lang), *room_words(ranking, card, dict(names), lang)]


def ranking_as_dict(ranking: RoomRanking) -> dict[str, object]:
    return {
        "first_by": ranking.first_by,
        "ranks_by": {who: {str(v): int(r) for v, r in col.items()} for who, col in ranking.ranks_by.items()},
        "room_first": {str(v): float(x) for v, x in ranking.room_first.items()},
        "uniform_first": {str(v): float(x) for v, x in ranking.uniform_first.items()},
        "samples": ranking.samples,
        "seed": ranking.seed,
    }


def render_ranking(ranking: RoomRanking, card: Scorecard, names: dict[str, str], lang: str = "en") -> str:
    """Each vendor's rank under each stakeholder's weights, its first-rank share between the
    room's weights and over all weightings, and the words."""
    from ..files._i18n import label
    from ..files._table import render
    from ._words import pct

    people = list(ranking.ranks_by.columns)
    heads = [label("vendor", lang), *(names.get(w, w).split(" · ")[0] for w in people)]  # the name: a column head
    heads += [label("room_first_share", lang), label("room_first_uniform", lang)]
    rows = [
        [
            card.name(str(v), lang),
            *(f"#{int(ranking.ranks_by.loc[v, w])}" for w in people),
            pct(float(ranking.room_first.get(v, 0.0))),
            pct(float(ranking.uniform_first.get(v, 0.0))),
        ]
        for v in ranking.ranks_by.index
    ]
    return "\n".join(
        [
            label("room_ranking_title", lang),
            render(heads, rows, max_width=24),
            "",
            *room_words(ranking, card, names, lang),
        ]
    )


def room_as_dict(room: Room) -> dict[str, object]:
    """The room as plain data (`crm-toolkit weights --format json`)."""
    return {
        "combine": room.combine,
        "stakeholders": [
            {
                "id": p.who,
                "method": p.method,
                "weights": p.weights,
                "consistency_ratio": p.consistency,
                "most_inconsistent": list(p.worst) if p.worst else None,
                "distance": room.distances[p.who],
            }
            for p in room.people
        ],
        "group": room.group,
        "spread": {c: list(v) for c, v in room.spread.items()},
        "consensus": room.consensus,
        "furthest": room.furthest,
    }


def render_room(room: Room, names: Mapping[str, str], lang: str = "en") -> str:
    """The room as text tables: each stakeholder's weights, the group's, the spread, and the
    consensus in words. `names`: stakeholder id → the label to show."""
    from ..files._i18n import label
    from ..files._table import render
    from ._words import pct

    if not room.people:
        return label("room_none", lang)
    heads = [label("room_stakeholder", lang), label("room_method", lang), *(label(c, lang) for c in CRITERIA)]
    heads.append(label("room_cr", lang))
    rows: list[list[object]] = []
    for p in room.people:
        ratio = f"{p.consistency:.3f}" if p.consistency is not None else "–"
        method = label(f"room_method_{p.method}", lang)
        rows.append([names.get(p.who, p.who), method, *(pct(p.weights[c]) for c in CRITERIA), ratio])
    group = label("room_group", lang, rule=label(f"room_rule_{room.combine}", lang))
    rows.append([group, "", *(pct(room.group[c]) for c in CRITERIA), ""])
    spread = [f"{pct(lo)}–{pct(hi)}" for lo, hi in (room.spread[c] for c in CRITERIA)]
    rows.append([label("room_spread", lang), "", *spread, ""])
    out = [label("room_title", lang), render(heads, rows), ""]
    out += consensus_words(room, names, lang)
    for p in room.people:
        if p.inconsistent and p.worst:
            a, b = (label(c, lang) for c in p.worst)
            out.append(
                label("room_inconsistent", lang, who=names.get(p.who, p.who), cr=f"{p.consistency:.3f}", a=a, b=b)
            )
    return "\n".join(out)
