"""`crm-toolkit weights`: the demo's room in a table and in JSON; bad room weights get one line
per problem, at the line a person wrote, and the command exits 1."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ENGAGEMENT, where
from toolkit.cli import main
from toolkit.model._engagement import check_engagement
from toolkit.model._profiles import demo_path


def test_the_demo_room_as_a_table_and_as_json(capsys):
    assert main(["weights", str(demo_path()), "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "王芳 · 销售总监" in text and "共识度 83%" in text and "陈静 · 财务主管" in text
    assert main(["weights", str(demo_path()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["stakeholders"]][:2] == ["sales_director", "marketing_lead"]
    assert data["furthest"] == "finance_controller" and round(data["consensus"], 4) == 0.8289
    assert round(sum(data["group"].values()), 9) == 1
    it = next(p for p in data["stakeholders"] if p["id"] == "it_manager")
    assert it["method"] == "ahp" and 0 < it["consistency_ratio"] < 0.1


BAD = {
    "negative": ("sales: {weights: {fit: -1, integration: 1, tco: 1, viability: 1}}", "weights.fit"),
    "all zero": ("sales: {weights: {fit: 0, integration: 0, tco: 0, viability: 0}}", "weights"),
    "out of 1/9..9": (
        "sales: {ahp: {fit/integration: 12, fit/tco: 1, fit/viability: 1, integration/tco: 1, "
        "integration/viability: 1, tco/viability: 1}}",
        "ahp.fit/integration",
    ),
    "missing criterion": ("sales: {swing: {fit: 100, integration: 50, tco: 20}}", "swing"),
    "missing comparison": ("sales: {ahp: {fit/integration: 2}}", "ahp"),
    "unknown stakeholder": ("nobody: {rank: [fit, integration, tco, viability]}", "nobody"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_room_weights_get_one_line_each(make_engagement, case, capsys):
    entry, field = BAD[case]
    folder = make_engagement(engagement=ENGAGEMENT + f"room_weights:\n  stakeholders:\n    {entry}\n")
    _, problems = check_engagement(folder)
    found = where(problems)
    assert len(found) == 1, problems
    name, line, at = found[0]
    assert (name, line) == ("engagement.yaml", 9)
    assert at.startswith("room_weights.stakeholders.") and at.endswith(field)
    assert main(["weights", str(folder)]) == 1
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err and (said.out + said.err).count("engagement.yaml:9") == 1


def test_the_scorecard_starts_from_the_groups_weights_unless_the_file_sets_its_own(make_engagement):
    from toolkit.model._engagement import load_engagement
    from toolkit.scoring import score

    costs = "costs: {integration_build: {partner: 20000}}\n"
    room = costs + (
        "room_weights:\n  stakeholders:\n"
        "    sales: {weights: {fit: 60, integration: 20, tco: 10, viability: 10}}\n"
        "    service: {rank: [tco, fit, integration, viability]}\n"
    )
    card = score(load_engagement(make_engagement(engagement=ENGAGEMENT + room)))
    group = {"fit": (0.6 + 0.2708333) / 2, "integration": (0.2 + 0.1458333) / 2, "tco": (0.1 + 0.5208333) / 2}
    assert {c: round(card.weights[c], 4) for c in group} == {c: round(v, 4) for c, v in group.items()}
    own = ENGAGEMENT + "weights: {fit: 1, integration: 1, tco: 1, viability: 1}\n" + room
    card = score(load_engagement(make_engagement(engagement=own, name="own")))
    assert card.weights["fit"] == 0.25
