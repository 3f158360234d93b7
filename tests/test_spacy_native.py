"""The components as spaCy users plug them in: Docs serialise, records come from any Doc."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from extractor import build_pipeline, doc_to_record, extract_many
from extractor._text import clean
from extractor_schemas import PaperRecord

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "gold" / "external-a.jsonl"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [clean(json.loads(line)["abstract"]) for line in lines]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="module")
def expected(texts: list[str]) -> list[PaperRecord]:
    papers = [{"id": f"p{i}", "abstract": text} for i, text in enumerate(texts)]
    records = list(extract_many(papers))
    assert all(isinstance(r, PaperRecord) for r in records)
    return records  # type: ignore[return-value]


def _records(docs: list[Doc]) -> list[PaperRecord]:
    return [doc_to_record(doc, id=f"p{i}") for i, doc in enumerate(docs)]


def test_doc_to_record_on_docs_of_nlp_pipe_gives_extract_manys_records(
    nlp: Language, texts: list[str], expected: list[PaperRecord]
) -> None:
    assert _records(list(nlp.pipe(texts))) == expected


def test_nlp_pipe_on_two_processes_gives_the_same_records(
    nlp: Language, texts: list[str], expected: list[PaperRecord]
) -> None:
    assert _records(list(nlp.pipe(texts, n_process=2))) == expected


def test_a_docbin_round_trip_keeps_the_records(
    nlp: Language, texts: list[str], expected: list[PaperRecord]
) -> None:
    stored = DocBin(store_user_data=True, docs=nlp.pipe(texts)).to_bytes()
    docs = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    assert _records(docs) == expected


def test_doc_to_bytes_round_trip_keeps_the_payloads(nlp: Language, texts: list[str]) -> None:
    doc = nlp(texts[0])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    for name in ("paper_quantities", "paper_names", "paper_results", "paper_links"):
        assert getattr(again._, name) == getattr(doc._, name), name


def test_doc_to_record_defaults_the_id_to_a_slug_of_the_title(nlp: Language) -> None:
    doc = nlp("Our model reaches 85.7% top-1 accuracy on ImageNet.")
    assert doc_to_record(doc, title="ZetaNet: Fast Vision").id == "zetanet-fast-vision"
    assert doc_to_record(doc).id.startswith("our-model-reaches-85-7")


def test_a_serialised_doc_cannot_name_a_class_outside_the_package() -> None:
    from extractor.components._msgpack import decode_payload

    with pytest.raises(ValueError, match="unknown payload type"):
        decode_payload({"__extractor__": "os:system", "f": ["true"]})
    assert decode_payload({"plain": 1}) == {"plain": 1}


def test_ents_are_opt_in_and_render_with_displacy() -> None:
    from spacy import displacy

    text = (
        "We propose ZetaNet. On ImageNet, ZetaNet reaches 85.7% top-1 accuracy, "
        "beating ResNet-50. Code: https://github.com/a/zetanet"
    )
    assert build_pipeline()(text).ents == ()
    doc = build_pipeline(ents=True)(text)
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("ImageNet", "BENCHMARK"), ("85.7%", "RESULT"), ("ResNet-50", "MODEL")} <= found
    assert ("https://github.com/a/zetanet", "URL") in found
    assert "ZetaNet" in {e.text for e in doc.ents if e.label_ in {"METHOD", "MODEL"}}
    html = displacy.render(doc, style="ent")
    assert "BENCHMARK" in html and "85.7%" in html


def test_analyze_pipes_lists_what_each_component_reads_and_writes() -> None:
    summary = build_pipeline().analyze_pipes(pretty=False)
    assert summary["summary"]["paper_names"]["assigns"] == ["doc._.paper_names", "doc.spans"]
    assert "doc._.paper_quantities" in summary["summary"]["paper_results"]["requires"]
    assert all(problems == [] for problems in summary["problems"].values())


def test_a_component_added_without_what_it_reads_is_a_clear_error() -> None:
    import spacy

    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match=r'paper_results reads .*nlp.add_pipe\("paper_urls"\)'):
        nlp.add_pipe("paper_results")
    nlp.add_pipe("paper_urls")  # needs nothing: the README's example still works


def test_abbreviations_as_spans_with_their_long_form() -> None:
    doc = build_pipeline()("We fine-tune with Low-Rank Adaptation (LoRA) and report the WER.")
    [short] = doc._.paper_abbreviation_spans
    assert short.text == "LoRA"
    assert short._.paper_long_form is not None
    assert short._.paper_long_form.text == "Low-Rank Adaptation"
    assert [(s.text, s.label_) for s in doc.spans["paper_abbreviations"]] == [
        ("LoRA", "Low-Rank Adaptation")
    ]
