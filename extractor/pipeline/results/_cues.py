"""The compiled cue patterns the result linker reads around a number.

The vocabularies are data in ``extractor/lexicon/cues.toml`` (change words and their
hedges, comparison and baseline words, condition verbs and resources, training verbs,
score words, settings, hardware, metric heads, the plain word sets); each regex
alternation and each pre-check is built from those lists by :mod:`extractor.lexicon.cues`,
so a word added to a list reaches both. What stays in the patterns is grammar: the
prepositions and punctuation that join a cue to its number. The costlier patterns sit
behind a cheap test of the words every match holds: ``_name`` skips the call when the test
fails and returns what ``_name_plain`` returns otherwise; tests/results/test_cues_fast.py
checks that they agree.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractor.lexicon.cues import (
    alternation,
    ends_in_word,
    gated_match,
    gated_of,
    gated_search,
    holds_any,
    last_words,
    mapping,
    matches_at,
    must_hold,
    phrases,
    word_set,
)

_holds_any = holds_any
_ends_in_word = ends_in_word
_gated_search = gated_search
_gated_match = gated_match
_gated_of = gated_of

_IMPROVEMENT_WORDS = phrases("improvement_after")
_CONDITION_RESOURCES = phrases("condition_resource")
_CONDITION_SETTINGS = phrases("condition_setting")
_HARDWARE_WORDS = phrases("hardware")
_METRIC_HEADS = phrases("metric_head")
_IMPROVEMENT = alternation(_IMPROVEMENT_WORDS)
_CONDITION_RESOURCE = alternation(_CONDITION_RESOURCES)
_CONDITION_SETTING = alternation(_CONDITION_SETTINGS)
_HARDWARE = alternation(_HARDWARE_WORDS)

# Cues read in the text just before a number ("gains of 28.35%", "by 9.3%").
_search_improvement_before_plain = regex.compile(
    rf"(?:\bby|\b{alternation(phrases('change_noun'))}\s+(?:of|by))"
    rf"\s+(?:{alternation(phrases('change_hedge'))}\s+)?$",
    regex.IGNORECASE,
).search


_search_improvement_before = _gated_search(
    _search_improvement_before_plain, lambda lowered: _holds_any(lowered, ("by", "of"))
)


_match_improvement_after_plain = regex.compile(
    rf"""
    \s*(?:(?:absolute|relative|average|overall|consistent|significant|net)\s+)?
    # "10% equal error rate (EER) reduction", "49.4% FLOPs reduction", "28% net reduction"
    (?:(?:[\w\-]+\s+){{1,3}}?\(\p{{Lu}}[\p{{Lu}}\d\-]{{0,9}}\)\s+
     |(?:[\w\-]+\s+){{0,2}}?)
    {_IMPROVEMENT}\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
).match
_match_improvement_after = _gated_match(
    _match_improvement_after_plain, must_hold(_IMPROVEMENT_WORDS)
)
# A change word right after a share, perhaps after one noun: "36.8% fewer steps", "32.3%
# model reduction" (a result, though "steps" and "model" name resources).
_match_change_after_plain = regex.compile(
    rf"\s+(?:[\w\-]+\s+)?{_IMPROVEMENT}\b", regex.IGNORECASE
).match
_match_change_after = _gated_match(_match_change_after_plain, must_hold(_IMPROVEMENT_WORDS))


# A margin stated right after the number: "1.4 points above ResNet-50", "3% ahead of the
# best baseline", "2.1 points over GPT-4o" (not "85% over the test set", nor "over 5 runs").
_match_margin_after = regex.compile(
    r"\s+(?:above|ahead\s+of|over\s+(?=\p{Lu}|(?:the\s+)?(?:best|strongest|previous|prior|"
    r"baselines?|state-of-the-art|SOTA|existing|competing|current)\b))",
).match
_BASELINE_WORDS = phrases("baseline_before")
_search_baseline_before_plain = regex.compile(
    # "than" after a comparative states a margin ("higher than 41.2" is no baseline's value)
    r"(?<!\b(?:less|more|fewer|greater|higher|lower|better|worse)\s)"
    rf"\b{alternation(_BASELINE_WORDS)}(?!\w)\s+$",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards from it
).search
_BASELINE_ENDS = last_words(_BASELINE_WORDS)


_search_baseline_before = _gated_search(
    _search_baseline_before_plain, lambda lowered: _ends_in_word(lowered, _BASELINE_ENDS)
)


# Between a bare result and a bare number it is compared with, in the same clause:
# "8.43 perplexity on X, compared to 7.81", "a BLEU of 31.2 versus 29.8".
_match_compared_gap = regex.compile(
    r"(?:[^.;()]|\.(?=\d)){0,80}?(?:\bcompared\s+(?:to|with)|\bversus|\bvs\.?|\brelative\s+to|"
    r"\bagainst)\s+(?:(?:the|a|an)\s+)?(?:baseline(?:'s|s)?\s+(?:of\s+)?)?[+\-]?\Z",
    regex.IGNORECASE,
).match
# What may follow such a compared number: the clause ends or a phrase naming its setting
# ("7.81 in full precision", "29.8 for the baseline"); not a counted noun ("7 layers").
_match_baseline_close = regex.compile(
    r"\s*(?:[,;)]|\.(?!\d)|\Z|(?:in|for|with|by|of|from|on|and|under|at)\b)",
    regex.IGNORECASE,
).match

# A speed-up or compression factor ("10x faster", "13 x more compact"); "3.75x larger
# than CLIP" and "2x more data" describe sizes and are not results.
_match_factor_cue = regex.compile(
    r"""\s*(?:[\w\-]+\s+(?=speed|accel|reduc|compress|saving|degrad))?  # "3.3x training
        (?:(?:average|mean|overall|median|absolute|relative)\s+          # speedup", "7x
           (?=speed|accel|reduc|compress|saving|degrad))?                   # average speed-up"
        (?:faster|savings?|speed-?ups?|acceleration|more\s+(?:compact|efficient)|smaller|less|fewer|
        lower|cheaper|reductions?|reduced|compression|compressed|improvements?|improved|
        higher|better|worse|degradations?|degraded)\b""",
    regex.VERBOSE | regex.IGNORECASE,
).match
# A time that is a measured latency, not a budget or a duration of training: "40 ms
# latency", "20 ms per token", "1.2 s end-to-end delay".
_TIME_UNITS = word_set("time_unit")
_match_time_metric = regex.compile(
    r"\s+(?:[\w\-]+\s+)?"  # "40 ms latency", "0.56 s algorithmic latency"
    r"(?:latency|delay|inference\s+time|response\s+time|runtime)\b"
    r"|\s*(?:per\s+|/)(?:image|frame|token|sample|query|utterance|step)\b"
    # measured on a device: "102 ms on GPU", "6.68 ms on an RTX4090"
    rf"|\s+on\s+(?:(?:a|an|the|one|a\s+single)\s+)?(?:[\w\-]+\s+)?(?:{_HARDWARE}|RTX\s?\w+|"
    r"[AHV]100|Jetson\w*|A\d{{4}})\b",
    regex.IGNORECASE,
).match
# A latency named before its value: "a latency of 48.99 milliseconds", "reducing latency
# from 21 to 8 seconds", "the lowest initial delay ...: 102 ms".
_search_time_metric_before = regex.compile(
    r"\b(?:latency|latencies|delay|inference\s+time|response\s+time|runtime|"
    r"time-to-first-\w+)(?:\s+(?:of|is|was|at|from|to|down\s+to|reduced\s+to))?"
    r"(?:\s+(?:only|just|about|approximately|around|under|below|~|on\s+the\s+order\s+of))?"
    r"\s*[:=(]?\s*\Z",  # "a latency of 48 ms", "latency: 5 ms", "more latency (960 s)"
    regex.IGNORECASE,
).search
# "a speed-up of 3x", "a 7x speed-up (up to 40x)": the peak in brackets after the noun.
_search_factor_before = regex.compile(
    r"(?:speed-?ups?|acceleration|compression(?:\s+ratio)?|reduction|faster(?=\s*\())"
    r"(?:\s+(?:of\s+)?|\s*\(\s*)(?:up\s+to\s+)?$",
    regex.IGNORECASE,
).search

# A share of a resource is a condition, not a result: "3.3% of the ground-truth labels",
# "less than 10% data", "at 50% sparsity".
_match_condition_after_plain = regex.compile(
    rf"""
    \s*(?:
        (?:of\s+)?(?:the\s+|its\s+|their\s+)?
        (?:(?!(?:and|or|but|while|whereas|than|respectively)\b)[^\s,;]+\s+){{0,2}}?
        {_CONDITION_RESOURCE}\b
      | {_CONDITION_SETTING}\b
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
).match
_match_condition_after = _gated_match(
    _match_condition_after_plain, must_hold(_CONDITION_RESOURCES + _CONDITION_SETTINGS)
)


# A share of evaluation items is a rate ("incorrect on 34% of instances") unless the
# words before make it a condition ("trained on only 10% of the samples").
_match_items_after_plain = regex.compile(
    r"\s*of\s+(?:the\s+)?(?:\S+\s+){0,3}?"
    r"(?:samples?|examples?|images?|queries|instances|cases|questions|problems|tasks|prompts)\b",
    regex.IGNORECASE,
).match
_search_item_condition_before = regex.compile(
    r"(?:train\w*|fine-?tun\w*|us(?:e|es|ed|ing)|with|keep\w*|retain\w*|remov\w*|select\w*|"
    r"sampl\w*|annotat\w*|label\w*)\s+(?:(?:on|only|just|merely|the|a|as\s+little\s+as|"
    r"less\s+than|fewer\s+than)\s+)*$",
    regex.IGNORECASE,
).search
# "97% of the dense model's performance" is a result, whatever noun comes before.
_match_share_of_performance_plain = regex.compile(
    r"\s*of\s+(?:the\s+)?(?:\S+\s+){0,3}?\S*['’]s\s+(?:performance|accuracy|quality|score)",
    regex.IGNORECASE,
).match


_match_items_after = _gated_of(_match_items_after_plain)
_match_share_of_performance = _gated_of(_match_share_of_performance_plain)
_CONDITION_VERBS = phrases("condition_verb")
_CONDITION_FILLERS = phrases("condition_filler")
_search_condition_before_plain = regex.compile(
    rf"\b{alternation(_CONDITION_VERBS)}\s+(?:{alternation(_CONDITION_FILLERS)}\s+)?$",
    regex.IGNORECASE,
).search
_CONDITION_BEFORE_ENDS = last_words(_CONDITION_VERBS + _CONDITION_FILLERS)


_search_condition_before = _gated_search(
    _search_condition_before_plain,
    lambda lowered: _ends_in_word(lowered, _CONDITION_BEFORE_ENDS),
)


# A bare number is a result only beside a metric: "BLEU of 32.1", "scores of 49.36".
_search_metric_link_before = regex.compile(
    r"""(?:\)?\s*(?:of|is|was|=|:|reaches|reached|achieves?|achieved|at|to|by|score[sd]?|
        scores\s+of|rate\s+of|value\s+of|between)?\s*)$""",
    regex.VERBOSE | regex.IGNORECASE,
).match
_SCORE_NOUNS, _SCORE_VERBS = phrases("score_noun"), phrases("scoring_verb")
_search_score_of_plain = regex.compile(
    rf"\b(?:{alternation(_SCORE_NOUNS)}\s+(?:of|at)"
    # "score" as a verb: "Mistral-7B scores 62.5", "it scored only 41.2"
    rf"|{alternation(_SCORE_VERBS)}(?:\s+{alternation(phrases('score_hedge'))})?)\s+$",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards from it
).search
_SCORE_HELD = must_hold(_SCORE_NOUNS + _SCORE_VERBS)


_search_score_of = _gated_search(
    _search_score_of_plain, lambda lowered: _holds_any(lowered, _SCORE_HELD)
)


# A change stated as "reduces the error ... from 0.20 to 0.02": bare numbers, but results.
_search_change_verb = regex.compile(
    r"\b(?:reduc|decreas|lower|cut|improv|increas|rais|boost|drop|fall|fell|rose|rise|go(?:es)?\s+up)"
    # a decimal point does not end the clause: "improves from 0.114 to 0.328, and X from 0.156"
    r"\w*\b(?:[^.;]|\.(?=\d))*\Z",
    regex.IGNORECASE,
).search
# Numbers listed together: "28.35% and 8.69%", "4.04 on SpEAR and 1.46 on VPQAD",
# "51.6% in classification and 91.8% in retrieval".
# The place may be a name with digits in it ("on CIFAR-10 and 76.3% on CIFAR-100"), as long
# as no word of it starts with a digit (another number).
# The subset a value is for may stand in brackets after it: "a Dice of 0.91 (WT), 0.87 (TC)
# and 0.80 (ET)" (a label without digits).
# The label may hold digits when it does not start with one ("(QM9)", "(MD17 Energy)"); a
# spread or a confidence interval may follow a value ("10.9% (95% CI 8.3%-13.5%) in AUC,
# 10.0% ...", "0.91 ± 0.02, 0.87 ± 0.03"), and the place may follow the brackets.
_LIST_PLACE = (
    r"(?:(?:on|in|for|against)\s+"
    r"(?:[^,;.\d\s][^,;\s]*\s+){0,4}?[^,;.\d\s](?:[^,;\s]*[^,;.\s])?\s*)?"
)
_match_list_gap_plain = regex.compile(
    r"^\s*(?:(?:±|\+/-)\s*\d[\d.]*\s*%?\s*)?"
    + _LIST_PLACE
    + r"(?:\((?:(?![\s\d.+\-±−])[^()=<>≤≥]{1,30}"
    r"|\s*\d\d\s*%\s*(?:CI|confidence\s+interval)[^()]{0,40})\)\s*)?"
    + _LIST_PLACE
    + r"(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)$"
).match
_LIST_GAP_ENDS = (",", "and", "or", "/")


def _match_list_gap(gap: str) -> regex.Match[str] | None:
    """``_match_list_gap_plain(gap)``, skipped unless the gap ends in one of the list's
    separators (and white space): most gaps between two numbers do not, and the pattern
    tried on them costs ~3 us a call."""
    if not gap.rstrip().endswith(_LIST_GAP_ENDS):
        return None
    return _match_list_gap_plain(gap)


# Only a conjunction between two numbers: "53.1 and 54.4 AP", "53.1, 54.4 and 55.0 AP".
_match_plain_list_gap = regex.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)\Z").match
# A name compared against: "outperforms CLIP", "surpasses similar models - CLIP and ALIGN",
# within the clause before it.
_COMPARISON_WORDS = phrases("comparison")
_USED_WORDS = last_words(phrases("used_with"))
_search_compared_plain = regex.compile(
    rf"\b{alternation(_COMPARISON_WORDS)}\b"
    # up to the name, within the clause; a decimal point does not end it ("compared to
    # 65.2% for GPT-4")
    r"(?:(?![;.]|,\s(?:and|but|while|whereas)\b).|\.(?=\d))*\Z"
    # "as" of "such as" lists names, it does not say what they are used as
    rf"|(?<!such\s)\b{alternation(phrases('used_with'))}\s+(?:the\s+)?\Z",
    regex.IGNORECASE,
).search
_COMPARED_STEMS = must_hold(_COMPARISON_WORDS)


def _may_be_compared(lowered: str) -> bool:
    """Whether ``_search_compared_plain`` may match an ASCII window in lower case. The first
    branch holds a comparison word; the second ends the window with "on", "using", "with",
    "by" or "as", white space and maybe "the" and white space, so with the white space (and
    then "the") stripped the window ends in one of those words."""
    if _holds_any(lowered, _COMPARED_STEMS):
        return True
    tail = lowered.rstrip()
    if tail.endswith("the"):
        tail = tail[:-3].rstrip()
    return tail.endswith(_USED_WORDS)


_search_compared = _gated_search(_search_compared_plain, _may_be_compared)


# A name followed by its verb is the subject: "Bone achieved", "RCP can compress".
_match_subject_verb = regex.compile(
    r"(?:\s*\([^)]{0,40}\))?\s+(?:also\s+|further\s+|consistently\s+|significantly\s+)?"
    r"(?:achiev|reach|attain|obtain|improv|outperform|surpass|yield|get|scor|deliver|reduc|"
    r"compress|boost|increas|lead|can|could|is|was|has|show|demonstrat|perform|enabl)",
    regex.IGNORECASE,
).match
# A new clause with its own, unnamed subject: "X reaches 71.3% while our model reaches
# 73.8%": the later number is not X's. A noun phrase is a subject only with a verb after
# it in its clause: ", and the best AP on Y" continues X's list of objects.
_search_new_subject = regex.compile(
    r"(?:\b(?:while|whereas|but)|,\s+and|;)\s+(?:"
    r"(?:it|we)\b"
    r"|(?:our|the|this|these|its|ours)\b"
    rf"(?=[^,;.]{{0,60}}?\b{alternation(phrases('clause_verb'))}\b))",
    regex.IGNORECASE,
).search
_match_name_list_gap = regex.compile(r"(?:['’]s)?\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)\Z").match
# Between a list of metrics and the list of their numbers: "precision and recall by 3.2%
# and 2.5%", "F1 and EM of 71.2 and 80.4", "mAP and NDS (0.31 and 0.42)".
_match_metrics_numbers_gap = regex.compile(
    r"\s+(?:by|of)\s+(?:(?:up\s+to|about|around|nearly|roughly|over)\s+)?\Z|\s*\(\Z"
).match
_search_respectively = regex.compile(r"\brespectively\b", regex.IGNORECASE).search
# (a comma ends it: "an FID of 2.43, and on Y, ..." opens another clause's setting; so does
# a conjunction right before the preposition: "by 8% on A and on B by 5%")
_match_benchmark_preposition = regex.compile(
    r"^\s*(?:,\s*respectively\s*,?\s*)?(?:(?:[^\s,;]+|[^\s,;]*,\s*respectively,?)\s+){0,6}?"
    r"(?<!\b(?:and|or|but|while|whereas)\s+)(?:on|in|for|across|of|from)\s+"
    r"(?:the\s+|(?-i:an?\s+(?:(?!of\b|subset\b|part\b)[a-z][\w\-]*\s+){0,3}))?$",
    regex.IGNORECASE,
).match

_match_number_on = regex.compile(r"\s(?:(?:on|in)\s(?:the\s)?)?").match

# A name after a number belongs to it only within the clause and before the next number;
# a name before it, only if no other number or ";" stands between.
_search_clause_break = regex.compile(
    r"[,;:()]|(?<![\w\-])\d|\b(?:and|or|but|while|whereas|than|compared)\b"
    # a condition the number holds under: "a ratio of 4.2 with negligible loss", "95% at
    # a 1% false positive rate"
    r"|\b(?:with|without|at|under|using|given|despite)\b"
).search


def _joins_after(gap: str) -> bool:
    """Whether a name this far after a number still belongs to it ("85.7% top-1 accuracy")."""
    return len(gap.split()) <= 3 and not _search_clause_break(gap)


# Results joined by "and" share the benchmark named after the last of them:
# "54.3 box AP and 47.1 mask AP on COCO", "63.5 HOTA, 78.2 IDF1 and 80.1 MOTA on MOT17".
_METRIC_WORD = (
    r"(?!(?:on|in|for|across|than|over|with|at|by|from|to|compared|versus|vs|while|whereas|"
    r"but|and|or|of|respectively)\b)[\p{L}][\w@\-.]*(?:(?<=@\d+)%)?"
)
_match_coordinated_results = regex.compile(
    rf"""
    (?:\s+(?:in\s+)?{_METRIC_WORD}){{0,3}}                    # this number's metric
    (?:\s*,\s*(?:and\s+)?|\s+and\s+)                           # and
    (?:(?:an?|the)\s+)?(?:(?:{_METRIC_WORD}\s+){{1,4}}?(?:of|by)\s+)?      # "an SSIM of"
    [+\-]?\d[\d.,]*(?:\s?(?:%|points?|dB))?                     # the next number
    (?:(?:\s+(?:in\s+)?{_METRIC_WORD}){{0,3}}                     # its metric, and more
     (?:\s*,\s*(?:and\s+)?|\s+and\s+)
     (?:(?:an?|the)\s+)?(?:(?:{_METRIC_WORD}\s+){{1,3}}?(?:of|by)\s+)?
     [+\-]?\d[\d.,]*(?:\s?(?:%|points?|dB))?)*
    (?:\s+(?:in\s+)?{_METRIC_WORD}){{0,3}}
    \s+(?:on|in|across)\s+(?:the\s+)?\Z
    """,
    regex.VERBOSE | regex.IGNORECASE,
).match

_match_own_benchmark = regex.compile(r"\s(?:on|in)\s(?:the\s)?\Z").match
# A metric named right after a number of a list: "50% in exact match", "78.5% accuracy".
_match_own_metric = regex.compile(r"\s(?:(?:in|of|for)\s(?:the\s)?)?\Z").match

# A number right before a name claims it ("7.55 on MT-Bench"); a digit inside a metric or
# model name does not ("pass@1 on HumanEval", "nDCG@10 on BEIR", "GPT-4 on MMLU").
_search_claimed = regex.compile(
    r"(?<![\p{L}@_\d.,]|\p{L}[\-@])\d+(?:[.,]\d+)*(?:%|\s?points?)?(?:\s+(?!(?:and|or|but|while|with|whereas)\b)[^\s\d,;.]+){0,2}"
    r"\s+(?:(?:on|in)\s+(?:the\s+)?)?$",
    regex.IGNORECASE,
).search

_search_range_cue = regex.compile(
    r"\b(?:gains?|improvements?|increases?|boosts?|reductions?|by)\b", regex.IGNORECASE
).search

# Units that make a number a result by themselves (decibels: PSNR, SNR; frames per second).
_RESULT_UNITS = word_set("result_unit")

# A sentence's setting: "On X, ...", "In the X suite, ...", "Evaluated on X, ...", "experiments on
# X show ..." ("in" only where the sentence opens).
# A later clause's own setting: "On X, A reaches 2.4, and on Y, A reaches 4.0".
_search_clause_setting = regex.compile(
    r"[,;]\s+(?:and\s+|while\s+|whereas\s+|but\s+)?(?:on|across)\s+(?:the\s+)?\Z",
    regex.IGNORECASE,
).search
_search_setting = regex.compile(
    r"(?:\A\s*(?:on|across|in)|\b(?:evaluat\w*|experiments?|tested|results?|benchmark\w*)\s+"
    r"(?:on|across))\s+(?:the\s+|our\s+|their\s+|its\s+)?\Z",
    regex.IGNORECASE,
).search

# A paper's evaluation setting: "Experiments on X show", "evaluated on the widely used X",
# "On the X benchmark, ..." (at the start of a sentence).
_search_evaluation_setting = regex.compile(
    r"(?:\b(?:evaluat\w*|experiments?|tested|results?|benchmark(?:ed|ing))\s+"
    r"(?:(?:our|the|its|their|this|these|all)\s+[\w\-]+\s+)?"  # "evaluate our model on"
    r"(?:on|across)\s+"
    r"(?:the\s+)?(?:(?:[\w\-]+\s+){0,3}?)|(?:\A|[.;]\s+)On\s+(?:the\s+)?)\Z",
    regex.IGNORECASE,
).search
# A benchmark named as where a study is run: "on the CADEC corpus", "Evaluated on the
# official X", "on the widely used X" (not "trained with X", "fine-tuned on X").
_search_evaluated_on_before = regex.compile(
    r"(?<!\b(?:train|fine-?tun|pre-?train)\w*\s(?:(?!evaluat|test)\w+\s){0,3})"
    r"\b(?:on|across)\s+"
    r"(?:the\s+)?(?:(?:official|widely[\s-]used|popular|public|standard|challenging|"
    r"large-scale|well-known)\s+)*\Z",
    regex.IGNORECASE,
).search
# A sentence that places its numbers in a setting of its own: "on tiny object classes",
# "across all durations", "on the GPU" (but "on par with" and "across all metrics" place
# nothing).
_search_other_setting = regex.compile(
    r"\b(?:on|across)\s+(?!par\b|(?:all\s+|the\s+|several\s+|multiple\s+|\w+\s+)?"
    r"(?:metrics|measures)\b)",
    regex.IGNORECASE,
).search
# A sentence that sets its numbers on data it does not name: "an average of 63.0 across six
# benchmarks", "on those two datasets", "on a real-world cutting dataset" (the paper's one
# named benchmark is not theirs; a determiner or count is needed: "on test data" is not).
_search_unnamed_data = regex.compile(
    r"\b(?:on|across|over)\s+(?:(?:a|an|those|these|other|several|multiple|all|\d+|two|three|"
    r"four|five|six|seven|eight|nine|ten)\s+)(?:[\w\-]+\s+){0,3}?"
    r"(?:datasets?|benchmarks?|corpora|data)\b",
    regex.IGNORECASE,
).search
# Data of the paper's own, not a benchmark: "on proprietary datasets", "in real-world
# evaluations", "on our in-house test data" (not "on the private test set" of a
# leaderboard).
_search_own_data = regex.compile(
    r"\b(?:on|in|across|over|from)\s+(?:(?:the|our|its|their)\s+)?"
    rf"{alternation(phrases('own_data_modifier'))}\s+(?:[\w\-]+\s+){{0,2}}?"
    rf"{alternation(phrases('own_data_noun'))}\b",
    regex.IGNORECASE,
).search
# A set named with its data noun: "on the 3D-IRCADb-01 dataset", "of the MIRAGE
# question-answering benchmark" (a name with a capital or digit; the caller checks that the
# name finder did not find it).
_finditer_named_data = regex.compile(
    r"\b(?:on|of|in|from)\s+the\s+(?P<name>(?-i:[\w\-]*[\p{Lu}\d][\w\-]*))\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:dataset|benchmark|corpus|database|challenge)\b",
    regex.IGNORECASE,
).finditer
# A clause opening on a named setting: "On CMRxRecon2024, X outperforms ...; on fastMRI
# brain, ..." (a name with a digit or a capital after its first letter, not "On Average,").
_opening_setting = regex.compile(
    r"(?:\A|[.;]\s+)On\s+(?:the\s+)?(?P<name>[\p{Lu}\d][^\s,;.]*)", regex.IGNORECASE
)
_match_opening_setting = _opening_setting.match


def _finditer_opening_setting(text: str) -> Iterator[regex.Match[str]]:
    """``_opening_setting.finditer``, tried only where a match can start: at the text's
    start and at a stop or semicolon with white space after it (a case-blind scan of the
    whole text cost ~28 us an abstract). As ``finditer`` does, a place inside the match
    found before is skipped."""
    places = [0]
    for stop in ".;":
        at = text.find(stop)
        while at >= 0:
            if text[at + 1 : at + 2].isspace():  # (white space to ``regex`` is too)
                places.append(at)
            at = text.find(stop, at + 1)
    return matches_at(_match_opening_setting, text, places)


# The end of a list's "respectively" with the benchmark of all its numbers after it:
# "4.1% and 10.6% lower EER and minDCF, respectively, on X".
_search_respectively_on = regex.compile(
    r"\brespectively\s*,?\s+(?:on|in|across|over|for)\s+(?:the\s+)?\Z", regex.IGNORECASE
).search
# The brackets a number stands in open right after a name: "CLCD (F1: 81.41%, IoU: 68.65%)".
_match_open_bracket_after_name = regex.compile(r"\s*\([^()]*\Z").match
# A benchmark the paper introduces: "we introduce X, a benchmark", "we release the X corpus".
_search_introduced_before = regex.compile(
    r"\b(?:introduc|present|construct|releas|curat|collect)\w*\s+(?:(?:a|an|the|our)\s+)?"
    r"(?:new\s+|novel\s+)?\Z",
    regex.IGNORECASE,
).search
# What a benchmark the paper introduces is called right after its name: "X, a benchmark
# spanning 21 tasks" (not "X, a dataset of 120k preference pairs", which may be training
# data).
_match_called_benchmark = regex.compile(
    r"\s*,\s*(?:an?|the|our)\s+(?:[\w\-]+\s+){0,3}?(?:benchmark|test\s+suite|evaluation\s+suite)s?\b",
    regex.IGNORECASE,
).match
# A number measured on hardware, not on a benchmark: "119 FPS on the 2080ti GPU",
# "40 ms on a single A100 card" (up to two words between the number and "on").
_match_on_hardware_plain = regex.compile(
    r"(?:\s*[^\s,;.]+){0,2}?\s+on\s+(?:the\s+|an?\s+|one\s+|a\s+single\s+)?"
    rf"(?:[\w\-]+\s+){{0,2}}?{_HARDWARE}\b",
    regex.IGNORECASE,
).match
_HARDWARE_HELD = must_hold(_HARDWARE_WORDS)
_match_on_hardware = _gated_search(
    _match_on_hardware_plain, lambda lowered: _holds_any(lowered, _HARDWARE_HELD), longest=300
)


# Numbers from people, not from a benchmark: "in human evaluations", "a user study".
_search_human_study = regex.compile(
    r"\b(?:human|user|expert|annotator)s?\s+(?:evaluations?|studies|study|reviews?|raters?|"
    r"preferences?|judge?ments?|assessments?|ratings?)\b",
    regex.IGNORECASE,
).search

# What a change is in, when no listed metric names it.
_WHAT = (
    r"(?P<what>(?!the\b)[\p{L}][\p{L}\-]*"
    r"(?:\s(?!(?:and|or|while|on|for|over|than|with|compared|by|at|of|to|in|across|a|an|the)\b)"
    r"[\p{L}][\p{L}\-]*){0,2})"
)
_match_change_in = regex.compile(
    rf"\s+(?:[\w\-]+\s+)?(?:improvements?|increases?|gains?|boosts?|reductions?|decreases?|drops?|rises?)"
    rf"\s+(?:in|of)\s+(?:the\s+|their\s+|its\s+)?{_WHAT}(?=[\s,.;:)]|\Z)",
    regex.IGNORECASE,
).match
_search_changed_by_plain = regex.compile(
    rf"\b(?:improv|increas|reduc|boost|rais|lower|decreas|enhanc|cut)\w*\s+(?:the\s+|its\s+|their\s+)?"
    rf"{_WHAT}(?:\s*\((?P<bracketed>[^()]{{1,30}})\))?"
    rf"\s+(?:(?:of|over|on|for|across|compared\s+(?:to|with)|relative\s+to)\s+[^,;.]{{1,60}}?\s+)?"
    rf"by\s+(?:up\s+to\s+|an\s+average\s+of\s+|about\s+|over\s+|more\s+than\s+|nearly\s+|"
    rf"around\s+|roughly\s+|approximately\s+|at\s+least\s+)?\Z",
    regex.IGNORECASE,
).search
_CHANGED_BY_VERBS = (
    "improv",
    "increas",
    "reduc",
    "boost",
    "rais",
    "lower",
    "decreas",
    "enhanc",
    "cut",
)
# the last word of "by" and of each hedge after it ("up to", "an average of", "at least")
_CHANGED_BY_ENDS = (
    "by",
    "to",
    "of",
    "about",
    "over",
    "than",
    "nearly",
    "around",
    "roughly",
    "approximately",
    "least",
)


def _may_be_changed_by(lowered: str) -> bool:
    """Whether a window in lower case may hold a match of ``_search_changed_by_plain``:
    it ends in "by" or a hedge's last word (and white space) and holds a change verb."""
    return lowered.rstrip().endswith(_CHANGED_BY_ENDS) and _holds_any(lowered, _CHANGED_BY_VERBS)


_search_changed_by = _gated_search(_search_changed_by_plain, _may_be_changed_by)
# What a change after the number is in, past an aside in brackets: "by 10.9% (95% CI
# 8.3%-13.5%) in AUC", "by 14% and 44% in rank", ", in terms of the AUC".
_match_in_what_after = regex.compile(
    rf"(?:\s*\([^()]{{0,60}}\))?\s*,?(?:\s+\p{{L}}+er(?=\s+in\s+terms\b))?"
    rf"\s+in\s+(?:terms\s+of\s+)?(?:the\s+|their\s+|its\s+)?"
    rf"{_WHAT}(?=[\s,.;:)]|\Z)",
    regex.IGNORECASE,
).match
# The other end of "from A to B" right after A: "to just 0.02".
_match_to_after = regex.compile(r"\s+to\s+(?:just\s+|only\s+|about\s+)?[+\-]?\d").match
# What changes "from" the number to another: "latency drops from 21 to 8 s", "reduces the
# error in the distance between A and B from 0.20 to 0.02".
_search_changed_from = regex.compile(
    rf"(?:(?<![\w\-]){_WHAT}\s+(?:drop|fall|fell|rise|rose|increase|decrease|improve|go|went|"
    rf"climb|grow|grew|shrink|shrank|jump|declin|narrow|widen)\w*|"
    rf"\b(?:improv|increas|reduc|boost|rais|lower|decreas|enhanc|cut|narrow|shrink|bring)\w*"
    rf"\s+(?:the\s+|its\s+|their\s+)?{_WHAT}(?:\s+(?:of|on|for|in|across)\s+[^,;.()]{{1,80}}?)?)"
    rf"\s+from\s+(?:just\s+|only\s+|about\s+)?\Z",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards from it
).search
# Numbers and names written as slash lists, paired in order: "0.3 / 2.9% absolute WER /
# B-WER", "FID/IS of 1.59/304.4".
_SLASH_NUMBER = r"[+\-]?\d+(?:\.\d+)?\s?%?"
_search_slash_numbers_before = regex.compile(rf"(?:{_SLASH_NUMBER}\s*/\s*)+\Z").search
_match_slash_numbers_after = regex.compile(rf"(?:\s*/\s*{_SLASH_NUMBER})+").match
# A slash chain of numbers and the comma before the next one: "0.9838/2.4885, " in
# "AUROC/AURC of 0.9838/2.4885, 0.9946/0.2660, and 0.9925/0.8193".
_search_previous_slash_chain = regex.compile(
    rf"(?<![\w.])(?:{_SLASH_NUMBER}\s*/\s*)+{_SLASH_NUMBER}\s*,\s*(?:and\s+)?\Z"
).search
_match_slash_names_after = regex.compile(
    rf"\s+(?:(?:{alternation(sorted(word_set('metric_qualifier')))}|lower|higher)\s+)?"
    r"(?P<names>[^\s/,;()]+(?:\s*/\s*[^\s/,;()]+)+)"
).match
_search_slash_names_before = regex.compile(
    r"(?<![^\s(])(?P<names>[^\s/,;()]+(?:\s*/\s*[^\s/,;()]+)+)\s*(?:of|:|=|at|reach\w*)?\s+\Z"
).search
# A short label right before the number with "=" or ":": "R2=0.973", "overall k: 0.313",
# "FID: 1.59".
_search_label_before = regex.compile(
    r"(?<![\w\-@.])(?P<what>[A-Za-z][\w\-@]{0,11})\s*[=:]\s*\Z"
).search
_search_lowercase_run = regex.compile(r"\p{Ll}{3}").search
# An acronym after an article and right before the number through "of": "a RayPQ of 15.3",
# "an mAPH of 71.2".
_search_acronym_of_before = regex.compile(
    r"\b(?:a|an|the|its|their|our)\s+"
    r"(?P<what>(?=[\w@\-]*\p{Lu}[\w@\-]*\p{Lu})\p{L}[\w@\-]*)\s+of\s+\Z"
).search
# Words too vague to name what changed.
_VAGUE_WHATS = word_set("vague_change")

# A metric written as a noun phrase beside the number, when no listed metric is there:
# "50% answer consistency", "reasoning scores of 0.696". Only a fallback.
_MOD = (
    r"(?!(?:the|a|an|and|or|of|in|on|for|to|with|by|at|its|their|our|this|that|these|those|"
    r"high|higher|highest|low|lower|lowest|best|better|good|strong|significant|improved|"
    r"overall|final|same|similar|different|such|all|new|both|than|while|which|is|are|was|"
    r"were|achieves?|achieved|reaches|reached|obtains?|yields?|shows?|improves?|reduces?)\b)"
    rf"(?!{alternation(phrases('praise_modifier'))}(?![\p{{L}}\-]))"
    r"\p{L}[\p{L}\-]*"
)
_HEAD = alternation(_METRIC_HEADS)
_match_metric_phrase_after = regex.compile(
    rf"\s+(?P<what>(?:{_MOD}\s){{0,2}}{_HEAD})\b", regex.IGNORECASE
).match
_search_metric_phrase_before_plain = regex.compile(
    rf"(?<![\w\-'’])(?P<what>(?:{_MOD}\s){{0,2}}{_HEAD})\s+(?:of\s+|is\s+|was\s+|=\s*|:\s*|at\s+)?\Z",
    regex.IGNORECASE,
).search
_HEAD_HELD = must_hold(_METRIC_HEADS)
_HEAD_ENDS = tuple(sorted({head.lower() for head in _METRIC_HEADS}))
_HEAD_LINKS = ("of", "is", "was", "at", "=", ":")


def _may_end_in_head(lowered: str) -> bool:
    """Whether a window in lower case ends in a metric head, with white space and maybe
    "of", "is", "was", "at", "=" or ":" after it, as every match of
    ``_search_metric_phrase_before_plain`` does (a test of its last words: holding a head
    anywhere let most windows through to a search from every position).

    >>> [_may_end_in_head(w) for w in ("a success rate of ", "accuracy = ", "the scores")]
    [True, True, True]
    >>> [_may_end_in_head(w) for w in ("accuracy on the ", "scores of up to ")]
    [False, False]
    """
    tail = lowered.rstrip()
    if tail.endswith(_HEAD_ENDS):
        return True
    for link in _HEAD_LINKS:
        if tail.endswith(link) and tail[: -len(link)].rstrip().endswith(_HEAD_ENDS):
            return True
    return False


_search_metric_phrase_before = _gated_search(_search_metric_phrase_before_plain, _may_end_in_head)


# A comparative adjective that names its metric: "2.2% more accurate" (accuracy), "5% more
# precise" (precision).
_match_comparative_metric = regex.compile(
    r"\s+(?:points?\s+|pp\s+)?(?:more|less)\s+(?P<adj>accurate|precise)\b", regex.IGNORECASE
).match
_COMPARATIVE_METRICS = mapping("comparative_metric")

# After a benchmark name, the parts it is counted in: "D4RL locomotion tasks".
_match_count_of_parts = regex.compile(
    r"[\w\-.]*(?:\s[\w\-]+){0,2}?\s(?:tasks|datasets|environments|games|benchmarks|domains|"
    r"languages|splits|subsets|problems|questions|categories|classes)\b",
    regex.IGNORECASE,
).match

# A baseline's system named after it: "compared with 2.5% for Whisper large-v3".
_match_for_name = regex.compile(r"\s(?:for|of|by|from)\s(?:the\s)?").match

# A comparison earlier in the clause: "outperforming YaRN (44.1)".
_search_compared_clause = regex.compile(
    r"\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*|than|over|versus|vs\.?|"
    r"compared\s+(?:to|with)|match(?:es|ed|ing)?|ahead\s+of)\b"
    r"(?:[^.;]|\.(?=\d))*\Z",
    regex.IGNORECASE,
).search

# Inside brackets, only earlier numbers of the same list may precede: "(70.1% and 30.2%".
# Each value may follow its metric: "(2.12x, LPIPS 0.215, SSIM 0.734)", "(55.17%, AUROC 0.75)".
_match_bracket_list = regex.compile(
    r"(?:(?:\p{L}[\w\-@]*\s*[:=]?\s*)?[\d.]+\s?(?:%|x|×)?\s*(?:,\s*(?:and\s+)?|and\s+))*"
    r"(?:\p{L}[\w\-@]*\s*[:=]?\s*)?\Z"
).match

# What stands between a possessive owner and its number: "YOLOv8n's 36.4% mAP",
# "FooNet’s best 71.2", "GPT-4's reported 65.2%".
_match_possessive_gap = regex.compile(
    r"['’]s\s+(?:(?:best|reported|own|average|overall|mean)\s+)?\Z"
).match


# A benchmark in brackets right after a number and its metric: "54.3 AP (COCO)", "91.2%
# (on CIFAR-10)", "0.89 AUC (CheXpert) and 0.85 AUC (MIMIC-CXR)" (not "(trained on X)").
_match_bracketed_benchmark = regex.compile(
    rf"(?:\s+{_METRIC_WORD}){{0,3}}\s*\(\s*(?:(?:on|in)\s+)?(?:the\s+)?\Z", regex.IGNORECASE
).match
# Between the last number of a list and the first of as many benchmarks that pair with it
# in order: "2.0% and 4.1% on test-clean and test-other", "80.1% and 45.3% accuracy on
# X and Y" (the benchmarks are written as a list, no number after the first of them).
_match_list_on = regex.compile(
    rf"(?:\s+{_METRIC_WORD}){{0,3}}\s+(?:on|in|across)\s+(?:the\s+)?\Z", regex.IGNORECASE
).match
# A number set after another by a comma alone, with no "and" or "or": an apposition that
# says more about the first ("85.2% on Cora, 1.5% higher than GCN"), not a list item.
_match_apposition_gap = regex.compile(r"(?:(?!\b(?:and|or)\b)[^,;])*,\s*\Z").match


# A benchmark named as training data, not as where a number is measured: "trained on X",
# "fine-tuning Llama-2-7B on X", "pre-training with X", "distilling from Y on X".
_TRAINING_VERBS = phrases("training_verb")
_search_trained_on_plain = regex.compile(
    rf"\b{alternation(_TRAINING_VERBS)}\s+"
    r"(?:(?!(?:and|or|but|while|whereas|evaluat\w*|test\w*|achiev\w*|reach\w*|obtain\w*|"
    r"scor\w*|improv\w*|yield\w*|outperform\w*)\b)[^\s,;.]+\s+){0,3}?"
    r"(?:on|with|using|from)\s+(?:(?:the|our|their|a|an)\s+)?(?:\d[\d,.]*[KMB]?\s+)?\Z",
    regex.IGNORECASE,
).search


def _may_be_trained_on(lowered: str) -> bool:
    """Whether ``_search_trained_on_plain`` may match an ASCII window in lower case."""
    return _holds_any(lowered, _TRAINING_HELD)


_TRAINING_HELD = must_hold(_TRAINING_VERBS)
_search_trained_on = _gated_search(_search_trained_on_plain, _may_be_trained_on)
# A benchmark named as training data by the words after it: "using ImageNet1K and COCO2017
# training datasets", "the X pre-training corpus".
_match_training_after = regex.compile(
    r"(?:\s*(?:,|and|or)\s*[\w\-.]+)*\s+(?:pre-?)?training\s+(?:data(?:sets?)?|sets?|corpora|"
    r"corpus|splits?)\b",
    regex.IGNORECASE,
).match
# "on 9 D4RL tasks", "across a wide range of Meta-World tasks": a benchmark after a count
# or a quantifier of its parts.
_match_benchmark_parts_preposition = regex.compile(
    r"^\s*(?:\S+\s+){0,6}?(?:on|in|across|over)\s+(?:the\s+|all\s+)?"
    r"(?:\d+|several|multiple|various|diverse|many|(?:a|the)\s+(?:wide\s+|broad\s+|diverse\s+)?"
    r"(?:variety|range|suite|set|collection|number)\s+of)\s+$",
    regex.IGNORECASE,
).match


# A change a bare number states: "an absolute improvement of 0.19", "a lead of 1.3",
# "surpassing CenterPoint by 2.1" (not "the learning rate is increased by 0.5").
_search_change_of_plain = regex.compile(
    r"(?:\b(?:improvements?|gains?|boosts?|reductions?|leads?)\s+of"
    r"|\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*)\s+(?:[^\s,;.]+\s+){0,4}?by)"
    r"\s+(?:(?:up\s+to|about|around|nearly|over|roughly|approximately)\s+)?\Z",
    regex.IGNORECASE,
).search
_search_change_of = _gated_search(
    _search_change_of_plain, lambda lowered: _holds_any(lowered, ("of", "by"))
)

# A metric named after a bare number with "in": "0.82 in BLEU", "71.3 in terms of mIoU".
_match_in_metric = regex.compile(r"\sin\s(?:terms\sof\s)?").match
# What may follow a score a benchmark name introduces ("MMLU: 72.4,"): the list or clause
# goes on or ends; not a counted noun ("ImageNet: 1000 classes").
_match_score_close = regex.compile(r"\s*(?:[,;)]|\.(?!\d)|\Z|(?:and|vs\.?|versus)\b)").match


# The model a method is applied to or measured on, named before the number (quality9):
# "On ViT-H, FooPrune keeps ...", "Applied to the BarLM series, X cuts ...", "X built on
# M reaches", "applying X to M improves", "the perplexity of M", "X can quantize M to 3
# bits with ...". Searched in the text just before the model's name.
_search_host_before_plain = regex.compile(
    r"(?:"
    # "On M, ...", "With M, ..." (not "Using M", often a tool: "Using M as a judge")
    r"(?:\A|[.!?]\s+|[,;:]\s+(?:and\s+|while\s+|whereas\s+)?|\bwhen\s+)(?:on|with)"
    r"|\b(?:built|based|implemented|deployed|running|applied|plugged)\s+(?:up)?on"
    r"|\b(?:appl(?:y|ies|ied|ying)|adapt(?:s|ed|ing)?|extend(?:s|ed|ing)?|transferr?(?:s|ed|ing)?)"
    r"(?:\s+(?!(?:and|or|but|while|than)\b)[^\s,;.]+){0,4}?\s+to"
    r"|\bthe\s+(?:[\w\-]+\s+){1,2}?of"  # "the perplexity of M", "the inference speed of M"
    r"|\b(?:compress(?:es|ed|ing)?|quantiz(?:e|es|ed|ing)|prun(?:e|es|ed|ing)|"
    r"fine-?tun(?:e|es|ed|ing)|finetun(?:e|es|ed|ing)|sparsif(?:y|ies|ied|ying)|"
    r"accelerat(?:e|es|ed|ing)|speed(?:s|ing)?\s+up|"
    # "CAG improves OpenVLA by 9.7%": the model a method improves is what was measured
    r"improv(?:e|es|ed|ing)|boost(?:s|ed|ing)?|enhanc(?:e|es|ed|ing))"
    r")\s+(?:the\s+|a\s+|an\s+)?\Z",
    regex.IGNORECASE,
).search
_HOST_BEFORE_STEMS = (
    "on",
    "with",
    "to",
    "of",
    "compress",
    "quantiz",
    "prun",
    "tun",
    "sparsif",
    "accelerat",
    "speed",
    "improv",
    "boost",
    "enhanc",
)


def _may_be_host_before(lowered: str) -> bool:
    """Whether ``_search_host_before_plain`` may match an ASCII window in lower case: every
    match ends with one of the stems (then maybe an article)."""
    return _holds_any(lowered, _HOST_BEFORE_STEMS)


_search_host_before = _gated_search(_search_host_before_plain, _may_be_host_before)
# After the number, the model it was measured on: "3.2 speedup on FooLM-7B", "a 10-point
# gain for BarLM-8B" (a benchmark there is the benchmark, not the model).
_match_host_after = regex.compile(
    r"(?:\s+(?!(?:than|over|versus|vs|compared|against|and|or|while|whereas|with)\b)"
    r"[^\s,;.()]+){0,2}?\s+(?:on|for)\s+(?:the\s+)?\Z",
    regex.IGNORECASE,
).match
# What may follow a host model's name: the clause goes on or ends, or a class word for it
# ("the FooLM series", "M models"); not a noun it modifies ("GPT-4 outputs", "M data").
_match_host_close = regex.compile(
    r"(?:\s+(?:series|family|models?|backbones?|classifiers?|detectors?|variants?|"
    r"checkpoints?|networks?))?"
    r"(?:\s\([^()\d]{0,20}\d[^()]{0,20}\))?"  # its size in brackets: "M (500M), it"
    r"(?:\s*(?:[,;:)]|\.(?!\d)|\Z)|\s+(?:by|with|to|and|while|whereas|at|under|in|on|for|when|across|"
    r"without|through|via|achiev\w*|reach\w*|obtain\w*|attain\w*|improv\w*|reduc\w*|"
    r"produc\w*|yield\w*|deliver\w*|cut\w*|boost\w*|increas\w*|can|could|is|was|shows?)\b)",
    regex.IGNORECASE,
).match
# A model in brackets after the method or a class word: "FooTune (BarLM-13B) reaches",
# "aligns LLMs (BarLM-chat-13B) with ...".
_search_bracketed_host = regex.compile(r"\b(?:LLMs|LMs|models?|backbones?)\s\(\Z").search


# Metrics that measure a model's cost, not its performance on data (parameters, MACs,
# FLOPs, model size, memory): such a number takes no benchmark.
_search_cost_metric = regex.compile(
    r"\b(?:param(?:eter)?s?|(?:parameter|model|weight|(?:KV[\s-]?)?cache|checkpoint)\s+"
    r"(?:count|size)|G?MACs|[GTM]?FLOPs?|memory(?:\s+(?:footprint|usage|consumption|cost))?|"
    r"storage)\Z",
    regex.IGNORECASE,
).search
# A speed of the system, measured on hardware rather than on data: a benchmark named
# elsewhere in the abstract is not carried to it ("29% lower latency", "14.8 FPS").
_search_speed_metric = regex.compile(
    r"\b(?:latency|latencies|FPS|throughput|speed(?:-?ups?)?|(?:inference|run|training|wall-clock)"
    r"[\s-]?time|real-time\s+factor|RTF)\Z",
    regex.IGNORECASE,
).search
# A comparison between a host model and the number: the number is the compared system's
# ("On M, X reaches 6.6 F1 compared to the baseline's 1.5 F1": 1.5 is not M's).
_search_comparison_word = regex.compile(
    r"\b(?:compared\s+(?:to|with)|versus|vs\.?|than|against|relative\s+to)\b", regex.IGNORECASE
).search
# The speed-up a factor names, as its metric: "3.3x training acceleration", "a 2.1 speedup".
# A cost a number says is cut, right after it: "5x fewer parameters", "40% less memory".
_match_fewer_cost = regex.compile(
    r"\s+(?:fewer|less|smaller|lower)\s+(?P<what>param(?:eter)?s|(?:parameter|model)\s+"
    r"(?:count|size)|G?MACs|[GTM]?FLOPs|memory(?:\s+(?:footprint|usage|consumption))?|"
    r"storage)\b",
    regex.IGNORECASE,
).match

# What a factor or share compares, right after its comparative: "60x lower cost", "10 times
# faster rollout", "3.3x lower variance".
_match_comparative_noun = regex.compile(
    rf"(?:\s*(?:--?|–|to)\s*\d+(?:\.\d+)?\s*(?:x|×|times|-fold)?)?"  # "3.3--16.7x lower"
    rf"\s+(?:lower|higher|faster|slower|smaller|larger|cheaper|fewer|less|more|better|worse)"
    rf"\s+(?!(?:than|per|on|in|at|for|with|while|and|or|to|by|of|compared|across|over)\b)"
    rf"{_WHAT}(?=[\s,.;:)]|\Z)",
    regex.IGNORECASE,
).match
# A listed metric in brackets right after the number: "by up to 6.8% (AUPRC) over X".
_match_bracketed_metric_open = regex.compile(r"\s*\(\s*").match

_match_speedup_noun = regex.compile(
    rf"\s+(?:{alternation(sorted(word_set('metric_qualifier')))}\s+)?(?P<what>(?:(?:training|inference|decoding|sampling|rendering|end-to-end|wall-clock)\s+)?"
    r"(?:speed-?ups?|accelerations?))\b",
    regex.IGNORECASE,
).match


_search_and_or = regex.compile(r"\b(?:and|or)\b").search
_search_name_colon = regex.compile(r"\s?[:=]\s?\Z").search
_search_clause_change = regex.compile(r"\b(?:while|whereas|but)\b|;").search

# A decimal value in brackets right after its metric: "overall accuracy (0.812)",
# "precision (0.64), recall (0.59)".
_match_metric_bracket_gap = regex.compile(r"\s?\(\Z").match
# "absolute" or "relative" after a value, closing its phrase: "9.1% absolute (16.0%
# relative)" (not "0.05 relative error").
_match_qualified_change = regex.compile(
    r"\s*(?:absolute|relative)\b(?=\s*(?:[),;:]|\.(?!\d)|\Z|and\b|or\b))", regex.IGNORECASE
).match
# A gap kept within a value: "achieves within 2% accuracy of X".
_search_within = regex.compile(r"\bwithin\s+(?:(?:only|just)\s+)?\Z", regex.IGNORECASE).search
# A gain written with its sign apart: "(+ 5.1 PSDS)".
_search_spaced_sign = regex.compile(r"(?:\(|[,;]\s)\+\s\Z").search
# A value the text calls the baseline's: "up from a baseline of 0.702", "the baseline's 41.2".
# Also the earlier best named as such, perhaps with its metric: "surpassing the
# state-of-the-art dice score of 91.8%", "the previous state-of-the-art benchmark of 15.72%",
# "the strongest baseline achieving only 1.51".
_EARLIER_BEST = phrases("earlier_best")
_search_named_baseline_plain = regex.compile(
    r"(?:\bbaselines?(?:['’]s)?"
    rf"|\b{alternation(phrases('earlier_marker'))}\s+{alternation(_EARLIER_BEST)}"
    r"(?:\s+(?:methods?|models?|results?|benchmarks?|approach(?:es)?|systems?))?(?:['’]s)?)"
    r"\s+(?:(?!(?:by|on|in|over|than|and|to|for|with|from|at)\b)[\w\-@]+\s+){0,2}?"
    r"(?:(?:of|at|is|was|were|=|:|achiev\w*|reach\w*|scor\w*)\s*)?(?:(?:only|just)\s+)?\Z",
    regex.IGNORECASE,
).search
# Every match holds "baseline" or one of the earlier-best words (its gate).
_NAMED_BASELINE_HELD = must_hold(("baseline", *_EARLIER_BEST))
_search_named_baseline = _gated_search(
    _search_named_baseline_plain, lambda lowered: _holds_any(lowered, _NAMED_BASELINE_HELD)
)
# An acronym right after a number, as its metric: "+2.4 gIoU on X", "(+ 5.1 PSDS)", "34.4%
# CNR by ...", "90.1% PICP respectively"; not a plural ("8 GPUs", "3 LLMs"). It ends at
# punctuation, the sentence's end, or a word that opens what follows the phrase.
_match_acronym_after = regex.compile(
    r"\s(?P<what>(?=[\w@\-]*\p{Lu}[\w@\-]*\p{Lu})\p{L}[\w@\-]*(?<!\p{Lu}s))"
    r"(?=\s*(?:[,;)]|\Z|\.(?!\w)|\s(?:on|in|for|and|across|over|at|by|respectively|"
    r"compared|than|vs|versus|as|while|with|when|under)\b))"
).match
# Two values joined by an arrow: "(0.083 -> 0.238)", "0.41 → 0.57".
_match_arrow_after = regex.compile(r"\s*(?:->|→|⟶|=>)\s*(?=[+\-]?\d)").match
_search_arrow_before = regex.compile(r"\d%?\s*(?:->|→|⟶|=>)\s*\Z").search
# The verb after a sentence's subject, beyond those of ``_match_subject_verb``: "FooGen
# generates", "FooNet sets a new state of the art".
_match_more_subject_verb = regex.compile(
    r"\s+(?:also\s+|further\s+|consistently\s+)?(?:generat|produc|runs\b|cuts\b|lowers\b|"
    r"beats\b|exceeds\b|matches\b|maintain|keeps\b|sets\b|establish|ranks\b|brings\b|"
    r"offers\b|provides\b|gives\b|speeds\s+up|accelerat|runs\b|attains\b)",
    regex.IGNORECASE,
).match
# Between two numbers each followed by its own metric, in a "respectively" sentence:
# "91.2% accuracy and 88.0% F1 on X and Y, respectively".
_match_metric_list_gap = regex.compile(
    rf"(?:\s+{_METRIC_WORD}){{1,3}}\s*(?:,\s*(?:and\s+)?|and\s+)\Z", regex.IGNORECASE
).match
# A negative value of a metric, not a change: "a correlation between -0.41 and -0.62",
# "an R2 of -0.12".
_search_negative_value_link = regex.compile(
    r"\b(?:between|of|is|was|and|to)\s*\Z|[=:]\s*\Z", regex.IGNORECASE
).search
# The opening of brackets that hold a metric's value right after its name, past a few
# lower-case hedge words: "latency (960 s)", "latency (often exceeding 2-4 seconds)",
# "VUS-ROC (0.675, ...)", "(value 1.27)", "(≈ 0.997)".
_search_value_bracket_open = regex.compile(
    r"\(\s*(?:\p{Ll}+\s+){0,2}(?:[=≈~:]\s*)?(?:about\s+|around\s+)?\Z"
).search
# What a change named by a noun before "of" and the number is in: "a latency reduction of
# up to 166 times", "bit rate savings of 24.42 percent", "a relative WER reduction of 9%".
_CHANGE_OF_NOUNS = phrases("change_of_noun")
_CHANGE_OF_NOUN_HELD = must_hold(_CHANGE_OF_NOUNS)
_search_change_noun_of = regex.compile(
    rf"(?<![\w\-'’])(?P<what>(?:{_MOD}\s){{0,2}}{_MOD})\s+(?:relative\s+|absolute\s+)?"
    rf"{alternation(_CHANGE_OF_NOUNS)}"
    r"\s+of\s+(?:up\s+to\s+|about\s+|over\s+|nearly\s+|around\s+|roughly\s+|"
    r"approximately\s+|more\s+than\s+|at\s+least\s+|almost\s+|only\s+|just\s+)?\Z",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards
).search
# A metric written as a noun phrase, linked to the number after it by a hedge, a verb of
# reaching or a range: "inference speeds of over 67.10 FPS", "the inference speed reaches
# 14.8 FPS", "coverage ranging from 93.5% to 95.2%", "latency on the order of 15 ms".
_search_metric_phrase_linked_before = regex.compile(
    rf"(?<![\w\-'’])(?P<what>(?:{_MOD}\s){{0,2}}(?:{_HEAD}|speeds))\s+"
    r"(?:(?:(?:of|is|was|are|were|at)\s+(?:well\s+)?(?:over|about|around|nearly|approximately|"
    r"roughly|up\s+to|more\s+than|less\s+than|below|above|under|just|only|almost)|"
    r"on\s+the\s+order\s+of|reaches|reached|reach|achieves|achieved|attains|attained|"
    r"exceeds|exceeded|stands\s+at|stood\s+at|ranging\s+from|ranges\s+from|range\s+from|"
    r"between)\s+(?:over\s+|about\s+|around\s+|nearly\s+|up\s+to\s+|only\s+|just\s+)?)\Z",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards
).search
# A second change of one verb, its verb left out: "reduces computation by 2.5x and memory
# footprint (VRAM) by up to 2.1x", "cuts latency by 30%, energy by 12%".
_search_elided_changed_by = regex.compile(
    rf"(?:,|\band)\s+(?:the\s+|its\s+|their\s+)?(?!(?:and|or|by|to|up|while|with|also)\b)"
    rf"{_WHAT}(?:\s*\((?P<bracketed>[^()]{{1,30}})\))?"
    r"\s+by\s+(?:up\s+to\s+|about\s+|over\s+|more\s+than\s+|nearly\s+|around\s+|roughly\s+|"
    r"approximately\s+|at\s+least\s+|a\s+factor\s+of\s+)?\Z",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards
).search
# The change verb and "by" of the first change: "reduces computation (GFLOPs) by".
_search_change_verb_by = regex.compile(
    r"\b(?:improv|increas|reduc|boost|rais|lower|decreas|enhanc|cut)\w*\s[^;]*?\bby\b",
    regex.IGNORECASE,
).search
# What a change brings to the number: "reducing reconstruction time to below 50%", "cuts
# the error rate to 3.1%", "raises recall to 0.91".
_search_changed_to = regex.compile(
    rf"\b(?:improv|increas|reduc|boost|rais|lower|decreas|enhanc|cut|bring|brought|"
    rf"push|lift|drop|shrink|shrank|compress)\w*\s+(?:the\s+|its\s+|their\s+)?{_WHAT}"
    r"(?:\s*\((?P<bracketed>[^()]{1,30})\))?"
    r"\s+(?:down\s+|up\s+)?to\s+(?:below\s+|under\s+|above\s+|over\s+|just\s+|only\s+|about\s+|"
    r"around\s+|roughly\s+|nearly\s+|approximately\s+|less\s+than\s+|more\s+than\s+)?\Z",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: searched backwards
).search
# A share of a cost right after the number: "only 73% of its computational load", "27.3%
# of the total compute budget", "5% of parameters".
_match_share_of_cost = regex.compile(
    r"\s+of\s+(?:the\s+|its\s+|their\s+|our\s+)?(?:total\s+|overall\s+|full\s+)?"
    r"(?P<what>(?:[\p{L}\-]+\s+){0,2}?(?:parameters|memory|compute|computation|budget|load|"
    r"costs?|FLOPs|energy|bandwidth|storage|overhead|footprint|tokens))\b",
    regex.IGNORECASE,
).match
# What joins the numbers of one list, whatever their units: "27.69 dB and 0.893", "0.91,
# 0.88, and 0.93".
_match_number_list_join = regex.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)\Z").match
# Between a list of numbers and the metrics it is "in": " in ", " in terms of the ".
_match_in_metrics_gap = regex.compile(
    r"\s+(?:in|on|for)\s+(?:terms\s+of\s+)?(?:the\s+)?\Z", regex.IGNORECASE
).match
# Between a list of metrics and the numbers it has: " of ", " scores of ", " are ", ": ".
_match_metrics_of_gap = regex.compile(
    r"\s*(?:scores?\s+|values?\s+)?(?:of|are|were|:|reach(?:es|ed)?|by)\s+(?:up\s+to\s+)?\Z",
    regex.IGNORECASE,
).match

# A benchmark named as the data a study is run on, beyond "Experiments on X": "Utilizing
# the X dataset", "using three datasets from Y's X project", "Experiments on 57 tabular
# datasets from X", "classification of ECG signals from the X dataset".
_search_study_data_before = regex.compile(
    r"(?:\b(?:using|utili[sz]ing|employing|leveraging)\s+(?:the\s+)?(?:[\w\-'’]+\s+){0,4}?"
    r"|\b(?:datasets?|tasks|subsets|splits|recordings|signals|images|samples|cases)\s+"
    r"(?:from|of|in)\s+(?:the\s+)?(?:[\w\-]+['’]s?\s+)?)\Z",
    regex.IGNORECASE,
).search
# A benchmark that is a challenge: "The X Challenge 2025 (X25) involved ...", "in the X
# challenge": a challenge paper's scores are the challenge's.
_search_challenge_name_end = regex.compile(
    r"\b(?:Challenge|Competition)(?:\s+(?:19|20)\d\d)?\Z", regex.IGNORECASE
).search
_match_challenge_after = regex.compile(
    r"\s+(?:\([^()]{1,20}\)\s+)?(?:challenge|competition)\b", regex.IGNORECASE
).match
# The spelled-out name before an acronym in brackets: "the Open Materials 2024 (" of
# "trained on the Open Materials 2024 (OMat24) dataset".
_search_long_form_before = regex.compile(
    r"(?:[\p{Lu}\d][\w\-]*\s+)*[\p{Lu}\d][\w\-]*\s*\(\s*\Z"
).search
# A task named with its benchmark in brackets: "subtype classification (TCGA-NSCLC)" (the
# task's last two words, group "task").
_search_task_before_bracket = regex.compile(
    r"(?<![\w\-])(?P<task>\p{Ll}[\p{Ll}\-]+\s\p{Ll}[\p{Ll}\-]+)\s\(\Z"
).search
# The task a number is reported for, right after it: "0.96 for subtype classification".
_match_for_task_after = regex.compile(
    r"(?:\s+[\w@\-]+){0,3}?\s+(?:for|on|in)\s+(?:the\s+)?(?:\p{Ll}[\p{Ll}\-]*\s){0,3}?"
    r"(?P<task>\p{Ll}[\p{Ll}\-]+\s\p{Ll}[\p{Ll}\-]+)\b"
).match
# A bracket closed after a benchmark and at most two words of its target or subset:
# "45.3% (MD17 Energy)", "(QM9 HOMO)".
_match_bracket_close_after_name = regex.compile(r"(?:\s[\w\-]+){0,2}\)").match
# A benchmark a paper introduces under a name that says what it is: "This work introduces
# the \textbf{Foo Benchmark}", "we release the Bar Dataset".
_search_introduced_markup_before = regex.compile(
    r"\b(?:introduc|present|construct|releas|curat|collect)\w*\s+(?:(?:a|an|the|our)\s+)?"
    r"(?:new\s+|novel\s+)?(?:\\\w+\{)?\Z",
    regex.IGNORECASE,
).search
_search_titled_benchmark_end = regex.compile(r"\s(?:Benchmark|Dataset|Corpus|Suite)\Z").search
# A benchmark named with its dataset noun: "the X dataset was collected", "in the X corpus",
# "on the X test set" (the guideline's "names exactly one benchmark it evaluates on": a
# paper whose one named benchmark is written as data reports its scores there).
_match_dataset_noun_after = regex.compile(
    r"\s+(?:dataset|corpus|benchmark|database|test\s+set)\b", regex.IGNORECASE
).match
