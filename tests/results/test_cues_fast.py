"""The result linker's fast paths find exactly what the plain scans find."""

from __future__ import annotations

import random

from extractor.components import _sentences
from extractor.pipeline.results import _cues as cues
from extractor.pipeline.results import context, metric, selection

# Stops, closers, openers and white space of several kinds (one, U+001C, is white space
# to ``str.isspace`` but not to ``regex``), abbreviations, single capitals, digits.
_ALPHABET = [".", "!", "?", '"', "'", "”", "’", ")", "]", "(", "[", "“", "‘"]
_ALPHABET += [" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "a", "b", "A", "Z", "É"]
_ALPHABET += ["3", "3.1", "e.g.", "i.e.", "et al.", "Fig.", "vs.", "J. ", "U.S. ", "No. "]
_ALPHABET += [". ", ".) ", '?" ', "! The ", ". 4 ", "."]


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    """``find_sentences`` as one scan of the boundary pattern over the whole text."""
    spans = []
    start = 0
    for boundary in _sentences._finditer_boundary(text):
        end = boundary.start() + len(boundary.group().rstrip())
        spans.append((start, end))
        start = boundary.end()
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def test_sentences_found_at_stops_match_one_scan() -> None:
    rng = random.Random(7)
    texts = ["", ".", "A.", "A. B", "x. ", "It ends.\u00a0Then 3.1 more!  “Quote” here? [1] Ok."]
    texts += [
        "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(20000)
    ]
    for text in texts:
        assert _sentences.find_sentences(text) == _plain_sentences(text), repr(text)


# Words of the cue patterns and near misses, in several cases, with non-ASCII letters that
# fold to ASCII ones under IGNORECASE (the Kelvin sign, the long s, a dotted capital I).
_CUE_WORDS = ["GPU", "gpus", "Card", "on", "On", "the", "a single", "device", "hardware"]
_CUE_WORDS += ["data", "Labels", "of", "its", "tokens", "sparsity", "Pruned", "and", "than"]
_CUE_WORDS += ["accuracy", "Success", "rate", "score", "scores", "is", "of", "=", ":", "at"]
_CUE_WORDS += [
    "to\u212aens",
    "\u017fcore",
    "\u017fuccess",
    "ma\u017fk",
    "de\u0130ce",
    "\u212a",
    "\u017f",
    "\u0130",
    "é",
    "x",
    "Top-1",
    "-",
    ",",
    ";",
    ".",
    "3.1",
]
_CUE_WORDS += ["by", "gains", "up to", "outperforms", "using", "with", "as", "such", "The", "bathe"]
_CUE_WORDS += ["\u017fpeed-ups", "Over", "vs.", "\u0130mprovement", "o\u017f", "B"]
_CUE_WORDS += ["higher", "Lower", "speed-ups", "more compact", "net", "reduction", "Scored"]
_CUE_WORDS += ["average", "scores of", "\u017fcores", "fa\u017fter", "bette\u0280", "%"]
_CUE_WORDS += ["with", "Using", "only", "as little as", "fewer than", "keeping", "Removing"]
_CUE_WORDS += ["wit\u0127", "\u017fame", "\u212aeep"]
_CUE_WORDS += ["compared to", "Versus", "vs.", "VS", "up from", "relative to", "against"]
_CUE_WORDS += ["more than", "\u017ft", "\u212a"]
_CUE_WORDS += ["OF", "oF", "\u1d3cf", "\x1cof", "samples", "model's", "performance", "’s"]
_CUE_SPACES = [" ", " ", " ", "  ", "\n", "\u00a0", ""]


def _cue_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_CUE_WORDS) + rng.choice(_CUE_SPACES) for _ in range(rng.randint(0, 12)))
        for _ in range(count)
    ]


def _same(fast: object, plain: object) -> bool:
    """Two optional matches are the same: both None, or the same span and groups."""
    if fast is None or plain is None:
        return fast is plain
    return bool(fast.span() == plain.span() and fast.groups() == plain.groups())  # type: ignore[attr-defined]


def test_cues_skipped_without_their_words_match_the_plain_patterns() -> None:
    for text in _cue_texts(20000, 11):
        assert _same(cues._match_condition_after(text), cues._match_condition_after_plain(text))
        assert _same(cues._match_items_after(text), cues._match_items_after_plain(text))
        assert _same(
            cues._match_share_of_performance(text), cues._match_share_of_performance_plain(text)
        )
        for pos, endpos in ((0, len(text)), (2, max(2, len(text) - 3))):
            assert _same(
                cues._match_on_hardware(text, pos, endpos),
                cues._match_on_hardware_plain(text, pos, endpos),
            ), repr(text)
            assert _same(
                cues._search_metric_phrase_before(text, pos, endpos),
                cues._search_metric_phrase_before_plain(text, pos, endpos),
            ), repr(text)
            assert _same(
                cues._search_improvement_before(text, pos, endpos),
                cues._search_improvement_before_plain(text, pos, endpos),
            ), repr(text)
            assert _same(
                cues._search_compared(text, pos, endpos),
                cues._search_compared_plain(text, pos, endpos),
            ), repr(text)
            assert _same(
                cues._search_changed_by(text, pos, endpos),
                cues._search_changed_by_plain(text, pos, endpos),
            ), repr(text)
        assert _same(
            cues._search_improvement_before(text), cues._search_improvement_before_plain(text)
        )
        assert _same(cues._match_improvement_after(text), cues._match_improvement_after_plain(text))
        for pos, endpos in ((0, len(text)), (1, max(1, len(text) - 2))):
            assert _same(
                cues._search_condition_before(text, pos, endpos),
                cues._search_condition_before_plain(text, pos, endpos),
            ), repr(text)
            assert _same(
                cues._search_baseline_before(text, pos, endpos),
                cues._search_baseline_before_plain(text, pos, endpos),
            ), repr(text)
            assert _same(
                cues._search_score_of(text, pos, endpos),
                cues._search_score_of_plain(text, pos, endpos),
            ), repr(text)


def test_cue_texts_reach_both_outcomes() -> None:
    """The random texts hold matches and non-matches of each pattern (the test above
    would prove little otherwise)."""
    texts = _cue_texts(20000, 11)
    for plain in (
        cues._match_condition_after_plain,
        lambda t: cues._match_on_hardware_plain(t, 0, len(t)),
        lambda t: cues._search_metric_phrase_before_plain(t, 0, len(t)),
        lambda t: cues._search_improvement_before_plain(t, 0, len(t)),
        lambda t: cues._search_compared_plain(t, 0, len(t)),
        lambda t: cues._search_changed_by_plain(t, 0, len(t)),
        cues._match_improvement_after_plain,
        lambda t: cues._search_score_of_plain(t, 0, len(t)),
        lambda t: cues._search_baseline_before_plain(t, 0, len(t)),
        lambda t: cues._search_condition_before_plain(t, 0, len(t)),
    ):
        found = sum(plain(t) is not None for t in texts)
        assert 0 < found < len(texts)


def test_metric_list_windows_ruled_out_early_match_the_plain_patterns() -> None:
    """Where a quick test rules a window out, the pattern it stands for finds nothing
    there; both tests are met by some windows the patterns match."""
    rng = random.Random(19)
    words = ["speaker", "emotion", ",", ", ", "and", "&", "by", "of", "up to", "about", "over"]
    words += [" ", "  ", "\n", "\u00a0", "\x1c", "to", "sand", "nearly", "x-y", "A", "é"]
    words += ["R2", "=", ":", "FID", "k", "a RayPQ of ", "the", "mAPH", "an mAPH of\u00a0"]
    texts = ["speaker and ", "speaker & ", "similarity by ", "accuracy of up to  ", "R2 = "]
    texts += ["".join(rng.choices(words, k=rng.randint(0, 12))) for _ in range(5000)]
    matched = {"coordinated": 0, "measure": 0, "label": 0, "acronym": 0}
    for text in texts:
        for lo in range(len(text) + 1):
            hi = len(text)
            if metric._search_coordinated(text, lo, hi):
                assert metric._may_end_coordinated(text, lo, hi), (text, lo)
                matched["coordinated"] += 1
            if metric._search_measure_before(text, lo, hi):
                assert metric._may_end_measure_gap(text, lo, hi), (text, lo)
                matched["measure"] += 1
            if metric._search_label_before(text, lo, hi):
                assert metric._may_end_in_label(text, lo, hi), (text, lo)
                matched["label"] += 1
            if metric._search_acronym_of_before(text, lo, hi):
                assert text[lo:hi].rstrip().endswith("of"), (text, lo)
                matched["acronym"] += 1
    assert min(matched.values()) > 10, matched


def test_changed_by_windows_ruled_out_early_match_the_plain_search() -> None:
    rng = random.Random(23)
    words = ["improves", "Reduced", "cuts", "raising", "the", "sample", "efficiency", "by"]
    words += ["up to", "an average of", "about", "more than", "at least", "over", "of", "on"]
    words += ["Foo", "(GFLOPs)", "compared to", "\u017fample", "\u212a", ",", "and"]
    spaces = [" ", " ", "  ", "\n", "\u00a0", "\x1c", ""]
    texts = [
        "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(0, 10)))
        for _ in range(20000)
    ]
    found = 0
    for text in texts:
        plain = cues._search_changed_by_plain(text, 0, len(text))
        assert _same(cues._search_changed_by(text, 0, len(text)), plain), repr(text)
        hedged = plain is not None and not plain.group().rstrip().endswith("by")
        found += hedged
    assert found > 3, found


def test_opening_settings_tried_at_stops_match_one_scan() -> None:
    rng = random.Random(37)
    words = ["On", "on", "ON", "oN", "the", "THE", ".", ";", "3.1", "CMRxRecon2024", "fastMRI"]
    words += ["Average", "x", ",", "é", "\u212a", "\u017f"]
    spaces = [" ", "  ", "\n", "\u00a0", "\x1c", ""]
    texts = ["On X, a. On the Y2; on fastMRI brain, ...", ". On A.;On B"]
    texts += [
        "".join(rng.choice(words) + rng.choice(spaces) for _ in range(rng.randint(0, 14)))
        for _ in range(20000)
    ]
    found = 0
    for text in texts:
        want = [(m.span(), m.groups()) for m in cues._opening_setting.finditer(text)]
        assert [(m.span(), m.groups()) for m in cues._finditer_opening_setting(text)] == want
        found += bool(want)
    assert found > 500, found


def test_clause_words_found_at_their_places_match_one_scan() -> None:
    rng = random.Random(41)
    words = ["while", "whereas", "but", ";", "awhile", "butter", "whereasx", "x", "_but", "é"]
    words += ["\u0301but", "Whil", "e", "wh"]
    texts = ["A; B while C but D, whereas E;; butwhile"]
    texts += ["".join(rng.choices([*words, " ", ""], k=rng.randint(0, 12))) for _ in range(20000)]
    found = 0
    for text in texts:
        want = [m.span() for m in context._clause_word.finditer(text)]
        assert [m.span() for m in context._finditer_clause_word(text)] == want, repr(text)
        found += bool(want)
    assert found > 1000, found


def test_list_gaps_ruled_out_by_their_end_match_the_plain_pattern() -> None:
    rng = random.Random(47)
    words = [",", "and", "or", "/", "±", "+/-", "0.3", "%", "on", "the", "ZorbSet", "(", ")"]
    words += ["95% CI", "AP", "tasks", "5", ".", "sand", "nor", "\u212a", "é"]
    spaces = [" ", " ", "  ", "\n", "\u00a0", "\x1c", ""]
    texts = [" on ZorbSet-10 and ", " (AP) , or ", " ±0.3%, and\n"]
    texts += [
        "".join(rng.choice(spaces) + rng.choice(words) for _ in range(rng.randint(0, 8)))
        + rng.choice(spaces)
        for _ in range(20000)
    ]
    found = 0
    for text in texts:
        plain = cues._match_list_gap_plain(text)
        assert _same(cues._match_list_gap(text), plain), repr(text)
        found += plain is not None
    assert found > 200, found


def test_reference_windows_ruled_out_early_match_the_plain_search() -> None:
    rng = random.Random(53)
    words = ["Section", "Sec.", "Tables", "Fig.", "Eqs.", "Appendix", "Lemma", "(", " ", "\n"]
    words += ["\u00a0", "\x1c", "in", "Subsection", "x", "((", "Eq"]
    texts = ["see Table ", "in Eq. (", "Appendix\n"]
    texts += ["".join(rng.choices(words, k=rng.randint(0, 6))) for _ in range(20000)]
    found = 0
    for text in texts:
        for lo in range(len(text) + 1):
            if selection._search_reference_before(text, lo, len(text)):
                assert selection._may_end_in_reference(text[lo:]), (text, lo)
                found += 1
    assert found > 1000, found
