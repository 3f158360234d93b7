"""Find model, benchmark and metric names: curated lists plus patterns for unseen names.

Curated lists (``extractor/data/*.jsonl``, span_ruler pattern format) go through spaCy's
``PhraseMatcher``; models and benchmarks match case-sensitively, metrics in lower case.
Model matches grow over versions, sizes and suffixes the list does not spell out
("Llama" + " 3.1 8B Instruct"); patterns catch coined names no list has ("Qwen2-Nova-72B",
"the MetaMathQA dataset", "AlignBench"). Acronyms defined in the text ("Stable Diffusion
(SD)") carry the label of their long form to every later mention.

Writes ``doc._.paper_names`` (a list of :class:`NameMatch`) and the token spans
``doc.spans["paper_models"]``, ``["paper_benchmarks"]`` and ``["paper_metrics"]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractor.components._spans import CharMatch, set_spans
from extractor.gazetteers import Entry, load_gazetteer, load_word_list

MODEL, BENCHMARK, METRIC = "MODEL", "BENCHMARK", "METRIC"
SPANS_KEYS = {MODEL: "paper_models", BENCHMARK: "paper_benchmarks", METRIC: "paper_metrics"}

# What may follow a model family's name as part of the same name: a version ("2.5",
# "-3.1", " v2"), a size ("-7B", " 8B", "8x7B"), and suffixes ("-Instruct", " Chat",
# "-SimPO"). Space-separated suffixes must be capitalised ("Llama 3.1 8B Instruct", but
# not "Llama-3-70B base models").
_CAP_SUFFIXES = r"""(?:Instruct|Chat|Base|Coder|Code|Math|Vision|VL|Turbo|Mini|Pro|Flash|Ultra|
    Preview|HF|IT|SFT|RLHF|DPO|Distill|Large|Small|Tiny|Huge|Giant|XL|XXL|Sonnet|Opus|Haiku|Nano|
    Plus|Max|Omni)"""
_LOW_SUFFIXES = r"(?:turbo|mini|preview|hf|it|base|large|small|tiny|huge|giant|instruct|chat|xl)"
_SUFFIXES = rf"(?:{_CAP_SUFFIXES}|{_LOW_SUFFIXES})"
_match_model_tail = regex.compile(
    rf"""
    (?:
        -?v?\d+(?:\.\d+)*(?:[a-z](?![\w]))?(?=[\s\-,.;:)/]|$)      # version: "2.5", "-3.1"
      | \s(?:v(?=\d))?\d+(?:\.\d+)*                                    # " 3.1" before a
        (?=[\s-]\d+(?:\.\d+)?[BbMm]\b|\s{_CAP_SUFFIXES}\b|[\s,.;:)]|$)   # size, suffix, end
    )?
    (?:[-\s](?:\d+x)?\d+(?:\.\d+)?[BbMm](?![\w]))?                # size: "-7B", " 8B"
    (?:/\d+)?                                                      # patch: "ViT-B/16"
    (?:-(?:{_SUFFIXES}|\p{{Lu}}[\p{{L}}\p{{N}}]*)(?![\w])|\s{_CAP_SUFFIXES}(?![\w\-]))*
    """,
    regex.VERBOSE,
).match

# Coined model names with a size: "Qwen2-Nova-72B", "LLaVA-ov-7B", "CodeLlama-7B-Instruct".
_finditer_sized_model = regex.compile(
    rf"""
    (?<![\w\-/.])
    (?=[\w.\-]*\p{{Lu}})                             # at least one capital letter
    \p{{L}}[\p{{L}}\p{{N}}.]*(?:-[\p{{L}}\p{{N}}.]+)*?
    [-\s](?:\d+x)?\d+(?:\.\d+)?[BbMm]                # the size
    (?:-{_SUFFIXES}|-[\p{{L}}][\p{{L}}\p{{N}}]*)*
    (?![\w\-])
    """,
    regex.VERBOSE,
).finditer

# Coined instruction-tuned names without a size: "Zephyr-Instruct", "Mistral-Chat".
_finditer_tuned_model = regex.compile(
    r"(?<![\w\-])\p{Lu}[\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*-(?:Instruct|Chat)(?![\w\-])"
).finditer

# Versioned names "Kandinsky v2.2", "SD v1.5": a model unless the base is a benchmark.
_finditer_versioned = regex.compile(
    r"(?<![\w\-])\p{Lu}[\p{L}\p{N}\-]*\s?v\d+(?:\.\d+)*(?![\w\-])"
).finditer

# Coined benchmark names by shape ("AlignBench", "MetaMathQA", "Arena-Hard") and by the
# noun after them ("the Foo dataset", "the X-Y benchmark").
_finditer_benchmark_shape = regex.compile(
    r"""
    (?<![\w\-])
    \p{Lu}[\p{L}\p{N}\-]*?(?:Bench|bench|-Bench|-bench|Eval|-Eval|QA|Arena|-Hard)
    (?:[-\s]?v?\d+(?:\.\d+)*)?
    (?![\w\-])
    """,
    regex.VERBOSE,
).finditer
_finditer_named_dataset = regex.compile(
    r"""
    (?<![\w\-])
    (?P<name>
        (?=[\w\-]*(?:\p{Lu}.*\p{Lu}|\p{N}))          # a name: two capitals or a digit
        \p{L}[\p{L}\p{N}\-.]*[\p{L}\p{N}]
    )
    \s(?:benchmark|dataset|data\sset|suite|corpus|leaderboard|test\sset|testbed)s?\b
    """,
    regex.VERBOSE,
).finditer

_is_name_shape = regex.compile(r"(?=.*\p{Lu}).*(?:\p{Lu}.*\p{Lu}|\p{N}|\p{Ll}\p{Lu})").fullmatch


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name at ``[start, end)``; ``key`` groups mentions of the same thing."""

    start: int
    end: int
    label: str
    key: str
    source: str  # "list", "pattern" or "acronym"

    def as_char_match(self) -> CharMatch:
        return CharMatch(self.start, self.end, self.label)


def name_key(text: str) -> str:
    """A lenient key for grouping mentions: case, hyphens and spaces ignored.

    >>> name_key("LLaMA2-7B") == name_key("llama2 7b")
    True
    """
    key: str = regex.sub(r"[\s\-_]+", "", text)
    return key.lower()


def _matcher(nlp: Language, entries: Iterable[Entry], attr: str) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    by_key: dict[str, list[str]] = {}
    for entry in entries:
        by_key.setdefault(entry.id, []).append(entry.pattern)
    for key, patterns in by_key.items():
        matcher.add(key, [nlp.make_doc(pattern) for pattern in patterns])
    return matcher


def _resolve_overlaps(matches: Iterable[NameMatch]) -> list[NameMatch]:
    """Keep the longest of overlapping matches; lists win ties over patterns."""
    priority = {"list": 0, "acronym": 1, "pattern": 2}
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), priority[m.source], m.start))
    kept: list[NameMatch] = []
    taken: list[tuple[int, int]] = []
    for match in ordered:
        if any(match.start < end and start < match.end for start, end in taken):
            continue
        kept.append(match)
        taken.append((match.start, match.end))
    return sorted(kept, key=lambda m: m.start)


# The noun after a name says what it is: "the CLIP-IQA metric", "the Alpaca dataset".
_match_kind_noun = regex.compile(
    r"\s(?:(?P<metric>metric|score)|(?P<benchmark>benchmark|dataset|data\sset|corpus|suite))s?\b"
).match


def _relabel(text: str, match: NameMatch) -> NameMatch:
    """Relabel a model name by the noun that follows it, if any."""
    if match.label != MODEL:
        return match
    noun = _match_kind_noun(text, match.end)
    if noun is None:
        return match
    label = METRIC if noun.group("metric") else BENCHMARK
    if label == match.label:
        return match
    return NameMatch(match.start, match.end, label, match.key, match.source)


class NameFinder:
    """spaCy component: find names of models, benchmarks and metrics."""

    def __init__(self, nlp: Language, name: str = "paper_names") -> None:
        self.name = name
        self.models = load_gazetteer("models")
        self.benchmarks = load_gazetteer("benchmarks")
        self.metrics = load_gazetteer("metrics")
        self.not_names = load_word_list("not_names")
        self._model_matcher = _matcher(nlp, self.models.entries, "ORTH")
        self._benchmark_matcher = _matcher(nlp, self.benchmarks.entries, "ORTH")
        # Metric words match in any case ("Accuracy"), acronyms only as written ("mAP",
        # not "map"; "ASR", not "asr").
        self._metric_word_matcher = _matcher(
            nlp, (e for e in self.metrics.entries if e.pattern.islower()), "LOWER"
        )
        self._metric_acronym_matcher = _matcher(
            nlp, (e for e in self.metrics.entries if not e.pattern.islower()), "ORTH"
        )
        if not Doc.has_extension("paper_names"):
            Doc.set_extension("paper_names", default=None)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        self.set_annotations(doc, matches)
        return doc

    def match(self, doc: Doc) -> list[NameMatch]:
        """All name matches in ``doc``, overlaps resolved."""
        text = doc.text
        found = list(self._listed(doc, self._benchmark_matcher, BENCHMARK))
        found += self._listed(doc, self._metric_word_matcher, METRIC)
        found += self._listed(doc, self._metric_acronym_matcher, METRIC)
        others = [(m.start, m.end) for m in found]
        found += self._listed(doc, self._model_matcher, MODEL, others)
        found += self._patterns(text)
        found = [_relabel(text, m) for m in found if text[m.start : m.end] not in self.not_names]
        resolved = _resolve_overlaps(found)
        extra = self._acronym_mentions(doc, resolved)
        return sorted(resolved + extra, key=lambda m: m.start)

    def set_annotations(self, doc: Doc, matches: list[NameMatch]) -> None:
        doc._.paper_names = matches
        for label, key in SPANS_KEYS.items():
            set_spans(doc, key, [m.as_char_match() for m in matches if m.label == label])

    def _listed(
        self,
        doc: Doc,
        matcher: PhraseMatcher,
        label: str,
        others: Sequence[tuple[int, int]] = (),
    ) -> Iterator[NameMatch]:
        """List matches; a model's tail never runs into another list's match ("CLIP-IQA")."""
        text = doc.text
        strings = doc.vocab.strings
        for match_id, start, end in matcher(doc):
            span = doc[start:end]
            begin, stop = span.start_char, span.end_char
            if label == MODEL:
                tail = _match_model_tail(text, stop)
                if tail:
                    grown = stop + len(tail.group().rstrip())
                    if not any(s < grown and stop < e for s, e in others):
                        stop = grown
            elif label == BENCHMARK:
                tail = regex.match(
                    r"(?:[-\s]v?\d+(?:\.\d+)*|\s\((?:v\d|\d{4})\))(?![\w\-])",
                    text[stop : stop + 16],
                )
                if tail and not regex.match(
                    r"\s\d+(?:\.\d+)?\s*(?:%|[a-z])", text[stop : stop + 16]
                ):
                    stop += len(tail.group())
            extended = stop != span.end_char
            key = name_key(text[begin:stop]) if extended else "=" + strings[match_id]
            yield NameMatch(begin, stop, label, key, "list")

    def _patterns(self, text: str) -> Iterator[NameMatch]:
        for finditer, label in (
            (_finditer_sized_model, MODEL),
            (_finditer_tuned_model, MODEL),
        ):
            for m in finditer(text):
                yield NameMatch(m.start(), m.end(), label, name_key(m.group()), "pattern")
        for m in _finditer_versioned(text):
            base = regex.sub(r"\s?v\d.*$", "", m.group())
            label = BENCHMARK if self.benchmarks.has_pattern(base) else MODEL
            yield NameMatch(m.start(), m.end(), label, name_key(m.group()), "pattern")
        for m in _finditer_benchmark_shape(text):
            yield NameMatch(m.start(), m.end(), BENCHMARK, name_key(m.group()), "pattern")
        for m in _finditer_named_dataset(text):
            name = m.group("name")
            if _is_name_shape(name) and not self.models.has_pattern(name):
                start, end = m.span("name")
                yield NameMatch(start, end, BENCHMARK, name_key(name), "pattern")

    def _acronym_mentions(self, doc: Doc, matches: list[NameMatch]) -> list[NameMatch]:
        """Mentions of acronyms whose definition's long form is a model or benchmark.

        Returns new mentions; mentions the lists already found for the acronym ("SDXL"
        after "Stable Diffusion XL (SDXL)") are re-keyed in place to the long form.
        """
        abbreviations = (
            doc._.get("paper_abbreviations") if Doc.has_extension("paper_abbreviations") else None
        )
        if not abbreviations:
            return []
        by_span = {(m.start, m.end): m for m in matches if m.label in (MODEL, BENCHMARK)}
        taken = [(m.start, m.end) for m in matches]
        extra: list[NameMatch] = []
        text = doc.text
        for abbreviation in abbreviations:
            long = by_span.get((abbreviation.long_start, abbreviation.long_end))
            if long is None or abbreviation.short in self.not_names:
                continue
            for i, match in enumerate(matches):
                if (
                    match.label == long.label
                    and text[match.start : match.end] == abbreviation.short
                ):
                    matches[i] = NameMatch(match.start, match.end, long.label, long.key, "acronym")
            pattern = rf"(?<![\w\-]){regex.escape(abbreviation.short)}(?![\w\-])"
            for m in regex.finditer(pattern, text):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                tail = _match_model_tail(text, m.end()) if long.label == MODEL else None
                stop = m.end() + (len(tail.group().rstrip()) if tail else 0)
                key = long.key if stop == m.end() else name_key(text[m.start() : stop])
                extra.append(NameMatch(m.start(), stop, long.label, key, "acronym"))
                taken.append((m.start(), stop))
        return extra


@Language.factory("paper_names")
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    """Create the name finder (``nlp.add_pipe("paper_names")``)."""
    return NameFinder(nlp, name)
