"""Cross-paper: one model, benchmark and metric, reported with different values (A4xx)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from extractor.audit._findings import Finding, finding
from extractor.audit._text import metric_id, precision_of
from extractor.evaluate import lenient_key
from extractor_schemas import PaperRecord, Result


@dataclass(frozen=True, slots=True)
class Claim:
    """One paper's exact result for a (model, benchmark, metric)."""

    paper_id: str
    result: Result


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Papers that report different values for the same model, benchmark and metric."""

    model: str
    benchmark: str
    metric: str
    unit: str | None
    claims: tuple[Claim, ...]


Key = tuple[str, str, str, str | None]


def _key(result: Result) -> Key | None:
    if not (result.model and result.benchmark and result.metric):
        return None
    return (
        lenient_key(result.model),
        lenient_key(result.benchmark),
        metric_id(result.metric),
        result.unit,
    )


def _same(a: Result, b: Result) -> bool:
    """Equal values up to the rounding of either ("85.7" and "85.72" may be the same)."""
    return abs(a.value - b.value) <= precision_of(a) + precision_of(b) + 1e-9


def find_disagreements(records: Iterable[PaperRecord]) -> list[Disagreement]:
    """Groups of exact results by (model, benchmark, metric, unit) in which at least two
    papers report values that differ."""
    groups: dict[Key, list[Claim]] = defaultdict(list)
    for record in records:
        for result in record.metrics:
            key = _key(result)
            if key and result.role == "result" and result.bound == "exact":
                groups[key].append(Claim(record.id, result))
    disagreements = []
    for claims in groups.values():
        if not any(
            a.paper_id != b.paper_id and not _same(a.result, b.result)
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
        ):
            continue
        first = claims[0].result
        disagreements.append(
            Disagreement(
                first.model or "",
                first.benchmark or "",
                first.metric or "",
                first.unit,
                tuple(claims),
            )
        )
    return disagreements


def check_cross_paper(records: Iterable[PaperRecord]) -> Iterator[Finding]:
    """A401: one finding per paper in each disagreement, listing every paper's value."""
    for group in find_disagreements(records):
        listing = "; ".join(f"{c.paper_id}: {c.result.text}" for c in group.claims)
        for claim in group.claims:
            yield finding(
                claim.paper_id,
                "A401",
                f"{group.model} on {group.benchmark} ({group.metric}) is reported as {listing}",
                [claim.result.span],
            )
