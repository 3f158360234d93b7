"""Records to a leaderboard: group results by (benchmark, metric), rank where it is safe.

A table is ranked only when the metric's direction is known (``direction`` in
``data/metrics.jsonl``) and its results share one unit; otherwise its rows keep paper
order and the table's ``note`` says why. Only ``role = result`` rows rank; baselines and
improvements are listed apart. Results without a benchmark are listed as unassigned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from extractor.leaderboard._models import Leaderboard, Row, Table
from extractor.leaderboard._names import Direction, Name, NameIndex, name_index
from schemas import PaperRecord, Result

_match_arxiv_id = regex.compile(r"\d{4}\.\d{4,5}(?:v\d+)?").fullmatch


def paper_url(paper_id: str) -> str | None:
    """The arXiv page of an arXiv id, else None.

    >>> paper_url("2403.01234"), paper_url("longalign")
    ('https://arxiv.org/abs/2403.01234', None)
    """
    return f"https://arxiv.org/abs/{paper_id}" if _match_arxiv_id(paper_id) else None


def _row(record: PaperRecord, result: Result) -> Row:
    return Row(
        model=result.model,
        method=record.method.name if record.method else None,
        value=result.value,
        text=result.text,
        unit=result.unit,
        bound=result.bound,
        role=result.role,
        metric=result.metric,
        benchmark=result.benchmark,
        paper_id=record.id,
        paper_title=record.title,
        paper_url=paper_url(record.id),
        code_links=[link.url for link in record.code_urls if link.kind == "code"],
        span=result.span,
        sentence=result.sentence,
    )


def rank(values: list[float], direction: Direction) -> list[int]:
    """Competition ranks ("1224"): one plus the number of strictly better values.

    >>> rank([80.0, 90.0, 80.0, 70.0], "higher")
    [2, 1, 2, 4]
    >>> rank([3.1, 2.5, 2.5], "lower")
    [3, 1, 1]
    """
    sign = -1.0 if direction == "higher" else 1.0
    keys = [sign * value for value in values]
    return [1 + sum(other < key for other in keys) for key in keys]


@dataclass
class _Group:
    benchmark: Name
    metric: Name | None
    rows: list[Row] = field(default_factory=list)

    def table(self) -> Table:
        results = [r for r in self.rows if r.role == "result"]
        note = self._why_unranked(results)
        direction = self.metric.direction if self.metric else None
        if note is None and direction is not None:
            ranks = rank([r.value for r in results], direction)
            ranked = [r.model_copy(update={"rank": n}) for r, n in zip(results, ranks, strict=True)]
            results = sorted(ranked, key=lambda r: r.rank or 0)  # stable: ties keep paper order
        return Table(
            benchmark=self.benchmark.display,
            metric=self.metric.display if self.metric else None,
            direction=direction,
            ranked=note is None,
            note=note,
            results=results,
            baselines=[r for r in self.rows if r.role == "baseline"],
            improvements=[r for r in self.rows if r.role == "improvement"],
        )

    def _why_unranked(self, results: list[Row]) -> str | None:
        if self.metric is None:
            return "no metric named: not ranked"
        if self.metric.direction is None:
            return (
                f"metric {self.metric.display!r} is not in the metrics list, so which way "
                "is better is unknown: not ranked"
            )
        units = sorted({r.unit or "none" for r in results})
        if len(units) > 1:
            return f"results in different units ({', '.join(units)}): not ranked"
        return None


def _matches(name: Name | None, wanted: str | None, index: NameIndex) -> bool:
    """Whether a filter lets a name through (no filter lets everything through)."""
    if wanted is None:
        return True
    return name is not None and index.canonical(wanted).key == name.key


def build(
    records: Iterable[PaperRecord], *, benchmark: str | None = None, metric: str | None = None
) -> Leaderboard:
    """The leaderboard of some records.

    records (Iterable[PaperRecord]): Read once, in order; paper order breaks ties.
    benchmark (str | None): Keep only this benchmark (any spelling the name list knows).
    metric (str | None): Keep only this metric (any spelling the name list knows).
    RETURNS (Leaderboard): Tables sorted by benchmark then metric, and unassigned rows.
    """
    benchmarks, metrics = name_index("benchmarks"), name_index("metrics")
    groups: dict[tuple[str, str | None], _Group] = {}
    unassigned: list[Row] = []
    papers = 0
    for record in records:
        papers += 1
        for result in record.metrics:
            metric_name = metrics.canonical(result.metric) if result.metric else None
            if not _matches(metric_name, metric, metrics):
                continue
            if result.benchmark is None:
                if benchmark is None:
                    unassigned.append(_row(record, result))
                continue
            bench_name = benchmarks.canonical(result.benchmark)
            if not _matches(bench_name, benchmark, benchmarks):
                continue
            key = (bench_name.key, metric_name.key if metric_name else None)
            group = groups.setdefault(key, _Group(bench_name, metric_name))
            group.rows.append(_row(record, result))
    tables = sorted(
        (group.table() for group in groups.values()),
        key=lambda t: (t.benchmark.casefold(), (t.metric or "").casefold()),
    )
    return Leaderboard(papers=papers, tables=tables, unassigned=unassigned)
