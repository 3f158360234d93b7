"""The throughput benchmark runs and reports every row; timings are never asserted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor import bench
from extractor._budget import DEFAULT_BUDGET


def _rows(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, dict[str, Any]]:
    assert bench.main(["--json", "--repeat", "1", *argv]) == 0
    report = json.loads(capsys.readouterr().out)
    assert isinstance(report["extract_many_ratio_to_baseline"], float)
    assert report["extract_many_ratio_to_baseline"] > 0
    assert set(report["machine"]) == {"platform", "python", "cpu_count", "spacy"}
    return {row["name"]: row for row in report["rows"]}


def test_corpus_is_varied_and_deterministic() -> None:
    papers = bench.load_papers(bench.DEFAULT_INPUT)
    assert len(papers) == 74
    corpus = bench.build_corpus(papers, 200)
    assert len(corpus) == 200
    assert len({paper.abstract for paper in corpus}) == 200
    assert len({paper.id for paper in corpus}) == 200
    assert corpus == bench.build_corpus(papers, 200)


def test_in_process_rows(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(capsys, "-n", "20", "--no-cli")
    assert list(rows) == ["baseline", "extract_many", "unbudgeted"]
    for row in rows.values():
        assert row["abstracts"] == 20
        assert isinstance(row["rate"], float) and row["rate"] > 0
        assert isinstance(row["ratio_to_baseline"], float) and row["ratio_to_baseline"] > 0
    assert rows["baseline"]["ratio_to_baseline"] == 1.0


def test_cli_rows(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(capsys, "-n", "5")
    assert {"baseline", "extract_many", "cli", "cli_startup", "cli_net"} <= set(rows)
    for name in ("baseline", "extract_many", "cli"):
        assert isinstance(rows[name]["rate"], float) and rows[name]["rate"] > 0
        assert "ratio_to_baseline" in rows[name]
    assert rows["cli_startup"]["abstracts"] == 1


def test_table_and_input_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "papers.jsonl"
    source.write_text(
        '{"id": "a", "title": "A", "abstract": "We reach 91.2% accuracy on CIFAR-10. It is fast."}'
        "\n"
    )
    assert bench.main(["--input", str(source), "-n", "3", "--repeat", "1", "--no-cli"]) == 0
    out = capsys.readouterr().out
    assert "extractor.extract_many" in out and 'spacy.blank("en") tokenizer' in out
    assert "extract_many / baseline rate:" in out
    assert "machine:" in out and "spaCy" in out


def test_budget_row_reports_what_the_time_budget_costs(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        bench.main(
            ["--json", "--repeat", "1", "-n", "8", "--only", "extract_many", "--only", "unbudgeted"]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    rows = {row["name"]: row for row in report["rows"]}
    assert set(rows) == {"extract_many", "unbudgeted"}
    assert rows["unbudgeted"]["label"] == "extract_many, no time budget"
    assert report["budget_ratio"] == pytest.approx(
        rows["extract_many"]["rate"] / rows["unbudgeted"]["rate"]
    )
    assert (
        bench.main(["--repeat", "1", "-n", "8", "--only", "extract_many", "--only", "unbudgeted"])
        == 0
    )
    assert "extract_many / no-budget rate: " in capsys.readouterr().out


def test_unbudgeted_row_runs_with_no_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def fake_extract_many(papers: list[object], budget: object = None) -> list[object]:
        seen.append(budget)
        return [object() for _ in papers]

    monkeypatch.setattr(bench, "extract_many", fake_extract_many)
    papers = bench.build_corpus(bench.load_papers(bench.DEFAULT_INPUT), 4)
    bench.bench_extract_many(papers, 1)
    bench.bench_extract_many(papers, 1, budget=None)
    assert seen == [DEFAULT_BUDGET, DEFAULT_BUDGET, None, None]  # warm-up, then timed run
