"""Score predicted records against hand-annotated gold records.

Per field (method, models, benchmarks, metric values, code URLs): precision, recall and
F1. For the result numbers both sides found: accuracy of role, bound, metric, benchmark
and model, and for the last three the precision where the tool names one (a wrong name
puts a number in the wrong leaderboard column; none leaves it out). Names match
leniently by default (case, hyphens, spaces and underscores ignored: "LLaMA2-7B" =
"llama2 7b"; an entity matches through any of its aliases, and a name through the
acronym the abstract defines for it, "character error rate (CER)"); the strict variant
needs the exact spelling. Scores are kept apart per split ("tuned", "heldout") so the
gap between the part rules were tuned on and the part they were not is visible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from extractor._errors import BadFieldError, BadJSONError, SourceError
from extractor.components.abbreviations import find_abbreviations
from extractor_schemas import PaperRecord, Result, accept_added_fields
from extractor_schemas.gold import GoldRecord, GoldResult

FIELDS = ("method", "models", "benchmarks", "metric values", "code URLs")
ATTRIBUTES = ("role", "bound", "metric", "benchmark", "model")
# The attributes a result may leave unnamed (null): their precision where named is shown too.
NAMED_ATTRIBUTES = ("metric", "benchmark", "model")
SPLITS = ("tuned", "heldout", "all")

_SEPARATORS = {ord(c): None for c in " \t\n-_\u00a0\u2010\u2011\u2013"}

Key = Callable[[str], str]


def lenient_key(name: str) -> str:
    """Case, hyphens, spaces and underscores ignored.

    >>> lenient_key("LLaMA2-7B") == lenient_key("llama2 7b")
    True
    """
    return name.translate(_SEPARATORS).casefold()


def strict_key(name: str) -> str:
    return name


def paper_lenient_key(abstract: str) -> Key:
    """The lenient key, with each acronym the abstract defines read as its long form.

    A paper that writes "character error rate (CER)" names one metric two ways; either
    spelling matches the other. Definitions are found as the extractor finds them
    (Schwartz-Hearst); the first definition of an acronym wins.

    >>> key = paper_lenient_key("We report the character error rate (CER) on AISHELL.")
    >>> key("CER") == key("Character Error Rate")
    True
    >>> key("WER") == key("CER")
    False
    >>> plural = paper_lenient_key("with Peak Signal-to-Noise Ratios (PSNRs) of 40.6 dB")
    >>> plural("PSNR") == plural("Peak Signal-to-Noise Ratio")
    True
    """
    canonical: dict[str, str] = {}
    for found in find_abbreviations(abstract):
        long_key = lenient_key(found.long)
        canonical.setdefault(lenient_key(found.short), long_key)
        if found.short.endswith("s") and found.long.endswith("s"):
            # "Peak Signal-to-Noise Ratios (PSNRs)" defines the singular too, the form
            # names are written in (GUIDELINES: a measure in the singular).
            canonical.setdefault(lenient_key(found.short[:-1]), lenient_key(found.long[:-1]))

    def key(name: str) -> str:
        plain = lenient_key(name)
        return canonical.get(plain, plain)

    return key


def url_key(url: str) -> str:
    """A URL without a trailing slash; the host compared in lower case.

    >>> url_key("https://GitHub.com/x/y/") == url_key("https://github.com/x/y")
    True
    """
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Accuracy:
    """How often an attribute is right, and how often it is right where the tool names one
    (``named``: the precision a leaderboard sees; a wrong name is worse than none there)."""

    correct: int = 0
    total: int = 0
    named: int = 0
    named_correct: int = 0

    def count(self, right: bool, named: bool) -> None:
        self.total += 1
        self.correct += right
        self.named += named
        self.named_correct += right and named

    def as_dict(self) -> dict[str, float | int]:
        accuracy = self.correct / self.total if self.total else 1.0
        precision = self.named_correct / self.named if self.named else 1.0
        return {
            "accuracy": accuracy,
            "correct": self.correct,
            "total": self.total,
            "named_precision": precision,
            "named_correct": self.named_correct,
            "named": self.named,
        }


@dataclass
class Score:
    """Everything counted over a set of papers, for one matching variant."""

    papers: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    attributes: dict[str, Accuracy] = field(
        default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES}
    )

    def as_dict(self) -> dict[str, Any]:
        return {
            "papers": self.papers,
            "fields": {name: counts.as_dict() for name, counts in self.fields.items()},
            "attribution": {name: acc.as_dict() for name, acc in self.attributes.items()},
        }


@dataclass(frozen=True)
class PaperDiff:
    """What one paper's prediction missed or added, for reading tuned-split errors."""

    id: str
    missed: dict[str, list[str]]
    extra: dict[str, list[str]]
    wrong: list[str]


def _match_names(gold: Sequence[str], predicted: Sequence[Sequence[str]], key: Key) -> Counts:
    """Gold names against predicted entities (each a list of its spellings)."""
    open_ = [{key(s) for s in spellings} for spellings in predicted]
    counts = Counts()
    for name in gold:
        found = next((i for i, keys in enumerate(open_) if key(name) in keys), None)
        if found is None:
            counts.fn += 1
        else:
            counts.tp += 1
            open_.pop(found)
    counts.fp = len(open_)
    return counts


def _method_counts(gold: GoldRecord, pred: PaperRecord, key: Key) -> Counts:
    gold_keys = {key(n) for n in ([gold.method.name, *gold.method.aliases] if gold.method else [])}
    pred_keys = {key(n) for n in ([pred.method.name, *pred.method.aliases] if pred.method else [])}
    if gold_keys and pred_keys:
        return Counts(tp=1) if gold_keys & pred_keys else Counts(fp=1, fn=1)
    return Counts(fp=int(bool(pred_keys)), fn=int(bool(gold_keys)))


def match_results(
    gold: Sequence[GoldResult], pred: Sequence[Result], strict: bool
) -> tuple[list[tuple[GoldResult, Result]], list[GoldResult], list[Result]]:
    """Pair gold and predicted numbers in text order: equal values (strict: and text, unit)."""
    open_ = list(pred)
    pairs, missed = [], []
    for g in gold:
        found = next(
            (
                p
                for p in open_
                if abs(p.value - g.value) < 1e-9
                and (not strict or (p.text == g.text and p.unit == g.unit))
            ),
            None,
        )
        if found is None:
            missed.append(g)
        else:
            pairs.append((g, found))
            open_.remove(found)
    return pairs, missed, open_


def _same_name(gold_name: str | None, pred_name: str | None, key: Key, same: set[str]) -> bool:
    if gold_name is None or pred_name is None:
        return gold_name is None and pred_name is None
    if key(gold_name) == key(pred_name):
        return True
    # The paper's own method may be named by its alias on either side ("MWA").
    return key(gold_name) in same and key(pred_name) in same


class Evaluation:
    """Accumulates scores over papers, per split, for lenient and strict matching."""

    def __init__(self) -> None:
        self.scores = {
            (variant, split): Score() for variant in ("lenient", "strict") for split in SPLITS
        }
        self.diffs: list[PaperDiff] = []
        self.missing: list[str] = []
        # Tuned split, lenient: per (attribute, deciding strategy) of the tool's results.
        self.by_strategy: dict[tuple[str, str], Accuracy] = defaultdict(Accuracy)

    def add(self, gold: GoldRecord, pred: PaperRecord | None) -> None:
        """Count one paper; a missing prediction counts as an empty record."""
        if pred is None:
            self.missing.append(gold.id)
            pred = PaperRecord(id=gold.id, text="")
        lenient = paper_lenient_key(gold.abstract)
        for variant, key in (("lenient", lenient), ("strict", strict_key)):
            for split in (gold.split, "all"):
                self._count(self.scores[(variant, split)], gold, pred, key, variant == "strict")
        if gold.split == "tuned":
            self.diffs.append(_diff(gold, pred, lenient))
            self._count_strategies(gold, pred, lenient)

    def _count_strategies(self, gold: GoldRecord, pred: PaperRecord, key: Key) -> None:
        """Each found number's metric, benchmark and model, counted under the strategy
        that decided it (``"-"`` where the record names none)."""
        same = self._method_names(gold, pred, key)
        pairs, _, _ = match_results(gold.metrics, pred.metrics, strict=False)
        for g, p in pairs:
            for name in NAMED_ATTRIBUTES:
                wanted, given = getattr(g, name), getattr(p, name)
                by = (getattr(p.strategy, name) if p.strategy else None) or "-"
                right = _same_name(wanted, given, key, same if name == "model" else set())
                self.by_strategy[(name, by)].count(right, given is not None)

    def _count(
        self, score: Score, gold: GoldRecord, pred: PaperRecord, key: Key, strict: bool
    ) -> None:
        score.papers += 1
        fields = score.fields
        fields["method"].add(_method_counts(gold, pred, key))
        for name, gold_names, entities in (
            ("models", gold.models, pred.models),
            ("benchmarks", gold.benchmarks, pred.benchmarks),
        ):
            spellings = [[e.name, *e.aliases] for e in entities]
            fields[name].add(_match_names(gold_names, spellings, key))
        url = strict_key if strict else url_key
        fields["code URLs"].add(
            _match_names(gold.code_urls, [[x.url] for x in pred.code_urls], url)
        )
        pairs, missed, extra = match_results(gold.metrics, pred.metrics, strict)
        fields["metric values"].add(Counts(tp=len(pairs), fp=len(extra), fn=len(missed)))
        same = self._method_names(gold, pred, key)
        attrs = score.attributes
        for g, p in pairs:
            attrs["role"].count(g.role == p.role, True)
            attrs["bound"].count(g.bound == p.bound, True)
            attrs["metric"].count(_same_name(g.metric, p.metric, key, set()), p.metric is not None)
            attrs["benchmark"].count(
                _same_name(g.benchmark, p.benchmark, key, set()), p.benchmark is not None
            )
            attrs["model"].count(_same_name(g.model, p.model, key, same), p.model is not None)

    @staticmethod
    def _method_names(gold: GoldRecord, pred: PaperRecord, key: Key) -> set[str]:
        names = [gold.method.name, *gold.method.aliases] if gold.method else []
        names += [pred.method.name, *pred.method.aliases] if pred.method else []
        return {key(n) for n in names}

    def report(self) -> dict[str, Any]:
        """Scores as plain data: ``{variant: {split: score}}`` plus the missing ids."""
        report: dict[str, Any] = {"missing_predictions": self.missing}
        for (variant, split), score in self.scores.items():
            if score.papers:
                report.setdefault(variant, {})[split] = score.as_dict()
        return report


def _diff(gold: GoldRecord, pred: PaperRecord, key: Key) -> PaperDiff:
    """What a tuned paper missed, added and got wrong, names compared by ``key``."""
    missed: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for name, gold_names, entities in (
        ("models", gold.models, pred.models),
        ("benchmarks", gold.benchmarks, pred.benchmarks),
    ):
        pred_keys = {key(s) for e in entities for s in (e.name, *e.aliases)}
        gold_keys = {key(n) for n in gold_names}
        missed[name] = [n for n in gold_names if key(n) not in pred_keys]
        extra[name] = [
            e.name for e in entities if not {key(e.name), *map(key, e.aliases)} & gold_keys
        ]
    gold_method = gold.method.name if gold.method else None
    pred_method = pred.method.name if pred.method else None
    if _method_counts(gold, pred, key).tp == 0 and (gold_method or pred_method):
        missed["method"] = [gold_method] if gold_method else []
        extra["method"] = [pred_method] if pred_method else []
    pairs, missed_results, extra_results = match_results(gold.metrics, pred.metrics, False)
    missed["metrics"] = [r.text for r in missed_results]
    extra["metrics"] = [r.text for r in extra_results]
    same = Evaluation._method_names(gold, pred, key)
    wrong = []
    for g, p in pairs:
        for name in ATTRIBUTES:
            gv, pv = getattr(g, name), getattr(p, name)
            ok = (
                gv == pv
                if name in ("role", "bound")
                else _same_name(gv, pv, key, same if name == "model" else set())
            )
            if not ok:
                wrong.append(f"{g.text} {name}: gold {gv!r}, predicted {pv!r}")
    return PaperDiff(
        gold.id,
        {k: v for k, v in missed.items() if v},
        {k: v for k, v in extra.items() if v},
        wrong,
    )


def load_gold(paths: Iterable[Path]) -> list[GoldRecord]:
    """Gold records from JSONL files (a directory means every ``*.jsonl`` in it)."""
    records = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            for line, obj in _read_jsonl(file):
                try:
                    records.append(GoldRecord.model_validate(obj))
                except ValidationError as e:
                    problems = "; ".join(
                        f"[{'.'.join(map(str, err['loc']))}] {err['msg']}" for err in e.errors()
                    )
                    raise BadFieldError(problems, source=str(file), line=line) from e
    return records


def load_predictions(path: Path) -> dict[str, PaperRecord]:
    """Predicted records by id; error records and other objects are skipped."""
    predictions = {}
    for _, obj in _read_jsonl(path):
        if "schema_version" in obj:
            record = accept_added_fields(PaperRecord, obj)
            predictions[record.id] = record
    return predictions


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_bytes().splitlines()
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror or e}", source=str(path)) from e
    objects = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            raise BadJSONError(f"not valid JSON: {e}", source=str(path), line=number) from e
        if not isinstance(obj, dict):
            raise BadJSONError("expected a JSON object", source=str(path), line=number)
        objects.append((number, obj))
    return objects


def evaluate(gold: Sequence[GoldRecord], predictions: dict[str, PaperRecord]) -> Evaluation:
    """Score ``predictions`` (by id) against ``gold``."""
    evaluation = Evaluation()
    for record in gold:
        evaluation.add(record, predictions.get(record.id))
    return evaluation


def render_report(report: dict[str, Any], variant: str = "lenient") -> str:
    """A plain-text table of one variant's scores, one column group per split."""
    scores = report[variant]
    splits = [s for s in SPLITS if s in scores]
    head = f"{'field':<16}" + "".join(f"{s + ' P/R/F1':>24}" for s in splits)
    lines = [f"matching: {variant}", head, "-" * len(head)]

    def rows(names: Sequence[str], part: str, cell: Callable[[dict[str, Any]], str]) -> None:
        for name in names:
            cells = [cell(scores[split][part][name]) for split in splits]
            lines.append(f"{name:<16}" + "".join(f"{c:>24}" for c in cells))

    rows(FIELDS, "fields", lambda f: f"{f['precision']:.2f} / {f['recall']:.2f} / {f['f1']:.2f}")
    lines.append("")
    lines.append(f"{'attribution':<16}" + "".join(f"{s + ' accuracy':>24}" for s in splits))
    rows(ATTRIBUTES, "attribution", lambda a: f"{a['accuracy']:.2f} ({a['correct']}/{a['total']})")
    lines.append("")
    lines.append(f"{'where named':<16}" + "".join(f"{s + ' precision':>24}" for s in splits))
    rows(
        NAMED_ATTRIBUTES,
        "attribution",
        lambda a: f"{a['named_precision']:.2f} ({a['named_correct']}/{a['named']})",
    )
    lines.append("")
    lines.append("papers: " + ", ".join(f"{s} {scores[s]['papers']}" for s in splits))
    if report["missing_predictions"]:
        lines.append(f"no prediction for {len(report['missing_predictions'])} paper(s)")
    return "\n".join(lines)


def render_strategies(by_strategy: dict[tuple[str, str], Accuracy]) -> str:
    """Per attribute and deciding strategy, on the tuned split: how many found numbers it
    decided, how many it named, and how often it is right (where named, and overall)."""
    head = f"{'attribute':<10} {'strategy':<32} {'decided':>8} {'named':>6} {'precision':>10}"
    lines = [head + f" {'accuracy':>9}", "-" * (len(head) + 10)]
    for (name, by), acc in sorted(by_strategy.items(), key=lambda x: (x[0][0], -x[1].total)):
        precision = f"{acc.named_correct / acc.named:.2f}" if acc.named else "-"
        lines.append(
            f"{name:<10} {by:<32} {acc.total:>8} {acc.named:>6} {precision:>10}"
            f" {acc.correct / acc.total:>9.2f}"
        )
    return "\n".join(lines)


def render_diffs(diffs: Sequence[PaperDiff]) -> str:
    """Per-paper misses of the tuned split (held-out papers are never listed)."""
    lines = []
    for d in diffs:
        if not (d.missed or d.extra or d.wrong):
            continue
        lines.append(f"== {d.id}")
        for name, values in d.missed.items():
            lines.append(f"  missed {name}: {values}")
        for name, values in d.extra.items():
            lines.append(f"  extra  {name}: {values}")
        lines += [f"  wrong  {w}" for w in d.wrong]
    return "\n".join(lines)
