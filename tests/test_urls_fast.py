"""The URL finder's word-by-word search finds what one scan of the whole text finds."""

from __future__ import annotations

import random

import pytest

from extractor.components import urls

TRICKY = [
    "",
    "no link here. Just prose, e.g. i.e. etc.",
    "Code: https://github.com/org/repo.",
    "see github.com/org/repo and HF.CO/org/model, then GITHUB.COM/x/y",
    "pages at mapo-t2i.github.io and x.gitlab.io/y and osf.io/abc",
    "www.example.net and WWW.EXAMPLE.ORG/path)",
    "colab.research.google.com/drive/1 and sites.google.com/view/p",
    "kaggle.com/datasets/a/b, zenodo.org/record/1, figshare.com/x, gitee.com/a/b",
    "bitbucket.org/a/b codeberg.org/a/b huggingface.co/datasets/x",
    "mail me@github.com or see a/github.com/x and x.github.com.evil",
    "İstanbul github.com/x/y",
    "dotless gıthub.com/x and x.github.ıo and long-s ſites.google.com/x",
    "Kelvin \u212aaggle.com/datasets/a and ht\ttps://x.org",
    "http://no-dot-host and https://x.y/(a)),",
    "github.comx and notgithub.com and github.co",
]


def _full_scan(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in urls._finditer_url(text)]


def _by_words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in urls._url_matches(text)]


@pytest.mark.parametrize("text", TRICKY)
def test_word_search_equals_a_full_scan(text: str) -> None:
    assert _by_words(text) == _full_scan(text)


def test_word_search_equals_a_full_scan_on_random_mixtures() -> None:
    pieces = ["github", "GitLab", "hf", "osf", ".co", ".com", ".org", ".io", "www", "."]
    pieces += ["://", "https", "/", "x", " ", "\n", "@", "-", "ı", "ſ", "İ", "K", "(", ")"]
    pieces += ["google", "colab.research.", "sites.", "zenodo", "kaggle", "figshare"]
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _by_words(text) == _full_scan(text), repr(text)
