"""Gold regression floors on the tuned split (held-out scores are reported, never asserted).

The floors sit a little under the scores measured when they were set, so a change that
makes extraction worse on the tuned part fails here; ``extractor eval fixtures/gold/``
prints the full table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor import evaluate as ev
from extractor import extract_many
from extractor._text import clean
from extractor_schemas import Paper, PaperRecord

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "gold"

# Set on the 308 tuned papers, a little under the scores measured when they were set.
# They went down without a code change making extraction worse: the gold decisions of
# CHANGES.md moved the gold away from what the code did, then batches joined unseen:
# external-o/p, then q/r, s/t, u/v (90 abstracts outside LLM topics, gold8) and w/x, y/z
# (60 more, gold9, measured on the session's final code before joining). Rule passes on
# the tuned part of q-v then raised the tuned scores again (models 0.88 -> 0.93,
# benchmarks 0.87 -> 0.93, metric attribution 0.80 -> 0.88 before w-z joined).
# Branch carry (348 tuned papers, after external-aa/ab and "numbers first" selection):
# more numbers found lowered the role ratio while correct counts rose, and the new
# abstracts lowered models and benchmarks F1; the carry strategies (issue 14) raised
# metric attribution 0.81 -> 0.870 and benchmark 0.77 -> 0.829. Reset to the measured
# tuned scores, rounded down, less 0.01 (role 0.915, metric 0.870, benchmark 0.829,
# models F1 0.874, benchmarks F1 0.887). Then external-ae..al (120 abstracts, gold10,
# measured on the final code before joining) lowered the tuned scores they joined (428
# tuned papers: models F1 0.856, benchmarks 0.874, metric 0.847, benchmark 0.800); reset
# the same way. external-am..at (120 more, measured unseen first) lowered them again
# (models F1 0.823, benchmarks 0.847, metric attribution 0.827); reset the same way.
# Last, the metric and benchmark passes raised the tuned attribution (metric 0.83 -> 0.86,
# benchmark 0.80 -> 0.85) and external-au..bb (117 more, measured unseen first) joined:
# 587 tuned papers, method 0.884, models 0.810, benchmarks 0.895, metric values 0.955,
# role 0.908, bound 0.951, metric 0.830, benchmark 0.840, model 0.822; reset the same way.
# Then external-bc..bj (120 abstracts, measured unseen first, raw arXiv API text) joined:
# 667 tuned papers, method 0.878, models 0.794, benchmarks 0.880, metric values 0.946,
# role 0.905, bound 0.951, metric 0.791, benchmark 0.799, model 0.788; reset the same way.
# This session's passes (role, selection, metric naming, benchmark names), then
# external-bk..br (120 more, measured unseen first) joined: 747 tuned papers, method 0.881,
# models 0.782, benchmarks 0.893, metric values 0.956, role 0.918, bound 0.952, metric 0.776,
# benchmark 0.811, model 0.771; reset the same way.
# Then external-bs..bz (120 more, measured unseen first) joined: 827 tuned papers, method
# 0.881, models 0.782, benchmarks 0.886, metric values 0.952, role 0.911, bound 0.953,
# metric 0.766, benchmark 0.800, model 0.766; reset the same way.
# Eighth session: external-ca..ch joined (measured unseen first), the rule passes ran,
# then external-ci..cz (270 more, measured unseen first) joined: 1,087 tuned papers,
# method 0.893, models 0.760, benchmarks 0.859, metric values 0.952, role 0.912, bound
# 0.955, metric 0.780, benchmark 0.793, model 0.783; reset the same way.
# Then waves 7 and 8 joined (1,247 tuned papers: method 0.895, models 0.760, benchmarks
# 0.854, metric values 0.949, role 0.911, bound 0.956, metric 0.773, benchmark 0.787, model
# 0.790): the model floor rises to 0.78, the others keep their (higher) values.
# The models floor went 0.75 -> 0.74 when half of the blind wave 11 joined (external-eg..ej:
# the tuned split's models F1 0.752 -> 0.749 on unchanged code): harder gold, not a change of
# the code.
FIELD_FLOORS = {"method": 0.88, "models": 0.74, "benchmarks": 0.84, "metric values": 0.94}
# The metric floor went 0.77 -> 0.76 when the blind wave 10 joined (its tuned part reads
# 0.66 on the code that scored it): harder gold, not a change of the code.
ATTRIBUTE_FLOORS = {"role": 0.90, "bound": 0.94, "metric": 0.76, "benchmark": 0.78, "model": 0.78}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    gold = ev.load_gold([GOLD])
    papers = [Paper(id=g.id, title=g.title, abstract=g.abstract) for g in gold]
    predicted = {r.id: r for r in extract_many(papers) if isinstance(r, PaperRecord)}
    return ev.evaluate(gold, predicted).report()


def test_every_gold_paper_gets_a_record(report: dict[str, Any]) -> None:
    assert report["missing_predictions"] == []


def test_code_urls_are_exact_in_every_split(report: dict[str, Any]) -> None:
    for split, score in report["strict"].items():
        assert score["fields"]["code URLs"]["f1"] == 1.0, split


@pytest.mark.parametrize(("field", "floor"), sorted(FIELD_FLOORS.items()))
def test_tuned_field_f1_floor(report: dict[str, Any], field: str, floor: float) -> None:
    assert report["lenient"]["tuned"]["fields"][field]["f1"] >= floor


@pytest.mark.parametrize(("attribute", "floor"), sorted(ATTRIBUTE_FLOORS.items()))
def test_tuned_attribution_floor(report: dict[str, Any], attribute: str, floor: float) -> None:
    assert report["lenient"]["tuned"]["attribution"][attribute]["accuracy"] >= floor


def test_at_least_a_third_of_the_gold_is_held_out_and_ids_are_unique() -> None:
    gold = ev.load_gold([GOLD])
    heldout = [g for g in gold if g.split == "heldout"]
    assert len(heldout) * 3 >= len(gold)
    assert len({g.id for g in gold}) == len(gold)


def _clean(text: str) -> str:
    """An abstract as its ``text`` values read: LaTeX escapes of %, &, _, # and $ undone
    (as the extractor's cleaning undoes them: "UAV-Track\\_VLA" is "UAV-Track_VLA")."""
    for escaped in ("%", "&", "_", "#", "$"):
        text = text.replace("\\" + escaped, escaped)
    return text


def _gold_problems(record: Any) -> list[str]:
    """Mechanical guideline violations of one gold record (empty when it is consistent)."""
    abstract = _clean(record.abstract).casefold()
    # Names as the abstract reads once cleaned too: a name broken by a line break or
    # written with markup ("\\textit{S}MART") is written as it reads ("SMART").
    read = clean(record.abstract).casefold()
    text = f"{abstract} {read}"
    where = f"{text} {(record.title or '').casefold()}"
    method = [record.method.name, *record.method.aliases] if record.method else []
    listed = {n.casefold() for n in [*record.models, *record.benchmarks, *method]}
    note = (record.note or "").casefold()
    problems = []
    for name in [*record.models, *record.benchmarks, *method]:
        if name.casefold() not in where:
            problems.append(f"name {name!r} is not in the abstract or title")
    for names in (record.models, record.benchmarks):
        if len({n.casefold() for n in names}) != len(names):
            problems.append(f"a name is listed twice: {names}")
    for url in record.code_urls:
        if url.removeprefix("https://").casefold() not in abstract:
            problems.append(f"URL {url!r} is not in the abstract")
    for result in record.metrics:
        if result.text.casefold() not in abstract:
            problems.append(f"text {result.text!r} is not in the abstract")
        for attribute in (result.model, result.benchmark):
            if attribute is None or attribute.casefold() in listed:
                continue
            # A deliberately unlisted system (a technique such as RAG) must be named in
            # the abstract and explained in the record's note.
            if attribute.casefold() not in text or attribute.casefold() not in note:
                problems.append(f"{attribute!r} ({result.text}) is not a listed name")
    return problems


def test_every_gold_record_passes_the_mechanical_checks() -> None:
    problems = {g.id: p for g in ev.load_gold([GOLD]) if (p := _gold_problems(g))}
    assert problems == {}


def test_the_mechanical_checks_catch_a_mistyped_record() -> None:
    record = ev.load_gold([GOLD])[0].model_copy(
        update={"models": ["No Such Model", "No Such Model"], "code_urls": ["https://x.y/z"]}
    )
    problems = _gold_problems(record)
    assert any("No Such Model" in p for p in problems)
    assert any("listed twice" in p for p in problems)
    assert any("x.y/z" in p for p in problems)


def test_the_mechanical_checks_read_names_as_the_cleaned_abstract_does() -> None:
    record = ev.load_gold([GOLD])[0]
    abstract = record.abstract + " Tested on BCI Competition\nIV-2a with \\textit{S}MART."
    fine = record.model_copy(
        update={
            "abstract": abstract,
            "benchmarks": [*record.benchmarks, "BCI Competition IV-2a"],
            "models": [*record.models, "SMART"],
        }
    )
    assert _gold_problems(fine) == []
    wrong = fine.model_copy(update={"models": [*record.models, "SMART-2"]})
    assert any("SMART-2" in p for p in _gold_problems(wrong))
