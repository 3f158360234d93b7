"""The small frozen types of the result linker: a result, and which strategy decided what."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

from extractor.components._frozen import quick_init
from extractor.components.quantities import Quantity


@quick_init
@dataclass(frozen=True, slots=True)
class Strategies:
    """The name of the rule that decided each attribute of a result (None: none decided)."""

    role: str | None = None
    metric: str | None = None
    benchmark: str | None = None
    model: str | None = None


NO_STRATEGIES: Final = Strategies()


@quick_init
@dataclass(frozen=True, slots=True)
class ResultMatch:
    """A quantity that is a reported result, with its role and attribution."""

    quantity: Quantity
    role: str
    bound: str
    metric: str | None
    benchmark: str | None
    model: str | None
    sentence: tuple[int, int]
    strategy: Strategies = NO_STRATEGIES


class NotSaid:
    """What a strategy returns when it decides that the text does not say (stop, None)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_SAID"


NOT_SAID: Final = NotSaid()

C = TypeVar("C")
S = TypeVar("S")


_WITHOUT: dict[tuple[int, frozenset[str]], tuple[tuple[object, ...], tuple[object, ...]]] = {}


def without(strategies: tuple[S, ...], names: frozenset[str]) -> tuple[S, ...]:
    """``strategies`` in their order without those named in ``names``, built once per
    tuple of strategies: a document whose text rules those out (each would return None
    for every number of it) skips them, and the first that decides is the same.

    >>> def a(c): ...
    >>> def b(c): ...
    >>> [s.__name__ for s in without((a, b), frozenset({"a"}))]
    ['b']
    """
    key = (id(strategies), names)
    found = _WITHOUT.get(key)
    if found is None or found[0] is not strategies:
        kept = tuple(s for s in strategies if getattr(s, "__name__", None) not in names)
        found = _WITHOUT[key] = (strategies, kept)
    return found[1]  # type: ignore[return-value]


def first_hit(
    strategies: Sequence[Callable[[C], str | NotSaid | None]], claim: C
) -> tuple[str | None, str | None]:
    """The value of the first strategy that decides, and that strategy's name.

    A strategy returns a value (decided), ``NOT_SAID`` (decided that the text does not
    say: no value) or None (no opinion: the next one is tried).

    >>> first_hit((lambda c: None, lambda c: c.upper()), "acc")
    ('ACC', '<lambda>')
    >>> first_hit((lambda c: NOT_SAID, lambda c: c), "acc")
    (None, '<lambda>')
    >>> first_hit((), "acc")
    (None, None)
    """
    for strategy in strategies:
        found = strategy(claim)
        if found is None:
            continue
        return (None if isinstance(found, NotSaid) else found), strategy.__name__
    return None, None
