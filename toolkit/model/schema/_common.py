"""Value types shared by every file kind, each with a message a consultant can act on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypeGuard

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .._vocabulary import EFFORT_BASES, EVIDENCE_GRADES, PROFILE_GRADES, SOURCE_KINDS

UNKNOWN = "unknown"
NOT_PUBLIC = "not public"
GRADES = ("must", "could", "wont")
SUPPORT_LEVELS = ("native", "partner", "api", "none")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_ID = re.compile(ID_PATTERN)


class Model(BaseModel):
    """Frozen, and a key nobody expects is an error with a location (a typo, usually)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _fail(kind: str, message: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message + " (got {got})", {"got": repr(value)})


def _is_number(v: Any) -> TypeGuard[int | float]:
    return isinstance(v, int | float) and not isinstance(v, bool)


# --- text ----------------------------------------------------------------------------------


class LocalizedText(Model):
    en: str | None = None
    zh: str | None = None

    def get(self, lang: str) -> str:
        return (self.zh if lang == "zh" else self.en) or self.en or self.zh or ""


def _text(v: Any) -> str | LocalizedText:
    if isinstance(v, str) and v.strip():
        return v
    if isinstance(v, LocalizedText):
        return v
    if isinstance(v, dict) and v and set(v) <= {"en", "zh"}:
        if all(isinstance(x, str) and x.strip() for x in v.values()):
            return LocalizedText(**v)
    raise _fail("text", "must be a non-empty text or a mapping {en: ..., zh: ...}", v)


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"en": {"type": "string"}, "zh": {"type": "string"}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}


def _text_out(v: str | LocalizedText) -> str | dict[str, Any]:
    return v.model_dump(exclude_none=True) if isinstance(v, LocalizedText) else v


Text = Annotated[str | LocalizedText, PlainValidator(_text), PlainSerializer(_text_out), WithJsonSchema(_TEXT_SCHEMA)]


def text_of(value: str | LocalizedText | None, lang: str = "en") -> str:
    """The text to show in `lang` (a plain string is shown as written)."""
    if value is None:
        return ""
    if isinstance(value, LocalizedText):
        return value.get(lang)
    return value


# --- ids, scales ----------------------------------------------------------------------------


def _identifier(v: Any) -> str:
    if isinstance(v, str) and _ID.match(v):
        return v
    raise _fail("id", "must be a snake_case id (lowercase letters, digits, _)", v)


Identifier = Annotated[str, PlainValidator(_identifier), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]


def _grade(v: Any) -> str:
    if isinstance(v, str) and v in GRADES:
        return v
    raise _fail("grade", "must be must, could or wont", v)


Grade = Annotated[str, PlainValidator(_grade), WithJsonSchema({"enum": list(GRADES)})]


def _rating(v: Any) -> int | str:
    if (isinstance(v, str) and v == UNKNOWN) or (isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3):
        return v
    raise _fail("rating", "must be 0, 1, 2, 3 or unknown", v)


Rating = Annotated[
    int | str,
    PlainValidator(_rating),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0, "maximum": 3}, {"const": UNKNOWN}]}),
]


def _evidence_rating(v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3:
        return v
    raise _fail("rating", "must be 0, 1, 2 or 3", v)


EvidenceRating = Annotated[
    int, PlainValidator(_evidence_rating), WithJsonSchema({"type": "integer", "minimum": 0, "maximum": 3})
]


def _score(v: Any) -> int | float | str:
    if (isinstance(v, str) and v == UNKNOWN) or (_is_number(v) and 0 <= v <= 5):
        return v
    raise _fail("score", "must be a number from 0 to 5, or unknown", v)


Score = Annotated[
    float | str,
    PlainValidator(_score),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 5}, {"const": UNKNOWN}]}),
]


def _support(v: Any) -> str:
    if isinstance(v, str) and (v in SUPPORT_LEVELS or v == UNKNOWN):
        return v
    raise _fail("support", "must be native, partner, api, none or unknown", v)


Support = Annotated[str, PlainValidator(_support), WithJsonSchema({"enum": [*SUPPORT_LEVELS, UNKNOWN]})]


def _evidence_support(v: Any) -> str:
    if isinstance(v, str) and v in SUPPORT_LEVELS:
        return v
    raise _fail("support", "must be native, partner, api or none", v)


EvidenceSupport = Annotated[str, PlainValidator(_evidence_support), WithJsonSchema({"enum": list(SUPPORT_LEVELS)})]


def _tristate(v: Any) -> bool | str:
    if isinstance(v, bool) or (isinstance(v, str) and v == UNKNOWN):
        return v
    raise _fail("tristate", "must be true, false or unknown", v)


Tristate = Annotated[
    bool | str,
    PlainValidator(_tristate),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"const": UNKNOWN}]}),
]


def _amount(v: Any) -> float:
    if _is_number(v) and v >= 0:
        return v
    raise _fail("amount", "must be a number >= 0", v)


Amount = Annotated[float, PlainValidator(_amount), WithJsonSchema({"type": "number", "minimum": 0})]


def _price(v: Any) -> float | str:
    if (isinstance(v, str) and v == NOT_PUBLIC) or (_is_number(v) and v >= 0):
        return v
    raise _fail("price", "must be a number >= 0 or 'not public'", v)


Price = Annotated[
    float | str,
    PlainValidator(_price),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"const": NOT_PUBLIC}]}),
]


def _estimate(v: Any) -> float | str:
    if (isinstance(v, str) and v == UNKNOWN) or (_is_number(v) and v >= 0):
        return v
    raise _fail("estimate", "must be a number >= 0 or unknown", v)


Estimate = Annotated[
    float | str,
    PlainValidator(_estimate),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"const": UNKNOWN}]}),
]


def _currency(v: Any) -> str:
    if isinstance(v, str) and re.fullmatch(r"[A-Z]{3}", v):
        return v
    raise _fail("currency", "must be a three-letter ISO 4217 code such as CNY or USD", v)


Currency = Annotated[str, PlainValidator(_currency), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"})]


def _date(v: Any) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            pass
    raise _fail("date", "must be a date written YYYY-MM-DD", v)


Date = Annotated[
    dt.date,
    PlainValidator(_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _address(v: Any) -> str:
    if isinstance(v, str) and re.match(r"^(https?://\S+|seed:\S+)$", v):
        return v
    raise _fail("url", "must be an address: https://... or seed:FILE", v)


Address = Annotated[
    str,
    PlainValidator(_address),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://\S+|seed:\S+)$"}),
]

NonNegInt = Annotated[int, Field(ge=0, strict=True)]
PositiveInt = Annotated[int, Field(ge=1, strict=True)]


# --- sources: two dates, a kind ---------------------------------------------------------------

_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PUBLISHED_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|unknown)$"


def _published(v: Any) -> str:
    """A publication date as precise as the page says: `2025-03-14`, `2025-03`, `2005` or
    `unknown`, kept as that text (YAML reads `2005` as a number and `2025-03-14` as a date)."""
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, int) and not isinstance(v, bool):
        v = str(v)
    if isinstance(v, str):
        if v == UNKNOWN:
            return v
        m = _PUBLISHED.match(v)
        if m and published_start(v) is not None:
            return v
    raise _fail(
        "published",
        "must be a date as precise as the page gives it: YYYY-MM-DD, YYYY-MM, YYYY, or unknown",
        v,
    )


def published_start(value: str) -> dt.date | None:
    """The earliest day a `published` value can mean (`2025-03` -> 2025-03-01, `2005` ->
    2005-01-01); None for `unknown` or text that is no date. Comparing by the earliest day
    never makes a fact look newer than its page says."""
    m = _PUBLISHED.match(value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


Published = Annotated[
    str,
    PlainValidator(_published),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PUBLISHED_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]


def _source_kind(v: Any) -> str:
    if isinstance(v, str) and v in SOURCE_KINDS:
        return v
    raise _fail("kind", "must be one of " + ", ".join(SOURCE_KINDS), v)


SourceKind = Annotated[str, PlainValidator(_source_kind), WithJsonSchema({"enum": list(SOURCE_KINDS)})]


def _profile_grade(v: Any) -> str:
    if isinstance(v, str) and v in PROFILE_GRADES:
        return v
    if v == "confirmed":
        raise _fail(
            "grade",
            "confirmed is the engagement's own check: write it in evaluations.yaml with its evidence; "
            "a profile says marketing, documentation or independent",
            v,
        )
    raise _fail("grade", "must be marketing, documentation or independent", v)


#: the evidence grade of a profile's rating, support level or viability item (docs/profiles.md)
EvidenceGrade = Annotated[str, PlainValidator(_profile_grade), WithJsonSchema({"enum": list(PROFILE_GRADES)})]


def _minimum_grade(v: Any) -> str:
    if isinstance(v, str) and v in EVIDENCE_GRADES:
        return v
    raise _fail("grade", "must be one of " + ", ".join(EVIDENCE_GRADES), v)


#: the least evidence grade an engagement accepts behind a must-have (engagement.yaml `must_min_grade`)
MinimumGrade = Annotated[str, PlainValidator(_minimum_grade), WithJsonSchema({"enum": list(EVIDENCE_GRADES)})]


def _effort_basis(v: Any) -> str:
    if isinstance(v, str) and v in EFFORT_BASES:
        return v
    raise _fail("effort_basis", "must be " + " or ".join(EFFORT_BASES), v)


EffortBasis = Annotated[str, PlainValidator(_effort_basis), WithJsonSchema({"enum": list(EFFORT_BASES)})]


class Source(Model):
    """Where a fact comes from: an address, when the page was published (as far as it says) and
    when it was read, and what kind of page it is."""

    url: Address
    published: Published
    read: Date
    kind: SourceKind
    title: Text | None = None
    publisher: str | None = None
    note: Text | None = None

    @property
    def published_on(self) -> dt.date | None:
        """The earliest day `published` can mean; None when it is unknown."""
        return published_start(self.published)


class Sourced(Model):
    """A fact that names its source: `source` is a key of the profile's `sources` (checked on
    load), `note` what a reader should know about it. Every sourced fact derives from this; a
    published opinion and a task template, whose source may be absent, repeat the two fields."""

    source: str
    note: Text | None = None


class Graded(Sourced):
    """A sourced fact that feeds a score, with the grade of its evidence (docs/profiles.md)."""

    grade: EvidenceGrade
