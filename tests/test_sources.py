"""Reading papers: JSONL, the Daily Papers page format and plain text, one bad line at a time."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from extractor import (
    BadEncodingError,
    BadFieldError,
    BadJSONError,
    InputError,
    MissingFieldError,
    SourceError,
    TooLargeError,
)
from extractor.sources import (
    MAX_ABSTRACT_CHARS,
    MAX_WORD_CHARS,
    SourceItem,
    read_feed,
    read_jsonl,
    read_source,
    read_text,
    slugify,
    sniff_format,
)
from extractor_schemas import Paper

ABSTRACT = (
    "We propose a method that improves accuracy on several benchmarks while using fewer "
    "parameters than prior work, and we release code and weights for the community to use."
)
assert len(ABSTRACT.split()) >= 25  # long enough to read as an abstract line in a feed


def _line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def _write(path: Path, *lines: bytes) -> str:
    path.write_bytes(b"".join(lines))
    return str(path)


def _papers(items: list[SourceItem]) -> list[Paper]:
    return [item.paper for item in items if item.paper is not None]


def _errors(items: list[SourceItem]) -> list[InputError]:
    return [item.error for item in items if item.error is not None]


def _only(items: list[SourceItem]) -> Paper:
    assert [item.error for item in items] == [None]
    paper = items[0].paper
    assert paper is not None
    return paper


# -- JSONL ----------------------------------------------------------------------------------


def test_jsonl_good_lines(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "papers.jsonl",
        _line(id="a", title="First", abstract="Alpha."),
        _line(id="b", title="Second", abstract="Beta."),
    )
    items = list(read_source(source))
    assert [(i.source, i.line, i.error) for i in items] == [(source, 1, None), (source, 2, None)]
    assert _papers(items) == [
        Paper(id="a", title="First", abstract="Alpha."),
        Paper(id="b", title="Second", abstract="Beta."),
    ]


@pytest.mark.parametrize(
    ("bad", "error_type", "code"),
    [
        pytest.param(b'{"id": "x", "abstract": ', BadJSONError, "E101", id="malformed"),
        pytest.param(b'["not", "an", "object"]', BadJSONError, "E101", id="array"),
        pytest.param(b'"just a string"', BadJSONError, "E101", id="string"),
        pytest.param(
            b'{"id": "x", "title": "No abstract"}', MissingFieldError, "E102", id="missing-abstract"
        ),
        pytest.param(
            b'{"id": "x", "abstract": null}', MissingFieldError, "E102", id="null-abstract"
        ),
        pytest.param(b'{"abstract": "A.", "title": 42}', BadFieldError, "E104", id="number-title"),
        pytest.param(b'{"abstract": ["A."]}', BadFieldError, "E104", id="list-abstract"),
        pytest.param(b'{"abstract": "caf\xe9 latte"}', BadEncodingError, "E103", id="latin-1"),
        pytest.param(b'{"abstract": "\xff\xfe"}', BadEncodingError, "E103", id="invalid-utf8"),
    ],
)
def test_jsonl_bad_line_is_reported_and_others_still_read(
    tmp_path: Path, bad: bytes, error_type: type[InputError], code: str
) -> None:
    source = _write(
        tmp_path / "papers.jsonl",
        _line(id="a", abstract="Alpha."),
        _line(id="b", abstract="Beta."),
        bad + b"\n",
        _line(id="d", abstract="Delta."),
    )
    items = list(read_source(source))
    assert [item.line for item in items] == [1, 2, 3, 4]
    assert [p.id for p in _papers(items)] == ["a", "b", "d"]
    assert items[2].paper is None
    error = items[2].error
    assert isinstance(error, error_type)
    assert error.code == code
    assert (error.source, error.line) == (source, 3)
    assert str(error).startswith(f"[{code}] {source}:3: ")


def test_jsonl_several_bad_lines_each_name_their_line(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "mixed.jsonl",
        b"{oops\n",
        _line(id="b", abstract="Beta."),
        b'{"abstract": "\xc3\x28"}\n',
        b"[1, 2]\n",
        _line(id="e", title=7, abstract="Eps."),
        _line(id="f", title="Phi"),
        _line(id="g", abstract="Gamma."),
    )
    items = list(read_source(source))
    assert [(e.code, e.line) for e in _errors(items)] == [
        ("E101", 1),
        ("E103", 3),
        ("E101", 4),
        ("E104", 5),
        ("E102", 6),
    ]
    assert {e.source for e in _errors(items)} == {source}
    assert [p.id for p in _papers(items)] == ["b", "g"]
    assert [item.line for item in items] == [1, 2, 3, 4, 5, 6, 7]


def test_jsonl_summary_is_accepted_for_abstract() -> None:
    items = list(read_jsonl([_line(id="s", summary="From the summary.")], "s.jsonl"))
    assert _only(items).abstract == "From the summary."


def test_jsonl_abstract_wins_over_summary() -> None:
    items = list(read_jsonl([_line(id="s", abstract="A.", summary="S.")], "s.jsonl"))
    assert _only(items).abstract == "A."


def test_jsonl_id_defaults_to_slug_of_title() -> None:
    title = "ZeroQuant-FP: A Leap Forward in LLMs Post-Training W4A8 Quantization"
    items = list(read_jsonl([_line(title=title, abstract="A.")], "s.jsonl"))
    paper = _only(items)
    assert (
        paper.id
        == slugify(title)
        == ("zeroquant-fp-a-leap-forward-in-llms-post-training-w4a8-quantization")
    )
    assert paper.title == title


def test_jsonl_id_without_title_names_source_and_line() -> None:
    items = list(read_jsonl([b"\n", _line(abstract="A.")], "s.jsonl"))
    assert _only(items).id == "s.jsonl:2"


def test_jsonl_numeric_id_becomes_a_string() -> None:
    items = list(read_jsonl([_line(id=2401, abstract="A.")], "s.jsonl"))
    assert _only(items).id == "2401"


def test_jsonl_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "gaps.jsonl",
        b"\n",
        _line(id="a", abstract="Alpha."),
        b"   \n",
        b"\r\n",
        _line(id="b", abstract="Beta."),
        b"\n",
    )
    items = list(read_source(source))
    assert [(item.line, item.paper.id if item.paper else None) for item in items] == [
        (2, "a"),
        (5, "b"),
    ]


def test_jsonl_crlf_and_missing_final_newline(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "crlf.jsonl",
        b'{"id": "a", "abstract": "Alpha."}\r\n',
        b'{"id": "b", "abstract": "Beta."}',
    )
    items = list(read_source(source))
    assert [p.abstract for p in _papers(items)] == ["Alpha.", "Beta."]


def test_jsonl_lone_carriage_return_does_not_split_a_line(tmp_path: Path) -> None:
    # "\r" is JSON white space; only "\n" ends a JSONL line, so line numbers stay right.
    source = _write(
        tmp_path / "cr.jsonl",
        b'{"id": "a",\r "abstract": "Alpha."}\n',
        b"{bad\n",
        _line(id="c", abstract="Gamma."),
    )
    items = list(read_source(source))
    assert [(i.line, i.error.code if i.error else i.paper and i.paper.id) for i in items] == [
        (1, "a"),
        (2, "E101"),
        (3, "c"),
    ]


def test_jsonl_too_long_abstract_is_e105(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "big.jsonl",
        _line(id="big", abstract="x" * (MAX_ABSTRACT_CHARS + 1)),
        _line(id="ok", abstract="word " * (MAX_ABSTRACT_CHARS // 5)),
    )
    items = list(read_source(source))
    error = items[0].error
    assert isinstance(error, TooLargeError)
    assert (error.code, error.source, error.line) == ("E105", source, 1)
    assert [p.id for p in _papers(items)] == ["ok"]


def test_jsonl_endless_word_is_e105_and_the_next_line_survives(tmp_path: Path) -> None:
    # spaCy's tokenizer takes quadratic time on long runs without white space.
    source = _write(
        tmp_path / "brackets.jsonl",
        _line(id="bad", abstract="(" * (MAX_WORD_CHARS + 1)),
        _line(id="ok", abstract="fine text"),
    )
    items = list(read_source(source))
    error = items[0].error
    assert isinstance(error, TooLargeError)
    assert (error.code, error.line) == ("E105", 1)
    assert "without a space" in error.message
    assert [p.id for p in _papers(items)] == ["ok"]


def test_jsonl_format_forced_on_an_unsniffable_file(tmp_path: Path) -> None:
    source = _write(tmp_path / "papers.txt", b"\n\n", _line(id="a", abstract="Alpha."))
    assert _papers(list(read_source(source, "jsonl"))) == [Paper(id="a", abstract="Alpha.")]


def test_jsonl_lines_past_the_sniffed_head_keep_their_numbers(tmp_path: Path) -> None:
    count = 2_000  # well past the bytes read to guess the format
    lines = [_line(id=f"p{i}", abstract=ABSTRACT) for i in range(1, count + 1)]
    lines[count - 2] = b"{broken\n"
    source = _write(tmp_path / "long.jsonl", *lines)
    items = list(read_source(source))
    assert len(items) == count
    assert [item.line for item in items] == list(range(1, count + 1))
    assert [(e.code, e.line) for e in _errors(items)] == [("E101", count - 1)]
    assert items[-1].paper is not None and items[-1].paper.id == f"p{count}"


# -- the Daily Papers page format -----------------------------------------------------------

_HEADER = (
    b"new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nOct 1\n\n"
)


def test_feed_skips_header_and_pairs_titles_with_abstracts(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "page.txt",
        _HEADER,
        b"First Paper: A Title\n\n",
        ABSTRACT.encode() + b"\n\n",
        b"Second Paper\n\n",
        b"Second " + ABSTRACT.encode() + b"\n",
    )
    assert sniff_format((tmp_path / "page.txt").read_bytes(), source) == "feed"
    items = list(read_source(source))
    assert _errors(items) == []
    assert [(i.line, i.paper.id if i.paper else None) for i in items] == [
        (11, "first-paper-a-title"),
        (15, "second-paper"),
    ]
    assert _papers(items)[0] == Paper(
        id="first-paper-a-title", title="First Paper: A Title", abstract=ABSTRACT
    )


def test_feed_dangling_title_after_first_paper_is_an_error(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "page.txt",
        _HEADER,
        b"First Paper\n\n",
        ABSTRACT.encode() + b"\n\n",
        b"Orphan Title Without Abstract\n\n",
        b"Third Paper\n\n",
        ABSTRACT.encode() + b"\n\n",
        b"Trailing Orphan\n",
    )
    items = list(read_source(source))
    assert [p.title for p in _papers(items)] == ["First Paper", "Third Paper"]
    errors = _errors(items)
    assert [(type(e), e.code, e.source, e.line) for e in errors] == [
        (MissingFieldError, "E102", source, 15),
        (MissingFieldError, "E102", source, 21),
    ]
    assert "Orphan Title Without Abstract" in errors[0].message
    assert [item.line for item in items] == [11, 15, 17, 21]


def test_feed_abstract_without_title_is_an_error() -> None:
    lines = [b"Title\n", ABSTRACT.encode() + b"\n", b"\n", ABSTRACT.encode() + b"\n"]
    items = list(read_feed(lines, "page"))
    assert [p.title for p in _papers(items)] == ["Title"]
    assert [(e.code, e.line) for e in _errors(items)] == [("E102", 4)]


def test_feed_bad_bytes_name_their_line() -> None:
    lines = [
        b"Title\n",
        ABSTRACT.encode() + b"\n",
        b"Bad \xff title\n",
        b"Next\n",
        ABSTRACT.encode() + b"\n",
    ]
    items = list(read_feed(lines, "page"))
    assert [(e.code, e.line) for e in _errors(items)] == [("E103", 3)]
    assert [p.title for p in _papers(items)] == ["Title", "Next"]


def test_feed_reads_the_sample_page(fixture_path: Path) -> None:
    items = list(read_source(str(fixture_path)))
    assert _errors(items) == []
    papers = _papers(items)
    assert len(papers) == 74
    assert papers[0].title == "Visual Perception by Large Language Model's Weights"
    assert papers[0].id == "visual-perception-by-large-language-model-s-weights"
    assert len({p.id for p in papers}) == 74
    assert all(p.title and p.abstract for p in papers)
    assert [item.line for item in items] == sorted(item.line for item in items)  # type: ignore[type-var]


# -- plain text -----------------------------------------------------------------------------


def test_plain_text_file_is_one_paper_named_after_the_file(tmp_path: Path) -> None:
    source = _write(tmp_path / "My Great_Paper.v2.txt", b"  One short abstract.\nSecond line.\n\n")
    assert sniff_format((tmp_path / "My Great_Paper.v2.txt").read_bytes(), source) == "text"
    paper = _only(list(read_source(source)))
    assert paper == Paper(
        id="my-great-paper-v2", title=None, abstract="One short abstract.\nSecond line."
    )


def test_plain_text_long_single_paragraph_is_still_one_paper(tmp_path: Path) -> None:
    source = _write(tmp_path / "abstract.txt", ABSTRACT.encode() + b"\n")
    paper = _only(list(read_source(source)))
    assert (paper.id, paper.abstract) == ("abstract", ABSTRACT)


def test_read_text_bad_encoding_has_no_line() -> None:
    items = list(read_text(b"caf\xe9", "a.txt"))
    assert len(items) == 1
    error = items[0].error
    assert isinstance(error, BadEncodingError)
    assert (error.source, error.line) == ("a.txt", None)
    assert str(error).startswith("[E103] a.txt: ")


def test_read_text_too_long_is_e105() -> None:
    items = list(read_text(b"x" * (MAX_ABSTRACT_CHARS + 1), "big.txt"))
    assert [(type(i.error), i.paper) for i in items] == [(TooLargeError, None)]


# -- sources --------------------------------------------------------------------------------


def test_stdin_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _line(id="a", abstract="Alpha.") + b"{bad\n"

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", FakeStdin())
    items = list(read_source("-"))
    assert [i.source for i in items] == ["<stdin>", "<stdin>"]
    assert [p.id for p in _papers(items)] == ["a"]
    assert [(e.code, e.source, e.line) for e in _errors(items)] == [("E101", "<stdin>", 2)]


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.jsonl")
    with pytest.raises(SourceError) as caught:
        list(read_source(missing))
    assert caught.value.code == "E201"
    assert caught.value.source == missing


# -- sniff_format and slugify --------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b'{"id": "x"}\n', "a.txt", "jsonl"),
        (b'  \n {"id": "x"}\n', "a.txt", "jsonl"),
        (b"anything", "a.jsonl", "jsonl"),
        (b"anything", "a.ndjson", "jsonl"),
        (b"Title\n\n" + ABSTRACT.encode(), "page.txt", "feed"),
        (ABSTRACT.encode() + b"\n\nShort tail\n", "a.txt", "text"),
        (b"A short abstract.", "a.txt", "text"),
        (b"", "empty.txt", "text"),
    ],
)
def test_sniff_format(head: bytes, name: str, expected: str) -> None:
    assert sniff_format(head, name) == expected


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Visual Perception by Large Language Model's Weights",
            "visual-perception-by-large-language-model-s-weights",
        ),
        ("  --Hello,   World!--  ", "hello-world"),
        ("Über Modèles: 2× faster", "über-modèles-2-faster"),
        ("???", "untitled"),
        ("", "untitled"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_is_bounded_and_never_ends_with_a_dash() -> None:
    slug = slugify("word " * 50)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slugify("abc def", max_length=4) == "abc"
