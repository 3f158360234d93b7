"""The ``extractor`` command line: a thin shell over the library.

Exit codes: 0 when every paper became a record, 1 when some failed (the count is printed),
2 for usage errors (unknown option, missing file), 3 when an output cannot be written
(``[E501]``: a missing folder, a full disk, a closed stdout), each with a one-line message
and no traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from enum import StrEnum
from itertools import groupby
from pathlib import Path
from typing import IO, Annotated, Any, Literal, cast

import orjson
import typer
from pydantic import BaseModel
from tqdm import tqdm

try:  # typer >= 0.20 raises the exceptions of its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # older typer runs on click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from extractor._budget import DEFAULT_BUDGET
from extractor._errors import ExtractorError, OutputError, error_record
from extractor._jsonl import dumps
from extractor.fetch import Fetcher, FetchOptions, split_remote
from extractor.sources import SourceItem, read_source, sniff_format
from extractor_schemas import ErrorRecord, Paper, PaperRecord, render_json_schema
from extractor_schemas.gold import GoldRecord

app = typer.Typer(
    name="extractor",
    help="Turn ML paper abstracts into structured, validated JSON records.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3


def _print_version(value: bool) -> None:
    if value:
        from extractor import __version__

        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def _commands(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn ML paper abstracts into structured, validated JSON records."""


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write here instead of stdout.", dir_okay=False, writable=True
    ),
]
ErrorsOption = Annotated[
    Path | None,
    typer.Option(
        "--errors",
        help="Write error records (JSONL) here instead of stderr.",
        dir_okay=False,
        writable=True,
    ),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on stderr (default: when stderr is a terminal).",
    ),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        help="Processes to extract with (output order is kept).",
    ),
]
BudgetOption = Annotated[
    float,
    typer.Option(
        "--budget",
        min=0.0,
        help="Seconds one paper may take; a paper stopped there becomes an error record "
        "(E302) and the others go on. 0: no limit.",
    ),
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        help="Keep HTTP answers in this folder and reuse them on later runs.",
        file_okay=False,
    ),
]


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    feed = "feed"


def _items(inputs: list[str], format: InputFormat, fetcher: Fetcher) -> Iterator[SourceItem]:
    """Items of every input in order: files, stdin, and ``arxiv:``/``hf-daily:`` sources."""
    for remote, group in groupby(inputs, key=lambda source: split_remote(source) is not None):
        if remote:
            yield from fetcher.read(group)
            continue
        for source in group:
            try:
                yield from read_source(source, format.value)
            except ExtractorError as error:
                yield SourceItem(source, None, error=error)


class _Sink:
    """An output (a file, or stdout) whose failures are :class:`OutputError` (E501)."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream, self.name = stream, name

    def write(self, data: bytes) -> None:
        """Write and flush, so readers downstream see each record at once."""
        try:
            self.stream.write(data)
            self.stream.flush()
        except BrokenPipeError:
            raise  # the reader went away: a quiet end (see main)
        except OSError as e:
            raise OutputError(f"cannot write: {e.strerror or e}", source=self.name) from e


def _open_sink(stack: ExitStack, path: Path | None) -> _Sink:
    """The output at ``path`` (stdout if None), opened now so a bad path fails early."""
    if path is None:
        if sys.stdout is None:
            raise OutputError("standard output is closed", source="<stdout>")
        return _Sink(sys.stdout.buffer, "<stdout>")
    try:
        stream = path.open("wb")
    except OSError as e:
        raise OutputError(f"cannot open: {e.strerror or e}", source=str(path)) from e
    stack.enter_context(_closing(stream, str(path)))
    return _Sink(stream, str(path))


@contextmanager
def _closing(stream: IO[bytes], name: str) -> Iterator[None]:
    """Close ``stream`` at the end; after an error, quietly (it would repeat a failed
    flush and hide the error being reported)."""
    try:
        yield
    except BaseException:
        with suppress(OSError):
            stream.close()
        raise
    try:
        stream.close()
    except OSError as e:
        raise OutputError(f"cannot write: {e.strerror or e}", source=name) from e


def _write_text(text: str, output: Path | None) -> None:
    """Write a whole text output (a report, a table) to ``output`` or stdout."""
    with ExitStack() as stack:
        _open_sink(stack, output).write(text.encode("utf-8"))


def _describe(error: ErrorRecord) -> str:
    where = error.source + (f":{error.line}" if error.line else "")
    return f"extractor: {where}: [{error.error.code}] {error.error.message}"


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Files to read (plain text, JSONL or a Daily Papers page), - for stdin, "
            "arxiv:ID or hf-daily:YYYY-MM-DD.",
            show_default=False,
        ),
    ],
    output: OutputOption = None,
    errors: ErrorsOption = None,
    format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; auto guesses per file.")
    ] = InputFormat.auto,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent each record.")] = False,
    progress: ProgressOption = None,
    cache: CacheOption = None,
    workers: WorkersOption = 1,
    budget: BudgetOption = DEFAULT_BUDGET,
) -> None:
    """Extract one record per paper, in input order, as JSON Lines."""

    _check_inputs(inputs)
    with Fetcher(FetchOptions(cache_dir=cache)) as fetcher:
        records = _extracted(
            _items(inputs, format, fetcher), workers, pretty, budget, streamed="-" in inputs
        )
        _write_outputs(
            records,
            output,
            errors,
            pretty=pretty,
            progress=progress,
            desc="extract",
            total=lambda: _count_papers(inputs, format),
        )


def _extracted(
    items: Iterable[SourceItem],
    workers: int,
    pretty: bool,
    budget: float,
    *,
    streamed: bool = False,
) -> Iterable[BaseModel | bytes]:
    """Records for the items; with several workers, already encoded by the workers.

    From stdin (``streamed``) one process runs the papers one by one, so each record is
    written as soon as its line has come (a feed piped in may come slowly); files run in
    groups, which is faster.
    """
    from extractor._extract import BATCH_SIZE, pipeline_for_process, process_items

    if workers == 1:
        return process_items(
            items,
            nlp=pipeline_for_process(),
            budget=budget,
            batch_size=1 if streamed else BATCH_SIZE,
        )
    from extractor._parallel import process_items_parallel

    return process_items_parallel(
        items, workers, BATCH_SIZE, encode=True, pretty=pretty, budget=budget
    )


def _count_papers(inputs: list[str], format: InputFormat) -> int | None:
    """How many papers the inputs hold, when that is cheap to know (for the progress bar's
    total): a JSONL file's non-blank lines, one per plain text file. None when any input is
    stdin, a remote source or a feed page (the bar then shows a count and a rate)."""
    total = 0
    for source in inputs:
        if source == "-" or split_remote(source) is not None:
            return None
        try:
            with Path(source).open("rb") as stream:
                head = stream.read(4096)
                kind = sniff_format(head, source) if format is InputFormat.auto else format.value
                if kind == "text":
                    total += 1
                elif kind == "jsonl":
                    stream.seek(0)
                    total += sum(1 for line in stream if line.strip())
                else:
                    return None
        except OSError:
            return None
    return total


def _write_outputs(
    outputs: Iterable[BaseModel | bytes],
    output: Path | None,
    errors: Path | None,
    *,
    pretty: bool,
    progress: bool | None,
    desc: str,
    total: Callable[[], int | None] = lambda: None,
) -> None:
    """Write outputs as JSONL, error records apart; exit 1 when any input failed.

    The progress bar (on stderr) has a total, a percentage and an ETA when ``total`` can
    tell how many papers are coming; messages go above it (``tqdm.write``), and a closing
    line says what was written when the bar is shown or the output is a file.
    """
    show = sys.stderr.isatty() if progress is None else progress
    failed = written = 0
    with ExitStack() as stack:
        out = _open_sink(stack, output)
        err = _open_sink(stack, errors) if errors else None
        bar = stack.enter_context(
            tqdm(
                outputs,
                desc=desc,
                unit=" papers",
                total=total() if show else None,
                disable=not show,
                file=sys.stderr,
            )
        )
        for record in bar:
            if isinstance(record, bytes):
                out.write(record)
                written += 1
            elif isinstance(record, ErrorRecord):
                failed += 1
                if err is not None:
                    err.write(dumps(record))
                else:
                    tqdm.write(_describe(record), file=sys.stderr)
            else:
                out.write(dumps(record, pretty=pretty))
                written += 1
    if show or output is not None:
        where = output if output is not None else "stdout"
        kept = f"; {failed} error records in {errors}" if failed and errors else ""
        print(f"extractor: wrote {written} records to {where}{kept}", file=sys.stderr)
    if failed:
        print(f"extractor: {failed} of {written + failed} inputs failed", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("eval")
def evaluate_command(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD", help="Gold JSONL file, or a folder of them.", show_default=False
        ),
    ],
    predictions: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PRED]",
            help="Predicted records (JSONL); omitted: extract the gold abstracts now.",
            show_default=False,
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Show exact-spelling matching instead of lenient.")
    ] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details", help="List each tuned-split paper's misses (held-out papers never are)."
        ),
    ] = False,
    strategies: Annotated[
        bool,
        typer.Option(
            "--strategies",
            help="Per strategy that decided a metric, benchmark or model: how often it is"
            " right, on the tuned split.",
        ),
    ] = False,
) -> None:
    """Score predicted records against hand-annotated gold records.

    Prints precision, recall and F1 per field and the accuracy of role, bound, metric,
    benchmark and model for the numbers both sides found, per split (tuned, heldout).
    """
    from extractor import evaluate as ev

    for path in (gold, predictions):
        if path is not None and not path.exists():
            raise typer.BadParameter(f"{str(path)!r} does not exist")
    try:
        gold_records = ev.load_gold([gold])
        if predictions is None:
            predicted = _extract_gold(gold_records)
        else:
            predicted = ev.load_predictions(predictions)
    except ExtractorError as error:
        print(f"extractor: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED) from error
    evaluation = ev.evaluate(gold_records, predicted)
    report = evaluation.report()
    if json_output:
        _write_text(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode() + "\n", None)
    else:
        _write_text(ev.render_report(report, "strict" if strict else "lenient") + "\n", None)
    if details:
        print(ev.render_diffs(evaluation.diffs), file=sys.stderr)
    if strategies:
        print(ev.render_strategies(evaluation.by_strategy), file=sys.stderr)


def _extract_gold(gold: list[GoldRecord]) -> dict[str, PaperRecord]:
    from extractor._extract import extract_many

    papers = [Paper(id=g.id, title=g.title, abstract=g.abstract) for g in gold]
    return {r.id: r for r in extract_many(papers) if isinstance(r, PaperRecord)}


fetch_app = typer.Typer(
    help="Fetch abstracts over HTTP as Paper JSONL.\n\nThe output is what extract reads.",
    no_args_is_help=True,
)
app.add_typer(fetch_app, name="fetch")


def _http_url(value: str | None) -> str | None:
    """A usage error at once for an ``--api-url`` that is not an http(s) URL."""
    from urllib.parse import urlsplit

    if value is not None and not (
        urlsplit(value).scheme.lower() in ("http", "https") and urlsplit(value).netloc
    ):
        raise typer.BadParameter(f"{value!r} is not an http:// or https:// URL")
    return value


ApiUrlOption = Annotated[
    str | None,
    typer.Option(
        "--api-url",
        help="Another server (a mirror, a local test server); default from the environment.",
        show_default=False,
        callback=_http_url,
    ),
]
DelayOption = Annotated[
    float | None,
    typer.Option(
        "--delay",
        min=0.0,
        help="Seconds between requests (default: arXiv 3, never less on arxiv.org; HF 1).",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds to wait for each network read.")
]
DeadlineOption = Annotated[
    float | None,
    typer.Option(
        "--deadline",
        min=0.1,
        help="Seconds for a whole request, retries and waits included, however slow the "
        "server (default: 4 x --timeout).",
        show_default=False,
    ),
]
RetriesOption = Annotated[
    int, typer.Option("--retries", min=0, help="Retries on 429, 5xx and connection errors.")
]


def _papers(items: Iterable[SourceItem]) -> Iterator[Paper | ErrorRecord]:
    for item in items:
        if item.paper is not None:
            yield item.paper
        elif item.error is not None:
            yield error_record(item.error, id=item.id)


def _fetch(
    options: FetchOptions,
    items: Callable[[Fetcher], Iterable[SourceItem]],
    output: Path | None,
    errors: Path | None,
    progress: bool | None,
) -> None:
    """Write the fetched papers as Paper JSONL, errors apart, as extract writes records."""
    with Fetcher(options) as fetcher:
        papers = _papers(items(fetcher))
        _write_outputs(papers, output, errors, pretty=False, progress=progress, desc="fetch")


@fetch_app.command("arxiv")
def fetch_arxiv(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help="arXiv ids (2405.17247, 2405.17247v2, hep-th/9901001) or abs/pdf URLs.",
            show_default=False,
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option("--query", help='An arXiv API search query: "ti:alignment AND cat:cs.CL".'),
    ] = None,
    max_results: Annotated[
        int, typer.Option("--max", min=1, help="At most this many papers for --query.")
    ] = 100,
    page_size: Annotated[
        int,
        typer.Option("--page-size", min=1, max=2000, help="Papers per request for --query."),
    ] = 100,
    output: OutputOption = None,
    errors: ErrorsOption = None,
    api_url: ApiUrlOption = None,
    cache: CacheOption = None,
    delay: DelayOption = None,
    timeout: TimeoutOption = 30.0,
    deadline: DeadlineOption = None,
    retries: RetriesOption = 4,
    progress: ProgressOption = None,
) -> None:
    """Fetch papers from arXiv by id, or by a search query (paged).

    The API endpoint is --api-url, else $EXTRACTOR_ARXIV_API, else
    https://export.arxiv.org/api/query.
    """
    if bool(ids) == bool(query):
        raise typer.BadParameter("give arXiv ids or --query, not both or neither")
    options = FetchOptions(
        arxiv_api=api_url,
        cache_dir=cache,
        delay=delay,
        timeout=timeout,
        deadline=deadline,
        retries=retries,
    )

    def items(fetcher: Fetcher) -> Iterable[SourceItem]:
        if query:
            return fetcher.arxiv_search(query, max_results, page_size)
        return fetcher.arxiv(ids or [])

    _fetch(options, items, output, errors, progress)


@fetch_app.command("hf-daily")
def fetch_hf_daily(
    date: Annotated[str, typer.Option("--date", help="The day, YYYY-MM-DD.", show_default=False)],
    output: OutputOption = None,
    errors: ErrorsOption = None,
    api_url: ApiUrlOption = None,
    cache: CacheOption = None,
    delay: DelayOption = None,
    timeout: TimeoutOption = 30.0,
    deadline: DeadlineOption = None,
    retries: RetriesOption = 4,
    progress: ProgressOption = None,
) -> None:
    """Fetch the papers Hugging Face lists as daily papers for one day.

    The API root is --api-url, else $EXTRACTOR_HF_API, else https://huggingface.co/api.
    """
    from extractor.fetch.hf import check_date

    try:
        day = check_date(date)
    except ExtractorError as error:
        raise typer.BadParameter(f"{date!r} is not a date (YYYY-MM-DD)") from error
    options = FetchOptions(
        hf_api=api_url,
        cache_dir=cache,
        delay=delay,
        timeout=timeout,
        deadline=deadline,
        retries=retries,
    )
    _fetch(options, lambda fetcher: fetcher.hf_daily(day), output, errors, progress)


class SchemaKind(StrEnum):
    record = "record"
    error = "error"
    paper = "paper"
    finding = "finding"
    leaderboard = "leaderboard"
    leaderboard_full = "leaderboard-full"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="record (extract's output lines), error (its error records), paper (fetch's "
            "output lines), finding (audit --format json lines), leaderboard (leaderboard "
            "--format json), leaderboard-full (--format full-json)."
        ),
    ] = SchemaKind.record,
) -> None:
    """Print the JSON Schema of one kind of output (default: one record)."""
    if kind is SchemaKind.finding:
        from extractor.audit import Finding
        from extractor_schemas.export import published_schema, render

        _write_text(render(published_schema(Finding, "finding")), None)
    elif kind is SchemaKind.leaderboard:
        from extractor.leaderboard._pwc import render_json_schema as leaderboard_schema

        _write_text(leaderboard_schema(), None)
    elif kind is SchemaKind.leaderboard_full:
        from extractor.leaderboard._pwc import render_full_json_schema

        _write_text(render_full_json_schema(), None)
    else:
        _write_text(render_json_schema(kind.value), None)


def _check_inputs(inputs: list[str]) -> None:
    """A usage error for an input that is neither a file, ``-`` nor a remote source."""
    for source in inputs:
        if source != "-" and split_remote(source) is None and not Path(source).is_file():
            reason = "is a directory" if Path(source).is_dir() else "does not exist"
            raise typer.BadParameter(f"input {source!r} {reason}", param_hint="INPUT")


def _ingest_outputs(
    inputs: list[str], format: InputFormat, fetcher: Fetcher, workers: int, budget: float
) -> Iterator[PaperRecord | ErrorRecord]:
    """Records for each input in order: records JSONL is read, anything else extracted
    (neighbouring inputs to extract share one run, and one worker pool)."""
    from extractor._extract import pipeline_for_process, process_items
    from extractor._jsonl import is_records_file, read_records

    def is_records(source: str) -> bool:
        return (
            source != "-"
            and format is InputFormat.auto
            and split_remote(source) is None
            and is_records_file(Path(source))
        )

    for records, group in groupby(inputs, key=is_records):
        if records:
            for source in group:
                yield from read_records(Path(source))
        else:
            nlp = pipeline_for_process() if workers == 1 else None
            items = _items(list(group), format, fetcher)
            yield from process_items(items, nlp=nlp, workers=workers, budget=budget)


@app.command()
def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Inputs as for extract, or records JSONL (as extract writes), or - for stdin.",
            show_default=False,
        ),
    ],
    db: Annotated[
        Path,
        typer.Option(
            "--db",
            help="SQLite file to store records in (created on first use).",
            dir_okay=False,
            show_default=False,
        ),
    ],
    format: Annotated[
        InputFormat,
        typer.Option("--format", help="Input format; auto also recognises records JSONL."),
    ] = InputFormat.auto,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Seconds to wait for another writer.", min=0),
    ] = 5.0,
    progress: ProgressOption = None,
    cache: CacheOption = None,
    workers: WorkersOption = 1,
    budget: BudgetOption = DEFAULT_BUDGET,
) -> None:
    """Extract records and store them in a SQLite database, in one transaction.

    A paper already stored is replaced (by id). Inputs that fail are reported as extract
    reports them and the rest are stored; if the run is interrupted nothing is stored.
    The records are made first (kept in a temporary file), then written in one short
    transaction: the database is locked only while they are written.
    """
    import tempfile

    from extractor.store import Store

    _check_inputs(inputs)
    show = sys.stderr.isatty() if progress is None else progress
    failed = total = 0

    def extracted(fetcher: Fetcher, spool: IO[bytes]) -> None:
        nonlocal failed, total
        outputs = _ingest_outputs(inputs, format, fetcher, workers, budget)
        expected = _count_papers(inputs, format) if show else None
        for output in tqdm(
            outputs,
            desc="ingest",
            unit=" papers",
            total=expected,
            disable=not show,
            file=sys.stderr,
        ):
            total += 1
            if isinstance(output, ErrorRecord):
                failed += 1
                tqdm.write(_describe(output), file=sys.stderr)
            else:
                spool.write(dumps(output))

    def spooled(spool: IO[bytes]) -> Iterator[PaperRecord]:
        spool.seek(0)
        for line in spool:
            yield PaperRecord.model_validate_json(line)

    try:
        with (
            Store(db, timeout=timeout) as store,
            Fetcher(FetchOptions(cache_dir=cache)) as f,
            tempfile.TemporaryFile() as spool,
        ):
            store.check()  # a damaged file is refused before any work
            extracted(f, spool)
            written = store.write(spooled(spool))
            counts = store.counts()
    except OSError as error:  # the temporary file: no space left, most likely
        print(f"extractor: [E400] cannot keep the records before writing: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED) from error
    except ExtractorError as error:
        print(f"extractor: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED) from error
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    print(f"extractor: stored {written} records in {db} (now {summary})", file=sys.stderr)
    if failed:
        print(f"extractor: {failed} of {total} inputs failed", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)


class BoardFormat(StrEnum):
    md = "md"
    csv = "csv"
    json = "json"
    full_json = "full-json"
    html = "html"


@app.command()
def leaderboard(
    records: Annotated[
        Path | None,
        typer.Argument(
            metavar="RECORDS.jsonl", help="Records JSONL (as extract writes).", show_default=False
        ),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Read the records of this SQLite store instead.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    benchmark: Annotated[
        str | None, typer.Option("--benchmark", help="Only this benchmark (any alias).")
    ] = None,
    metric: Annotated[
        str | None, typer.Option("--metric", help="Only this metric (any alias).")
    ] = None,
    format: Annotated[BoardFormat, typer.Option("--format", help="Output format.")] = (
        BoardFormat.md
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of stdout.", dir_okay=False, writable=True
        ),
    ] = None,
) -> None:
    """Rank results per (benchmark, metric, setting); each row quotes its sentence.

    Only role=result values rank, in the metric's direction (data/metrics.jsonl); tables
    whose metric is unknown or unnamed are listed unranked; results of different settings
    (zero-shot, fine-tuned, ...) never share a table; each paper counts once. json is Papers
    with Code's evaluation tables (their loader reads it); full-json is everything.
    """
    from extractor import leaderboard as lb

    if (records is None) == (db is None):
        raise typer.BadParameter("give either RECORDS.jsonl or --db DB, not both or neither")
    source = records if records is not None else db
    assert source is not None
    if not source.is_file():
        reason = "is a directory" if source.is_dir() else "does not exist"
        raise typer.BadParameter(f"{str(source)!r} {reason}")
    failed = 0

    def skip(error: ExtractorError) -> None:
        nonlocal failed
        failed += 1
        print(f"extractor: {error}", file=sys.stderr)

    def read() -> Iterator[PaperRecord]:
        nonlocal failed
        from extractor._jsonl import read_records
        from extractor.store import Store

        if db is not None:
            with Store(db, readonly=True) as store:
                yield from store.records(skipped=skip)
            return
        assert records is not None
        for output in read_records(records):
            if isinstance(output, ErrorRecord):
                failed += 1
                print(_describe(output), file=sys.stderr)
            else:
                yield output

    try:
        papers = list(read())
        board = lb.build(papers, benchmark=benchmark, metric=metric)
        _check_filters(board, papers, benchmark, metric)
        text = lb.render(board, format.value)
    except ExtractorError as error:
        print(f"extractor: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED) from error
    except lb.ChartUnavailable as error:
        print(f"extractor: error: {error}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from error
    _write_text(text, output)
    if (benchmark or metric) and not (board.tables or board.unassigned):
        wanted = " and ".join(f"{o} {v!r}" for o, v in (("--benchmark", benchmark),
                                                          ("--metric", metric)) if v)  # fmt: skip
        print(f"extractor: no results match {wanted} in these records", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)
    if failed:
        what = "lines" if db is None else "stored records"
        print(f"extractor: {failed} {what} of {source} are not records", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)


def _check_filters(
    board: Any, papers: list[PaperRecord], benchmark: str | None, metric: str | None
) -> None:
    """A usage error when --benchmark or --metric names nothing the records or lists know."""
    from extractor.leaderboard._names import close_names, name_index

    if board.tables or board.unassigned:
        return
    for option, wanted, kind in (("--benchmark", benchmark, "benchmarks"),
                                 ("--metric", metric, "metrics")):  # fmt: skip
        if wanted is None:
            continue
        list_name = cast(Literal["benchmarks", "metrics"], kind)
        seen = [
            name
            for record in papers
            for r in record.metrics
            if (name := r.benchmark if kind == "benchmarks" else r.metric)
        ]
        index = name_index(list_name)
        key = index.canonical(wanted).key
        if index.canonical(wanted).known or any(index.canonical(n).key == key for n in seen):
            continue
        close = close_names(list_name, wanted, seen)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise typer.BadParameter(
            f"no {kind[:-1]} {wanted!r} in the name list or in these records{hint}",
            param_hint=option,
        )


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    full_json = "full-json"
    html = "html"


@app.command("audit")
def audit_command(
    records_path: Annotated[
        str,
        typer.Argument(
            metavar="RECORDS",
            help="PaperRecord JSONL (the output of 'extractor extract'), or - for stdin.",
            show_default=False,
        ),
    ],
    format: Annotated[
        AuditFormat,
        typer.Option("--format", help="text lines, JSON Lines (one finding a line), or HTML."),
    ] = AuditFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False),
    ] = None,
    check_urls: Annotated[
        bool,
        typer.Option("--check-urls", help="Also check each code URL over HTTP (uses the network)."),
    ] = False,
    allow_private_hosts: Annotated[
        bool,
        typer.Option(
            "--allow-private-hosts",
            help="Let --check-urls ask loopback, private and link-local hosts (an intranet).",
        ),
    ] = False,
    links_deadline: Annotated[
        float,
        typer.Option("--links-deadline", min=0.1, help="Seconds for all of --check-urls."),
    ] = 300.0,
    progress: ProgressOption = None,
) -> None:
    """Audit the numbers records claim; list findings with stable codes.

    Checks provenance, arithmetic, ambiguity, cross-paper disagreements, claims without
    numbers and (with --check-urls) dead code links.

    Exit code 1 when some lines are not records (each is named on stderr; the others are
    still audited); findings alone do not change the exit code.
    """
    from extractor import audit

    if records_path != "-" and not Path(records_path).is_file():
        reason = "is a directory" if Path(records_path).is_dir() else "does not exist"
        raise typer.BadParameter(f"{records_path!r} {reason}", param_hint="RECORDS")
    source = "<stdin>" if records_path == "-" else records_path
    records, failed = [], 0
    if records_path == "-" and sys.stdin is None:
        print("extractor: [E201] <stdin>: cannot read: standard input is closed", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)
    with ExitStack() as stack:
        stream: IO[bytes] = (
            sys.stdin.buffer
            if records_path == "-"
            else stack.enter_context(open(records_path, "rb"))
        )
        for item in audit.read_records(stream, source):
            if item.error is not None:
                failed += 1
                print(f"extractor: {item.error}", file=sys.stderr)
            elif item.record is not None:
                records.append(item.record)
    findings = audit.audit_records(records)
    if check_urls:  # a line on stderr first, then a progress bar when asked
        policy = audit.LinkPolicy(deadline=links_deadline, allow_private=allow_private_hosts)
        urls = audit.link_urls(records)
        head = f"extractor: checking {len(urls)} code links (at most {links_deadline:g} s)"
        print(head, file=sys.stderr)
        show = sys.stderr.isatty() if progress is None else progress
        bar = tqdm(total=len(urls), desc="links", unit=" urls", disable=not show, file=sys.stderr)
        with bar:
            findings += audit.link_findings(records, policy, on_result=lambda _: bar.update())
    if format is AuditFormat.html:
        rendered = audit.render_html(records, findings, links_checked=check_urls)
    elif format is AuditFormat.json:
        rendered = "".join(
            orjson.dumps(f.model_dump(mode="json"), option=orjson.OPT_APPEND_NEWLINE).decode()
            for f in findings
        )
    else:
        rendered = audit.render_text(findings) + "\n"
    _write_text(rendered, output)
    if failed:
        print(f"extractor: {failed} lines of {source} are not records", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="extractor", standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, so that a full disk is reported, not met at exit
    except OutputError as e:
        _silence_stdout()
        print(f"extractor: {e}", file=sys.stderr)
        return EXIT_OUTPUT
    except getattr(click_exceptions, "NoArgsIsHelpError", ()) as e:
        print(e.format_message(), file=sys.stderr)  # no arguments: the help, as usage error
        return EXIT_USAGE
    except click_exceptions.UsageError as e:
        hint = f" (see 'extractor {e.ctx.info_name} --help')" if e.ctx and e.ctx.parent else ""
        print(f"extractor: error: {e.format_message()}{hint}", file=sys.stderr)
        return EXIT_USAGE
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:
        print("extractor: aborted", file=sys.stderr)
        return 130
    except click_exceptions.ClickException as e:
        print(f"extractor: error: {e.format_message()}", file=sys.stderr)
        return e.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except OSError as e:  # an output written by a library we call (print, a text stream)
        _silence_stdout()
        where = f"{e.filename}: " if e.filename else ""
        print(
            f"extractor: [{OutputError.code}] {where}cannot write: {e.strerror or e}",
            file=sys.stderr,
        )
        return EXIT_OUTPUT
    return result if isinstance(result, int) else EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit cannot
    fail again (and print "Exception ignored") on a pipe or disk that already failed."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
