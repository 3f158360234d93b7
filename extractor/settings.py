"""The evaluation setting a result number was measured in: zero-shot, 5-shot, fine-tuned...

A leaderboard must not rank a fine-tuned 90.9% above a zero-shot 85.7%, yet the metric's
name drops the setting word by convention ("zero-shot top-1 accuracy" -> "top-1
accuracy", ``fixtures/gold/GUIDELINES.md``). So the setting is read here, apart from the
result linker, from the result's sentence and the text near its number, and kept in its
own field (``Result.setting``).

The cue vocabulary is data (:data:`SETTING_CUES`); the regex is derived from it. A
sentence with cues of one setting gives it to all its numbers; when a sentence names
several, a number takes the one in its own clause (nearest first), else the nearest cue
before it, else after it; "X and Y ... in the zero-shot and fine-tuned settings,
respectively" pairs in order.

:func:`averages_several_sets` says whether a sentence reports a number averaged over
several test sets ("on 5 test sets ... such as ImageNet-A and ObjectNet, our model
achieves 84.3%"), which a leaderboard must not file under any one of them.

This module is pure (regex only): the leaderboard and the store may import it without
loading spaCy.

>>> text = "Our model reaches 85.7% zero-shot top-1 accuracy on ImageNet."
>>> setting_of(text, (0, len(text)), (18, 23))
'zero-shot'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from extractor_schemas import PaperRecord

#: Each setting and the phrases that name it, as written in abstracts (case-insensitive;
#: a space or hyphen in a phrase matches a space, a hyphen or nothing). The longest
#: phrase wins where two overlap ("without fine-tuning" is zero-shot, not fine-tuned).
SETTING_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "zero-shot",
        (
            "zero-shot",
            "0-shot",
            "without fine-tuning",
            "without any fine-tuning",
            "without task-specific fine-tuning",
            "without task-specific training",
            "without any task-specific training",
            "without further training",
            "without additional training",
            "without any additional training",
            "without any labeled",
            "without using any labeled",
            "without learning from any labeled",
        ),
    ),
    ("few-shot", ("few-shot", "in-context examples", "in-context demonstrations")),
    (
        "fine-tuned",
        (
            "fine-tuned",
            "fine-tuning",
            "fine-tune",
            "full fine-tuning",
            "after fine-tuning",
            "when fine-tuned",
            "end-to-end fine-tuning",
        ),
    ),
    ("linear probe", ("linear probe", "linear probing", "linear evaluation", "linear-probe")),
    (
        "extra training data",
        (
            "extra training data",
            "additional training data",
            "extra data",
            "external data",
            "external training data",
            "extra pre-training data",
            "without extra data",
        ),
    ),
)

#: Number words a "k-shot" cue may use ("one-shot" is 1-shot).
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "sixteen": 16, "thirty-two": 32,
}  # fmt: skip

#: Phrases that say a value is NOT measured with extra data: they name no setting.
_NEUTRAL = frozenset({"without extra data"})


def _phrase_pattern(phrase: str) -> str:
    """A cue phrase as a regex: a space or hyphen matches a space, a hyphen or nothing.

    >>> _phrase_pattern("zero-shot")
    'zero[\\\\s\\\\-]?shot'
    """
    words = regex.split(r"[\s\-]+", phrase)
    return r"[\s\-]?".join(regex.escape(w) for w in words)


def _cue_regex() -> regex.Pattern[str]:
    phrases = [(p, s) for s, ps in SETTING_CUES for p in ps]
    phrases.sort(key=lambda item: -len(item[0]))  # longest first: alternation takes the first
    k_shot = r"(?P<k>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    alternatives = [rf"(?P<kshot>{k_shot}[\s\-]?shots?)"]
    alternatives += [_phrase_pattern(p) for p, _ in phrases]
    return regex.compile(
        r"(?<![\w\-])(?:" + "|".join(alternatives) + r")(?![\w])", regex.IGNORECASE
    )


_CUES = _cue_regex()
# The cheap pre-check derived from the same vocabulary: every cue holds, as a substring, the
# longest uncommon word of its phrase (words are joined by an optional space or hyphen), or
# "shot" for k-shot.
_COMMON = frozenset(
    [
        "without",
        "any",
        "from",
        "using",
        "when",
        "after",
        "full",
        "end",
        "fine",
        "training",
        "learning",
        "evaluation",
        "data",
    ]
)


def _keyword(phrase: str) -> str:
    words: list[str] = regex.split(r"[\s\-]+", phrase.casefold())
    return max((w for w in words if w not in _COMMON), key=len, default=max(words, key=len))


_KEYWORDS = tuple(sorted({_keyword(p) for _, ps in SETTING_CUES for p in ps} | {"shot"}))
_SETTING_OF_PHRASE = {
    regex.sub(r"[\s\-]+", "", p.casefold()): s for s, ps in SETTING_CUES for p in ps
}
# A clause ends at ; , : or a contrast word; a number's setting is looked for in its clause.
_search_clause_breaks = regex.compile(
    r"[;,:()]|\b(?:while|whereas|but|and\s+(?=\d))\b", regex.IGNORECASE
).finditer
_search_respectively = regex.compile(r"\brespectively\b", regex.IGNORECASE).search


def _setting(cue: regex.Match[str]) -> str | None:
    """The setting a cue names: "5-shot" and "five-shot" are "5-shot", "0-shot" zero-shot.

    >>> [_setting(m) for m in _CUES.finditer("one-shot, 8 shots, zero shot, finetuned")]
    ['1-shot', '8-shot', 'zero-shot', 'fine-tuned']
    """
    if cue.group("kshot"):
        word = cue.group("k").casefold()
        k = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        return "zero-shot" if k == 0 else f"{k}-shot"
    key = regex.sub(r"[\s\-]+", "", cue.group().casefold())
    if key in {regex.sub(r"[\s\-]+", "", p) for p in _NEUTRAL}:
        return None
    return _SETTING_OF_PHRASE[key]


@lru_cache(maxsize=256)
def find_settings(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """The setting cues in ``text[start:end]``: (offset of the cue's middle, setting).

    Cached: the results of one sentence share one search. Do not mutate the list.

    Cues that follow a comparison ("outperforms fine-tuned models") are left out: they
    name the setting of what the number is compared against.

    >>> find_settings("Zero-shot, it reaches 60%; after fine-tuning, 70%.")
    [(4, 'zero-shot'), (35, 'fine-tuned')]
    """
    end = len(text) if end is None else end
    lowered = text[start:end].casefold()
    if not any(keyword in lowered for keyword in _KEYWORDS):
        return []
    found = []
    for cue in _CUES.finditer(text, start, end):
        setting = _setting(cue)
        if setting is not None:
            found.append(((cue.start() + cue.end()) // 2, setting, _compared(text, cue.start())))
    return [(at, s) for at, s, compared in found if not compared]


# A cue right after a comparison names the setting of what is compared against ("outperforms
# fine-tuned models", "than fine-tuned baselines"), not of the paper's number.
_search_compared_before = regex.compile(
    r"""\b(?:outperform\w*|surpass\w*|beat\w*|than|compared\s+(?:to|with)|over|versus|vs\.?|
        unlike|rival\w*|match\w*|exceed\w*)
        (?:\s+(?:the|all|most|many|existing|prior|previous|strong|several|other|fully|even))*
        \s+$""",
    regex.IGNORECASE | regex.VERBOSE,
).search


def _compared(text: str, cue_start: int) -> bool:
    """Whether the cue starting at ``cue_start`` follows a comparison word.

    >>> _compared("it outperforms fine-tuned models", 15), _compared("after fine-tuning", 6)
    (True, False)
    """
    return _search_compared_before(text, max(0, cue_start - 60), cue_start) is not None


def _clause(text: str, sentence: tuple[int, int], at: int) -> tuple[int, int]:
    """The clause of the sentence that holds offset ``at``."""
    lo, hi = sentence
    for brk in _search_clause_breaks(text, lo, hi):
        if brk.end() <= at:
            lo = brk.end()
        elif brk.start() >= at:
            hi = brk.start()
            break
    return lo, hi


def setting_of(
    text: str,
    sentence: tuple[int, int],
    number: tuple[int, int],
    numbers: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The setting of the number at ``number`` in ``text``, or None when none is named.

    text (str): The record's text.
    sentence (tuple[int, int]): The sentence holding the number.
    number (tuple[int, int]): Where the number is.
    numbers (Sequence[tuple[int, int]]): Every result number of the sentence, in order,
        to pair a "respectively" list of settings.
    RETURNS (str | None): A setting of :data:`SETTING_CUES`, or "k-shot" with the k.
    """
    cues = find_settings(text, *sentence)
    if not cues:
        return None
    if len({s for _, s in cues}) == 1:
        return cues[0][1]
    paired = _respectively(text, sentence, number, numbers, cues)
    if paired is not None:
        return paired
    middle = (number[0] + number[1]) // 2
    lo, hi = _clause(text, sentence, middle)
    inside = [(abs(at - middle), s) for at, s in cues if lo <= at < hi]
    if inside:
        return min(inside)[1]
    before = [(middle - at, s) for at, s in cues if at < middle]
    if before:
        return min(before)[1]
    return min((at - middle, s) for at, s in cues)[1]


def _respectively(
    text: str,
    sentence: tuple[int, int],
    number: tuple[int, int],
    numbers: Sequence[tuple[int, int]],
    cues: list[tuple[int, str]],
) -> str | None:
    """Pair "A and B ... in X and Y settings, respectively" in order, when the counts agree."""
    found = _search_respectively(text, *sentence)
    if found is None or number not in numbers or len(numbers) < 2:
        return None
    last = max(end for _, end in numbers)
    after = [s for at, s in cues if last <= at < found.start()]
    if len(after) != len(numbers):
        return None
    return after[list(numbers).index(number)]


# "on 5 test sets", "across three benchmarks", "averaged over the 8 datasets"
_search_several_sets = regex.compile(
    r"""\b(?:on|across|over|of|for)\s+(?:the\s+|all\s+)?
        (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|various)\s+
        (?:[\w\-]+\s+){0,4}?
        (?:test(?:ing)?\s+sets|datasets|benchmarks|test\s+suites|evaluation\s+sets)\b""",
    regex.IGNORECASE | regex.VERBOSE,
).search
_search_averaged = regex.compile(
    r"\b(?:on\s+average|averaged?|mean|overall|aggregate)\b", regex.IGNORECASE
).search


def averages_several_sets(sentence: str, benchmarks_named: int = 0, numbers: int = 1) -> bool:
    """Whether a sentence reports a value over several test sets, not on one of them.

    sentence (str): The sentence holding the number.
    benchmarks_named (int): How many distinct benchmarks the sentence names.
    numbers (int): How many result numbers the sentence holds.
    RETURNS (bool): True when the sentence speaks of several test sets, names at least
        two benchmarks, and either averages ("average", "mean", "overall") or gives fewer
        numbers than it names benchmarks, without pairing them ("respectively"). A suite's
        own average ("averaged over the 18 datasets of BEIR") names one benchmark: False.

    >>> averages_several_sets("On 5 test sets such as ImageNet-A and ObjectNet, "
    ...     "our model achieves 84.3% top-1 accuracy.", benchmarks_named=2)
    True
    >>> averages_several_sets("On three benchmarks, GSM8K, MATH and SVAMP, it scores "
    ...     "80%, 50% and 90%, respectively.", benchmarks_named=3, numbers=3)
    False
    """
    if _search_several_sets(sentence) is None:
        return False
    if _search_respectively(sentence):
        return False
    if benchmarks_named < 2:
        return False
    return _search_averaged(sentence) is not None or benchmarks_named > numbers


def fill_settings(record: PaperRecord) -> PaperRecord:
    """The record with each result's setting read from its text, as extraction reads it.

    For records written before ``Result.setting`` existed (the store's migration uses it):
    a record that already names a setting anywhere is returned as it is.
    """
    if any(result.setting for result in record.metrics):
        return record
    numbers: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for result in record.metrics:
        where = (result.sentence.start, result.sentence.end)
        numbers.setdefault(where, []).append((result.span.start, result.span.end))
    metrics = []
    for result in record.metrics:
        where = (result.sentence.start, result.sentence.end)
        number = (result.span.start, result.span.end)
        setting = setting_of(record.text, where, number, numbers[where])
        metrics.append(result.model_copy(update={"setting": setting}) if setting else result)
    return record.model_copy(update={"metrics": metrics})
