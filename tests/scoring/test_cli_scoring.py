"""`crm-toolkit score`, `sensitivity` and `what-it-takes`: output shapes, and one line per problem for bad
input."""

from __future__ import annotations

import hashlib
import json

import pytest

from toolkit.cli import main
from toolkit.model._profiles import demo_path

from .conftest import HAND_ENGAGEMENT


def snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_score_json_is_in_rank_order_with_full_precision(capsys):
    assert main(["score", str(demo_path()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ranks = [v["rank"] for v in data["vendors"]]
    assert ranks == [1, 2, 3, 4, 5, None]
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    totals = [v["total"] for v in data["vendors"][:5]]
    assert totals == sorted(totals, reverse=True)
    last = data["vendors"][-1]
    assert last["vendor"] == "xiaoshouyi" and last["knocked_out"] is True
    assert [g["id"] for g in last["must_gaps"]] == ["R04", "R10", "R15", "R20"]
    assert all(g["status"] == "unrated" for g in last["must_gaps"])
    first = data["vendors"][0]
    assert first["total"] == pytest.approx(sum(data["weights"][c] * first[c] for c in data["weights"]), abs=1e-12)


def test_score_table_and_csv_in_both_languages(capsys):
    assert main(["score", str(demo_path()), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "排名" in out and "简道云" in out and "淘汰" in out
    assert main(["score", str(demo_path()), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("rank,vendor,edition,total,fit")
    assert lines[1].startswith("1,jiandaoyun,")


def test_sensitivity_json(capsys):
    assert main(["sensitivity", str(demo_path()), "--samples", "2000", "--seed", "3", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["samples"] == 2000 and data["seed"] == 3 and data["mode"] == "uniform"
    for v in data["vendors"]:
        assert sum(v["acceptability"].values()) == pytest.approx(1.0)
    assert [s["criterion"] for s in data["stability"]] == ["fit", "integration", "tco", "viability"]
    assert main(["sensitivity", str(demo_path()), "--samples", "2000", "--seed", "3", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == data  # same seed, same figures


def test_sensitivity_rejects_bad_samples(capsys):
    with pytest.raises(SystemExit) as e:
        main(["sensitivity", str(demo_path()), "--samples", "0"])
    assert e.value.code == 2
    assert "must be >= 1" in capsys.readouterr().err


def test_what_it_takes_table_and_json(capsys):
    assert main(["what-it-takes", str(demo_path())]) == 0
    out = capsys.readouterr().out
    assert out.split("\n\n", 1)[1].startswith("What it would take to rank first\n")  # after the demo's fiction line
    assert "Break-even TCO" in out
    assert "Kingdee would rank first if its 3-year TCO fell from 1,072,247 to about 576,000 CNY (-46%" in out
    assert main(["what-it-takes", str(demo_path()), "--lang", "zh"]) == 0
    assert "简道云保持第一,直到其3年总拥有成本从621,806升至约889,000 CNY" in capsys.readouterr().out
    assert main(["what-it-takes", str(demo_path()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["leader"] == "jiandaoyun" and [v["rank"] for v in data["vendors"]] == [1, 2, 3, 4, 5, None]
    assert data["vendors"][3]["tco"]["break_even"] == pytest.approx(576_497.782, abs=1e-3)  # full precision


BAD = {
    "weights_all_zero": (
        HAND_ENGAGEMENT.replace(
            "{fit: 50, integration: 10, tco: 30, viability: 10}", "{fit: 0, integration: 0, tco: 0, viability: 0}"
        ),
        "engagement.yaml:8: weights: all weights are 0",
    ),
    "missing_fx_rate": (
        HAND_ENGAGEMENT.replace("fx: {USD: 7.1}\n", ""),
        "no rate for USD, in which acme_crm is priced",
    ),
    "unknown_vendor": (
        HAND_ENGAGEMENT.replace("[acme_crm, beta_crm]", "[acme_crm, beta_crm, nosuch_crm]"),
        "engagement.yaml:9: shortlist[2]: unknown vendor 'nosuch_crm'",
    ),
    "edition_the_vendor_lacks": (
        HAND_ENGAGEMENT + "editions: {acme_crm: platinum}\n",
        "engagement.yaml:17: editions.acme_crm: acme_crm has no edition 'platinum' (has: pro, team)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["score", "sensitivity", "what-it-takes"])
def test_bad_engagements_give_one_line_each_and_write_nothing(hand_engagement, capsys, case, command):
    text, expected = BAD[case]
    folder = hand_engagement(engagement=text)
    before = snapshot(folder)
    assert main([command, str(folder)]) == 1
    out = [line for line in capsys.readouterr().out.strip().splitlines() if ": warning: " not in line]
    assert len(out) == 1, out
    assert expected in out[0]
    assert snapshot(folder) == before
