"""Each audit check on records made to trigger it and records made not to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor import audit
from extractor.audit import CODES, Finding, audit_records, parse_record
from extractor.components._sentences import find_sentences
from extractor_schemas import Entity, Link, PaperRecord, Result, Span

ROOT = Path(__file__).resolve().parent.parent


# -- building records by hand ---------------------------------------------------------------


def _span(text: str, piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start=start, end=start + len(piece), text=piece)


def _sentence(text: str, span: Span) -> Span:
    start, end = next((s, e) for s, e in find_sentences(text) if s <= span.start < e)
    return Span(start=start, end=end, text=text[start:end])


def _result(text: str, piece: str, value: float, **fields: Any) -> Result:
    span = _span(text, piece, fields.pop("nth", 0))
    return Result(text=piece, value=value, span=span, sentence=_sentence(text, span), **fields)


def _record(text: str, id: str = "p1", **fields: Any) -> PaperRecord:
    return PaperRecord(id=id, text=text, **fields)


def _codes(*records: PaperRecord) -> list[str]:
    return [f.code for f in audit_records(records)]


# -- A101 spans that do not match the text ----------------------------------------------------

SHIFTED = "Our model reaches 87.5% accuracy. The old one had 85.7%."


def _raw_record(span_text: str) -> dict[str, Any]:
    start = SHIFTED.index("87.5%")
    return {
        "id": "edited",
        "text": SHIFTED,
        "metrics": [
            {
                "text": span_text,
                "value": float(span_text.rstrip("%")),
                "unit": "%",
                "span": {"start": start, "end": start + 5, "text": span_text},
                "sentence": {"start": 0, "end": 33, "text": SHIFTED[:33]},
            }
        ],
    }


def test_a101_span_text_differs_from_the_text_is_reported_not_refused() -> None:
    record = parse_record(_raw_record("85.7%"), "edited.jsonl", 3)
    findings = audit_records([record])
    assert [f.code for f in findings] == ["A101"]
    found = findings[0]
    assert found.severity == "error"
    assert "says '85.7%' but the text there is '87.5%'" in found.message
    assert "'85.7%' is at [50, 55)" in found.message
    assert found.spans == [Span(start=18, end=23, text="87.5%")]


def test_a101_span_past_the_end_of_the_text() -> None:
    raw = _raw_record("87.5%")
    raw["metrics"][0]["span"] = {"start": 200, "end": 205, "text": "87.5%"}
    findings = audit_records([parse_record(raw, "x", 1)])
    assert [f.code for f in findings] == ["A101"]
    assert "the text there is ''" in findings[0].message


def test_a101_matching_spans_give_no_finding() -> None:
    assert _codes(parse_record(_raw_record("87.5%"), "x", 1)) == []


def test_a101_record_built_without_validation_is_checked() -> None:
    record = parse_record(_raw_record("87.5%"), "x", 1)
    wrong = Span.model_construct(start=0, end=3, text="Her")
    edited = record.model_copy(
        update={"metrics": [record.metrics[0].model_copy(update={"sentence": wrong})]}
    )
    found = audit_records([edited])
    assert [f.code for f in found] == ["A101"]
    assert "metrics[0].sentence" in found[0].message


# -- A102 values, A103 names, A104 URLs -------------------------------------------------------


def test_a102_value_not_written_at_its_span() -> None:
    text = "ZetaNet reaches 85.7% accuracy."
    wrong = _record(text, metrics=[_result(text, "85.7%", 87.5, unit="%")])
    right = _record(text, metrics=[_result(text, "85.7%", 85.7, unit="%")])
    assert _codes(wrong) == ["A102"]
    assert _codes(right) == []


def test_a102_number_in_words_is_not_compared() -> None:
    text = "ZetaNet is two-fold faster."
    record = _record(text, metrics=[_result(text, "two-fold", 2.0, unit="x", role="improvement")])
    assert _codes(record) == []


def test_a103_mention_that_is_not_the_name() -> None:
    text = "We compare GPT-4 with gpt 4 and ImageNet."
    mentions = [_span(text, "GPT-4"), _span(text, "gpt 4"), _span(text, "ImageNet")]
    wrong = _record(text, models=[Entity(name="GPT-4", mentions=mentions)])
    right = _record(text, models=[Entity(name="GPT-4", mentions=mentions[:2])])
    findings = audit_records([wrong])
    assert [f.code for f in findings] == ["A103"]
    assert findings[0].spans == [mentions[2]]
    assert _codes(right) == []


def test_a104_url_not_the_one_written() -> None:
    text = "Code: github.com/x/y."
    span = _span(text, "github.com/x/y.")
    wrong = _record(text, code_urls=[Link(url="https://github.com/a/b", span=span)])
    right = _record(text, code_urls=[Link(url="https://github.com/x/y", span=span)])
    assert _codes(wrong) == ["A104"]
    assert _codes(right) == []


# -- A201 "from A to B" and the stated change -------------------------------------------------


def _from_to(change: str, value: float, unit: str | None) -> PaperRecord:
    text = f"Accuracy rises from 80.0% to 85.0%, {change}."
    piece = change.split()[-2]  # "5.0" of "a gain of 5.0 points", "6.25%" of "a 6.25% gain"
    return _record(
        text,
        metrics=[
            _result(text, "80.0%", 80.0, unit="%", role="baseline", metric="Accuracy"),
            _result(text, "85.0%", 85.0, unit="%", role="result", metric="Accuracy"),
            _result(text, piece, value, unit=unit, role="improvement"),
        ],
    )


@pytest.mark.parametrize(
    ("change", "value", "unit"),
    [
        ("a gain of 5.0 points", 5.0, "points"),
        ("a 6.25% gain", 6.25, "%"),
        ("a 6.3% gain", 6.3, "%"),
        ("a 5% gain", 5.0, "%"),
    ],
    ids=["difference", "relative", "relative-rounded", "percentage-points"],
)
def test_a201_change_that_adds_up(change: str, value: float, unit: str) -> None:
    assert "A201" not in _codes(_from_to(change, value, unit))


@pytest.mark.parametrize(
    ("change", "value", "unit"),
    [("a gain of 3.0 points", 3.0, "points"), ("a 7% gain", 7.0, "%")],
    ids=["points", "percent"],
)
def test_a201_change_that_does_not_add_up(change: str, value: float, unit: str) -> None:
    findings = [f for f in audit_records([_from_to(change, value, unit)]) if f.code == "A201"]
    assert len(findings) == 1
    assert "a difference of 5" in findings[0].message
    assert "a relative change of 6.25%" in findings[0].message
    assert [s.text for s in findings[0].spans][:2] == ["80.0%", "85.0%"]


# -- A202 percentages outside 0-100 -----------------------------------------------------------


def test_a202_accuracy_above_100_percent() -> None:
    text = "ZetaNet reaches 120% accuracy and is 120% faster with an FID of 120%."
    record = _record(
        text,
        metrics=[
            _result(text, "120%", 120.0, unit="%", metric="accuracy"),
            _result(text, "120%", 120.0, unit="%", role="improvement", nth=1),
            _result(text, "120%", 120.0, unit="%", metric="FID", nth=2),
        ],
    )
    findings = [f for f in audit_records([record]) if f.code == "A202"]
    assert [f.spans[0].start for f in findings] == [text.index("120%")]


def test_a202_accuracy_within_range() -> None:
    text = "ZetaNet reaches 99.5% accuracy."
    assert (
        _codes(_record(text, metrics=[_result(text, "99.5%", 99.5, unit="%", metric="accuracy")]))
        == []
    )


# -- A203 improvement larger than the result --------------------------------------------------


def _gain(text: str, result: str, value: float, gain: str, gain_value: float) -> PaperRecord:
    return _record(
        text,
        metrics=[
            _result(text, result, value, unit="%", metric="accuracy"),
            _result(text, gain, gain_value, unit="points", role="improvement", metric="accuracy"),
        ],
    )


def test_a203_gain_larger_than_the_result() -> None:
    text = "ZetaNet reaches 12.0% accuracy, improving by 15.0 points."
    findings = audit_records([_gain(text, "12.0%", 12.0, "15.0 points", 15.0)])
    assert [f.code for f in findings] == ["A203"]
    assert "baseline would be below zero" in findings[0].message


def test_a203_gain_smaller_than_the_result_or_a_reduction() -> None:
    bigger = "ZetaNet reaches 52.0% accuracy, improving by 15.0 points."
    reduced = "ZetaNet reduces the error to 2.0% accuracy loss, a cut of 15.0 points."
    assert _codes(_gain(bigger, "52.0%", 52.0, "15.0 points", 15.0)) == []
    assert _codes(_gain(reduced, "2.0%", 2.0, "15.0 points", 15.0)) == []


# -- A301 absolute or relative, A302 bounds ---------------------------------------------------


def _improves(text: str, piece: str, metric: str | None) -> PaperRecord:
    value = float(piece.split("%")[0].split()[0])
    return _record(
        text, metrics=[_result(text, piece, value, unit="%", role="improvement", metric=metric)]
    )


def test_a301_percent_gain_of_an_accuracy() -> None:
    text = "ZetaNet improves accuracy by 9.3% over CLIP."
    findings = audit_records([_improves(text, "9.3%", "accuracy")])
    assert [f.code for f in findings] == ["A301"]
    assert "percentage points or a relative change" in findings[0].message


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("ZetaNet improves accuracy by an absolute 9.3% over CLIP.", "accuracy"),
        ("ZetaNet improves accuracy by a relative 9.3% over CLIP.", "accuracy"),
        ("ZetaNet reduces latency by 9.3% over CLIP.", "latency"),
    ],
    ids=["absolute", "relative", "not-a-percentage"],
)
def test_a301_not_ambiguous(text: str, metric: str) -> None:
    assert _codes(_improves(text, "9.3%", metric)) == []


def test_a302_up_to_recorded_as_exact() -> None:
    text = "ZetaNet is up to 85.1% faster."
    exact = _record(text, metrics=[_result(text, "85.1%", 85.1, unit="%", role="improvement")])
    bounded = _record(
        text,
        metrics=[_result(text, "85.1%", 85.1, unit="%", role="improvement", bound="at_most")],
    )
    findings = audit_records([exact])
    assert [f.code for f in findings] == ["A302"]
    assert "'up to' 85.1%" in findings[0].message
    assert _codes(bounded) == []


def test_a302_over_before_a_name_is_not_a_bound() -> None:
    text = "ZetaNet improves over CLIP 85.1% of the time."
    record = _record(text, metrics=[_result(text, "85.1%", 85.1, unit="%", metric="win rate")])
    assert "A302" not in _codes(record)


# -- A401 cross-paper -------------------------------------------------------------------------


def _claim(id: str, value: str, model: str = "LLaMA2-7B") -> PaperRecord:
    text = f"{model} reaches {value} accuracy on GSM8K."
    return _record(
        text,
        id=id,
        metrics=[
            _result(
                text,
                value,
                float(value.rstrip("%")),
                unit="%",
                metric="accuracy",
                benchmark="GSM8K",
                model=model,
            )
        ],
    )


def test_a401_same_model_benchmark_metric_different_values() -> None:
    findings = audit_records([_claim("a", "35.2%"), _claim("b", "41.0%", "llama2 7b")])
    assert [(f.paper_id, f.code) for f in findings] == [("a", "A401"), ("b", "A401")]
    assert "a: 35.2%; b: 41.0%" in findings[0].message


def test_a401_agreeing_papers_or_one_paper() -> None:
    assert _codes(_claim("a", "35.2%"), _claim("b", "35.20%")) == []
    one_paper = [_claim("a", "35.2%"), _claim("a", "41.0%")]
    assert _codes(*one_paper) == []
    assert _codes(_claim("a", "35.2%"), _claim("b", "41.0%", "Mistral-7B")) == []


# -- A501 claims without evidence -------------------------------------------------------------


def test_a501_claim_without_a_number() -> None:
    text = (
        "ZetaNet outperforms all baselines on 24 benchmarks. "
        "It achieves new state-of-the-art results."
    )
    findings = audit_records([_record(text)])
    assert [(f.code, f.spans[0].text) for f in findings] == [
        ("A501", "outperforms"),
        ("A501", "achieves new state-of-the-art"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ZetaNet outperforms all baselines by 3.2%.",
        "ZetaNet outperforms CLIP with a score of 7.45.",
        "We compare against state-of-the-art methods.",
    ],
    ids=["percentage", "decimal-score", "not-a-claim"],
)
def test_a501_claim_with_a_number_or_no_claim(text: str) -> None:
    assert _codes(_record(text)) == []


# -- the whole batch and the catalogue --------------------------------------------------------


def test_extractor_records_of_the_sample_have_no_provenance_findings(
    fixture_path: Path,
) -> None:
    from extractor import extract_many
    from extractor.sources import read_source

    papers = [item.paper for item in read_source(str(fixture_path)) if item.paper]
    records = [r for r in extract_many(papers) if isinstance(r, PaperRecord)]
    findings = audit_records(records)
    assert len(records) == 74
    assert not [f for f in findings if f.code.startswith("A1")]
    assert {f.code for f in findings} <= set(CODES)
    assert all(isinstance(f, Finding) for f in findings)


def test_every_code_is_documented_with_an_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` |" in readme, code


def test_exported_members() -> None:
    for name in audit.__all__:
        assert hasattr(audit, name), name
