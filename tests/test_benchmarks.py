"""The benchmarks' synthetic engagement scores like a real one (no timing here: see benchmarks/run.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from benchmarks import run
from benchmarks._synthetic import CRITERIA, synthetic_engagement, synthetic_matrix
from toolkit.scoring import score


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("n_req", "n_vendors"), [(10, 3), (30, 5)])
def test_synthetic_engagement_scores_and_ranks(n_req, n_vendors, seed):
    engagement = synthetic_engagement(n_req, n_vendors, seed=seed)
    card = score(engagement)

    assert sorted(card.vendors) == sorted(engagement.shortlist)
    assert len(engagement.shortlist) == n_vendors
    assert len(engagement.requirements.requirements) == n_req
    ranked = card.ranked
    assert ranked, "some vendor survives the knockouts"
    assert [int(card.rank[v]) for v in ranked] == list(range(1, len(ranked) + 1))
    assert list(card.total[ranked]) == sorted(card.total[ranked], reverse=True)
    assert ((card.criteria >= 0) & (card.criteria <= 100)).all().all()
    assert np.allclose(card.total, card.criteria.to_numpy() @ np.array([w for _, w in card.weights.items()]))
    tco_total = pd.Series({v: card.tco[v].total for v in ranked})
    assert tco_total.min() > 0
    assert card.criteria.at[tco_total.idxmin(), "tco"] == pytest.approx(100.0)
    # most ratings are the vendors' own claims: the worst case for rating uncertainty
    assert card.arrays["verified"].mean() < 0.5


def test_synthetic_engagement_is_reproducible():
    a = score(synthetic_engagement(10, 3, seed=4)).as_dict()
    b = score(synthetic_engagement(10, 3, seed=4)).as_dict()
    assert a == b
    assert a != score(synthetic_engagement(10, 3, seed=5)).as_dict()


def test_synthetic_matrix():
    m = synthetic_matrix(7, seed=0)
    assert m.shape == (7, 4) and list(m.columns) == list(CRITERIA)
    assert ((m >= 0) & (m <= 100)).all().all()
    assert m.equals(synthetic_matrix(7, seed=0))


def test_run_only_prefix(capsys):
    assert run.main(["--only", "weight_stability_4x30", "--runs", "1", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert list(figures) == ["weight_stability_4x30"]
    assert figures["weight_stability_4x30"]["unit"] == "ms"


def test_the_live_group_runs_quickly_and_reports_every_figure(capsys):
    """benchmarks/_live.py in its quick mode (one run): the real server, thirty phones, a few
    probes through the API and, where Chromium is installed, on the wall page."""
    assert run.main(["--only", "live_", "--runs", "1", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    from benchmarks._live import NAMES

    assert sorted(figures) == sorted(NAMES)
    assert all(f["value"] > 0 for f in figures.values() if not isinstance(f["value"], str))
    assert figures["live_vote_to_wall_p95_ms"]["bound"] == figures["live_vote_to_wall_page_p95_ms"]["bound"] == 1000
    assert isinstance(figures["live_vote_to_wall_p95_ms"]["value"], float)
    assert figures["live_votes"]["value"] >= 5  # the probe's at least


def test_the_room_group_reports_its_ratio(capsys):
    """benchmarks/run.py's room SMAA (issue 14): its time, the uniform SMAA's, and their ratio."""
    assert run.main(["--only", "room_", "--runs", "1", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert sorted(figures) == ["room_smaa_10000x30x12", "room_smaa_ratio", "room_smaa_uniform_10000x30"]
    ratio = figures["room_smaa_ratio"]
    assert ratio["bound"] == 1.5 and ratio["unit"] == "x" and ratio["value"] > 0


def test_the_deck_group_reports_its_time_and_ratio(capsys):
    """benchmarks/run.py's board deck (issue 15): the demo's deck, its rendering alone, one
    scorecard of the demo, and the deck as a ratio to the scorecard."""
    assert run.main(["--only", "deck_", "--runs", "1", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert sorted(figures) == ["deck_demo", "deck_demo_ratio", "deck_demo_render", "deck_scorecard_demo"]
    assert figures["deck_demo_ratio"]["unit"] == "x" and figures["deck_demo"]["unit"] == "ms"
    assert all(f["value"] > 0 for f in figures.values())


def test_the_hub_group_says_why_it_measured_nothing_without_the_hubs_tools(capsys, monkeypatch):
    import tests.hub.hub

    monkeypatch.setattr(tests.hub.hub, "missing", lambda: "node is not installed")
    assert run.main(["--only", "hub_", "--runs", "1", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures == {
        "hub_login_to_scorecard_s": {"value": "not measured: node is not installed", "unit": "", "bound": None}
    }
