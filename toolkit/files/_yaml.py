"""The one module that reads and writes YAML.

Reading keeps the line of every key and item (so a problem points at the line a person wrote),
refuses every tag (no `!!python/object` can ever construct anything), and reports bad syntax
and duplicate keys as `Problem`s. Two readers give the same data, positions and problems:
`read_yaml` (libyaml, for files that are only checked) and `load_yaml` (ruamel's round-trip
reader, for files the toolkit rewrites); `read_data` reads the toolkit's own data fast.
Writing goes through ruamel.yaml's round-trip dumper, so a file
the toolkit rewrites keeps its comments, key order and Chinese text, and every save is atomic.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml import resolver as ruamel_resolver
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ._problems import Problem

_TYPE_TAG = re.compile(r"^([A-Z]\w*|str|int|float|bool|date|none|list|dict)$|[\[\]\-\s]")


class _LenientConstructor(RoundTripConstructor):
    """Reads timestamps as text, for a second pass when a date like 2026-02-30 cannot be built;
    the schema then reports it with its line instead of the parser failing without one."""


_LenientConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml(*, lenient: bool = False) -> YAML:
    y = YAML(typ="rt")
    if lenient:
        y.Constructor = _LenientConstructor
    y.width = 4096
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    return y


class Locator:
    """Finds the line and column a person wrote for a path of keys and indices."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def position(self, path: tuple[Any, ...]) -> tuple[int, int]:
        """1-based (line, column) of the deepest part of `path` present in the file."""
        line, col = 1, 1
        node = self.root
        for part in path:
            if isinstance(node, CommentedMap) and part in node:
                pos = node.lc.key(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                pos = node.lc.item(part)
                node = node[part]
            else:
                continue
            if pos is not None:
                line, col = pos[0] + 1, pos[1] + 1
        return line, col

    def field(self, path: tuple[Any, ...]) -> str:
        """The dotted field name of a validation location, without pydantic's type tags."""
        parts: list[str] = []
        node = self.root
        for part in path:
            present = (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            )
            if present:
                node = node[part]
            elif isinstance(part, str) and _TYPE_TAG.search(part):
                continue
            else:
                node = None
            parts.append(f"[{part}]" if isinstance(part, int) else str(part))
        return ".".join(parts).replace(".[", "[")


@dataclass
class Loaded:
    """A parsed YAML file: plain data (dicts, lists, scalars), positions, and problems."""

    path: Path
    data: Any
    locator: Locator
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def problem(self, path: tuple[Any, ...], message: str, *, severity: str = "error") -> Problem:
        line, col = self.locator.position(path)
        return Problem(str(self.path), line, col, self.locator.field(path), message, severity)


def _tags(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every explicit tag in the document: the toolkit accepts plain YAML only."""
    found = []
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", tag) if tag is not None else None
    if isinstance(node, TaggedScalar) or (isinstance(value, str) and value):
        found.append((path, str(value)))
    if isinstance(node, dict):
        for k, v in node.items():
            found += _tags(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _tags(v, path + (i,))
    return found


def parse_yaml(text: str, path: str | Path) -> Loaded:
    """Parse YAML text; syntax errors, duplicate keys and tags become problems, not exceptions."""
    path = Path(path)
    try:
        data = _yaml().load(text)
    except DuplicateKeyError as e:
        mark = e.problem_mark
        key = re.search(r'duplicate key "([^"]*)"', str(e.problem))
        name = key.group(1) if key else ""
        msg = f"duplicate key {name!r}: each key may appear once in a mapping"
        return Loaded(path, None, Locator(None), [_at_mark(path, mark, name, msg)])
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = (e.problem or e.context or "invalid YAML").strip()
        return Loaded(path, None, Locator(None), [_at_mark(path, mark, "", f"YAML syntax: {what}")])
    except YAMLError as e:
        return Loaded(path, None, Locator(None), [Problem(str(path), 1, 1, "", f"YAML: {e}")])
    except ValueError:  # a value the constructor cannot build, such as the date 2026-02-30
        data = _yaml(lenient=True).load(text)
    loaded = Loaded(path, data, Locator(data), [])
    for tag_path, tag in _tags(data):
        loaded.problems.append(loaded.problem(tag_path, f"tag {tag} is not allowed: write plain YAML values"))
    return loaded


# --- the fast reader: libyaml with positions, for files that are only read ----------------------


if TYPE_CHECKING or pyyaml.__with_libyaml__:
    from yaml import CSafeDumper as _FastDumper
    from yaml import CSafeLoader as _FastLoader
    from yaml._yaml import CParser as _CParser
else:  # pragma: no cover - PyYAML without libyaml: every read takes the strict reader
    from yaml import SafeDumper as _FastDumper
    from yaml import SafeLoader as _FastLoader

    _CParser = type("_CParser", (), {})  # a stand-in base (a base of None would fail the import)


class _Resolver12(pyyaml.resolver.BaseResolver):
    """YAML 1.2's plain scalars, as ruamel reads them (`no` and `on` stay text)."""


for _versions, _tag, _regexp, _first in ruamel_resolver.implicit_resolvers:
    if (1, 2) in _versions and _tag.rsplit(":", 1)[-1] in ("bool", "float", "int", "null", "timestamp", "merge"):
        _Resolver12.add_implicit_resolver(_tag, _regexp, _first)


class _PositionLoader(_CParser, pyyaml.constructor.SafeConstructor, _Resolver12):
    def __init__(self, text: str) -> None:
        _CParser.__init__(self, text)
        pyyaml.constructor.SafeConstructor.__init__(self)
        _Resolver12.__init__(self)

    def construct_yaml_int(self, node: Any) -> int:
        """YAML 1.2 integers: 010 is ten, octal is written 0o10."""
        text = self.construct_scalar(node).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        for prefix, base in (("0o", 8), ("0x", 16), ("0b", 2)):
            if digits.startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits)


_PositionLoader.add_constructor("tag:yaml.org,2002:int", _PositionLoader.construct_yaml_int)  # type: ignore[type-var]  # types-PyYAML: only its own loaders


class _NeedsStrictReader(Exception):
    """The fast reader met something only the strict reader words well: let it speak."""


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq")}


def _check_nodes(node: Any, loader: _PositionLoader) -> None:
    """Duplicate keys and explicit tags go to the strict reader, which reports them by line."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, pyyaml.ScalarNode):
            implicit = (True, False) if not n.style else (False, True)  # plain, or quoted and block
            if n.tag != loader.resolve(pyyaml.ScalarNode, n.value, implicit):  # type: ignore[no-untyped-call]  # types-PyYAML
                raise _NeedsStrictReader
        elif isinstance(n, pyyaml.MappingNode):
            if n.tag != "tag:yaml.org,2002:map":
                raise _NeedsStrictReader
            keys = [k.value for k, _ in n.value if isinstance(k, pyyaml.ScalarNode)]
            if len(keys) != len(set(keys)):
                raise _NeedsStrictReader
            for k, v in n.value:
                stack += [k, v]
        elif isinstance(n, pyyaml.SequenceNode):
            if n.tag != "tag:yaml.org,2002:seq":
                raise _NeedsStrictReader
            stack += n.value


class _NodeLocator(Locator):
    """Positions from libyaml's nodes; field names from the data, as the strict reader's."""

    def __init__(self, data: Any, node: Any) -> None:
        super().__init__(data)
        self.node = node

    def position(self, path: tuple[Any, ...]) -> tuple[int, int]:
        line, col = 1, 1
        node = self.node
        for part in path:
            found = None
            if isinstance(node, pyyaml.MappingNode):
                found = next(
                    ((k, v) for k, v in node.value if isinstance(k, pyyaml.ScalarNode) and _same_key(k, part)), None
                )
            elif isinstance(node, pyyaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                item = node.value[part]
                found = (item, item)
            if found is None:
                continue
            mark, node = found[0].start_mark, found[1]
            line, col = mark.line + 1, mark.column + 1
        return line, col


def _same_key(key_node: Any, part: Any) -> bool:
    return key_node.value == part or (not isinstance(part, str) and key_node.value == str(part))


def read_yaml(path: str | Path) -> Loaded:
    """Read a YAML file for checking only: like `load_yaml`, positions and problems included,
    about twenty times faster (libyaml). The data is plain; files that are rewritten keep
    `load_yaml`. Anything unusual (bad syntax, duplicate keys, tags, impossible dates) is read
    again by the strict reader, so every problem reads the same whichever reader met it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return load_yaml(path)
    if not pyyaml.__with_libyaml__:  # pragma: no cover
        return parse_yaml(text, path)
    loader = None
    try:
        loader = _PositionLoader(text)
        node = loader.get_single_node()
        if node is None:
            return Loaded(path, None, Locator(None), [])
        _check_nodes(node, loader)
        data = loader.construct_document(node)
    except (_NeedsStrictReader, pyyaml.YAMLError, ValueError, TypeError):
        return parse_yaml(text, path)
    finally:
        if loader is not None:
            loader.dispose()
    return Loaded(path, data, _NodeLocator(data, node), [])


def _at_mark(path: Path, mark: Any, field: str, message: str) -> Problem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return Problem(str(path), line, col, field, message)


def load_yaml(path: str | Path) -> Loaded:
    """Read and parse a YAML file (UTF-8); an unreadable file is one problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded(path, None, Locator(None), [Problem(str(path), 0, 0, "", "file not found")])
    except (OSError, UnicodeDecodeError) as e:
        return Loaded(path, None, Locator(None), [Problem(str(path), 0, 0, "", f"cannot read: {e}")])
    return parse_yaml(text, path)


def dump_yaml(data: Any) -> str:
    """YAML text for data; round-trip data keeps its comments and key order."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _file_mode(path: Path) -> int:
    """The existing file's permissions, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Replace `path` with `content` all at once: temporary file, flush, fsync, rename.

    A reader (or a crash) sees the old file or the new one, never half of it.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode(path))  # mkstemp makes 0600; keep the mode a plain write would give
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def save_yaml(path: str | Path, data: Any) -> None:
    """Write YAML atomically."""
    write_atomic(path, dump_yaml(data))


def read_data(path: str | Path) -> Any:
    """Plain data from a file the toolkit ships or writes itself, read fast (libyaml, safe).

    No line positions and no comments: ten times faster than the round-trip reader, for data
    read on every click (rollout.yaml) or at import (the message catalog). Raises
    `pyyaml.YAMLError` or `OSError`; callers that must report FILE:LINE fall back to `load_yaml`.
    """
    with open(path, encoding="utf-8") as f:
        return load_data(f.read())


def load_data(text: str) -> Any:
    """`read_data` of text in memory."""
    return pyyaml.load(text, Loader=_FastLoader)


class _PlainDumper(_FastDumper):
    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors for repeated values
        return True


def dump_data(data: Any, *, header: str = "") -> str:
    """YAML text for plain data in block style, keys in insertion order, Chinese kept as is."""
    body = pyyaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def plain(data: Any) -> Any:
    """Round-trip containers turned into plain dicts and lists (for models and JSON)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, TaggedScalar):
        return data.value
    if isinstance(data, bool):
        return bool(data)
    if isinstance(data, str):
        return str(data)
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    return data
