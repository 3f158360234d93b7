"""The evaluator: field P/R/F1, attribution accuracy, lenient and strict, splits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from extractor import evaluate as ev
from extractor.cli import main
from extractor_schemas import Entity, Link, PaperRecord, Result, Span, Strategy
from extractor_schemas.gold import GoldRecord

TEXT = "We propose Metrics-Weighted Averaging (MWA). MWA gets 85.7% on GSM8K with LLaMA2-7B."


def _span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(start=start, end=start + len(text), text=text)


def _gold(**changes: Any) -> GoldRecord:
    data: dict[str, Any] = {
        "id": "p1",
        "split": "tuned",
        "source": "test",
        "title": None,
        "abstract": TEXT,
        "method": {"name": "Metrics-Weighted Averaging", "aliases": ["MWA"]},
        "models": ["LLaMA2-7B"],
        "benchmarks": ["GSM8K"],
        "metrics": [
            {
                "text": "85.7%",
                "value": 85.7,
                "unit": "%",
                "role": "result",
                "bound": "exact",
                "metric": None,
                "benchmark": "GSM8K",
                "model": "MWA",
            }
        ],
        "code_urls": [],
    }
    data.update(changes)
    return GoldRecord.model_validate(data)


def _pred(
    model_name: str = "LLaMA2-7B",
    role: str = "result",
    result_model: str = "MWA",
    method: str | None = "Metrics-Weighted Averaging",
) -> PaperRecord:
    return PaperRecord(
        id="p1",
        text=TEXT,
        method=Entity(name=method, aliases=["MWA"]) if method else None,
        models=[Entity(name=model_name)],
        benchmarks=[Entity(name="GSM8K", mentions=[_span("GSM8K")])],
        metrics=[
            Result(
                text="85.7%",
                value=85.7,
                unit="%",
                role=role,
                benchmark="GSM8K",  # type: ignore[arg-type]
                model=result_model,
                span=_span("85.7%"),
                sentence=_span(TEXT[45:]),
            )
        ],
    )


def _score(gold: GoldRecord, pred: PaperRecord | None, variant: str = "lenient") -> dict[str, Any]:
    report = ev.evaluate([gold], {pred.id: pred} if pred else {}).report()
    result: dict[str, Any] = report[variant]["all"]
    return result


def test_perfect_prediction_scores_one_everywhere() -> None:
    score = _score(_gold(), _pred())
    assert all(score["fields"][f]["f1"] == 1.0 for f in ev.FIELDS)
    assert all(score["attribution"][a]["accuracy"] == 1.0 for a in ev.ATTRIBUTES)


def test_lenient_names_ignore_case_hyphens_and_spaces_strict_does_not() -> None:
    assert _score(_gold(), _pred(model_name="llama2 7b"))["fields"]["models"]["f1"] == 1.0
    strict = _score(_gold(), _pred(model_name="llama2 7b"), "strict")["fields"]["models"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (0, 1, 1)


def test_method_matches_through_its_alias_and_the_model_attribute_too() -> None:
    score = _score(
        _gold(method={"name": "MWA", "aliases": []}),
        _pred(result_model="Metrics-Weighted Averaging"),
    )
    assert score["fields"]["method"]["f1"] == 1.0
    assert score["attribution"]["model"]["accuracy"] == 1.0


def test_a_name_matches_the_acronym_its_abstract_defines_when_lenient_only() -> None:
    text = "We report the word error rate (WER) of Whisper Large (WL). WL gets 85.7% on GSM8K."
    metric = {**_gold().metrics[0].model_dump(), "metric": "word error rate", "model": "WL"}
    gold = _gold(abstract=text, models=["Whisper Large"], metrics=[metric])
    pred = _pred(model_name="WL", result_model="Whisper Large")
    pred = pred.model_copy(
        update={"metrics": [pred.metrics[0].model_copy(update={"metric": "WER"})]}
    )
    lenient = _score(gold, pred)
    assert lenient["fields"]["models"]["f1"] == 1.0
    assert lenient["attribution"]["metric"]["accuracy"] == 1.0
    assert lenient["attribution"]["model"]["accuracy"] == 1.0
    strict = _score(gold, pred, "strict")
    assert strict["fields"]["models"]["f1"] == 0.0
    assert strict["attribution"]["metric"]["accuracy"] == 0.0
    # An acronym the abstract does not define stays a different name.
    pred = pred.model_copy(
        update={"metrics": [pred.metrics[0].model_copy(update={"metric": "CER"})]}
    )
    assert _score(gold, pred)["attribution"]["metric"]["accuracy"] == 0.0


def test_missing_method_is_a_false_negative_and_an_extra_one_a_false_positive() -> None:
    missed = _score(_gold(), _pred(method=None))["fields"]["method"]
    assert (missed["tp"], missed["fp"], missed["fn"]) == (0, 0, 1)
    extra = _score(_gold(method=None), _pred())["fields"]["method"]
    assert (extra["tp"], extra["fp"], extra["fn"]) == (0, 1, 0)


def test_wrong_role_counts_against_role_accuracy_only() -> None:
    score = _score(_gold(), _pred(role="improvement"))
    assert score["fields"]["metric values"]["f1"] == 1.0
    assert score["attribution"]["role"]["accuracy"] == 0.0
    assert score["attribution"]["benchmark"]["accuracy"] == 1.0


def test_precision_where_named_counts_only_the_names_the_tool_gives() -> None:
    # Gold: metric None, benchmark GSM8K, model MWA. A wrong model name lowers both the
    # accuracy and the precision where named; a missing one only the accuracy.
    wrong = _score(_gold(), _pred(result_model="LLaMA2-7B"))["attribution"]["model"]
    assert (wrong["accuracy"], wrong["named"], wrong["named_precision"]) == (0.0, 1, 0.0)
    unnamed = _pred()
    unnamed.metrics[0] = unnamed.metrics[0].model_copy(update={"model": None})
    missing = _score(_gold(), unnamed)["attribution"]["model"]
    assert (missing["accuracy"], missing["named"], missing["named_precision"]) == (0.0, 0, 1.0)
    right = _score(_gold(), _pred())["attribution"]
    assert (right["benchmark"]["named_correct"], right["benchmark"]["named"]) == (1, 1)
    assert (right["metric"]["named"], right["metric"]["accuracy"]) == (0, 1.0)  # both None
    table = ev.render_report(ev.evaluate([_gold()], {"p1": _pred()}).report())
    assert "where named" in table and "1.00 (1/1)" in table


def test_values_pair_in_order_and_extra_values_are_false_positives() -> None:
    gold = _gold(metrics=[])
    fields = _score(gold, _pred())["fields"]["metric values"]
    assert (fields["tp"], fields["fp"], fields["fn"], fields["precision"]) == (0, 1, 0, 0.0)


def test_missing_prediction_counts_as_empty_and_is_reported() -> None:
    report = ev.evaluate([_gold()], {}).report()
    assert report["missing_predictions"] == ["p1"]
    assert report["lenient"]["all"]["fields"]["models"]["recall"] == 0.0


def test_splits_are_scored_apart_and_held_out_papers_are_never_listed() -> None:
    evaluation = ev.evaluate(
        [_gold(), _gold(id="p2", split="heldout")], {"p1": _pred(), "p2": _pred(model_name="X")}
    )
    report = evaluation.report()
    assert report["lenient"]["tuned"]["fields"]["models"]["f1"] == 1.0
    assert report["lenient"]["heldout"]["fields"]["models"]["f1"] == 0.0
    assert [d.id for d in evaluation.diffs] == ["p1"]


def test_url_matching_is_lenient_on_host_case_and_trailing_slash() -> None:
    gold = _gold(code_urls=["https://github.com/x/y"])
    start = 0
    pred = _pred().model_copy(
        update={
            "code_urls": [
                Link(
                    url="https://GitHub.com/x/y/",
                    kind="code",
                    span=Span(start=start, end=2, text=TEXT[:2]),
                )
            ]
        }
    )
    assert _score(gold, pred)["fields"]["code URLs"]["f1"] == 1.0
    assert _score(gold, pred, "strict")["fields"]["code URLs"]["f1"] == 0.0


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def test_cli_eval_with_predictions_file_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = _write(tmp_path / "gold.jsonl", [_gold().model_dump(mode="json")])
    pred = _write(tmp_path / "pred.jsonl", [_pred().model_dump(mode="json")])
    assert main(["eval", str(gold), str(pred)]) == 0
    out = capsys.readouterr().out
    assert "metric values" in out and "1.00 / 1.00 / 1.00" in out
    assert main(["eval", str(gold), str(pred), "--json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["strict"]["all"]["fields"]["benchmarks"]["f1"] == 1.0


def test_cli_eval_strategies_counts_each_deciding_strategy_on_the_tuned_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = _pred(result_model="LLaMA2-7B")  # gold model MWA: wrong where named
    by = Strategy(benchmark="nearest_name", model="subject")
    pred.metrics[0] = pred.metrics[0].model_copy(update={"strategy": by})
    held = _gold(id="p2", split="heldout")
    gold = _write(tmp_path / "gold.jsonl", [_gold().model_dump(mode="json"), held.model_dump()])
    preds = [pred.model_dump(mode="json"), pred.model_copy(update={"id": "p2"}).model_dump()]
    assert main(["eval", str(gold), str(_write(tmp_path / "p.jsonl", preds)), "--strategies"]) == 0
    rows = {
        tuple(line.split()[:2]): line.split()[2:] for line in capsys.readouterr().err.splitlines()
    }
    # One tuned number (the held-out copy is not counted): decided, named, precision, accuracy.
    assert rows[("benchmark", "nearest_name")] == ["1", "1", "1.00", "1.00"]
    assert rows[("model", "subject")] == ["1", "1", "0.00", "0.00"]
    assert rows[("metric", "-")] == ["1", "0", "-", "1.00"]  # none named, gold none


def test_cli_eval_extracts_when_no_predictions_are_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = _write(tmp_path / "gold.jsonl", [_gold().model_dump(mode="json")])
    assert main(["eval", str(gold), "--json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["missing_predictions"] == []
    assert report["lenient"]["all"]["papers"] == 1


def test_cli_eval_bad_gold_line_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x"\n', encoding="utf-8")
    assert main(["eval", str(gold)]) == 1
    assert f"{gold}:1" in capsys.readouterr().err


def test_cli_eval_missing_gold_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(tmp_path / "nope.jsonl")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_eval_gold_with_a_bad_field_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = _gold().model_dump(mode="json")
    row["split"] = "train"
    gold = _write(tmp_path / "gold.jsonl", [row])
    assert main(["eval", str(gold)]) == 1
    err = capsys.readouterr().err
    assert f"{gold}:1" in err and "[split]" in err
