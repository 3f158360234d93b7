"""The ``extractor`` command line, in process through ``main(argv)`` and as a real process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer

from extractor import cli
from extractor.cli import main
from extractor.sources import read_source
from extractor_schemas import SCHEMA_PATH, ErrorRecord, PaperRecord

SpanCheck = Callable[[PaperRecord], None]
ROOT = Path(__file__).resolve().parent.parent
_TRAILING_PUNCTUATION = tuple(".,;:!?)]}'\"")


def _line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    class FakeStdin:
        buffer = io.BytesIO(data)

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdin", FakeStdin())


def _assert_usage_error(code: int, err: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1, err
    assert err.startswith("extractor: error: ")


# -- the sample page ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_output(tmp_path_factory: pytest.TempPathFactory, fixture_path: Path) -> Path:
    out = tmp_path_factory.mktemp("cli") / "out.jsonl"
    assert main(["extract", str(fixture_path), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def fixture_records(fixture_output: Path) -> list[PaperRecord]:
    return [PaperRecord.model_validate(row) for row in _jsonl(fixture_output)]


def test_sample_page_gives_74_valid_records(fixture_output: Path) -> None:
    lines = fixture_output.read_bytes().splitlines()
    assert len(lines) == 74
    for line in lines:
        record = PaperRecord.model_validate_json(line)
        assert record.schema_version == "1"
        assert record.title
        assert record.text


def test_sample_records_validate_against_committed_json_schema(
    fixture_output: Path, committed_schema: dict[str, Any]
) -> None:
    jsonschema.Draft202012Validator.check_schema(committed_schema)
    validator = jsonschema.Draft202012Validator(committed_schema)
    rows = _jsonl(fixture_output)
    assert len(rows) == 74
    for row in rows:
        errors = [e.message for e in validator.iter_errors(row)]
        assert errors == [], (row["id"], errors)


def test_json_schema_rejects_what_the_models_reject(committed_schema: dict[str, Any]) -> None:
    """Except added fields, which the contract allows (readers accept them)."""
    validator = jsonschema.Draft202012Validator(committed_schema)
    good = {"id": "p", "text": "abc"}
    assert validator.is_valid(good)
    assert validator.is_valid({**good, "extra": 1})
    assert not validator.is_valid({**good, "metrics": [{"text": "1"}]})
    assert not validator.is_valid({"text": "abc"})
    assert not validator.is_valid({**good, "schema_version": "2"})


def test_sample_record_spans_index_their_text(
    fixture_records: list[PaperRecord], assert_spans_index_text: SpanCheck
) -> None:
    spans = 0
    for record in fixture_records:
        assert_spans_index_text(record)
        for result in record.metrics:
            assert result.span.text == record.text[result.span.start : result.span.end]
            assert result.sentence.text == record.text[result.sentence.start : result.sentence.end]
            assert result.sentence.start <= result.span.start <= result.span.end
            assert result.span.end <= result.sentence.end
            spans += 2
        for entity in [*record.models, *record.benchmarks]:
            for mention in entity.mentions:
                assert mention.text == record.text[mention.start : mention.end]
                spans += 1
        for link in record.code_urls:
            assert link.span.text == record.text[link.span.start : link.span.end]
            spans += 1
    assert spans > 74  # the sample page has plenty of spans to check


def test_sample_page_code_urls_are_found_exactly(
    fixture_records: list[PaperRecord], fixture_urls: list[str]
) -> None:
    links = [link for record in fixture_records for link in record.code_urls]
    assert [link.url for link in links] == fixture_urls
    for link in links:
        assert not link.url.endswith(_TRAILING_PUNCTUATION), link.url
        assert not link.span.text.endswith(_TRAILING_PUNCTUATION), link.span.text
        assert link.span.text == link.url


def test_sample_records_are_in_input_order(
    fixture_records: list[PaperRecord], fixture_path: Path
) -> None:
    papers = [item.paper for item in read_source(str(fixture_path)) if item.paper]
    assert [r.id for r in fixture_records] == [p.id for p in papers]
    assert [r.title for r in fixture_records] == [p.title for p in papers]
    assert fixture_records[0].title == "Visual Perception by Large Language Model's Weights"


# -- input and output ------------------------------------------------------------------------


def test_stdin_with_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(
        monkeypatch,
        _line(id="a", abstract="Alpha reaches 90% accuracy.")
        + _line(id="b", summary="See https://github.com/org/b."),
    )
    assert main(["extract", "-"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    records = [PaperRecord.model_validate_json(line) for line in out.splitlines()]
    assert [r.id for r in records] == ["a", "b"]
    assert [link.url for link in records[1].code_urls] == ["https://github.com/org/b"]


def test_plain_text_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"Just one abstract.\n")
    assert main(["extract", "-"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    record = PaperRecord.model_validate_json(line)
    assert (record.id, record.text) == ("stdin", "Just one abstract.")


def test_pretty_output_is_indented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.jsonl"
    source.write_bytes(_line(id="a", abstract="Alpha."))
    assert main(["extract", str(source), "--pretty"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ")
    assert len(out.splitlines()) > 5
    assert PaperRecord.model_validate_json(out).id == "a"
    assert main(["extract", str(source)]) == 0
    compact = capsys.readouterr().out
    assert len(compact.splitlines()) == 1
    assert json.loads(compact) == json.loads(out)


def test_several_inputs_are_read_in_order(tmp_path: Path) -> None:
    first, second, out = tmp_path / "1.jsonl", tmp_path / "2.txt", tmp_path / "out.jsonl"
    first.write_bytes(_line(id="a", abstract="Alpha.") + _line(id="b", abstract="Beta."))
    second.write_text("A plain abstract.", encoding="utf-8")
    assert main(["extract", str(first), str(second), "-o", str(out)]) == 0
    assert [row["id"] for row in _jsonl(out)] == ["a", "b", "2"]


def test_format_option_overrides_sniffing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "notes.txt"
    source.write_bytes(b"\n" + _line(id="a", abstract="Alpha."))
    assert main(["extract", str(source), "--format", "jsonl"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == ["a"]
    assert main(["extract", str(source), "--format", "text"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == ["notes"]


def test_empty_abstract_gives_valid_record_with_empty_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], committed_schema: dict[str, Any]
) -> None:
    source = tmp_path / "empty.jsonl"
    source.write_bytes(_line(id="empty", title="Nothing Here", abstract=""))
    assert main(["extract", str(source)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    row = json.loads(out)
    jsonschema.validate(row, committed_schema, cls=jsonschema.Draft202012Validator)
    record = PaperRecord.model_validate(row)
    assert (record.id, record.title, record.text, record.method) == (
        "empty",
        "Nothing Here",
        "",
        None,
    )
    assert (record.models, record.benchmarks, record.metrics, record.code_urls) == ([], [], [], [])


# -- failures --------------------------------------------------------------------------------


def _one_bad_line(tmp_path: Path) -> Path:
    source = tmp_path / "papers.jsonl"
    source.write_bytes(
        _line(id="a", abstract="Alpha.")
        + b'{"id": "b", "abstract": \n'
        + _line(id="c", abstract="Gamma, see https://github.com/org/c.")
    )
    return source


def test_bad_line_exits_1_and_writes_error_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _one_bad_line(tmp_path)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    code = main(["extract", str(source), "-o", str(out), "--errors", str(errors)])
    assert code == 1
    err = capsys.readouterr().err
    assert "1 of 3 inputs failed" in err
    assert "Traceback" not in err
    assert [row["id"] for row in _jsonl(out)] == ["a", "c"]
    [row] = _jsonl(errors)
    error = ErrorRecord.model_validate(row)
    assert (error.source, error.line, error.error.code) == (str(source), 2, "E101")
    assert error.id is None  # not JSON: no id can be read


def test_an_error_record_keeps_the_inputs_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "c", "title": "No abstract"}\n{"id": 7, "abstract": 5}\n')
    errors = tmp_path / "errors.jsonl"
    assert main(["extract", str(source), "--errors", str(errors)]) == 1
    rows = [ErrorRecord.model_validate(row) for row in _jsonl(errors)]
    assert [(r.id, r.error.code) for r in rows] == [("c", "E102"), ("7", "E104")]


def test_bad_line_without_errors_file_is_described_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _one_bad_line(tmp_path)
    assert main(["extract", str(source)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "c"]
    assert err.splitlines() == [
        err.splitlines()[0],
        "extractor: 1 of 3 inputs failed",
    ]
    assert err.splitlines()[0].startswith(f"extractor: {source}:2: [E101] ")


def test_missing_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(tmp_path / "nope.jsonl"), "-o", str(out)])
    out_text, err = capsys.readouterr()
    _assert_usage_error(code, err)
    assert "nope.jsonl" in err
    assert "does not exist" in err
    assert out_text == ""
    assert not out.exists()


def test_directory_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", str(tmp_path)])
    _, err = capsys.readouterr()
    _assert_usage_error(code, err)
    assert "is a directory" in err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["extract", "--bogus", "x"], "--bogus"),
        (["--bogus"], "--bogus"),
        (["extract", "x", "--format", "xml"], "xml"),
        (["extract"], "INPUT"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)
    out, err = capsys.readouterr()
    _assert_usage_error(code, err)
    assert needle in err
    assert out == ""


def test_no_arguments_prints_usage_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Usage:" in err
    assert "extract" in err


# -- schema and help -------------------------------------------------------------------------


def test_schema_command_prints_the_committed_schema(
    capsys: pytest.CaptureFixture[str], committed_schema: dict[str, Any]
) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == committed_schema
    assert out == SCHEMA_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kind", ["record", "error", "paper", "finding", "leaderboard", "leaderboard-full"]
)
def test_schema_command_prints_a_draft_2020_12_schema_of_each_kind(
    capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    assert main(["schema", kind]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_error_records_validate_against_the_error_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "error"]) == 0
    validator = jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out))
    record = {"id": "c", "line": 3, "source": "in.jsonl", "error": {"code": "E102", "message": "m"}}
    assert validator.is_valid(record)
    assert not validator.is_valid({**record, "error": {"code": "oops", "message": "m"}})


def test_version_option_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    from extractor import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"extractor {__version__}\n"


_COMMANDS = sorted(typer.main.get_command(cli.app).commands)  # type: ignore[attr-defined]


def test_commands_are_known() -> None:
    assert _COMMANDS == ["audit", "eval", "extract", "fetch", "ingest", "leaderboard", "schema"]


@pytest.mark.parametrize("name", _COMMANDS)
def test_every_command_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    command = typer.main.get_command(cli.app).commands[name]  # type: ignore[attr-defined]
    assert command.help, f"command {name!r} has no help text"
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"Usage: extractor {name}" in out
    assert command.help.strip().splitlines()[0] in out


def test_every_extract_option_has_help() -> None:
    command = typer.main.get_command(cli.app).commands["extract"]  # type: ignore[attr-defined]
    for param in command.params:
        assert getattr(param, "help", None), f"parameter {param.name!r} has no help text"


def test_top_level_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: extractor" in out
    for name in _COMMANDS:
        assert name in out


# -- the real process ------------------------------------------------------------------------


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        cwd=ROOT,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_console_script_extracts_the_sample_page(fixture_urls: list[str]) -> None:
    result = _run("extract", "fixtures/daily-papers.txt")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = [PaperRecord.model_validate_json(line) for line in result.stdout.splitlines()]
    assert len(records) == 74
    assert [link.url for r in records for link in r.code_urls] == fixture_urls


@pytest.mark.parametrize("args", [("extract", "no/such/file.jsonl"), ("extract", "--nope")])
def test_console_script_usage_errors(args: tuple[str, ...]) -> None:
    result = _run(*args)
    _assert_usage_error(result.returncode, result.stderr)
    assert result.stdout == ""


def test_console_script_partial_failure_on_stdin(tmp_path: Path) -> None:
    source = _one_bad_line(tmp_path)
    result = _run("extract", "-", stdin=source.read_bytes())
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "extractor: 1 of 3 inputs failed"
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]


def test_installed_entry_point_runs() -> None:
    script = Path(sys.executable).with_name("extractor")
    if not script.exists():
        pytest.skip("the console script is not installed next to this Python")
    result = subprocess.run(
        [str(script), "schema"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == SCHEMA_PATH.read_text(encoding="utf-8")


def test_progress_has_a_total_and_messages_stay_off_the_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "abstract": "Alpha reaches 90% accuracy."}\n{"id": "b"}\n'
        '{"id": "c", "abstract": "Gamma."}\n'
    )
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--progress", "-o", str(out)]) == 1
    lines = capsys.readouterr().err.replace("\r", "\n").splitlines()
    assert any("3/3" in line and "100%" in line for line in lines)  # a total, so % and ETA
    described = next(line for line in lines if "[E102]" in line)
    assert described.startswith("extractor: ")  # on its own line, not glued to the bar
    assert f"extractor: wrote 2 records to {out}" in lines
    assert "extractor: 1 of 3 inputs failed" in lines


def test_count_papers_is_unknown_for_stdin_and_feeds(fixture_path: Path) -> None:
    assert cli._count_papers(["-"], cli.InputFormat.auto) is None
    assert cli._count_papers([str(fixture_path)], cli.InputFormat.auto) is None
    assert cli._count_papers([str(fixture_path)], cli.InputFormat.text) == 1
