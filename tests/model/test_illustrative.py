"""engagement.yaml `illustrative`: its shapes, its one-line error, its JSON Schema, the words every
output says first, and the demo's note, whose figures are the scorecard's."""

from __future__ import annotations

import jsonschema
import pytest

from toolkit import check_engagement
from toolkit.files._i18n import label
from toolkit.model._engagement import load_engagement
from toolkit.model._illustrative import illustrative_line, illustrative_note, illustrative_words
from toolkit.model._profiles import demo_path
from toolkit.model.schema import LocalizedText, json_schemas
from toolkit.scoring import score, what_it_takes

from ..conftest import ENGAGEMENT, where


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("false", False),
        ('"the quotes are made up"', "the quotes are made up"),
        ("{en: made up, zh: 虚构}", LocalizedText(en="made up", zh="虚构")),
    ],
)
def test_true_false_or_a_note(make_engagement, written, value):
    engagement, problems = check_engagement(make_engagement(engagement=ENGAGEMENT + f"illustrative: {written}\n"))
    assert problems == [] and engagement.settings.illustrative == value


def test_an_engagement_without_it_is_not_illustrative(make_engagement):
    engagement, _ = check_engagement(make_engagement())
    assert engagement.settings.illustrative is None
    assert illustrative_words(engagement.settings.illustrative) == [] and illustrative_line(None) == ""


@pytest.mark.parametrize("written", ["3", "{}", "{fr: fictif}", "''", "[true]"])
def test_anything_else_is_one_line(make_engagement, written):
    _, problems = check_engagement(make_engagement(engagement=ENGAGEMENT + f"illustrative: {written}\n"))
    assert where(problems) == [("engagement.yaml", 7, "illustrative")]
    assert problems[0].message.startswith("must be true, false, or a note of what is fictional")


def test_the_words_the_note_and_the_line():
    assert illustrative_words(True, "zh") == [label("ill_title", "zh"), label("ill_what", "zh")]
    note = LocalizedText(en="The quotes are made up.", zh="报价为虚构。")
    assert illustrative_words(note, "zh")[2] == "报价为虚构。"
    assert illustrative_note({"en": "made up"}, "zh") == "made up"  # as read from the file: the one language given
    assert illustrative_note("made up", "zh") == "made up"
    line = illustrative_line(note, "en")
    assert line == f"ILLUSTRATIVE ENGAGEMENT: {label('ill_what', 'en')} The quotes are made up."


def test_the_json_schema_takes_every_shape_and_nothing_else():
    schema = json_schemas()["engagement.schema.json"]
    base = {"client": "c", "industry": "manufacturing", "currency": "CNY", "users": 1}
    for value in (True, "a note", {"en": "a note", "zh": "说明"}):
        jsonschema.validate({**base, "illustrative": value}, schema)
    for value in (3, {}, {"fr": "fictif"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**base, "illustrative": value}, schema)


def test_the_demo_is_illustrative_and_its_note_is_the_scorecard_s():
    engagement = load_engagement(demo_path())
    note = engagement.settings.illustrative
    assert isinstance(note, LocalizedText) and note.en and note.zh
    card = score(engagement)
    leader = next(v for v in what_it_takes(card).vendors if v.rank == 1)
    assert leader.vendor == "jiandaoyun" and leader.tco.rival == "fxiaoke"
    assert leader.tco.value is not None
    rise = leader.tco.value / leader.tco.now - 1
    assert f"about {rise:.0%}".replace("%", " %") in note.en and f"约{rise:.0%}" in note.zh  # 43 %
    others = [card.tco[v].total for v in card.priced if v != "jiandaoyun"]
    assert card.tco["jiandaoyun"].total < leader.tco.value < min(others)  # "still below every other vendor's"
    quote = engagement.evaluations["jiandaoyun"]["quote"]
    assert (quote.price_per_year, quote.included_users) == (68000, 50)
    assert "CNY 68,000 a year for 50 users" in note.en and "每年68,000元,含50个用户" in note.zh
