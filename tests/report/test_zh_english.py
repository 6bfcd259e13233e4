"""The Chinese report, workbook and deck hold no English sentence of ours: after page titles as
published, addresses, vendor, company, edition and product names as the profiles give them for
zh, codes and numbers, no run of three or more English words is left (tests/report/english.py).
The check itself is pinned: it finds our English in the English report and in a note without zh."""

from __future__ import annotations

import dataclasses
import io

from pptx import Presentation

from toolkit.files._i18n import label
from toolkit.model.schema import LocalizedText
from toolkit.report import report_html, report_xlsx
from toolkit.report._deck import deck_pptx

from .conftest import TODAY
from .english import english_runs, html_texts


def test_the_zh_report_page_holds_no_english_of_ours(demo):
    page = report_html(*demo, "zh", today=TODAY)
    assert english_runs(html_texts(page), demo[0]) == []


def test_the_zh_workbook_holds_no_english_of_ours(demo):
    book = report_xlsx(*demo, "zh", today=TODAY)
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert len(cells) > 1000
    assert english_runs([*cells, *book.sheetnames], demo[0]) == []


def _deck_texts(data: bytes) -> list[str]:
    texts: list[str] = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                texts += [c.text for r in shape.table.rows for c in r.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                texts += [str(c) for c in plot.categories] + [str(s.name) for s in plot.series]
        texts += [p.text for p in slide.notes_slide.notes_text_frame.paragraphs]
    return texts


def test_the_zh_deck_holds_no_english_of_ours(demo):
    texts = _deck_texts(deck_pptx(*demo, "zh", today=TODAY))
    assert len(texts) > 300
    assert english_runs(texts, demo[0]) == []


def test_the_check_finds_our_english(demo):
    engagement = demo[0]
    english = english_runs(html_texts(report_html(*demo, "en", today=TODAY)), engagement)
    assert len(english) > 100
    assert any(label("rpt_unverified_note", "en").startswith(run) for run in english)
    # a source's note without its zh: the zh page shows the English, and the check says so
    profile = engagement.vendors["kingdee"]
    key, source = next(
        (k, s)
        for k, s in profile.sources.items()
        if isinstance(s.note, LocalizedText) and len(str(s.note.en).split()) > 5
    )
    assert source.note.en and source.note.zh
    sources = {**profile.sources, key: source.model_copy(update={"note": LocalizedText(en=source.note.en)})}
    vendors = {**engagement.vendors, "kingdee": profile.model_copy(update={"sources": sources})}
    page = report_html(dataclasses.replace(engagement, vendors=vendors), *demo[1:], "zh", today=TODAY)
    found = english_runs(html_texts(page), engagement)
    assert found and all(run in source.note.en for run in found)
