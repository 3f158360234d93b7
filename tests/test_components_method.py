"""The proposed method's name."""

from __future__ import annotations

import pytest

from extractor import extract


@pytest.mark.parametrize(
    ("title", "text", "name", "aliases"),
    [
        ("ZetaAlign: Aligning Things", "We study alignment.", "ZetaAlign", []),
        (None, "In this paper, we propose QuokkaNet, which learns fast.", "QuokkaNet", []),
        (
            None,
            "We introduce Sparse Gradient Routing (SGR), a method for X.",
            "Sparse Gradient Routing",
            ["SGR"],
        ),
        (
            None,
            "We propose a novel framework, Contrastive Token Pruning (CTP), that works.",
            "Contrastive Token Pruning",
            ["CTP"],
        ),
        (None, "We present a scaling method - named HALO - that works.", "HALO", []),
        (None, "we propose a simple, training-free decoding method, FLINT.", "FLINT", []),
        (
            None,
            "a new loss, coined margin-aware ranking loss (MARL), helps.",
            "margin-aware ranking loss",
            ["MARL"],
        ),
    ],
)
def test_method_found(title: str | None, text: str, name: str, aliases: list[str]) -> None:
    record = extract(text, title=title)
    assert record.method is not None
    assert (record.method.name, record.method.aliases) == (name, aliases)
    for mention in record.method.mentions:
        assert record.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Towards Better Alignment of Models", "We propose a novel alignment paradigm."),
        (None, "We propose to recover the harmful direction of the model."),
        (None, "A training strategy called alignment can help."),
        (None, "We propose fine-tuning GPT-4 with DPO."),
        ("Reasons to Reject? Aligning Models", "We study feedback in LLMs."),
    ],
)
def test_no_method_when_nothing_is_named(title: str | None, text: str) -> None:
    assert extract(text, title=title).method is None


def test_method_that_is_a_model_is_listed_under_models() -> None:
    record = extract("We present OwlGPT, a new multimodal large language model. OwlGPT wins.")
    assert record.method is not None and record.method.name == "OwlGPT"
    assert [m.name for m in record.models] == ["OwlGPT"]


def test_method_that_is_not_a_model_is_not_listed_under_models() -> None:
    record = extract("We propose QuokkaLoss, a regulariser for training. QuokkaLoss helps.")
    assert record.method is not None
    assert record.models == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pruning tokens keeps accuracy. Our method, TokenTrim, is simple.", "TokenTrim"),
        ("We develop a lightweight adapter, termed GateAdapt, that routes tokens.", "GateAdapt"),
        (
            "This paper introduces the Sparse Mixture Router (SMR), which selects experts.",
            "Sparse Mixture Router",
        ),
        ("Our method outperforms GPT-4 on GSM8K.", None),
    ],
)
def test_more_ways_of_naming_the_method(text: str, name: str | None) -> None:
    method = extract(text).method
    assert (method.name if method else None) == name


@pytest.mark.parametrize(
    "text",
    [
        "Here, we propose ZorbNet. WE PRESENT Quux; this  paper introduces Blip.",
        "Between we propose X, we also introduce Y. Lower-case we develop Z.",
        "İt is; we propose X.",  # a character that lowers to two
        "we",
        "",
    ],
)
def test_proposals_found_at_subject_words_match_one_scan(text: str) -> None:
    from extractor.components.method import _finditer_proposal, _proposal

    assert [m.span() for m in _finditer_proposal(text)] == [
        m.span() for m in _proposal.finditer(text)
    ]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("3DQuant: Training-Free Quantization for 3D Models", "3DQuant"),
        ("Wanda++: Pruning Language Models", "Wanda++"),
        ("EchoNet:Alignment of Noisy Speech", "EchoNet"),
        ("Samudra 2: Scaling Ocean Emulators", "Samudra 2"),
    ],
)
def test_title_names_open_with_digits_end_in_plus_or_version_or_lack_the_colon_space(
    title: str, name: str
) -> None:
    text = f"We present {name}, a new model. {name} reaches 71.2% accuracy on TinyBench."
    record = extract(text, title=title)
    assert record.method is not None and record.method.name == name


@pytest.mark.parametrize(
    ("title", "text", "name"),
    [
        # a stop word inside a hyphenated name does not end the clause
        (None, "To fix this, we propose Robust-TO, an agentic framework.", "Robust-TO"),
        # an adjective made from a name is not the name
        (
            None,
            "We first create LLM-generated review sets. Then we propose FraudSquad, a model.",
            "FraudSquad",
        ),
        # a benchmark introduced with "the first ..." is deferred to the later proposal
        (
            None,
            "We introduce ZooBench-CF, the first counterfactual benchmark for agents. "
            "We propose Counterfactual Action Guidance (CAG), a simple scheme.",
            "Counterfactual Action Guidance",
        ),
        # an analysis tool introduced "to quantify" something is not the method
        (
            None,
            "We introduce Attention Spread Analysis (ASA) to quantify blunting. "
            "Then we propose the Window-Aware Optimization Module (WOM), a framework.",
            "Window-Aware Optimization Module",
        ),
        # title words before the colon, introduced by the abstract
        (
            "Ambient Physics: Training Solvers with Partial Observations",
            "We introduce Ambient Physics, a framework for learning from partial data.",
            "Ambient Physics",
        ),
        # "We ... and propose X"
        (
            None,
            "We cast window selection as a search problem and propose System-Anchored "
            "Knee Estimation (SAKE), a two-stage method.",
            "System-Anchored Knee Estimation",
        ),
        # a Title Case name after an article
        (
            None,
            "In this work we propose a Temporal Pyramid Adapter that mixes scales.",
            "Temporal Pyramid Adapter",
        ),
    ],
)
def test_method_found_in_more_proposal_shapes(title: str | None, text: str, name: str) -> None:
    method = extract(text, title=title).method
    assert method is not None and method.name == name


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # title words the abstract does not introduce are not a name
        ("Hidden Clones: Exposing Family Bias", "We study Hidden Clones in ensembles."),
        # "and propose" with no "we" in the sentence
        (None, "Scaling laws hold and propose little. Models and Data matter."),
        # a plain Title Case phrase not followed by a clause or bracket
        (None, "We propose a Transformer baseline for ranking."),
    ],
)
def test_no_method_from_weak_proposal_shapes(title: str | None, text: str) -> None:
    assert extract(text, title=title).method is None


@pytest.mark.parametrize(
    ("text", "method"),
    [
        # "LRA" (Long Range Arena) grown into "LRA-EE", the paper's own method
        (
            "We propose LRA-EE, an early-exit scheme. On ImageNet-1K, LRA-EE reduces FLOPs "
            "by 13.4% and improves top-1 accuracy by 2.4%.",
            "LRA-EE",
        ),
    ],
)
def test_a_method_grown_from_a_listed_benchmark_is_not_a_benchmark(text: str, method: str) -> None:
    record = extract(text)
    assert record.method is not None and record.method.name == method
    assert method not in [b.name for b in record.benchmarks]
    assert {r.model for r in record.metrics} == {method}
    assert {r.benchmark for r in record.metrics if r.metric != "FLOPs"} == {"ImageNet-1K"}


def test_a_benchmark_the_paper_introduces_stays_a_benchmark() -> None:
    record = extract(
        "We introduce MMLU-XX, a benchmark of hard questions. GPT-4 scores 41.2% on MMLU-XX."
    )
    assert "MMLU-XX" in [b.name for b in record.benchmarks]
