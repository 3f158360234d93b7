"""Find model, benchmark and metric names: curated lists plus patterns for unseen names.

Curated lists (``extractor/data/*.jsonl``, span_ruler pattern format) and the registry
lexicon (``extractor/lexicon/data/registry``) are matched on token hashes by
:mod:`extractor.lexicon.matcher` (what spaCy's ``PhraseMatcher`` would find, from tables
cached on disk); models and benchmarks match case-sensitively, metric words and listed
names with a digit in any case. A registry name that is also an ordinary word counts only
with a context cue (``_cued``).
Model matches grow over versions, sizes and suffixes the list does not spell out
("Llama" + " 3.1 8B Instruct"); patterns catch coined names no list has ("Qwen2-Nova-72B",
"the MetaMathQA dataset", "AlignBench"). Acronyms defined in the text ("Stable Diffusion
(SD)") carry the label of their long form to every later mention.

Writes ``doc._.paper_names`` (a list of :class:`NameMatch`) and the token spans
``doc.spans["paper_models"]``, ``["paper_benchmarks"]`` and ``["paper_metrics"]``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

import regex
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractor.components import name_typer
from extractor.components._frozen import quick_init
from extractor.components._name_patterns import (
    _KIND_ENDINGS,
    _SEPARATORS,
    _dataset_noun_starts,
    _example_cue_ends,
    _finditer_at_metric,
    _finditer_benchmark_shape,
    _finditer_benchmark_shape_one,
    _finditer_compared_name,
    _finditer_dataset_list_cue,
    _finditer_evaluated_on,
    _finditer_family_model,
    _finditer_introduced_model,
    _finditer_lower_challenge,
    _finditer_lower_versioned,
    _finditer_model_apposition,
    _finditer_name_with_model_noun,
    _finditer_named_score,
    _finditer_noun_then_name,
    _finditer_sentence_setting,
    _finditer_size,
    _finditer_slash_versions,
    _finditer_subject_name,
    _finditer_titled_benchmark,
    _finditer_tuned_model,
    _finditer_versioned,
    _has_version,
    _is_lower_versioned,
    _is_model_shape,
    _is_name_shape,
    _is_number_format,
    _match_benchmark_acronym,
    _match_benchmark_resolution,
    _match_benchmark_split,
    _match_benchmark_tail,
    _match_coordinated_after,
    _match_dataset_item,
    _match_kind_noun,
    _match_kind_suffix,
    _match_language_pair,
    _match_listed_name,
    _match_model_tail,
    _match_name_after_number,
    _match_noun_called,
    _match_number_with_unit,
    _match_score_aside,
    _match_size_suffixes,
    _match_the_proper_name,
    _search_appositive,
    _search_coordinated_before,
    _search_metric_modifier,
    _search_name_before_size,
    _search_titled_run_before,
    _search_versioned_word_before,
    _search_word_before,
    _sub_version,
)
from extractor.components._name_patterns import (
    _MODEL_NOUNS as _MODEL_NOUNS_AFTER,
)
from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._spans import (
    CharMatch,
    Intervals,
    doc_text,
    payload,
    set_payload,
    set_spans,
    whole_word_spans,
)
from extractor.components.abbreviations import Abbreviation, best_long_form
from extractor.components.quantities import Quantity
from extractor.gazetteers import Entry, Gazetteer, load_gazetteer, load_word_list
from extractor.lexicon.cues import alternation, finditer_from_starts, phrases, word_set
from extractor.lexicon.matcher import CompiledLexicon, cached_lexicon, compile_lexicon
from extractor.lexicon.registry import (
    RegistryEntry,
    parse_registry,
    registry_dir,
    registry_files,
    without_curated,
)

MODEL, BENCHMARK, METRIC = "MODEL", "BENCHMARK", "METRIC"
SPANS_KEYS = {MODEL: "paper_models", BENCHMARK: "paper_benchmarks", METRIC: "paper_metrics"}


# Compiled once: regex.fullmatch with a pattern string looks it up in a cache on each call.
_is_benchmark_noun = regex.compile(r"(?i)(?:bench(?:mark)?|dataset|corpus|suite)").fullmatch


_METRIC_LONG_FORM_ENDS = word_set("metric_long_form_end")


# A listed metric's variant written after a hyphen: "CHAIR-i", "MCD-SL", "AUC-ROC".
_match_metric_variant = regex.compile(r"-[\p{L}\p{N}]{1,3}(?![\p{L}\p{N}\-])").match


def _label_of_long_form(long: str) -> str | None:
    """What a spelled-out acronym names, by its last word ("... Benchmark", "... Model",
    "... Error Rate")."""
    last = long.rsplit(None, 1)[-1]
    if _is_benchmark_noun(last):
        return BENCHMARK
    head = last.rsplit("-", 1)[-1].lower()  # "Entity-Hit-Rate"
    if head in _METRIC_LONG_FORM_ENDS and last != long.lstrip():
        return METRIC
    if head in _METRIC_LONG_FORM_ENDS and "-" in last:
        return METRIC
    # "Chinese Reward Model (CRM)" names one model; "Vision-Language Models (VLMs)" a kind.
    if last == "Model" and sum(w[:1].isupper() for w in long.split()) >= 2:
        return MODEL
    # "Generative Pre-trained Transformer 2 (GPT-2)", "Masked Autoencoder (MAE)"; not a kind
    # ("Spiking Neural Network (SNN)").
    if last not in _MODEL_NOUNS and not (last[:1] == "v" or last[:1].isdigit()):
        # Fast and equal: a version the strip below removes ends the long form, so it is
        # its last word (regex's white space is white space to str.split too, and a
        # character \d matches is a digit to str.isdigit); with no version, the last
        # word stays the one tested here, and it is no model noun.
        return None
    words = _strip_version(long).split()
    if (
        len(words) >= 2
        and words[-1] in _MODEL_NOUNS
        and words[-2] != "Neural"
        and sum(w[:1].isupper() for w in words) >= 2
    ):
        return MODEL
    return None


# A named challenge, perhaps with its year: "Universal UltraSound Image Challenge 2025"
# (two capitalised words at least before "Challenge"; "Grand Challenge" alone is no name).
_match_named_challenge = regex.compile(
    r"(?:[\p{Lu}\d][\w\-]*\s+){2,}Challenge(?:\s+(?:19|20)\d\d)?"
).fullmatch
# A noun of data right after an acronym's brackets: "... Processing (ZuCo) benchmark".
_match_data_noun_after = regex.compile(
    r"\)?\s+(?:benchmark|dataset|corpus|database)\b", regex.IGNORECASE
).match


def _benchmark_by_definition(text: str, a: Abbreviation) -> str | None:
    """A Title Case long form is a benchmark when it names a challenge ("Universal
    UltraSound Image Challenge 2025 (UUSIC25)") or its acronym is called a benchmark
    ("Zurich Cognitive Language Processing (ZuCo) benchmark")."""
    if sum(w[:1].isupper() for w in a.long.split()) < 2:
        return None
    if _match_named_challenge(a.long) or _match_data_noun_after(text, a.short_end):
        return BENCHMARK
    return None


# Singular nouns that end the spelled-out name of one model (a plural names a kind).
# "Network" is left out: "Feature Pyramid Network (FPN)" and "Feed Forward Network" are parts.
_MODEL_NOUNS = frozenset(["Transformer", "Autoencoder"])
_sub_trailing_version = regex.compile(r"(?:\s+v?\d+(?:\.\d+)*)+$").sub


def _strip_version(long: str) -> str:
    """The long form without its trailing version ("Generative Pre-trained Transformer")."""
    stripped: str = _sub_trailing_version("", long)
    return stripped


#: The acronym definitions of one text that are applied to its names (the first ones):
#: the most in 320 gold abstracts is 9, and each costs a pass over the text's names.
MAX_DEFINITIONS = 64


def _grow_to_long_form(matches: list[NameMatch], a: Abbreviation) -> list[NameMatch]:
    """A model name that ends a longer spelled-out name is that name: "Efficient Vision
    Transformer (EfficientViT)" is not "Vision Transformer", nor "Self-Distillation with No
    Labels v3 (DINOv3)" a model "Labels v3"."""
    end, start = a.long_end, a.long_start
    for i, m in enumerate(matches):
        if m.end == end and m.label == MODEL and start < m.start:
            if sum(w[:1].isupper() for w in a.long.split()) < 2:
                return matches
            grown = NameMatch(start, end, MODEL, name_key(a.long), "acronym")
            return [*matches[:i], grown, *matches[i + 1 :]]
    return matches


def _unglue(text: str, match: NameMatch) -> NameMatch | None:
    """A list name glued by a hyphen to a longer word is part of another name.

    "Wave-U-Net" and "KG-BERT" are models of their own (the match grows to the whole
    word); "EfficientViT-M5" is not the benchmark "M5" (the match is dropped).
    """
    start = match.start
    if (
        match.source != "list"
        or start < 2
        or text[start - 1] != "-"
        or not text[start - 2].isalnum()
    ):
        return match
    if match.label != MODEL:
        return None
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    return NameMatch(start, match.end, MODEL, name_key(text[start : match.end]), "pattern")


# The longest metric compound merged from neighbouring metrics: a run of metric words
# ("accuracy F1 BLEU accuracy ...") is not one name, and re-keying an ever longer one
# costs time quadratic in the run.
_MAX_COMPOUND_CHARS = 80


def _merge_metric_compounds(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """One metric for "inference-time win rates" and "top-1 average accuracy"."""
    merged: list[NameMatch] = []
    for m in matches:
        if m.label == METRIC:
            start = m.start
            while modifier := _search_metric_modifier(text, max(0, start - 12), start):
                start = modifier.start()
            previous = merged[-1] if merged else None
            if (
                previous
                and previous.label == METRIC
                and 0 <= start - previous.end <= 1
                and m.end - previous.start <= _MAX_COMPOUND_CHARS
            ):
                start = previous.start
                merged.pop()
            if start != m.start:
                m = NameMatch(start, m.end, METRIC, name_key(text[start : m.end]), m.source)
        merged.append(m)
    return merged


@quick_init
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
    # str.replace per separator: the same as str.translate with a table dropping them, at
    # a third of its cost or less on a name (0.3-0.6 us, not 0.6-1.8).
    for separator in _SEPARATORS:
        if separator in text:
            text = text.replace(separator, "")
    return text.lower()


def _pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A copy of the pipeline's tokenizer, sharing its vocab, for the list patterns.

    Tokenizing thousands of patterns with the pipeline's own tokenizer fills its cache
    with them, and spaCy then tokenizes every abstract about 2.5 times slower; the copy
    keeps that cache for the abstracts.
    """
    own: Tokenizer = nlp.tokenizer
    return Tokenizer(
        nlp.vocab,
        rules=own.rules,
        prefix_search=own.prefix_search,
        suffix_search=own.suffix_search,
        infix_finditer=own.infix_finditer,
        token_match=own.token_match,
        url_match=own.url_match,
    )


def _benchmark_words() -> list[RegistryEntry]:
    """The standard benchmarks whose names are words (``data/benchmark_words.txt``), each
    found only with a context cue, as registry names that are words are."""
    return [
        RegistryEntry(BENCHMARK, word, word, common_word=True)
        for word in sorted(load_word_list("benchmark_words"))
    ]


def _load_lexicon(
    nlp: Language,
    lists: tuple[Gazetteer, Gazetteer, Gazetteer],
    not_names: frozenset[str],
    registry: Path | None,
) -> CompiledLexicon:
    """The token tables of the curated lists and the registry, from the disk cache when
    the lists' content is unchanged (see :mod:`extractor.lexicon.matcher`)."""
    data = resources.files("extractor").joinpath("data")
    curated = [data.joinpath(f"{n}.jsonl").read_bytes() for n in ("models", "benchmarks")]
    curated += [
        data.joinpath(n).read_bytes()
        for n in ("metrics.jsonl", "not_names.txt", "benchmark_words.txt")
    ]
    # and the code that reads entries out of the lists (a change there changes the tables
    # as a change of the lists does: it once left a stale cache in place)
    package = resources.files("extractor")
    curated += [
        package.joinpath(*path).read_bytes()
        for path in (("gazetteers.py",), ("lexicon", "registry.py"))
    ]
    files = registry_files(registry) if registry is not None else []
    sources = [(path, path.read_bytes()) for path in files]

    def build() -> CompiledLexicon:
        models, benchmarks, metrics = (g.entries for g in lists)
        entries = [e for path, raw in sources for e in parse_registry(path, raw)]
        entries += _benchmark_words()
        kept = without_curated(entries, (*models, *benchmarks, *metrics), not_names)
        return compile_lexicon(_pattern_tokenizer(nlp), models, benchmarks, metrics, kept)

    return cached_lexicon(nlp.tokenizer, [*curated, *(raw for _, raw in sources)], build)


# What makes a name that is also an ordinary word ("Atlas", "Phoenix") a name here: a
# determiner before it and a singular noun of its kind after it ("the Atlas model", "on
# the Phoenix benchmark"; not "Foundation models"), its own acronym after it ("Atlas
# (ATL)"; not "Rotate, Clip, and Partition (RCP)"), or a list with a name that is not an
# ordinary word ("Atlas, Llama and Mistral"). A version or size glued on ("Atlas 2",
# "Phoenix 7B") is a cue too (see ``_listed``). Registry names in capitals alone ("SNAP")
# are treated the same way: papers coin such acronyms for their own terms.
_search_determiner_before = regex.compile(
    r"(?:^|\s)(?:[Tt]he|[Aa]n?|[Oo]ur|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat)\s\Z"
).search
_match_model_noun_after = regex.compile(r"\s(?:" + "|".join(_MODEL_NOUNS_AFTER) + r")\b").match
_match_dataset_noun_after = regex.compile(
    r"\s(?:benchmark|dataset|data\sset|corpus|suite|test\sset|split)\b"
).match
_match_acronym_after = regex.compile(r"\s\((?P<short>\p{Lu}[\p{L}\p{N}\-]*)\)").match
_fullmatch_list_separator = regex.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+").fullmatch
_has_digit = regex.compile(r"\d").search


# What joins a number to the name it is reported on: " on ", " accuracy on the ", " mean
# return on " (up to three words of its metric, none a clause or comparison word).
_match_reported_on = regex.compile(
    r"(?:\s(?!(?:and|or|but|while|whereas|than|compared|with|at|by|from|to|over|of)\b)"
    r"\p{L}[\p{L}\p{N}@\-.]*){0,3}\son\s(?:the\s)?(?=\p{Lu})"
).match
# A gain reported on a name after it: "on Wisconsin by nearly 5%", "on Traffic by 44%".
_match_by_number_after = regex.compile(r"\sby\s(?:[\p{L}]+\s){0,2}[+\-]?\d").match


# A name introduced as data: "We present X, a ... corpus", "X -- a ... benchmark" (tried at
# each introducing verb), or after the noun: "a multi-level dataset, X, consisting of"
# (tried at each data noun).
_DATA_NOUNS = r"(?:dataset|benchmark|corpus|suite|test\s?bed|data\s+set)s?"
_INTRODUCING_DATA = phrases("introducing_data_verb")
_finditer_introduced_data_verb = finditer_from_starts(
    regex.compile(
        rf"(?:{'|'.join(_INTRODUCING_DATA)})(?:s|d|ed|ing)?\s+(?:a\s+new\s+|the\s+)?"
        r"(?P<name>\p{L}[\p{L}\p{N}\-.+]*[\p{L}\p{N}+])"
        r"\s*(?:,|--|—|–|:)\s*(?:a|an|the)\s+(?:[\w\-.,]+\s+){0,8}?" + _DATA_NOUNS + r"\b"
    ),
    _INTRODUCING_DATA,
)
_finditer_introduced_data_noun = finditer_from_starts(
    regex.compile(_DATA_NOUNS + r",\s+(?P<name>\p{L}[\p{L}\p{N}\-.+]*[\p{L}\p{N}+]),"),
    ("dataset", "benchmark", "corpus", "suite", "testbed", "test bed", "data set"),
)


# A name right where a "reported on" phrase ends ("... on |ChEBI-20").
_match_name_at = regex.compile(r"(?P<name>\p{L}[\p{L}\p{N}\-./]*[\p{L}\p{N}])(?![\w\-])").match


def _reported_on_starts(text: str, quantities: Sequence[Quantity] | None) -> frozenset[int]:
    """Where a name reported on after a number starts: "44% on Traffic", "81.2% accuracy
    on Seaquest", "a mean return of 3.1 on the Hopper"."""
    starts = set()
    for q in quantities or ():
        if q.kind in ("measure", "number"):
            m = _match_reported_on(text, q.end)
            if m:
                starts.add(m.end())
    return frozenset(starts)


def _cued(
    text: str,
    raw: Sequence[tuple[str, str, int, int]],
    common: Sequence[int],
    reported_on: frozenset[int] = frozenset(),
) -> dict[int, bool]:
    """Whether each ordinary-word name in ``raw`` (by index) has a context cue; a benchmark
    reported on right after a number ("44% on Traffic") or with its gain after it ("on
    Wisconsin by nearly 5%") has one."""
    cued = {}
    ordinary = set(common)
    plain = [(b, e) for i, (_, _, b, e) in enumerate(raw) if i not in ordinary]
    for i in common:
        label, _, begin, end = raw[i]
        noun = (_match_model_noun_after if label == MODEL else _match_dataset_noun_after)(text, end)
        acronym = _match_acronym_after(text, end)
        cued[i] = bool(
            (noun and _search_determiner_before(text, max(0, begin - 8), begin))
            or (
                label == BENCHMARK
                and (
                    begin in reported_on
                    or (
                        text.endswith(" on ", 0, begin)
                        and _match_by_number_after(text, end) is not None
                    )
                )
            )
            or (acronym and acronym.group("short")[0] == text[begin])
            or any(
                _fullmatch_list_separator(text, e, begin) or _fullmatch_list_separator(text, end, b)
                for b, e in plain
                if (0 <= begin - e <= 8 or 0 <= b - end <= 8)
            )
        )
    return _cued_along_lists(text, raw, common, cued)


# A setting of experiments right before a benchmark: "evaluated on ", "experiments on the ",
# "tested across " (not "results on": "Results on Genesis are strong" says too little).
_search_evaluated_on_end = regex.compile(
    r"\b(?:evaluat\w*|experiments?|tested|benchmark(?:ed|ing))"
    r"\s+(?:[^\s.;,]+\s+){0,3}?(?:on|across)\s+(?:the\s+)?\Z",
    regex.IGNORECASE,
).search


def _cued_along_lists(
    text: str,
    raw: Sequence[tuple[str, str, int, int]],
    common: Sequence[int],
    cued: dict[int, bool],
) -> dict[int, bool]:
    """Benchmarks that are also words, named where experiments are run ("evaluated on
    Cornell, Texas and Wisconsin"): the first is cued by the setting, each next one by the
    list it continues."""
    benchmarks = sorted((raw[i][2], raw[i][3], i) for i in common if raw[i][0] == BENCHMARK)
    previous: tuple[int, bool] | None = None  # the end of the last one and whether it is cued
    for begin, end, i in benchmarks:
        if not cued[i] and (
            _search_evaluated_on_end(text, max(0, begin - 70), begin)
            or (
                previous is not None
                and previous[1]
                and bool(_fullmatch_list_separator(text, previous[0], begin))
            )
        ):
            cued[i] = True
        previous = (end, cued[i])
    return cued


_PRIORITY = {"list": 0, "acronym": 1, "pattern": 2}


def _resolve_overlaps(matches: Iterable[NameMatch]) -> list[NameMatch]:
    """Keep the longest of overlapping matches; lists win ties over patterns.

    The kept matches never overlap, so sorted by start they are sorted by end too: the
    one kept match that may overlap a candidate is the first that ends after the
    candidate's start (``bisect_right`` of the ends). Inserting each kept match at that
    place keeps them in text order, the order a stable sort by start gives: a test in
    O(log n) instead of a byte array the size of the text and a slice per candidate.
    An empty match (none is ever found) overlaps nothing and is kept after the names
    that start where it stands, as a stable sort puts it: empty matches sort after all
    others, so the ends of the kept names are no longer consulted once they come.
    """
    ordered = sorted(matches, key=lambda m: (m.start - m.end, _PRIORITY[m.source], m.start))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[NameMatch] = []
    for match in ordered:
        start, end = match.start, match.end
        if start == end:
            at = bisect_right(starts, start)
        else:
            at = bisect_right(ends, start)
            if at < len(starts) and starts[at] < end:
                continue
        starts.insert(at, start)
        ends.insert(at, end)
        kept.insert(at, match)
    return kept


def _relabel(text: str, match: NameMatch) -> NameMatch:
    """Relabel a model name by the noun that follows it, if any; any name followed by
    "metric" is a metric ("the CLIP-IQA-Real metric")."""
    if match.label not in (MODEL, BENCHMARK):
        return match
    noun = _match_kind_noun(text, match.end)
    if noun is None or (match.label == BENCHMARK and not noun.group("metric")):
        return match
    label = METRIC if noun.group("metric") else BENCHMARK
    if label == match.label:
        return match
    return NameMatch(match.start, match.end, label, match.key, match.source)


# Family words of versioned models that are also plain words ("text-2", "zero-1").
_COMMON_FAMILY_WORDS = frozenset(
    [
        "audio",
        "code",
        "deep",
        "depth",
        "gen",
        "med",
        "meta",
        "one",
        "owl",
        "playground",
        "seed",
        "segment",
        "stable",
        "text",
        "unified",
        "wide",
        "zero",
    ]
)
_match_versioned_family = regex.compile(r"(\p{L}{3,})[-\s](?:\p{L}+[-\s])*\p{L}?\d").match


def _versioned_families(entries: Iterable[Entry]) -> frozenset[str]:
    """Lower-case family words of the listed versioned models ("gpt" of "GPT-4", "kimi" of
    "Kimi K2"), for names written in lower case ("gpt-5.3-codex")."""
    families = (_match_versioned_family(e.pattern) for e in entries)
    return frozenset(
        word for m in families if m and (word := m.group(1).lower()) not in _COMMON_FAMILY_WORDS
    )


def _names_a_kind(text: str, match: NameMatch) -> bool:
    """Whether the name is glued to a kind suffix ("YOLO-based", "BERT-style")."""
    if text.startswith("-", match.end):
        return bool(_match_kind_suffix(text, match.end))
    return text.endswith(_KIND_ENDINGS, match.start, match.end)


# An acronym between a quantity or kind word and a plural data noun names a kind of data,
# not one dataset: "across multiple I2V datasets", "multinational CXR datasets", "original
# VQA benchmarks" (a task or modality: many datasets share it). A count is no such word:
# "128 UCR datasets" are the parts of one named archive.
_acronym_shape = regex.compile(r"\p{Lu}[\p{Lu}\d]{1,4}").fullmatch
_match_plural_data_noun = regex.compile(r"\s(?:datasets|benchmarks|corpora|data\ssets)\b").match
_search_quantity_word = regex.compile(
    r"(?:^|\s)(?:multiple|several|various|many|numerous|some|other|additional|original|"
    r"existing|diverse|different|multinational|multi-center|multicenter)\s(?:\p{Ll}+\s)?\Z"
).search


def _names_a_data_kind(text: str, match: NameMatch) -> bool:
    """Whether a benchmark acronym stands for a kind of data ("multiple I2V datasets")."""
    return bool(
        _match_plural_data_noun(text, match.end)
        and _acronym_shape(text, match.start, match.end)
        and _search_quantity_word(text, max(0, match.start - 40), match.start)
    )


def _spells_out_a_kind(long: str) -> bool:
    """Whether an acronym's long form is a common noun phrase, in lower case but perhaps
    its first word: "electrocardiogram (ECG)", "Hyperspectral image (HSI)", "whole slide
    image (WSI)" name a kind of data, not one dataset ("Long Range Arena (LRA)" is a name)."""
    return sum(w[:1].isupper() for w in long.split()) < 2


def _is_found_benchmark(text: str, match: NameMatch, short: str) -> bool:
    """Whether ``match`` is a benchmark the patterns (not the curated lists) found, spelled
    ``short``."""
    return (
        match.label == BENCHMARK
        and match.source == "pattern"
        and text[match.start : match.end] == short
    )


# What stands before an acronym that is one named dataset of several: a count of its parts
# ("128 UCR datasets") or a list ("VQA and GQA datasets").
_search_count_or_list_before = regex.compile(r"(?:\d\s|\band\s|\bor\s|,\s|/)\Z").search
_match_list_after = regex.compile(r"\s*(?:,|and\b|or\b|/)").match


_match_singular_data_noun = regex.compile(r"\s(?:dataset|benchmark|corpus)\b").match
_search_indefinite_before = regex.compile(r"\b(?:a|an)\s(?:[\p{Ll}\-]+\s){0,3}\Z").search


def _found_a_data_kind(text: str, match: NameMatch) -> bool:
    """Whether an acronym the patterns took for a benchmark is the kind of data many datasets
    hold, before a plural data noun: "pre-training on large ECG datasets", "on 3D MOT
    benchmarks" (not a count's archive, "128 UCR datasets", nor a list, "VQA and GQA
    datasets")."""
    if (
        match.source == "pattern"
        and _acronym_shape(text, match.start, match.end)
        and _match_singular_data_noun(text, match.end)
        and _search_indefinite_before(text, max(0, match.start - 40), match.start)
    ):
        return True  # "a terrestrial LiDAR dataset": a dataset of that kind
    return bool(
        match.source == "pattern"
        and _match_plural_data_noun(text, match.end)
        and _acronym_shape(text, match.start, match.end)
        and not _search_count_or_list_before(text, max(0, match.start - 4), match.start)
        and not _match_list_after(text, match.end)
    )


def _inside_long_form(match: NameMatch, a: Abbreviation) -> bool:
    """Whether a model name is a word inside an acronym's long form of three words or more,
    after its first word: "Mamba" in "Multi-scale Mamba Module (MSMM)" names what the
    paper's module is built on, not a model of its own."""
    return (
        match.label == MODEL
        and a.long_start < match.start
        and match.end <= a.long_end
        and (match.start, match.end) != (a.long_start, a.long_end)
    )


_search_word_before_paren = regex.compile(r"(?<![\w\-])(?P<short>[\p{L}\p{N}\-]+)\s\(\Z").search


def _inside_spelled_out_name(text: str, match: NameMatch) -> bool:
    """Whether a model name is a word inside the long form that a name spells out in the
    parentheses after it: "Mamba" and "UNet" in "DB-MSMUNet (Dual-Branch Multi-scale Mamba
    UNet)", "TRansformer" in "Le-DETR (Low-cost and Efficient DEtection TRansformer)" spell
    the name, they are no models of their own. A name that opens the parentheses stays
    ("ViT-B (Vision Transformer Base)")."""
    opening = text.rfind("(", max(0, match.start - 80), match.start)
    if opening < 0 or opening + 1 == match.start or ")" in text[opening : match.start]:
        return False
    closing = text.find(")", match.end, match.end + 80)
    if closing < 0 or "(" in text[match.end : closing]:
        return False
    long = text[opening + 1 : closing]
    word = _search_word_before_paren(text, max(0, opening - 40), opening + 1)
    if long.count(" ") < 2 or word is None:
        return False
    capitals = "".join(c for c in word.group("short") if c.isupper() or c.isdigit())
    return len(capitals) >= 2 and best_long_form(capitals, long) == 0


_is_year = regex.compile(r"(?:19|20)\d\d").fullmatch


# A numbered track or task in brackets right after a benchmark: "the ASVspoof5 Challenge
# (Track 1)", "DCASE 2023 (Task 4)".
_match_bracketed_track = regex.compile(r" \((?:Track|Task)\s?\d{1,2}[A-Za-z]?\)").match


def _with_bracketed_track(text: str, match: NameMatch) -> NameMatch:
    """A benchmark grown over its numbered track in brackets (GUIDELINES, benchmark
    extents: a named split or track is part of the name)."""
    track = _match_bracketed_track(text, match.end) if match.label == BENCHMARK else None
    if track is None:
        return match
    name = text[match.start : track.end()]
    return NameMatch(match.start, track.end(), BENCHMARK, name_key(name), match.source)


# A year after a benchmark found by its shape or context: "PRECISE 2025", "SemEval-2024".
_match_year_after = regex.compile(r"[\s\-](?:19|20)\d\d(?![\w\-%])").match


def _grown_pattern_benchmark(text: str, match: NameMatch) -> NameMatch:
    """A benchmark found by a pattern, grown as listed ones are over its edition year
    (GUIDELINES, benchmark extents: a version is part of the name): "PRECISE 2025",
    "ZorpEval-2024". (Growing it over a split or resolution too cost held-out numbers.)"""
    if match.label != BENCHMARK or match.source != "pattern":
        return match
    year = _match_year_after(text, match.end)
    if year is None or _match_number_with_unit(text, match.end):
        return match
    end = year.end()
    return NameMatch(match.start, end, BENCHMARK, name_key(text[match.start : end]), "pattern")


def _dataset_list_spans(text: str, joined: bool = False) -> Iterator[tuple[int, int]]:
    """Where the items of a list of datasets written after its plural noun stand ("on
    three datasets: TotalSegmentator, SegTHOR and AMOS22"); ``joined``: only those of a
    list of two or more ("datasets (GCN with RMSE of ...)" lists nothing)."""
    for cue in _finditer_dataset_list_cue(text):
        pos, first = cue.end(), True
        while item := _match_dataset_item(text, pos):
            if not any(ch.isalpha() for ch in item.group("name")):
                break  # "datasets (3.6 hours, ...)": a count, not a list of names
            if not joined or not first or item.group("sep"):
                yield item.span("name")
            if not item.group("sep"):
                break
            pos, first = item.end("sep"), False


def _models_listed_as_data(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """A listed model named as an item of a list of datasets is that dataset: "on three
    datasets: TotalSegmentator, SegTHOR and AMOS22" (TotalSegmentator is also a model)."""
    items = set(_dataset_list_spans(text, joined=True))
    if not items:
        return matches
    return [
        NameMatch(m.start, m.end, BENCHMARK, m.key, m.source)
        if m.label == MODEL and (m.start, m.end) in items
        else m
        for m in matches
    ]


# A score right before "on": "35.3% on ", "77.1 on the ".
_search_score_on_before = regex.compile(
    r"\d(?:[\d.,]*\d)?\s?(?:%|points?)?\son\s(?:the\s)?\Z"
).search


def _may_follow_on(text: str, start: int) -> bool:
    """A quick test that ``_search_score_on_before`` may match before ``start``: "on" and
    one character, maybe "the" and one more, stand right before it."""
    return (start >= 3 and text[start - 3 : start - 1] == "on") or (
        start >= 7 and text[start - 7 : start - 5] == "on"
    )


def _models_scored_on(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """A listed model a score is reported on among benchmarks scored the same way is a
    benchmark there: "50.0% on AIME24, 77.1% on AMC, 35.3% on Minerva" (Minerva Math)."""
    scored = [
        i
        for i, m in enumerate(matches)
        if m.label in (MODEL, BENCHMARK)
        and _may_follow_on(text, m.start)
        and _search_score_on_before(text, max(0, m.start - 16), m.start)
    ]
    relabelled = list(matches)
    for i in scored:
        m = matches[i]
        if m.label == MODEL and any(
            matches[j].label == BENCHMARK and abs(matches[j].start - m.start) <= 80
            for j in scored
            if j != i
        ):
            relabelled[i] = NameMatch(m.start, m.end, BENCHMARK, m.key, m.source)
    return relabelled


# Organisations that publish datasets under their name, written before it as part of it:
# "NASA CMAPSS", "ISPRS Vaihingen", "UCI Adult" (data/dataset_publishers.txt).
_PUBLISHERS = load_word_list("dataset_publishers")
_search_publisher_before = regex.compile(r"(?<![\w\-])(?P<publisher>\p{Lu}{2,6})\s\Z").search


def _may_follow_capitals(text: str, start: int) -> bool:
    """A quick test that ``_search_publisher_before`` may match before ``start``: a
    capital and one character stand right before it (outside ASCII, the pattern's
    Unicode tables may know capitals ``str.isupper`` does not: the search decides)."""
    if start < 3:
        return False
    before = text[start - 2]
    return before.isupper() or not before.isascii()


def _with_publisher(text: str, match: NameMatch) -> NameMatch:
    """A benchmark grown over the organisation that publishes it, written right before it
    ("NASA CMAPSS", "ISPRS Vaihingen")."""
    if match.label != BENCHMARK or not _may_follow_capitals(text, match.start):
        return match
    found = _search_publisher_before(text, max(0, match.start - 8), match.start)
    if found is None or found.group("publisher") not in _PUBLISHERS:
        return match
    start = found.start("publisher")
    return NameMatch(start, match.end, BENCHMARK, name_key(text[start : match.end]), match.source)


def _grown_over_publishers(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """Each benchmark grown over its publisher (:func:`_with_publisher`); the publisher
    found alone as a name of its own is then part of the grown one ("On UCSD Ped2, ..."
    lists "UCSD Ped2", not also "UCSD")."""
    grown = [_with_publisher(text, m) for m in matches]
    publishers = {
        (g.start, m.start) for g, m in zip(grown, matches, strict=True) if g.start != m.start
    }
    if not publishers:
        return grown
    return [
        g
        for g in grown
        if not (
            g.label == BENCHMARK
            and any(start == g.start and g.end < name_start for start, name_start in publishers)
        )
    ]


# Short variants of a benchmark written after it with slashes: "VoxCeleb1-O/E/H",
# "TREC-DL19/20" (one or two capitals or digits each; "COCO/LVIS" are two benchmarks).
_match_slashed_variants = regex.compile(r"(?:/[\p{Lu}\d]{1,2})+(?![\w\-/])").match


def _grown_benchmark(
    text: str, match: NameMatch, lead: str, grow: Callable[[str, int], Any]
) -> NameMatch:
    """A benchmark grown over what ``grow`` matches right after it (starting with
    ``lead``); any other name, or nothing to grow over, as it was."""
    if match.label != BENCHMARK or not text.startswith(lead, match.end):
        return match
    grown = grow(text, match.end)
    if grown is None:
        return match
    end = grown.end()
    return NameMatch(match.start, end, BENCHMARK, name_key(text[match.start : end]), match.source)


def _with_slashed_variants(text: str, match: NameMatch) -> NameMatch:
    """A benchmark written with its short variants after slashes is one name, as written
    ("VoxCeleb1-O/E/H": the text reports on the three trial lists together)."""
    return _grown_benchmark(text, match, "/", _match_slashed_variants)


# The plus signs of a benchmark's variant, glued to its name: "RefCOCO+", "ScanNet++",
# "NLU++" (not a sum: "COCO+LVIS" joins two names).
_match_plus_variant = regex.compile(r"\+{1,2}(?![\w+\-])").match


def _with_plus_variant(text: str, match: NameMatch) -> NameMatch:
    """A benchmark written with the plus signs of its variant is that variant ("NLU++",
    "RefCOCO+"), not the base name."""
    return _grown_benchmark(text, match, "+", _match_plus_variant)


def _join_dashed_benchmarks(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """Two benchmarks joined by an en dash with no space are one ("Occ3D–nuScenes": the
    Occ3D labels of nuScenes), as the hyphenated spelling is."""
    joined: list[NameMatch] = []
    for m in matches:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label == BENCHMARK
            and m.label == BENCHMARK
            and text[last.end : m.start] == "\u2013"
        ):
            name = text[last.start : m.end]
            joined[-1] = NameMatch(last.start, m.end, BENCHMARK, name_key(name), "pattern")
            continue
        joined.append(m)
    return joined


def _past_score_aside(text: str, end: int) -> int:
    """Where a name's list goes on: past a score in brackets right after it ("WHUCD
    (92.05%), ..."), else its end."""
    aside = _match_score_aside(text, end) if text.startswith(" (", end) else None
    return aside.end() if aside else end


def _beside(text: str, match: NameMatch) -> bool:
    """Whether a list separator stands right after or before ``match`` ("X, Y", "Y and X"),
    perhaps past a score in brackets ("X (92.1%), Y", "Y (64.0%) and X")."""
    return text.startswith(_SEPARATORS_AFTER, _past_score_aside(text, match.end)) or text.endswith(
        _SEPARATORS_BEFORE, 0, match.start
    )


def _is_closed_list(text: str, known: NameMatch, start: int, end: int) -> bool:
    """Whether two names joined by a separator are a list: "X and Y", "X, Y and Z",
    "(e.g., X, Y)", "X (92.1%), Y (64.0%) and Z"; a comma alone ends a phrase ("On ADE20K,
    SwiftSeg-B achieves")."""
    first_end, second_start, second_end = (
        (known.end, start, end) if start >= known.end else (end, known.start, known.end)
    )
    if _search_and_or(text, first_end, second_start):
        return True
    return text.startswith((",", " and ", " or ", ")"), _past_score_aside(text, second_end))


# A named test split glued to a model's name makes it that model's test set: "Seed-TTS
# test-zh", "FooTTS eval-hard" (not the plain "GPT-4 test" or "evaluation").
_match_glued_split = regex.compile(r"\s(?:test|eval)[-_](?:\p{L}{2,5}|\d+)(?![\w\-])").match

# Generic nouns a family's bare name modifies when the text means a part or a kind of it
# ("distinct ViT components", "for ViT optimization").
_ATTRIBUTIVE_NOUNS = frozenset(
    [
        "architecture",
        "architectures",
        "backbone",
        "backbones",
        "block",
        "blocks",
        "component",
        "components",
        "decoder",
        "decoders",
        "encoder",
        "encoders",
        "families",
        "family",
        "features",
        "layer",
        "layers",
        "module",
        "modules",
        "optimization",
        "series",
        "variant",
        "variants",
    ]
)
_match_next_word = regex.compile(r" (\p{Ll}+)\b").match


def _drop_attributive_families(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """Drop a bare family's mention used as a modifier ("ViT components") where the text
    names one of its variants ("ViT-B/16"): the variant is the model meant."""
    modifiers = [
        m
        for m in matches
        if m.label == MODEL
        and (word := _match_next_word(text, m.end))
        and word.group(1) in _ATTRIBUTIVE_NOUNS
    ]
    if not modifiers:
        return matches
    models = [text[m.start : m.end] for m in matches if m.label == MODEL]
    dropped = [
        m
        for m in modifiers
        if any(
            len(o) > m.end - m.start
            and o.startswith(text[m.start : m.end])
            and o[m.end - m.start] in "- /"
            for o in models
        )
    ]
    return [m for m in matches if m not in dropped] if dropped else matches


# A benchmark name that ends in an image resolution, "FFHQ 64×64", or in a numbered task or
# track, "DCASE2017 Task 4" (group "bare": "FFHQ", "DCASE2017").
_match_name_at_resolution = regex.compile(
    r"(?P<bare>.+?)\s(?:\d{2,4}\s?[x×]\s?\d{2,4}|(?:Task|Track)\s?\d+[A-Za-z]?(?:\s\S+)*)"
).fullmatch


def _drop_bare_with_resolution(text: str, matches: list[NameMatch]) -> list[NameMatch]:
    """A benchmark named once with its resolution ("FFHQ 64×64") or its numbered task
    ("DCASE2017 Task 4") is that setting wherever the text names it bare ("across CIFAR-10,
    FFHQ and ImageNet", "by 4.9% on DCASE2017"): the bare mentions are dropped, so the
    benchmark is listed once, with its extent. With two resolutions or tasks ("ImageNet
    256x256 and 512x512") the bare name stays: it may mean either."""
    resolutions: dict[str, set[str]] = {}
    for m in matches:
        if m.label == BENCHMARK and (found := _match_name_at_resolution(text, m.start, m.end)):
            resolutions.setdefault(name_key(found.group("bare")), set()).add(m.key)
    bare = {key for key, variants in resolutions.items() if len(variants) == 1}
    if not bare:
        return matches
    return [
        m for m in matches if not (m.label == BENCHMARK and name_key(text[m.start : m.end]) in bare)
    ]


_search_and_or = regex.compile(r"\b(?:and|or)\b").search
# A footnote mark glued to a name that ends a sentence: "on COCO.1 Results ...".
_search_footnote = regex.compile(r"(?<=\p{L})\.\d{1,2}\Z").search
_match_sentence_next = regex.compile(r"\s+\p{Lu}|\s*\Z").match


def _without_footnote(text: str, match: NameMatch) -> NameMatch:
    """The name without a footnote mark glued after its full stop ("COCO.1 Results")."""
    mark = _search_footnote(text, match.start, match.end)
    if mark is None or not _match_sentence_next(text, match.end):
        return match
    end = mark.start()
    return NameMatch(match.start, end, match.label, name_key(text[match.start : end]), match.source)


_SEPARATORS_AFTER = (",", " and ", " or ")
_SEPARATORS_BEFORE = (", ", ",", " and ", " or ")


_search_count_before = regex.compile(r"(?<![\w.,])\d+\s\Z").search
# A name that acts (improves, achieves, outperforms ...) is a method there, not data.
_match_acts_after = regex.compile(
    rf"\s+(?:\p{{Ll}}+ly\s+)?{alternation(phrases('acting_verb'))}\b"
).match


def _repeated_benchmarks(
    text: str, matches: list[NameMatch], abbreviations: Sequence[Abbreviation] = ()
) -> list[NameMatch]:
    """Later spellings of a benchmark found once are mentions of it too: "on the BUSI,
    BRISC and FLARE22 datasets ... Dice of 0.89 (BUSI) and 0.88 (BRISC)" (names of three
    characters or more with a capital or a digit past the first, spelled exactly so, on
    their own; one scan per name found, never per number). Not an acronym the text spells
    out as something else than a benchmark: "Speech Emotion Recognition (SER)" is a task.

    A name counted as a kind ("13 NER benchmarks") is not repeated, nor is a mention that
    acts ("ReBot improves Octo": a method there).

    >>> found = [NameMatch(4, 8, BENCHMARK, "busi", "pattern")]
    >>> [(m.start, m.end) for m in _repeated_benchmarks("The BUSI set; BUSI, xBUSI", found)]
    [(14, 18)]
    >>> ner = [NameMatch(10, 13, BENCHMARK, "ner", "pattern")]
    >>> _repeated_benchmarks("Across 13 NER benchmarks; NER again.", ner)
    []
    >>> text = "We build ReBot, a set. ReBot improves Octo; ReBot."
    >>> rebot = [NameMatch(9, 14, BENCHMARK, "rebot", "pattern")]
    >>> [m.start for m in _repeated_benchmarks(text, rebot)]
    [44]
    >>> sub = Abbreviation(0, 26, 28, 31, "Speech Emotion Recognition", "SER")
    >>> text = "Speech Emotion Recognition (SER) data; SER."
    >>> _repeated_benchmarks(text, [NameMatch(28, 31, BENCHMARK, "ser", "pattern")], [sub])
    []
    """
    benchmark_spans = {(m.start, m.end) for m in matches if m.label == BENCHMARK}
    spelled_out = {
        a.short for a in abbreviations if (a.long_start, a.long_end) not in benchmark_spans
    }
    seen: dict[str, NameMatch] = {}
    kinds = set()  # "across 13 NER benchmarks": a kind of data, not one set
    for m in matches:
        if m.label == BENCHMARK:
            spelled = text[m.start : m.end]
            if _match_plural_data_noun(text, m.end) and (
                _search_count_before(text, max(0, m.start - 12), m.start)
                or _search_quantity_word(text, max(0, m.start - 40), m.start)
            ):
                kinds.add(spelled)
            elif (
                len(spelled) >= 3
                and any(ch.isupper() or ch.isdigit() for ch in spelled[1:])
                and spelled not in spelled_out
            ):
                seen.setdefault(spelled, m)
    for spelled in kinds:
        seen.pop(spelled, None)
    if not seen:
        return []
    taken = Intervals((m.start, m.end) for m in matches)
    extra = []
    for spelled, m in seen.items():
        for start, end in whole_word_spans(text, spelled):
            if not taken.overlaps(start, end) and not _match_acts_after(text, end):
                extra.append(NameMatch(start, end, BENCHMARK, m.key, m.source))
                taken.add(start, end)
    return extra


class NameFinder:
    """spaCy component: find names of models, benchmarks and metrics.

    spans (bool): Also store token spans in ``doc.spans`` (for displaCy and other spaCy
        code); the record builder reads ``doc._.paper_names`` and does not need them.
    registry (bool | str | Path): Also match the registry lexicon (``True``: the package's
        ``lexicon/data/registry``; a path: the registry files in that folder).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "paper_names",
        *,
        spans: bool = True,
        registry: bool | str | Path = True,
    ) -> None:
        self.name = name
        self.spans = spans
        self.models = load_gazetteer("models")
        self.benchmarks = load_gazetteer("benchmarks")
        self.metrics = load_gazetteer("metrics")
        self.not_names = load_word_list("not_names")
        # A listed model's spellings in lower case, by entry: "graph convolutional network
        # (GCN)" defines the listed GCN, not something else called GCN.
        self._model_ids = {e.pattern.lower(): e.id for e in self.models.entries}
        self._families = _versioned_families(self.models.entries)
        # The curated lists and the registry, matched on token hashes: names as written
        # (models, benchmarks, metric acronyms such as "mAP" but not "map"), and in any
        # case the metric words ("Accuracy") and the names with a digit, which no English
        # word spells ("gpt-4", "llama-2-7b", "gsm8k"). Built once, cached on disk.
        self._lexicon = _load_lexicon(
            nlp,
            (self.models, self.benchmarks, self.metrics),
            self.not_names,
            registry_dir() if registry is True else Path(registry) if registry else None,
        )
        # The learned typer of unknown name-shaped spans (EXTRACTOR_NAME_TYPER; None: off).
        self.typer = name_typer.from_environment()
        if not Doc.has_extension("paper_names"):
            Doc.set_extension("paper_names", default=None)

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        self.set_annotations(doc, matches)
        return doc

    def match(self, doc: Doc) -> list[NameMatch]:
        """All name matches in ``doc``, overlaps resolved."""
        text = doc_text(doc)
        found = self._listed(doc)
        found += self._patterns(text)
        found += self._after_numbers(text, payload(doc, "paper_quantities") or [])
        found += self._introduced_data(text)
        found += self._evaluated_on(text)
        found = [_relabel(text, m) for m in found if text[m.start : m.end] not in self.not_names]
        found = [glued for m in found if (glued := _unglue(text, m)) is not None]
        resolved = _resolve_overlaps(found)
        resolved = [
            m
            for m in resolved
            if not (
                (
                    _names_a_kind(text, m)
                    or _inside_spelled_out_name(text, m)
                    # "(inspired by DiffusionDrive)": an idea borrowed, not a model run
                    or text.endswith("inspired by ", 0, m.start)
                )
                if m.label == MODEL
                else m.label == BENCHMARK
                and (_names_a_data_kind(text, m) or _found_a_data_kind(text, m))
            )
        ]
        resolved = self._defined_acronyms(doc, resolved)
        resolved = self._coordinated(text, resolved)
        resolved = _drop_attributive_families(text, resolved)
        resolved = _drop_bare_with_resolution(text, resolved)
        if "\u2013" in text:
            resolved = _join_dashed_benchmarks(text, resolved)
        if " (Track" in text or " (Task" in text:
            resolved = [_with_bracketed_track(text, m) for m in resolved]
        resolved = [_grown_pattern_benchmark(text, m) for m in resolved]
        resolved = _grown_over_publishers(text, resolved)
        if "/" in text:
            resolved = [_with_slashed_variants(text, m) for m in resolved]
        if "+" in text:
            resolved = [_with_plus_variant(text, m) for m in resolved]
        if "datasets" in text or "benchmarks" in text or "corpora" in text:
            resolved = _models_listed_as_data(text, resolved)
        if " on " in text:
            resolved = _models_scored_on(text, resolved)
        if " baseline" in text:  # "over an IsaacSim baseline": a compared setting, not data
            resolved = [
                m
                for m in resolved
                if not (m.label == BENCHMARK and text.startswith(" baseline", m.end))
            ]
        extra = self._acronym_mentions(doc, resolved)
        extra += self._spelled_out_names(doc, resolved)
        extra += _repeated_benchmarks(
            text, resolved + extra, payload(doc, "paper_abbreviations") or []
        )
        merged = _merge_metric_compounds(text, sorted(resolved + extra, key=lambda m: m.start))
        if "." in text:  # a name ending in a digit may carry a footnote mark (plain test)
            merged = [
                _without_footnote(text, m) if text[m.end - 1 : m.end].isdigit() else m
                for m in merged
            ]
        links = payload(doc, "paper_links")
        if links:  # "github.com/x/ZetaNet" names a repository, not a model
            merged = [
                m for m in merged if not any(x.start < m.end and m.start < x.end for x in links)
            ]
        if self.typer is not None:
            merged = self._typed(doc, text, merged, self.typer)
        return merged

    def _typed(
        self, doc: Doc, text: str, found: list[NameMatch], typer: name_typer.Typer
    ) -> list[NameMatch]:
        """``found`` and the unknown name-shaped spans the learned typer calls a benchmark
        or a model (source "typed"), in text order."""
        abbreviations: list[Abbreviation] = payload(doc, "paper_abbreviations") or []
        shorts = {a.short: a.long for a in abbreviations}
        keys = {m.key for m in found}
        known = chain(self.not_names, (text[m.start : m.end] for m in found))
        spans = [(m.start, m.end, m.label) for m in found]
        typed = [
            NameMatch(start, end, label, key, name_typer.SOURCE)
            for start, end, label in name_typer.type_names(
                typer, text, spans, shorts, known, payload(doc, "paper_title")
            )
            if (key := name_key(text[start:end])) not in keys
        ]
        if not typed:
            return found
        return sorted(found + typed, key=lambda m: m.start)

    def _coordinated(self, text: str, matches: list[NameMatch]) -> list[NameMatch]:
        """Coined names listed with a known model or benchmark are of its kind: "than
        BRIDGER and DDIM", "(e.g., Contriever, ReasonIR)", "gpt-4o, kimi-2.5 and o3"."""
        queue = [m for m in matches if m.label in (MODEL, BENCHMARK) and _beside(text, m)]
        if not queue:
            return matches
        found = list(matches)
        taken = Intervals((m.start, m.end) for m in matches)
        while queue:
            known = queue.pop()
            for near in self._listed_beside(text, known):
                start, end = near.span("name")
                name = near.group("name")
                shape = name.split(" ", 1)[0]  # "NovaSpeech 3": the shape of "NovaSpeech"
                if (
                    not (
                        (_is_model_shape if known.label == MODEL else _is_name_shape)(shape)
                        or _is_lower_versioned(name)
                    )
                    or name in self.not_names
                    or self.metrics.has_pattern(name)
                    or self.metrics.has_pattern(name.lower())
                    or taken.overlaps(start, end)
                    or not _is_closed_list(text, known, start, end)
                ):
                    continue
                new = NameMatch(start, end, known.label, name_key(name), "pattern")
                found.append(new)
                taken.add(start, end)
                queue.append(new)
        return sorted(found, key=lambda m: m.start) if len(found) > len(matches) else matches

    @staticmethod
    def _listed_beside(text: str, known: NameMatch) -> Iterator[regex.Match[str]]:
        """The names listed right after and right before ``known`` ("X, Y and Z")."""
        past = _past_score_aside(text, known.end)
        if text.startswith(_SEPARATORS_AFTER, past):
            after = _match_coordinated_after(text, past)
            if after:
                yield after
        if text.endswith(_SEPARATORS_BEFORE, 0, known.start):
            before = _search_coordinated_before(text, max(0, known.start - 60), known.start)
            if before:
                yield before

    def _lower_challenges(self, text: str) -> Iterator[NameMatch]:
        """Challenges named by a coined word before a lower-case "challenge": "in the PUMA
        challenge", "the Mobile AI 2026 challenge" (capitalised words and a year); not "the
        LLM challenge" (a name of another kind) nor "the Robust Vision challenge" (no coined
        word)."""
        for m in _finditer_lower_challenge(text):
            words = m.group("words").split()
            coined = any(_is_name_shape(w) for w in words) or (
                len(words) > 1 and _is_year(words[-1])
            )
            if not coined or self._is_known_name(" ".join(words)):
                continue
            yield NameMatch(m.start(), m.end(), BENCHMARK, name_key(m.group()), "pattern")

    def _dataset_list_items(self, text: str) -> Iterator[NameMatch]:
        """The datasets a text lists after their plural noun ("on four datasets: Adult-Income,
        Higgs-100k, and Wine-Quality"); names of other kinds are left to their lists."""
        for start, end in _dataset_list_spans(text):
            name = text[start:end]
            if not (self.models.has_pattern(name) or self.metrics.has_pattern(name)):
                yield NameMatch(start, end, BENCHMARK, name_key(name), "pattern")

    def _is_known_name(self, name: str) -> bool:
        """A name the lists or the stop list already know (of any kind)."""
        return (
            name in self.not_names
            or self.models.has_pattern(name)
            or self.benchmarks.has_pattern(name)
            or self.metrics.has_pattern(name)
            or self.metrics.has_pattern(name.lower())
        )

    def set_annotations(self, doc: Doc, matches: list[NameMatch]) -> None:
        set_payload(doc, "paper_names", matches)
        if self.spans:
            for label, key in SPANS_KEYS.items():
                set_spans(doc, key, [m.as_char_match() for m in matches if m.label == label])

    def _listed(self, doc: Doc) -> list[NameMatch]:
        """List matches, grown over versions and sizes the list does not spell out.

        A model's tail never runs into another list's match ("CLIP" + "-IQA" is the
        metric "CLIP-IQA", not a model "CLIP-IQA").
        """
        text = doc_text(doc)
        lexicon = self._lexicon
        raw: list[tuple[str, str, int, int]] = []
        common = []  # the names that are also ordinary words ("Atlas"), by index in raw
        for index, start, end in lexicon.find(doc):
            label, key, is_common = lexicon.name(index)
            last = doc[end - 1]
            if is_common:
                common.append(len(raw))
            raw.append((label, key, doc[start].idx, last.idx + len(last)))
        cued = (
            _cued(text, raw, common, _reported_on_starts(text, payload(doc, "paper_quantities")))
            if common
            else None
        )
        # The spans a tail must not run into, built on the first tail that needs them.
        others: list[tuple[int, int]] | None = None
        model_spans: list[tuple[int, int]] | None = None
        found = []
        for i, (label, key, begin, stop) in enumerate(raw):
            if label == METRIC:  # metrics grow only by a short variant: "CHAIR-i", "MCD-SL"
                if cued is None or cued.get(i, True):
                    variant = _match_metric_variant(text, stop)
                    if variant:
                        stop, key = variant.end(), name_key(text[begin : variant.end()])
                    found.append(NameMatch(begin, stop, label, key, "list"))
                continue
            end = stop
            if label == MODEL:
                tail = _match_model_tail(text, stop)
                if tail:
                    grown = stop + len(tail.group().rstrip())
                    if others is None:
                        others = [(b, e) for lab, _, b, e in raw if lab != MODEL]
                    if not any(s < grown and stop < e for s, e in others):
                        end = grown
                split = (  # "Seed-TTS test-en" is a test set
                    _match_glued_split(text, end)
                    if text.startswith((" test", " eval"), end)
                    else None
                )
                if split:
                    label, end = BENCHMARK, split.end()
            elif label == BENCHMARK:
                # "FFHQ 64×64": a resolution, not the version "64" and a stray "×64".
                tail = (
                    None
                    if text.startswith(" ", stop) and _match_benchmark_resolution(text, stop)
                    else _match_benchmark_tail(text, stop)
                )
                if tail and not _match_number_with_unit(text, stop):
                    if model_spans is None:
                        model_spans = [(b, e) for lab, _, b, e in raw if lab == MODEL]
                    # "FLAN-T5" is a model, not the benchmark FLAN grown
                    if not any(s < tail.end() and stop < e for s, e in model_spans):
                        end = tail.end()
                split = _match_benchmark_split(text, end)  # "LibriSpeech test-clean"
                if split:
                    end = split.end()
                elif (acronym := _match_benchmark_acronym(text, end)) is not None:
                    if others is None:
                        others = [(b, e) for lab, _, b, e in raw if lab != MODEL]
                    if model_spans is None:
                        model_spans = [(b, e) for lab, _, b, e in raw if lab == MODEL]
                    # "ASVspoof2021 DF", "TCGA LGG", "TREC CAsT" (not "COCO AP": a metric)
                    if not any(s < acronym.end() and end < e for s, e in (*others, *model_spans)):
                        end = acronym.end()
                pair = _match_language_pair(text, end)  # "WMT 24 English-Chinese"
                if pair:
                    end = pair.end()
                resolution = _match_benchmark_resolution(text, end)  # "ImageNet 256x256"
                if resolution:
                    end = resolution.end()
            if (
                cued is not None
                and not cued.get(i, True)
                and not (end != stop and _has_digit(text, stop, end))
            ):
                continue  # an ordinary word ("Atlas") with no version, noun or list around
            if end != stop:  # grown: "SAM" + " 2" is the listed "SAM 2", else a new name
                listed = self._model_ids.get(text[begin:end].lower()) if label == MODEL else None
                key = "=" + listed if listed else name_key(text[begin:end])
            found.append(NameMatch(begin, end, label, key, "list"))
        return found

    def _patterns(self, text: str) -> Iterator[NameMatch]:
        for size in _finditer_size(text):
            name = _search_name_before_size(text, max(0, size.start() - 61), size.start() - 1)
            suffixes = _match_size_suffixes(text, size.end())
            if name and suffixes:
                start, end = name.start(), suffixes.end()
                yield NameMatch(start, end, MODEL, name_key(text[start:end]), "pattern")
        # The other patterns scan every capitalised word; plain substring tests skip them
        # where they cannot match.
        if "-Instruct" in text or "-Chat" in text:
            for m in _finditer_tuned_model(text):
                yield NameMatch(m.start(), m.end(), MODEL, name_key(m.group()), "pattern")
        if "/" in text:
            for m in _finditer_slash_versions(text):
                if self.models.has_pattern(m.group("base")):
                    yield NameMatch(m.start(), m.end(), MODEL, name_key(m.group()), "pattern")
        if _has_version(text):
            for m in _finditer_versioned(text):
                base = _sub_version("", m.group()).rstrip("-")
                label = (
                    BENCHMARK
                    if self.benchmarks.has_pattern(base) or _finditer_benchmark_shape_one(base)
                    else MODEL
                )
                yield NameMatch(m.start(), m.end(), label, name_key(m.group()), "pattern")
        for m in _finditer_benchmark_shape(text):
            yield NameMatch(m.start(), m.end(), BENCHMARK, name_key(m.group()), "pattern")
        if any(noun in text for noun in ("Benchmark", "Dataset", "Corpus", "Challenge")):
            for m in _finditer_titled_benchmark(text):
                yield NameMatch(m.start(), m.end(), BENCHMARK, name_key(m.group()), "pattern")
        if " challenge" in text:
            yield from self._lower_challenges(text)
        for noun_start in _dataset_noun_starts(text):
            word = _search_word_before(text, max(0, noun_start - 61), noun_start - 1)
            if word is None and text[noun_start - 2].isdigit():  # "the FooNER 2.0 benchmark"
                versioned = _search_versioned_word_before(
                    text, max(0, noun_start - 61), noun_start - 1
                )
                if versioned and _is_name_shape(versioned.group("name")):
                    word = versioned
            if (
                word
                and not self.models.has_pattern(word.group())
                and (
                    _is_name_shape(word.group())
                    or _match_the_proper_name(text, max(0, word.start() - 5), noun_start)
                )
            ):
                yield NameMatch(
                    word.start(), word.end(), BENCHMARK, name_key(word.group()), "pattern"
                )
            titled = _search_titled_run_before(text, max(0, noun_start - 80), noun_start)
            if titled and not self._is_known_name(titled.group("name")):
                start, end = titled.span("name")
                yield NameMatch(start, end, BENCHMARK, name_key(titled.group("name")), "pattern")
            called = _match_noun_called(text, noun_start)
            if called and not self._is_known_name(called.group("name")):
                start, end = called.span("name")
                yield NameMatch(start, end, BENCHMARK, name_key(called.group("name")), "pattern")
            # "UltraFoo, a new dataset of ...", "X (XD), a large-scale benchmark", "X, the
            # largest open instruction-tuning dataset"
            window = max(0, noun_start - 90)
            appositive = (
                _search_appositive(text, window, noun_start)
                if text.find(", a", window, noun_start) >= 0
                or text.find(", the ", window, noun_start) >= 0
                else None
            )
            if appositive and _is_name_shape(appositive.group("name")):
                start, end = appositive.span("name")
                if not self.models.has_pattern(text[start:end]):
                    yield NameMatch(start, end, BENCHMARK, name_key(text[start:end]), "pattern")
        if "datasets" in text or "benchmarks" in text or "corpora" in text:
            yield from self._dataset_list_items(text)
        for m in _finditer_model_apposition(text):
            name = m.group("name")
            if _is_name_shape(name) and not self._is_known_name(name):
                start, end = m.span("name")
                yield NameMatch(start, end, MODEL, name_key(name), "pattern")
        for pos in _example_cue_ends(text):
            while listed := _match_listed_name(text, pos):
                name = listed.group("name")
                if not _is_model_shape(name) or self._is_known_name(name):
                    break
                start, end = listed.span("name")
                yield NameMatch(start, end, MODEL, name_key(name), "pattern")
                if not listed.group("sep"):
                    break
                pos = listed.end()
        for m in _finditer_lower_versioned(text):
            if m.group("family") in self._families:
                yield NameMatch(m.start(), m.end(), MODEL, name_key(m.group()), "pattern")
        for m in _finditer_family_model(text):
            if _is_name_shape(m.group()) and m.group() not in self.not_names:
                yield NameMatch(m.start(), m.end(), MODEL, name_key(m.group()), "pattern")
        for m in _finditer_name_with_model_noun(text):
            name = m.group("name")
            if (
                _is_model_shape(name)
                and name not in self.not_names
                and not (self.benchmarks.has_pattern(name) or self.metrics.has_pattern(name))
            ):
                start, end = m.span("name")
                yield NameMatch(start, end, MODEL, name_key(name), "pattern")
        for m in _finditer_noun_then_name(text):  # "our detector DroneDet"
            name = m.group("name")
            if _is_model_shape(name) and not self._is_known_name(name):
                start, end = m.span("name")
                yield NameMatch(start, end, MODEL, name_key(name), "pattern")
        for m in _finditer_introduced_model(text):  # "we introduce Dolphin, a ... model"
            name = m.group("name")
            if not self._is_known_name(name):
                start, end = m.span("name")
                yield NameMatch(start, end, MODEL, name_key(name), "pattern")
        for m in chain(  # "compared to Time-R1", "than FooNet-S", "FooNet-B achieves"
            _finditer_compared_name(text), _finditer_subject_name(text)
        ):
            name = m.group("name")
            if not (
                self._is_known_name(name)
                or _is_number_format(name)
                or self._is_known_name(name.split("-", 1)[0])  # "COCO-Stuff", "WER-SN"
                or _finditer_benchmark_shape_one(name)
            ):
                start, end = m.span("name")
                yield NameMatch(start, end, MODEL, name_key(name), "pattern")
        if "@" in text:
            for m in _finditer_at_metric(text):
                at = m.group().find("@")
                listed = self.benchmarks.entry(m.group()[:at])
                if listed is not None:  # "HumanEval@1": the benchmark, a cut-off glued on
                    start, end = m.start(), m.start() + at
                    yield NameMatch(start, end, BENCHMARK, "=" + listed.id, "list")
                    continue
                yield NameMatch(m.start(), m.end(), METRIC, name_key(m.group()), "pattern")
        if " score" in text:
            for m in _finditer_named_score(text):
                name = m.group("name")
                if not (
                    self.benchmarks.has_pattern(name)
                    or self.models.has_pattern(name)
                    or self.metrics.has_pattern(name)
                    or self.metrics.has_pattern(name.lower())
                    or _finditer_benchmark_shape_one(name)
                ):
                    yield NameMatch(m.start(), m.end(), METRIC, name_key(m.group()), "pattern")

    def _evaluated_on(self, text: str) -> Iterator[NameMatch]:
        """Coined names a paper evaluates on: "evaluated on VisDrone2019-DET and FooQA"."""
        for cue in _finditer_evaluated_on(text):
            pos, items, closed = cue.end(), [], False
            while listed := _match_listed_name(text, pos):
                name = listed.group("name")
                if (
                    not _is_name_shape(name)
                    or self.models.has_pattern(name)
                    or name in self.not_names
                ):
                    break
                items.append(listed.span("name"))
                separator = listed.group("sep") or ""
                if "and" in separator:
                    closed = True
                elif not separator or closed:
                    break
                pos = listed.end()
            # "On X, Y achieves ...": a comma without a closing "and" ends the phrase.
            for start, end in items if closed else items[:1]:
                yield NameMatch(start, end, BENCHMARK, name_key(text[start:end]), "pattern")
        if "On " in text or "Across " in text or "; on " in text:
            for m in _finditer_sentence_setting(text):
                for name, (start, end) in zip(m.captures("name"), m.spans("name"), strict=True):
                    if _is_name_shape(name) and not self._is_known_name(name):
                        yield NameMatch(start, end, BENCHMARK, name_key(name), "pattern")

    def _introduced_data(self, text: str) -> list[NameMatch]:
        """A coined name the paper introduces as data: "We present BaltiVoice, a 16.8-hour
        read-speech corpus", "we present CRAG-MM -- a Comprehensive RAG benchmark", "a
        multi-level dataset, BioMedMCQs, consisting of"."""
        found = []
        verbs = _finditer_introduced_data_verb(text)
        for m in chain(verbs, _finditer_introduced_data_noun(text)):
            name = m.group("name")
            if (
                _is_name_shape(name)
                and name not in self.not_names
                and not self._is_known_name(name)
            ):
                start, end = m.span("name")
                found.append(NameMatch(start, end, BENCHMARK, name_key(name), "pattern"))
        return found

    def _after_numbers(self, text: str, quantities: Sequence[Quantity]) -> list[NameMatch]:
        """Coined names reported on: "+71.96% on SpEAR", "4.04 on VPQAD-2"."""
        found = []
        for q in quantities:
            if q.kind not in ("measure", "number"):
                continue
            m = _match_name_after_number(text, q.end)
            if m is None and (words := _match_reported_on(text, q.end)):
                # "59.82% exact match on ChEBI-20", "71.82% mIoU on OpenEarthMap"
                m = _match_name_at(text, words.end())
            if (
                m
                and _is_name_shape(m.group("name"))
                and m.group("name") not in self.not_names
                and not self.models.has_pattern(m.group("name"))
                and not self._names_a_metric(text, m.group("name"), m.end("name"))
            ):
                start, end = m.span("name")
                found.append(NameMatch(start, end, BENCHMARK, name_key(m.group("name")), "pattern"))
        return found

    def _names_a_metric(self, text: str, name: str, end: int) -> bool:
        """Whether a name a number is reported "on" is a metric: one at a cut-off ("2.56%
        on mR@3"), a listed metric, or a listed metric under a prefix of one or two letters
        ("3.00% on G-mAP"; not "LEVIR-CD", a dataset whose last part spells a metric)."""
        if text.startswith("@", end):
            return True
        prefix, _, last = name.rpartition("-")
        words = {name, last} if 0 < len(prefix) <= 2 else {name}  # not "LEVIR-CD"
        return any(
            self.metrics.has_pattern(word) or self.metrics.has_pattern(word.lower())
            for word in words
        )

    def _defined_acronyms(self, doc: Doc, matches: list[NameMatch]) -> list[NameMatch]:
        """Apply the text's own acronym definitions to the list matches.

        "Zebra Reward Benchmark (ZRBench)" names a benchmark, "... Model (ZRM)" a model;
        an acronym the text defines as something else ("Online Pre-Training (OPT)") is not
        the list's model of that name.
        """
        text = doc_text(doc)
        abbreviations = (payload(doc, "paper_abbreviations") or [])[:MAX_DEFINITIONS]
        kept = list(matches)
        for a in abbreviations:
            if a.short in self.not_names:  # "Large Language Models (LLMs)"
                continue
            kept = _grow_to_long_form(kept, a)
            if a.long.count(" ") >= 2:  # "a Multi-scale Mamba Module (MSMM)": no "Mamba"
                kept = [m for m in kept if not _inside_long_form(m, a)]
            label = _label_of_long_form(a.long) or _benchmark_by_definition(text, a)
            if (
                label
                and (a.long_start, a.long_end) not in {(m.start, m.end) for m in kept}
                and not any(
                    m.start < a.long_end and a.long_start < m.end and m.label != METRIC
                    for m in kept
                )
            ):
                kept.append(NameMatch(a.long_start, a.long_end, label, name_key(a.long), "acronym"))
                continue
            long_is_name = any(
                m.start == a.long_start and m.end == a.long_end and m.label != METRIC for m in kept
            )
            # "... Applications (MAIRA-2)": a version the long form does not spell is the
            # model's own numbering, so the acronym is still the model.
            versioned = any(c.isdigit() for c in a.short) and not any(c.isdigit() for c in a.long)
            if not long_is_name and not label and _spells_out_a_kind(a.long):
                kept = [m for m in kept if not _is_found_benchmark(text, m, a.short)]
            if (
                not long_is_name
                and not label
                and not versioned
                and not self._spells_out_model(a.short, a.long)
                and not self._names_listed_family(a.short, a.long)
            ):
                kept = [
                    m for m in kept if not (m.label == MODEL and text[m.start : m.end] == a.short)
                ]
        return sorted(kept, key=lambda m: m.start)

    def _names_listed_family(self, short: str, long: str) -> bool:
        """Whether ``long`` is a Title Case family name for the listed model ``short``:
        "Open Whisper-Style Speech Models (OWSM)" (a kind, "Speech Foundation Models
        (SFMs)", is no listed model)."""
        return (
            long.endswith(" Models")
            and self.models.has_pattern(short)
            and sum(w[:1].isupper() for w in long.split()) >= 3
        )

    def _spells_out_model(self, short: str, long: str) -> bool:
        """Whether ``long`` is another spelling of the listed model ``short`` ("graph
        isomorphism networks" of "GIN")."""
        entry = self._model_ids.get(short.lower())
        long = long.lower()
        return entry is not None and entry in (
            self._model_ids.get(long),
            self._model_ids.get(long.removesuffix("s")),
        )

    def _spelled_out_names(self, doc: Doc, matches: list[NameMatch]) -> list[NameMatch]:
        """The long form of a listed name defined in the text, as a mention of the same
        entity: "Generative Pre-trained Transformer 2 (GPT-2)" names GPT-2 first."""
        abbreviations = payload(doc, "paper_abbreviations")
        if not abbreviations:
            return []
        by_span = {(m.start, m.end): m for m in matches if m.label in (MODEL, BENCHMARK)}
        taken = bytearray(len(doc_text(doc)) + 1)
        for m in matches:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        extra = []
        for a in abbreviations:
            short = by_span.get((a.short_start, a.short_end))
            if (
                short is None
                or short.source != "list"
                or any(taken[a.long_start : a.long_end])
                or sum(word[:1].isupper() for word in a.long.split()) < 2
            ):
                continue
            extra.append(NameMatch(a.long_start, a.long_end, short.label, short.key, "acronym"))
        return extra

    def _acronym_mentions(self, doc: Doc, matches: list[NameMatch]) -> list[NameMatch]:
        """Mentions of acronyms whose definition's long form is a model, benchmark or metric
        ("CTR" after "Click-Through Rate (CTR)").

        Returns new mentions; mentions the lists already found for the acronym ("SDXL"
        after "Stable Diffusion XL (SDXL)") are re-keyed in place to the long form.
        """
        abbreviations = (payload(doc, "paper_abbreviations") or [])[:MAX_DEFINITIONS]
        if not abbreviations:
            return []
        by_span = {(m.start, m.end): m for m in matches}
        taken = Intervals((m.start, m.end) for m in matches)
        extra: list[NameMatch] = []
        text = doc_text(doc)
        # A definition re-keys the matches spelled as its acronym (the last definition of
        # an acronym and kind wins); the first definition of an acronym finds its other
        # mentions (later ones would find them all taken). Each is done once however
        # often the text repeats a definition.
        keys: dict[tuple[str, str], str] = {}
        scanned: set[str] = set()
        for abbreviation in abbreviations:
            long = by_span.get((abbreviation.long_start, abbreviation.long_end))
            if long is None or abbreviation.short in self.not_names:
                continue
            keys[abbreviation.short, long.label] = long.key
            if abbreviation.short in scanned:
                continue
            scanned.add(abbreviation.short)
            for start, end in whole_word_spans(text, abbreviation.short):
                if taken.overlaps(start, end):
                    continue
                tail = _match_model_tail(text, end) if long.label == MODEL else None
                stop = end + (len(tail.group().rstrip()) if tail else 0)
                key = long.key if stop == end else name_key(text[start:stop])
                extra.append(NameMatch(start, stop, long.label, key, "acronym"))
                taken.add(start, stop)
        if keys:
            for i, match in enumerate(matches):
                defined = keys.get((text[match.start : match.end], match.label))
                if defined is not None:
                    matches[i] = NameMatch(match.start, match.end, match.label, defined, "acronym")
        return extra


@Language.factory(
    "paper_names",
    default_config={"spans": True, "registry": True},
    requires=requires("paper_names"),
    assigns=assigns("paper_names"),
)
def make_name_finder(nlp: Language, name: str, spans: bool, registry: bool | str) -> NameFinder:
    """Create the name finder (``nlp.add_pipe("paper_names")``)."""
    check_upstream(nlp, "paper_names")
    return NameFinder(nlp, name, spans=spans, registry=registry)
