"""A metric's name as a leaderboard lists it: "F1" for "F1 score", "accuracy" for "average
accuracies".

The text names a metric with words that do not change what is measured: an aggregation
("average", "mean", "overall"), a reading ("relative", "absolute"), a generic "score"
after the name, a plural. A record names the metric without them, so results group by
metric across papers (``fixtures/gold/GUIDELINES.md``, "metric", states the convention).
Names whose words are part of what they measure stay whole: a listed name such as "mean
average precision", "average displacement error" or "Brier score" keeps its words when
dropping them would name another listed metric or none.

Where a name begins is the same convention read from the text: :func:`name_start` lets a
listed name reach left over the words that say what is measured ("deepfake detection
accuracy", "single-trial success rate") and stops at the words the record drops or never
holds (articles, verbs, judging adjectives, qualifiers, settings). Every word list is data,
in ``extractor/lexicon/cues.toml`` (``metric_*`` and ``measure_noun``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

import regex

from extractor.gazetteers import load_gazetteer
from extractor.lexicon.cues import word_set

_QUALIFIERS = word_set("metric_qualifier")
# Leading words that name the setting, stage or split a number was measured in, not what
# is measured ("inference-time win rate", "zero-shot accuracy", "target mIoU").
_SETTINGS = word_set("metric_setting")
_SETTING_SUFFIXES = tuple(sorted(word_set("metric_setting_suffix")))
# A count of weights and the words that say whose they are ("model parameters").
_WEIGHT_COUNTS = word_set("metric_weight_count")
_WEIGHT_OWNERS = word_set("metric_weight_owner")


def _listed_id(name: str) -> str | None:
    """The canonical id of a listed metric spelling, in any case; None when unlisted."""
    gazetteer = load_gazetteer("metrics")
    entry = gazetteer.entry(name) or gazetteer.entry(name.lower())
    return entry.id if entry else None


def _singular(word: str) -> str:
    """The singular of a metric's last word: "rates" -> "rate", "accuracies" ->
    "accuracy", "fetches" -> "fetch"; words that only end in "s" stay ("loss", "bias", "FPS"),
    and so do acronyms with an "s" ("FLOPs")."""
    if len(word) < 4 or not word.endswith("s") or word[:-1].isupper():
        return word  # "FLOPs", "MACs": acronyms written with an "s" stay as written
    if word.endswith("ies") and word[:-3].isalpha():
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word[-2].lower() in "asiu" or not word[:-1].replace("-", "").isalnum():
        return word
    return word[:-1]


def _keeps_words(whole: str, shorter: str) -> bool:
    """Whether the dropped words belong to a listed name: dropping them names another
    listed metric ("mean average precision" -> "average precision") or none ("average
    displacement error" -> "displacement error")."""
    whole_id = _listed_id(whole)
    return whole_id is not None and _listed_id(shorter) != whole_id


@cache
def metric_name(written: str) -> str:
    """The metric's name without qualifiers, generic "score" or plural.

    >>> [metric_name(n) for n in ("F1 score", "average accuracies", "mean AUROC")]
    ['F1', 'accuracy', 'AUROC']
    >>> [metric_name(n) for n in ("top-1 average accuracy", "character error rates")]
    ['top-1 accuracy', 'character error rate']
    >>> [metric_name(n) for n in ("mean average precision", "Brier score", "FPS", "loss")]
    ['mean average precision', 'Brier score', 'FPS', 'loss']
    >>> [metric_name(n) for n in ("FLOPs", "average score", "reasoning scores", "FooEval score")]
    ['FLOPs', 'average score', 'reasoning score', 'FooEval']
    >>> [metric_name(n) for n in ("inference-time win rates", "target mIoU", "test-time")]
    ['win rate', 'mIoU', 'test-time']
    >>> [metric_name(n) for n in ("F1-score", "Macro F1-scores", "F-score", "mean F1-scores")]
    ['F1', 'Macro F1', 'F-score', 'F1']
    """
    words = written.split()
    if not words:
        return written
    name = _singular_phrase(written)
    words = name.split()
    # "FID score" -> "FID"; "reasoning score" stays (the rest names no metric).
    if len(words) > 1 and words[-1].lower() == "score":
        shorter = " ".join(words[:-1])
        listed = _listed_id(shorter) is not None  # "BLEU-4 score": BLEU-4 is a name
        if listed or (_names_a_metric(shorter) and not _keeps_words(name, shorter)):
            name, words = shorter, words[:-1]
    # "F1-score" -> "F1", "Macro F1-scores" -> "Macro F1"; "F-score" stays (its name).
    if words[-1].lower().endswith("-score") and len(words[-1]) >= 8:
        shorter = " ".join([*words[:-1], words[-1][:-6]])
        if _names_a_metric(shorter) and not _keeps_words(name, shorter):
            name, words = shorter, shorter.split()
    kept = [w for w in words[:-1] if w.lower() not in _QUALIFIERS] + words[-1:]
    if len(kept) < len(words) and kept != ["score"]:
        shorter = " ".join(kept)
        if not _keeps_words(name, shorter):
            name = shorter
    name = _without_setting(name)
    name = _without_judgement(name)
    name = _without_weight_owner(name)
    # Once a word is gone, the rest may be a name the steps above shorten too: "mean
    # F1-scores" -> "F1-scores" -> "F1". Each step only shortens, so this ends.
    return metric_name(name) if len(name) < len(written) else name


def is_setting(word: str) -> bool:
    """A word naming a setting, stage or subset: "zero-shot", "5-shot", "validation".

    >>> is_setting("5-shot"), is_setting("Validation"), is_setting("detection")
    (True, True, False)
    """
    lowered = word.lower()
    return lowered in _SETTINGS or lowered.endswith(_SETTING_SUFFIXES)


def _without_setting(name: str) -> str:
    """The name without leading setting words ("zero-shot top-1 accuracy" -> "top-1
    accuracy"), unless they are all there is or belong to a listed name."""
    return _without_leading(name, is_setting)


def _without_weight_owner(name: str) -> str:
    """A count of weights without the words that only say whose they are.

    >>> [_without_weight_owner(n) for n in ("model parameters", "inference params")]
    ['parameters', 'params']
    >>> [_without_weight_owner(n) for n in ("trainable parameters", "model size")]
    ['trainable parameters', 'model size']
    """
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _WEIGHT_COUNTS:
        return name
    if not all(w.lower() in _WEIGHT_OWNERS for w in words[:-1]):
        return name
    return words[-1]


def _without_judgement(name: str) -> str:
    """The name without leading words that judge the value or point at it rather than say
    what is measured ("greater rate" -> "rate", "the accuracy" -> "accuracy"), unless they
    are all there is or belong to a listed name.

    >>> [_without_judgement(n) for n in ("greater rate", "near-parity accuracy", "best")]
    ['rate', 'accuracy', 'best']
    """
    return _without_leading(
        name, lambda w: w.lower() in _PHRASE_STOPS or w.lower().startswith(_JUDGING_PREFIXES)
    )


def _without_leading(name: str, drops: Callable[[str], bool]) -> str:
    """The name without the leading words ``drops`` holds for, unless they are all there is
    (or all but a generic "score") or belong to a listed name."""
    words = name.split()
    kept = list(words)
    while len(kept) > 1 and drops(kept[0]):
        kept.pop(0)
    if len(kept) == len(words) or kept == ["score"]:
        return name
    shorter = " ".join(kept)
    return name if _keeps_words(name, shorter) else shorter


def _names_a_metric(words: str) -> bool:
    """A listed metric, or a name by its shape ("FooEval", "PESQ", "F1"), not a plain
    word ("reasoning", "aggregate") nor a capitalised one ("Continuous Ranked
    Probabilistic" is no metric without its "Score")."""
    last = words.rsplit(None, 1)[-1]
    return _listed_id(words) is not None or any(c.isupper() or c.isdigit() for c in last[1:])


# Nouns that name a measure: written in the plural only because several numbers are
# reported ("success rates", "Dice coefficients"). Counted things keep their plural
# ("parameters", "frames", "valid molecules"): the count is of them.
_MEASURE_NOUNS = word_set("measure_noun")


def is_measure_noun(word: str) -> bool:
    """Whether a word, in the singular, names a measure: "similarities", "rate".

    >>> is_measure_noun("similarities"), is_measure_noun("rate"), is_measure_noun("models")
    (True, True, False)
    """
    return _singular(word).lower() in _MEASURE_NOUNS


def _singular_phrase(name: str) -> str:
    """The phrase with its last word in the singular when that word names a measure or
    the singular is a listed metric, unless the plural is itself a listed name the
    singular is not ("FLOPs")."""
    head, _, last = name.rpartition(" ")
    singular = _singular(last)
    if singular == last:
        return _singular_acronym(name, head, last)
    shorter = f"{head} {singular}" if head else singular
    if (
        singular.lower() not in _MEASURE_NOUNS
        and _listed_id(shorter) is None
        and _listed_id(singular) is None  # "rendering speedups": a speedup is measured
    ):
        return name
    return name if _keeps_words(name, shorter) else shorter


def _singular_acronym(name: str, head: str, last: str) -> str:
    """An acronym in the plural written for several numbers ("WERs", "AUCs", "mIoUs") in
    the singular, when the singular is a listed metric and the plural is no other metric
    nor a listed metric's own name ("FLOPs" stays)."""
    stem = last[:-1]
    if len(stem) < 2 or not last.endswith("s") or not any(c.isupper() for c in stem):
        return name
    stem_id, plural_id = _listed_id(stem), _listed_id(last)
    if stem_id is None or plural_id == last or plural_id not in (None, stem_id):
        return name
    return f"{head} {stem}" if head else stem


# Words that end a metric's name on its left: articles, prepositions, auxiliaries and the
# adjectives that judge a value ("a higher top-1 accuracy"); verbs in any inflection.
_PHRASE_STOPS = word_set("metric_phrase_stop")
_PHRASE_VERBS = word_set("metric_phrase_verb")
_PARTICIPLES = word_set("metric_participle")
_JUDGING_PREFIXES = tuple(sorted(word_set("metric_judging_prefix")))
# How many words a metric's name reaches left of its listed name: "in silico design
# success rate" -> "design success rate" would still be one; three is the most the
# field's names hold ("bias word recognition error rate").
_MAX_MODIFIERS = 3
_MAX_WORD_CHARS = 40


def _inflected(lemma: str) -> tuple[str, ...]:
    """A verb's forms: "reduce" -> reduces, reduced, reducing; "cut" -> cuts, cutting."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    doubled = lemma + lemma[-1] if len(lemma) <= 4 and lemma[-1] in "tpgnm" else lemma
    return (
        lemma,
        lemma + "s",
        lemma + "es",
        lemma + "d",
        lemma + "ed",
        stem + "ing",
        stem + "ed",
        doubled + "ed",
        doubled + "ing",
    )


@cache
def _verb_forms() -> frozenset[str]:
    return frozenset(form for lemma in _PHRASE_VERBS for form in _inflected(lemma))


_match_adverb = regex.compile(
    r"\p{Ll}+(?:ally|ously|ively|antly|ently|edly|ately|ingly|ably|ibly)"
).fullmatch


def is_not_a_measure_word(word: str) -> bool:
    """Whether a word that opens or ends a phrase cannot belong to a metric's name: an
    article or preposition, a verb, an adverb, or a word that judges the value.

    >>> [is_not_a_measure_word(w) for w in ("substantially", "lowering", "novel", "chunk")]
    [True, True, True, False]
    >>> [is_not_a_measure_word(w) for w in ("state-of-the-art", "anomaly", "training")]
    [True, False, False]
    """
    lowered = word.lower()
    return lowered in _PHRASE_STOPS or lowered in _verb_forms() or is_judging_or_adverb(word)


def is_judging_or_adverb(word: str) -> bool:
    """Whether a word judges a value or is an adverb: never a metric's last word.

    >>> [is_judging_or_adverb(w) for w in ("substantially", "state-of-the-art", "rank")]
    [True, True, False]
    """
    lowered = word.lower()
    return (
        lowered.startswith(_JUDGING_PREFIXES)
        or lowered in _JUDGING_WORDS
        or bool(_match_adverb(lowered))
    )


_JUDGING_WORDS = word_set("metric_judging_word")


@lru_cache(maxsize=8192)  # a pure function of the word, asked of the same words often
def is_name_modifier(word: str) -> bool:
    """Whether a word right before a metric's name says what is measured, so the name
    holds it: a lower-case word that is no article, preposition, judging adjective,
    verb, adverb, plural, qualifier or setting (those the name drops or never holds).

    >>> [is_name_modifier(w) for w in ("deepfake", "decoding", "single-trial", "top-1")]
    [True, True, True, True]
    >>> [is_name_modifier(w) for w in ("the", "higher", "reduces", "improving", "GSM8K")]
    [False, False, False, False, False]
    >>> [is_name_modifier(w) for w in ("significantly", "tokens", "average", "zero-shot")]
    [False, False, False, False]
    >>> [is_name_modifier(w) for w in ("weighted", "summed", "v2", "baseline")]
    [True, False, False, False]
    >>> [is_name_modifier(w) for w in ("through", "illustrate", "corresponding")]
    [False, False, False]
    """
    if not word or not word[0].isalpha() or word.endswith("-") or word != word.lower():
        return False  # a name, an acronym, a sentence's first word, a number
    if not all(ch.isalnum() or ch == "-" for ch in word):
        return False  # punctuation: the phrase ends there
    if word in _PHRASE_STOPS or word in _QUALIFIERS or is_setting(word):
        return False
    if word.startswith(_JUDGING_PREFIXES):
        return False  # "near-parity accuracy"
    if word in _verb_forms() or word.endswith("ly"):
        return False
    if word.endswith("ed") and word.rpartition("-")[2] not in _PARTICIPLES:
        return False  # "summed", "post-processed": a verb or a judgement
    if word[0] == "v" and word[1:2].isdecimal():
        return False  # a version: "v2 accuracy"
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))
    return "-" in word or not plural


def _is_title_case(name: str) -> bool:
    """Words each capitalised and otherwise lower case: "Error Rate", "Accuracy"."""
    return all(w[:1].isupper() and w[1:] == w[1:].lower() and w.isalpha() for w in name.split())


def _title_case_start(text: str, start: int) -> int:
    """Where a Title Case metric's name begins: the capitalised words right before it are
    its own ("Mix Error Rate", "Alignment Accuracy"), not after a sentence's end.

    >>> text = "it reaches a Mix Error Rate of 12.1%"
    >>> text[_title_case_start(text, text.index("Error")) :]
    'Mix Error Rate of 12.1%'
    """
    for _ in range(_MAX_MODIFIERS):
        gap = start - 1
        if gap <= 0 or text[gap] != " ":
            break
        word_start = text.rfind(" ", max(0, gap - _MAX_WORD_CHARS), gap) + 1
        word = text[word_start:gap]
        if not _is_title_case(word) or word.lower() in _PHRASE_STOPS or word_start == 0:
            break
        if text[:word_start].rstrip()[-1:] in ".!?:;":
            break  # the sentence's first word
        start = word_start
    return start


def name_start(text: str, start: int, end: int) -> int:
    """Where a metric's name begins, given its listed name at ``[start, end)``: the words
    right before it that say what is measured belong to it ("deepfake detection
    accuracy", "rendering speedups"), up to a word that does not (GUIDELINES.md, "metric
    names": words that change what is measured are kept). A name written with capitals
    ("AP@50", "RTF", "Dice", "ROC-AUC") is whole by itself: a word before it names a
    class, stage, subset or system ("bicycle AP@50", "inference RTF"), so none joins it.

    >>> text = "we improved deepfake detection accuracy by 39%"
    >>> at = text.index("accuracy")
    >>> text[name_start(text, at, at + 8) :]
    'deepfake detection accuracy by 39%'
    >>> text = "achieves a higher zero-shot accuracy"
    >>> at = text.index("accuracy")
    >>> text[name_start(text, at, at + 8) :]
    'accuracy'
    >>> text = "the bicycle AP@50 and the post-hoc ROC-AUC"
    >>> [text[name_start(text, at, at + n) : at + n] for at, n in ((12, 5), (35, 7))]
    ['AP@50', 'ROC-AUC']
    """
    written = text[start:end]
    if written != written.lower():
        return _title_case_start(text, start) if _is_title_case(written) else start
    for _ in range(_MAX_MODIFIERS):
        gap = start - 1
        if gap <= 0 or text[gap] != " ":
            break
        lo = max(0, gap - _MAX_WORD_CHARS)
        word_start = text.rfind(" ", lo, gap) + 1
        if word_start == 0 and lo > 0:
            break  # no word this long
        word = text[word_start:gap]
        if not is_name_modifier(word):
            break
        start = word_start
    return start
