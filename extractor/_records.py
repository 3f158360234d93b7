"""Turn a processed Doc into a validated ``PaperRecord``.

The only module that knows both spaCy and the schemas: everything downstream
(JSONL, leaderboard, audit) reads records, never Docs. The record is assembled as plain
data and validated once, as a whole, by pydantic (which also checks every span against
the text).
"""

from __future__ import annotations

from typing import Any

import regex
from spacy.tokens import Doc

from extractor.components._spans import doc_text, payload
from extractor.components.method import MethodMatch, without_method_benchmarks
from extractor.components.names import BENCHMARK, MODEL, NameMatch, name_key
from extractor.components.urls import LinkMatch
from extractor.metric_names import metric_name
from extractor.pipeline.results import ResultMatch, ranker
from extractor.settings import setting_of
from extractor.sources import slugify
from extractor_schemas import PaperMeta, PaperRecord

Data = dict[str, Any]


def _span(text: str, start: int, end: int) -> Data:
    return {"start": start, "end": end, "text": text[start:end]}


def _entities(text: str, names: list[NameMatch], label: str) -> list[Data]:
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
            {
                "name": spellings[0],
                "aliases": spellings[1:],
                "mentions": [_span(text, m.start, m.end) for m in mentions],
            }
        )
    entities.sort(key=_first_mention)
    return entities


def _first_mention(entity: Data) -> int:
    mentions: list[Data] = entity["mentions"]
    return int(mentions[0]["start"]) if mentions else 1 << 30


def _spellings(entity: Data) -> set[str]:
    return {name_key(n) for n in (entity["name"], *entity["aliases"])}


def _method_entity(text: str, method: MethodMatch | None) -> Data | None:
    if method is None:
        return None
    return {
        "name": method.name,
        "aliases": list(method.aliases),
        "mentions": [_span(text, s, e) for s, e in method.mentions],
    }


def _result(text: str, match: ResultMatch, numbers: list[tuple[int, int]]) -> Data:
    q = match.quantity
    return {
        "text": q.text,
        "value": q.value,
        "unit": q.unit,
        "role": match.role,
        "bound": match.bound,
        "metric": metric_name(match.metric) if match.metric else None,
        "benchmark": match.benchmark,
        "model": match.model,
        "setting": setting_of(text, match.sentence, (q.start, q.end), numbers),
        "span": _span(text, q.start, q.end),
        "sentence": _span(text, *match.sentence),
        "strategy": {
            "role": match.strategy.role,
            "metric": match.strategy.metric,
            "benchmark": match.strategy.benchmark,
            "model": match.strategy.model,
        },
    }


def _results(text: str, matches: list[ResultMatch]) -> list[Data]:
    """The results, each with the setting its sentence names for it."""
    numbers: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for match in matches:
        numbers.setdefault(match.sentence, []).append((match.quantity.start, match.quantity.end))
    return [_result(text, match, numbers[match.sentence]) for match in matches]


def _first_of_each_url(links: list[LinkMatch] | None) -> list[LinkMatch]:
    """Each URL once, at its first mention: a Markdown link "[url](url)" writes it twice."""
    seen: set[str] = set()
    first = []
    for link in links or []:
        if link.url not in seen:
            seen.add(link.url)
            first.append(link)
    return first


def _link(text: str, link: LinkMatch) -> Data:
    return {"url": link.url, "kind": link.kind, "span": _span(text, link.start, link.end)}


def _models(text: str, names: list[NameMatch], method: MethodMatch | None) -> list[Data]:
    """The models; the paper's own method is one only when the text calls it a model."""
    models = _entities(text, names, MODEL)
    method_entity = _method_entity(text, method)
    if method is None or method_entity is None:
        return models
    own = _spellings(method_entity)
    if not method.is_model:
        return [m for m in models if not own & _spellings(m)]
    if not any(own & {name_key(m["name"])} for m in models):
        models.append(method_entity)
        models.sort(key=_first_mention)
    return models


# A benchmark's edition: its bare name and a year ("APTOS 2019", "VisDrone2019", "BraTS-2021")
# or a size ("Atari 100k", "Higgs-100k").
_match_edition = regex.compile(r"(?P<bare>.*?\p{L})[\s\-]?(?:(?:19|20)\d\d|\d+[kKmM])").fullmatch


def _editions_folded(benchmarks: list[Data]) -> tuple[list[Data], dict[str, str]]:
    """Benchmarks with a bare name folded into its one edition, and the spellings moved.

    "trained on the APTOS 2019 dataset ... a kappa of 0.88 on the APTOS validation set",
    "the Atari 100k benchmark ... human-level on 9 Atari games": the bare name is that
    edition (GUIDELINES, benchmark extents: the bare name and a variant are listed apart
    only when the text uses both for different things; two editions, "VOC 2007 and VOC
    2012", leave the bare name apart).
    """
    by_bare: dict[str, list[Data]] = {}
    for entity in benchmarks:
        edition = _match_edition(entity["name"])
        if edition:
            by_bare.setdefault(edition.group("bare").casefold(), []).append(entity)
    if not by_bare:
        return benchmarks, {}
    moved: dict[str, str] = {}
    kept = []
    for entity in benchmarks:
        editions = by_bare.get(entity["name"].casefold(), [])
        if len(editions) != 1:
            kept.append(entity)
            continue
        _fold_into(editions[0], entity, moved)
    return kept, moved


def _fold_into(target: Data, entity: Data, moved: dict[str, str]) -> None:
    """Make ``entity``'s spellings aliases of ``target`` and its mentions ``target``'s,
    noting each spelling moved."""
    for spelling in (entity["name"], *entity["aliases"]):
        moved[spelling] = target["name"]
        if spelling not in target["aliases"]:
            target["aliases"].append(spelling)
    target["mentions"] = sorted(
        target["mentions"] + entity["mentions"], key=lambda m: int(m["start"])
    )


# What a full model name adds to a short reference: a version, size or variant with a digit
# ("Prithvi 2.0", "Clay V1.5", "BitNet-b1.58-2B-4T").
_match_version_tail = regex.compile(r"[\s\-](?=[^\s]*\d)\S.*").fullmatch


def _short_references_folded(models: list[Data]) -> tuple[list[Data], dict[str, str]]:
    """Models written first in full and later by their bare name ("Prithvi 2.0 ...
    outperforming Prithvi (0.24)") are one model: the bare name becomes an alias of the one
    full name it begins, when the full name is written before every bare mention and no
    other model begins with it. Returns the models and the spellings moved."""
    moved: dict[str, str] = {}
    kept = []
    for entity in models:
        name = entity["name"]
        fuller = [
            m
            for m in models
            if m is not entity
            and m["name"].startswith(name)
            and _match_version_tail(m["name"][len(name) :])
        ]
        if len(fuller) != 1 or _first_mention(fuller[0]) > _first_mention(entity):
            kept.append(entity)
            continue
        _fold_into(fuller[0], entity, moved)
    return kept, moved


def doc_to_record(
    doc: Doc, *, id: str | None = None, title: str | None = None, meta: PaperMeta | None = None
) -> PaperRecord:
    """The record of one Doc that this package's components have processed.

    Works on a Doc from your own pipeline too (``spacy.blank("en")`` plus the
    ``paper_*`` components, see :func:`extractor.build_pipeline`), also after
    ``nlp.pipe(..., n_process=N)`` or a ``DocBin`` round trip.

    doc (Doc): The processed Doc; every span of the record indexes into ``doc.text``.
    id (str | None): The record's id; by default a slug of the title (or of the text).
    title (str | None): The paper's title, as the record keeps it.
    meta (PaperMeta | None): What the source says about the paper.
    RETURNS (PaperRecord): The validated record.
    """
    text = doc_text(doc)
    if id is None:
        id = slugify(title or text[:80]) or "paper"
    method: MethodMatch | None = payload(doc, "paper_method")
    names = without_method_benchmarks(text, payload(doc, "paper_names") or [], method)
    benchmarks, editions = _editions_folded(_entities(text, names, BENCHMARK))
    results = _results(text, payload(doc, "paper_results") or [])
    if editions:
        for result in results:
            result["benchmark"] = editions.get(result["benchmark"], result["benchmark"])
    models, short = _short_references_folded(_models(text, names, method))
    if short:
        for result in results:
            result["model"] = short.get(result["model"], result["model"])
    record = PaperRecord.model_validate(
        {
            "id": id,
            "title": title,
            "text": text,
            "method": _method_entity(text, method),
            "models": models,
            "benchmarks": benchmarks,
            "metrics": results,
            "code_urls": [
                _link(text, link) for link in _first_of_each_url(payload(doc, "paper_links"))
            ],
            "meta": meta,
        }
    )
    # The learned attribution ranker, off unless EXTRACTOR_RANKER names attributes.
    return ranker.rerank(record, names) if ranker.enabled() else record
