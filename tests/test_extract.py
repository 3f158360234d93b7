"""The library entry points: ``extract`` for one abstract, ``extract_many`` for a stream."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from spacy.tokens import Doc

import extractor
from extractor import ErrorRecord, Paper, PaperRecord, TooLargeError, extract, extract_many
from extractor.sources import MAX_ABSTRACT_CHARS, MAX_WORD_CHARS

SpanCheck = Callable[[PaperRecord], None]

ABSTRACT = (
    "We present FastNet, a compact model. FastNet reaches 85.7% top-1 accuracy on ImageNet, "
    "up 2.1 points over ResNet-50, and runs 3x faster. Code: https://github.com/org/fastnet."
)


def _ok(output: PaperRecord | ErrorRecord) -> PaperRecord:
    assert isinstance(output, PaperRecord), output
    return output


def _failed(output: PaperRecord | ErrorRecord) -> ErrorRecord:
    assert isinstance(output, ErrorRecord), output
    return output


# -- extract --------------------------------------------------------------------------------


def test_extract_returns_a_valid_record(assert_spans_index_text: SpanCheck) -> None:
    record = extract(ABSTRACT, title="FastNet: Small and Quick", id="fastnet")
    assert isinstance(record, PaperRecord)
    assert (record.id, record.title, record.text) == (
        "fastnet",
        "FastNet: Small and Quick",
        ABSTRACT,
    )
    assert record.schema_version == "1"
    assert [link.url for link in record.code_urls] == ["https://github.com/org/fastnet"]
    assert record.metrics, "a percentage next to a benchmark is a result"
    assert_spans_index_text(record)
    assert PaperRecord.model_validate_json(record.model_dump_json()) == record


def test_extract_is_deterministic() -> None:
    assert extract(ABSTRACT, id="a") == extract(ABSTRACT, id="a")


def test_extract_id_defaults_to_slug_of_title_then_text() -> None:
    assert extract(ABSTRACT, title="FastNet: Small and Quick").id == "fastnet-small-and-quick"
    assert extract("Hello, world.").id == "hello-world"


def test_extract_cleans_the_title() -> None:
    record = extract("Plain text.", title="  Up to 50\\% Faster  ")
    assert record.title == "Up to 50% Faster"


def test_extract_empty_text_gives_empty_record() -> None:
    record = extract("", id="empty")
    assert record.text == ""
    assert record.method is None
    assert (record.models, record.benchmarks, record.metrics, record.code_urls) == ([], [], [], [])


def test_extract_refuses_too_long_text() -> None:
    with pytest.raises(TooLargeError) as caught:
        extract("x" * (MAX_ABSTRACT_CHARS + 1), id="big")
    assert caught.value.code == "E105"


def test_extract_accepts_a_custom_pipeline() -> None:
    nlp = extractor.build_pipeline()
    assert extract(ABSTRACT, id="a", nlp=nlp) == extract(ABSTRACT, id="a")


def test_default_pipeline_is_built_once() -> None:
    assert extractor.default_pipeline() is extractor.default_pipeline()


# -- cleaning -------------------------------------------------------------------------------


def test_latex_escapes_are_cleaned_and_spans_index_cleaned_text(
    assert_spans_index_text: SpanCheck,
) -> None:
    raw = (
        r"Accuracy rises from 33.25\% to 41.5\% on ImageNet with Harmless\&Helpful data "
        r"(code: https://github.com/org/repo)."
    )
    record = extract(raw, id="latex")
    expected = (
        "Accuracy rises from 33.25% to 41.5% on ImageNet with Harmless&Helpful data "
        "(code: https://github.com/org/repo)."
    )
    assert record.text == expected == extractor.clean(raw)
    assert "\\" not in record.text
    [link] = record.code_urls
    assert link.span.start == expected.index("https://")  # the cleaned offset, not the raw one
    assert link.span.text == link.url == "https://github.com/org/repo"
    for result in record.metrics:
        assert "\\" not in result.text
        assert result.span.text == record.text[result.span.start : result.span.end]
    assert_spans_index_text(record)


def test_whitespace_and_entities_are_cleaned() -> None:
    record = extract("  A&amp;B \n\n scores\u00a0high.  ", id="ws")
    assert record.text == "A&B scores high."


# -- extract_many ---------------------------------------------------------------------------


def test_extract_many_with_papers_and_dicts_keeps_order() -> None:
    papers: list[Any] = [
        Paper(id="p1", title="First", abstract="Alpha reaches 90% accuracy."),
        {"id": "d2", "title": "Second", "abstract": "Beta."},
        {"title": "Third Paper", "summary": "Gamma, from a summary field."},
        Paper(id="p4", abstract="Delta."),
        {"abstract": "No id, no title."},
    ]
    outputs = list(extract_many(papers))
    records = [_ok(o) for o in outputs]
    assert [r.id for r in records] == ["p1", "d2", "third-paper", "p4", "paper-5"]
    assert [r.text for r in records] == [
        "Alpha reaches 90% accuracy.",
        "Beta.",
        "Gamma, from a summary field.",
        "Delta.",
        "No id, no title.",
    ]
    assert records[0].title == "First"
    assert records[4].title is None


def test_extract_many_is_lazy_and_streams() -> None:
    def papers() -> Iterator[dict[str, str]]:
        yield {"id": "a", "abstract": "Alpha."}
        raise AssertionError("read past the first batch")

    outputs = extract_many(papers(), batch_size=1)
    assert _ok(next(outputs)).id == "a"


def test_extract_many_keeps_order_across_batches() -> None:
    papers = [{"id": f"p{i}", "abstract": f"Paper {i} reaches {i}% accuracy."} for i in range(23)]
    outputs = list(extract_many(papers, batch_size=4))
    assert [_ok(o).id for o in outputs] == [f"p{i}" for i in range(23)]


@pytest.mark.parametrize(
    ("bad", "code", "id"),
    [
        pytest.param({"id": "x", "title": "No abstract"}, "E102", "x", id="missing-abstract"),
        pytest.param({"id": "x", "title": 42, "abstract": "A."}, "E104", "x", id="number-title"),
        pytest.param({"abstract": "A." * 30_000}, "E105", None, id="too-large"),
        pytest.param(42, "E101", None, id="not-a-mapping"),
    ],
)
def test_extract_many_bad_dict_gives_error_record_in_place(
    bad: Any, code: str, id: str | None
) -> None:
    """The codes are the CLI's for the same JSONL line, and the input's id is kept."""
    papers: list[Any] = [{"id": "a", "abstract": "Alpha."}, bad, {"id": "c", "abstract": "Gamma."}]
    outputs = list(extract_many(papers))
    assert len(outputs) == 3
    assert [_ok(outputs[0]).id, _ok(outputs[2]).id] == ["a", "c"]
    error = _failed(outputs[1])
    assert (error.source, error.line, error.error.code, error.id) == ("<papers>", 2, code, id)
    assert "pydantic" not in error.error.message and error.error.message


def test_extract_many_ignores_fields_it_does_not_read_as_the_cli_does() -> None:
    [record] = extract_many([{"id": "x", "abstract": "We reach 5% on MMLU.", "year": 2024}])
    assert _ok(record).id == "x"


@pytest.fixture
def fail_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the URL finder raise on any text containing BOOM (only while the test runs)."""
    component_type = type(extractor.default_pipeline().get_pipe("paper_urls"))
    original = component_type.__call__

    def exploding(self: Any, doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise RuntimeError("kaboom")
        processed: Doc = original(self, doc)
        return processed

    monkeypatch.setattr(component_type, "__call__", exploding)


@pytest.mark.usefixtures("fail_on_boom")
@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_pipeline_failure_gives_e301_for_that_paper_only(batch_size: int) -> None:
    papers: list[Any] = [
        {"id": "a", "abstract": "Alpha reaches 90% on ImageNet."},
        Paper(id="boom", title="Broken", abstract="This one goes BOOM."),
        {"id": "c", "abstract": "Gamma, see https://github.com/org/gamma."},
    ]
    outputs = list(extract_many(papers, batch_size=batch_size))
    assert len(outputs) == 3
    assert _ok(outputs[0]).id == "a"
    assert [link.url for link in _ok(outputs[2]).code_urls] == ["https://github.com/org/gamma"]
    error = _failed(outputs[1])
    assert error.id == "boom"
    assert (error.source, error.line) == ("<papers>", 2)
    assert error.error.code == "E301"
    assert "RuntimeError" in error.error.message
    assert "kaboom" in error.error.message


@pytest.mark.usefixtures("fail_on_boom")
def test_pipeline_failure_leaves_no_trace_after_the_batch() -> None:
    papers = [{"id": f"p{i}", "abstract": "BOOM" if i == 5 else f"Paper {i}."} for i in range(9)]
    outputs = list(extract_many(papers, batch_size=4))
    assert [type(o).__name__ for o in outputs] == ["PaperRecord"] * 5 + ["ErrorRecord"] + [
        "PaperRecord"
    ] * 3
    assert [o.id for o in outputs] == [f"p{i}" for i in range(9)]


def test_patch_is_undone_after_the_failure_tests() -> None:
    assert _ok(next(extract_many([{"id": "x", "abstract": "No BOOM here."}]))).id == "x"


def test_extract_many_refuses_an_endless_word_and_goes_on() -> None:
    papers = [
        {"id": "bad", "abstract": "(" * (MAX_WORD_CHARS + 1) + " ok"},
        {"id": "good", "abstract": "We reach 85.7% accuracy."},
    ]
    bad, good = extract_many(papers)
    assert isinstance(bad, ErrorRecord) and bad.error.code == "E105"
    assert isinstance(good, PaperRecord) and good.id == "good"


def test_extract_refuses_an_endless_word() -> None:
    with pytest.raises(TooLargeError, match="without a space"):
        extract("x" * (MAX_WORD_CHARS + 1))


def test_extract_many_checks_the_cost_of_a_paper_object_too() -> None:
    papers = [
        Paper(id="bad", abstract="(" * (MAX_WORD_CHARS + 1) + " ok"),
        Paper(id="good", abstract="We reach 85.7% accuracy."),
    ]
    bad, good = extract_many(papers)
    assert isinstance(bad, ErrorRecord) and bad.error.code == "E105"
    assert bad.error.message.startswith("a run of 1,001 characters without a space")
    assert bad.id is None  # a refused Paper object keeps no id (as before the check moved)
    assert isinstance(good, PaperRecord) and good.id == "good"


def test_extract_refuses_a_non_string_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match=r"extract\(\) takes the abstract as a str, not dict"):
        extract({"id": "x", "abstract": "FooNet reaches 71.2% on MMLU."})  # type: ignore[arg-type]
