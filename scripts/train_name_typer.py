"""Train and measure the learned typer of unknown name-shaped spans (issue 14). Dev-only.

For every gold paper the pipeline runs with the typer off; the candidates are the
name-shaped spans it did not find (``extractor.components.name_typer.candidates``), each
labelled BENCHMARK when its lenient key (the evaluator's, with the paper's acronyms read as
their long forms) matches a gold ``benchmarks`` entry, MODEL when it matches a gold
``models`` entry, NONE otherwise. A multinomial logistic regression over the sparse
features types them.

The regularisation C and, per label, the decision threshold are chosen by 5-fold
cross-validation by paper on the tuned split only, for precision first: the lowest
threshold whose out-of-fold precision is at least ``--precision`` (default 0.85), then the
C typing the most candidates right. The held-out split is never read unless ``--heldout``
is given, and then only in aggregate.

``--oof-records OUT.jsonl`` writes the pipeline's records of the tuned papers, each made
with weights trained on the other folds' papers only (held-out papers: the rules alone),
so that ``python -m extractor eval fixtures/gold/ OUT.jsonl`` scores the tuned split
without the typer remembering its training labels.

    PYTHONPATH=$PWD:$PWD/schemas /work/venv-ranker2/bin/python scripts/train_name_typer.py \\
        [--write-weights extractor/data/name_typer_weights.json] [--oof-records OUT.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "schemas")]

from extractor import evaluate as ev  # noqa: E402
from extractor._extract import _make_doc  # noqa: E402
from extractor._pipeline import build_pipeline  # noqa: E402
from extractor._records import doc_to_record  # noqa: E402
from extractor.components import name_typer as nt  # noqa: E402
from extractor.components._spans import payload  # noqa: E402
from extractor.components.names import name_key  # noqa: E402
from extractor_schemas import Paper  # noqa: E402
from extractor_schemas.gold import GoldRecord  # noqa: E402

SEED = 14
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))  # 0.30 .. 0.95
TYPED = (nt.BENCHMARK, nt.MODEL)
MIN_COUNT = 3  # features seen in fewer training names are left out
NEVER_PAPERS = 3


@dataclass
class Example:
    paper: str
    split: str
    name: str
    features: dict[str, float]
    label: str
    context: str
    partial: bool = False  # part of a gold name, or holding one


def gold_files(folder: Path, exclude: str | None = None) -> list[Path]:
    blind = re.compile(exclude) if exclude else None
    return [p for p in sorted(folder.glob("*.jsonl")) if blind is None or not blind.match(p.name)]


def _paper(g: GoldRecord) -> Paper:
    return Paper(id=g.id, title=g.title, abstract=g.abstract)


def examples(gold: Sequence[GoldRecord]) -> list[Example]:
    """The candidates of every gold paper, with features and labels (typer off)."""
    os.environ[nt.ENV] = nt.OFF
    nlp = build_pipeline(doc_spans=False)
    out: list[Example] = []
    for g in gold:
        doc = nlp(_make_doc(nlp, _paper(g)))
        text = doc.user_data["paper_text"]
        names = payload(doc, "paper_names") or []
        shorts = {a.short: a.long for a in payload(doc, "paper_abbreviations") or []}
        found = [(m.start, m.end, m.label) for m in names]
        known = [text[m.start : m.end] for m in names]
        key = ev.paper_lenient_key(g.abstract)
        benchmarks = {key(b) for b in g.benchmarks}
        models = {key(m) for m in g.models}
        title = payload(doc, "paper_title")
        method = payload(doc, "paper_method")
        own = {name_key(s) for s in (method.name, *method.aliases)} if method else set()
        pairs = nt.candidate_features(text, found, shorts, known, title)
        for mentions, feats in nt.grouped(pairs):
            c = mentions[0]
            if name_key(c.text) in own:  # dropped at run time (without_method_benchmarks)
                continue
            k = key(c.text)
            label = nt.BENCHMARK if k in benchmarks else nt.MODEL if k in models else nt.NONE
            context = text[max(0, c.start - 50) : c.start] + "[[" + c.text + "]]"
            context += text[c.end : c.end + 30]
            partial = any(k in x or x in k for x in benchmarks | models)
            out.append(Example(g.id, g.split, c.text, feats, label, context, partial))
    return out


def _folds(papers: Sequence[str]) -> list[set[str]]:
    ids = sorted(set(papers))
    random.Random(SEED).shuffle(ids)
    return [set(ids[i::FOLDS]) for i in range(FOLDS)]


def never_typed(train: Sequence[Example]) -> list[str]:
    """The names (group keys) that are NONE in at least ``NEVER_PAPERS`` training papers
    and never a benchmark or model: generic terms ("LLMs", "3D") skipped at run time."""
    papers: dict[str, set[str]] = {}
    typed: set[str] = set()
    for e in train:
        key = nt._group_key(e.name)
        papers.setdefault(key, set()).add(e.paper)
        if e.label != nt.NONE:
            typed.add(key)
    return sorted(k for k, p in papers.items() if len(p) >= NEVER_PAPERS and k not in typed)


def fit(train: Sequence[Example], c: float) -> dict[str, dict[str, float]]:
    """Multinomial L2 logistic regression; the ``bias`` feature is the intercept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(k for e in train for k in e.features)
    rows = [{k: v for k, v in e.features.items() if seen[k] >= MIN_COUNT} for e in train]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    y = [e.label for e in train]
    lr = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    lr.fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    for label, row in zip(lr.classes_, lr.coef_, strict=True):
        weights[str(label)] = {
            str(n): round(float(w), 4) for n, w in zip(names, row, strict=True) if abs(w) >= 1e-3
        }
    return weights


def _probabilities(
    examples_: Sequence[Example], weights: nt.Weights, never: Sequence[str] = ()
) -> list[dict[str, float]]:
    """Each example's probabilities; a ``never`` name's are NONE's (as at run time)."""
    typer = nt.Typer(weights, {})
    skipped = set(never)
    none = {nt.BENCHMARK: 0.0, nt.MODEL: 0.0, nt.NONE: 1.0}
    return [
        none if nt._group_key(e.name) in skipped else typer.probabilities(e.features)
        for e in examples_
    ]


def _label(p: dict[str, float], thresholds: dict[str, float]) -> str:
    best = max(TYPED, key=lambda k: p[k])
    if p[best] >= p[nt.NONE] and p[best] >= thresholds.get(best, 1.1):
        return best
    return nt.NONE


def counts(
    scored: Sequence[tuple[Example, dict[str, float]]], thresholds: dict[str, float]
) -> dict[str, list[int]]:
    """Per typed label: [typed, typed right, gold of that label]."""
    table = {k: [0, 0, 0] for k in TYPED}
    for e, p in scored:
        guess = _label(p, thresholds)
        if guess in table:
            table[guess][0] += 1
            table[guess][1] += guess == e.label
        if e.label in table:
            table[e.label][2] += 1
    return table


def choose_thresholds(
    scored: Sequence[tuple[Example, dict[str, float]]], precision: float
) -> dict[str, float]:
    """Per label, the lowest threshold whose precision is at least ``precision`` (with at
    least 5 typed); 1.1 (never) when none is."""
    chosen: dict[str, float] = {}
    for label in TYPED:
        chosen[label] = 1.1
        for t in THRESHOLDS:
            typed, right, _ = counts(scored, {label: t})[label]
            if typed >= 5 and right / typed >= precision:
                chosen[label] = t
                break
    return chosen


def out_of_fold(
    examples_: Sequence[Example], folds: Sequence[set[str]], c: float
) -> list[tuple[Example, dict[str, float]]]:
    scored: list[tuple[Example, dict[str, float]]] = []
    for fold in folds:
        train = [e for e in examples_ if e.paper not in fold]
        weights = fit(train, c)
        held = [e for e in examples_ if e.paper in fold]
        scored += zip(held, _probabilities(held, weights, never_typed(train)), strict=True)
    return scored


def cross_validate(
    tuned: Sequence[Example], papers: Sequence[str], precision: float
) -> dict[str, Any]:
    """``papers``: every tuned paper's id (also those without a candidate)."""
    folds = _folds(papers)
    by_c = {}
    for c in C_GRID:
        scored = out_of_fold(tuned, folds, c)
        thresholds = choose_thresholds(scored, precision)
        table = counts(scored, thresholds)
        by_c[c] = (sum(row[1] for row in table.values()), thresholds, table, scored)
        print(f"  C={c}: thresholds {thresholds} [typed, right, gold] {table}", flush=True)
    best = max(by_c, key=lambda c: (by_c[c][0], -c))
    _, thresholds, table, scored = by_c[best]
    # Nested: thresholds chosen on the other folds' out-of-fold scores only.
    nested = {k: [0, 0, 0] for k in TYPED}
    for fold in folds:
        inner = [(e, p) for e, p in scored if e.paper not in fold]
        t = choose_thresholds(inner, precision)
        for k, row in counts([(e, p) for e, p in scored if e.paper in fold], t).items():
            nested[k] = [a + b for a, b in zip(nested[k], row, strict=True)]
    return {
        "c": best,
        "thresholds": thresholds,
        "table": table,
        "nested_table": nested,
        "folds": folds,
        "scored": scored,
    }


def weights_document(
    weights: dict[str, dict[str, float]], cv: dict[str, Any], never: Sequence[str] = ()
) -> str:
    document = {
        "about": "Name-typer weights (issue 14), written by scripts/train_name_typer.py"
        f" --write-weights: multinomial logistic regression on the tuned split of"
        f" fixtures/gold/, seed {SEED}, C and thresholds by {FOLDS}-fold CV by paper.",
        "c": cv["c"],
        "thresholds": cv["thresholds"],
        "cv": {k: v for k, v in cv["table"].items()},
        "labels": weights,
        "never": sorted(never),
    }
    return json.dumps(document, sort_keys=True).replace('}, "', '},\n "') + "\n"


def oof_records(
    gold: Sequence[GoldRecord], tuned: Sequence[Example], cv: dict[str, Any], out: Path
) -> None:
    """Records of every gold paper: tuned papers with out-of-fold weights, held-out ones
    with the rules alone."""
    lines: list[str] = []
    by_id: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, fold in enumerate([*cv["folds"], None]):
            if fold is None:
                os.environ[nt.ENV] = nt.OFF
                papers = [g for g in gold if g.split != "tuned"]
            else:
                train = [e for e in tuned if e.paper not in fold]
                weights = fit(train, cv["c"])
                path = Path(tmp) / f"fold{i}.json"
                path.write_text(weights_document(weights, cv, never_typed(train)))
                os.environ[nt.ENV] = str(path)
                papers = [g for g in gold if g.id in fold]
            nlp = build_pipeline(doc_spans=False)
            for g in papers:
                paper = _paper(g)
                doc = nlp(_make_doc(nlp, paper))
                record = doc_to_record(doc, id=g.id, title=payload(doc, "paper_title"))
                by_id[g.id] = record.model_dump_json()
    os.environ[nt.ENV] = nt.OFF
    lines = [by_id[g.id] for g in gold if g.id in by_id]
    out.write_text("\n".join(lines) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "fixtures" / "gold")
    parser.add_argument("--heldout", action="store_true", help="score the held-out split once")
    parser.add_argument("--precision", type=float, default=0.85, help="out-of-fold floor")
    parser.add_argument("--write-weights", type=Path, help="write the tuned-split weights")
    parser.add_argument("--oof-records", type=Path, help="records with out-of-fold weights")
    parser.add_argument("--errors", type=int, default=0, help="print N tuned OOF errors")
    parser.add_argument("--exclude", help="regex: gold files (names) never to read")
    parser.add_argument(
        "--types", default="BENCHMARK,MODEL", help="the labels the typer may give (others: never)"
    )
    args = parser.parse_args(argv)
    gold = ev.load_gold(gold_files(args.gold, args.exclude))
    every = examples(gold)
    tuned = [e for e in every if e.split == "tuned"]
    share = {k: sum(e.label == k for e in tuned) for k in nt.LABELS}
    print(f"tuned candidates: {len(tuned)} in {len({e.paper for e in tuned})} papers; {share}")
    cv = cross_validate(tuned, [g.id for g in gold if g.split == "tuned"], args.precision)
    allowed = {t.strip().upper() for t in args.types.split(",")}
    cv["thresholds"] = {k: t if k in allowed else 1.1 for k, t in cv["thresholds"].items()}
    print(f"CV tuned: C={cv['c']} thresholds {cv['thresholds']}")
    for name in ("table", "nested_table"):
        for label, (typed, right, total) in cv[name].items():
            p = right / typed if typed else 0.0
            print(
                f"  {name:<12} {label:<9} typed {typed} right {right} P {p:.3f}"
                f" R {right / max(total, 1):.3f} (gold candidates {total})"
            )
    if args.errors:
        loose = {k: 0.5 for k in TYPED}
        wrong = [(e, p) for e, p in cv["scored"] if _label(p, loose) not in (nt.NONE, e.label)]
        wrong.sort(key=lambda ep: -max(ep[1][k] for k in TYPED))
        for e, p in wrong[: args.errors]:
            print(f"  WRONG {_label(p, loose)} (gold {e.label}) {e.partial}: {e.context!r}")
        # The precision/recall curve of each label at the chosen C, out of fold.
        for label in TYPED:
            curve = []
            for t in THRESHOLDS:
                typed, right, total = counts(cv["scored"], {label: t})[label]
                curve.append(f"{t}:{right}/{typed}")
            print(f"  curve {label}: {' '.join(curve)}")
    weights = fit(tuned, cv["c"])
    if args.heldout:
        held = [e for e in every if e.split == "heldout"]
        scored = list(zip(held, _probabilities(held, weights, never_typed(tuned)), strict=True))
        for label, (typed, right, total) in counts(scored, cv["thresholds"]).items():
            p = right / typed if typed else 0.0
            print(
                f"  HELDOUT {label:<9} typed {typed} right {right} P {p:.3f}"
                f" R {right / max(total, 1):.3f}"
            )
    if args.write_weights:
        args.write_weights.write_text(weights_document(weights, cv, never_typed(tuned)))
    if args.oof_records:
        oof_records(gold, tuned, cv, args.oof_records)


if __name__ == "__main__":
    main()
