"""The paper's own contribution (issue 15): a listed name can be the paper's method, a
coined name with spaces is taken whole, an own trained system is a model. Made-up text."""

from __future__ import annotations

import pytest

from extractor import extract

# (title, text, method, the method is also a model, why)
CASES = [
    (
        "Vicuna: An Open Chatbot Trained on Conversations",
        "We present Vicuna, a chatbot fine-tuned from LLaMA. Vicuna beats Alpaca.",
        "Vicuna",
        True,
        "a listed name in the title that the abstract introduces",
    ),
    (
        None,
        "We introduce Vicuna, a chatbot fine-tuned from LLaMA on user conversations.",
        "Vicuna",
        True,
        "a listed name introduced with an apposition",
    ),
    (
        "Whisper: Robust Speech Recognition",
        "We compare against Whisper on LibriSpeech.",
        None,
        False,
        "a listed name in the title the abstract only uses",
    ),
    (
        None,
        "We fine-tune Vicuna, a chatbot, on our data and beat it with our method.",
        None,
        False,
        "a listed name used, not introduced",
    ),
    (
        None,
        "We propose a method called Frobbing KINO that improves retrieval over BM25.",
        "Frobbing KINO",
        False,
        "a coined name with a space, taken whole",
    ),
    (
        None,
        "Our agent, Zetabot, learns from pixels and reaches a score of 900 on Atari.",
        "Zetabot",
        True,
        "an agent is a trained system",
    ),
    (
        None,
        "Our system, Zetaflow, schedules jobs across clusters.",
        "Zetaflow",
        False,
        "a system is not a model",
    ),
    (
        None,
        "The proposed Zetanet runs at 30 FPS and reaches 80.1% accuracy on ImageNet.",
        "Zetanet",
        False,
        "the proposed X with a verb after it",
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "method", "is_model"),
    [case[:4] for case in CASES],
    ids=[case[4] for case in CASES],
)
def test_own_contribution(title: str | None, text: str, method: str | None, is_model: bool) -> None:
    record = extract(text, title=title)
    assert (record.method.name if record.method else None) == method
    models = [m.name for m in record.models]
    assert (method in models) is is_model, models
