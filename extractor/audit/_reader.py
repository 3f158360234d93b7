"""Read PaperRecord JSONL leniently enough to audit it.

Records may come from other tools or be edited by hand, so a span whose text does not
match the record's text must not stop the record from being audited (the provenance
check reports it). Everything else is validated by ``schemas.PaperRecord``: each span is
validated in a repaired copy (its text taken from the record), the claimed span is put
back unvalidated, and a line that is still invalid becomes an error naming file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from extractor._errors import BadFieldError, BadJSONError, InputError
from extractor_schemas import PaperRecord, Span, accept_added_fields

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ReadItem:
    """One input line: the record it holds, or why it holds none (``skipped`` for the
    error records ``extractor extract`` writes, which have nothing to audit)."""

    line: int
    record: PaperRecord | None = None
    error: InputError | None = None
    skipped: bool = False


def _span_paths(obj: dict[str, Any]) -> Iterator[Path]:
    """Where the spans of a raw record object sit."""

    def entity(path: Path, value: Any) -> Iterator[Path]:
        mentions = value.get("mentions") if isinstance(value, dict) else None
        if isinstance(mentions, list):
            yield from ((*path, "mentions", j) for j in range(len(mentions)))

    yield from entity(("method",), obj.get("method"))
    for field in ("models", "benchmarks"):
        items = obj.get(field)
        if isinstance(items, list):
            for i, item in enumerate(items):
                yield from entity((field, i), item)
    for field, keys in (("metrics", ("span", "sentence")), ("code_urls", ("span",))):
        items = obj.get(field)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    yield from ((field, i, key) for key in keys if key in item)


def _get(obj: Any, path: Path) -> Any:
    for step in path:
        obj = obj[step]
    return obj


def _set(obj: Any, path: Path, value: Any) -> None:
    _get(obj, path[:-1])[path[-1]] = value


def _repair(obj: dict[str, Any]) -> dict[Path, Span]:
    """Give each well-formed span of ``obj`` the text it points at (in place); returns
    the claimed spans that differed, by path."""
    text = obj.get("text")
    if not isinstance(text, str):
        return {}
    claimed: dict[Path, Span] = {}
    for path in _span_paths(obj):
        raw = _get(obj, path)
        if not isinstance(raw, dict) or set(raw) != {"start", "end", "text"}:
            continue
        start, end, said = raw["start"], raw["end"], raw["text"]
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
        if not (ints and isinstance(said, str) and start >= 0 and end >= 0):
            continue
        s = min(start, len(text))
        e = max(s, min(end, len(text)))
        if (s, e, text[s:e]) != (start, end, said):
            _set(obj, path, {"start": s, "end": e, "text": text[s:e]})
            claimed[path] = Span.model_construct(start=start, end=end, text=said)
    return claimed


def _replace(model: BaseModel, path: Path, value: Any) -> BaseModel:
    """A copy of ``model`` with the value at ``path`` replaced (frozen models, lists)."""
    head, rest = path[0], path[1:]
    assert isinstance(head, str)
    current = getattr(model, head)
    if not rest:
        return model.model_copy(update={head: value})
    if isinstance(current, list):
        index = rest[0]
        assert isinstance(index, int)
        items = list(current)
        items[index] = _replace(items[index], rest[1:], value) if rest[1:] else value
        return model.model_copy(update={head: items})
    return model.model_copy(update={head: _replace(current, rest, value)})


def _flatten(error: ValidationError) -> str:
    return "; ".join(
        f"[{'.'.join(map(str, e['loc'])) or 'record'}] {e['msg']}" for e in error.errors()
    )


def parse_record(obj: Any, source: str, line: int) -> PaperRecord:
    """A record from one decoded JSON value; spans that do not match the text are kept as
    written (for the provenance check) when everything else is valid."""
    if not isinstance(obj, dict):
        raise BadJSONError(
            f"expected a JSON object, got {type(obj).__name__}", source=source, line=line
        )
    claimed = _repair(obj)
    try:
        record = accept_added_fields(PaperRecord, obj)
    except ValidationError as e:
        raise BadFieldError(f"not a paper record: {_flatten(e)}", source=source, line=line) from e
    for path, span in claimed.items():
        replaced = _replace(record, path, span)
        assert isinstance(replaced, PaperRecord)
        record = replaced
    return record


def read_records(lines: Iterable[bytes], source: str) -> Iterator[ReadItem]:
    """One item per non-blank JSONL line, in order; a bad line never stops the others."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError as e:
                raise BadJSONError(f"not valid JSON: {e}", source=source, line=number) from e
            if isinstance(obj, dict) and "error" in obj and "text" not in obj:
                yield ReadItem(number, skipped=True)
                continue
            yield ReadItem(number, record=parse_record(obj, source, number))
        except InputError as error:
            yield ReadItem(number, error=error)
