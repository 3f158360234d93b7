"""``extractor audit``: reading records leniently, bad lines, formats, and the sample page."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.audit import read_records
from extractor.cli import main

TEXT = "ZetaNet reaches 85.7% accuracy on ImageNet. It outperforms all baselines."


def _record(id: str, span_text: str = "85.7%") -> dict[str, Any]:
    start = TEXT.index("85.7%")
    return {
        "schema_version": "1",
        "id": id,
        "text": TEXT,
        "metrics": [
            {
                "text": "85.7%",
                "value": 85.7,
                "unit": "%",
                "metric": "accuracy",
                "span": {"start": start, "end": start + 5, "text": span_text},
                "sentence": {"start": 0, "end": 43, "text": TEXT[:43]},
            }
        ],
    }


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bad_lines_are_named_and_the_others_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _write(
        tmp_path / "records.jsonl",
        [
            json.dumps(_record("first")),
            "{not json",
            json.dumps({"id": "x", "text": 3}),
            "",
            json.dumps(
                {
                    "id": "e",
                    "line": 4,
                    "source": "in.jsonl",
                    "error": {"code": "E101", "message": "m"},
                }
            ),
            json.dumps(_record("last", span_text="87.5%")),
        ],
    )
    assert main(["audit", str(records), "--format", "json"]) == 1
    out, err = capsys.readouterr()
    findings = [json.loads(line) for line in out.splitlines()]
    assert [(f["paper_id"], f["code"]) for f in findings] == [
        ("first", "A501"),
        ("last", "A101"),
        ("last", "A501"),
    ]
    assert f"{records}:2: not valid JSON" in err
    assert f"[E104] {records}:3: not a paper record: [text] Input should be a valid string" in err
    assert ":5" not in err  # an error record from 'extractor extract' is skipped quietly
    assert err.strip().endswith(f"2 lines of {records} are not records")
    assert "Traceback" not in err


def test_reader_keeps_claimed_span_of_an_edited_record() -> None:
    items = list(read_records([json.dumps(_record("p", "87.5%")).encode()], "in"))
    record = items[0].record
    assert record is not None
    assert record.metrics[0].span.text == "87.5%"  # as claimed, not repaired
    assert record.metrics[0].value == 85.7


def test_stdin_text_format(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class FakeStdin:
        buffer = io.BytesIO(json.dumps(_record("p")).encode() + b"\n")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert main(["audit", "-"]) == 0
    out = capsys.readouterr().out
    assert out == "p: A501 info: 'outperforms' with no number in its sentence\n1 finding: A501 1\n"


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "no-such-records.jsonl"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("extractor: error: ") and len(err.splitlines()) == 1


def test_audit_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--help"]) == 0
    assert "--check-urls" in capsys.readouterr().out


def test_sample_page_html_report(tmp_path: Path, fixture_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    assert main(["extract", str(fixture_path), "-o", str(records)]) == 0
    report = tmp_path / "audit.html"
    assert main(["audit", str(records), "--format", "html", "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert html.count('<section class="paper"') == 74
    assert "A301" in html and "A501" in html
