"""Train and measure a pair ranker for result attribution (issue 14 trial). Dev-only.

For every gold result number that the current pipeline also finds (numbers paired as
``extractor eval`` pairs them), and for each of metric, benchmark and model, the
candidates are the names the pipeline found (see ``ranker_features``); a pair is labelled
1 when the candidate matches the gold value under the evaluator's lenient key. A logistic
regression per attribute scores the pairs; the top-scoring candidate is the ranker's
choice. Three systems are compared: (a) the rules as they are, (b) the ranker alone,
(c) the ranker overriding the rules only when its top candidate out-scores the rules'
choice by a margin (logit units), the rules otherwise.

Hyper-parameters (regularisation C, the margin) are chosen by 5-fold cross-validation by
paper on the tuned split only; the held-out split is scored once, at the end, in
aggregate (no per-paper output is ever printed for it).

Needs scikit-learn (dev-only, not a project dependency):

    python3 -m venv /work/venv-ranker2 && /work/venv-ranker2/bin/pip install scikit-learn spacy \
        pydantic regex httpx orjson typer tqdm jinja2   # PYTHONPATH=.:schemas
    /work/venv-ranker2/bin/python scripts/train_ranker.py [--heldout] [--write-weights PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "schemas")]

from extractor import evaluate as ev  # noqa: E402
from extractor._extract import _make_doc  # noqa: E402
from extractor._pipeline import build_pipeline  # noqa: E402
from extractor._records import doc_to_record  # noqa: E402
from extractor.components._spans import payload  # noqa: E402
from extractor.components.names import NameMatch  # noqa: E402
from extractor.pipeline.results import ranker as runtime  # noqa: E402
from extractor.pipeline.results.ranker_features import (  # noqa: E402
    ATTRIBUTES,
    candidates_for,
    number_of,
    pair_features,
    same_name,
    score,
    vectorize,
    with_method,
)
from extractor_schemas import Paper, PaperRecord  # noqa: E402
from extractor_schemas.gold import GoldRecord  # noqa: E402

SEED = 14
FOLDS = 5
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
GRIDS = {"lr": C_GRID, "gbm": (25.0, 50.0, 100.0, 200.0)}  # C, or boosting rounds
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, float("inf"))


@dataclass
class Group:
    """One (number, attribute) decision: its candidates' features and labels."""

    paper: str
    split: str
    attribute: str
    features: list[dict[str, float]]
    labels: list[int]
    rule: int  # index of the rules' choice among the candidates
    rule_correct: bool  # what the evaluator counts for the rules
    names: list[str | None]  # the candidates' names, for reading tuned-split errors
    context: str  # the number in its sentence, likewise
    strategy: str = runtime.NO_STRATEGY  # the rules' deciding strategy (the run-time gate's key)
    matrix: Any = None  # the features as a numpy array (``_prepare``), None until then


Extracted = list[tuple[GoldRecord, PaperRecord, list[NameMatch]]]


def extract(gold: Sequence[GoldRecord], cache: Path | None = None) -> Extracted:
    """The pipeline's record and names for every gold paper (pickled in ``cache``, which
    is reused only for the same gold ids and the same extractor sources)."""
    stamp = _source_stamp(), tuple(g.id for g in gold)
    if cache is not None and cache.exists():
        saved_stamp, saved = pickle.loads(cache.read_bytes())
        if saved_stamp == stamp:
            return cast(Extracted, saved)
    nlp = build_pipeline(doc_spans=False)
    out: Extracted = []
    for g in gold:
        paper = Paper(id=g.id, title=g.title, abstract=g.abstract)
        doc = nlp(_make_doc(nlp, paper))
        record = doc_to_record(doc, id=g.id, title=paper.title)
        out.append((g, record, list(payload(doc, "paper_names") or [])))
    if cache is not None:
        cache.write_bytes(pickle.dumps((stamp, out)))
    return out


def _source_stamp() -> str:
    """A hash of the extractor's sources and data, so a stale cache is never read."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "extractor").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".jsonl", ".txt", ".json"):
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()


def build_groups(extracted: Extracted, others: bool = True) -> tuple[list[Group], dict[str, int]]:
    """Decisions for every paired number of every gold paper, plus coverage counts."""
    groups: list[Group] = []
    paired: dict[str, int] = defaultdict(int)
    for g, record, names in extracted:
        text = record.text
        key = ev.paper_lenient_key(g.abstract)
        gold_method = [g.method.name, *g.method.aliases] if g.method else []
        keys = {"metric": key, "benchmark": key, "model": with_method(record, key, gold_method)}
        method_names = ev.Evaluation._method_names(g, record, key)
        pairs, _, _ = ev.match_results(g.metrics, record.metrics, strict=False)
        paired[g.split] += len(pairs)
        spans = [(r.span.start, r.span.end) for r in record.metrics]
        for gr, pr in pairs:
            number = number_of(pr)
            for attribute in ATTRIBUTES:
                k = keys[attribute]
                cands = candidates_for(text, record, names, number, attribute, k, others)
                gold_value = getattr(gr, attribute)
                chosen = number.chosen[attribute]
                labels = [int(same_name(c.name, gold_value, k)) for c in cands]
                rule = next(i for i, c in enumerate(cands) if same_name(c.name, chosen, k))
                same = method_names if attribute == "model" else set()
                rule_correct = ev._same_name(gold_value, chosen, key, same)
                feats = [
                    pair_features(text, number, c, cands, spans, attribute, k, record.title)
                    for c in cands
                ]
                s0, s1 = number.sentence
                q0, q1 = number.span
                context = f"{text[s0:q0]}[[{text[q0:q1]}]]{text[q1:s1]}"
                shown = [c.name for c in cands]
                group = Group(
                    g.id,
                    g.split,
                    attribute,
                    feats,
                    labels,
                    rule,
                    rule_correct,
                    shown,
                    context,
                    runtime.deciding_strategy(pr, attribute),
                )
                groups.append(group)
    return groups, dict(paired)


def gold_files(folder: Path, exclude: str | None = None) -> list[Path]:
    """The gold files, without those whose name matches ``exclude`` (a blind batch kept
    away from training while it waits to be scored: ``--exclude 'external-b[k-r]'``)."""
    blind = re.compile(exclude) if exclude else None
    return [p for p in sorted(folder.glob("*.jsonl")) if blind is None or not blind.match(p.name)]


def _feature_names(groups: Sequence[Group]) -> list[str]:
    return sorted({name for g in groups for f in g.features for name in f})


Scorer = Callable[[Sequence[dict[str, float]]], list[float]]
Model = dict[str, float] | Scorer  # a linear model's weights, or any scoring function


def _pairs(groups: Sequence[Group], names: Sequence[str]) -> tuple[Any, Any]:
    """The pairs of the groups that hold a correct candidate, as numpy arrays."""
    import numpy as np

    rows, ys = [], []
    for g in groups:
        if any(g.labels):
            rows.append(g.matrix if g.matrix is not None else _matrix(g, names))
            ys += g.labels
    return np.vstack(rows), np.array(ys)


def _matrix(group: Group, names: Sequence[str]) -> Any:
    import numpy as np

    return np.array([vectorize(f, names) for f in group.features])


def _prepare(groups: Sequence[Group], names: Sequence[str]) -> None:
    """Each group's features as a numpy array in ``names`` order, computed once."""
    for g in groups:
        g.matrix = _matrix(g, names)


def fit(groups: Sequence[Group], names: Sequence[str], c: float, kind: str = "lr") -> Model:
    """A pointwise model over the pairs: ``lr``, an L2 logistic regression (``c`` its C;
    the ``bias`` feature is the intercept) whose weights are returned; ``gbm``, scikit-learn's
    histogram gradient boosting (depth 3, ``c`` boosting rounds), returned as a scorer."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    x, y = _pairs(groups, names)
    if kind == "lr":
        lr = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
        lr.fit(x, y)
        return {n: float(w) for n, w in zip(names, lr.coef_[0], strict=True) if w != 0.0}
    gbm = HistGradientBoostingClassifier(
        max_iter=int(c), max_depth=3, learning_rate=0.1, min_samples_leaf=10, random_state=SEED
    )
    gbm.fit(x, y)

    def scorer(features: Sequence[dict[str, float]]) -> list[float]:
        rows = np.array([vectorize(f, names) for f in features])
        return [float(v) for v in gbm.decision_function(rows)]

    return scorer


def _scores(group: Group, model: Model) -> list[float]:
    if isinstance(model, dict):
        return [score(f, model) for f in group.features]
    return model(group.features)


def _choice(group: Group, model: Model, margin: float | None) -> bool:
    """Whether the system is right on this decision: the ranker alone (``margin`` None),
    or the ranker overriding the rules when its top candidate beats theirs by ``margin``."""

    scores = _scores(group, model)
    top = max(range(len(scores)), key=lambda i: (scores[i], i == group.rule))
    if margin is not None and scores[top] - scores[group.rule] <= margin:
        return group.rule_correct
    return bool(group.labels[top]) if top != group.rule else group.rule_correct


def _folds(papers: Sequence[str]) -> list[set[str]]:
    ids = sorted(set(papers))
    random.Random(SEED).shuffle(ids)
    return [set(ids[i::FOLDS]) for i in range(FOLDS)]


def _out_of_fold(
    groups: Sequence[Group], folds: Sequence[set[str]], names: Sequence[str], c: float, kind: str
) -> list[tuple[Group, Model]]:
    """Each group with the model fitted on the folds that do not hold its paper."""
    scored: list[tuple[Group, Model]] = []
    for fold in folds:
        model = fit([g for g in groups if g.paper not in fold], names, c, kind)
        scored += [(g, model) for g in groups if g.paper in fold]
    return scored


def _select(scored: dict[float, list[tuple[Group, Model]]]) -> tuple[float, float]:
    """The C whose ranker alone is right most often (smaller C on ties), then the margin."""

    def correct(c: float, margin: float | None) -> int:
        return sum(_choice(g, w, margin) for g, w in scored[c])

    best_c = max(scored, key=lambda c: (correct(c, None), -c))
    best_margin = max(MARGINS[:-1], key=lambda m: (correct(best_c, m), m))
    return best_c, best_margin


def reopens(scored: Sequence[tuple[Group, Model]]) -> tuple[list[str], dict[str, list[int]]]:
    """The run-time gate: the rules' strategies under which the ranker's overrides (out of
    fold, the ranker alone) are right more often than wrong, and per strategy the
    decisions, overrides, wins and losses.

    Everywhere else the rules' answer stands without computing a feature: the ranker then
    costs only where it earns (issue 14: learned decisions only where they win).
    """
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for group, model in scored:
        row = table[group.strategy]
        row[0] += 1
        scores = _scores(group, model)
        top = max(range(len(scores)), key=lambda i: (scores[i], i == group.rule))
        if top == group.rule:
            continue
        row[1] += 1
        right = bool(group.labels[top])
        row[2] += right and not group.rule_correct
        row[3] += group.rule_correct and not right
    return sorted(s for s, (_, _, w, lost) in table.items() if w > lost), dict(table)


def _wins_losses(decisions: Sequence[tuple[Group, bool]]) -> tuple[int, int]:
    """Decisions the system gets right and the rules wrong, and the other way round."""
    wins = sum(ok and not g.rule_correct for g, ok in decisions)
    losses = sum(g.rule_correct and not ok for g, ok in decisions)
    return wins, losses


def cross_validate(groups: Sequence[Group], attribute: str, kind: str = "lr") -> dict[str, Any]:
    """5-fold CV by paper on the tuned split.

    ``ranker``/``hybrid``: C and margin chosen on the same out-of-fold predictions they are
    scored on (slightly optimistic); ``nested_*``: C and margin chosen by an inner 4-fold CV
    inside each outer training part, so the outer fold is never used to choose them.
    """
    mine = [g for g in groups if g.attribute == attribute]
    names = _feature_names(mine)
    _prepare(mine, names)
    folds = _folds([g.paper for g in mine])
    grid = GRIDS[kind]
    table = {c: _out_of_fold(mine, folds, names, c, kind) for c in grid}

    def correct(c: float, margin: float | None) -> int:
        return sum(_choice(g, w, margin) for g, w in table[c])

    best_c, best_margin = _select(table)
    nested_ranker: list[tuple[Group, bool]] = []
    nested_hybrid: list[tuple[Group, bool]] = []
    for i, fold in enumerate(folds):
        inner_folds = [f for j, f in enumerate(folds) if j != i]
        train = [g for g in mine if g.paper not in fold]
        inner = {c: _out_of_fold(train, inner_folds, names, c, kind) for c in grid}
        c, margin = _select(inner)
        model = fit(train, names, c, kind)
        for g in mine:
            if g.paper in fold:
                nested_ranker.append((g, _choice(g, model, None)))
                nested_hybrid.append((g, _choice(g, model, margin)))
    best = [(g, _choice(g, w, None)) for g, w in table[best_c]]
    gate, by_strategy = reopens(table[best_c])
    return {
        "reopens": gate,
        "by_strategy": by_strategy,
        "c": best_c,
        "margin": best_margin,
        "total": len(mine),
        "rules": sum(g.rule_correct for g in mine),
        "ranker": correct(best_c, None),
        "hybrid": correct(best_c, best_margin),
        "ranker_wins_losses": _wins_losses(best),
        "nested_ranker": sum(ok for _, ok in nested_ranker),
        "nested_hybrid": sum(ok for _, ok in nested_hybrid),
        "nested_ranker_wins_losses": _wins_losses(nested_ranker),
        "nested_hybrid_wins_losses": _wins_losses(nested_hybrid),
        "oracle": sum(any(g.labels) for g in mine),
        "by_c": {c: correct(c, None) for c in grid},
        "by_margin": {m: correct(best_c, m) for m in MARGINS[:-1]},
    }


def weights_document(attributes: dict[str, Any]) -> str:
    """The weights file the run-time ranker reads (``extractor.pipeline.results.ranker``):
    per attribute, the LR weights fitted on the whole tuned split with the C chosen by CV
    (``c``), the gate (``reopens``: the rules' strategies whose answers the ranker may
    re-decide, see :func:`reopens`) and, for information, the hybrid's CV margin (the
    run-time ranker overrides the rules whenever its top candidate scores strictly higher,
    i.e. the ranker alone)."""
    document = {
        "about": "Pair-ranker weights for result attribution (issue 14), written by"
        " scripts/train_ranker.py --write-weights: logistic regression on the tuned split"
        f" of fixtures/gold/, seed {SEED}. See docs/ranker_trial.md.",
        "attributes": attributes,
    }
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "fixtures" / "gold")
    parser.add_argument("--heldout", action="store_true", help="score the held-out split once")
    parser.add_argument("--model", choices=sorted(GRIDS), default="lr", help="lr or gbm")
    parser.add_argument("--write-weights", type=Path, help="write the tuned-split LR weights")
    parser.add_argument("--cache", type=Path, help="pickle the pipeline's output here")
    parser.add_argument(
        "--no-others", action="store_true", help="no candidates from other results' names"
    )
    parser.add_argument("--exclude", help="regex: gold files (names) never to read")
    args = parser.parse_args(argv)
    # The trial measures the rules' records: the ranker is switched off in this process
    # (whatever the default); asking for it explicitly is a mistake.
    if runtime.parse_switch(os.environ.get(runtime.ENV, runtime.OFF)):
        parser.error(f"unset {runtime.ENV}: the trial measures the rules' records")
    os.environ[runtime.ENV] = runtime.OFF
    runtime.enabled.cache_clear()
    gold = ev.load_gold(gold_files(args.gold, args.exclude))
    groups, paired = build_groups(extract(gold, args.cache), not args.no_others)
    tuned = [g for g in groups if g.split == "tuned"]
    print(f"paired numbers: {paired}")
    odd = sum(bool(g.labels[g.rule]) != g.rule_correct for g in groups)
    print(f"decisions whose rules' label differs from the evaluator's count: {odd}")
    # Aggregate counts only, as `extractor eval` prints; the held-out split only when asked
    # for (--heldout), so that retraining the weights does not read it.
    for split in ("tuned", "heldout") if args.heldout else ("tuned",):
        rules = {
            a: sum(g.rule_correct for g in groups if (g.split, g.attribute) == (split, a))
            for a in ATTRIBUTES
        }
        print(f"rules correct, {split}: {rules}")
    out: dict[str, Any] = {"model": args.model, "seed": SEED, "folds": FOLDS, "cv": {}}
    out["heldout"] = {}
    for attribute in ATTRIBUTES:
        cv = cross_validate(tuned, attribute, args.model)
        out["cv"][attribute] = cv
        print(
            f"CV tuned {attribute:<9} rules {cv['rules']}/{cv['total']}  ranker {cv['ranker']}"
            f" {cv['ranker_wins_losses']}  hybrid {cv['hybrid']} (C={cv['c']},"
            f" margin={cv['margin']})  nested ranker {cv['nested_ranker']}"
            f" {cv['nested_ranker_wins_losses']}  nested hybrid {cv['nested_hybrid']}"
            f" {cv['nested_hybrid_wins_losses']}  oracle {cv['oracle']}"
        )
        print(f"   by C {cv['by_c']}  by margin {cv['by_margin']}")
        print(f"   reopens {cv['reopens']}; by strategy [decisions, overrides, wins, losses]")
        print(f"   {cv['by_strategy']}")
    weights_all: dict[str, Any] = {}
    for attribute in ATTRIBUTES:
        mine = [g for g in tuned if g.attribute == attribute]
        cv = out["cv"][attribute]
        names = _feature_names(mine)
        _prepare(mine, names)
        model = fit(mine, names, cv["c"], args.model)
        if isinstance(model, dict):
            weights_all[attribute] = {
                "c": cv["c"],
                "cv_margin": cv["margin"],
                "reopens": cv["reopens"],
                "weights": model,
            }
        if args.heldout:
            held = [g for g in groups if g.split == "heldout" and g.attribute == attribute]
            ranker = [(g, _choice(g, model, None)) for g in held]
            hybrid = [(g, _choice(g, model, cv["margin"])) for g in held]
            result = {
                "total": len(held),
                "rules": sum(g.rule_correct for g in held),
                "ranker": sum(ok for _, ok in ranker),
                "ranker_wins_losses": _wins_losses(ranker),
                "hybrid": sum(ok for _, ok in hybrid),
                "hybrid_wins_losses": _wins_losses(hybrid),
                "oracle": sum(any(g.labels) for g in held),
            }
            out["heldout"][attribute] = result
            print(f"HELDOUT {attribute:<9} {result}")
    if args.write_weights:
        args.write_weights.write_text(weights_document(weights_all))
    print(json.dumps(out, default=str, sort_keys=True))


if __name__ == "__main__":
    main()
