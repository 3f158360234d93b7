"""The quick ``__init__`` of the components' records builds what the dataclass's does."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from extractor.components._frozen import quick_init
from extractor.components._spans import CharMatch
from extractor.components.abbreviations import Abbreviation
from extractor.components.method import MethodMatch
from extractor.components.names import NameMatch
from extractor.components.quantities import Quantity
from extractor.components.urls import LinkMatch
from extractor.pipeline.results import ResultMatch

_QUANTITY = Quantity(1, 5, "85.1%", 85.1, "%")
# Positional and keyword arguments for each record, defaults left out and given.
_CASES: list[tuple[type[Any], tuple[Any, ...], dict[str, Any]]] = [
    (NameMatch, (1, 5, "MODEL", "gpt4", "list"), {}),
    (NameMatch, (), {"source": "pattern", "key": "", "label": "METRIC", "end": 0, "start": 0}),
    (Quantity, (1, 5, "85.1%", 85.1, "%"), {}),
    (Quantity, (0, 3, "-2", -2.0, None, "at_most", "number", "from", 4, True), {}),
    (Quantity, (0, 3, "-2", -2.0, None), {"signed": True, "partner": 0}),
    (ResultMatch, (_QUANTITY, "result", "exact", "accuracy", None, "M", (0, 9)), {}),
    (Abbreviation, (0, 10, 12, 15, "Foo Bar Baz", "FBB"), {}),
    (CharMatch, (3, 4, "X"), {}),
    (MethodMatch, ("Foo", ("F",), ((0, 3),), False), {}),
    (LinkMatch, (0, 20, "https://github.com/x/y", "code"), {}),
]


def _plain_twin(cls: type[Any]) -> type[Any]:
    """The same record as a plain frozen, slotted dataclass (the generated ``__init__``)."""
    fields = [
        (f.name, f.type) if f.default is dataclasses.MISSING else (f.name, f.type, f.default)
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


@pytest.mark.parametrize(("cls", "args", "kwargs"), _CASES)
def test_quick_init_stores_what_the_generated_init_stores(
    cls: type[Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    record = cls(*args, **kwargs)
    twin = _plain_twin(cls)(*args, **kwargs)
    assert dataclasses.astuple(record) == dataclasses.astuple(twin)
    assert repr(record).split("(", 1)[1] == repr(twin).split("(", 1)[1]
    assert record == cls(*args, **kwargs)
    assert hash(record) == hash(cls(*args, **kwargs))
    assert pickle.loads(pickle.dumps(record)) == record
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.__setattr__(dataclasses.fields(cls)[0].name, None)
    first = dataclasses.fields(cls)[0].name
    changed = dataclasses.replace(record, **{first: getattr(twin, first)})
    assert changed == record


@pytest.mark.parametrize("cls", sorted({cls for cls, _, _ in _CASES}, key=lambda c: c.__name__))
def test_quick_init_keeps_the_parameters_and_their_defaults(cls: type[Any]) -> None:
    quick = inspect.signature(cls.__init__).parameters
    plain = inspect.signature(_plain_twin(cls).__init__).parameters
    assert [(p.name, p.default, p.kind) for p in quick.values()] == [
        (p.name, p.default, p.kind) for p in plain.values()
    ]


def test_quick_init_refuses_what_it_would_skip() -> None:
    with pytest.raises(TypeError, match="frozen, slotted"):

        @quick_init
        @dataclasses.dataclass(frozen=True)
        class NoSlots:
            a: int

    with pytest.raises(TypeError, match="plain fields"):

        @quick_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class Factory:
            a: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="plain fields"):

        @quick_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class Post:
            a: int

            def __post_init__(self) -> None:
                pass


def test_missing_argument_fails_as_before() -> None:
    with pytest.raises(TypeError):
        NameMatch(1, 2, "MODEL", "k")  # type: ignore[call-arg]
