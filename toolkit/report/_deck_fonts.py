"""The board deck's fonts: every run gets a Latin and an East Asian face.

python-pptx sets only `a:latin`; without `a:ea` Chinese text is drawn in whatever face the viewer
picks, or as empty boxes. This pass sets both (and `a:cs`) on every run of every slide, table,
chart and speaker note, and on every chart text's default properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._deck_kit import EA_FONT, LATIN_FONT

if TYPE_CHECKING:
    from pptx.presentation import Presentation


def _typefaces(rpr: Any, latin: str, ea: str) -> None:
    """Set `a:latin` and `a:ea` on a run's (or a chart text's default) properties, in schema order."""
    from pptx.oxml.ns import qn

    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    latin_el = rpr.get_or_add_latin()
    latin_el.set("typeface", latin)
    ea_el = latin_el.makeelement(qn("a:ea"), {"typeface": ea})
    latin_el.addnext(ea_el)
    ea_el.addnext(latin_el.makeelement(qn("a:cs"), {"typeface": latin}))


def _frames(shapes) -> list[Any]:
    out = []
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            out += _frames(shape.shapes)
        elif getattr(shape, "has_table", False) and shape.has_table:
            out += [cell.text_frame for row in shape.table.rows for cell in row.cells]
        elif shape.has_text_frame:
            out.append(shape.text_frame)
    return out


def apply_fonts(prs: Presentation, lang: str) -> None:
    """Every run of every slide, table, chart and speaker note gets the Latin and the East Asian face."""
    from pptx.oxml.ns import qn

    latin = LATIN_FONT.get(lang, LATIN_FONT["en"])
    for slide in prs.slides:
        frames = _frames(slide.shapes)
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)  # never None: see notes()
        for tf in frames:
            for paragraph in tf.paragraphs:
                for run in paragraph.runs:
                    _typefaces(run._r.get_or_add_rPr(), latin, EA_FONT)
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                space = shape.chart._chartSpace
                for rpr in list(space.iter(qn("a:defRPr"))) + list(space.iter(qn("a:rPr"))):
                    _typefaces(rpr, latin, EA_FONT)
