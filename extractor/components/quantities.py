"""Find numbers with their units, bounds, ranges and "from A to B" pairs.

This component only reads numbers; deciding which of them are reported results is the
result linker's job. It writes ``doc._.paper_quantities`` (a list of :class:`Quantity`
with exact character offsets) and the token spans ``doc.spans["paper_quantities"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extractor.components._frozen import quick_init
from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._spans import CharMatch, doc_text, set_payload, set_spans

SPANS_KEY = "paper_quantities"

Kind = Literal["measure", "number", "size", "dimension", "year"]
Relation = Literal["from", "to", "range_low", "range_high"]

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_UNIT = r"""
    (?:
        \s?%p\b | \s?% | \s?percent(?:age\s+points?)?\b
      | \s?pp\b | \s?p\.p\. | -?\s?points?\b | \s?pts?\b
      | \s?[x×](?![\w]) | \s?times\b | -?\s?fold\b
      | \s?(?:ms|milliseconds?|s|sec|seconds?|minutes?|mins?|hours?|hrs?|days?)\b
      | \s?(?:[KMGT]i?B|[KMGT]iB)\b
      | \s?dB\b | \s?(?:FPS|fps)\b
    )
"""

_finditer_quantity = regex.compile(
    rf"""
    (?:
        (?<=%/|(?<![\w.])\d+\.\d{{1,4}}/)(?=\d+\.\d)  # a slash list: "77.73%/78.45%", "45.3/62.1"
      | (?<=(?<![\w./\-])(?:\d{{1,4}}/)+)            # whole numbers, one unit: "132/119 FPS"
        (?=\d{{1,4}}(?:/\d{{1,4}})*\s?(?:%|(?:FPS|fps|dB)\b))
      | (?<![\w.^/_$\\@-]|\d,)            # not glued to a word, decimal, exponent, id, "@"
    )
    (?<!\b[A-Za-z]-)                     # nor the end of a name such as "GPT-4"
    (?P<sign>[+±−]|-(?=\d))?              # a written sign: "+71.96%", "-2.3 points"
    (?P<a>{_NUMBER})
    (?:
        (?P<size>[KMBT]|[kmb](?=[\s-]))(?![\w])            # 7B, 92k, 1M: a size or count
      | (?P<ua>{_UNIT})?
        (?:                                               # a range such as "8-12%"
            \s?[-–—]\s?(?P<b>{_NUMBER})(?P<ub>{_UNIT})?
        )?
    )
    (?![\w^]|\.\d)                       # nor followed by letters ("3D", "4A8", "2^k")
    """,
    regex.VERBOSE,
).finditer

# Patterns anchored at the end of a window ("... from ", "up to ") are searched with
# regex.REVERSE: from the end backwards, so only the end is tried, not every position.

# Bound words just before a number ("up to 85.1%", "an F1 score above 80%").
_search_bound = regex.compile(
    r"""
    (?:
        (?P<at_most>up\s+to|at\s+most|below|under|less\s+than|fewer\s+than|no\s+more\s+than|<|≤|<=)
      | (?P<at_least>over|above|at\s+least|more\s+than|greater\s+than|exceeding|beyond|>|≥|>=)
      | (?P<approx>about|around|approximately|roughly|nearly|almost|~|≈|circa)
    )
    \s*$
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.REVERSE,
).search

# The metric may stand between "from" and its value: "dropped from AUC 0.571 to 0.508".
_match_from = regex.compile(
    r"(?i)\bfrom\s+(?:(?-i:\p{Lu}[\p{Lu}\d\-@]{1,11})\s+(?:of\s+)?)?$", regex.REVERSE
).search
# A change stated before a bracketed pair: "improving X by 11pp (55.8% to 66.8%)".
_search_change_before_bracket = regex.compile(
    r"(?i)\b(?:improv|increas|reduc|decreas|rais|boost|lift|gain|drop|declin|degrad|fell|"
    r"rose|grew|grow|went|go(?:es)?\s+up|climb|jump)\w*\b[^.;()]*\(\s*$"
).search
_match_between = regex.compile(r"(?i)\bbetween\s+$", regex.REVERSE).search
_match_of_by = regex.compile(
    r"(?i)\b(?:of|by)\s+(?:(?:over|about|around|roughly|nearly|approximately)\s+)?$",
    regex.REVERSE,
).search
_match_range_word = regex.compile(
    r"(?i)\b(?:rang(?:e|es|ing)|vary(?:ing)?|varies|span(?:s|ning)?)\s+$", regex.REVERSE
).search
_match_to = regex.compile(r"(?i)^\s+to\s+$").match
_match_and = regex.compile(r"(?i)^\s+and\s+$").match
_match_versus = regex.compile(r"(?i)^\s+(?:vs\.?|versus)\s+$").match
# "/" joins a slash list that writes its unit once: "132/119/119 FPS".
_match_list_and = regex.compile(r"(?i)^\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)$|^/$").match
# Dimensions are whole numbers on both sides of "x", "times" or "by": "512 times 512",
# "256 x 256", but not "ViT-B/16 by 2.1 points".
_match_times_number = regex.compile(r"\s?(?:[x×]|times|by)\s?\d+(?![\d.,%]|\s?(?:%|points?))").match
_search_times_before = regex.compile(
    r"(?<![\w/.\-])\d+\s?(?:[x×]|times|by)\s?$", regex.REVERSE
).search
_is_year = regex.compile(r"(?:19|20)\d\d").fullmatch

_UNIT_NAMES = {
    "%": "%",
    "percent": "%",
    "percentage point": "points",
    "percentage points": "points",
    "pp": "points",
    "%p": "points",
    "p.p.": "points",
    "point": "points",
    "points": "points",
    "pt": "points",
    "pts": "points",
    "x": "x",
    "×": "x",
    "times": "x",
    "fold": "x",
    "-fold": "x",
    "db": "dB",
    "fps": "FPS",
}


@quick_init
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number at ``[start, end)`` of the text (unit included, bound words not)."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    bound: str = "exact"
    kind: Kind = "number"
    relation: Relation | None = None
    partner: int | None = None  # index of the other end of a pair or range
    signed: bool = False  # written with "+" or "-" ("+71.96%"): a change


def unit_name(written: str | None) -> str | None:
    """The canonical unit for a unit as written ("percent" -> "%", "-fold" -> "x").

    >>> unit_name(" percentage points"), unit_name("×"), unit_name(" GB")
    ('points', 'x', 'GB')
    """
    if not written:
        return None
    # Fast and equal: the usual spellings ("%", " points") are looked up in a table the
    # plain normalisation below filled at import.
    known = _UNIT_BY_SPELLING.get(written)
    if known is not None:
        return known
    return _unit_name_plain(written)


def _unit_name_plain(written: str) -> str:
    key = " ".join(written.split()).lower()
    return _UNIT_NAMES.get(key, _UNIT_NAMES.get(key.lstrip("-"), written.strip()))


_UNIT_BY_SPELLING = {
    spelling: _unit_name_plain(spelling)
    for name in _UNIT_NAMES
    for spelling in (name, f" {name}", f"-{name}")
}


def _number(written: str) -> float:
    return float(written.replace(",", ""))


# The last words of the bound words above ("up to", "at most", "less than", ...), at most
# 13 letters long ("approximately"), and the signs.
_BOUND_LAST_WORDS = (
    *("to", "most", "below", "under", "than", "over", "above", "least", "exceeding"),
    *("beyond", "about", "around", "approximately", "roughly", "nearly", "almost", "circa"),
)  # fmt: skip
_BOUND_SIGNS = frozenset("<>~=")


def _bound_before(text: str, start: int) -> str:
    # Fast and equal: a bound ends right before the spaces before the number, so when the
    # last 13 other characters are ASCII and end in no bound's last word or sign, the
    # search cannot match. (str.isspace covers regex's whitespace; the pattern has no
    # \b, so a word that merely ends so, "discover", goes to the search as it should;
    # non-ASCII characters, which may case-fold to ASCII, go to the search.)
    end = text[max(0, start - 24) : start].rstrip()[-13:]
    if (
        end.isascii()
        and end[-1:] not in _BOUND_SIGNS
        and not end.lower().endswith(_BOUND_LAST_WORDS)
    ):
        return "exact"
    found = _search_bound(text, max(0, start - 24), start)
    if not found:
        return "exact"
    return next(name for name in ("at_most", "at_least", "approx") if found.group(name))


def _classify(unit: str | None, size: str | None, written: str, dimension: bool) -> Kind:
    if size:
        return "size"
    if dimension:
        return "dimension"
    if unit:
        return "measure"
    return "year" if _is_year(written) else "number"


def _is_dimension(after: str, before: str) -> bool:
    """``_match_times_number(after) or _search_times_before(before)``, fast and equal.

    Each regex runs only where its "x", "times" or "by" can stand: in the first two
    characters after the number, or last before it (one space aside). Most numbers have
    neither, and two string tests cost far less than two regex calls.
    """
    if (after[:1] in _TIMES_FIRST or (after[:1].isspace() and after[1:2] in _TIMES_FIRST)) and (
        _match_times_number(after)
    ):
        return True
    return before.rstrip()[-1:] in _TIMES_LAST and bool(_search_times_before(before))


_TIMES_FIRST = ("", "x", "×", "t", "b")  # "" at the text's end: the regex decides
_TIMES_LAST = ("x", "×", "s", "y")


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its unit, bound and pairing.

    >>> [(q.text, q.unit, q.bound) for q in find_quantities("up to 85.1% faster")]
    [('85.1%', '%', 'at_most')]
    >>> [(q.text, q.relation) for q in find_quantities("from 33.25% to 1.74%")]
    [('33.25%', 'from'), ('1.74%', 'to')]
    >>> [(q.text, q.unit, q.relation) for q in find_quantities("by 8-12% and 4-9%")][:2]
    [('8', '%', 'range_low'), ('12%', '%', 'range_high')]
    >>> [q.kind for q in find_quantities("a 7B model, 512 times 512 images, in 2023")]
    ['size', 'dimension', 'dimension', 'year']
    >>> [(q.text, q.value, q.signed) for q in find_quantities("gains of +71.96% and -2.5 points")]
    [('+71.96%', 71.96, True), ('-2.5 points', -2.5, True)]
    >>> [(q.text, q.value, q.unit) for q in find_quantities("five times faster, sevenfold less")]
    [('five times', 5.0, 'x'), ('sevenfold', 7.0, 'x')]
    """
    found: list[Quantity] = []
    for match in _finditer_quantity(text):
        # One call for the groups (a named group costs a look-up per call); an uncertainty
        # is skipped before its unit and kind are worked out, which it never uses.
        sign, a, size, ua, b, ub = match.group("sign", "a", "size", "ua", "b", "ub")
        a_start, a_end = match.span("a")
        dimension = a.isdigit() and _is_dimension(
            text[a_end : a_end + 10], text[max(0, a_start - 16) : a_start]
        )
        if b is not None:
            unit_b = unit_name(ub)
            unit_a = unit_name(ua) or unit_b
            b_start, b_end = match.span("b")
            end_b = match.end("ub") if ub else b_end
            end_a = match.end("ua") if ua else a_end
            kind = _classify(unit_a, None, a, dimension)
            low = len(found)
            found.append(
                Quantity(
                    a_start,
                    end_a,
                    text[a_start:end_a],
                    _number(a),
                    unit_a,
                    "at_least",
                    kind,
                    "range_low",
                    low + 1,
                    sign == "+",  # "+18-26 pp": a range of gains
                )
            )
            found.append(
                Quantity(
                    b_start,
                    end_b,
                    text[b_start:end_b],
                    _number(b),
                    unit_b,
                    "at_most",
                    kind,
                    "range_high",
                    low,
                    sign == "+",
                )
            )
            continue
        if sign == "±":  # "81.2 ± 0.4": an uncertainty, not a value
            continue
        unit = unit_name(ua)
        kind = _classify(unit, size, a, dimension)
        start, end = match.span()
        value = _number(a) * (-1 if sign in ("-", "−") else 1)
        found.append(
            Quantity(
                start,
                end,
                text[start:end],
                value,
                unit,
                _bound_before(text, start),
                kind,
                signed=bool(sign),
            )
        )
    if ("fold" in text or "times" in text) and _may_have_word_factor(text):
        found = _with_word_factors(text, found)
    return _bare_speedups(text, _share_list_units(text, _pair(text, found)))


# A factor written in words: "five times faster", "a five-fold increase", "sevenfold".
_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "fifty": 50, "hundred": 100,
}  # fmt: skip
_finditer_word_factor = regex.compile(
    rf"(?<![\w\-])(?P<n>{'|'.join(_WORD_NUMBERS)})(?:-?fold|\s+times)(?![\w\-])",
    regex.IGNORECASE,
).finditer


def _may_have_word_factor(text: str) -> bool:
    """Whether a number word stands right before a "fold" or "times" (``str`` operations:
    most abstracts have a "times" or "fold" and no number word before it)."""
    lowered = text.lower()
    for word in ("fold", "times"):
        at = lowered.find(word)
        while at >= 0:
            words = lowered[max(0, at - 16) : at].rstrip().rstrip("-").split()
            if words and words[-1].rsplit("-", 1)[-1] in _WORD_NUMBERS:
                return True
            at = lowered.find(word, at + 1)
    return False


def _with_word_factors(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` with the factors written in words, in text order."""
    words = [
        Quantity(
            m.start(),
            m.end(),
            m.group(),
            float(_WORD_NUMBERS[m.group("n").lower()]),
            "x",
            _bound_before(text, m.start()),
            "measure",
        )
        for m in _finditer_word_factor(text)
    ]
    if not words:
        return found
    return sorted([*found, *words], key=lambda q: q.start)


# A bare number that is a speed-up: "a 3.2 speedup", "3.29 training acceleration" (after),
# "speeding up decoding by 1.44" (before). A speed-up is a ratio: unit "x".
_match_speedup_after = regex.compile(
    r"\s+(?:[\w\-]+\s+)?(?:speed-?ups?|accelerations?)\b"
    r"(?!\s+(?:methods?|techniques?|strategies|approaches|schemes|frameworks?|modules?|"
    r"tricks|algorithms?)\b)",
    regex.IGNORECASE,
).match
_search_speed_by = regex.compile(
    r"\b(?:speed(?:s|ed|ing)?\s+up|accelerat(?:e|es|ed|ing))\s+"
    r"(?:(?!(?:and|or|but|while|than)\b)[^\s,;.]+\s+){0,4}?by\s+"
    r"(?:(?:up\s+to|about|around|nearly|over|approximately|roughly|more\s+than)\s+)?\Z",
    regex.IGNORECASE,
).search


def _is_bare_speedup(text: str, q: Quantity) -> bool:
    """Whether a bare number names a speed-up; the regexes run only when the words they
    need ("speed", "accelerat") stand near the number."""
    after = text[q.end : q.end + 40]
    lowered = after.lower()
    if ("speed" in lowered or "accelerat" in lowered) and _match_speedup_after(after):
        return True
    before = text[max(0, q.start - 60) : q.start]
    lowered = before.lower()
    return (
        "by" in lowered
        and ("speed" in lowered or "accelerat" in lowered)
        and bool(_search_speed_by(before))
    )


def _bare_speedups(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give bare speed-ups (and the low end of a bare speed-up range) the unit "x"."""
    for i, q in enumerate(found):
        if q.unit is not None or q.kind != "number" or q.relation == "range_low":
            continue
        if not _is_bare_speedup(text, q):
            continue
        found[i] = replace(q, unit="x", kind="measure")
        if q.relation == "range_high" and q.partner is not None:
            low = found[q.partner]
            if low.unit is None and low.kind == "number":
                found[q.partner] = replace(low, unit="x", kind="measure")
    return found


def _share_list_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """Bare numbers listed before one with a unit share it: "drops of 1.6 and 2.5 points"."""
    for i in range(len(found) - 2, -1, -1):
        first, second = found[i], found[i + 1]
        if (
            first.unit is None
            and second.unit is not None
            and first.kind == "number"
            and first.relation is None
            and _match_list_and(text[first.end : second.start])
        ):
            found[i] = replace(first, unit=second.unit, kind="measure")
    return found


# A bracketed aside between the two numbers of a pair, the aside a name makes: "(LLaVA)",
# "(BM25)"; no number of its own ("(p = 0.02)", "(+2%)").
_match_aside = regex.compile(
    r"\s*\((?:[^()\d]|(?<=[\p{L}\d])\d){1,40}\)(?=\s+to\s+\Z)", regex.IGNORECASE
).match
_PAIR_WORDS = frozenset(["to", "and", "vs", "vs.", "versus"])


def _may_join_pair(gap: str) -> bool:
    """Whether ``_match_to``, ``_match_and`` or ``_match_versus`` can match ``gap``.

    Fast and equal: each needs the gap to be one of these words between spaces, so an
    ASCII gap holding anything else is skipped without four regex calls (str.strip
    removes at least regex's whitespace; a non-ASCII gap, which may case-fold to ASCII, goes to
    the regexes).
    """
    core = gap.strip()
    return not core.isascii() or core.lower() in _PAIR_WORDS


# A signed change in brackets right after a number: "3.15% (+80.99%)".
_match_signed_bracket = regex.compile(r"\s*\(\s*[+\-−]\s?\d").match


def _is_bare_change(text: str, found: list[Quantity], i: int) -> bool:
    """Whether "A to B" with no "from" is a change, not a range: B falls below A (a range
    is written upwards), a signed change stands in brackets after B ("MCD 8.59 to 7.98
    (+7.10%)"), or it continues a list after "from X to Y" ("from 82.48% to 89.74%, 66.24%
    to 78.88%")."""
    first, second = found[i], found[i + 1]
    if (first.unit or second.unit) == (second.unit or first.unit) and second.value < first.value:
        return True
    if _match_signed_bracket(text, second.end):
        return True
    return (
        i >= 2
        and found[i - 1].relation == "to"
        and found[i - 2].relation == "from"
        and bool(_match_list_and(text[found[i - 1].end : first.start]))
    )


def _pair(text: str, found: list[Quantity]) -> list[Quantity]:
    """Link "from A to B" (before/after) and "ranging from A to B" / "between A and B"."""
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        if first.relation or second.relation:
            continue
        gap = text[first.end : second.start]
        if "(" in gap and (aside := _match_aside(gap)):
            gap = gap[aside.end() :]  # "from 86.1% (LLaVA) to 90.3%": the aside names A's
        if not _may_join_pair(gap):
            continue
        head = text[max(0, first.start - 40) : first.start]
        if _match_to(gap) and _match_from(head):
            is_range = bool(_match_range_word(head[: -len(_match_from(head).group())]))
        elif _match_to(gap) and _match_of_by(head):
            is_range = True  # "improvements of 43% to 70%", "by 5% to 10%"
        elif (
            _match_to(gap)
            and head.endswith("(")
            and text[second.end : second.end + 1] == ")"
            and _search_change_before_bracket(text[max(0, first.start - 100) : first.start])
        ):
            is_range = False  # "improving X by 11pp (55.8% to 66.8%)": before and after
        elif _match_to(gap) and _is_bare_change(text, found, i):
            is_range = False  # "WER 16.57% to 3.15% (+80.99%)", "..., 66.24% to 78.88%"
        elif _match_and(gap) and _match_between(head):
            is_range = True
        elif _match_versus(gap):
            # "52.2 versus 51.9 mAP": the first is the result, the second its baseline.
            unit = first.unit or second.unit
            kind = "measure" if unit else first.kind
            found[i] = replace(first, unit=unit, kind=kind, relation="to", partner=i + 1)
            found[i + 1] = replace(second, unit=unit, kind=kind, relation="from", partner=i)
            continue
        else:
            continue
        unit_a = first.unit or second.unit
        kind = "measure" if unit_a else first.kind
        if is_range:
            found[i] = replace(
                first, unit=unit_a, kind=kind, relation="range_low", partner=i + 1, bound="at_least"
            )
            found[i + 1] = replace(second, relation="range_high", partner=i, bound="at_most")
        else:
            found[i] = replace(first, unit=unit_a, kind=kind, relation="from", partner=i + 1)
            found[i + 1] = replace(second, relation="to", partner=i)
    return found


class QuantityFinder:
    """spaCy component: find quantities and store them on the Doc."""

    def __init__(
        self, nlp: Language, name: str = "paper_quantities", *, spans: bool = True
    ) -> None:
        self.name = name
        self.spans = spans
        if not Doc.has_extension("paper_quantities"):
            Doc.set_extension("paper_quantities", default=None)

    def __call__(self, doc: Doc) -> Doc:
        quantities = find_quantities(doc_text(doc))
        set_payload(doc, "paper_quantities", quantities)
        if self.spans:
            set_spans(
                doc, SPANS_KEY, [CharMatch(q.start, q.end, q.kind.upper()) for q in quantities]
            )
        return doc


@Language.factory(
    "paper_quantities",
    default_config={"spans": True},
    requires=requires("paper_quantities"),
    assigns=assigns("paper_quantities"),
)
def make_quantity_finder(nlp: Language, name: str, spans: bool) -> QuantityFinder:
    """Create the quantity finder (``nlp.add_pipe("paper_quantities")``)."""
    check_upstream(nlp, "paper_quantities")
    return QuantityFinder(nlp, name, spans=spans)
