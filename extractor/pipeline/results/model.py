"""The model a result belongs to: ordered strategies over the names before and after it.

:data:`STRATEGIES` are tried in order; the first that decides wins. Names written right at
the number come first (brackets, possessives), then a model the number was measured on,
then the sentence's subject. Names being compared against ("outperforms CLIP by 3%")
belong to baselines; a baseline of "from A to B" shares its result's system.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extractor.components.names import METRIC, MODEL, NameMatch
from extractor.gazetteers import load_word_list
from extractor.lexicon.cues import alternation, phrases, places_of, word_set
from extractor.pipeline.results._cues import (
    _match_for_name,
    _match_host_after,
    _match_host_close,
    _match_more_subject_verb,
    _match_name_list_gap,
    _match_possessive_gap,
    _match_subject_verb,
    _search_and_or,
    _search_bracketed_host,
    _search_clause_change,
    _search_compared,
    _search_compared_clause,
    _search_comparison_word,
    _search_host_before,
    _search_named_baseline,
    _search_new_subject,
)
from extractor.pipeline.results.context import Claim, bracketed_after_comparison, in_name_list
from extractor.pipeline.results.types import NOT_SAID, NotSaid, first_hit, without


def is_number_aside(text: str, name: NameMatch) -> bool:
    """Whether a name stands alone in brackets right after a number: "86.1% (LLaVA)"."""
    return (
        text[name.start - 2 : name.start] == " ("
        and text[name.end : name.end + 1] == ")"
        and (text[name.start - 3 : name.start - 2].isdigit() or text[name.start - 3] == "%")
    )


def named_before_brackets(c: Claim) -> str | None:
    """The model a number stands in brackets after: "IQL (71.2)", "GPT-4 (65.2%)",
    "Llama-3.1-8B (70.1% and 30.2%, respectively)"; not a signed margin after a compared
    name."""
    text, q = c.text, c.q
    opening = text.rfind("(", max(0, q.start - 60), q.start)
    if opening < 1 or text[opening - 1] != " " or ")" in text[opening : q.start]:
        return None
    if ")" not in text[q.end : q.end + 60]:
        return None
    own = next((n for n in c.in_sentence if n.label == MODEL and n.end == opening - 1), None)
    if own and q.signed and _search_compared_clause(text, max(c.lo, own.start - 60), own.start):
        return None  # "outperforms GPT-4o (+3.8% joint)": the margin is the subject's
    return text[own.start : own.end] if own else None


def aside_in_brackets(c: Claim) -> str | None:
    """The model named alone in brackets right after the number: "from 86.1% (LLaVA) to
    90.3%"."""
    text, end = c.text, c.q.end
    if text[end : end + 2] != " (":
        return None
    aside = next(
        (
            n
            for n in c.in_sentence
            if n.label == MODEL and n.start == end + 2 and text[n.end : n.end + 1] == ")"
        ),
        None,
    )
    return text[aside.start : aside.end] if aside else None


def possessive_owner(c: Claim) -> str | None:
    """The model a number's list is written as belonging to: "YOLOv8n's 36.4% mAP and
    13.9% AP", "GPT-4's reported 65.2%"."""
    text, g_start = c.text, c.g_start
    lo = max(0, g_start - 24)
    mark = max(text.rfind("'s", lo, g_start), text.rfind("’s", lo, g_start))
    if mark < 1:
        return None
    owner = next((n for n in c.in_sentence if n.label == MODEL and n.end == mark), None)
    if owner is None or not _match_possessive_gap(text, mark, g_start):
        return None
    return text[owner.start : owner.end]


def unnamed_baseline(c: Claim) -> NotSaid | None:
    """ "compared to the strongest baseline's 1.51 F1": the baseline is not named."""
    if c.role == "baseline" and _search_named_baseline(c.text, max(0, c.g_start - 60), c.g_start):
        return NOT_SAID
    return None


def compared_in_brackets(c: Claim) -> str | NotSaid | None:
    """ "over DetGeo (61.97%)", "outperforming Prithvi (0.24) and DOFA (0.35)": the compared
    system is the capitalised name right before the brackets, even when no list has it;
    not said when no name stands there (a signed margin there is the subject's:
    "outperforms YaRN (+2.1)")."""
    if c.q.signed:
        return None
    if not bracketed_after_comparison(c.text, c.q, c.lo, c.ctx.metrics):
        return None
    return _unlisted_bracket_owner(c) or NOT_SAID


# The capitalised word right before a bracket's "(": "Prithvi (", "Topo-CXR (".
_search_bracket_owner = regex.compile(
    r"(?<![\w\-.])(?P<name>\p{Lu}[\p{L}\p{N}\-.+_]*[\p{L}\p{N}+])\s\Z", regex.REVERSE
).search
_NOT_COMPARED_NAMES = word_set("not_compared_name")
_NOT_NAMES = load_word_list("not_names")


def _unlisted_bracket_owner(c: Claim) -> str | None:
    """The name-shaped word right before the brackets that hold the number, unless it is
    a metric, a benchmark, a generic word or a technique."""
    text = c.text
    opening = text.rfind("(", max(c.lo, c.q.start - 60), c.q.start)
    found = _search_bracket_owner(text, max(c.lo, opening - 40), opening) if opening > 0 else None
    if found is None:
        return None
    return _unlisted_name(c, found)


def _unlisted_name(c: Claim, found: regex.Match[str]) -> str | None:
    """The name of group "name" when no list holds it and the text labels it nothing else
    (a metric, a benchmark), and it is no generic word or technique."""
    name = found.group("name")
    start, end = found.span("name")
    if name in _NOT_COMPARED_NAMES or name in _NOT_NAMES:
        return None
    if any(n.start < end and start < n.end for n in c.ctx.index.between(start - 60, end + 1)):
        return None
    return str(name)


# Between a baseline's list of numbers and its system: " for the deterministic ", " of frozen ".
_match_for_modified_name = regex.compile(
    r"\s(?:for|of|by|from)\s(?:the\s)?(?:\p{Ll}[\p{Ll}\-]*\s){0,2}\Z"
).match


def baseline_for_name(c: Claim) -> str | None:
    """A baseline's system named after it, or after its list, maybe with a modifier or
    two: "compared with 2.5% for Whisper large-v3", "versus 64.7% and 67.2% for the
    deterministic LSTM"."""
    if c.role != "baseline":
        return None
    text = c.text
    after = _match_for_name(text, c.q.end)
    named = after and next(
        (n for n in c.in_sentence if n.label == MODEL and n.start == after.end()), None
    )
    if named:
        return text[named.start : named.end]
    end = c.g_end
    if not _match_for_name(text, end):
        return None
    for n in c.in_sentence:
        if n.start < end or n.start > end + 40:
            continue
        if n.label == MODEL and _match_for_modified_name(text, end, n.start):
            return text[n.start : n.end]
        return None  # only the first name after the list
    return None


# "A versus B": B is another system's number, not A's earlier one (as in "from A to B").
_search_versus_before = regex.compile(r"\b(?:versus|vs\.?)\s*\Z", regex.IGNORECASE).search


def _wanted_compared(c: Claim) -> bool:
    """Whether the number's owner is a system compared against: a baseline, except the
    earlier value of "from A to B", which its result's system had ("GPT-4o scores 71.2%
    versus 65.0%" leaves the 65.0% to a compared system, unnamed here)."""
    if c.role != "baseline":
        return False
    q = c.q
    return q.relation != "from" or bool(
        _search_versus_before(c.text, max(0, q.start - 12), q.start)
    )


def host_after(c: Claim) -> str | None:
    """A model named right after the number as what it was measured on: "3.2 speedup on
    FooLM-7B", "a 10-point gain for BarLM-8B" (not for a baseline)."""
    if _wanted_compared(c):
        return None
    text, q = c.text, c.q
    for n in c.in_sentence:
        if n.start < q.end or n.start > q.end + 40 or n.label == METRIC:
            continue  # "3.2 speedup on M": the metric may stand between
        if (
            n.label == MODEL
            and _match_host_after(text[q.end : n.start])
            and _match_host_close(text, n.end)
            and not in_name_list(text, n, MODEL, c.in_sentence)
        ):
            return text[n.start : n.end]
        return None  # only the first name after the number
    return None


def _compared_names(
    text: str, spans: list[tuple[int, int]], lo: int
) -> dict[tuple[int, int], bool]:
    """Whether each name is compared against or only used ("built on X and Y"); a name
    listed after another ("X and Y") shares the first one's standing."""
    chains: list[list[tuple[int, int]]] = []
    for span in spans:
        if chains and _match_name_list_gap(text[chains[-1][-1][1] : span[0]]):
            chains[-1].append(span)
        else:
            chains.append([span])
    compared: dict[tuple[int, int], bool] = {}
    for chain in chains:
        # "On X, Y achieves": a comma alone does not make a list; "X, Y and Z" does.
        closed = len(chain) > 1 and _search_and_or(text, chain[-2][1], chain[-1][0])
        for start, end in chain:
            first = chain[0][0] if closed else start
            compared[(start, end)] = (
                bool(_search_compared(text, max(lo, first - 60), first))
                and not _opens_main_clause(text, start, end, lo)
                and not _is_absolute_subject(text, start, end)
            )
    return compared


# "with M achieving 80.1%": M is the subject of the participle after it, not a tool used.
_match_absolute_participle = regex.compile(
    r"\s+(?:also\s+|further\s+|consistently\s+)?"
    rf"{alternation(phrases('absolute_participle'))}\b"
).match


def _is_absolute_subject(text: str, start: int, end: int) -> bool:
    """Whether the name opens an absolute "with" clause as its subject: "..., with
    ResNet-18 reaching 80.1% and MobileNetV2 reaching 77.3%"."""
    return text[max(0, start - 5) : start].lower() == "with " and bool(
        _match_absolute_participle(text, end)
    )


def _opens_main_clause(text: str, start: int, end: int, lo: int) -> bool:
    """Whether the name is the subject after an opening phrase, which a comparison in that
    phrase does not reach: "With fewer than 1M parameters, HORNet reduces ...", "Relative
    to the strongest baseline (X), CPformer reduces ..."."""
    return (
        start - 2 >= lo and text[start - 2 : start] == ", " and bool(_match_subject_verb(text, end))
    )


def _chosen(c: Claim) -> list[tuple[int, int]]:
    """The names before the number that may own it, nearest first: models and the method,
    compared against for a baseline and not for a result, with no new subject between."""
    text, g_start, lo = c.text, c.g_start, c.lo
    ctx = c.ctx
    candidates = [
        (n.start, n.end)
        for n in c.in_sentence
        if n.label == MODEL and n.end <= g_start and not is_number_aside(text, n)
    ]
    if ctx.method and not ctx.method_is_benchmark:
        candidates += [(s, e) for s, e in ctx.method_mentions_in(lo, g_start) if e <= g_start]
    wanted = _wanted_compared(c)
    compared = _compared_names(text, sorted(candidates), lo)
    return [
        (s, e)
        for s, e in sorted(candidates, reverse=True)
        if compared[(s, e)] == wanted and not _search_new_subject(text, e, g_start)
    ]


def _owners(c: Claim) -> list[tuple[int, int]]:
    """:func:`_chosen`, computed once per claim."""
    found = c.memo.get("owners")
    if found is None:
        found = c.memo["owners"] = _chosen(c)
    return found


def _is_host(text: str, name: NameMatch, lo: int) -> bool:
    """Whether a model is named as what a method is applied to or measured on: "On M,",
    "applied to M", "the perplexity of M", "quantize M", "FooTune (M)"."""
    if not _match_host_close(text, name.end):
        return False
    if text[name.start - 1 : name.start] == "(" and text[name.end : name.end + 1] == ")":
        return bool(_search_bracketed_host(text, max(lo, name.start - 12), name.start)) or (
            bool(_match_subject_verb(text, name.start - 2))
            and text[name.start - 3 : name.start - 2].isalnum()
        )
    # From the sentence before, too: "... . On M, X reaches"
    return bool(_search_host_before(text, max(0, name.start - 60), name.start))


def _host_before(c: Claim) -> str | None:
    """The nearest model before the number, in its clause, that the method was applied
    to or measured on, unless it is compared against ("than M", "over M")."""
    text, g_start, lo = c.text, c.g_start, c.lo
    in_sentence: Sequence[NameMatch] = c.in_sentence
    for n in reversed(in_sentence):
        if n.label != MODEL or n.end > g_start or n.start < lo:
            continue
        if (
            _search_clause_change(text, n.end, g_start)
            or ";" in text[n.end : g_start]
            or _search_comparison_word(text, n.end, g_start)
        ):
            return None
        if _search_compared_clause(text, max(lo, n.start - 60), n.start):
            continue  # "than M", "over M", "compared with M": a baseline's
        if _is_host(text, n, lo):
            if in_name_list(text, n, MODEL, in_sentence):
                return None  # "Built on A and B, X improves ...": which one is not said
            return text[n.start : n.end]
    return None


def host_before(c: Claim) -> str | NotSaid | None:
    """With no owner named before the number: a model it was measured on, "On M, FooPrune
    keeps 97%" (not for a baseline, whose system must be named)."""
    if _owners(c):
        return None
    if _wanted_compared(c):
        return NOT_SAID
    return _host_before(c)


def subject(c: Claim) -> str | None:
    """The owner named before the number, the one in subject position first ("Bone
    achieved", "RCP can compress"); the method applied to a host model gives the host."""
    chosen = _owners(c)
    if not chosen:
        return None
    text = c.text
    start, end = next(((s, e) for s, e in chosen if _match_subject_verb(text, e)), chosen[0])
    is_model_mention = any(
        n.start == start and n.end == end and n.label == MODEL for n in c.in_sentence
    )
    method = c.ctx.method
    if method and (start, end) in c.ctx.method_mention_set and not is_model_mention:
        # "On M, FooPrune keeps 97%": the method applied to a named model is that
        # model's number (the record's method says what was applied).
        host = None if _wanted_compared(c) else _host_before(c)
        return host or _method_as_written(c, start, end)
    return text[start:end]


def _method_as_written(c: Claim, start: int, end: int) -> str:
    """The method's name for its mention at ``[start, end)``; a sized variant written
    there is named as written: "Our AdaptViG-M achieves ..." is AdaptViG-M's number."""
    method = c.ctx.method
    assert method is not None
    written = c.text[start:end]
    spellings = (method.name, *method.aliases)
    if written not in spellings and any(written.startswith(f"{s}-") for s in spellings):
        return written
    return method.name


def sentence_subject(c: Claim) -> str | None:
    """The paper's method as the subject of the number's sentence, further back than the
    names near the number: "We show FooGen generates images ..., while having a lower
    latency than recent methods, e.g., 4 seconds faster than BarGen" (no model named
    between, no new subject, not for a baseline)."""
    ctx, text, g_start = c.ctx, c.text, c.g_start
    if _owners(c) or _wanted_compared(c) or ctx.method is None or ctx.method_is_benchmark:
        return None
    # mentions within the window near the number were judged (and dropped) by _chosen
    for start, end in reversed(ctx.method_mentions_in(c.sentence[0], c.lo)):
        if end > g_start or not (
            _match_subject_verb(text, end) or _match_more_subject_verb(text, end)
        ):
            continue
        if _search_new_subject(text, end, g_start):
            return None
        if any(n.label == MODEL for n in ctx.index.between(end, g_start)):
            return None
        return _method_as_written(c, start, end)
    return None


_match_opening_word = regex.compile(
    r"\s*(?:With|At|Achieving|Reaching|Attaining|Scoring|Obtaining|By\s+achieving)\b"
).match


def opening_phrase_subject(c: Claim) -> str | None:
    """A number in the sentence's opening phrase belongs to the subject after it: "With an
    aMOTA of 74.7 on nuScenes, FutrTrack achieves ..." (a model or the method, followed by
    its verb; not for a baseline)."""
    text, (sentence_start, sentence_end) = c.text, c.sentence
    if _wanted_compared(c) or not _match_opening_word(text, sentence_start, c.g_start):
        return None
    if "," in text[sentence_start : c.g_start]:
        return None
    comma = text.find(", ", c.g_end, sentence_end)
    if comma < 0:
        return None
    start = comma + 2
    names = [(n.start, n.end) for n in c.ctx.index.between(start, start + 60) if n.label == MODEL]
    if c.ctx.method and not c.ctx.method_is_benchmark:
        names += [m for m in c.ctx.method_mentions_in(start, start + 60)]
    for s, e in names:
        if s == start and _match_subject_verb(text, e):
            is_method = (s, e) in c.ctx.method_mention_set and c.ctx.method is not None
            return _method_as_written(c, s, e) if is_method else text[s:e]
    return None


# A result verb after a sentence's subject ("achieves", "outperformed", "sets"): one list
# in cues.toml, the pattern and the words looked for both made from it.
_SUBJECT_RESULT_VERBS = phrases("subject_result_verb")
_match_result_verb = regex.compile(rf"{alternation(_SUBJECT_RESULT_VERBS)}\b").match


def shared_stems(words: Sequence[str], width: int = 4) -> tuple[str, ...]:
    """The longest prefix shared by the words that open alike (their first ``width``
    letters), one per such group: every word starts with one, so the places of the stems
    hold the places of the words (and a few more, which the full pattern then rejects),
    in fewer ``str.find`` scans.

    >>> shared_stems(("achieves", "achieved", "sets", "scores", "scored"))
    ('achieve', 'sets', 'score')
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:width], []).append(word)
    return tuple(_common_prefix(group) for group in groups.values())


def _common_prefix(words: Sequence[str]) -> str:
    """The longest prefix of all ``words`` (that of the first and last in sort order)."""
    first, last = min(words), max(words)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


# Where a result verb may stand: the places _match_result_verb is tried at.
_SUBJECT_RESULT_VERB_STEMS = shared_stems(_SUBJECT_RESULT_VERBS)
# A coined name (two capitals, a letter and a digit, or a capital inside a word) right
# before such a verb: "TRADE achieves", "PT-WNO achieves" (searched backwards from it).
_search_coined_before_verb = regex.compile(
    r"(?<![\w\-.])(?P<name>(?=[\p{L}\p{N}\-]*(?:\p{Lu}[\p{L}\p{N}\-]*\p{Lu}|\p{L}\p{N}|\p{Ll}\p{Lu}))"
    r"\p{Lu}[\p{L}\p{N}\-]*[\p{L}\p{N}])\s+(?:also\s+|further\s+|consistently\s+)?\Z",
    regex.REVERSE,
).search


def _coined_subject_at(text: str, lo: int, hi: int) -> regex.Match[str] | None:
    """The last coined name in ``[lo, hi)`` that a result verb follows (the nearest
    subject before the number: "A reaches 90.5%, while B attains 79.1%")."""
    places = sorted(set(places_of(text, _SUBJECT_RESULT_VERB_STEMS, lo, hi)), reverse=True)
    for at in places:
        if _match_result_verb(text, at, hi) and at > lo and text[at - 1].isspace():
            found = _search_coined_before_verb(text, max(lo, at - 80), at)
            if found is not None:
                return found
    return None


def coined_subject(c: Claim) -> str | None:
    """A coined name no list holds, as the subject of a result verb in the number's clause
    before it: "TRADE achieves 6.71% average WER" (not for a baseline; not a name a list
    or the text labels otherwise, a generic word or a technique)."""
    if _wanted_compared(c) or c.role == "baseline":
        return None
    text, lo, g_start = c.text, c.lo, c.g_start
    found = _coined_subject_at(text, lo, g_start)
    if found is None or _search_new_subject(text, found.end("name"), g_start):
        return None
    if c.ctx.method is not None and found.span("name") in c.ctx.method_mention_set:
        return None  # the method: the strategies above judged it
    return _unlisted_name(c, found)


# A model written as the setting of its clause, after the number: "... with the M model",
# "when paired with the M detector", "for the public M model".
_match_setting_model_before = regex.compile(
    r"\b(?:with|using|on|for|into|to)\s+the\s+(?:\p{Ll}[\p{Ll}\-]*\s+)?\Z"
).search
_match_setting_model_after = regex.compile(
    r"\s+(?:model|backbone|detector|network|architecture|encoder)\b"
).match


def setting_model_after(c: Claim) -> str | None:
    """A model named later in the number's clause as what the result was measured with:
    "a 35% gain in score using FooSearch with the BarNet model" (not for a baseline; the
    model's class word must follow its name); the earlier value of "from A to B" too."""
    if _wanted_compared(c):
        return None
    text, g_end = c.text, c.g_end
    for n in c.ctx.index.between(g_end, c.sentence[1]):
        if n.label != MODEL or not _match_setting_model_after(text, n.end):
            continue
        if c.ctx.clause_change(g_end, n.start) or _search_compared_clause(text, g_end, n.start):
            return None  # "..., compared to 70.3% for the M model": a baseline's
        if _match_setting_model_before(text, max(g_end, n.start - 40), n.start):
            return text[n.start : n.end]
    return None


def not_named(c: Claim) -> NotSaid:
    """Otherwise the sentence names no system for the number ("our method", "it")."""
    return NOT_SAID


STRATEGIES = (
    named_before_brackets,
    aside_in_brackets,
    possessive_owner,
    unnamed_baseline,
    compared_in_brackets,
    baseline_for_name,
    host_after,
    host_before,
    subject,
    sentence_subject,
    opening_phrase_subject,
    coined_subject,
    setting_model_after,
    not_named,
)


# The strategies that name only a model the document names (a MODEL name, not the
# method): in a document that names none, each returns None for every number.
NEED_MODEL = frozenset(
    s.__name__
    for s in (
        named_before_brackets,
        aside_in_brackets,
        possessive_owner,
        baseline_for_name,
        host_after,
        setting_model_after,
    )
)


def decide(c: Claim) -> tuple[str | None, str | None]:
    """The model of a number and the strategy that decided it; a baseline is never the
    paper's own method (the gold never gives it one): "DepthVLA outperforms prior work,
    achieving 78.5% vs. 65.0%", "X improves results from 43.6% to 49.0%" leave the 65.0
    and the 43.6 unnamed."""
    strategies = STRATEGIES if c.ctx.names_model else without(STRATEGIES, NEED_MODEL)
    found, by = first_hit(strategies, c)
    if found is not None and c.role == "baseline" and _is_the_method(c, found):
        return None, "baseline_not_method"
    return found, by


def _is_the_method(c: Claim, name: str) -> bool:
    method = c.ctx.method
    return method is not None and (
        name in (method.name, *method.aliases)
        or any(name.startswith(f"{s}-") for s in (method.name, *method.aliases))
    )
