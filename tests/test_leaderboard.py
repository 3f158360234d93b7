"""Leaderboards: directions, aliases, ties, unassigned results, and each rendering."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from extractor.leaderboard import FULL_SCHEMA_PATH, SCHEMA_PATH, Leaderboard, Table, build, render
from extractor.leaderboard._pwc import render_full_json_schema, render_json_schema
from extractor_schemas import PaperRecord

MakeRecord = Callable[..., PaperRecord]


def _result(value: float, **fields: Any) -> dict[str, Any]:
    unit = fields.pop("unit", "%")
    text = f"{value:g}{unit if unit in ('%', 'x') else ''}"
    return {"text": text, "value": value, "unit": unit, **fields}


def _table(board: Leaderboard, benchmark: str, metric: str | None) -> Table:
    (table,) = [t for t in board.tables if (t.benchmark, t.metric) == (benchmark, metric)]
    return table


def _ranks(table: Table) -> list[tuple[int | None, str | None, float]]:
    return [(row.rank, row.model, row.value) for row in table.results]


def test_higher_is_better_ranks_the_largest_first(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [_result(80.5, model="A", metric="accuracy", benchmark="ImageNet")]),
        make_record("p2", [_result(91.0, model="B", metric="accuracy", benchmark="ImageNet")]),
        make_record("p3", [_result(85.0, model="C", metric="accuracy", benchmark="ImageNet")]),
    ]
    table = _table(build(records), "ImageNet", "accuracy")
    assert (table.ranked, table.direction) == (True, "higher")
    assert _ranks(table) == [(1, "B", 91.0), (2, "C", 85.0), (3, "A", 80.5)]


def test_lower_is_better_ranks_the_smallest_first(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [_result(3.1, unit=None, model="A", metric="perplexity",
                                   benchmark="WikiText-103")]),
        make_record("p2", [_result(2.5, unit=None, model="B", metric="PPL",
                                   benchmark="WikiText-103")]),
    ]  # fmt: skip
    (table,) = build(records).tables
    assert (table.metric, table.direction) == ("perplexity", "lower")
    assert _ranks(table) == [(1, "B", 2.5), (2, "A", 3.1)]


def test_aliases_merge_into_one_table(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [_result(50.0, model="A", metric="accuracy", benchmark="GSM8k")]),
        make_record("p2", [_result(60.0, model="B", metric="acc", benchmark="gsm8k")]),
        make_record("p3", [_result(70.0, model="C", metric="Accuracy", benchmark="GSM-8K")]),
    ]
    board = build(records)
    assert [(t.benchmark, t.metric) for t in board.tables] == [("GSM8K", "accuracy")]
    assert _ranks(board.tables[0]) == [(1, "C", 70.0), (2, "B", 60.0), (3, "A", 50.0)]
    # The rows keep the names as each paper wrote them.
    assert {row.benchmark for row in board.tables[0].results} == {"GSM8k", "gsm8k", "GSM-8K"}


def test_unlisted_names_merge_up_to_case_and_hyphens(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [_result(1.0, metric="accuracy", benchmark="Zebra-Bench")]),
        make_record("p2", [_result(2.0, metric="accuracy", benchmark="zebrabench")]),
    ]
    (table,) = build(records).tables
    assert table.benchmark == "Zebra-Bench"  # the first spelling seen
    assert [r.rank for r in table.results] == [1, 2]


def test_ties_share_a_rank_and_keep_paper_order(make_record: MakeRecord) -> None:
    records = [
        make_record(p, [_result(v, model=m, metric="accuracy", benchmark="MMLU")])
        for p, v, m in [("p1", 70.0, "A"), ("p2", 80.0, "B"), ("p3", 80.0, "C"), ("p4", 60.0, "D")]
    ]
    table = _table(build(records), "MMLU", "accuracy")
    assert _ranks(table) == [(1, "B", 80.0), (1, "C", 80.0), (3, "A", 70.0), (4, "D", 60.0)]


def test_only_results_rank_baselines_and_improvements_stand_apart(
    make_record: MakeRecord,
) -> None:
    record = make_record("p1", [
        _result(95.0, role="baseline", model="Old", metric="accuracy", benchmark="MMLU"),
        _result(90.0, role="result", model="New", metric="accuracy", benchmark="MMLU"),
        _result(4.2, role="improvement", model="New", metric="accuracy", benchmark="MMLU"),
    ])  # fmt: skip
    table = _table(build([record]), "MMLU", "accuracy")
    assert _ranks(table) == [(1, "New", 90.0)]
    assert [(r.rank, r.role, r.value) for r in table.baselines] == [(None, "baseline", 95.0)]
    assert [(r.rank, r.role, r.value) for r in table.improvements] == [(None, "improvement", 4.2)]


def test_results_without_a_benchmark_are_unassigned_and_never_ranked(
    make_record: MakeRecord,
) -> None:
    record = make_record("p1", [
        _result(99.0, model="A", metric="accuracy"),
        _result(70.0, model="B", metric="accuracy", benchmark="MMLU"),
    ])  # fmt: skip
    board = build([record])
    assert [(r.rank, r.model, r.value) for r in board.unassigned] == [(None, "A", 99.0)]
    assert all(row.value != 99.0 for t in board.tables for row in t.results)
    assert _ranks(_table(board, "MMLU", "accuracy")) == [(1, "B", 70.0)]


def test_a_metric_without_a_known_direction_is_not_ranked(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [_result(3.0, model="A", metric="vibe score", benchmark="MMLU")]),
        make_record("p2", [_result(9.0, model="B", metric="vibe score", benchmark="MMLU")]),
        make_record("p3", [_result(5.0, model="C", benchmark="MMLU")]),
    ]
    board = build(records)
    unknown, unnamed = _table(board, "MMLU", "vibe score"), _table(board, "MMLU", None)
    assert (unknown.ranked, unknown.direction) == (False, None)
    assert "'vibe score' is not in the metrics list" in (unknown.note or "")
    assert _ranks(unknown) == [(None, "A", 3.0), (None, "B", 9.0)]  # paper order, no rank
    assert (unnamed.ranked, unnamed.note) == (False, "no metric named: not ranked")


def test_results_in_different_units_are_not_ranked(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [_result(85.0, model="A", metric="accuracy", benchmark="MMLU")]),
        make_record("p2", [_result(0.9, unit=None, model="B", metric="accuracy",
                                   benchmark="MMLU")]),
    ]  # fmt: skip
    table = _table(build(records), "MMLU", "accuracy")
    assert not table.ranked
    assert table.note == "results in different units (%, none): not ranked"


def test_filters_accept_any_alias(make_record: MakeRecord) -> None:
    record = make_record("p1", [
        _result(50.0, metric="accuracy", benchmark="GSM8K"),
        _result(60.0, metric="win rate", benchmark="AlpacaEval"),
        _result(70.0, metric="accuracy"),
    ])  # fmt: skip
    by_benchmark = build([record], benchmark="gsm8k")
    assert [(t.benchmark, t.metric) for t in by_benchmark.tables] == [("GSM8K", "accuracy")]
    assert by_benchmark.unassigned == []
    by_metric = build([record], metric="win-rate")
    assert [(t.benchmark, t.metric) for t in by_metric.tables] == [("AlpacaEval", "win rate")]
    assert [r.value for r in build([record], metric="acc").unassigned] == [70.0]


# Renderings.


@pytest.fixture
def board(make_record: MakeRecord) -> Leaderboard:
    records = [
        make_record("2401.00001", [
            _result(88.5, model="ViT-Z", metric="top-1 accuracy", benchmark="ImageNet"),
            _result(84.0, role="baseline", model="ViT-B", metric="top-1 accuracy",
                    benchmark="ImageNet"),
        ], title="Zeta <b>Nets</b> | fast", method="Zeta", code_url="https://github.com/z/zeta"),
        make_record("slug-two", [
            _result(86.0, model="Res|Net", metric="top-1 accuracy", benchmark="Imagenet"),
            _result(12.0, model="Res|Net", metric="accuracy"),
        ], title="Two"),
    ]  # fmt: skip
    return build(records)


def test_markdown_shows_each_row_with_its_sentence(board: Leaderboard) -> None:
    text = render(board, "md")
    assert "## ImageNet — top-1 accuracy (higher is better)" in text
    lines = text.splitlines()
    first = next(line for line in lines if line.startswith("| 1 |"))
    # raw HTML from a title is shown as text, never passed through (issue 13)
    assert "| 2401.00001: Zeta &lt;b&gt;Nets&lt;/b&gt; \\| fast" in first
    assert "ViT-Z | Zeta | 88.5% | result |" in first
    assert "https://github.com/z/zeta" in first
    assert "“ViT-Z reaches 88.5% top-1 accuracy on ImageNet.”" in first
    assert any(line.startswith("| 2 | Res\\|Net |") for line in lines)
    assert "Baselines (not ranked):" in text
    assert "## Results without a benchmark (never ranked)" in text


def test_csv_has_one_line_per_row(board: Leaderboard) -> None:
    rows = list(csv.DictReader(io.StringIO(render(board, "csv"))))
    assert [(r["benchmark"], r["rank"], r["role"], r["value"]) for r in rows] == [
        ("ImageNet", "1", "result", "88.5"),
        ("ImageNet", "2", "result", "86"),
        ("ImageNet", "", "baseline", "84"),
        ("", "", "result", "12"),
    ]
    assert rows[1]["evidence"] == "Res|Net reaches 86% top-1 accuracy on Imagenet."


def test_committed_json_schemas_match_the_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_json_schema()
    assert FULL_SCHEMA_PATH.read_text(encoding="utf-8") == render_full_json_schema()


def test_json_has_the_papers_with_code_shape_and_validates(board: Leaderboard) -> None:
    data = json.loads(render(board, "json"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    (task,) = data
    (dataset,) = task["datasets"]
    assert task["task"] == "unspecified"
    assert dataset["dataset"] == "ImageNet"
    assert dataset["sota"]["metrics"] == ["top-1 accuracy"]
    assert "top-1 accuracy: higher is better" in dataset["description"]
    best, second = dataset["sota"]["rows"]  # results only: the baseline is not a score
    assert best == {
        "model_name": "ViT-Z",
        "paper_title": "Zeta <b>Nets</b> | fast",
        "paper_url": "https://arxiv.org/abs/2401.00001",
        "paper_date": None,
        "code_links": [{"title": "zeta", "url": "https://github.com/z/zeta"}],
        "model_links": [],
        "metrics": {"top-1 accuracy": "88.5"},
        "uses_additional_data": False,
    }
    assert (second["model_name"], second["paper_url"]) == ("Res|Net", "")  # "" not null


def test_json_rows_merge_metrics_and_split_settings(make_record: MakeRecord) -> None:
    records = [
        make_record("p1", [
            _result(81.0, model="A", metric="top-1 accuracy", benchmark="ImageNet"),
            _result(95.5, model="A", metric="top-5 accuracy", benchmark="ImageNet"),
            _result(70.0, model="A", metric="top-1 accuracy", benchmark="ImageNet",
                    setting="zero-shot"),
            _result(2.0, role="improvement", model="A", metric="top-1 accuracy",
                    benchmark="ImageNet"),
        ]),
    ]  # fmt: skip
    tasks = json.loads(render(build(records), "json"))
    assert [t["task"] for t in tasks] == ["unspecified", "unspecified, zero-shot"]
    (plain,) = tasks[0]["datasets"][0]["sota"]["rows"]
    assert plain["metrics"] == {"top-1 accuracy": "81", "top-5 accuracy": "95.5"}
    (zero,) = tasks[1]["datasets"][0]["sota"]["rows"]
    assert zero["metrics"] == {"top-1 accuracy": "70"}


def test_full_json_keeps_ranks_roles_spans_and_validates(board: Leaderboard) -> None:
    data = json.loads(render(board, "full-json"))
    jsonschema.validate(data, json.loads(FULL_SCHEMA_PATH.read_text(encoding="utf-8")))
    (table,) = data["tables"]
    assert [(r["rank"], r["role"]) for r in table["results"]] == [(1, "result"), (2, "result")]
    assert table["baselines"][0]["span"]["text"] == "84%"
    assert [r["paper_id"] for r in data["unassigned"]] == ["slug-two"]


def test_the_json_schema_rejects_a_row_without_model_name(board: Leaderboard) -> None:
    data = json.loads(render(board, "json"))
    del data[0]["datasets"][0]["sota"]["rows"][0]["model_name"]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="model_name"):
        jsonschema.validate(data, schema)


def test_html_escapes_paper_text_and_loads_nothing(make_record: MakeRecord) -> None:
    hostile = "<script>alert(1)</script>"
    record = make_record("p1", [
        _result(70.0, model=f"M{hostile}", metric="accuracy", benchmark="MMLU"),
        _result(75.0, role="baseline", model="Base", metric="accuracy", benchmark="MMLU"),
    ], title=f"T{hostile}", method="$x$ & y")  # fmt: skip
    other = make_record("p2", [
        _result(72.0, model=f"N{hostile}", metric="accuracy", benchmark="MMLU"),
    ])  # fmt: skip
    html = render(build([record, other]), "html")
    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>70%</mark>" in html  # the quoted sentence is escaped around the mark
    assert html.count("<script>") == 1  # the page's own sorting script
    assert html.count("<svg") == 1  # one chart: two papers compete on one table
    for needle in ("src=", "<link", "@import", "url(http"):
        assert needle not in html


def test_html_draws_no_chart_where_one_paper_has_the_table(make_record: MakeRecord) -> None:
    record = make_record("p1", [
        _result(70.0, model="M", metric="accuracy", benchmark="MMLU"),
        _result(75.0, role="baseline", model="Base", metric="accuracy", benchmark="MMLU"),
    ])  # fmt: skip
    assert "<svg" not in render(build([record]), "html")
