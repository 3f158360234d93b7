"""Result cues of the ninth quality pass (issue 3), on invented sentences: a method applied
to a named model, speed-ups without a sign, cost figures without a benchmark, long
improvement phrases. Each cue is tested where it fires and where it must not."""

from __future__ import annotations

import random

from extractor import extract
from extractor.components.quantities import find_quantities
from extractor.pipeline.results import _cues as cues

# One sentence that names the method, so the linker knows what the method is.
_INTRO = "We propose BarTune, a simple fine-tuning method for language models. "


def _results(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(number, metric, benchmark, model) of every result, in order."""
    return [(m.text, m.metric, m.benchmark, m.model) for m in extract(_INTRO + text).metrics]


def _models_of(text: str) -> list[str | None]:
    return [m.model for m in extract(_INTRO + text).metrics]


# A method applied to a named model: the number is that model's.


def test_a_model_set_as_the_sentence_setting_owns_the_method_s_numbers() -> None:
    text = "On FooLM-7B, BarTune keeps 97.1% of the accuracy while removing half of the heads."
    assert _models_of(text) == ["FooLM-7B"]


def test_the_model_a_method_is_applied_to_owns_its_gain() -> None:
    text = "Applied to Qwen2.5-7B, BarTune improves accuracy on MMLU by 3.2 points."
    assert _results(text) == [("3.2 points", "accuracy", "MMLU", "Qwen2.5-7B")]


def test_the_model_whose_metric_the_method_changes_owns_the_change() -> None:
    text = "BarTune reduces the perplexity of FooLM-7B by 12% on WikiText-103."
    assert _models_of(text) == ["FooLM-7B"]


def test_the_model_the_method_compresses_owns_the_loss() -> None:
    text = "BarTune can quantize FooLM-13B to 3 bits with a loss of only 0.31 perplexity."
    assert _models_of(text) == ["FooLM-13B"]


def test_the_model_the_method_is_built_on_owns_its_score() -> None:
    text = "BarTune built on FooLM-7B reaches 71.2% accuracy on MMLU."
    assert _models_of(text) == ["FooLM-7B"]


def test_a_model_in_brackets_after_the_method_owns_its_number() -> None:
    text = "BarTune (FooLM-13B) surpasses the best baseline by 5.2 points on AlpacaEval."
    assert _models_of(text) == ["FooLM-13B"]


def test_a_model_named_after_a_speedup_owns_it() -> None:
    text = "Experiments show a 3.2 speedup on FooLM-7B without loss of quality."
    assert _results(text) == [("3.2", "speedup", None, "FooLM-7B")]


def test_a_model_named_after_a_gain_with_for_owns_it() -> None:
    text = "BarTune gives a 10-point improvement for FooLM-8B and a 5-point improvement for Qux-7B."
    assert _models_of(text) == ["FooLM-8B", "Qux-7B"]


def test_without_a_named_model_the_method_keeps_its_numbers() -> None:
    assert _models_of("BarTune reaches 71.2% accuracy on MMLU.") == ["BarTune"]


def test_a_compared_model_is_not_the_model_the_method_is_applied_to() -> None:
    # "than M", "over M", "outperforms M", "compared with M": a baseline's model.
    assert _models_of("BarTune outperforms FooLM-7B by 4.1% on MMLU.") == ["BarTune"]
    assert _models_of("BarTune reaches 71.2% accuracy, 4.1% higher than FooLM-7B.") == [
        "BarTune",
        "BarTune",
    ]
    assert _models_of("BarTune gives a 2.5 speedup over FooLM-7B.") == ["BarTune"]
    # The compared name is not the host; the clause's subject after the opening
    # comparison achieved the number (GUIDELINES.md: the model that achieved it).
    assert _models_of("Compared with FooLM-7B, BarTune reaches 71.2% accuracy on MMLU.") == [
        "BarTune"
    ]


def test_a_number_compared_after_the_host_is_not_the_host_s() -> None:
    text = "On FooLM-7B, BarTune reaches 6.6 F1 compared to the baseline's 1.5 F1."
    models = _models_of(text)
    assert models[0] == "FooLM-7B"
    assert models[1] != "FooLM-7B"


def test_a_model_used_as_a_judge_or_as_data_is_not_a_host() -> None:
    text = "Using FooLM-70B as a judge, BarTune reaches a 71.2% win rate."
    assert _models_of(text) == ["BarTune"]
    assert _models_of("BarTune reaches a 71.2% win rate on FooLM-70B outputs.") == ["BarTune"]


def test_a_host_in_another_clause_is_not_the_number_s() -> None:
    text = "On FooLM-7B, BarTune is stable, while it reaches 71.2% accuracy on MMLU."
    assert _models_of(text) == [None]


def test_host_cues_fire_on_their_phrases_only() -> None:
    for head in (
        "On ",
        "Results are good. On the ",
        "Applied to the ",
        "applying our method to ",
        "LowFoo built on ",
        "the perplexity of ",
        "BarTune can quantize ",
        "when fine-tuning ",
        ", and on ",
        "With ",
        "In addition, with ",
    ):
        assert cues._search_host_before(head), head
    for head in (
        "Compared with ",
        "distilled from ",
        "trained with ",
        "action ",
        "Using ",
        "along with ",
    ):
        assert not cues._search_host_before(head), head
    assert cues._match_host_after(" speedup on ")
    assert cues._match_host_after(" improvement for the ")
    assert not cues._match_host_after(" higher than ")
    assert not cues._match_host_after(" improvement over ")
    assert cues._match_host_close(" series, BarTune", 0)
    assert cues._match_host_close(", BarTune", 0)
    assert not cues._match_host_close(" outputs", 0)
    assert not cues._match_host_close("-generated data", 0)


def test_the_host_cue_skipped_without_its_words_matches_the_plain_pattern() -> None:
    words = ["on", "On", "to", "of", "the", "a", "Applied", "built", "prune", "speed up", "by"]
    words += ["than", ",", ".", "ſ", "K", "é", "fine-tuning", "Quantize", "an", "when", "x"]
    rng = random.Random(9)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice([" ", "  ", "", "\n"]) for _ in range(8))
        fast = cues._search_host_before(text, 0, len(text))
        plain = cues._search_host_before_plain(text, 0, len(text))
        assert (fast is None) == (plain is None), repr(text)
        assert fast is None or plain is None or fast.span() == plain.span()
        found += plain is not None
    assert 0 < found < 20000


# Speed-ups without a sign are ratios.


def test_a_bare_speedup_is_a_ratio() -> None:
    found = find_quantities("achieving a 3.29 training acceleration and a 2.5 speed-up")
    assert [(q.text, q.unit) for q in found] == [("3.29", "x"), ("2.5", "x")]


def test_a_bare_speedup_range_is_a_ratio_at_both_ends() -> None:
    found = find_quantities("delivering 2-6 inference speedup across tasks")
    assert [(q.text, q.unit) for q in found] == [("2", "x"), ("6", "x")]


def test_a_number_after_speeding_up_by_is_a_ratio() -> None:
    found = find_quantities("speeding up the decoder by 1.44 with no loss")
    assert [(q.text, q.unit) for q in found] == [("1.44", "x")]


def test_a_count_of_speedup_methods_is_no_ratio() -> None:
    assert [q.unit for q in find_quantities("we compare 3 acceleration methods")] == [None]
    assert [q.unit for q in find_quantities("accuracy improves by 2.1 points")] == ["points"]
    assert [q.unit for q in find_quantities("it speeds up training by 30%")] == ["%"]


def test_a_bare_speedup_is_a_result_with_its_speedup_as_metric() -> None:
    text = "BarTune achieves a 3.29 training acceleration on the FooBench benchmark."
    results = extract(_INTRO + text).metrics
    assert [(m.text, m.unit, m.role, m.metric) for m in results] == [
        ("3.29", "x", "improvement", "training acceleration")
    ]


# Costs of a model take no benchmark.


def test_a_parameter_or_memory_figure_takes_no_benchmark() -> None:
    text = "On ImageNet-1K, BarTune reaches 81.2% top-1 accuracy and cuts parameters by 35%."
    assert [(r[0], r[2]) for r in _results(text)] == [("81.2%", "ImageNet-1K"), ("35%", None)]


def test_cost_metrics_are_told_from_scores() -> None:
    for metric in ("parameters", "FLOPs", "GFLOPs", "MACs", "model size", "memory footprint"):
        assert cues._search_cost_metric(metric), metric
    for metric in ("accuracy", "inference speed", "latency", "batch size", "mAP"):
        assert not cues._search_cost_metric(metric), metric


# A long improvement phrase after a range: "10%-16% relative equal error rate (EER)
# reductions".


def test_an_improvement_named_with_its_acronym_is_an_improvement() -> None:
    assert cues._match_improvement_after(" relative equal error rate (EER) reductions")
    assert not cues._match_improvement_after(" validity with significantly fewer")
    assert not cues._match_improvement_after(" latency achieves a lower")


# Training data is not where numbers are reported.


def test_a_respectively_list_skips_the_training_set() -> None:
    text = (
        "When fine-tuning FooLM-7B on the MetaMathQA dataset and validating on GSM8K and "
        "MATH, BarTune reaches scores of 49.4 and 8.8, respectively."
    )
    benchmarks = [r[2] for r in _results(text)]
    assert "MetaMathQA" not in benchmarks
    assert benchmarks == ["GSM8K", "MATH"]


def test_a_benchmark_paper_s_numbers_are_not_on_its_data_when_trained_on() -> None:
    intro = "We introduce FooPref, a large preference dataset for alignment. "
    trained = "Fine-tuning FooLM-7B with FooPref leads to a 19.5% increase in helpfulness."
    evaluated = "FooLM-7B reaches a 61.2% win rate on hard prompts."
    assert [m.benchmark for m in extract(intro + trained).metrics] == [None]
    assert [m.benchmark for m in extract(intro + evaluated).metrics] == ["FooPref"]


def test_a_method_applied_to_several_models_keeps_no_single_host() -> None:
    text = "Built on FooLM-7B and Qux-8B, BarTune improves accuracy on MMLU by 1.8 points."
    assert _models_of(text) == ["BarTune"]
    assert _models_of("BarTune gives a 3.2 speedup on FooLM-7B and Qux-8B.") == ["BarTune"]
