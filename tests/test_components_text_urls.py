"""Text cleaning and URL finding."""

from __future__ import annotations

import pytest

from extractor import clean
from extractor.components.urls import classify_url, find_links


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (r"from 33.25\% to 1.74\%", "from 33.25% to 1.74%"),
        (r"Harmless\&Helpful", "Harmless&Helpful"),
        (r"snake\_case and \#1 and \$5", "snake_case and #1 and $5"),
        ("a ``better'' answer", 'a "better" answer'),
        ("samplesx2013less than", "samples\u2013less than"),
        ("componentsx2013such as weights", "components\u2013such as weights"),
        ("0x2013 is a hex literal", "0x2013 is a hex literal"),
        ("a &amp; b &lt;c&gt; &#8211; d", "a & b <c> \u2013 d"),
        ("  many   spaces\n\nand\tlines  ", "many spaces and lines"),
        ("no\u00a0break\u200bzero", "no break zero"),
        ("ctrl\x00chars\x07here", "ctrl chars here"),
    ],
)
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_clean_is_idempotent_on_sample_like_text() -> None:
    text = r"gains of 28.35\% and ``quotes'' with samplesx2013less"
    assert clean(clean(text)) == clean(text)


@pytest.mark.parametrize(
    ("text", "url", "written"),
    [
        (
            "Code: https://github.com/luping-liu/LongAlign.",
            "https://github.com/luping-liu/LongAlign",
            "https://github.com/luping-liu/LongAlign",
        ),
        (
            "see https://mm-rlhf.github.io.",
            "https://mm-rlhf.github.io",
            "https://mm-rlhf.github.io",
        ),
        ("at github.com/x/y, and", "https://github.com/x/y", "github.com/x/y"),
        ("(https://example.org/a_(b))", "https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("(see https://example.org/page)", "https://example.org/page", "https://example.org/page"),
        ("visit www.example.com/x;", "https://www.example.com/x", "www.example.com/x"),
        # any host named as where to go ("at", "visit")
        ("a public leaderboard at smddbench.com .", "https://smddbench.com", "smddbench.com"),
        ("Visit demo-site.ai/play for samples.", "https://demo-site.ai/play", "demo-site.ai/play"),
        (
            '"https://huggingface.co/org/m"',
            "https://huggingface.co/org/m",
            "https://huggingface.co/org/m",
        ),
    ],
)
def test_find_links_trims_and_normalises(text: str, url: str, written: str) -> None:
    (link,) = find_links(text)
    assert link.url == url
    assert text[link.start : link.end] == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "gaps on smaller LLMs111https://example.org/r/demo-40D.",
            "https://example.org/r/demo-40D",
        ),
        ("the tool.2https://github.com/x/y is free", "https://github.com/x/y"),
        ("available at:https://github.com/x/y", "https://github.com/x/y"),
        ("see our results.https://example.org/x", "https://example.org/x"),
    ],
)
def test_a_scheme_glued_to_a_footnote_marker_or_word_still_starts_a_link(
    text: str, written: str
) -> None:
    (link,) = find_links(text)
    assert text[link.start : link.end] == written == link.url


def test_glued_words_before_a_bare_host_or_www_are_not_links() -> None:
    assert find_links("see xwww.example.com and mygithub.com/x/y") == []


def test_email_and_plain_words_are_not_links() -> None:
    assert find_links("mail me at someone@github.com or read the github docs") == []


def test_a_bare_host_without_a_cue_word_is_not_a_link() -> None:
    assert find_links("Reviews from Amazon.com and apps built with Node.js; me at a@b.com") == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/a/b", "code"),
        ("https://gitlab.com/a/b", "code"),
        ("https://huggingface.co/datasets/a/b", "dataset"),
        ("https://huggingface.co/spaces/a/b", "project"),
        ("https://huggingface.co/a/b", "model"),
        ("https://a.github.io/proj", "project"),
        ("https://zenodo.org/record/1", "dataset"),
        ("https://github.com", "other"),
        ("https://arxiv.org/abs/1", "other"),
    ],
)
def test_classify_url(url: str, kind: str) -> None:
    assert classify_url(url) == kind


def test_links_found_word_by_word_match_one_scan_of_the_text() -> None:
    text = (
        "Code:\tgithub.com/a/b,\nsee www.example.org/x; (https://x.org/y) and HF.co/org/m."
        " İstanbul data at https://zenodo.org/records/1"
    )
    assert [text[x.start : x.end] for x in find_links(text)] == [
        "github.com/a/b",
        "www.example.org/x",
        "https://x.org/y",
        "HF.co/org/m",
        "https://zenodo.org/records/1",
    ]


def test_a_markdown_link_gives_its_url_once() -> None:
    from extractor import extract

    text = "Code is at [https://github.com/zorb/quux](https://github.com/zorb/quux)."
    assert [text[x.start : x.end] for x in find_links(text)] == [
        "https://github.com/zorb/quux",
        "https://github.com/zorb/quux",
    ]
    record = extract(text)
    assert [(x.url, x.span.start) for x in record.code_urls] == [
        ("https://github.com/zorb/quux", 12)
    ]
