"""Turn a processed Doc into a validated ``PaperRecord``.

The only module that knows both spaCy and the schemas: everything downstream
(JSONL, leaderboard, audit) reads records, never Docs.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.components._spans import doc_text
from extractor.components.method import MethodMatch
from extractor.components.names import BENCHMARK, MODEL, NameMatch, name_key
from extractor.components.results import ResultMatch
from extractor.components.urls import LinkMatch
from schemas import Entity, Link, PaperRecord, Result, Span


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _entities(text: str, names: list[NameMatch], label: str) -> list[Entity]:
    """Group mentions by key; the name is the first spelling, later spellings are aliases."""
    grouped: dict[str, list[NameMatch]] = {}
    for match in names:
        if match.label == label:
            grouped.setdefault(match.key, []).append(match)
    entities = []
    for mentions in grouped.values():
        mentions.sort(key=lambda m: m.start)
        spellings = list(dict.fromkeys(text[m.start : m.end] for m in mentions))
        entities.append(
            Entity(
                name=spellings[0],
                aliases=spellings[1:],
                mentions=[_span(text, m.start, m.end) for m in mentions],
            )
        )
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def _method_entity(text: str, method: MethodMatch | None) -> Entity | None:
    if method is None:
        return None
    return Entity(
        name=method.name,
        aliases=list(method.aliases),
        mentions=[_span(text, s, e) for s, e in method.mentions],
    )


def _result(text: str, match: ResultMatch) -> Result:
    q = match.quantity
    return Result(
        text=q.text,
        value=q.value,
        unit=q.unit,
        role=match.role,  # type: ignore[arg-type]
        bound=match.bound,  # type: ignore[arg-type]
        metric=match.metric,
        benchmark=match.benchmark,
        model=match.model,
        span=_span(text, q.start, q.end),
        sentence=_span(text, *match.sentence),
    )


def _link(text: str, link: LinkMatch) -> Link:
    return Link(url=link.url, kind=link.kind, span=_span(text, link.start, link.end))  # type: ignore[arg-type]


def doc_to_record(doc: Doc, *, id: str, title: str | None = None) -> PaperRecord:
    """The record of one processed Doc; every span indexes into ``doc.text``."""
    text = doc_text(doc)
    names: list[NameMatch] = doc._.paper_names or []
    method: MethodMatch | None = doc._.paper_method
    models = _entities(text, names, MODEL)
    method_entity = _method_entity(text, method)
    if method and method_entity:
        own = {name_key(n) for n in (method.name, *method.aliases)}
        if method.is_model:
            if not own & {name_key(m.name) for m in models}:
                models.append(method_entity)
                models.sort(key=lambda e: e.mentions[0].start if e.mentions else len(text))
        else:
            # The paper's own method is a model only when the text calls it one.
            models = [m for m in models if not own & {name_key(n) for n in (m.name, *m.aliases)}]
    return PaperRecord(
        id=id,
        title=title,
        text=text,
        method=method_entity,
        models=models,
        benchmarks=_entities(text, names, BENCHMARK),
        metrics=[_result(text, r) for r in doc._.paper_results or []],
        code_urls=[_link(text, link) for link in doc._.paper_links or []],
    )
