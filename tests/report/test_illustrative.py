"""An illustrative engagement says so first in every report: the page's banner (and a line atop
every printed page), the workbook's first sheet, the deck's title slide and a mark on every slide.
The demo is one; the same demo without `illustrative` shows none of it."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from toolkit.files._i18n import label
from toolkit.model._illustrative import illustrative_words
from toolkit.report import report_html, report_xlsx
from toolkit.report._deck import deck_pptx

from .conftest import TODAY

LANGS = ["en", "zh"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture(scope="module")
def plain(demo):
    """The demo as an engagement that is not illustrative."""
    engagement, card, sens = demo
    settings = engagement.settings.model_copy(update={"illustrative": None})
    return dataclasses.replace(engagement, settings=settings), card, sens


def _words(demo, lang: str) -> list[str]:
    words = illustrative_words(demo[0].settings.illustrative, lang)
    assert len(words) == 3  # title, what is fictional, the demo's note
    return words


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_with_the_banner_and_prints_the_mark_on_every_page(demo, lang):
    page = report_html(*demo, lang, today=TODAY)
    body = page.split("<main", 1)[1]
    banner = re.search(r'<section class="illustrative" role="note">(.*?)</section>', body)
    assert banner is not None and body.index('class="illustrative"') < body.index('class="cover"')
    assert _text(banner.group(1)) == " ".join(_words(demo, lang))
    assert f'@top-center {{ content: "{label("ill_mark", lang)}"' in page


def test_a_page_not_illustrative_has_neither(plain):
    page = report_html(*plain, "en", today=TODAY)
    assert 'class="illustrative"' not in page and "@top-center" not in page
    assert label("ill_title", "en") not in page


@pytest.mark.skipif(not (CHROMIUM and shutil.which("pdftotext")), reason="needs headless Chromium and poppler-utils")
def test_every_printed_page_carries_the_mark(demo, tmp_path):
    from toolkit.report._pdf import html_to_pdf

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(html_to_pdf(report_html(*demo, "zh", today=TODAY)))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 10
    assert [p.strip().splitlines()[0].strip() for p in pages] == [label("ill_mark", "zh")] * len(pages)
    assert label("ill_title", "zh") in pages[0]


def _book(engagement, card, sens, lang):
    buf = io.BytesIO()
    report_xlsx(engagement, card, sens, lang, today=TODAY).save(buf)
    buf.seek(0)
    return load_workbook(buf)


@pytest.mark.parametrize("lang", LANGS)
def test_the_workbook_opens_on_a_sheet_that_says_it(demo, lang):
    book = _book(*demo, lang)
    first = book.worksheets[0]
    assert first.title == label("ill_sheet", lang) and book.active.title == first.title
    assert [ws.sheet_view.tabSelected for ws in book.worksheets].count(True) == 1
    assert [r[0] for r in first.iter_rows(values_only=True)] == _words(demo, lang)
    assert book.sheetnames[1] == label("rpt_sh_ranking", lang)


def test_a_workbook_not_illustrative_opens_on_the_ranking(plain):
    book = _book(*plain, "en")
    assert book.sheetnames[0] == book.active.title == label("rpt_sh_ranking", "en")
    assert label("ill_sheet", "en") not in book.sheetnames


def _slides(engagement, card, sens, lang):
    return list(Presentation(io.BytesIO(deck_pptx(engagement, card, sens, lang, today=TODAY))).slides)


def _texts(slide) -> list[str]:
    return [p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs if p.text]


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_s_title_slide_says_it_and_every_slide_is_marked(demo, lang):
    slides = _slides(*demo, lang)
    words = _words(demo, lang)
    banner = next(s for s in slides[0].shapes if s.has_text_frame and s.text_frame.text.startswith(words[0]))
    assert [p.text for p in banner.text_frame.paragraphs] == words
    texts = [s for s in slides[0].shapes if s.has_text_frame and s.text_frame.text]
    others = [s.top for s in texts if s.shape_id != banner.shape_id]
    assert banner.top < min(others)  # above the kicker, the client and the title
    notes = slides[0].notes_slide.notes_text_frame.text.splitlines()
    assert notes[: len(words)] == words
    for slide in slides:
        assert _texts(slide).count(label("ill_mark", lang)) == 1


def test_a_deck_not_illustrative_has_no_mark(plain):
    slides = _slides(*plain, "en")
    shown = [t for s in slides for t in _texts(s)]
    assert label("ill_mark", "en") not in shown and label("ill_title", "en") not in shown
