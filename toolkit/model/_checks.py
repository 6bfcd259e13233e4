"""Turn a parsed file into a model, or into one `Problem` per pydantic error.

Pydantic's messages are rewritten into the toolkit's voice: what is wrong, what is expected,
and what was found, pointing at the line a person wrote.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Collection, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..files._problems import Problem
from ..files._yaml import Loaded, plain

M = TypeVar("M", bound=BaseModel)
#: where in a file: keys and list indices, as pydantic reports them
Loc = tuple[int | str, ...]


def _unwrap(annotation: Any) -> Any:
    """The type under `Annotated[...]`, or the first model of a union (`Text | None` and the like)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        return models[0] if models else None
    return annotation


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str] | None:
    """The keys a mapping at `loc` accepts, walking the model's annotations."""
    current: Any = model
    for part in loc[:-1]:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (dict, list):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


def _message(model: type[BaseModel], err: ErrorDetails) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, tuple(err["loc"]))
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown key{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of key: value (got {_short(got)})"
    if kind == "list_type":
        return f"must be a list (got {_short(got)})"
    msg = err["msg"]
    if kind == "value_error" and msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    if "(got " in msg:  # our own messages already say what was found
        return msg
    msg = msg[0].lower() + msg[1:]
    msg = msg.replace("input should be", "must be")
    return f"{msg} (got {_short(got)})"


def _short(value: Any) -> str:
    text = repr(plain(value))
    return text if len(text) <= 60 else text[:57] + "..."


def _validate(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Problem], list[Loc]]:
    """(model or None, problems, locations of the schema errors)."""
    if not loaded.ok:
        return None, list(loaded.problems), []
    data = plain(loaded.data)
    try:
        return model.model_validate({} if data is None else data), list(loaded.problems), []
    except ValidationError as e:
        errs = e.errors(include_url=False)
        problems = list(loaded.problems)
        problems += [loaded.problem(tuple(err["loc"]), _message(model, err)) for err in errs]
        return None, problems, [tuple(err["loc"]) for err in errs]


def check_model(loaded: Loaded, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed file against `model`; every error becomes a located problem."""
    instance, problems, _ = _validate(loaded, model)
    return instance, problems


def duplicate_ids(
    values: Iterable[str | None],
    key: str,
    *,
    field: str | None = "id",
    noun: str = "id",
    taken: Collection[str] = (),
    taken_by: str = "",
) -> list[tuple[Loc, str]]:
    """(path, message) for each item of the list `key` whose `field` repeats an earlier one's, or
    one in `taken` (ids that live in `taken_by`, such as the task library): the one duplicate check."""
    first: dict[str, int] = {}
    out: list[tuple[Loc, str]] = []
    for i, value in enumerate(values):
        if value is None:
            continue
        path: Loc = (key, i) if field is None else (key, i, field)
        if value in first:
            out.append((path, f"duplicate {noun} {value!r} (first at {key}[{first[value]}])"))
        elif value in taken:
            out.append((path, f"duplicate {noun} {value!r} (already in {taken_by})"))
        else:
            first[value] = i
    return out


def source_refs(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every `source:` value in a profile (outside `sources`), with its path."""
    found = []
    if isinstance(data, dict):
        for k, v in data.items():
            if path == () and k == "sources":
                continue
            if k == "source":
                found.append((path + (k,), v))
            else:
                found += source_refs(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            found += source_refs(v, path + (i,))
    return found


def partial_model(model: type[M], data: Any, bad_locs: list[Loc]) -> M:
    """The model built from the fields that did validate, for cross-file checks after errors.

    Fields with errors become None; a list of items keeps its good items and puts None in
    place of a bad one, so positions still match the file. Never used for anything but checks.
    """
    from pydantic import TypeAdapter

    bad_top = {loc[0] for loc in bad_locs if loc}
    values: dict[str, Any] = {}
    data = data if isinstance(data, dict) else {}
    for name, field in model.model_fields.items():
        if name not in data:
            values[name] = None if field.is_required() else field.get_default(call_default_factory=True)
            continue
        annotation: Any = field.annotation
        if field.metadata:
            annotation = typing.Annotated[(annotation, *field.metadata)]
        raw = data[name]
        if name not in bad_top:
            values[name] = TypeAdapter(annotation).validate_python(raw)
        elif typing.get_origin(field.annotation) is list and isinstance(raw, list):
            item_adapter = TypeAdapter(typing.get_args(field.annotation)[0])
            items = []
            for item in raw:
                try:
                    items.append(item_adapter.validate_python(item))
                except ValidationError:
                    items.append(None)
            values[name] = items
        else:
            values[name] = None
    return model.model_construct(**values)


def check_model_partial(loaded: Loaded, model: type[M]) -> tuple[M | None, M | None, list[Problem]]:
    """(model, partial model for cross-checks, problems); the partial one exists whenever the
    file parsed, even with schema errors."""
    instance, problems, locs = _validate(loaded, model)
    if instance is not None or not loaded.ok:
        return instance, instance, problems
    return None, partial_model(model, plain(loaded.data) or {}, locs), problems
