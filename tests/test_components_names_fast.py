"""The name finder's fast paths find exactly what the plain patterns find."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import regex

from extractor.components import _name_patterns as patterns
from extractor.components import names

Search = Callable[[str, int, int], "regex.Match[str] | None"]

# Characters that sit at the edges of the patterns' classes: spaces of several kinds, a
# combining mark and an underscore (word characters the name classes do not hold),
# separators, capitals, digits and non-ASCII letters.
_ALPHABET = [" ", " ", "\n", "\u00a0", "-", ".", "/", "_", "\u0301", ",", "(", ")"]
_ALPHABET += [
    "A",
    "b",
    "Q",
    "x",
    "7",
    "0",
    "é",
    "Ω",
    "Our ",
    "The ",
    "v2",
    "Bench",
    "V",
    "B",
    "Chat",
    " 2.0",
    " v3",
]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 24))) for _ in range(count)]


@pytest.mark.parametrize(
    ("fast", "plain"),
    [
        (patterns._search_word_before, patterns._word_before.search),
        (patterns._search_name_before_size, patterns._name_before_size.search),
        (patterns._search_versioned_word_before, patterns._versioned_word_before.search),
        (patterns._search_titled_run_before, patterns._titled_run_before.search),
    ],
)
def test_searches_begun_after_the_last_space_match_the_plain_search(
    fast: Search, plain: Search
) -> None:
    texts = [
        "the FooSet dataset",
        "Our Llama-2 7B",
        "x (AlignBench",
        "a_b.Foo-Bar",
        "e\u0301Foo",
        ".Foo",
        "-Foo",
        "the FooNER 2.0 benchmark",
        "Bar v3\nBaz v3.1",
        "using the NIH Pancreas CT 2 dataset",
        "in Our Zorp City Drone Set ",
        "the English Wikipedia \u00a0of the A B C D E ",
        *_random_texts(400, seed=3),
    ]
    for text in texts:
        for end in range(len(text) + 1):
            for pos in range(end + 1):
                got, want = fast(text, pos, end), plain(text, pos, end)
                assert (got and got.span()) == (want and want.span()), (text, pos, end)


def test_model_tail_ruled_out_by_its_first_characters_matches_the_plain_pattern() -> None:
    texts = [
        "Llama 3.1 8B Instruct and GPT-4o",
        "Qwen2.5-72B-Instruct, Mixtral 8x7B, ViT-B/16 and DINOv2-L/14",
        "SD v1.5 V2 Chat Opus\u00a0Pro\n7B \u0667B",  # a no-break space, an Arabic-Indic digit
        *_random_texts(300, seed=5),
    ]
    for text in texts:
        for pos in range(len(text) + 1):
            fast, plain = (
                patterns._match_model_tail(text, pos),
                patterns._model_tail.match(text, pos),
            )
            assert (fast.group() if fast else "") == (plain.group() if plain else ""), (text, pos)


def test_sizes_found_from_their_ends_match_one_scan() -> None:
    rng = random.Random(7)
    parts = ["7", "13", "0.5", ".", "x", "B", "b", "M", "m", " ", "-", "\t", "Llama", "a", "_"]
    texts = [
        "Llama-2 7B, Qwen2.5-72B and Mixtral 8x7B (1.5M tokens; 7Bx, 3.B, a-1m)",
        "é 7B",  # not ASCII: the plain scan
        *("".join(rng.choices(parts, k=rng.randint(0, 30))) for _ in range(3000)),
    ]
    for text in texts:
        got = [m.span() for m in patterns._finditer_size(text)]
        assert got == [m.span() for m in patterns._size.finditer(text)], text


@pytest.mark.parametrize(
    "anchors",
    [
        patterns._FAMILY_PARTS,
        patterns._BENCHMARK_SHAPE_PARTS,
        (" on ", " across "),
        ("ab", "aba", "b", "ba"),  # overlapping anchors, one the prefix of another
        ("aba", "ab"),
    ],
)
def test_anchors_found_by_str_find_match_their_alternation(anchors: tuple[str, ...]) -> None:
    rng = random.Random(11)
    parts = [*anchors, "a", "b", " ", "on", "x"]
    texts = [
        " on on across on ",
        "ababa abab GANFormer-BERT QA-Hard",
        *("".join(rng.choices(parts, k=rng.randint(0, 20))) for _ in range(2000)),
    ]
    by_find = patterns._anchor_spans(anchors, by_find=True)
    by_alternation = patterns._anchor_spans(anchors, by_find=False)
    for text in texts:
        assert by_find(text) == by_alternation(text), text


def test_kind_nouns_and_metric_modifiers_ruled_out_early_match_the_plain_patterns() -> None:
    rng = random.Random(13)
    parts = [" ", "\u00a0", "-", "the", "Average", "mean", "top-5", "MACRO", "weighted", "\u0663"]
    parts += [" metric", " test set", " training data", " data set", " benchmarks", "s", "e"]
    texts = [
        "CLIP-IQA metric; FooSet training dataset; top-1 average accuracy; Top-\u0663 mean",
        *("".join(rng.choices(parts, k=rng.randint(0, 12))) for _ in range(1500)),
    ]
    for text in texts:
        for pos in range(len(text) + 1):
            fast, plain = patterns._match_kind_noun(text, pos), patterns._kind_noun.match(text, pos)
            assert (fast and fast.span()) == (plain and plain.span()), (text, pos)
            for start in range(max(0, pos - 12), pos + 1):
                fast = patterns._search_metric_modifier(text, start, pos)
                plain = patterns._metric_modifier.search(text, start, pos)
                assert (fast and fast.span()) == (plain and plain.span()), (text, start, pos)


def test_a_lower_case_word_of_letters_is_never_coined() -> None:
    """The quick test in ``_anchored`` (letters, lower case) skips only words the full
    test skips too (no change under lower(), no digit): checked on every character that
    can stand in such a word, since lower() and both tests go character by character."""
    for code in range(0x110000):
        char = chr(code)
        if char.isalpha() and not (char.isupper() or char.istitle()):
            assert char.lower() == char and not char.isdigit(), hex(code)
    for token in ["language", "ªb", "straße", "ǆa", "ǅa", "a1", "aB", "α", "Ωmega", "x-y"]:
        if token.isalpha() and token.islower():
            assert token == token.lower() and not any(map(str.isdigit, token)), token


def test_name_key_by_replace_matches_one_translate() -> None:
    from extractor.components.names import name_key

    drop = {ord(c): None for c in patterns._SEPARATORS}
    texts = ["LLaMA2-7B Instruct", "a_b\tc\nd\u00a0e", "İSTANBUL-1", *_random_texts(500, seed=17)]
    for text in texts:
        assert name_key(text) == text.translate(drop).lower(), text


def _evaluated_on_from_window_start(text: str) -> list[tuple[int, int]]:
    """The plain version of ``_finditer_evaluated_on``: each window scanned whole."""
    spans: list[tuple[int, int]] = []
    for i, anchor_end in patterns._anchor_spans((" on ", " across "), True)(text):
        lo = max(0, i - 70)
        window = text[lo:i].lower()
        if not any(need in window for need in patterns._EVALUATION_CUE_STEMS):
            continue
        space = patterns._search_space(text, anchor_end + 4)
        hi = space.start() if space else len(text)
        for m in patterns._evaluated_on.finditer(text, lo, hi):
            if m.span() not in spans and m.start() <= i < m.end():
                spans.append(m.span())
    return spans


def test_evaluation_cues_scanned_from_the_first_cue_word_match_the_whole_window() -> None:
    tricky = [
        "We evaluated the model on X. Results on Y and experiments on Z.",
        "xresults on A; pre-evaluated on B, obtaining scores on C",  # no word start
        "Teſted on A after the RESULTS on B",  # long s: case-blind only
        "İstanbul results on A, evaluated across B",  # lowers to a longer string
        "Our results on the MMLU and evaluating our scores across GSM8K",
        "performance on X " * 8,
    ]
    extra = [" results", " Evaluat", " ſcore", " on ", " across ", "İ", "K"]
    rng = random.Random(7)
    texts = tricky + [
        "".join(rng.choice(_ALPHABET + extra) for _ in range(rng.randint(5, 60)))
        for _ in range(3000)
    ]
    for text in texts:
        fast = [m.span() for m in patterns._finditer_evaluated_on(text)]
        assert fast == _evaluated_on_from_window_start(text), text


def test_dataset_list_cues_tried_at_their_nouns_match_one_scan() -> None:
    rng = random.Random(17)
    parts = ["datasets", "benchmarks", "corpora", "sub", " ", ":", "(", ",", " of ", " such as "]
    parts += ["many", "-", "A", "é", "\u00a0", "e.g.,", " including "]
    texts = [
        "on datasets of many kinds (A, B), subdatasets: C and benchmarks: D",
        "datasets of benchmarks (A) and corpora (B)",  # a cue inside the cue before
        *("".join(rng.choices(parts, k=rng.randint(0, 24))) for _ in range(3000)),
    ]
    for text in texts:
        got = [m.span() for m in patterns._finditer_dataset_list_cue(text)]
        assert got == [m.span() for m in patterns._dataset_list_cue.finditer(text)], text


def test_sentence_settings_tried_at_their_opening_words_match_one_scan() -> None:
    rng = random.Random(29)
    parts = ["On", "Across", "Once", " ", ". ", "\n", "; ", "the ", "Foo-2", "BarQA", "x"]
    parts += [",", ", and ", " and ", " benchmarks", "é", "\u00a0", "On the"]
    texts = [
        "On ZorpSet, A wins. Across A, B and C, it leads.\nOn the Foo-2 and BarQA benchmarks,",
        *("".join(rng.choices(parts, k=rng.randint(0, 20))) for _ in range(5000)),
    ]
    found = 0
    for text in texts:
        got = [(m.span(), m.captures("name")) for m in patterns._finditer_sentence_setting(text)]
        want = [(m.span(), m.captures("name")) for m in patterns._sentence_setting.finditer(text)]
        assert got == want, text
        found += bool(want)
    assert found > 100, found


def test_names_after_scores_and_publishers_ruled_out_early_match_the_plain_searches() -> None:
    rng = random.Random(31)
    parts = ["on", "the", " ", "\n", "\u00a0", "7", "3.5", "%", "points", "NASA", "UCI", "A"]
    parts += ["\u1c89", "x", "-", "é", "Foo", "7% on ", "3.5 on the", "2 points\non\u00a0"]
    texts = ["50.0% on AIME", "77.1 on the AMC", "NASA CMAPSS", "\u1c89\u1c89 X"]
    texts += ["".join(rng.choices(parts, k=rng.randint(0, 10))) for _ in range(5000)]
    found = {"score": 0, "publisher": 0}
    for text in texts:
        for start in range(len(text) + 1):
            if names._search_score_on_before(text, max(0, start - 16), start):
                assert names._may_follow_on(text, start), (text, start)
                found["score"] += 1
            if names._search_publisher_before(text, max(0, start - 8), start):
                assert names._may_follow_capitals(text, start), (text, start)
                found["publisher"] += 1
    assert min(found.values()) > 50, found


def test_slash_versions_tried_before_each_slash_match_one_scan() -> None:
    rng = random.Random(43)
    parts = ["Qwen", "Llama", "2", "3.1", "/", "//", " ", "-", ".", "x", "A", "\n", "\u00a0"]
    parts += ["Ω", "\u1c89", "é", "https://a.b/", "(", "0.5", "B", "Qwen2/", "3/3.1", "Ω 2/"]
    texts = ["Qwen2/2.5 and Llama 3/3.1 (see https://x.org/Qwen2/2.5)", "A 1/2/3", "\u1c89 2/3"]
    texts += ["".join(rng.choices(parts, k=rng.randint(0, 12))) for _ in range(20000)]
    found = 0
    for text in texts:
        want = [m.span() for m in patterns._slash_versions.finditer(text)]
        assert [m.span() for m in patterns._finditer_slash_versions(text)] == want, repr(text)
        found += bool(want)
    assert found > 200, found
