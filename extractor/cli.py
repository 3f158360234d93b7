"""The ``extractor`` command line: a thin shell over the library.

Exit codes: 0 when every paper became a record, 1 when some failed (the count is printed),
2 for usage errors (unknown option, missing file), with a one-line message and no traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import orjson
import typer
from tqdm import tqdm

try:  # typer >= 0.20 raises the exceptions of its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # older typer runs on click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from extractor._errors import ExtractorError
from extractor._jsonl import write_record
from extractor.sources import SourceItem, read_source
from schemas import ErrorRecord, Paper, PaperRecord, render_json_schema
from schemas.gold import GoldRecord

app = typer.Typer(
    name="extractor",
    help="Turn ML paper abstracts into structured, validated JSON records.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    feed = "feed"


def _items(inputs: list[str], format: InputFormat) -> Iterator[SourceItem]:
    for source in inputs:
        try:
            yield from read_source(source, format.value)
        except ExtractorError as error:
            yield SourceItem(source, None, error=error)  # type: ignore[arg-type]


def _describe(error: ErrorRecord) -> str:
    where = error.source + (f":{error.line}" if error.line else "")
    return f"extractor: {where}: [{error.error.code}] {error.error.message}"


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Files to read (plain text, JSONL or a Daily Papers page), or - for stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write records here instead of stdout.",
            dir_okay=False,
            writable=True,
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write error records (JSONL) here instead of stderr.",
            dir_okay=False,
            writable=True,
        ),
    ] = None,
    format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; auto guesses per file.")
    ] = InputFormat.auto,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent each record.")] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar on stderr (default: when stderr is a terminal).",
        ),
    ] = None,
) -> None:
    """Extract one record per paper, in input order, as JSON Lines."""
    from extractor._extract import process_items

    for source in inputs:
        if source != "-" and not Path(source).is_file():
            reason = "is a directory" if Path(source).is_dir() else "does not exist"
            raise typer.BadParameter(f"input {source!r} {reason}", param_hint="INPUT")
    show = sys.stderr.isatty() if progress is None else progress
    failed = total = 0
    with ExitStack() as stack:
        out: IO[bytes] = stack.enter_context(output.open("wb")) if output else sys.stdout.buffer
        err: IO[bytes] | None = stack.enter_context(errors.open("wb")) if errors else None
        records = process_items(_items(inputs, format))
        bar = stack.enter_context(
            tqdm(records, desc="extract", unit=" papers", disable=not show, file=sys.stderr)
        )
        for record in bar:
            total += 1
            if isinstance(record, ErrorRecord):
                failed += 1
                if err is not None:
                    write_record(err, record)
                else:
                    print(_describe(record), file=sys.stderr)
            else:
                write_record(out, record, pretty=pretty)
    if failed:
        print(f"extractor: {failed} of {total} inputs failed", file=sys.stderr)
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
        sys.stdout.write(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print(ev.render_report(report, "strict" if strict else "lenient"))
    if details:
        print(ev.render_diffs(evaluation.diffs), file=sys.stderr)


def _extract_gold(gold: list[GoldRecord]) -> dict[str, PaperRecord]:
    from extractor._extract import extract_many

    papers = [Paper(id=g.id, title=g.title, abstract=g.abstract) for g in gold]
    return {r.id: r for r in extract_many(papers) if isinstance(r, PaperRecord)}


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record."""
    sys.stdout.write(render_json_schema())


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
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
    if check_urls:
        findings += audit.link_findings(records)
    if format is AuditFormat.html:
        rendered = audit.render_html(records, findings, links_checked=check_urls)
    elif format is AuditFormat.json:
        rendered = "".join(
            orjson.dumps(f.model_dump(mode="json"), option=orjson.OPT_APPEND_NEWLINE).decode()
            for f in findings
        )
    else:
        rendered = audit.render_text(findings) + "\n"
    if output is not None:
        output.write_text(rendered, encoding="utf-8")
    else:
        sys.stdout.write(rendered)
    if failed:
        print(f"extractor: {failed} lines of {source} are not records", file=sys.stderr)
        raise typer.Exit(EXIT_SOME_FAILED)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="extractor", standalone_mode=False)
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
        return EXIT_OK
    return result if isinstance(result, int) else EXIT_OK
