"""What it would take on the demo engagement, worked by hand (docs/method.md, "What it would
take"), confirmed end to end by scoring the demo again with the price found; the words en / zh;
the JSON shape; a knocked-out vendor that only its must ratings bring back; and the vendor that
no weights can make first although no single rival is at least as good everywhere."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from toolkit import load_engagement
from toolkit.model._profiles import demo_path
from toolkit.scoring import score, what_it_takes, what_it_takes_sentences
from toolkit.scoring._standing import Scored, Standing, scored, standing
from toolkit.scoring._takes_words import about, render_what_it_takes
from toolkit.scoring._weight_change import weight_changes


@pytest.fixture(scope="module")
def demo():
    card = score(load_engagement(demo_path()))
    return card, what_it_takes(card)


def test_the_demo_inputs_score_as_the_scorecard_does(demo):
    card, _ = demo
    again = scored(standing(card))
    assert [card.vendors[i] for i in again.order] == card.ranked
    np.testing.assert_allclose(again.criteria, card.criteria.to_numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose(again.total, card.total.to_numpy(), rtol=0, atol=1e-12)


def test_the_break_even_tcos_by_hand(demo):
    """Kingdee must become the cheapest (regime 2); Fxiaoke gets there with Jiandaoyun still
    cheaper (regime 1); Jiandaoyun stays first until Fxiaoke catches up."""
    card, takes = demo
    crit, total, w_t = card.criteria, card.total, 0.25
    tco = {v: card.tco[v].total for v in card.vendors}
    a = {v: total[v] - w_t * crit.at[v, "tco"] for v in card.vendors}  # everything but TCO
    # Kingdee at 100 points of TCO has a_K + 25; Jiandaoyun's TCO score falls with Kingdee's TCO
    kingdee = tco["jiandaoyun"] * (a["kingdee"] + 25 - a["jiandaoyun"]) / 25
    assert kingdee == pytest.approx(576_497.782, abs=1e-3)
    assert takes.of("kingdee").tco.value == pytest.approx(kingdee, rel=1e-12)
    assert takes.of("kingdee").tco.cheapest and takes.of("kingdee").tco.rival == "jiandaoyun"
    # Fxiaoke: the bar stays Jiandaoyun's 621,806; 25 · m / (B − a_F)
    fxiaoke = 25 * tco["jiandaoyun"] / (total["jiandaoyun"] - a["fxiaoke"])
    assert fxiaoke == pytest.approx(761_776.926, abs=1e-3)
    assert takes.of("fxiaoke").tco.value == pytest.approx(fxiaoke, rel=1e-12)
    assert not takes.of("fxiaoke").tco.cheapest
    # Jiandaoyun stays the cheapest up to its break-even, where Fxiaoke's TCO score has risen to tie
    leader = takes.of("jiandaoyun").tco
    assert leader.value == pytest.approx(tco["fxiaoke"] * (a["jiandaoyun"] + 25 - a["fxiaoke"]) / 25, rel=1e-12)
    assert leader.value == pytest.approx(889_137.219, abs=1e-3) and leader.rival == "fxiaoke"
    assert [round(takes.of(v).tco.change, 4) for v in ("jiandaoyun", "fxiaoke", "kingdee")] == [
        0.4299,
        -0.3007,
        -0.4623,
    ]


def _with_quote(tmp_path, old: str, new: str):
    folder = tmp_path / "demo"
    shutil.copytree(demo_path(), folder)
    path = folder / "evaluations.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_price_found_ties_for_first_when_the_demo_is_scored_again(demo, tmp_path):
    """p* = p · (1 + (T* − T) / S): Fxiaoke's list price of 220 a user a month becomes a quote
    of p*/12; scored again, Fxiaoke and Jiandaoyun tie (and Jiandaoyun's own price likewise)."""
    card, takes = demo
    fx = takes.of("fxiaoke").tco
    s = card.tco["fxiaoke"].subscription
    assert fx.price_now == 2_640 and fx.price == pytest.approx(2_640 * (1 + (fx.value - fx.now) / s), rel=1e-12)
    assert fx.price == pytest.approx(769.018, abs=1e-3)
    quote = f"fxiaoke:\n  quote: {{price_per_user_month: {fx.price / 12!r}, evidence: what it would take}}\n"
    again = score(load_engagement(_with_quote(tmp_path / "a", "fxiaoke:\n", quote)))
    assert again.tco["fxiaoke"].total == pytest.approx(fx.value, rel=1e-12)
    assert again.total["fxiaoke"] == pytest.approx(again.total["jiandaoyun"], abs=1e-9)

    lead = takes.of("jiandaoyun").tco
    assert lead.price_now == pytest.approx(1_283.333, abs=1e-3) and lead.price == pytest.approx(2_810.536, abs=1e-3)
    # Jiandaoyun's quote is flat (68,000 a year for 50 users, 900 per extra user): 77,000 a year for
    # 60 users is 1,283.33 a user; every part of a flat price scales by the same factor p* / p
    f = lead.price / lead.price_now
    folder = _with_quote(
        tmp_path / "b",
        "price_per_year: 68000, included_users: 50, extra_user_per_year: 900,",
        f"price_per_year: {68000 * f!r}, included_users: 50, extra_user_per_year: {900 * f!r},",
    )
    again = score(load_engagement(folder))
    assert again.total["jiandaoyun"] == pytest.approx(again.total["fxiaoke"], abs=1e-9)
    # a price that cannot reach it: Kingdee's TCO would have to fall by more than its whole subscription
    kd = takes.of("kingdee").tco
    assert kd.value - kd.now < -card.tco["kingdee"].subscription and kd.price is None and kd.price_now == 1_800


def test_the_rating_routes(demo):
    _, takes = demo
    yonyou = takes.of("yonyou").ratings
    assert [(c.requirements, c.before, c.after) for c in yonyou.changes] == [
        (("R04",), 2, 3),
        (("R05",), 2, 3),
        (("R06",), 2, 3),
        (("R09",), 0, 3),
        (("R10",), 2, 3),
        (("R12",), 2, 3),
        (("R15",), 2, 3),
        (("R18",), 0, 3),
    ]
    # each change adds 0.4 · 100 · 3 / (3 · 38) = 1.0526 points; Yonyou is 8.19 behind: 8 are needed
    assert sum(c.gain for c in yonyou.changes) == pytest.approx(8 * 40 / 38)
    assert takes.of("yonyou").gap == pytest.approx(8.1932, abs=1e-4)
    assert len(takes.of("kingdee").ratings.changes) == 11
    # Fxiaoke at full marks gains 0.4 · (100 − 88.6) = 4.56 < 6.14 behind
    assert takes.of("fxiaoke").ratings.changes is None and takes.of("fxiaoke").ratings.reason == "out_of_reach"
    assert takes.of("xiaoshouyi").ratings.reason == "out_of_reach"
    assert takes.of("jiandaoyun").ratings is None


def test_the_weight_changes(demo):
    """Against one binding rival u the nearest weights move δ = gap / (max_c D_c − min_c D_c) from
    the criterion where v trails u most to the one where it leads most (D = x_v − x_u)."""
    card, takes = demo
    d = card.criteria.loc["fxiaoke"] - card.criteria.loc["jiandaoyun"]
    delta = (card.total["jiandaoyun"] - card.total["fxiaoke"]) / (d.max() - d.min())
    assert (d.idxmax(), d.idxmin()) == ("fit", "tco")
    fx = takes.of("fxiaoke").weights
    assert fx.distance == pytest.approx(delta, rel=1e-7) and delta == pytest.approx(0.104513, abs=1e-6)
    assert fx.weights == pytest.approx({"fit": 0.4 + delta, "integration": 0.2, "tco": 0.25 - delta, "viability": 0.15})
    leader = takes.of("jiandaoyun").weights
    assert leader.rival == "fxiaoke" and leader.distance == pytest.approx(delta, rel=1e-7)
    assert takes.of("kingdee").weights.distance == pytest.approx(0.324805, abs=1e-6)
    assert takes.of("xiaoshouyi").weights.reason == "knocked_out"
    with pytest.raises(KeyError, match="no vendor .hubspot."):
        takes.of("hubspot")


def test_the_words_en_and_zh(demo):
    _, takes = demo
    en = what_it_takes_sentences(takes, "en")
    assert en[0] == (
        "Jiandaoyun stays first until its 3-year TCO rises from 621,806 to about 889,000 CNY (+43%: a subscription "
        "of about 2,810 instead of 1,283 CNY per user a year), or until the weights move by 10.5 points "
        "(TCO 25% → 15%, Fit 40% → 50%; Fxiaoke (ShareCRM) then ranks first)."
    )
    assert en[3] == (
        "Kingdee would rank first if its 3-year TCO fell from 1,072,247 to about 576,000 CNY (-46%: more than its "
        "whole subscription), or if it met R01, R02, R04, R05, R06 and 6 more natively, or if the weights moved by "
        "32.5 points (Viability 15% → 47%, Fit 40% → 12%, TCO 25% → 21%)."
    )
    assert (
        en[-1] == "XiaoShouYi (Neocrm) is knocked out; even meeting every requirement natively would not make it first."
    )
    zh = what_it_takes_sentences(takes, "zh")
    assert zh[3].startswith(
        "若其3年总拥有成本从1,072,247降至约576,000 CNY(-46%:超过其全部订阅费);或其原生满足R01、R02、R04、R05、R06等11项"
    )
    assert zh[3].endswith(",金蝶将排名第一。")
    table = render_what_it_takes(takes, "zh")
    assert "盈亏平衡总拥有成本" in table and "576,498" in table and "11: R10 1→3" in table


def test_about_rounds_down_to_three_significant_digits():
    assert [about(x) for x in (802_123.0, 576_497.8, 2_810.5, 769.02, 99.9)] == [
        "802,000",
        "576,000",
        "2,810",
        "769",
        "99",
    ]


def test_the_json_shape(demo):
    _, takes = demo
    data = takes.as_dict()
    assert data["leader"] == "jiandaoyun" and data["horizon_years"] == 3 and data["currency"] == "CNY"
    kd = next(v for v in data["vendors"] if v["vendor"] == "kingdee")
    assert kd["rank"] == 4 and kd["tco"]["break_even"] == pytest.approx(576_497.782, abs=1e-3)
    assert kd["ratings"]["changes"][0] == {
        "capability": "field_service_dispatch",
        "requirements": ["R10"],
        "from": 1,
        "to": 3,
        "must": True,
        "gain": pytest.approx(0.4 * 100 * 3 * 2 / (3 * 38)),
    }
    assert kd["weights"]["distance"] == pytest.approx(0.324805, abs=1e-6)
    xs = data["vendors"][-1]
    assert xs["rank"] is None and xs["tco"]["reason"] == "knocked_out" and xs["weights"]["reason"] == "knocked_out"


KNOCKED_OUT = """\
client: Hand Co
industry: manufacturing
currency: CNY
fx: {USD: 7.1}
users: 10
horizon_years: 2
discount_rate: 0.1
weights: {fit: 90, integration: 10, tco: 0, viability: 0}
shortlist: [acme_crm, beta_crm]
costs:
  implementation: {beta_crm: 3000}
  integration_build: {partner: 1000, api: 5000, none: 20000}
"""


def test_a_knocked_out_vendor_comes_back_only_through_its_must_ratings(hand_engagement):
    """Acme rates R01 (must) 0 and is knocked out; at 1 it would trail Beta (fit 41.7 against 50),
    at 2 it leads: the route raises R01 to 2 and says it lifts the knockout."""
    folder = hand_engagement(
        engagement=KNOCKED_OUT, evaluations='acme_crm:\n  customer_360: {rating: 0, evidence: "demo"}\n'
    )
    card = score(load_engagement(folder))
    assert card.ranked == ["beta_crm"]
    takes = what_it_takes(card)
    acme = takes.of("acme_crm")
    assert acme.rank is None and acme.tco.reason == "knocked_out" and acme.weights.reason == "knocked_out"
    assert [(c.capability, c.before, c.after) for c in acme.ratings.changes] == [("customer_360", 0, 2)]
    assert acme.ratings.lifts_knockout
    assert (
        what_it_takes_sentences(takes)[-1]
        == "Acme CRM is knocked out; it would rank first if it met R01 through configuration."
    )
    beta = takes.of("beta_crm")
    assert beta.tco.reason == "alone" and beta.weights.reason == "alone"
    assert what_it_takes_sentences(takes, "zh")[:2] == [
        "无论总拥有成本如何,贝塔CRM都保持第一。",
        "无论权重如何,贝塔CRM都保持第一。",
    ]


def test_two_rivals_can_block_a_vendor_that_neither_dominates_alone():
    """v = 40 on every criterion; u1 = 100 on fit and TCO, 0 elsewhere; u2 the other way round.
    Whatever the weights, u1 or u2 totals 50 or more: no weights make v first, yet neither
    rival is at least as good on every criterion. The answer names the mix."""
    x = np.array([[100.0, 0, 100, 0], [0, 100, 0, 100], [40, 40, 40, 40]])
    labels = ("u1", "u2", "v")
    w = np.full(4, 0.25)
    st = Standing(
        vendors=labels,
        ratings=np.zeros((3, 1)),
        g_req=np.ones(1),
        must_req=np.zeros(1, bool),
        capabilities=("c",),
        requirements=("R01",),
        integration=x[:, 1],
        viability=x[:, 3],
        tco_total=np.ones(3),
        int_knockout=np.zeros(3, bool),
        weights=w,
    )
    sc = Scored(criteria=x, total=x @ w, excluded=np.zeros(3, bool), order=(0, 1, 2))
    found = weight_changes(st, sc)
    assert found[2].distance is None and found[2].reason == "mixed" and not found[2].dominated
    assert sorted(found[2].blockers) == ["u1", "u2"]
    assert found[1].distance == pytest.approx(0.0, abs=1e-6)  # u2 ties u1 now and wins the tie at once
