"""The command line on evidence grades: `must_min_grade` in `score` (table, JSON, CSV), the
rating-uncertainty run's figures by grade in `sensitivity --date`, and a bad minimum refused."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from toolkit.cli import main
from toolkit.files._i18n import label
from toolkit.model._profiles import demo_path


@pytest.fixture
def graded(tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("uncertainty: none ", "must_min_grade: documentation\nuncertainty: none "), "utf-8")
    return folder


def test_score_says_which_musts_are_below_the_minimum(graded, capsys):
    assert main(["score", str(graded), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["must_min_grade"] == "documentation"
    jdy = next(v for v in data["vendors"] if v["vendor"] == "jiandaoyun")
    assert jdy["rank"] is None and jdy["knocked_out"] is True
    assert jdy["must_gaps"][0] == {
        "id": "R01",
        "target": "customer_360",
        "status": "below_grade",
        "evidence_grade": "marketing",
    }
    assert main(["score", str(graded)]) == 0
    table = capsys.readouterr().out
    words = label(
        "gap_below_grade", "en", grade=label("grade_marketing", "en"), minimum=label("grade_documentation", "en")
    )
    assert f"Jiandaoyun: R01 customer_360: {words}" in table
    assert main(["score", str(graded), "--format", "csv"]) == 0
    rows = {r["vendor"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["jiandaoyun"]["must_below_grade"] == "R01 R02 R03 R06 R20"
    assert rows["kingdee"]["must_below_grade"] == ""


def test_without_a_minimum_the_json_has_no_such_key(capsys):
    assert main(["score", str(demo_path()), "--format", "json"]) == 0
    assert "must_min_grade" not in json.loads(capsys.readouterr().out)


def test_sensitivity_reports_what_it_drew_by_grade_on_the_given_date(capsys):
    args = ["sensitivity", str(demo_path()), "--uncertainty", "ratings", "--samples", "500", "--format", "json"]
    assert main([*args, "--date", "2026-11-24"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-11-24"
    # the ranked vendors' unconfirmed ratings: Jiandaoyun 16, Fxiaoke 14, Yonyou 15, Kingdee 11, Salesforce 13
    assert data["unverified_ratings"] == 69 == sum(data["drawn_by_grade"].values())
    assert data["drawn_by_grade"] == {"marketing": 27, "documentation": 29, "independent": 13}
    assert data["widened_for_age"] == 47
    assert main([*args, "--date", "2026-11-24"]) == 0
    assert json.loads(capsys.readouterr().out) == data  # seeded: the same figures
    assert main([*args[:-2], "--date", "2026-11-24"]) == 0
    assert (
        "By evidence grade: marketing 27, vendor documentation 29, independent source 13; 47 of them drawn a level "
        "wider for a source published before 2025-05-24 or undated." in capsys.readouterr().out
    )


def test_a_minimum_grade_outside_the_list_is_one_line(graded, capsys):
    path = graded / "engagement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("must_min_grade: documentation", "must_min_grade: demo"))
    assert main(["validate", str(graded)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "engagement.yaml:" in out[0] and "must_min_grade" in out[0]
    assert "marketing, documentation, independent, confirmed" in out[0] and "'demo'" in out[0]
