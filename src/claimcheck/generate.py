"""Synthetic cases: seeded, realistic and valid by construction, for benchmarks and tests.

:func:`generate_mapping` returns plain, JSON-ready case-file data (dicts,
lists, text, ints, floats, booleans and ``None``); :func:`generate_json`
the same as JSON text; :func:`generate_case` the loaded
:class:`~claimcheck.model.Case`.  The same arguments always give the same
case, whatever the platform.  ``python -m claimcheck.generate --claims N
--seed S -o FILE.json`` writes one to a file.

The distributions are fixed; a benchmark measured on them stays comparable.

**Sources.**  ``S`` sources (default ``round(2 * sqrt(claims))``, between 8
and 5,000), ids ``s0``, ``s1``, ...; kinds drawn uniformly.  Each source
after the first is, with probability 0.3, ``part_of`` an earlier source at
depth below 3 (the first such of three drawn; so ``part_of`` forms a forest
of shallow trees).  Up to five
blocs, ``max(2, min(5, S // 20))`` of them; a root takes a bloc with
probability 0.7, a source below a root its own with probability 0.15.  Who
makes a claim is a Zipf draw: the source of popularity rank ``r`` (a random
order) is chosen with weight ``1 / (r + 1) ** 0.8``.

**Claims per proposition.**  A discrete Lomax (Pareto type II) law, capped:
``k = min(cap, 1 + floor(4.75 * (u ** (-1 / 1.5) - 1)))`` for ``u`` uniform
on (0, 1], so ``P(k >= j) = (4.75 / (3.75 + j)) ** 1.5``: a quarter of the
propositions have one claim, the median is 3, the mean about 9.9, and one in
about 3,000 has a thousand claims or more.  The cap is 20,000 claims, and
never more than a tenth of the case (so 1,000 at 10,000 claims).  The sizes
are drawn *stratified*: the i-th of ``n = round(claims / 9.88)`` sizes takes
``u`` uniform in the i-th of n equal slices of (0, 1], so even a small case
follows the law closely and the largest size is at least
``4.75 * (n ** (1 / 1.5) - 1)`` (or the cap): about 150 at 2,000 claims,
1,400 at 50,000, 2,200 at 100,000 and 10,000 at a million.  The sizes are
then matched to ``claims`` exactly: propositions of at most 10 claims are
dropped at random while the sum is over, and the shortfall is filled with
further draws (each cut to what is left).  The propositions come in a
random order.

**Propositions.**  Kinds in the proportions quantity 0.70, category 0.15,
assertion 0.10, sequence 0.05.

* *Quantities*: nine in ten count whole things (unit ``people``,
  ``arrests``, ``vehicles`` or ``buildings``) with a true value ``T``
  log-uniform on [1, 50,000]; one in ten is not ``integer`` (unit ``km`` or
  ``tonnes``, ``T`` log-uniform on [0.5, 1,000], one decimal).  One in
  twenty whole-number quantities is ``part_of`` an earlier one of the same
  unit that is not itself a part, with ``T`` a uniform 0.2 to 0.8 of its
  whole's.
* *Categories*: two to four top values, each a leaf or a group of two or
  three leaves (one proposition in five is a flat list); one leaf is true.
* *Sequences*: three to six events, one true order.
* *Assertions*: true with probability 0.7.

**Values.**  A quantity claim believes ``b = T * exp(N(0, 0.15))``, or with
probability 0.06 an outlier ``T`` times a uniform 0.1 to 0.4 or 2.5 to 6.
Each number it writes is rounded, with probability 0.3 to the unit (one
decimal for non-integer quantities), 0.4 to two significant figures, 0.3 to
one; so most claims overlap, and outliers and tight bounds contradict.  A
whole number *written out* is ``1,234`` with probability 0.35 when past 999;
number words (``eighty-six``, ``two thousand five hundred``) with
probability 0.7 below a thousand and 0.35 for whole hundreds past it; else
digits.  The forms (U is a fresh uniform draw):

=====================  ====  ==================================================
form                   p     written as
=====================  ====  ==================================================
exact                  0.28  a JSON number 0.4, digits 0.25, a whole number
                             written out 0.2, digits and the unit 0.15
at least N             0.12  ``at least``, ``no fewer than``, ``N or more``,
                             ``N+``, ``>=``, ``≥``; N = b (0.6 + 0.4 U)
more than N            0.08  ``more than``, ``over``, ``>``; N = b (0.5 + 0.45 U)
at most N              0.04  ``at most``, ``up to``, ``no more than``, ``<=``,
                             ``≤``; N = b (1 + 0.5 U) + 1
fewer than N           0.03  ``fewer than``, ``less than``, ``under``, ``<``;
                             N = b (1.1 + 0.5 U) + 1
range                  0.10  ``N-M`` (hyphen or en dash), ``N to M``,
                             ``between N and M``; N = b (0.7 + 0.25 U),
                             M = b (1.05 + 0.35 U)
about N                0.15  ``about``, ``around``, ``approximately``,
                             ``roughly``, ``some``, ``~``, ``circa``, ``c.``;
                             N = b
nearly N               0.04  ``nearly``, ``almost``, ``just under``;
                             N = b (1 + 0.1 U)
vague word             0.08  a word of the lexicon whose range holds b
                             (``dozens of people``; the file adds
                             ``a handful``: [2, 6]), else ``about b``
mapping                0.08  ``{min, max}`` 0.3, ``{min}`` 0.15, ``{max}`` 0.1,
                             ``{low, best, high}`` 0.35, ``{low, high}`` 0.1;
                             low = b (0.6 + 0.35 U), high = b (1.05 + 0.5 U),
                             best = b
=====================  ====  ==================================================

In the comparative and approximate forms a whole N is written out one time
in three, and 12, 100 and 1000 are ``a dozen``, ``a hundred`` and ``a
thousand`` one time in two.  A phrase ends with the unit one time in seven.  Category claims name the
true leaf (0.5), its group (0.15), ``{any_of: [true leaf, other]}`` (0.1),
``{not: a value without the true leaf}`` (0.08), two other leaves
(``any_of``, 0.05; these make joint contradictions) or another value (0.12).
Sequence claims give two or three events in the true order (0.8), two such
chains (0.1), or a chain with one pair reversed (0.1).  Assertion claims
agree with the truth with probability 0.8.

**Claims.**  Listed proposition by proposition.  Seven in ten are dated
(``YYYY-MM-DD``; one in ten of those ``YYYY-MM``, one in twenty ``YYYY``),
within a year after the proposition's day, 2000 to 2024.  One in twenty
(after a proposition's first) is a *revision*: the source of an earlier
claim with a full date says it again, 1 to 60 days later, with a fresh
value; one in a hundred is ``retracted``.  One in twelve other claims
*cites* one (0.8) or two earlier claims, each of the same proposition with
probability 0.85 (else any earlier claim), and copies the first one's value
with probability 0.7 when it is about the same proposition; cites point
backward, so they never form a cycle.  One in ten came ``via`` one or two
relays (drawn as sources are, never the source itself).  One in seven
has no ``id`` (the default ``<source>.<proposition>.<n>`` applies; explicit
ids are ``c<n>`` and never collide with it), three in ten carry a
``quote``, one in five a ``url``.

Example:
    >>> case = generate_case(300, seed=1)
    >>> len(case.claims)
    300
    >>> generate_mapping(300, seed=1) == generate_mapping(300, seed=1)
    True
"""

from __future__ import annotations

import argparse
import bisect
import datetime as _dt
import itertools
import json
import math
import os
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from claimcheck.loader import from_mapping
from claimcheck.model import SOURCE_KINDS, Case

__all__ = [
    "CAP",
    "KIND_MIX",
    "LOMAX_ALPHA",
    "LOMAX_SCALE",
    "MEAN_CLAIMS",
    "default_sources",
    "generate_case",
    "generate_json",
    "generate_mapping",
    "main",
    "number_words",
    "proposition_sizes",
]

#: Tail index of the claims-per-proposition law.
LOMAX_ALPHA: Final = 1.5
#: Scale of the claims-per-proposition law.
LOMAX_SCALE: Final = 4.75
#: The most claims one proposition gets.
CAP: Final = 20_000
#: The mean of the capped law (``sum of (4.75 / (3.75 + j)) ** 1.5`` for j = 1..CAP).
MEAN_CLAIMS: Final = 9.88
#: The share of each proposition kind.
KIND_MIX: Final = (("quantity", 0.70), ("category", 0.15), ("assertion", 0.10), ("sequence", 0.05))

_BLOCS: Final = ("state", "opposition", "foreign", "industry", "civil-society")
_UNITS: Final = ("people", "arrests", "vehicles", "buildings")
_REAL_UNITS: Final = ("km", "tonnes")
_VAGUE_OF: Final = frozenset(
    {"dozens", "tens", "scores", "hundreds", "thousands", "tens of thousands"}
    | {"hundreds of thousands"}
)
#: The file's own lexicon: one word added to the defaults.
_LEXICON: Final = {"a handful": [2, 6]}
_VAGUE: Final = (
    ("a couple", 2, 3),
    ("a handful", 2, 6),
    ("a few", 2, 9),
    ("several", 3, 19),
    ("a dozen", 10, 14),
    ("dozens", 12, 99),
    ("tens", 10, 99),
    ("scores", 20, 199),
    ("hundreds", 100, 999),
    ("a few hundred", 200, 999),
    ("several hundred", 300, 999),
    ("thousands", 1000, 9999),
    ("a few thousand", 2000, 9999),
    ("several thousand", 3000, 9999),
    ("tens of thousands", 10000, 99999),
    ("hundreds of thousands", 100000, 999999),
)
_FIRST_DAY: Final = _dt.date(2000, 1, 1).toordinal()
_LAST_DAY: Final = _dt.date(2024, 12, 31).toordinal()

# fmt: off
_ONES: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)
_TENS: Final = (
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)
# fmt: on


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{_ONES[hundreds]} hundred")
        if rest:
            words.append("and")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest or not hundreds:
        words.append(_ONES[rest])
    return " ".join(words)


def number_words(n: int) -> str:
    """Write a whole number below a million in English words.

    Example:
        >>> number_words(86), number_words(150), number_words(2500)
        ('eighty-six', 'one hundred and fifty', 'two thousand five hundred')
    """
    if not 0 <= n < 1_000_000:
        raise ValueError(f"number_words writes 0 to 999,999, not {n}")
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _below_thousand(rest)
    head = f"{_below_thousand(thousands)} thousand"
    return head if not rest else f"{head} {_below_thousand(rest)}"


def default_sources(claims: int) -> int:
    """The number of sources of a case of ``claims`` claims, unless told.

    Example:
        >>> default_sources(100), default_sources(10_000), default_sources(1_000_000)
        (20, 200, 2000)
    """
    return max(8, min(5000, round(2 * math.sqrt(claims))))


def _lomax(u: float, cap: int) -> int:
    """The claims-per-proposition quantile at ``u`` in (0, 1]."""
    if u <= 0.0:
        return cap
    return min(cap, 1 + int(LOMAX_SCALE * (u ** (-1 / LOMAX_ALPHA) - 1)))


def proposition_sizes(claims: int, rng: random.Random, *, cap: int = CAP) -> list[int]:
    """Claims per proposition, summing to ``claims`` exactly (see the module docs).

    Example:
        >>> sizes = proposition_sizes(1000, random.Random(0))
        >>> sum(sizes), min(sizes) >= 1
        (1000, True)
    """
    if claims <= 0:
        return []
    cap = max(1, min(cap, claims // 10))
    n = max(1, round(claims / MEAN_CLAIMS))
    sizes = [_lomax(1.0 - (i + rng.random()) / n, cap) for i in range(n)]
    total = sum(sizes)
    if total > claims:
        small = [i for i, k in enumerate(sizes) if k <= 10]
        rng.shuffle(small)
        dropped = set()
        for i in small:
            if total <= claims:
                break
            dropped.add(i)
            total -= sizes[i]
        sizes = [k for i, k in enumerate(sizes) if i not in dropped]
        while total > claims:  # only hubs are left to trim
            biggest = max(range(len(sizes)), key=sizes.__getitem__)
            cut = min(total - claims, sizes[biggest] - 1)
            sizes[biggest] -= cut
            total -= cut
    while total < claims:
        k = min(_lomax(1.0 - rng.random(), cap), claims - total)
        sizes.append(k)
        total += k
    rng.shuffle(sizes)
    return sizes


class _Picker:
    """Draws from weighted choices quickly (``random.choices`` without its set-up)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


def _pick(rng: random.Random, items: Sequence[Any]) -> Any:
    return items[int(rng.random() * len(items))]


_KIND_PICKER: Final = _Picker([k for k, _ in KIND_MIX], [w for _, w in KIND_MIX])


# -- numbers as a writer would write them ----------------------------------------------


def _round_sig(x: float, digits: int) -> float:
    if x <= 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(x)) - digits + 1)
    return round(x / step) * step


class _Numbers:
    """Rounds numbers the way one quantity proposition's claims write them."""

    def __init__(self, rng: random.Random, integer: bool) -> None:
        self.rng = rng
        self.integer = integer

    def round(self, x: float) -> float:
        r = self.rng.random()
        if r < 0.3:
            value = float(round(x)) if self.integer else round(x, 1)
        else:
            value = _round_sig(x, 2 if r < 0.7 else 1)
            value = float(round(value)) if self.integer else round(value, 1)
        floor = 1.0 if self.integer else 0.1
        return max(value, floor)

    def text(self, x: float) -> str:
        """Digits: ``447``, ``12.5``."""
        return str(int(x)) if self.integer else f"{x:.1f}".removesuffix(".0")

    def data(self, x: float) -> int | float:
        return int(x) if self.integer else round(x, 1)


def _written_number(rng: random.Random, n: int) -> str:
    """An exact whole number: digits, ``1,234`` or words."""
    r = rng.random()
    if n >= 1000 and r < 0.35:
        return f"{n:,}"
    if r < 0.7 and n < 1_000_000 and (n < 100 or n % 100 == 0 or n < 1000):
        return number_words(n)
    return str(n)


_AT_LEAST: Final = ("at least {}", "no fewer than {}", "{} or more", "{}+", ">= {}", "≥ {}")
_MORE_THAN: Final = ("more than {}", "over {}", "> {}")
_AT_MOST: Final = ("at most {}", "up to {}", "no more than {}", "<= {}", "≤ {}")
_FEWER_THAN: Final = ("fewer than {}", "less than {}", "under {}", "< {}")
_RANGES: Final = ("{}-{}", "{}\N{EN DASH}{}", "{} to {}", "between {} and {}")
_ABOUT: Final = (
    "about {}",
    "around {}",
    "approximately {}",
    "roughly {}",
    "some {}",
    "~{}",
    "circa {}",
    "c. {}",
)
_NEARLY: Final = ("nearly {}", "almost {}", "just under {}")
_A_NUMBER: Final = {12: "a dozen", 100: "a hundred", 1000: "a thousand"}

_QUANTITY_FORMS: Final = _Picker(
    (
        "exact",
        "at-least",
        "more-than",
        "at-most",
        "fewer-than",
        "range",
        "about",
        "nearly",
        "vague",
        "mapping",
    ),
    (0.28, 0.12, 0.08, 0.04, 0.03, 0.10, 0.15, 0.04, 0.08, 0.08),
)


class _Quantity:
    """Writes quantity claims about one proposition."""

    def __init__(self, rng: random.Random, truth: float, integer: bool, unit: str) -> None:
        self.rng = rng
        self.truth = truth
        self.integer = integer
        self.unit = unit
        self.numbers = _Numbers(rng, integer)

    def belief(self) -> float:
        rng = self.rng
        if rng.random() < 0.06:
            low = rng.random() < 0.5
            return self.truth * (0.1 + 0.3 * rng.random() if low else 2.5 + 3.5 * rng.random())
        return self.truth * math.exp(rng.gauss(0.0, 0.15))

    def _unit(self, phrase: str, of: bool = False) -> str:
        if self.rng.random() < 1 / 7:
            return f"{phrase} of {self.unit}" if of else f"{phrase} {self.unit}"
        return phrase

    def _n(self, x: float) -> str:
        """A rounded number in a comparative or approximate phrase."""
        numbers = self.numbers
        value = numbers.round(x)
        if self.integer:
            n = int(value)
            if n in _A_NUMBER and self.rng.random() < 0.5:
                return _A_NUMBER[n]
            return _written_number(self.rng, n) if self.rng.random() < 0.3 else str(n)
        return numbers.text(value)

    def value(self) -> Any:
        rng = self.rng
        numbers = self.numbers
        b = self.belief()
        form = _QUANTITY_FORMS(rng)
        u = rng.random
        if form == "exact":
            x = numbers.round(b)
            r = u()
            if r < 0.4:
                return numbers.data(x)
            if r < 0.65:
                return numbers.text(x)
            if r < 0.85:
                return _written_number(rng, int(x)) if self.integer else numbers.text(x)
            return f"{numbers.text(x)} {self.unit}"
        if form == "at-least":
            return self._unit(_pick(rng, _AT_LEAST).format(self._n(b * (0.6 + 0.4 * u()))))
        if form == "more-than":
            return self._unit(_pick(rng, _MORE_THAN).format(self._n(b * (0.5 + 0.45 * u()))))
        if form == "at-most":
            return self._unit(_pick(rng, _AT_MOST).format(self._n(b * (1.0 + 0.5 * u()) + 1)))
        if form == "fewer-than":
            return self._unit(_pick(rng, _FEWER_THAN).format(self._n(b * (1.1 + 0.5 * u()) + 1)))
        if form == "range":
            low = numbers.round(b * (0.7 + 0.25 * u()))
            high = numbers.round(b * (1.05 + 0.35 * u()))
            if high <= low:
                high = low + (1 if self.integer else 0.1)
            return self._unit(_pick(rng, _RANGES).format(numbers.text(low), numbers.text(high)))
        if form == "about":
            return self._unit(_pick(rng, _ABOUT).format(self._n(b)))
        if form == "nearly":
            return self._unit(_pick(rng, _NEARLY).format(self._n(b * (1.0 + 0.1 * u()))))
        if form == "vague":
            words = [w for w in _VAGUE if w[1] <= b <= w[2]]
            if words:
                word = _pick(rng, words)[0]
                return self._unit(word, of=word in _VAGUE_OF)
            return self._unit(_pick(rng, _ABOUT).format(self._n(b)))
        return self._mapping(b)

    def _mapping(self, b: float) -> dict[str, int | float]:
        u = self.rng.random
        numbers = self.numbers
        low = numbers.round(b * (0.6 + 0.35 * u()))
        high = max(numbers.round(b * (1.05 + 0.5 * u())), low)
        data = numbers.data
        r = u()
        if r < 0.3:
            return {"min": data(low), "max": data(high)}
        if r < 0.45:
            return {"min": data(low)}
        if r < 0.55:
            return {"max": data(high)}
        if r < 0.9:
            best = min(max(numbers.round(b), low), high)
            return {"low": data(low), "best": data(best), "high": data(high)}
        return {"low": data(low), "high": data(high)}


class _Category:
    """Declares one category proposition and writes claims about it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        tops = 2 + int(rng.random() * 3)
        flat = rng.random() < 0.2
        values: dict[str, list[str] | None] = {}
        self.group_of: dict[str, str] = {}  # leaf -> its group
        self.groups: dict[str, list[str]] = {}
        count = itertools.count()
        for g in range(tops):
            size = 1 if flat or rng.random() < 0.3 else 2 + int(rng.random() * 2)
            if size == 1:
                leaf = f"v{next(count)}"
                values[leaf] = None
            else:
                leaves = [f"v{next(count)}" for _ in range(size)]
                values[f"g{g}"] = leaves
                self.groups[f"g{g}"] = leaves
                for leaf in leaves:
                    self.group_of[leaf] = f"g{g}"
        self.declared: Any = list(values) if flat else values
        self.leaves = [f"v{i}" for i in range(next(count))]
        self.true = _pick(rng, self.leaves)

    def value(self) -> Any:
        rng = self.rng
        r = rng.random()
        true = self.true
        others = [leaf for leaf in self.leaves if leaf != true]
        if r < 0.5:
            return true
        if r < 0.65:
            return self.group_of.get(true, true)
        if r < 0.75:
            return {"any_of": [true, _pick(rng, others)]}
        if r < 0.83:
            excluded = [g for g, leaves in self.groups.items() if true not in leaves]
            return {"not": _pick(rng, others + excluded)}
        if r < 0.88 and len(others) >= 2:
            a, b = rng.sample(others, 2)
            return {"any_of": [a, b]}
        wrong = _pick(rng, others)
        return self.group_of.get(wrong, wrong) if rng.random() < 0.3 else wrong


class _Sequence:
    """Declares one sequence proposition and writes claims about it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        n = 3 + int(rng.random() * 4)
        self.events = {f"e{i}": f"Event {i}" for i in range(n)}
        self.order = list(self.events)
        rng.shuffle(self.order)

    def _chain(self, length: int) -> list[str]:
        picked = sorted(self.rng.sample(range(len(self.order)), length))
        return [self.order[i] for i in picked]

    def value(self) -> Any:
        rng = self.rng
        r = rng.random()
        if r < 0.8:
            return self._chain(2 + int(rng.random() * 2))
        if r < 0.9:
            return [self._chain(2), self._chain(2)]
        chain = self._chain(2)
        chain.reverse()
        return chain


class _Assertion:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.truth = rng.random() < 0.7

    def value(self) -> Any:
        return self.truth if self.rng.random() < 0.8 else not self.truth


# -- the case ------------------------------------------------------------------------


def _date_text(ordinal: int, r: float) -> str:
    day = _dt.date.fromordinal(ordinal)
    if r < 0.05:
        return f"{day.year:04d}"
    if r < 0.15:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _sources(rng: random.Random, count: int) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The sources, their roots (by index) and their ids."""
    blocs = _BLOCS[: max(2, min(5, count // 20))]
    out: list[dict[str, Any]] = []
    roots: list[str] = []
    depth: list[int] = []
    ids = [f"s{i}" for i in range(count)]
    for i, ident in enumerate(ids):
        kind = _pick(rng, SOURCE_KINDS)
        source: dict[str, Any] = {"id": ident, "name": f"Source {i} ({kind})", "kind": kind}
        parent = None
        if i and rng.random() < 0.3:
            candidates = [j for j in (int(rng.random() * i) for _ in range(3)) if depth[j] < 3]
            parent = candidates[0] if candidates else None
        if parent is None:
            depth.append(0)
            roots.append(ident)
            if rng.random() < 0.7:
                source["bloc"] = _pick(rng, blocs)
        else:
            depth.append(depth[parent] + 1)
            roots.append(roots[parent])
            source["part_of"] = ids[parent]
            if rng.random() < 0.15:
                source["bloc"] = _pick(rng, blocs)
        if rng.random() < 0.3:
            source["url"] = f"https://example.org/{ident}"
        out.append(source)
    return out, roots, ids


def generate_mapping(
    claims: int, *, seed: int = 0, sources: int | None = None, cap: int = CAP
) -> dict[str, Any]:
    """Generate a synthetic case as plain, JSON-ready case-file data.

    Args:
        claims: How many claims (0 or more).
        seed: The seed; the same arguments give the same data.
        sources: How many sources (default :func:`default_sources`).
        cap: The most claims one proposition gets (never more than a tenth
            of ``claims``).

    Returns:
        A mapping shaped like a case file (``claimcheck: 1`` and the rest),
        whose values are only dicts, lists, text, ints, floats, booleans and
        ``None``.

    Raises:
        ValueError: If ``claims`` is negative or ``sources`` or ``cap`` below 1.

    Example:
        >>> data = generate_mapping(50, seed=7)
        >>> data["claimcheck"], len(data["claims"])
        (1, 50)
    """
    if claims < 0:
        raise ValueError(f"claims must be 0 or more, got {claims}")
    count = default_sources(claims) if sources is None else sources
    if count < 1:
        raise ValueError(f"sources must be 1 or more, got {count}")
    if cap < 1:
        raise ValueError(f"cap must be 1 or more, got {cap}")
    rng = random.Random(seed)
    source_data, roots, source_ids = _sources(rng, count)
    by_root: dict[str, list[str]] = {}
    for ident, root in zip(source_ids, roots, strict=True):
        by_root.setdefault(root, []).append(ident)
    ranks = list(range(count))
    rng.shuffle(ranks)
    popular = _Picker(source_ids, [1 / (r + 1) ** 0.8 for r in ranks])

    sizes = proposition_sizes(claims, rng, cap=cap)
    propositions: list[dict[str, Any]] = []
    claim_data: list[dict[str, Any]] = []
    claim_ids: list[str] = []
    wholes: dict[str, list[tuple[str, float]]] = {}  # unit -> (id, truth) of whole-number roots
    u = rng.random
    for p, size in enumerate(sizes):
        pid = f"p{p}"
        kind = _KIND_PICKER(rng)
        prop: dict[str, Any] = {"id": pid, "kind": kind}
        writer: _Quantity | _Category | _Sequence | _Assertion
        if kind == "quantity":
            integer = u() < 0.9
            if integer:
                unit = _pick(rng, _UNITS)
                truth = math.exp(u() * math.log(50_000))
                candidates = wholes.setdefault(unit, [])
                if candidates and u() < 0.05:
                    whole, whole_truth = _pick(rng, candidates)
                    prop["part_of"] = whole
                    truth = max(1.0, whole_truth * (0.2 + 0.6 * u()))
                else:
                    candidates.append((pid, truth))
                prop["text"] = f"Number of {unit} in event {p}"
            else:
                unit = _pick(rng, _REAL_UNITS)
                truth = 0.5 * math.exp(u() * math.log(2000))
                prop["text"] = f"Extent in {unit} of event {p}"
                prop["integer"] = False
            prop["unit"] = unit
            writer = _Quantity(rng, truth, integer, unit)
        elif kind == "category":
            writer = _Category(rng)
            prop["text"] = f"Who was responsible in event {p}"
            prop["values"] = writer.declared
        elif kind == "sequence":
            writer = _Sequence(rng)
            prop["text"] = f"The order of what happened in event {p}"
            prop["events"] = writer.events
        else:
            writer = _Assertion(rng)
            prop["text"] = f"Statement {p} is true"
        propositions.append(prop)

        day = _FIRST_DAY + int(u() * (_LAST_DAY - _FIRST_DAY - 430))
        first = len(claim_data)
        made: dict[str, int] = {}  # source -> claims about this proposition so far
        dated: list[tuple[int, int]] = []  # (claim index, day) of full-date claims
        for j in range(size):
            index = len(claim_data)
            r = u()
            claim: dict[str, Any] = {}
            date: tuple[int, float] | None  # (day, precision draw)
            revision = bool(j and dated and r < 0.05)
            if revision:
                old, old_day = _pick(rng, dated)
                source = claim_data[old]["source"]
                date = (old_day + 1 + int(u() * 60), 1.0)
            else:
                source = popular(rng)
                date = (day + int(u() * 365), u()) if u() < 0.7 else None
            made[source] = made.get(source, 0) + 1
            if u() < 1 / 7:
                ident = f"{source}.{pid}.{made[source]}"
            else:
                ident = f"c{index}"
                claim["id"] = ident
            claim["source"] = source
            claim["proposition"] = pid
            cites: list[str] | None = None
            if j and not revision and u() < 1 / 12:
                picks = 1 if u() < 0.8 else 2
                chosen = []
                for _ in range(picks):
                    if u() < 0.85 or first == 0:
                        chosen.append(first + int(u() * j))
                    else:
                        chosen.append(int(u() * index))
                chosen = sorted(set(chosen))
                cites = [claim_ids[c] for c in chosen]
                if claim_data[chosen[0]]["proposition"] == pid and u() < 0.7:
                    claim["value"] = claim_data[chosen[0]]["value"]
            if "value" not in claim:
                claim["value"] = writer.value()
            if date is not None:
                claim["date"] = _date_text(date[0], date[1])
                if date[1] >= 0.15:
                    dated.append((index, date[0]))
            if u() < 0.3:
                claim["quote"] = f"Statement {index} by {source}"
            if u() < 0.2:
                claim["url"] = f"https://example.org/{source}/{index}"
            if u() < 0.1:
                relays = {popular(rng) for _ in range(1 + int(u() * 2))} - {source}
                if relays:
                    claim["via"] = sorted(relays)
            if cites:
                claim["cites"] = cites
            if u() < 0.01:
                claim["retracted"] = True
            claim_data.append(claim)
            claim_ids.append(ident)
    return {
        "claimcheck": 1,
        "case": {
            "id": f"synthetic-{claims}-{seed}",
            "title": f"Synthetic case: {claims} claims, seed {seed}",
        },
        "lexicon": dict(_LEXICON),
        "sources": source_data,
        "propositions": propositions,
        "claims": claim_data,
    }


def generate_json(
    claims: int,
    *,
    seed: int = 0,
    sources: int | None = None,
    cap: int = CAP,
    indent: int | None = None,
) -> str:
    """Generate a synthetic case as JSON text (see :func:`generate_mapping`).

    Example:
        >>> from claimcheck import loads
        >>> len(loads(generate_json(40, seed=3), format="json").claims)
        40
    """
    data = generate_mapping(claims, seed=seed, sources=sources, cap=cap)
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def generate_case(
    claims: int, *, seed: int = 0, sources: int | None = None, cap: int = CAP
) -> Case:
    """Generate a synthetic case (see :func:`generate_mapping`).

    Example:
        >>> case = generate_case(40, seed=3)
        >>> len(case.claims), case.info.id
        (40, 'synthetic-40-3')
    """
    data = generate_mapping(claims, seed=seed, sources=sources, cap=cap)
    return from_mapping(data, name=f"<synthetic {claims} claims, seed {seed}>")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claimcheck.generate",
        description="Write a synthetic claimcheck case (JSON), the same for the same seed.",
    )
    parser.add_argument("--claims", type=int, required=True, help="how many claims")
    parser.add_argument("--seed", type=int, default=0, help="the seed (default 0)")
    parser.add_argument("--sources", type=int, default=None, help="how many sources")
    parser.add_argument(
        "--cap", type=int, default=CAP, help=f"most claims per proposition (default {CAP})"
    )
    parser.add_argument("--indent", type=int, default=None, help="indent the JSON")
    parser.add_argument("-o", "--output", help="the file to write (default: standard output)")
    return parser


def main(argv: Sequence[str] | None = None, *, write: Callable[[str], Any] | None = None) -> int:
    """Run ``python -m claimcheck.generate``; return the exit code.

    Args:
        argv: The arguments (default ``sys.argv[1:]``).
        write: Where text goes without ``-o`` (default standard output).
    """
    args = _parser().parse_args(argv)
    try:
        text = generate_json(
            args.claims, seed=args.seed, sources=args.sources, cap=args.cap, indent=args.indent
        )
    except ValueError as exc:
        sys.stderr.write(f"python -m claimcheck.generate: {exc}\n")
        return 2
    if args.output is None:
        (write or sys.stdout.write)(text)
        return 0
    target = Path(args.output)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
