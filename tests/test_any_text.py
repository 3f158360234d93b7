"""Property: any text becomes a valid record (its spans index the text) or a clean
error record (too large, or over its time budget); nothing raises."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract_many
from extractor._text import clean
from extractor_schemas import ErrorRecord, PaperRecord

# Pieces abstracts are made of, so that the rules have something to bite on, mixed with
# arbitrary characters (control characters, surrogates excluded by UTF-8, marks, ...).
PIECES = [
    "ZetaNet",
    "GPT-4",
    "ImageNet",
    "MMLU",
    "accuracy",
    "top-1",
    "BLEU",
    "F1",
    "85.7",
    "%",
    "±",
    "0.3",
    "x",
    "×",
    "by",
    "on",
    "and",
    "respectively",
    "outperforms",
    "(",
    ")",
    "[",
    "]",
    "-",
    "–",
    ",",
    ";",
    ".",
    " ",
    "  ",
    "\n",
    "https://github.com/a/b",
    "www.x.io",
    "Large Language Models (LLMs)",
    "We propose",
    ":",
    "$",
    "\\%",
    "\u0301",
    "\u200b",
    "\u202e",
    "e.g.",
    "et al.",
    "1e-3",
    "7B",
    "2023",
    "points",
    "mAP",
    "COCO",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=300).map(" ".join),
)


def _spans(value: Any) -> list[dict[str, Any]]:
    """Every ``{"start", "end", "text"}`` object inside a dumped record."""
    found = []
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            found.append(value)
        for item in value.values():
            found += _spans(item)
    elif isinstance(value, list):
        for item in value:
            found += _spans(item)
    return found


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=texts, title=st.one_of(st.none(), st.text(max_size=60)))
def test_any_text_gives_a_record_whose_spans_index_it_or_a_clean_error(
    text: str, title: str | None
) -> None:
    (output,) = extract_many([{"id": "p", "title": title, "abstract": text}], budget=5)
    if isinstance(output, ErrorRecord):
        assert output.error.code in ("E105", "E302"), output.error
        return
    assert isinstance(output, PaperRecord)
    assert output.text == clean(text)
    dumped = output.model_dump(mode="json")
    for span in _spans({k: v for k, v in dumped.items() if k != "title"}):
        assert 0 <= span["start"] <= span["end"] <= len(output.text)
        assert output.text[span["start"] : span["end"]] == span["text"]
