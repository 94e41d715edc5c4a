"""Writing a case back out as canonical YAML or JSON.

What is written loads back to an equal :class:`~claimcheck.model.Case`: the
values exactly as written (phrases included), ``extra`` unchanged, every
claim with its id.  Keys come in a fixed order and only what differs from
the defaults is written.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TextIO

import yaml

from claimcheck._documents import CORE_SCHEMA_PATTERNS
from claimcheck._frozen import thaw
from claimcheck.errors import _shown_key
from claimcheck.loader import FORMAT_VERSION, FORMATS
from claimcheck.model import (
    Case,
    CategoryProposition,
    Claim,
    Proposition,
    QuantityProposition,
    SequenceProposition,
    Source,
)

__all__ = ["CoreSchemaDumper", "decimal_text", "dump", "dumps", "to_mapping", "write_atomic"]


def _omit_empty(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {
        k: v
        for k, v in pairs
        if v is not None and not (isinstance(v, list | tuple | dict) and not v)
    }


def _number(x: Decimal) -> int | Decimal:
    """A whole Decimal as an int (``2``, not ``2.0``); others unchanged."""
    return int(x) if x == x.to_integral_value() else x


def _source(s: Source) -> dict[str, Any]:
    return _omit_empty(
        [
            ("id", s.id),
            ("name", s.name),
            ("kind", s.kind),
            ("part_of", s.part_of),
            ("bloc", s.bloc),
            ("url", s.url),
            ("extra", thaw(s.extra)),
        ]
    )


def _proposition(p: Proposition) -> dict[str, Any]:
    pairs: list[tuple[str, Any]] = [("id", p.id), ("kind", p.kind), ("text", p.text)]
    if isinstance(p, QuantityProposition):
        pairs += [
            ("unit", p.unit),
            ("integer", None if p.integer else False),
            ("part_of", p.part_of),
        ]
    elif isinstance(p, CategoryProposition):
        pairs.append(("values", thaw(p.values)))
    elif isinstance(p, SequenceProposition):
        pairs.append(("events", dict(p.events)))
    pairs.append(("extra", thaw(p.extra)))
    return _omit_empty(pairs)


def _claim(c: Claim) -> dict[str, Any]:
    out = _omit_empty([("id", c.id), ("source", c.source), ("proposition", c.proposition)])
    out["value"] = thaw(c.written)
    out.update(
        _omit_empty(
            [
                ("date", c.date),
                ("quote", c.quote),
                ("url", c.url),
                ("via", list(c.via)),
                ("cites", list(c.cites)),
                ("retracted", True if c.retracted else None),
                ("extra", thaw(c.extra)),
            ]
        )
    )
    return out


def to_mapping(case: Case) -> dict[str, Any]:
    """Return the case as plain data shaped like a case file.

    Example:
        >>> from claimcheck import load
        >>> to_mapping(load("fixtures/starter.yaml"))["claimcheck"]
        1
    """
    info = case.info
    lexicon: dict[str, Any] = {w: [_number(x) for x in r] for w, r in case.lexicon.words.items()}
    if case.lexicon.approx is not None:
        lexicon["approx"] = case.lexicon.approx
    return _omit_empty(
        [
            ("claimcheck", FORMAT_VERSION),
            (
                "case",
                _omit_empty(
                    [
                        ("id", info.id),
                        ("title", info.title),
                        ("date", info.date),
                        ("extra", thaw(info.extra)),
                    ]
                ),
            ),
            ("lexicon", lexicon),
            ("sources", [_source(s) for s in case.sources]),
            ("propositions", [_proposition(p) for p in case.propositions]),
            ("claims", [_claim(c) for c in case.claims]),
            ("extra", thaw(case.extra)),
        ]
    )


class CoreSchemaDumper(yaml.SafeDumper):
    """Writes YAML that reads back the same under the YAML 1.2 core schema."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 -- PyYAML's own class attribute


# Teach the emitter the 1.2 core schema, so that any string that would read
# back as a number, boolean or null (``0o17``, ``.5``, ``null``) is quoted.
for _tag, _pattern in CORE_SCHEMA_PATTERNS.items():
    CoreSchemaDumper.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", _pattern, list("-+0123456789.~nNtTfF") + [""]
    )


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", decimal_text(value))


_UNICODE_BREAKS = "\x85\u2028\u2029"


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() and "\r" not in value else None
    if any(ch in value for ch in _UNICODE_BREAKS):
        # PyYAML's reader takes these for line breaks and folds them unless escaped.
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


CoreSchemaDumper.add_representer(Decimal, _represent_decimal)
CoreSchemaDumper.add_representer(str, _represent_str)


def decimal_text(value: Decimal) -> str:
    """A Decimal as a YAML 1.2 or JSON number that reads back as the same Decimal.

    Example:
        >>> decimal_text(Decimal("2.50")), decimal_text(Decimal("11"))
        ('2.50', '11.0')
    """
    text = str(value)
    # An integral Decimal must still read back as a number with a fraction.
    return text + ".0" if CORE_SCHEMA_PATTERNS["int"].match(text) else text


def _json_default(value: Any) -> Any:
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def dumps(case: Case, *, format: str = "yaml") -> str:
    """Return the case as canonical YAML or JSON text.

    Raises:
        ValueError: If ``format`` is neither ``"yaml"`` nor ``"json"``, or
            if it is ``"json"`` and a mapping under ``extra`` has a key that
            is not text (``1``, ``true``, ``null``, ``2.5``: YAML has such
            keys, JSON does not, and writing them as text would load back
            as another case).

    Example:
        >>> from claimcheck import load, loads
        >>> case = load("fixtures/starter.yaml")
        >>> loads(dumps(case)) == case
        True
    """
    data = to_mapping(case)
    if format == "json":
        _check_json_keys(data)
    if format == "yaml":
        text: str = yaml.dump(
            data, Dumper=CoreSchemaDumper, sort_keys=False, allow_unicode=True, width=88
        )
        return text
    if format == "json":
        return _json_with_decimals(data)
    raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")


_OWNERS: Final = {"sources": "source", "propositions": "proposition", "claims": "claim"}


def _check_json_keys(data: Mapping[str, Any]) -> None:
    """Raise ValueError naming the first object whose ``extra`` has a key that is not text."""
    owners = itertools.chain(
        [("the case entry", data.get("case", {}))],
        ((kind, obj) for key, kind in _OWNERS.items() for obj in data.get(key, ())),
        [("the file's top level", data)],
    )
    for owner, obj in owners:
        extra = obj.get("extra")
        if not extra:  # nearly every object: no walk started
            continue
        for key, where in _keys(extra, "extra"):
            if not isinstance(key, str):
                named = f"{owner} {obj['id']!r}" if owner in _OWNERS.values() else owner
                shown = _shown_key(key)
                raise ValueError(
                    f"cannot write the case as JSON: {named} has the key {shown} under "
                    f"{where}, and JSON keys are text; write the case as YAML, or make the "
                    f"key text ('{shown}')"
                )


def _keys(data: Any, where: str) -> Iterator[tuple[Any, str]]:
    """Every key of every mapping in plain data, depth first, with where its mapping is.

    Example:
        >>> list(_keys({"a.b": [{1: "x"}]}, "extra"))
        [('a.b', 'extra'), (1, "extra['a.b'][0]")]
    """
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield key, where
            if isinstance(key, str):
                yield from _keys(value, f"{where}[{_shown_key(key)}]")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _keys(value, f"{where}[{i}]")


def _json_with_decimals(data: Any) -> str:
    """JSON text with every Decimal written exactly, digit for digit."""
    decimals: list[str] = []

    def mark(value: Any) -> Any:
        if isinstance(value, Decimal):
            decimals.append(decimal_text(value))
            return f"\x00{len(decimals) - 1}\x00"
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(data), ensure_ascii=False, indent=2, default=_json_default)
    return re.sub(r'"\\u0000(\d+)\\u0000"', lambda m: decimals[int(m.group(1))], text) + "\n"


def dump(case: Case, path: str | os.PathLike[str]) -> None:
    """Write the case to a ``.yaml``, ``.yml`` or ``.json`` file, whole or not at all.

    Raises:
        ValueError: If the file name has another suffix, or if it ends in
            ``.json`` and the case has a key under ``extra`` that is not
            text (see :func:`dumps`); nothing is written then.
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise ValueError(f"{target}: a case file ends in .yaml, .yml or .json")
    write_atomic(target, dumps(case, format=fmt))


def _mode_for(path: Path) -> int:
    """The permissions to give ``path``: its own if it exists, else what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only portable way to read the umask is to set it
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str | Callable[[TextIO], object]) -> None:
    """Write to ``path`` through a temporary file and a rename: whole, or not at all.

    A symbolic link is written through: the file it names is replaced, and
    the link stays.  What is not a regular file (a named pipe, a terminal),
    and a name the system gives an open file (``/dev/stdout``,
    ``/dev/fd/1``, ``/proc/self/fd/1``, which may stand for a file a shell
    opened to append to), cannot be replaced by a rename: they are
    appended to, directly.

    Args:
        path: The file to write.
        text: The text, or a function that writes it to the stream it is
            given (for output too large to hold as one string).
    """
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:  # a new file, or a link to one
        regular = True
    if not regular or _names_an_open_file(path):
        with path.open("a", encoding="utf-8", newline="\n") as stream:
            _write(stream, text)
        return
    path = Path(os.path.realpath(path))
    mode = _mode_for(path)
    handle, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            _write(stream, text)
        # mkstemp makes the file readable by its owner only; a case file is not secret.
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _names_an_open_file(path: Path) -> bool:
    """Whether ``path``, or a link it goes through, is under ``/dev`` or ``/proc``."""
    at = os.path.abspath(path)
    for _ in range(40):  # as many links as the system follows
        if at.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(at):
            return False
        at = os.path.normpath(os.path.join(os.path.dirname(at), os.readlink(at)))
    return False


def _write(stream: TextIO, text: str | Callable[[TextIO], object]) -> None:
    if isinstance(text, str):
        stream.write(text)
    else:
        text(stream)
