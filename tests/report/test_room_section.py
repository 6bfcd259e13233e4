"""The report's section and sheet on the room's weights: shown when stakeholders gave theirs,
in en and zh, with the same figures as `crm-toolkit weights`; absent otherwise."""

from __future__ import annotations

import re

import pytest

from toolkit.model._engagement import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.report._facts import gather
from toolkit.report._html import render_html
from toolkit.report._xlsx import render_xlsx
from toolkit.scoring import score, sensitivity


@pytest.fixture(scope="module")
def data():
    engagement = load_engagement(demo_path())
    card = score(engagement)
    return gather(engagement, card, sensitivity(card, samples=2_000, seed=0))


def test_the_room_section_in_english_and_chinese(data):
    en, zh = render_html(data, "en"), render_html(data, "zh")
    heads = re.findall(r"<h2>(\d+)\. ", en)
    assert heads == [str(n) for n in range(1, 13)]
    assert "10. The room&#x27;s weights" in en and "10. 与会各方的权重" in zh
    assert "Jiandaoyun ranks first under the weights of 5 of 6 stakeholders" in en
    assert "按 王芳 · 销售总监 的权重,纷享销客 排名第一。" in zh
    assert "Consensus 83%" in en and "共识度 83%" in zh
    assert data.ranking.first_by["sales_director"] == "fxiaoke" and data.room.furthest == "finance_controller"


def test_the_room_sheet(data):
    wb = render_xlsx(data, "en")
    ws = wb["Room"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Stakeholder id", "Stakeholder", "Given as")
    assert [r[0] for r in rows[1:7]] == [p.who for p in data.room.people]
    assert rows[-1][1].startswith("The group") and abs(sum(rows[-1][3:7]) - 1) < 1e-9
    assert "与会各方" in render_xlsx(data, "zh").sheetnames


def test_no_room_no_section(data):
    from dataclasses import replace

    plain = replace(data, room=None, ranking=None)
    html = render_html(plain, "en")
    assert "The room&#x27;s weights" not in html and re.findall(r"<h2>(\d+)\. ", html)[-1] == "11"
    assert "Room" not in render_xlsx(plain, "en").sheetnames
