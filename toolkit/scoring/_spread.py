"""How far a rating may be off, by the grade of its evidence and the age of its source
(docs/method.md, "Rating uncertainty by evidence grade"; METHOD.md §6 refined by issue 16).

Every rating that feeds fit gets a spread level. The engagement's own evidence (`confirmed`) and
an unrated capability never move (level 0). A profile's or an edition's rating moves by its
evidence grade: independent 1, documentation 2, marketing 3 (METHOD.md §6's uniform draw from
{c−1, c, c+1}); a source published before the staleness cutoff, or whose publication date is
unknown, widens it one level (at most 4). Level k moves the rating one step down or up, never
more, with

    level          P(c−1)  P(c)  P(c+1)   off by a step
      0  fixed        0      1      0          0
      1  narrow      1/6    2/3    1/6        1/3
      2  medium      1/4    1/2    1/4        1/2
      3  wide        1/3    1/3    1/3        2/3   (METHOD.md §6)
      4  widest      5/12   1/6    5/12       5/6

and a value off the 0..3 scale is dropped, the other two keeping their proportions (METHOD.md
§6's "∩ [0, 3]"): at level 4 a 3 becomes 2 with 5/7 and stays 3 with 2/7. Every such
distribution is a whole number of 2520ths, so one integer draw u in 0..2519 and a table lookup
redraw any rating exactly, vectorised.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from ..model._staleness import months_before
from ._card import Scorecard

#: the spread levels, narrowest first
LEVELS = ("fixed", "narrow", "medium", "wide", "widest")
#: P(c−1), P(c), P(c+1) at each level, in twelfths (rows: LEVELS)
STEP_TWELFTHS = np.array([[0, 12, 0], [2, 8, 2], [3, 6, 3], [4, 4, 4], [5, 2, 5]])
#: the level of a rating by its evidence grade, before its age is looked at
GRADE_LEVEL = {"marketing": 3, "documentation": 2, "independent": 1, "confirmed": 0}
WIDEST = len(LEVELS) - 1
TOP = 3  # ratings run 0..3


def _weights(level: int, rating: int) -> np.ndarray:
    """The twelfths of new ratings 0..3 for `rating` at `level`, cut to the scale."""
    out = np.zeros(TOP + 1, dtype=int)
    for step, w in zip((-1, 0, 1), STEP_TWELFTHS[level], strict=True):
        if 0 <= rating + step <= TOP:
            out[rating + step] = w
    return out


def distribution(level: int, rating: int) -> np.ndarray:
    """P(new rating = 0..3) for `rating` at spread `level` (the table above, cut to the scale)."""
    w = _weights(level, rating)
    shares: np.ndarray = w / w.sum()
    return shares


#: a common denominator of every distribution, cut to the scale (2520 = lcm of 12, 10, 9, 8, 7)
DRAWS = math.lcm(*(int(_weights(k, c).sum()) for k in range(len(LEVELS)) for c in range(TOP + 1)))


def _redraw_table() -> np.ndarray:
    """table[level, rating, u]: the new rating for a uniform integer u in 0..DRAWS−1."""
    table = np.empty((len(LEVELS), TOP + 1, DRAWS), dtype=np.int8)
    for level in range(len(LEVELS)):
        for rating in range(TOP + 1):
            w = _weights(level, rating)
            table[level, rating] = np.repeat(np.arange(TOP + 1), w * (DRAWS // w.sum()))
    return table


REDRAW = _redraw_table()


def redraw(rng: np.random.Generator, ratings: np.ndarray, levels: np.ndarray, samples: int) -> np.ndarray:
    """`samples` draws (samples × len(ratings), int8) of the ratings, each at its level."""
    u = rng.integers(0, DRAWS, size=(samples, ratings.size), dtype=np.int16)
    drawn: np.ndarray = REDRAW[levels, ratings, u]
    return drawn


def grade_levels(card: Scorecard) -> np.ndarray:
    """Each rating's level by its evidence grade alone (vendors × requirements, the scorecard's
    `arrays` order); 0 for the engagement's evidence and for unrated capabilities."""
    a = card.arrays
    grades = a["evidence_grade"]
    base = np.full(grades.shape, GRADE_LEVEL["marketing"], dtype=np.int8)  # a grade the method lacks: the weakest
    for grade, level in GRADE_LEVEL.items():
        base[grades == grade] = level
    base[~a["rated"] | a["verified"]] = 0  # unrated stays 0; the engagement's evidence never moves
    return base


def spread_levels(card: Scorecard, today: dt.date) -> np.ndarray:
    """Each rating's level: its grade's, one wider when its source was published before `today`
    less the engagement's `stale_after_months` or gives no publication date."""
    base = grade_levels(card)
    published = card.arrays["published_on"]
    cutoff = np.datetime64(months_before(today, card.stale_after_months), "D")
    aged = np.isnat(published) | (published < cutoff)
    levels: np.ndarray = np.where(base > 0, np.minimum(base + aged, WIDEST), 0).astype(np.int8)
    return levels
