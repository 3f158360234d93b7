"""The registry lexicon beside the curated lists: made-up names from fixtures/registry.

Names that are also ordinary words ("Atlas", "Genesis") need a context cue; curated
entries and the stop list win over the registry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from extractor import extract
from extractor._pipeline import build_pipeline
from extractor.gazetteers import load_gazetteer, load_word_list
from extractor.lexicon.registry import parse_registry, registry_files, without_curated

REGISTRY = Path(__file__).resolve().parent.parent / "fixtures" / "registry"


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = build_pipeline(doc_spans=False)
    nlp.replace_pipe("paper_names", "paper_names", config={"registry": str(REGISTRY)})
    return nlp


# (text, kind, name, found?, why)
CASES = [
    ("We compare against Zorblax-7 on our data.", "models", "Zorblax-7", True, "plain name"),
    ("We compare against QuillNet on our data.", "models", "QuillNet", True, "plain name"),
    ("Atlas is hard to beat on our data.", "models", "Atlas", False, "ordinary word, no cue"),
    ("We fine-tune the Atlas model on our data.", "models", "Atlas", True, "model noun"),
    ("We fine-tune Atlas 2 on our data.", "models", "Atlas 2", True, "version after"),
    ("We fine-tune Atlas 7B on our data.", "models", "Atlas 7B", True, "size glued on"),
    ("We compare Atlas, QuillNet and Zorblax-7.", "models", "Atlas", True, "listed with names"),
    ("We compare Atlas (ATL) with humans.", "models", "Atlas", True, "acronym after"),
    ("We train a Phoenix baseline.", "models", "Phoenix", True, "model noun"),
    ("We rise like a Phoenix from the ashes.", "models", "Phoenix", False, "ordinary word"),
    ("Kestrel is hard to beat.", "models", "Kestrel", False, "common in one source"),
    ("Results on Genesis are strong.", "benchmarks", "Genesis", False, "ordinary word"),
    ("We evaluate on the Genesis benchmark.", "benchmarks", "Genesis", True, "dataset noun"),
    (
        "We evaluate on the Marlow Suite and report accuracy.",
        "benchmarks",
        "Marlow Suite",
        True,
        "plain name",
    ),
    ("Atlas models are popular.", "models", "Atlas", False, "no determiner, plural noun"),
    ("We use Rotate and Atlas (RA) here.", "models", "Atlas", False, "acronym of more words"),
    ("We use Rotate and (Atlas) here.", "models", "Atlas", False, "parentheses alone"),
    ("Kettle is used here.", "models", "Kettle", False, "one capitalised word"),
    ("We compare Kettle, QuillNet and Zorblax-7.", "models", "Kettle", True, "listed"),
    ("We thank ZQRT for support.", "benchmarks", "ZQRT", False, "short capitals"),
    ("We evaluate on the ZQRT benchmark.", "benchmarks", "ZQRT", True, "dataset noun"),
    ("We fine-tune zorblax-7 on our data.", "models", "zorblax-7", False, "as written only"),
    ("Our embeddings are better.", "models", "embeddings", False, "lower-case word"),
    ("Several LLMs fail here.", "models", "LLMs", False, "stop list"),
]


@pytest.mark.parametrize(
    ("text", "kind", "name", "found"),
    [case[:4] for case in CASES],
    ids=[case[4] + ": " + case[0] for case in CASES],
)
def test_registry_names(nlp: Language, text: str, kind: str, name: str, found: bool) -> None:
    record = extract(text, nlp=nlp)
    names = [e.name for e in getattr(record, kind)]
    assert (name in names) is found, names


def test_curated_lists_win_over_the_registry(nlp: Language) -> None:
    record = extract("We fine-tune BERT on ImageNet.", nlp=nlp)
    assert [m.name for m in record.models] == ["BERT"]
    assert [b.name for b in record.benchmarks] == ["ImageNet"]


def test_registry_entries_kept_beside_the_curated_lists() -> None:
    entries = [e for p in registry_files(REGISTRY) for e in parse_registry(p, p.read_bytes())]
    curated = [*load_gazetteer("models").entries, *load_gazetteer("benchmarks").entries]
    kept = without_curated(entries, curated, load_word_list("not_names"))
    assert sorted({e.pattern for e in kept}) == [
        "Atlas",
        "Genesis",
        "Kestrel",
        "Kettle",
        "Marlow Suite",
        "Phoenix",
        "QuillNet",
        "ZQRT",
        "Zorblax-7",
        "Zorblax7",
    ]
    # one entry per name; common as soon as one source says so
    assert [e.common_word for e in kept if e.pattern == "Kestrel"] == [True]


def test_a_missing_registry_folder_is_an_empty_registry(tmp_path: Path) -> None:
    assert registry_files(tmp_path / "missing") == []


def test_a_malformed_registry_line_names_the_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"m\.jsonl:2: not a registry entry"):
        parse_registry(Path("m.jsonl"), b'\n{"label": "MODEL"}\n')


def test_benchmark_words_are_new_capitalised_names() -> None:
    """data/benchmark_words.txt: each line a capitalised name no curated list has (the
    curated lists would win and the line would do nothing), none twice."""
    from extractor.gazetteers import load_gazetteer, load_word_list

    words = load_word_list("benchmark_words")
    assert len(words) >= 30
    curated = {
        e.pattern.casefold()
        for name in ("models", "benchmarks", "metrics")
        for e in load_gazetteer(name).entries
    }
    for word in words:
        assert word[0].isupper(), word
        assert word.casefold() not in curated, word
