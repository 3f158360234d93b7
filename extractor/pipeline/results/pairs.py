"""Lists of numbers paired in order with lists of names ("respectively" and its kin).

A pairing decides the one attribute its names are of (benchmark, model or metric) for
every number of the list, over what the strategies found; the record names the pairing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise

import regex

from extractor.components.names import BENCHMARK, METRIC, MODEL, NameMatch
from extractor.components.quantities import Quantity
from extractor.pipeline.results._cues import (
    _match_list_on,
    _match_metrics_numbers_gap,
    _match_name_list_gap,
    _search_respectively,
)
from extractor.pipeline.results.context import (
    WINDOW_AFTER,
    WINDOW_BEFORE,
    Context,
    is_training_set,
)

# (label of the names, the names in order, the strategy's name); a name is None for an
# item of a written list the name finder did not recognise ("..., and real-world tasks").
Pairing = tuple[str, list[str | None], str]

# Where the list of sets the numbers are on opens, after them: "... 17.5% and 18.9% over
# the baselines on ", "... accuracy gains on the " (no comma, semicolon or bracket between).
_match_items_on = regex.compile(
    r"[^,;()]{0,80}?\s(?:on|across|for)\s+(?:the\s+)?\Z", regex.IGNORECASE
).match
# What separates the items of a written list: ", ", ", and ", " and ".
_split_items = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+").split
_mask_brackets = regex.compile(r"\([^()]*\)")
_search_list_respectively = regex.compile(r"[\s,]*\brespectively\b", regex.IGNORECASE).search


def _listed_after(ctx: Context, group: list[Quantity], hi: int) -> Pairing | None:
    """Benchmarks written as one list right after a list of as many numbers pair with
    them in order: "2.0% and 4.1% on test-clean and test-other"."""
    text = ctx.text
    g_end = group[-1].end
    names = [n for n in ctx.index.between(g_end, hi) if n.label == BENCHMARK][: len(group) + 1]
    if len(names) > len(group):  # "on X, Y and Z" after two numbers: which is not said
        last, extra = names[len(group) - 1], names.pop()
        if _match_name_list_gap(text[last.end : extra.start]):
            return None
    if len(names) != len(group) or not _match_list_on(text, g_end, names[0].start):
        return None
    if ctx.number_between(g_end, names[-1].start):
        return None
    if not all(_match_name_list_gap(text[a.end : b.start]) for a, b in pairwise(names)):
        return None
    return BENCHMARK, [text[n.start : n.end] for n in names], "names_listed_after"


def _listed_before(ctx: Context, group: list[Quantity], lo: int) -> Pairing | None:
    """Names written as one list before as many numbers: "improves SD v1.5 and SDXL's
    performance by 10.53% and 5.30%"."""
    text = ctx.text
    for label in (MODEL, BENCHMARK):
        names = [n for n in ctx.index.between(lo, group[0].start) if n.label == label]
        if len(names) != len(group):
            continue
        gaps = [text[a.end : b.start] for a, b in pairwise(names)]
        if all(_match_name_list_gap(gap) for gap in gaps):
            return label, [text[n.start : n.end] for n in names], "names_listed_before"
    return None


def _metrics_listed_before(ctx: Context, group: list[Quantity], lo: int) -> Pairing | None:
    """Metrics written as one list right before as many numbers pair with them in order:
    "improves precision and recall by 3.2% and 2.5%" (the list is the whole list, and
    nothing but a verb or "by" stands between it and the numbers)."""
    text = ctx.text
    names = ctx.metrics.between(lo, group[0].start)
    spelled = _whole_list_at_end(text, names, len(group))
    if spelled is None or not _match_metrics_numbers_gap(text[names[-1].end : group[0].start]):
        return None
    return METRIC, list[str | None](spelled), "metrics_listed_before"


def _whole_list_at_end(text: str, names: Sequence[NameMatch], count: int) -> list[str] | None:
    """The spellings of the last ``count`` names when they are distinct and written as one
    list that is the whole list (no list name right before it); else None."""
    if len(names) < count:
        return None
    last = names[-count:]
    spelled = [text[n.start : n.end] for n in last]
    if len(set(spelled)) != len(spelled):
        return None
    if not all(_match_name_list_gap(text[a.end : b.start]) for a, b in pairwise(last)):
        return None
    if len(names) > count and _match_name_list_gap(text[names[-count - 1].end : last[0].start]):
        return None  # a longer list: which of its names is not said
    return spelled


def _says_respectively(ctx: Context, group: list[Quantity], sentence: tuple[int, int]) -> bool:
    """Whether "respectively" speaks for the list: not for a "from A to B" pair after it
    ("by +16.6 and +12.3 points respectively, improving recall from 0.374 to 0.518"):
    the pair's two ends are a baseline and a result, not two names' values."""
    if not ctx.sentence_says("respectively", sentence):
        return False
    if group[0].relation != "from":
        return True
    return bool(_search_respectively(ctx.text, group[-1].end, sentence[1]))


def _slash_runs(text: str, group: list[Quantity]) -> int:
    """How many numbers each item of a list holds when every item is written as numbers
    joined by slashes ("AUROC/AURC of 0.98/2.49, 0.99/0.27 and 0.99/0.82"): 2 there; 1
    for a plain list or runs of unequal length."""
    runs = [1]
    for a, b in pairwise(group):
        if text[a.end : b.start].strip() == "/":
            runs[-1] += 1
        else:
            runs.append(1)
    return runs[0] if len(runs) > 1 and len(set(runs)) == 1 else 1


def pair(ctx: Context, group: list[Quantity], sentence: tuple[int, int]) -> Pairing | None:
    """Pair a list of numbers with a list of names in order ("..., respectively").

    A list whose items are runs of numbers joined by slashes pairs by item: "Across A, B
    and C, ... AUROC/AURC of 0.98/2.49, 0.99/0.27 and 0.99/0.82, respectively" gives
    both numbers of the first item A (a name per item: benchmarks or models, not the
    metrics the slashes themselves pair).
    """
    per_item = _slash_runs(ctx.text, group)
    if per_item == 1:
        return _pair(ctx, group, sentence)
    items = group[per_item - 1 :: per_item]  # each item's last number
    paired = _pair(ctx, items, sentence)
    if paired is None or paired[0] == METRIC:
        return None
    label, names, by = paired
    return label, [name for name in names for _ in range(per_item)], by


def _pair(ctx: Context, group: list[Quantity], sentence: tuple[int, int]) -> Pairing | None:
    """:func:`pair` for a list of one number per item.

    Without "respectively", only names written as one list before or after the numbers
    pair.
    """
    if len(group) < 2:
        return None
    text = ctx.text
    lo = max(sentence[0], group[0].start - WINDOW_BEFORE)
    hi = min(sentence[1], group[-1].end + WINDOW_AFTER)
    if not _says_respectively(ctx, group, sentence):
        return (
            _listed_before(ctx, group, lo)
            or _listed_after(ctx, group, hi)
            or _metrics_listed_before(ctx, group, lo)
        )

    def distinct(label: str, start: int) -> list[str]:
        # Training data is not what a list of numbers is reported on ("fine-tuning
        # M on X and validating on Y and Z ... 49.4 and 8.8, respectively").
        spelled = (
            text[n.start : n.end]
            for n in ctx.index.between(start, hi)
            if n.label == label and (label != BENCHMARK or not is_training_set(text, n))
        )
        return list(dict.fromkeys(spelled))

    # Names after the numbers pair first ("4.7% and 15.5% on X and Y, respectively"),
    # else all names of the sentence ("X and Y reach 4.7% and 15.5%, respectively").
    for label in (BENCHMARK, MODEL, METRIC):
        if label == METRIC and _metrics_after_have_numbers(ctx, group, hi):
            break
        after = distinct(label, group[-1].end)
        if len(after) == len(group):
            return label, list[str | None](after), "respectively"
        if label == BENCHMARK and 0 < len(after) < len(group):
            by_item = _items_listed_after(ctx, group, sentence)
            if by_item is not None:
                return by_item
        in_sentence = distinct(label, lo)
        if len(in_sentence) == len(group):
            if label == BENCHMARK:
                # The last list before the numbers, rather than the order the names first
                # appear in ("... 64.5% on B, ... 28.4% and 26.3% on A and B
                # respectively, improvements of 21.4% and 46.0%").
                listed = _last_list_before(ctx, group, sentence[0], label)
                if listed is not None and set(listed) == set(in_sentence):
                    return label, list[str | None](listed), "respectively"
            return label, list[str | None](in_sentence), "respectively"
    return _listed_in_sentence_before(ctx, group, sentence)


def _metrics_after_have_numbers(ctx: Context, group: list[Quantity], hi: int) -> bool:
    """Whether a metric named after the list has numbers of its own between: "an AUC of
    0.91 and 0.93, sensitivity of 83% and 94% ..., respectively" (the list is AUC's, not
    sensitivity's); "success rates of 97.4% and 70.0%, respectively, while reducing
    training costs by 2.5-fold"."""
    after = [n for n in ctx.index.between(group[-1].end, hi) if n.label == METRIC]
    if not after or not ctx.number_between(group[-1].end, after[-1].start):
        return False
    # "by +7.4%, +5.5% and +7.8% over X and by +8.8%, +10.7% and +9.8% over Y for A, B and
    # C, respectively": the numbers between are a parallel list as long as this one, and
    # both lists are the metrics'.
    parallel = (
        ctx.numbers_between(group[-1].end, after[0].start) == len(group)
        and len({ctx.text[n.start : n.end] for n in after}) == len(group)
        and not ctx.metrics.between(group[-1].end, after[0].start)
    )
    return not parallel


def _items_listed_after(
    ctx: Context, group: list[Quantity], sentence: tuple[int, int]
) -> Pairing | None:
    """A list of as many written items after the numbers as there are numbers pairs item by
    item even where the name finder recognised only some of its items: "17.5%, 18.9% and
    106.6% on A, B, and real-world tasks, respectively" gives A, B and no benchmark (each
    recognised name inside one item, at most one an item, at least two of them, none used
    as training data): "by 9.3% and 6.1% on A semantic and instance segmentation tasks,
    respectively" pairs tasks, not sets."""
    text, g_end = ctx.text, group[-1].end
    names = [n for n in ctx.index.between(g_end, sentence[1]) if n.label == BENCHMARK]
    if not names or not _match_items_on(text, g_end, names[0].start):
        return None
    if ctx.number_between(g_end, names[-1].start):
        return None
    closing = _search_list_respectively(text, names[0].start, sentence[1])
    if closing is None or ctx.number_between(names[0].start, closing.start()):
        return None
    lo = names[0].start
    spelled = _mask_brackets.sub(lambda m: "_" * len(m.group()), text[lo : closing.start()])
    items: list[tuple[int, int]] = []
    at = 0
    for part in _split_items(spelled):
        at = spelled.index(part, at)
        items.append((lo + at, lo + at + len(part)))
        at += len(part)
    if len(items) != len(group):
        return None
    inside = [n for n in names if n.start < closing.start()]
    paired: list[str | None] = []
    for start, end in items:
        held = [n for n in inside if start <= n.start and n.end <= end]
        if len(held) > 1 or any(is_training_set(text, n) for n in held):
            return None
        paired.append(text[held[0].start : held[0].end] if held else None)
    if sum(name is not None for name in paired) != len(inside) or len(inside) < 2:
        return None  # a name across two items: not a plain list; one name: maybe no list of sets
    return BENCHMARK, paired, "respectively_items"


def _last_list_before(
    ctx: Context, group: list[Quantity], start: int, label: str
) -> list[str] | None:
    """The last list of as many distinct names before the numbers in their sentence: "X
    reaches 64.5% on B, and 28.4% and 26.3% on A and B respectively, improvements of 21.4%
    and 46.0%" pairs the last two with A and B, not with the order the names first appear."""
    text = ctx.text
    names = [n for n in ctx.index.between(start, group[0].start) if n.label == label]
    spelled = _whole_list_at_end(text, names, len(group))
    if spelled is None:
        return None
    if label == BENCHMARK and any(is_training_set(text, n) for n in names[-len(group) :]):
        return None
    return spelled


def _listed_in_sentence_before(
    ctx: Context, group: list[Quantity], sentence: tuple[int, int]
) -> Pairing | None:
    """A "respectively" whose sentence names nothing to pair with pairs with the one list
    of as many benchmarks in the sentence before: "We evaluate on A, B and C. FooNet
    reaches 91%, 85% and 78%, respectively"."""
    text = ctx.text
    if any(n.label in (BENCHMARK, MODEL) for n in ctx.index.between(*sentence)):
        return None
    i = bisect_left(ctx.sentence_starts, sentence[0])
    if i == 0:
        return None
    lo, hi = ctx.sentences[i - 1]
    names = [
        n
        for n in ctx.index.between(lo, hi)
        if n.label == BENCHMARK and not is_training_set(text, n)
    ]
    spelled = list(dict.fromkeys(text[n.start : n.end] for n in names))
    if (
        len(names) == len(group) == len(spelled)
        and all(_match_name_list_gap(text[a.end : b.start]) for a, b in pairwise(names))
    ) or (len(spelled) == len(group) and _search_these_sets(text, *sentence)):
        # "..., and 60.4% on A, and 33.6% on B. ... by 5.9 and 2.0 points on the two
        # datasets, respectively": the sets in the order the sentence before names them
        return BENCHMARK, list[str | None](spelled), "respectively_sentence_before"
    items = _written_items(ctx, names, hi)
    if items is None or len(items) != len(group):
        return None
    return BENCHMARK, items, "respectively_sentence_before"


# A sentence that refers back to the sets named before: "on the two datasets", "on these
# four benchmarks", "on both datasets".
_search_these_sets = regex.compile(
    r"\b(?:these|those|both|the\s+(?:two|three|four|five|six|above))\s+(?:[\w\-]+\s+)?"
    r"(?:datasets|benchmarks|corpora)\b",
    regex.IGNORECASE,
).search
# Where a sentence's written list of sets opens: "experiments on three datasets: the ",
# "evaluated on ", "including ".
_search_items_open = regex.compile(
    r"(?:\bon|:|\bincluding|\bnamely)\s+(?:the\s+)?\Z", regex.IGNORECASE
).search
_match_items_close = regex.compile(r"[\s.!]*\Z").match


def _written_items(ctx: Context, names: list[NameMatch], hi: int) -> list[str | None] | None:
    """The items of the written list a sentence closes on, from its first benchmark: "on
    three datasets: the A dataset, the B dataset, and a clinical dataset of ours." gives
    A, B and no benchmark (at least two recognised, each inside one item)."""
    text = ctx.text
    if len(names) < 2 or not _search_items_open(text, max(0, names[0].start - 30), names[0].start):
        return None
    lo = names[0].start
    end = hi
    while end > lo and text[end - 1] in " .!\n":
        end -= 1
    spelled = _mask_brackets.sub(lambda m: "_" * len(m.group()), text[lo:end])
    if ";" in spelled:
        return None
    paired: list[str | None] = []
    at = 0
    for part in _split_items(spelled):
        at = spelled.index(part, at)
        start, stop = lo + at, lo + at + len(part)
        at += len(part)
        held = [n for n in names if start <= n.start and n.end <= stop]
        if len(held) > 1:
            return None
        paired.append(text[held[0].start : held[0].end] if held else None)
    if sum(name is not None for name in paired) != len(names):
        return None
    return paired
