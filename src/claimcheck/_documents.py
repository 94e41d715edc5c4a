"""Reading YAML and JSON documents into plain data, with line numbers.

The loader validates plain data (dicts, lists, str, int, Decimal, bool,
None) and reports problems by *path* (``("claims", 3, "source")``).  A
:class:`Locator` turns a path into the line the user should look at.

* YAML is composed with PyYAML's safe machinery and resolved with the YAML
  1.2 core schema: only ``true``/``false`` are booleans, no tag constructs a
  Python object, duplicate keys are reported, and alias expansion is
  bounded, so a "billion laughs" file fails fast instead of exhausting
  memory.
* JSON is parsed with the standard library (fast); line numbers are worked
  out only when there is a problem to report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from itertools import compress
from typing import Any, Final

import yaml
import yaml.resolver

from claimcheck.errors import _shown_key

__all__ = [
    "CORE_SCHEMA_PATTERNS",
    "MAX_DEPTH",
    "TOO_DEEP",
    "DocumentError",
    "Located",
    "Locator",
    "is_too_deep",
    "read_json",
    "read_yaml",
    "resolve_plain",
]

Path = tuple[Any, ...]

#: How deep a document may nest.  A case file needs a handful of levels; the
#: limit leaves ample room under ``extra`` while keeping every recursive walk
#: of the data (freezing, comparing, writing) far from Python's recursion limit.
MAX_DEPTH = 100

TOO_DEEP = f"the document is nested too deeply (more than {MAX_DEPTH} levels)"


class DocumentError(Exception):
    """The text is not a readable document; carries (line, message) pairs."""

    def __init__(self, problems: list[tuple[int | None, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(m for _, m in problems))


class Located:
    """Mixin for containers that know the line of each of their items."""

    line: int
    lines: dict[Any, int]


class LocatedDict(dict[Any, Any], Located):
    """A dict that knows the line of itself and of each key."""


class LocatedList(list[Any], Located):
    """A list that knows the line of itself and of each item."""


class Locator:
    """Turns paths into line numbers for one document.

    Args:
        data: Plain data built of :class:`LocatedDict`/:class:`LocatedList`,
            or a callable that builds it on first use (JSON does so only
            when a problem needs a line).
    """

    def __init__(self, data: Any | Callable[[], Any] = None) -> None:
        self._data = data

    def line(self, path: Path) -> int | None:
        """Return the line of the deepest part of ``path`` that is known."""
        if callable(self._data):
            self._data = self._data()
        node = self._data
        found = node.line if isinstance(node, Located) else None
        for key in path:
            if not isinstance(node, Located):
                break
            found = node.lines.get(key, found)
            try:
                node = node[key]  # type: ignore[index]  # a Located is a dict or a list
            except (KeyError, IndexError, TypeError):
                break
        return found


# YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution
CORE_SCHEMA_PATTERNS: dict[str, re.Pattern[str]] = {
    "null": re.compile(r"(?:null|Null|NULL|~|)\Z"),
    "bool": re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"),
    "int": re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z"),
    "float": re.compile(
        r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
    ),
}


def resolve_plain(text: str) -> Any:
    """Return the value of a plain (unquoted) YAML scalar under the 1.2 core schema.

    Floats become exact ``Decimal`` values; ``.inf`` and ``.nan`` become the
    matching non-finite Decimals (the loader rejects them with a message).

    Raises:
        _OutOfRangeError: If a float's exponent is beyond what a Decimal holds.

    Example:
        >>> resolve_plain("no"), resolve_plain("true"), resolve_plain("0.1")
        ('no', True, Decimal('0.1'))
    """
    pats = CORE_SCHEMA_PATTERNS
    if pats["null"].match(text):
        return None
    if pats["bool"].match(text):
        return text.lower() == "true"
    if pats["int"].match(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return _integer(text)
    if pats["float"].match(text):
        lowered = text.lower()
        if lowered.endswith(".nan"):
            return Decimal("NaN")
        if lowered.endswith(".inf"):
            return Decimal("-Infinity") if text.startswith("-") else Decimal("Infinity")
        return _decimal(text)
    return text


#: The largest exponent, either way, of a number written with one (``1e300``):
#: beyond it a short text stands for more digits than any report should write.
MAX_EXPONENT: Final = 10_000


class _OutOfRangeError(ArithmeticError):
    """A number written with an exponent beyond :data:`MAX_EXPONENT` either way."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    @property
    def message(self) -> str:
        """The problem, in words."""
        return (
            f"the number {self.text} is out of range: claimcheck reads exponents "
            f"from -{MAX_EXPONENT:,} to {MAX_EXPONENT:,}"
        )


def _decimal(text: str) -> Decimal:
    """Read a well-formed number with a fraction or an exponent as an exact Decimal.

    Raises:
        _OutOfRangeError: If its exponent is beyond :data:`MAX_EXPONENT`
            either way (or beyond what a Decimal holds at all).
    """
    try:
        value = Decimal(text)
    except InvalidOperation:  # what a well-formed number raises when no Decimal holds it
        raise _OutOfRangeError(text) from None
    # A number written out in full is as long as its text, and a Decimal holds
    # it: only a written exponent can go out of range.  (NaN is what it gives
    # where the caller's decimal context does not trap InvalidOperation.)
    if ("e" in text or "E" in text) and (
        value.is_nan() or abs(int(value.as_tuple().exponent)) > MAX_EXPONENT
    ):
        raise _OutOfRangeError(text)
    return value


def _integer(text: str) -> int | Decimal:
    """Read decimal digits as an int, or as a Decimal beyond Python's int-conversion limit."""
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return Decimal(text)


def too_deep_at(data: Any, limit: int = MAX_DEPTH) -> Path | None:
    """The path to the first list or mapping nested deeper than ``limit``, if there is one.

    Slower than :func:`is_too_deep`, for a message that names the place.

    Example:
        >>> too_deep_at({"a": 1, "b": [[2]]}, limit=2), too_deep_at([[]], limit=2)
        (('b', 0), None)
    """
    stack: list[tuple[Any, Path]] = [(data, ())] if _is_container(data) else []
    while stack:
        node, path = stack.pop()
        if len(path) >= limit:
            return path
        items = list(node.items() if isinstance(node, Mapping) else enumerate(node))
        stack.extend(
            (value, (*path, key)) for key, value in reversed(items) if _is_container(value)
        )
    return None


def too_deep_line(
    data: Any, locator: Locator, within: Path = (), limit: int = MAX_DEPTH
) -> int | None:
    """The line where ``data``, which stands at ``within``, first nests deeper than ``limit``."""
    at = too_deep_at(data, limit)
    try:
        return None if at is None else locator.line((*within, *at))
    except RecursionError:  # the JSON locator reads the text recursively
        return None


def is_too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Return whether lists and mappings in ``data`` nest deeper than ``limit``.

    Example:
        >>> is_too_deep([[[]]], limit=2), is_too_deep({"a": [1]}, limit=2)
        (True, False)
    """
    # One level at a time: ``level`` holds the containers at ``depth``.
    level = [data] if _is_container(data) else []
    depth = 0
    while level:
        if depth >= limit:
            return True
        items: list[Any] = []
        for node in level:
            is_mapping = type(node) is dict or isinstance(node, Mapping)
            items.extend(node.values() if is_mapping else node)
        # A case file is mostly scalars: a million claims hold millions of
        # items.  Each item's type is looked up at C speed (``map`` and
        # ``compress`` run no Python code per item); only an item of an
        # unusual type is tested in Python.
        kinds = list(map(_CONTAINER_TYPES.get, map(type, items)))
        level = list(compress(items, kinds))
        if None in kinds:
            level += [
                x for x, kind in zip(items, kinds, strict=True) if kind is None and _is_container(x)
            ]
        depth += 1
    return False


def _is_container(node: Any) -> bool:
    return not isinstance(node, _SCALARS) and isinstance(node, Mapping | list | tuple)


# What a document's leaves are; tested first, as concrete types are quick to test.
_SCALARS = (str, int, float, Decimal, type(None))

# Whether an item of exactly this type is a container (``bool`` is an
# ``int``); an item of any other type is tested by ``_is_container``.
_CONTAINER_TYPES: dict[type, bool] = {
    **dict.fromkeys((*_SCALARS, bool), False),
    **dict.fromkeys((dict, list, tuple, LocatedDict, LocatedList), True),
}


# A surrogate can only enter through an escape (``\ud800`` in JSON, or
# ``\ud800``/``\U0000d800`` in a double-quoted YAML string).
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")


def lone_surrogates(text: str, data: Any) -> list[tuple[Path, str]]:
    r"""Report strings that hold a lone surrogate, which is not a character.

    Only walks ``data`` when the text holds a surrogate escape at all, so
    ordinary files pay one regular-expression scan.

    Example:
        >>> lone_surrogates(r'["\ud800"]', [chr(0xD800)])
        [((0,), 'text holds a lone surrogate (U+D800), which is not a character')]
    """
    if not _SURROGATE_ESCAPE.search(text):
        return []
    problems: list[tuple[Path, str]] = []
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            bad = next((ch for ch in node if "\ud800" <= ch <= "\udfff"), None)
            if bad is not None:
                problems.append(
                    (
                        path,
                        f"text holds a lone surrogate (U+{ord(bad):04X}), which is not a character",
                    )
                )
        elif isinstance(node, Mapping):
            for key, value in node.items():
                stack.append(((*path, key), key))
                stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), item) for i, item in enumerate(node))
    return problems


_PLAIN = "tag:claimcheck,2024:plain"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_EXPLICIT = {
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}


class _Resolver(yaml.resolver.BaseResolver):
    """Tags every plain scalar as 'plain'; we resolve it with the 1.2 core schema."""

    yaml_implicit_resolvers: dict[Any, list[Any]] = {}  # noqa: RUF012 -- PyYAML's own class attribute


_Resolver.add_implicit_resolver(_PLAIN, re.compile(r".*", re.S), None)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Resolver,
):
    """Composes nodes only; nothing is ever constructed from a tag."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


def read_yaml(text: str) -> tuple[Any, Locator, list[tuple[Path, str]]]:
    """Read YAML text into located plain data.

    Returns:
        The data, its locator, and problems found while building it
        (duplicate keys, disallowed tags, non-finite numbers are left to
        the caller), each as ``(path, message)``.

    Raises:
        DocumentError: If the text is not a single well-formed YAML document
            or its aliases expand beyond reason.
    """
    try:
        # PyYAML checks the characters as soon as it reads, in the constructor.
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        at = text.count("\n", 0, exc.position) + 1
        raise DocumentError(
            [(at, f"not valid YAML: character U+{exc.character:04X} is not allowed in YAML")]
        ) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "not valid YAML"
        raise DocumentError([(line, f"not valid YAML: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise DocumentError([(None, f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise DocumentError([(None, TOO_DEEP)]) from None
    finally:
        loader.dispose()
    if node is None:
        return None, Locator(), []
    builder = _Builder(budget=2 * len(text) + 10_000)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise DocumentError([(None, TOO_DEEP)]) from None
    return data, Locator(data), builder.problems + lone_surrogates(text, data)


class _Builder:
    """Turns composed YAML nodes into located plain data."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.problems: list[tuple[Path, str]] = []

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise DocumentError(
                [(node.start_mark.line + 1, "aliases expand to far more data than the file holds")]
            )
        line = node.start_mark.line + 1
        if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
            raise DocumentError([(line, TOO_DEEP)])
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ, path)
            items = LocatedList()
            items.line, items.lines = line, {}
            for i, child in enumerate(node.value):
                items.lines[i] = child.start_mark.line + 1
                items.append(self.build(child, path + (i,)))
            return items
        assert isinstance(node, yaml.MappingNode)
        self._check_tag(node, _MAP, path)
        mapping = LocatedDict()
        mapping.line, mapping.lines = line, {}
        # The node of each key read, which says how the file wrote it: true
        # and 1 are one key, and so are 100 and 1e2.
        key_nodes: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path)
            key_line = key_node.start_mark.line + 1
            if isinstance(key, dict | list):
                marker = ("<collection key>", key_line)
                mapping.lines[marker] = key_line
                self.problems.append(
                    (path + (marker,), "a key must be a plain value, not a list or mapping")
                )
                continue
            first = key_nodes.get(key)
            if first is not None:
                repeat = (key, "<duplicate>", key_line)  # one per repeat, each at its line
                texts = (_key_text(key, first), _key_text(key, key_node))
                self.problems.append((path + (repeat,), _repeated(*texts, mapping.lines[key])))
                mapping.lines[repeat] = key_line
                continue
            key_nodes[key] = key_node
            mapping.lines[key] = key_line
            mapping[key] = self.build(value_node, path + (key,))
        return mapping

    def _check_tag(self, node: yaml.Node, expected: str, path: Path) -> None:
        if node.tag not in (expected, _PLAIN):
            self.problems.append((path, f"tag {node.tag!r} is not allowed in a case file"))

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        try:
            return self._resolved(node, path)
        except _OutOfRangeError as exc:
            self.problems.append((path, exc.message))
            return node.value

    def _resolved(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag, text = node.tag, node.value
        if tag == _PLAIN:
            return resolve_plain(text)
        if tag == _STR:
            return text
        wanted = _EXPLICIT.get(tag)
        if wanted is not None:
            value = resolve_plain(text)
            got = {bool: "bool", int: "int", Decimal: "float", type(None): "null"}.get(type(value))
            if got == wanted or (wanted == "float" and got == "int"):
                return Decimal(value) if wanted == "float" else value
        self.problems.append((path, f"tag {tag!r} is not allowed here (value {text!r})"))
        return text


def _repeated(first: str, second: str, first_line: int) -> str:
    """Say that a key written ``second`` repeats one written ``first`` on ``first_line``.

    Both are as the file writes them (text quoted, as :func:`_shown_key`
    shows it).  YAML keys written differently may still be one key
    (``1``, ``1.0`` and ``true``; ``100`` and ``1e2``; ``null`` and ``~``):
    a mapping cannot hold two of them, so that is said as it is, with how
    to keep both.

    Example:
        >>> _repeated("'a'", "'a'", 1)
        "key 'a' is given twice in one object (first on line 1)"
        >>> print(_repeated("1", "true", 1))
        keys 1 (line 1) and true are one key to claimcheck, which reads them as the same value: put them in quotes ('1', 'true') to keep both, as text
    """
    if first == second:
        return f"key {first} is given twice in one object (first on line {first_line})"
    return (
        f"keys {first} (line {first_line}) and {second} are one key to claimcheck, which reads "
        f"them as the same value: put them in quotes ('{_unquoted(first)}', "
        f"'{_unquoted(second)}') to keep both, as text"
    )


def _key_text(key: Any, node: yaml.Node) -> str:
    """How the file wrote a key equal to ``key`` at ``node``: text quoted, anything else as written.

    Text equals only text, so ``key`` tells for every key equal to it.
    """
    return _shown_key(key) if isinstance(key, str) else str(node.value)


def _unquoted(shown: str) -> str:
    return shown[1:-1] if shown.startswith("'") else shown


def _reject_constant(name: str) -> Decimal:
    # NaN and +-Infinity become non-finite Decimals, which the loader refuses
    # with a message naming the object (json.loads would make floats).
    return Decimal(name)


def read_json(
    text: str, *, check_depth: bool = True
) -> tuple[Any, Locator, list[tuple[Path, str]]]:
    """Read JSON text into plain data, numbers with fractions as Decimals.

    Args:
        text: The JSON text.
        check_depth: Whether to refuse data nested deeper than
            :data:`MAX_DEPTH`.  A caller that checks the depth itself before
            walking the data recursively passes False (the loader does, as
            it visits every claim anyway).

    Returns:
        The data, a locator that finds lines on demand, and the problems of
        repeated keys and of numbers out of range (found, with their places,
        only when there are some; a number out of range is left as its text).

    Raises:
        DocumentError: If the text is not well-formed JSON.
    """
    duplicated = out_of_range = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        result = dict(items)
        if len(result) != len(items):
            duplicated = True
        return result

    try:
        try:
            # Integers are read by the decoder itself (quick) unless one is too
            # long for int(), which raises ValueError; then read again by _integer.
            data = json.loads(
                text,
                object_pairs_hook=pairs,
                parse_float=_decimal,
                parse_constant=_reject_constant,
            )
        except json.JSONDecodeError:
            raise
        except ValueError:
            duplicated = False
            data = json.loads(
                text,
                object_pairs_hook=pairs,
                parse_float=_decimal,
                parse_int=_integer,
                parse_constant=_reject_constant,
            )
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")]
        ) from None
    except _OutOfRangeError:
        out_of_range = True  # the scanner finds each such number, at its place
    except RecursionError:
        raise DocumentError([(None, TOO_DEEP)]) from None
    scanner = _JsonScanner(text)
    if out_of_range:
        try:
            data = scanner.located()
        except RecursionError:
            raise DocumentError([(None, TOO_DEEP)]) from None
        if check_depth and is_too_deep(data):
            raise DocumentError([(too_deep_line(data, Locator(data)), TOO_DEEP)])
        problems = scanner.problems + lone_surrogates(text, data)
        # Lines from a reading of their own: the loader frees claims' data as it goes.
        return data, Locator(scanner.located), problems
    # Finding the lines of repeated keys walks the text recursively.
    if (check_depth or duplicated) and is_too_deep(data):
        raise DocumentError([(too_deep_line(data, Locator(scanner.located)), TOO_DEEP)])
    problems = lone_surrogates(text, data)
    if duplicated:
        located = scanner.located()
        return data, Locator(located), scanner.problems + problems
    return data, Locator(scanner.located), problems


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]  # public in the module, missing from typeshed


class _JsonScanner:
    """A slow JSON reader that records lines, repeated keys and numbers out of range.

    For errors only: a file without such problems is read by ``json.loads``.
    """

    _WS = re.compile(r"[ \t\n\r]*")
    _NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[tuple[Path, str]] = []

    def located(self) -> Any:
        import bisect

        text = self.text
        # Found here, not in __init__: a file without problems never pays for it.
        newlines = [m.start() for m in re.finditer("\n", text)]
        decoder = json.JSONDecoder(
            parse_float=_decimal, parse_int=_integer, parse_constant=_reject_constant
        )

        def line_at(pos: int) -> int:
            return bisect.bisect_left(newlines, pos) + 1

        def skip(pos: int) -> int:
            match = self._WS.match(text, pos)
            assert match is not None
            return match.end()

        def value(pos: int, path: Path) -> tuple[Any, int]:
            pos = skip(pos)
            char = text[pos]
            if char == "{":
                obj = LocatedDict()
                obj.line, obj.lines = line_at(pos), {}
                pos = skip(pos + 1)
                if text[pos] == "}":
                    return obj, pos + 1
                while True:
                    pos = skip(pos)
                    key_line = line_at(pos)
                    key, pos = _scanstring(text, pos + 1)
                    pos = skip(pos)
                    assert text[pos] == ":"
                    item, pos = value(pos + 1, path + (key,))
                    if key in obj:
                        marker = (key, "<duplicate>", key_line)
                        self.problems.append(
                            (
                                path + (marker,),
                                _repeated(_shown_key(key), _shown_key(key), obj.lines[key]),
                            )
                        )
                        obj.lines[marker] = key_line
                    else:
                        obj.lines[key] = key_line
                        obj[key] = item
                    pos = skip(pos)
                    if text[pos] == "}":
                        return obj, pos + 1
                    pos += 1  # the comma
            if char == "[":
                arr = LocatedList()
                arr.line, arr.lines = line_at(pos), {}
                pos = skip(pos + 1)
                if text[pos] == "]":
                    return arr, pos + 1
                while True:
                    pos = skip(pos)
                    arr.lines[len(arr)] = line_at(pos)
                    item, pos = value(pos, path + (len(arr),))
                    arr.append(item)
                    pos = skip(pos)
                    if text[pos] == "]":
                        return arr, pos + 1
                    pos += 1
            try:
                return decoder.raw_decode(text, pos)
            except _OutOfRangeError as exc:  # a problem here; its text stands for it
                self.problems.append((path, exc.message))
                number = self._NUMBER.match(text, pos)
                assert number is not None
                return exc.text, number.end()

        return value(0, ())[0]
