"""Records to a leaderboard: group results by (benchmark, metric, setting), rank where safe.

Results of different evaluation settings (``Result.setting``: zero-shot, 5-shot,
fine-tuned, ...) are never ranked together: the setting is part of a table's key, and a
result whose text names no setting sits in the table of its benchmark and metric whose
setting is None ("setting not stated"). A table is ranked only when the metric's
direction is known (``direction`` in ``data/metrics.jsonl``) and its results share one
unit; otherwise its rows keep paper order and the table's ``note`` says why. Only ``role
= result`` rows rank; baselines and improvements are listed apart. Results without a
benchmark, and values averaged over several test sets (never filed under one of them),
are listed as unassigned, with a ``note`` for the latter.

One paper is one paper: records of the same paper (same arXiv id, or same title when at
most one knows its arXiv id; :mod:`extractor.identity`) count once, the later one read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from extractor.identity import PaperIndex, arxiv_id, paper_url
from extractor.leaderboard._models import Leaderboard, Row, Table
from extractor.leaderboard._names import Direction, Name, NameIndex, name_index
from extractor.settings import averages_several_sets
from extractor_schemas import PaperRecord, Result

_match_date = regex.compile(r"\d{4}-\d{2}-\d{2}").match
_match_arxiv_month = regex.compile(r"(?P<yy>\d{2})(?P<mm>0[1-9]|1[0-2])\.\d{4,5}").fullmatch


def paper_date(record: PaperRecord) -> str | None:
    """When the paper came out: the source's date (YYYY-MM-DD), else the month a new-style
    arXiv id encodes (YYYY-MM), else None.

    >>> paper_date(PaperRecord(id="2405.17247", text=""))
    '2024-05'
    """
    when = record.meta.published if record.meta else None
    found = _match_date(when) if when else None
    if found:
        return str(found.group())
    month = _match_arxiv_month(arxiv_id(record) or "")
    return f"20{month['yy']}-{month['mm']}" if month else None


def averaged_over_sets(record: PaperRecord, result: Result) -> bool:
    """Whether the result's sentence gives one value for several test sets it names."""
    lo, hi = result.sentence.start, result.sentence.end
    names = {
        benchmark.name
        for benchmark in record.benchmarks
        if any(lo <= m.start and m.end <= hi for m in benchmark.mentions)
    }
    numbers = sum(1 for r in record.metrics if r.sentence == result.sentence)
    return averages_several_sets(result.sentence.text, len(names), numbers)


def _row(record: PaperRecord, result: Result, note: str | None = None) -> Row:
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
        setting=result.setting,
        note=note,
        paper_id=record.id,
        paper_title=record.title,
        paper_url=paper_url(record),
        paper_date=paper_date(record),
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
    setting: str | None
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
            setting=self.setting,
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


@dataclass(frozen=True)
class Filing:
    """Where the leaderboard files one result: its canonical names, and whether in a table."""

    benchmark: Name | None
    metric: Name | None
    in_table: bool  # False: unassigned (no benchmark, or a value over several test sets)
    note: str | None = None


def filing(record: PaperRecord, result: Result) -> Filing:
    """Where ``build`` files a result; the store's columns and view follow it too."""
    metric = name_index("metrics").canonical(result.metric) if result.metric else None
    if result.benchmark is None:
        return Filing(None, metric, in_table=False)
    benchmark = name_index("benchmarks").canonical(result.benchmark)
    if averaged_over_sets(record, result):
        note = f"a value over several test sets, not filed under {benchmark.display}"
        return Filing(benchmark, metric, in_table=False, note=note)
    return Filing(benchmark, metric, in_table=True)


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
    RETURNS (Leaderboard): Tables sorted by benchmark, metric and setting, and unassigned
        rows.
    """
    benchmarks, metrics = name_index("benchmarks"), name_index("metrics")
    groups: dict[tuple[str, str | None, str | None], _Group] = {}
    unassigned: list[Row] = []
    papers, read = unique_papers(records)
    for record in papers:
        for result in record.metrics:
            where = filing(record, result)
            metric_name, bench_name = where.metric, where.benchmark
            if not _matches(metric_name, metric, metrics):
                continue
            if bench_name is None:
                if benchmark is None:
                    unassigned.append(_row(record, result))
                continue
            if not _matches(bench_name, benchmark, benchmarks):
                continue
            if not where.in_table:
                unassigned.append(_row(record, result, where.note))
                continue
            key = (bench_name.key, metric_name.key if metric_name else None, result.setting)
            group = groups.setdefault(key, _Group(bench_name, metric_name, result.setting))
            group.rows.append(_row(record, result))
    tables = sorted(
        (group.table() for group in groups.values()),
        key=lambda t: (t.benchmark.casefold(), (t.metric or "").casefold(), t.setting or ""),
    )
    return Leaderboard(
        papers=len(papers), duplicates=read - len(papers), tables=tables, unassigned=unassigned
    )


def unique_papers(records: Iterable[PaperRecord]) -> tuple[list[PaperRecord], int]:
    """One record per paper, the last read, in the order papers were first read.

    RETURNS (tuple[list[PaperRecord], int]): The records kept, and how many were read.
    """
    index = PaperIndex()
    kept: dict[str, PaperRecord] = {}
    slot: dict[str, int] = {}  # record id -> position of the paper's first record
    read = 0
    for record in records:
        read += 1
        replaced = index.add(record)
        position = slot.pop(replaced, read) if replaced is not None else read
        if replaced is not None:
            kept.pop(replaced, None)
        slot[record.id] = position
        kept[record.id] = record
    return sorted(kept.values(), key=lambda r: slot[r.id]), read
