"""The evaluation setting of a result number (``extractor.settings``), as data tables.

Every sentence is made up. Each case: the text, the number as written (its first
occurrence), the setting expected, and why.
"""

from __future__ import annotations

import pytest

from extractor.settings import SETTING_CUES, averages_several_sets, find_settings, setting_of

# (text, number, expected setting, why)
SETTING_CASES: list[tuple[str, str, str | None, str]] = [
    (
        "ZetaNet reaches 85.7% zero-shot top-1 accuracy on ImageNet.",
        "85.7%",
        "zero-shot",
        "the setting word before the metric",
    ),
    (
        "In the zero-shot setting, ZetaNet reaches 85.7% on ImageNet.",
        "85.7%",
        "zero-shot",
        "a setting phrase opening the sentence",
    ),
    (
        "Without any fine-tuning, the model scores 71.2 on MMLU.",
        "71.2",
        "zero-shot",
        "'without fine-tuning' is zero-shot, not fine-tuned (longest cue wins)",
    ),
    (
        "After fine-tuning, ViT-G reaches 90.9% top-1 accuracy on ImageNet.",
        "90.9%",
        "fine-tuned",
        "fine-tuning before the number",
    ),
    (
        "The finetuned model attains 43.1 BLEU on WMT14.",
        "43.1",
        "fine-tuned",
        "spelling without a hyphen",
    ),
    ("With 5-shot prompting, it obtains 67.3% on MMLU.", "67.3%", "5-shot", "k-shot keeps its k"),
    ("It obtains 67.3% five-shot accuracy on MMLU.", "67.3%", "5-shot", "k written as a word"),
    (
        "In a one-shot setting it obtains 40.0% on the test set.",
        "40.0%",
        "1-shot",
        "one-shot is 1-shot",
    ),
    ("It obtains 58.2% in the 0-shot setting.", "58.2%", "zero-shot", "0-shot is zero-shot"),
    (
        "The few-shot accuracy reaches 61.0% on miniImageNet.",
        "61.0%",
        "few-shot",
        "few-shot without a k",
    ),
    (
        "A linear probe on frozen features gives 80.1% on ImageNet.",
        "80.1%",
        "linear probe",
        "linear probe",
    ),
    (
        "Under linear evaluation, the encoder achieves 76.5% top-1 accuracy.",
        "76.5%",
        "linear probe",
        "linear evaluation is linear probing",
    ),
    (
        "With extra training data, the model achieves 91.0% on CIFAR-100.",
        "91.0%",
        "extra training data",
        "extra data",
    ),
    (
        "Without extra data, the model achieves 88.0% on CIFAR-100.",
        "88.0%",
        None,
        "'without extra data' names no setting",
    ),
    ("The model achieves 85.7% top-1 accuracy on ImageNet.", "85.7%", None, "no setting named"),
    (
        "ZetaNet reaches 85.7% zero-shot, and 90.9% after fine-tuning.",
        "85.7%",
        "zero-shot",
        "two settings: each number takes the one in its clause",
    ),
    (
        "ZetaNet reaches 85.7% zero-shot, and 90.9% after fine-tuning.",
        "90.9%",
        "fine-tuned",
        "two settings: each number takes the one in its clause",
    ),
    (
        "In the zero-shot setting, X achieves 60.1%, and after fine-tuning, it achieves 70.2%.",
        "60.1%",
        "zero-shot",
        "the nearest cue before the number when its clause has none",
    ),
    (
        "In the zero-shot setting, X achieves 60.1%, and after fine-tuning, it achieves 70.2%.",
        "70.2%",
        "fine-tuned",
        "the nearest cue before the number when its clause has none",
    ),
    (
        "It reaches 60.1% and 70.2% in the zero-shot and fine-tuned settings, respectively.",
        "60.1%",
        "zero-shot",
        "'respectively' pairs settings with numbers in order",
    ),
    (
        "It reaches 60.1% and 70.2% in the zero-shot and fine-tuned settings, respectively.",
        "70.2%",
        "fine-tuned",
        "'respectively' pairs settings with numbers in order",
    ),
    (
        "Our zero-shot model outperforms fine-tuned models, reaching 72.4% on VQAv2.",
        "72.4%",
        "zero-shot",
        "a cue after a comparison word names the compared models, not the number",
    ),
    (
        "Without any labels, ZetaNet outperforms fine-tuned models, reaching 72.4% on VQAv2.",
        "72.4%",
        None,
        "the only cue names what is compared against",
    ),
    (
        "We propose a shot-noise model that reaches 30.2 dB PSNR.",
        "30.2",
        None,
        "'shot' alone is no setting",
    ),
]


def _where(text: str, number: str) -> tuple[int, int]:
    start = text.index(number)
    return start, start + len(number)


@pytest.mark.parametrize(("text", "number", "expected", "why"), SETTING_CASES)
def test_setting_of(text: str, number: str, expected: str | None, why: str) -> None:
    numbers = [_where(text, n) for n in ("60.1%", "70.2%", "85.7%", "90.9%") if n in text] or [
        _where(text, number)
    ]
    assert setting_of(text, (0, len(text)), _where(text, number), numbers) == expected, why


def test_a_cue_outside_the_sentence_is_not_read() -> None:
    text = "We study zero-shot transfer. The model reaches 85.7% on ImageNet."
    sentence = (text.index("The"), len(text))
    assert setting_of(text, sentence, _where(text, "85.7%")) is None


def test_cues_are_found_in_any_case_and_spelling() -> None:
    found = [s for _, s in find_settings("ZERO SHOT, Zeroshot, Fine tuned, linear-probe")]
    assert found == ["zero-shot", "zero-shot", "fine-tuned", "linear probe"]


# (sentence, benchmarks named, result numbers, expected, why)
AVERAGE_CASES: list[tuple[str, int, int, bool, str]] = [
    (
        "On 5 test sets with natural distribution shifts such as ImageNet-A, ImageNet-R and "
        "ObjectNet, our model achieves 84.3% top-1 accuracy.",
        3,
        1,
        True,
        "one number for several named test sets",
    ),
    (
        "Averaged over the three benchmarks GSM8K, MATH and SVAMP, it scores 61.2%.",
        3,
        1,
        True,
        "an average over named benchmarks",
    ),
    (
        "On three benchmarks, GSM8K, MATH and SVAMP, it scores 80%, 50% and 90%, respectively.",
        3,
        3,
        False,
        "a 'respectively' list gives one number per benchmark",
    ),
    (
        "Averaged over the 18 datasets of BEIR, it reaches 52.1 nDCG@10.",
        1,
        1,
        False,
        "a suite's own average is the suite's score",
    ),
    (
        "It reaches 85.7% top-1 accuracy on ImageNet and 60.2% on ObjectNet.",
        2,
        2,
        False,
        "no several-sets phrase",
    ),
    (
        "Across 12 datasets, including CIFAR-10 and STL-10, it improves accuracy to 91.0% "
        "on CIFAR-10 and 88.0% on STL-10.",
        2,
        2,
        False,
        "as many numbers as benchmarks, no averaging word",
    ),
]


@pytest.mark.parametrize(("sentence", "named", "numbers", "expected", "why"), AVERAGE_CASES)
def test_averages_several_sets(
    sentence: str, named: int, numbers: int, expected: bool, why: str
) -> None:
    assert averages_several_sets(sentence, named, numbers) is expected, why


@pytest.mark.parametrize(
    "phrase", [p for _, phrases in SETTING_CUES for p in phrases if p != "without extra data"]
)
def test_every_cue_passes_the_cheap_pre_check(phrase: str) -> None:
    for spelling in (phrase, phrase.upper(), phrase.replace("-", " "), phrase.replace("-", "")):
        assert find_settings(f"It reaches 50% {spelling} on X.") != [], spelling
