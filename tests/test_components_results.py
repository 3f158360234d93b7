"""Which numbers are results, and their role, bound, metric, benchmark and model."""

from __future__ import annotations

from extractor import extract
from extractor_schemas import Result


def _results(text: str, title: str | None = None) -> list[Result]:
    return extract(text, title=title).metrics


def _row(r: Result) -> tuple[str, str, str, str | None, str | None, str | None]:
    return r.text, r.role, r.bound, r.metric, r.benchmark, r.model


def test_result_with_metric_after_and_benchmark() -> None:
    (r,) = _results("The resulting ViT-G model attains 90.94% top-1 accuracy on ImageNet.")
    assert _row(r) == ("90.94%", "result", "exact", "top-1 accuracy", "ImageNet", "ViT-G")
    assert r.sentence.text.startswith("The resulting")


def test_from_to_gives_baseline_then_result() -> None:
    a, b = _results("It reduces the refusal rate of Llama-3-8B-Instruct from 74.4% to 33.4%.")
    assert (a.role, a.value, b.role, b.value) == ("baseline", 74.4, "result", 33.4)
    assert a.metric == b.metric == "refusal rate"


def test_improvements_by_and_gains_of() -> None:
    results = _results("Our method outperforms CLIP by 9.3%. It brings gains of 4.1% and 2.2%.")
    assert [(r.text, r.role) for r in results] == [
        ("9.3%", "improvement"),
        ("4.1%", "improvement"),
        ("2.2%", "improvement"),
    ]
    # The model compared against is not the model that achieved the gain.
    assert results[0].model is None


def test_factor_speedup_is_improvement_but_size_factor_is_not_a_result() -> None:
    results = _results("It is 10x faster. Our model is 3.75x larger than CLIP with 2x more data.")
    assert [(r.text, r.role, r.unit) for r in results] == [("10x", "improvement", "x")]


def test_bounds() -> None:
    a, b = _results("Agreement reaches an F1 score above 80%, and up to 5% higher accuracy.")
    assert (a.bound, a.metric, a.role) == ("at_least", "F1", "result")
    assert (b.bound, b.role) == ("at_most", "improvement")


def test_conditions_sizes_years_are_not_results() -> None:
    text = (
        "With only 3.3% of the labels and 25K pairs from 2023, using less than 10% data, "
        "a 7B model at 50% sparsity trained for 20 hours on 512 times 512 images."
    )
    assert _results(text) == []


def test_bare_numbers_need_a_metric_beside_them() -> None:
    results = _results(
        "We use 15 models on 6 datasets. It reaches 7.55 on MT-Bench and BLEU of 32.1."
    )
    assert [(r.text, r.metric, r.benchmark) for r in results] == [
        ("7.55", None, "MT-Bench"),
        ("32.1", "BLEU", None),
    ]


def test_score_of_list_with_respectively_pairs_benchmarks() -> None:
    results = _results(
        "The model achieved scores of 49.36 and 8.8, respectively, on GSM8K and MT-Bench."
    )
    assert [(r.value, r.benchmark) for r in results] == [(49.36, "GSM8K"), (8.8, "MT-Bench")]


def test_respectively_pairs_in_order_with_units() -> None:
    results = _results("We improve accuracy by 4.7% and 15.5% on MMLU and GSM8K, respectively.")
    assert [(r.value, r.benchmark, r.role) for r in results] == [
        (4.7, "MMLU", "improvement"),
        (15.5, "GSM8K", "improvement"),
    ]


def test_range_gives_two_bounded_values() -> None:
    results = _results("It outperforms baselines by 8-12% on win rates.")
    assert [(r.text, r.value, r.bound, r.role, r.metric) for r in results] == [
        ("8", 8.0, "at_least", "improvement", "win rate"),
        ("12%", 12.0, "at_most", "improvement", "win rate"),
    ]


def test_method_is_the_model_of_its_own_result() -> None:
    (r,) = _results("We present ZetaNet. ZetaNet achieves 71.2% accuracy on ImageNet.")
    assert (r.model, r.benchmark, r.metric) == ("ZetaNet", "ImageNet", "accuracy")


def test_every_result_span_indexes_the_text() -> None:
    record = extract(r"Accuracy rises from 81.09 to 91.36 points on AlpacaEval (\% gains).")
    assert record.metrics
    for r in record.metrics:
        assert record.text[r.span.start : r.span.end] == r.text == r.span.text
        assert r.sentence.start <= r.span.start < r.span.end <= r.sentence.end


def test_improvement_after_a_model_name_with_digits_is_not_a_dimension() -> None:
    # Regression: "ViT-B/16 by 2.1 points" once read as a "16 by 2" dimension.
    results = _results(
        "ZetaNet reaches 85.7% top-1 accuracy on ImageNet, improving over ViT-B/16 by "
        "2.1 points while running 3x faster."
    )
    assert [(r.text, r.role, r.metric) for r in results] == [
        ("85.7%", "result", "top-1 accuracy"),
        ("2.1 points", "improvement", "top-1 accuracy"),
        ("3x", "improvement", None),  # a speed-up, not an accuracy
    ]
