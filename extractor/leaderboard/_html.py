"""The leaderboard as one self-contained HTML page a person reads.

The page opens on a contents list, ranked tables first. A section per benchmark and
setting holds a row per paper and model, with a column per metric where the benchmark
has several; the paper cell is the linked title; each row quotes its sentence with the
number highlighted. A bar chart is drawn only where at least two papers compete, and a
"state of the art over time" chart where at least two dates are known. Headers sort by
click, Enter or Space.

Paper text is escaped by jinja2's autoescape (and by :func:`quote`, which escapes each
piece before marking the number); charts are inline SVG made by matplotlib; the sorting
script is inline. Nothing is loaded from anywhere. Every link goes through the ``href``
filter (:func:`href`): only plain http(s) URLs become links (a ``javascript:`` or
``data:`` URL from a records file stays text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from extractor._safe import web_url
from extractor.leaderboard._chart import bar_chart_svg, sota_chart_svg
from extractor.leaderboard._format import title
from extractor.leaderboard._models import Leaderboard, Row, Table

_BOUND_MARK = {"exact": "", "at_least": "≥", "at_most": "≤", "approx": "≈"}
_ARROW = {"higher": "↑", "lower": "↓"}


def href(url: str | None) -> str | None:
    """The URL a link may point at; None for no link (the one place links are built):
    only plain http(s) URLs, so a ``javascript:`` or ``data:`` URL stays text."""
    return web_url(url)


def as_written(row: Row) -> str:
    """The number as the paper wrote it, with its bound: "≥85.7%", "3x"."""
    return _BOUND_MARK[row.bound] + row.text


def quote(row: Row) -> Markup:
    """The row's sentence, escaped, with its number in ``<mark>``."""
    sentence, span = row.sentence, row.span
    start, end = span.start - sentence.start, span.end - sentence.start
    text = sentence.text
    if not (0 <= start <= end <= len(text)):
        return Markup(escape(text))
    return Markup("{}<mark>{}</mark>{}").format(text[:start], text[start:end], text[end:])


@dataclass
class Line:
    """One row of a section: a paper and model, a cell per metric."""

    first: Row
    cells: dict[str, Row] = field(default_factory=dict)

    @property
    def evidence(self) -> list[Row]:
        """One row per distinct sentence, to quote each sentence once."""
        seen: dict[tuple[int, int], Row] = {}
        for row in self.cells.values():
            seen.setdefault((row.sentence.start, row.sentence.end), row)
        return list(seen.values())


@dataclass
class Section:
    """The tables of one benchmark in one setting, shown as one table of metric columns."""

    anchor: str
    benchmark: str
    setting: str | None
    tables: list[Table]
    primary: Table | None  # the table whose rank orders the rows
    lines: list[Line]
    bar_chart: Markup | None = None
    time_chart: Markup | None = None

    @property
    def heading(self) -> str:
        return self.benchmark + (f" — {self.setting}" if self.setting else "")

    @property
    def ranked(self) -> bool:
        return any(t.ranked and t.results for t in self.tables)

    @property
    def papers(self) -> int:
        """How many papers the section's results come from."""
        return len({line.first.paper_id for line in self.lines})

    @property
    def metric_tables(self) -> list[Table]:
        """The tables with results, the primary (ranking) one first: the metric columns."""
        with_results = [t for t in self.tables if t.results]
        return sorted(with_results, key=lambda t: t is not self.primary)

    def column(self, table: Table) -> str:
        return (table.metric or "metric not named") + (
            f" {_ARROW[table.direction]}" if table.direction else ""
        )


def _key(table: Table) -> str:
    return table.metric or ""


def _lines(tables: list[Table], primary: Table | None) -> list[Line]:
    """A line per (paper, model); a second value of one metric starts another line."""
    ordered = ([primary] if primary else []) + [t for t in tables if t is not primary]
    lines: list[Line] = []
    for table in ordered:
        for row in table.results:
            who = (row.paper_id, row.model or row.method)
            line = next(
                (x for x in lines
                 if (x.first.paper_id, x.first.model or x.first.method) == who
                 and _key(table) not in x.cells),
                None,
            )  # fmt: skip
            if line is None:
                line = Line(first=row)
                lines.append(line)
            line.cells[_key(table)] = row
    return lines


def _primary(tables: list[Table]) -> Table | None:
    """The ranked table with the most results (ties: the first), else None."""
    ranked = [t for t in tables if t.ranked and t.results]
    return max(ranked, key=lambda t: len(t.results)) if ranked else None


def _papers(table: Table) -> int:
    return len({row.paper_id for row in table.results})


def sections(board: Leaderboard, charts: bool = True) -> list[Section]:
    """The page's sections: ranked first, then by benchmark and setting."""
    grouped: dict[tuple[str, str | None], list[Table]] = {}
    for table in board.tables:
        grouped.setdefault((table.benchmark, table.setting), []).append(table)
    found = []
    for (benchmark, setting), tables in grouped.items():
        primary = _primary(tables)
        found.append(
            Section(
                anchor="",
                benchmark=benchmark,
                setting=setting,
                tables=tables,
                primary=primary,
                lines=_lines([t for t in tables if t.results], primary),
            )
        )
    # Ranked sections first, those where most papers compete first among them.
    found.sort(key=lambda s: (not s.ranked, -s.papers, s.benchmark.casefold(), s.setting or ""))
    for number, section in enumerate(found):
        section.anchor = f"s{number}"
        chart_table = section.primary or next(iter(section.metric_tables), None)
        if charts and chart_table is not None and _papers(chart_table) >= 2:
            # matplotlib writes the SVG and escapes the text in it: markup, not paper text.
            svg = bar_chart_svg(chart_table, f"bar-{number}")
            section.bar_chart = Markup(svg) if svg else None
            if section.primary is not None:
                svg = sota_chart_svg(section.primary, f"time-{number}")
                section.time_chart = Markup(svg) if svg else None
    return found


_environment = Environment(
    loader=PackageLoader("extractor.leaderboard", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["href"] = href
_environment.filters["as_written"] = as_written
_environment.filters["quote"] = quote
_environment.filters["title"] = title


def to_html(board: Leaderboard) -> str:
    """The page; raises ``ChartUnavailable`` when matplotlib is not installed."""
    found = sections(board)
    template = _environment.get_template("leaderboard.html.j2")
    return template.render(
        board=board,
        sections=found,
        ranked_results=sum(len(t.results) for t in board.tables if t.ranked),
    )
