"""The record contract: span checks, frozen and closed models, the committed JSON Schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

import extractor_schemas as schemas
from extractor_schemas import (
    SCHEMA_VERSION,
    Entity,
    ErrorDetail,
    ErrorRecord,
    Link,
    Paper,
    PaperRecord,
    Result,
    Span,
)
from extractor_schemas.export import PUBLISHED

URL = "https://github.com/a/b"
TEXT = f"Our model reaches 85.7% on ImageNet; code: {URL}"


def _span(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment)


def _result() -> Result:
    return Result(
        text="85.7%", value=85.7, unit="%", span=_span(TEXT, "85.7%"), sentence=_span(TEXT, TEXT)
    )


def _record(**fields: Any) -> PaperRecord:
    return PaperRecord(id="p", text=TEXT, **fields)


# -- Span ---------------------------------------------------------------------------------


def test_span_accepts_text_of_its_length() -> None:
    span = Span(start=3, end=8, text="hello")
    assert (span.start, span.end, span.text) == (3, 8, "hello")


def test_empty_span_is_allowed() -> None:
    assert Span(start=4, end=4, text="").text == ""


@pytest.mark.parametrize(("start", "end", "text"), [(0, 4, "hello"), (0, 6, "hello"), (2, 2, "x")])
def test_span_text_length_must_match(start: int, end: int, text: str) -> None:
    with pytest.raises(ValidationError, match="has length"):
        Span(start=start, end=end, text=text)


def test_span_end_before_start_is_rejected() -> None:
    with pytest.raises(ValidationError, match="before its start"):
        Span(start=5, end=2, text="")


def test_span_offsets_are_not_negative() -> None:
    with pytest.raises(ValidationError):
        Span(start=-1, end=0, text="x")


# -- PaperRecord ----------------------------------------------------------------------------


def test_record_with_matching_spans_validates() -> None:
    number = _span(TEXT, "85.7%")
    record = _record(
        benchmarks=[Entity(name="ImageNet", mentions=[_span(TEXT, "ImageNet")])],
        metrics=[
            Result(text="85.7%", value=85.7, unit="%", span=number, sentence=_span(TEXT, TEXT))
        ],
        code_urls=[Link(url=URL, kind="code", span=_span(TEXT, URL))],
    )
    assert record.metrics[0].span.text == "85.7%"
    assert record.code_urls[0].span.text == URL
    assert record.schema_version == "1"


def test_record_rejects_span_whose_text_differs_from_the_slice() -> None:
    start = TEXT.index("ImageNet")
    wrong = Span(start=start, end=start + 8, text="ImageNeT")
    with pytest.raises(ValidationError, match=r"benchmarks\[0\]\.mentions\[0\]"):
        _record(benchmarks=[Entity(name="ImageNet", mentions=[wrong])])


def test_record_rejects_span_running_past_the_text() -> None:
    past = Span(start=len(TEXT) - 2, end=len(TEXT) + 3, text="b/xyz")
    with pytest.raises(ValidationError, match="runs past the text"):
        _record(code_urls=[Link(url="x", span=past)])


@pytest.mark.parametrize("where", ["method", "models", "result_span", "result_sentence"])
def test_every_span_of_a_record_is_checked(where: str) -> None:
    bad = Span(start=0, end=3, text="XXX")
    good = _span(TEXT, "85.7%")
    fields: dict[str, Any]
    if where == "method":
        fields = {"method": Entity(name="Our", mentions=[bad])}
    elif where == "models":
        fields = {"models": [Entity(name="Our", mentions=[bad])]}
    elif where == "result_span":
        fields = {"metrics": [Result(text="85.7%", value=85.7, span=bad, sentence=good)]}
    else:
        fields = {"metrics": [Result(text="85.7%", value=85.7, span=good, sentence=bad)]}
    with pytest.raises(ValidationError, match="but the text there is 'Our'"):
        _record(**fields)


def test_record_needs_an_id() -> None:
    with pytest.raises(ValidationError):
        PaperRecord(id="", text="x")


def test_empty_record_has_empty_lists() -> None:
    record = PaperRecord(id="p", text="")
    assert (record.models, record.benchmarks, record.metrics, record.code_urls) == ([], [], [], [])
    assert record.method is None


def test_schema_version_is_1() -> None:
    assert SCHEMA_VERSION == "1"
    assert PaperRecord(id="p", text="").schema_version == "1"
    with pytest.raises(ValidationError):
        PaperRecord(id="p", text="", schema_version="2")  # type: ignore[arg-type]


def test_literal_fields_are_closed() -> None:
    span = _span(TEXT, "85.7%")
    with pytest.raises(ValidationError):
        Result(text="85.7%", value=85.7, role="winner", span=span, sentence=span)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Link(url="x", kind="blog", span=span)  # type: ignore[arg-type]


# -- frozen and closed ----------------------------------------------------------------------

_INSTANCES: list[Any] = [
    Span(start=0, end=1, text="a"),
    Entity(name="x"),
    Paper(id="p", abstract="a"),
    PaperRecord(id="p", text=""),
    ErrorDetail(code="E101", message="m"),
    ErrorRecord(source="s", error=ErrorDetail(code="E101", message="m")),
]


@pytest.mark.parametrize("instance", _INSTANCES, ids=lambda m: type(m).__name__)
def test_models_are_frozen(instance: Any) -> None:
    name = next(iter(type(instance).model_fields))
    with pytest.raises(ValidationError, match="frozen"):
        setattr(instance, name, getattr(instance, name))


@pytest.mark.parametrize("instance", _INSTANCES, ids=lambda m: type(m).__name__)
def test_models_are_closed(instance: Any) -> None:
    data = instance.model_dump()
    assert type(instance).model_validate(data) == instance
    with pytest.raises(ValidationError, match="extra"):
        type(instance).model_validate({**data, "surprise": 1})


# -- ErrorRecord ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["E101", "E000", "E999"])
def test_error_code_pattern_accepts(code: str) -> None:
    assert ErrorDetail(code=code, message="m").code == code


@pytest.mark.parametrize("code", ["E1", "E1010", "e101", "X101", "101", "E10a", ""])
def test_error_code_pattern_rejects(code: str) -> None:
    with pytest.raises(ValidationError):
        ErrorDetail(code=code, message="m")


def test_error_record_line_starts_at_one() -> None:
    detail = ErrorDetail(code="E101", message="m")
    assert ErrorRecord(source="s", line=1, error=detail).line == 1
    with pytest.raises(ValidationError):
        ErrorRecord(source="s", line=0, error=detail)


# -- the committed JSON Schema -----------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(PUBLISHED))
def test_committed_schemas_match_the_models(kind: str) -> None:
    """Regenerate with ``python -m extractor_schemas.export`` when this fails."""
    path = PUBLISHED[kind][1]
    assert path.is_file(), "run: python -m extractor_schemas.export"
    assert path.read_text(encoding="utf-8") == schemas.render_json_schema(kind)


def test_committed_schema_describes_the_record(committed_schema: dict[str, Any]) -> None:
    assert committed_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert committed_schema["$id"] == f"urn:extractor:schema:paper_record:v{SCHEMA_VERSION}"
    assert set(committed_schema["required"]) >= {"id", "text"}
    assert committed_schema["properties"]["schema_version"]["const"] == "1"
    assert committed_schema == schemas.record_json_schema()


def test_published_schemas_let_readers_accept_added_fields() -> None:
    """The contract adds fields without a new schema_version, so no level forbids them."""
    for kind in PUBLISHED:
        assert '"additionalProperties": false' not in schemas.render_json_schema(kind)


def test_a_record_with_added_fields_validates_against_the_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    record = _record(metrics=[_result()]).model_dump(mode="json")
    record["added_top"] = 1
    record["metrics"][0]["added_in_result"] = {"strategy": "x"}
    record["metrics"][0]["span"]["added_in_span"] = True
    jsonschema.validate(record, schemas.record_json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**record, "schema_version": "2"}, schemas.record_json_schema())


def test_readers_set_added_fields_aside_at_every_depth() -> None:
    data = _record(metrics=[_result()]).model_dump(mode="json")
    data["added_top"] = 1
    data["metrics"][0]["added_in_result"] = 2
    data["metrics"][0]["span"]["added_in_span"] = 3
    assert schemas.accept_added_fields(PaperRecord, data) == _record(metrics=[_result()])
    with pytest.raises(ValidationError):  # what this package writes stays closed
        PaperRecord.model_validate(data)


def test_readers_still_reject_a_wrong_type() -> None:
    data = _record().model_dump(mode="json") | {"metrics": [{"text": "1", "value": "x"}]}
    with pytest.raises(ValidationError):
        schemas.accept_added_fields(PaperRecord, data)


def test_render_json_schema_is_stable_json() -> None:
    rendered = schemas.render_json_schema()
    assert rendered.endswith("}\n")
    assert (
        rendered
        == json.dumps(json.loads(rendered), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
