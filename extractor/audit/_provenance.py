"""Provenance: every value, name and URL must be what the text holds at its span (A1xx)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractor.audit._findings import Finding, finding
from extractor.audit._text import all_spans, located, span_holds_text, written_numbers
from extractor.evaluate import lenient_key
from extractor_schemas import Entity, PaperRecord

# What a URL's span may add or drop: a scheme in front, sentence punctuation or a slash
# at the end ("github.com/x/y." is recorded as "https://github.com/x/y").
_sub_url_scheme = regex.compile(r"^(?:https?://)?(?:www\.)?", regex.IGNORECASE).sub
_URL_TAIL = ".,;:!?)]}'\"/"


def _url_core(url: str) -> str:
    """
    >>> _url_core("https://github.com/x/y/") == _url_core("github.com/x/y.")
    True
    """
    core: str = _sub_url_scheme("", url.strip())
    return core.rstrip(_URL_TAIL)


def check_spans(record: PaperRecord) -> Iterator[Finding]:
    """A101: a span whose ``text`` is not the slice of the record's text it points at."""
    for where, span in all_spans(record):
        if span_holds_text(record.text, span):
            continue
        there = located(record.text, span)
        message = (
            f"{where} [{span.start}, {span.end}) says {span.text!r} "
            f"but the text there is {there.text!r}"
        )
        elsewhere = record.text.find(span.text) if span.text else -1
        if elsewhere >= 0:
            message += f"; {span.text!r} is at [{elsewhere}, {elsewhere + len(span.text)})"
        yield finding(record.id, "A101", message, [there] if there.text else [])


def check_values(record: PaperRecord) -> Iterator[Finding]:
    """A102: a result value that is not a number written at its span."""
    for i, result in enumerate(record.metrics):
        if not span_holds_text(record.text, result.span):
            continue  # A101 already says the span is wrong
        written = written_numbers(result.span.text)
        if not written:
            continue  # written in words ("two-fold"): nothing to compare
        if any(abs(abs(number) - abs(result.value)) < 1e-9 for number, _ in written):
            continue
        numbers = ", ".join(f"{number:g}" for number, _ in written)
        yield finding(
            record.id,
            "A102",
            f"metrics[{i}] has value {result.value:g} but its span {result.span.text!r} "
            f"holds {numbers}",
            [result.span],
        )


def _entities(record: PaperRecord) -> Iterator[tuple[str, Entity]]:
    if record.method:
        yield "method", record.method
    yield from ((f"models[{i}]", e) for i, e in enumerate(record.models))
    yield from ((f"benchmarks[{i}]", e) for i, e in enumerate(record.benchmarks))


def check_names(record: PaperRecord) -> Iterator[Finding]:
    """A103: an entity mention whose text is neither the entity's name nor an alias.

    Names compare leniently (case, hyphens, spaces and underscores ignored).
    """
    for where, entity in _entities(record):
        known = {lenient_key(name) for name in (entity.name, *entity.aliases)}
        for j, mention in enumerate(entity.mentions):
            if not span_holds_text(record.text, mention):
                continue
            if lenient_key(mention.text) not in known:
                yield finding(
                    record.id,
                    "A103",
                    f"{where}.mentions[{j}] {mention.text!r} is not {entity.name!r} "
                    f"nor one of its aliases {entity.aliases!r}",
                    [mention],
                )


def check_links(record: PaperRecord) -> Iterator[Finding]:
    """A104: a URL that is not the address written at its span."""
    for i, link in enumerate(record.code_urls):
        if not span_holds_text(record.text, link.span):
            continue
        if _url_core(link.url) != _url_core(link.span.text):
            yield finding(
                record.id,
                "A104",
                f"code_urls[{i}] is {link.url!r} but its span holds {link.span.text!r}",
                [link.span],
            )


def check_provenance(record: PaperRecord) -> Iterator[Finding]:
    """All provenance findings of one record."""
    yield from check_spans(record)
    yield from check_values(record)
    yield from check_names(record)
    yield from check_links(record)
