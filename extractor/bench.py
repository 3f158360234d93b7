"""Throughput benchmark: ``python -m extractor.bench [-n N] [--repeat R] [--json]``.

One run measures, on the same corpus of N abstracts (the bundled Daily Papers sample,
repeated with light variation), three rates in abstracts per second:

- ``baseline``: ``spacy.blank("en")`` tokenizing the cleaned texts, the floor any spaCy
  pipeline pays;
- ``extract_many``: :func:`extractor.extract_many`, consuming every record;
- ``unbudgeted``: the same with no per-paper time budget (``budget=None``); the ratio of
  the two is what the budget's timers and checks cost;
- ``cli``: ``python -m extractor extract corpus.jsonl -o out`` as a subprocess, wall-clock
  including process start-up; the start-up (a 1-paper run) and the rate with it
  subtracted are reported too;
- ``workers``: the same command with ``--workers W`` (default 2), and its speed-up over
  the one-process CLI.

Each time is the median of ``--repeat`` runs after one warm-up on a small slice. Apart
from the ``workers`` row nothing runs in parallel: one process, spaCy's default
``n_process=1``, and the CLI in one child process at a time, so one core is busy. Peak RSS comes
from ``resource.getrusage``: for the in-process rows, the growth of this whole process's
peak; for the CLI, the child's own peak, read on one extra untimed run.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import orjson
import spacy

from extractor._budget import DEFAULT_BUDGET
from extractor._extract import extract_many
from extractor._text import clean
from extractor.sources import read_source
from extractor_schemas import ErrorRecord, Paper

if sys.platform != "win32":
    import resource

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "fixtures" / "daily-papers.txt"
DEFAULT_COUNT = 20_000
DEFAULT_WORKERS = 2
ROWS = ("baseline", "extract_many", "unbudgeted", "cli", "workers")
DEFAULT_REPEAT = 3
WARMUP_COUNT = 32

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Row:
    """One measurement: how many abstracts took how long, and the memory it cost."""

    name: str
    label: str
    abstracts: int
    seconds: float
    rate: float | None
    ratio_to_baseline: float | None = None
    peak_rss_mib: float | None = None
    rss_kind: str = ""


# --- corpus ---------------------------------------------------------------------------------


def load_papers(path: Path) -> list[Paper]:
    """The papers of a source file (any format the CLI reads); unreadable items are skipped."""
    papers = [item.paper for item in read_source(str(path)) if item.paper is not None]
    if not papers:
        raise SystemExit(f"extractor.bench: no papers in {path}")
    return papers


def _vary(paper: Paper, copy: int, index: int) -> Paper:
    """Copy number ``copy`` of a paper: sentences rotated and one numeric sentence added."""
    if copy == 0:
        return paper
    sentences = _SENTENCE_END.split(paper.abstract.strip())
    shift = copy % len(sentences)
    rotated = " ".join(sentences[shift:] + sentences[:shift])
    score = 50 + (copy * 7 + index * 3) % 50 + (copy % 10) / 10
    extra = f" In run {copy}, the model reaches {score:.1f}% accuracy on a held-out split."
    return Paper(id=f"{paper.id}-v{copy}", title=paper.title, abstract=rotated + extra)


def build_corpus(papers: Sequence[Paper], count: int) -> list[Paper]:
    """``count`` papers: the originals, then deterministic variations of them, in turn."""
    return [_vary(papers[i % len(papers)], i // len(papers), i % len(papers)) for i in range(count)]


def write_jsonl(papers: Sequence[Paper], path: Path) -> None:
    """Write papers as JSON Lines the CLI reads (``id``, ``title``, ``abstract``)."""
    with path.open("wb") as out:
        for paper in papers:
            out.write(orjson.dumps(paper.model_dump(exclude_none=True)) + b"\n")


# --- timing ---------------------------------------------------------------------------------


def _peak_rss_kib() -> int | None:
    """This whole process's peak RSS so far, in KiB (None where getrusage is missing)."""
    if sys.platform == "win32":
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _mib(kib: int | None) -> float | None:
    return None if kib is None else kib / 1024


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """The median wall-clock time (``time.perf_counter``) of ``repeat`` calls of ``run``."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _in_process(
    name: str, label: str, run: Callable[[int], object], count: int, repeat: int
) -> Row:
    """Warm up ``run`` on a slice, then time it on all ``count`` items; RSS is the peak growth."""
    before = _peak_rss_kib()
    run(min(count, WARMUP_COUNT))
    seconds = median_seconds(lambda: run(count), repeat)
    after = _peak_rss_kib()
    delta = None if before is None or after is None else after - before
    return Row(name, label, count, seconds, count / seconds, None, _mib(delta), "process delta")


def bench_baseline(texts: Sequence[str], repeat: int) -> Row:
    """``spacy.blank("en")`` tokenizing the cleaned texts."""
    nlp = spacy.blank("en")

    def run(n: int) -> int:
        return sum(len(doc) for doc in nlp.pipe(texts[:n]))

    label = 'spacy.blank("en") tokenizer'
    return _in_process("baseline", label, run, len(texts), repeat)


def bench_extract_many(
    papers: Sequence[Paper], repeat: int, budget: float | None = DEFAULT_BUDGET
) -> Row:
    """:func:`extractor.extract_many` over the papers, consuming every record, each paper
    within ``budget`` seconds (the default) or, with None, under no time budget."""

    def run(n: int) -> int:
        records = errors = 0
        for record in extract_many(papers[:n], budget=budget):
            records += 1
            errors += isinstance(record, ErrorRecord)
        if records != n or errors:
            raise RuntimeError(f"extract_many gave {records} records, {errors} errors, for {n}")
        return records

    if budget is None:
        label = "extract_many, no time budget"
        return _in_process("unbudgeted", label, run, len(papers), repeat)
    return _in_process("extract_many", "extractor.extract_many", run, len(papers), repeat)


def cli_command(source: Path, output: Path, workers: int = 1) -> list[str]:
    """The command line the CLI rows time."""
    command = [sys.executable, "-m", "extractor", "extract", str(source), "-o", str(output)]
    return command + (["--workers", str(workers)] if workers > 1 else [])


def run_cli(source: Path, output: Path, workers: int = 1) -> float:
    """Seconds for one ``python -m extractor extract SOURCE -o OUTPUT`` subprocess."""
    start = time.perf_counter()
    done = subprocess.run(
        cli_command(source, output, workers),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"CLI exited {done.returncode}: {message[-500:]}")
    return seconds


# A child's ru_maxrss starts from the peak of the process that spawned it (the kernel keeps
# the old address space's high-water mark across exec), so the CLI's own peak is read by a
# small interpreter that runs it, not by this large process.
_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def cli_peak_rss_mib(source: Path, output: Path, workers: int = 1) -> float | None:
    """The CLI's peak RSS in MiB on one extra, untimed run (None where getrusage is missing).

    With workers this is the largest single process (``RUSAGE_CHILDREN`` keeps the
    maximum over the process tree, not the sum).
    """
    if sys.platform == "win32":
        return None
    command = [sys.executable, "-c", _RSS_PROBE, *cli_command(source, output, workers)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    kib = int(done.stdout.split()[-1])
    return _mib(kib // 1024 if sys.platform == "darwin" else kib)


def bench_cli(papers: Sequence[Paper], repeat: int, rows: Sequence[str], workers: int) -> list[Row]:
    """The CLI end to end, its start-up (a 1-paper run), its rate net of start-up, and the
    same with ``--workers``."""
    count = len(papers)
    label, rss = "CLI end to end (with start-up)", "child peak"
    measured = []
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        one, full, out = Path(tmp, "one.jsonl"), Path(tmp, "corpus.jsonl"), Path(tmp, "out")
        write_jsonl(papers[:1], one)
        write_jsonl(papers, full)
        run_cli(one, out)  # warm-up: byte-code and file caches
        if "cli" in rows:
            startup = median_seconds(lambda: run_cli(one, out), repeat)
            seconds = median_seconds(lambda: run_cli(full, out), repeat)
            startup_rss, full_rss = cli_peak_rss_mib(one, out), cli_peak_rss_mib(full, out)
            net = seconds - startup
            measured += [
                Row("cli", label, count, seconds, count / seconds, None, full_rss, rss),
                Row(
                    "cli_startup",
                    "CLI start-up (1-paper run)",
                    1,
                    startup,
                    None,
                    None,
                    startup_rss,
                    rss,
                ),
                Row("cli_net", "CLI minus start-up", count, net, count / net if net > 0 else None),
            ]
        if "workers" in rows:
            seconds = median_seconds(lambda: run_cli(full, out, workers), repeat)
            peak = cli_peak_rss_mib(full, out, workers)
            name = f"CLI --workers {workers} (with start-up)"
            measured.append(
                Row(
                    "cli_workers",
                    name,
                    count,
                    seconds,
                    count / seconds,
                    None,
                    peak,
                    "largest process",
                )
            )
    return measured


def with_ratios(rows: Sequence[Row]) -> list[Row]:
    """The rows with ``ratio_to_baseline`` (rate / baseline rate) filled in where defined."""
    base = rows[0].rate if rows and rows[0].name == "baseline" else None
    return [
        Row(**{**asdict(row), "ratio_to_baseline": row.rate / base})
        if row.rate is not None and base
        else row
        for row in rows
    ]


# --- report ---------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """Where the numbers were measured."""
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "spacy": version("spacy"),
    }


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _rss(row: Row) -> str:
    if row.peak_rss_mib is None:
        return "-"
    sign = "+" if row.rss_kind == "process delta" else ""
    return f"{sign}{row.peak_rss_mib:.1f}"


def render_table(report: dict[str, Any], rows: Sequence[Row]) -> str:
    """The report as a plain-text table with a machine footer."""
    head = ("measurement", "abstracts", "seconds", "abstracts/s", "x baseline", "peak RSS MiB")
    body = [
        (
            r.label,
            str(r.abstracts),
            f"{r.seconds:.3f}",
            _fmt(r.rate, ",.1f"),
            _fmt(r.ratio_to_baseline, ".4f"),
            _rss(r),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    ratio, speedup = report["extract_many_ratio_to_baseline"], report["workers_speedup"]
    m = report["machine"]
    lines = [line(head), line(["-" * w for w in widths]), *map(line, body), ""]
    if ratio:
        lines.append(
            f"extract_many / baseline rate: {ratio:.4f} ({1 / ratio:.1f}x slower than tokenizing)"
        )
    if report.get("budget_ratio"):
        lines.append(
            f"extract_many / no-budget rate: {report['budget_ratio']:.4f}"
            " (what the per-paper time budget costs)"
        )
    if speedup:
        lines.append(f"--workers {report['workers']} / one-process CLI rate: {speedup:.2f}x")
    lines.append(
        f"median of {report['repeat']} run(s) after a warm-up; one core busy at a time except"
        " in the --workers row"
    )
    lines.append(
        "peak RSS (getrusage): '+' = growth of this whole process's peak; CLI = the child's peak"
    )
    lines.append(
        f"machine: {m['platform']}, Python {m['python']}, cpu_count={m['cpu_count']}, "
        f"spaCy {m['spacy']}"
    )
    return "\n".join(lines)


def run_bench(
    papers: Sequence[Paper],
    repeat: int,
    rows: Sequence[str] = ROWS,
    workers: int = DEFAULT_WORKERS,
) -> dict[str, Any]:
    """Measure the chosen rows on the corpus and return the report (rows as dicts)."""
    measured: list[Row] = []
    if "baseline" in rows:
        measured.append(bench_baseline([clean(paper.abstract) for paper in papers], repeat))
    if "extract_many" in rows:
        measured.append(bench_extract_many(papers, repeat))
    if "unbudgeted" in rows:
        measured.append(bench_extract_many(papers, repeat, budget=None))
    if "cli" in rows or "workers" in rows:
        measured += bench_cli(papers, repeat, rows, workers)
    measured = with_ratios(measured)
    by_name = {row.name: row for row in measured}
    return {
        "abstracts": len(papers),
        "repeat": repeat,
        "rows": [asdict(row) for row in measured],
        "extract_many_ratio_to_baseline": _ratio(by_name, "extract_many", "baseline"),
        "budget_ratio": _ratio(by_name, "extract_many", "unbudgeted"),
        "workers": workers,
        "workers_speedup": _ratio(by_name, "cli_workers", "cli"),
        "machine": machine(),
    }


def _ratio(rows: dict[str, Row], top: str, bottom: str) -> float | None:
    """``rows[top].rate / rows[bottom].rate`` when both were measured."""
    a, b = rows.get(top), rows.get(bottom)
    return a.rate / b.rate if a and b and a.rate and b.rate else None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m extractor.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-n",
        "--count",
        type=_positive,
        default=DEFAULT_COUNT,
        help=f"abstracts in the corpus (default {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=DEFAULT_REPEAT,
        help=f"timed runs per measurement; the median is kept (default {DEFAULT_REPEAT})",
    )
    parser.add_argument(
        "--input",
        type=Path,
        default=DEFAULT_INPUT,
        help="papers to build the corpus from (default: the bundled sample)",
    )
    parser.add_argument(
        "--only",
        choices=ROWS,
        action="append",
        help="measure only this row (repeatable; default: all)",
    )
    parser.add_argument(
        "--no-cli",
        dest="cli",
        action="store_false",
        help="skip the CLI subprocess measurements (the cli and workers rows)",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        default=DEFAULT_WORKERS,
        help=f"processes for the workers row (default {DEFAULT_WORKERS})",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (or JSON); returns the exit code."""
    args = parse_args(argv)
    corpus = build_corpus(load_papers(args.input), args.count)
    chosen = [r for r in (args.only or ROWS) if args.cli or r not in ("cli", "workers")]
    report = run_bench(corpus, args.repeat, chosen, args.workers)
    if args.json:
        print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    else:
        rows = [Row(**row) for row in report["rows"]]
        print(render_table(report, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
