"""The four criteria as vectorised formulas over rating matrices (METHOD.md §4).

Each function takes plain numpy arrays (vendors × items), so the same code scores the
engagement once and thousands of sampled rating matrices in the robustness analysis.
"""

from __future__ import annotations

import numpy as np


def weighted_share(values: np.ndarray, weights: np.ndarray, top: float) -> np.ndarray:
    """100 · Σ_i w_i · x_vi / (top · Σ_i w_i): the weighted share of the best possible, 0..100,
    for (..., vendors, items) arrays; the one formula behind fit, integration and viability."""
    share: np.ndarray = 100.0 * (values @ weights) / (top * weights.sum())
    return share


def fit_scores(ratings: np.ndarray, grade_weights: np.ndarray) -> np.ndarray:
    """fit_v = 100 · Σ_r g_r · c_vr / (3 · Σ_r g_r); ratings (..., vendors, requirements)."""
    if grade_weights.sum() <= 0:
        raise ValueError("nothing to score: no requirement is graded must or could")
    return weighted_share(ratings, grade_weights, 3.0)


def integration_scores(support: np.ndarray, grade_weights: np.ndarray) -> np.ndarray:
    """integration_v = 100 · Σ_i g_i · s_vi / (3 · Σ_i g_i); 100 when no integration is required."""
    if grade_weights.size == 0 or grade_weights.sum() <= 0:
        return np.full(support.shape[:-1], 100.0)
    return weighted_share(support, grade_weights, 3.0)


def viability_scores(scores: np.ndarray, item_weights: np.ndarray) -> np.ndarray:
    """viability_v = 100 · Σ_k w_k · s_vk / (5 · Σ_k w_k); a missing or unknown item scores 0."""
    if item_weights.sum() <= 0:
        raise ValueError("viability weights sum to 0")
    return weighted_share(scores, item_weights, 5.0)


def tco_scores(tco: np.ndarray, competing: np.ndarray) -> np.ndarray:
    """tco_v = 100 · min_u TCO_u / TCO_v, the minimum over the competing vendors (§9).

    Works on (..., vendors) arrays; with no competing vendor in a row, all count. A vendor
    outside the competition and cheaper than the bar is capped at 100 (docs/method.md).
    """
    masked = np.where(competing, tco, np.inf)
    bar = masked.min(axis=-1, keepdims=True)
    bar = np.where(np.isfinite(bar), bar, tco.min(axis=-1, keepdims=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(tco > 0, 100.0 * bar / tco, 100.0)
    return np.minimum(score, 100.0)


def knocked_out(must_ratings: np.ndarray, must_support: np.ndarray) -> np.ndarray:
    """A vendor rated 0 on any must requirement or with no support for a must integration (§4)."""
    out = (must_ratings == 0).any(axis=-1) if must_ratings.shape[-1] else np.zeros(must_ratings.shape[:-1], bool)
    if must_support.shape[-1]:
        out = out | (must_support == 0).any(axis=-1)
    return out
