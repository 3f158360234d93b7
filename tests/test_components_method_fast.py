"""The method finder's fast searches equal the plain searches of their patterns."""

from __future__ import annotations

import random

from extractor.components import method

# Pieces that make the patterns match, nearly match, or fail at the last step: the
# openings in both cases and inside words, white space the pattern's ``\s`` matches and
# white space it does not (U+001C-U+001F are ``str.isspace`` only), nouns, names, commas.
_PIECES = (
    "our", "Our", "OUR", "four", "your", "the", "The", "bathe", "proposed", "proposed,",
    " ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\x1f", ",", ", ", ".",
    "method", "approach", "model", "agent", "system", "LLM", "called", "named",
    "ZetaNet", "FooBar-2", "Zetabot", "X", "is", "achieves", "(", ";", "-", "é", "Élan",
)  # fmt: skip


_OPENINGS = (
    *("our", "Our", "four", "the proposed", "The proposed", "bathe proposed", "the"),
    *("we call", "We name", "we term", "we dub", "Wwe call", "we called", "referred to as"),
    *("called", "named", "nicknamed", "dubbed", "termed", "coined", "-called", "effects named"),
)
_SPACES = (" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\x1f", "")
_NOUNS = ("method", "agent", "model", "system", "LLM", "approach", "idea")
_AFTER = (", ", ",", " , ", " called ", " ", "")
_NAMES = (
    *("ZetaNet", "FooBar-2", "Zetabot", "Élan", "x", "ZetaNet,", "ZetaNet (ZN)"),
    *('"model soups"', "“lazy merging”", '"the soups"', "as ZetaNet", 'as "Zeta"', "it ZetaNet"),
)
_ENDS = (",", ".", " is", " achieves", " ;", "", " and")


def _random_text(rng: random.Random) -> str:
    """Random pieces, and phrases shaped like the patterns' matches with random faults."""
    parts = []
    for _ in range(rng.randint(0, 6)):
        if rng.random() < 0.3:
            parts.append(rng.choice(_PIECES))
            continue
        opening = rng.choice(_OPENINGS).replace(" ", rng.choice(_SPACES))
        parts += [opening, rng.choice(_SPACES), rng.choice(_NOUNS), rng.choice(_AFTER)]
        parts += [rng.choice(_NAMES), rng.choice(_ENDS), rng.choice(_SPACES)]
    return "".join(parts)


def test_our_searches_equal_the_plain_searches_on_random_texts() -> None:
    rng = random.Random(13)
    tricky = [
        "",
        "Our method, ZetaNet, is simple.",
        "In the proposed approach ZetaNet achieves 3%.",
        "the\t\nproposed model, Zetabot, learns",
        "the\x1f proposed model, Zetabot, learns",  # not \s to the pattern
        "bathe proposed model, Zetabot, learns",
        "your agent, Zetabot, and our agent, FooBar-2, win",
        "ourour method ZetaNet is",
        'a scheme dubbed "lazy merging" and we call it "model soups"',
        "We\u2003call them ZetaNet; referred  to as FooBar-2",
        "nicknamed ZetaNet, also called Zetabot",
    ]
    plain = {
        method._search_our_method: method._our_method.search,
        method._search_our_system: method._our_system.search,
        method._search_called: method._called.search,
        method._search_we_call: method._we_call.search,
        method._search_quoted_name: method._quoted_name.search,
    }
    hits = 0
    for text in tricky + [_random_text(rng) for _ in range(20_000)]:
        for fast, search in plain.items():
            found, expected = fast(text), search(text)
            if expected is None:
                assert found is None, text
                continue
            hits += 1
            assert found is not None, text
            assert found.span() == expected.span(), text
            assert found.groupdict() == expected.groupdict(), text
    assert hits > 1000  # the random texts do reach matches
