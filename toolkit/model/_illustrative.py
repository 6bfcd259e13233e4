"""An illustrative engagement (engagement.yaml `illustrative`): its client, its people and the
quotes are fictional, and every output says so first (docs/method.md, "An illustrative
engagement").

The words are the catalog's (`ill_*`), then the engagement's own note of what is fictional. The
value comes validated (`EngagementSettings.illustrative`: true, or a note) or as read from the
file by the pages that answer without validating it (the landing page, the live workshop's), so
nothing here needs pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..files._i18n import label


def illustrative_note(value: object, lang: str = "en") -> str:
    """The engagement's own note of what is fictional, in `lang` ("" for `true` or nothing)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):
        texts: dict[str, object] = dict(value)
    else:  # a LocalizedText
        texts = {k: getattr(value, k, None) for k in ("en", "zh")}
    for key in (lang, "en", "zh"):
        text = texts.get(key)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return ""


def illustrative_words(value: object, lang: str = "en") -> list[str]:
    """[title, what is fictional, the engagement's note]; [] when the engagement is not
    illustrative (no `illustrative`, or `false`)."""
    if not value:
        return []
    note = illustrative_note(value, lang)
    return [label("ill_title", lang), label("ill_what", lang), *([note] if note else [])]


def illustrative_line(value: object, lang: str = "en") -> str:
    """The words as one line, the title in capitals (a command's first line); "" when not
    illustrative."""
    words = illustrative_words(value, lang)
    if not words:
        return ""
    return label("ill_line", lang, title=words[0].upper(), words=" ".join(words[1:]))
