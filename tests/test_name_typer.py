"""The learned typer of unknown name-shaped spans (issue 14): candidates, features, the
scorer, the switch and the shipped weights. Sentences are made up, in our own words."""

from __future__ import annotations

import json
import math
import sys
from importlib import resources
from pathlib import Path

import pytest

from extractor._extract import _make_doc
from extractor._pipeline import build_pipeline
from extractor._records import doc_to_record
from extractor.components import name_typer as nt
from extractor.components.name_typer import Candidate, Typer
from extractor_schemas import Paper

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

# (text, spans taken by found names, the candidates' texts)
CANDIDATE_CASES = [
    pytest.param(
        "We score on Quorvex, Brindle-7 and Tarn++ across runs.",
        [],
        ["Quorvex", "Brindle-7", "Tarn++"],
        id="capitalised, with a digit, with plus signs",
    ),
    pytest.param(
        "Results follow. Experiments on the Velt Marsh Lite split show gains.",
        [],
        ["Velt Marsh Lite"],
        id="a sentence-initial plain word is not a name; a run of name words is one",
    ),
    pytest.param(
        "Trained with ZorbNet on KelpSet.", [(13, 20)], ["KelpSet"], id="found names are taken"
    ),
    pytest.param(
        "ORVO-2 beats PLIX_dense and a model. Plix models too.",
        [],
        ["ORVO-2", "PLIX_dense"],
        id="a sentence-initial name with a capital inside stays",
    ),
    pytest.param("all lower case words here, x2 and b.c", [], [], id="no capital, no candidate"),
]


@pytest.mark.parametrize(("text", "taken", "expected"), CANDIDATE_CASES)
def test_candidates(text: str, taken: list[tuple[int, int]], expected: list[str]) -> None:
    found = nt.candidates(text, taken)
    assert [c.text for c in found] == expected
    assert all(text[c.start : c.end] == c.text for c in found)


def test_known_spellings_are_not_candidates() -> None:
    text = "We compare Quorvex with Brindle on two sets."
    assert [c.text for c in nt.candidates(text, [], {"Quorvex"})] == ["Brindle"]


def _features(text: str, name: str, found: list[tuple[int, int, str]]) -> dict[str, float]:
    pairs = nt.candidate_features(text, found, {})
    return next(f for c, f in pairs if c.text == name)


def test_features_of_context_and_coordination() -> None:
    text = "It reaches 71.2% on Quorvex and ImageNet, respectively."
    found = [(32, 40, nt.BENCHMARK)]
    f = _features(text, "Quorvex", found)
    assert f["prev:on"] == f["number_on"] == f["link_after:BENCHMARK"] == 1.0
    assert f["title_words"] == f["digit_before"] == 1.0
    assert "link_before:BENCHMARK" not in f and "allcaps" not in f


def test_features_of_shape() -> None:
    text = "We beat HexaFormer-2B and the ZQ900 dataset."
    first = _features(text, "HexaFormer-2B", [])
    assert first["camel"] == first["hyphen"] == first["digit"] == first["part:2b"] == 1.0
    assert first["prev:other"] == first["link_after:other"] == 1.0  # "beat", "and the"
    second = _features(text, "ZQ900", [])
    assert second["caps_digits"] == second["allcaps"] == second["next:dataset"] == 1.0
    assert second["data_noun_after"] == 1.0 and second["shape:Xd"] == 1.0


def test_mentions_of_one_name_share_their_features() -> None:
    text = "The Quorvex set is new. We test on Quorvex."
    groups = nt.grouped(nt.candidate_features(text, [], {}))
    assert [[c.text for c in mentions] for mentions, _ in groups] == [["Quorvex", "Quorvex"]]
    ((_, feats),) = groups
    assert feats["mentions:2+"] == feats["prev:on"] == 1.0


TINY = Typer(
    {
        nt.BENCHMARK: {"prev:on": 4.0},
        nt.MODEL: {"prev:than": 5.0, "weak": 3.0},
        nt.NONE: {"bias": 1.0},
    },
    {nt.BENCHMARK: 0.9, nt.MODEL: 0.95},
)


def test_the_scorer_is_a_softmax_of_dot_products() -> None:
    p = TINY.probabilities({"bias": 1.0, "prev:on": 1.0})
    assert p[nt.BENCHMARK] == pytest.approx(1 / (1 + math.exp(-3) + math.exp(-4)))
    assert sum(p.values()) == pytest.approx(1.0)


def test_the_scorer_types_only_above_its_label_threshold() -> None:
    assert TINY.label({"bias": 1.0, "prev:on": 1.0}) == nt.BENCHMARK  # p 0.936
    assert TINY.label({"bias": 1.0, "prev:than": 1.0}) == nt.MODEL  # p 0.976
    assert TINY.label({"bias": 1.0, "weak": 1.0}) == nt.NONE  # MODEL first, p 0.844 < 0.95
    assert TINY.label({"bias": 1.0, "prev:on": 1.0, "prev:than": 1.0}) == nt.NONE
    assert TINY.label({"bias": 1.0}) == nt.NONE


def test_type_names_gives_every_mention_of_a_typed_name() -> None:
    text = "The Quorvex set is hard. We test on Quorvex and report 3 more points than Brindle."
    typed = nt.type_names(TINY, text, [], {})
    assert [(text[s:e], label) for s, e, label in typed] == [
        ("Quorvex", nt.BENCHMARK),
        ("Quorvex", nt.BENCHMARK),
        ("Brindle", nt.MODEL),
    ]


def test_the_switch_values(tmp_path: Path) -> None:
    assert nt.from_switch("off") is None and nt.from_switch("0") is None
    assert nt.from_switch("on") is nt.shipped()
    assert nt.from_switch(None) is (nt.shipped() if nt.DEFAULT == nt.ON else None)
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"labels": {"NONE": {"bias": 1.0}}, "thresholds": {}}))
    typer = nt.from_switch(str(path))
    assert typer is not None and typer.weights == {"NONE": {"bias": 1.0}}


ABSTRACT = "We propose ZorvaNet. It reaches 81.5% accuracy on Quorvex, beating Brindle by 2 points."


def _record(monkeypatch: pytest.MonkeyPatch, switch: str) -> tuple[list[str], list[str]]:
    monkeypatch.setenv(nt.ENV, switch)
    nlp = build_pipeline(doc_spans=False)
    paper = Paper(id="x", title=None, abstract=ABSTRACT)
    record = doc_to_record(nlp(_make_doc(nlp, paper)), id="x")
    return [b.name for b in record.benchmarks], [r.benchmark or "" for r in record.metrics]


def test_the_switch_reaches_extraction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    document = {
        "labels": {k: dict(v) for k, v in TINY.weights.items()},
        "thresholds": dict(TINY.thresholds),
    }
    path.write_text(json.dumps(document))
    off = _record(monkeypatch, nt.OFF)
    on = _record(monkeypatch, str(path))
    assert "Quorvex" not in off[0]
    assert "Quorvex" in on[0] and on[1][0] == "Quorvex"


def test_the_shipped_weights_load_in_the_scripts_format() -> None:
    raw = resources.files("extractor").joinpath("data", nt.WEIGHTS_FILE).read_text("utf-8")
    document = json.loads(raw)
    assert set(document) == {"about", "c", "cv", "labels", "never", "thresholds"}
    assert set(document["labels"]) == set(nt.LABELS)
    assert set(document["thresholds"]) == {nt.BENCHMARK, nt.MODEL}
    typer = nt.shipped()
    assert all(0.0 < t <= 1.1 for t in typer.thresholds.values())
    assert all(isinstance(w, float) for v in typer.weights.values() for w in v.values())


def test_the_script_writes_what_the_typer_reads() -> None:
    tr = pytest.importorskip("train_name_typer")
    weights = {k: {"bias": float(i)} for i, k in enumerate(nt.LABELS)}
    cv = {"c": 1.0, "thresholds": {nt.BENCHMARK: 0.8, nt.MODEL: 0.9}, "table": {}}
    document = json.loads(tr.weights_document(weights, cv))
    shipped = json.loads(
        resources.files("extractor").joinpath("data", nt.WEIGHTS_FILE).read_text("utf-8")
    )
    assert set(document) == set(shipped)
    typer = nt.typer_from_document(document)
    assert typer.weights == weights and typer.thresholds == cv["thresholds"]
    assert isinstance(Candidate(0, 1, "X", False), Candidate)
