"""The ranker's speed-ups change nothing: its candidates, features (values and order, the
order scores are summed in) and decisions equal those of the frozen pre-speed-up code
(``_ranker_reference``) on tuned-split gold abstracts and on made-up edge cases.

Offline: the pipeline runs on fixture abstracts; the ranker's inputs are caught on their way
to ``ranker.rerank``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import _ranker_reference as ref
import pytest

import extractor.pipeline.results.ranker_features as rf
from extractor import extract_many
from extractor.components.names import NameMatch
from extractor.evaluate import paper_lenient_key
from extractor.pipeline.results import ranker
from extractor_schemas import Paper, PaperRecord

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "gold"
PAPERS = 60  # tuned-split abstracts, a few per file


def _tuned_papers() -> list[Paper]:
    papers: list[Paper] = []
    for path in sorted(GOLD.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        tuned = [r for r in rows if r.get("split") == "tuned"]
        papers += [Paper(id=r["id"], title=r["title"], abstract=r["abstract"]) for r in tuned[:2]]
    return papers[:PAPERS]


@pytest.fixture(scope="module")
def inputs() -> Iterator[list[tuple[PaperRecord, list[NameMatch]]]]:
    """The rules' records and the names of the tuned abstracts, as the ranker receives them."""
    caught: list[tuple[PaperRecord, list[NameMatch]]] = []

    def catch(record: PaperRecord, names: list[NameMatch]) -> PaperRecord:
        caught.append((record, list(names)))
        return record

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ranker, "enabled", lambda: frozenset(rf.ATTRIBUTES))
        mp.setattr(ranker, "rerank", catch)
        for _ in extract_many(_tuned_papers()):
            pass
    assert sum(len(r.metrics) for r, _ in caught) > 100
    yield caught


def _keys(record: PaperRecord) -> dict[str, rf.Key]:
    key = paper_lenient_key(record.text)
    return {"metric": key, "benchmark": key, "model": rf.with_method(record, key)}


def test_candidates_and_features_equal_the_reference(
    inputs: list[tuple[PaperRecord, list[NameMatch]]],
) -> None:
    pairs = 0
    for record, names in inputs:
        text = record.text
        spans = [(r.span.start, r.span.end) for r in record.metrics]
        for attribute, key in _keys(record).items():
            finder = rf.CandidateFinder(text, record, names, attribute, rf.memoized(key))
            features = rf.PairFeatures(text, spans, attribute, rf.memoized(key), record.title)
            for result in record.metrics:
                number = rf.number_of(result)
                cands = finder(number)
                assert cands == ref.candidates_for(text, record, names, number, attribute, key)
                assert cands == rf.candidates_for(text, record, names, number, attribute, key)
                fast = features.all(number, cands)
                for c, f in zip(cands, fast, strict=True):
                    want = ref.pair_features(
                        text, number, c, cands, spans, attribute, key, record.title
                    )
                    # Same names, values and order: scores are summed in this order.
                    assert list(f.items()) == list(want.items())
                    one = rf.pair_features(
                        text, number, c, cands, spans, attribute, key, record.title
                    )
                    assert list(one.items()) == list(want.items())
                    pairs += 1
    assert pairs > 300


def _reference_decide(
    record: PaperRecord, names: list[NameMatch], attribute: str, weights: dict[str, float]
) -> list[str | None]:
    key = _keys(record)[attribute]
    text = record.text
    spans = [(r.span.start, r.span.end) for r in record.metrics]
    answers: list[str | None] = []
    for result in record.metrics:
        number = rf.number_of(result)
        cands = ref.candidates_for(text, record, names, number, attribute, key)
        chosen = number.chosen[attribute]
        scores = [
            sum(
                value * weights.get(name, 0.0)
                for name, value in ref.pair_features(
                    text, number, c, cands, spans, attribute, key, record.title
                ).items()
            )
            for c in cands
        ]
        rule = next(i for i, c in enumerate(cands) if rf.same_name(c.name, chosen, key))
        top = max(range(len(cands)), key=lambda i: (scores[i], i == rule))
        answers.append(chosen if top == rule else cands[top].name)
    return answers


def test_decisions_equal_the_reference(inputs: list[tuple[PaperRecord, list[NameMatch]]]) -> None:
    weights = ranker.load_weights()
    changed = 0
    for record, names in inputs:
        keys = {a: rf.memoized(k) for a, k in _keys(record).items()}
        for attribute in rf.ATTRIBUTES:
            fast = ranker.decide(record, names, attribute, weights[attribute], keys[attribute])
            assert fast == _reference_decide(record, names, attribute, weights[attribute])
            rules = [getattr(r, attribute) for r in record.metrics]
            changed += sum(a != b for a, b in zip(fast, rules, strict=True))
    assert changed > 0  # the shipped weights do re-decide some numbers here


def test_cue_gates_find_what_the_patterns_find() -> None:
    rng = random.Random(14)
    pieces = [
        *(p for parts in rf._CUE_GATES.values() for p in parts),
        *rf._OWN_SUBJECT_GATE,
        *rf._AGGREGATE_GATE,
        *rf._DATA_WORD_GATE,
        "ON",
        "Than",
        "vs.",
        "data set",
        "the proposed",
        "x",
        "7",
        "_",
        " ",
        "-",
        "İn",  # İ and ı match i, ſ matches s, K (Kelvin) matches k when ignoring case
        "ıt",
        "ſcore",
        "\u00a0",
    ]
    for _ in range(3000):
        between = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        want = tuple(n for n, p in rf._CUE_PATTERNS.items() if p.search(between))
        assert rf._cues_between(between) == want, between
        n = rf.Number((len(between), len(between) + 1), (0, len(between) + 1), {})
        features = rf.PairFeatures(between + "5", [n.span], "metric", str.lower)
        assert features.sentence_cues(n) == rf._sentence_cues(between + "5", n, ""), between


def test_words_split_where_the_word_pattern_does() -> None:
    # len(text.split()) stands for len(re.findall(r"\S+", text)): the same spaces.
    spaces = "".join(chr(i) for i in range(0x3100) if re.fullmatch(r"\s", chr(i)))
    assert spaces == "".join(chr(i) for i in range(0x3100) if chr(i).isspace())


def test_names_are_found_where_the_pattern_finds_them() -> None:
    rng = random.Random(14)
    pieces = ["a", "a", "A", "b", "ab", " ", "(", "i", "ı", "İ", "K", "k", "ſ", "s"]
    record = PaperRecord.model_validate({"id": "x", "text": "x"})
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        name = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        finder = rf.CandidateFinder(text, record, [], "metric", str.lower)
        assert finder._locate(name, (start, end)) == ref.locate(text, name, (start, end))
