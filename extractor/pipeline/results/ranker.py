"""The learned attribution ranker (issue 14): OFF by default, rules as fallback.

A pair ranker re-decides a result's metric, benchmark or model among the candidates of
:mod:`.ranker_features` (the names found, the method, the rules' choice, the names the
rules gave the other numbers, "none"): each candidate's features are dotted with the
weights of ``ranker_weights.json`` (a logistic regression trained on the tuned split of
``fixtures/gold/`` by ``scripts/train_ranker.py``; no scikit-learn at run time), and the
top-scoring candidate replaces the rules' choice only when it scores strictly higher
(ties, and numbers with no other candidate, keep the rules' answer). A replaced
attribute's ``strategy`` reads ``"ranker"``.

Only where it wins: the weights file carries a gate per attribute (``reopens``, written by
the training script): the rules' strategies under which the ranker's overrides were right
more often than wrong out of fold (for the metric: numbers no strategy gave a metric, and
three carry strategies). Every other answer stands as the rules gave it, and costs no
feature.

The switch: the environment variable ``EXTRACTOR_RANKER``, a comma-separated list of the
attributes to re-decide (``metric``, ``benchmark``, ``model``; ``all`` for the three;
``none`` for the rules alone), read once per process. Unset: ``DEFAULT``, the rules alone.
The metric ranker is right more often than the rules on every blind batch, but the
metrics it fills in are right only about half the time, so it lowers the precision of
metric labels (``docs/ranker_trial.md``): off by default, precision before recall.

    EXTRACTOR_RANKER=metric python -m extractor eval fixtures/gold/
    EXTRACTOR_RANKER=all python -m extractor eval fixtures/gold/

The model attribute's names are compared with the record's own method spellings as one
name; the training script also read the gold's method spellings there (as the evaluator
does), so model features can differ slightly from the trial's where the gold spells the
method otherwise. See ``docs/ranker_trial.md`` for the measurements.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Sequence
from functools import cache
from importlib import resources
from typing import Any

from extractor.components.names import NameMatch
from extractor.evaluate import paper_lenient_key
from extractor.pipeline.results.ranker_features import (
    ATTRIBUTES,
    NO_STRATEGY,
    CandidateFinder,
    Key,
    PairFeatures,
    memoized,
    number_of,
    same_name,
    score,
    with_method,
)
from extractor_schemas import PaperRecord, Result, Strategy

ENV = "EXTRACTOR_RANKER"
WEIGHTS_FILE = "ranker_weights.json"
STRATEGY = "ranker"
OFF = "none"  # the switch's value for the rules alone
DEFAULT = OFF  # the switch's value when EXTRACTOR_RANKER is unset


def parse_switch(value: str | None) -> frozenset[str]:
    """The attributes a switch value names.

    >>> sorted(parse_switch(" metric, Benchmark ")), sorted(parse_switch("all"))
    (['benchmark', 'metric'], ['benchmark', 'metric', 'model'])
    >>> parse_switch(None), parse_switch("none"), parse_switch(" ")
    (frozenset(), frozenset(), frozenset())
    """
    if value is None:
        value = DEFAULT
    wanted = {part.strip().lower() for part in value.split(",") if part.strip()}
    if not wanted or wanted == {OFF}:
        return frozenset()
    if "all" in wanted:
        return frozenset(ATTRIBUTES)
    unknown = wanted - set(ATTRIBUTES)
    if unknown:
        raise ValueError(
            f"{ENV}: unknown attribute(s) {', '.join(sorted(unknown))};"
            f" use any of {', '.join(ATTRIBUTES)}, all or {OFF}"
        )
    return frozenset(wanted)


@cache
def enabled() -> frozenset[str]:
    """The attributes the ranker re-decides in this process (``EXTRACTOR_RANKER``, read
    once, ``DEFAULT`` when unset; ``enabled.cache_clear()`` reads it again)."""
    return parse_switch(os.environ.get(ENV))


@cache
def _shipped() -> dict[str, Any]:
    raw = resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(raw)
    return document


@cache
def load_weights() -> dict[str, dict[str, float]]:
    """The shipped weights, per attribute: ``{feature name: weight}``."""
    return weights_of(_shipped())


@cache
def load_reopens() -> dict[str, frozenset[str] | None]:
    """The shipped gate, per attribute: the rules' strategies whose answers the ranker may
    re-decide (``None``: every answer)."""
    return reopens_of(_shipped())


def reopens_of(document: dict[str, Any]) -> dict[str, frozenset[str] | None]:
    """The gate of a weights document: per attribute, the strategies (``"nothing"`` for a
    number no strategy decided) under which the training script found the ranker's
    overrides right more often than wrong, out of fold. Without the key, every answer.

    >>> reopens_of({"attributes": {"metric": {"reopens": ["nothing"]}, "model": {}}})
    {'metric': frozenset({'nothing'}), 'model': None}
    """
    return {
        attribute: None if entry.get("reopens") is None else frozenset(entry["reopens"])
        for attribute, entry in document["attributes"].items()
    }


def deciding_strategy(result: Result, attribute: str) -> str:
    """The strategy that decided ``attribute`` of a result, ``"nothing"`` when none did."""
    by = result.strategy
    name = getattr(by, attribute) if by is not None else None
    return name or NO_STRATEGY


def reopened(result: Result, attribute: str, reopens: frozenset[str] | None) -> bool:
    """Whether the ranker may re-decide ``attribute`` of this result."""
    return reopens is None or deciding_strategy(result, attribute) in reopens


def weights_of(document: dict[str, Any]) -> dict[str, dict[str, float]]:
    """The weights of a weights document as the training script writes it.

    >>> weights_of({"attributes": {"metric": {"weights": {"bias": -1, "rule": 2.5}}}})
    {'metric': {'bias': -1.0, 'rule': 2.5}}
    """
    return {
        attribute: {name: float(w) for name, w in entry["weights"].items()}
        for attribute, entry in document["attributes"].items()
    }


def decide(
    record: PaperRecord,
    names: Sequence[NameMatch],
    attribute: str,
    weights: dict[str, float],
    key: Key,
    reopens: frozenset[str] | None = None,
) -> list[str | None]:
    """The ranker's answer for ``attribute`` of each of the record's results; a result
    whose deciding strategy the gate ``reopens`` does not name keeps the rules' answer."""
    text = record.text
    answers: list[str | None] = []
    finder: CandidateFinder | None = None
    features: PairFeatures | None = None
    for result in record.metrics:
        if not reopened(result, attribute, reopens):
            answers.append(getattr(result, attribute))
            continue
        if finder is None or features is None:
            spans = [(r.span.start, r.span.end) for r in record.metrics]
            finder = CandidateFinder(text, record, names, attribute, key)
            features = PairFeatures(text, spans, attribute, key, record.title)
        number = number_of(result)
        cands = finder(number)
        chosen = number.chosen[attribute]
        if len(cands) == 1:
            # "none" alone (a name the rules chose is always a candidate): the rules' answer.
            answers.append(chosen)
            continue
        scores = [score(f, weights) for f in features.all(number, cands)]
        rule = next(i for i, c in enumerate(cands) if same_name(c.name, chosen, key))
        top = max(range(len(cands)), key=lambda i: (scores[i], i == rule))
        answers.append(chosen if top == rule else cands[top].name)
    return answers


def rerank(
    record: PaperRecord,
    names: Sequence[NameMatch],
    attributes: Collection[str] | None = None,
    weights: dict[str, dict[str, float]] | None = None,
    reopens: dict[str, frozenset[str] | None] | None = None,
) -> PaperRecord:
    """The record with ``attributes`` (default: the switch's) re-decided by the ranker.

    Every decision reads the rules' record (their choices for the other numbers are
    candidates too), so the order of the attributes does not matter. ``weights`` and
    ``reopens`` default to the shipped ones (given weights without a gate: every answer
    may be re-decided).
    """
    wanted = enabled() if attributes is None else frozenset(attributes)
    if not wanted or not record.metrics:
        return record
    table = load_weights() if weights is None else weights
    gates = (load_reopens() if weights is None else {}) if reopens is None else reopens
    wanted = frozenset(
        a for a in wanted if any(reopened(r, a, gates.get(a)) for r in record.metrics)
    )
    if not wanted:
        return record  # no number the gate lets the ranker re-decide
    key = memoized(paper_lenient_key(record.text))
    keys = {"metric": key, "benchmark": key}
    if "model" in wanted:
        keys["model"] = memoized(with_method(record, key))
    answers = {
        a: decide(record, names, a, table[a], keys[a], gates.get(a))
        for a in ATTRIBUTES
        if a in wanted
    }
    results = []
    unchanged = True
    for i, result in enumerate(record.metrics):
        changed = {
            a: found[i]
            for a, found in answers.items()
            if not same_name(found[i], getattr(result, a), keys[a])
        }
        if changed:
            by = dict.fromkeys(changed, STRATEGY)
            strategy = result.strategy.model_copy(update=by) if result.strategy else Strategy(**by)
            result = result.model_copy(update={**changed, "strategy": strategy})
            unchanged = False
        results.append(result)
    if unchanged:
        return record  # the ranker agrees with the rules on every number
    return record.model_copy(update={"metrics": results})
