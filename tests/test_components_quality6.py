"""Cues of the sixth quality pass (issue 3), each on invented sentences: where it fires
and where it must not."""

from __future__ import annotations

from extractor import extract
from extractor.components.quantities import find_quantities
from extractor.pipeline.results._cues import _match_baseline_close, _match_compared_gap
from extractor_schemas import PaperRecord


def _found(record: PaperRecord) -> list[tuple[str, str, str | None]]:
    return [(r.text, r.role, r.metric) for r in record.metrics]


# Whole numbers in a slash list that writes its unit once.


def test_a_slash_list_of_whole_numbers_shares_its_unit() -> None:
    found = [(q.text, q.unit) for q in find_quantities("runs at 88/71/64 FPS on one card")]
    assert found == [("88", "FPS"), ("71", "FPS"), ("64 FPS", "FPS")]


def test_slash_lists_without_a_unit_or_after_a_name_stay_apart() -> None:
    assert [q.text for q in find_quantities("a 3/4 split of 12 tasks")] == ["3", "12"]
    assert [q.text for q in find_quantities("ViT-B/16/32 reaches 9 FPS")] == ["9 FPS"]
    assert [q.text for q in find_quantities("Q/3/4 FPS")] == []


def test_a_frame_rate_list_is_a_list_of_results() -> None:
    record = extract("Our PelicanDet-S and PelicanDet-L reach 140/95 FPS on one GPU.")
    assert [(r.text, r.unit, r.role) for r in record.metrics] == [
        ("140", "FPS", "result"),
        ("95 FPS", "FPS", "result"),
    ]


# A signed bare number after a gain cue is a change.


def test_a_signed_bare_number_after_a_gain_cue_is_an_improvement() -> None:
    record = extract("It lifts the judge score, with gains of up to +9.4 on coding subsets.")
    assert [(r.text, r.role, r.bound) for r in record.metrics] == [
        ("+9.4", "improvement", "at_most")
    ]


def test_an_unsigned_or_uncued_bare_number_is_not_taken() -> None:
    assert extract("We use gains of up to 9 layers in the encoder.").metrics == []
    assert extract("The offset is +3 in every run.").metrics == []


# A bare number a bare result is compared with is its baseline in the same measure.


def test_a_bare_number_compared_with_a_bare_result_is_its_baseline() -> None:
    record = extract(
        "FooQuant reaches 9.12 perplexity on WikiText-2 under 3-bit weights, compared to "
        "8.70 in half precision and 14.05 with round-to-nearest."
    )
    assert _found(record) == [
        ("9.12", "result", "perplexity"),
        ("8.70", "baseline", "perplexity"),
        ("14.05", "baseline", "perplexity"),
    ]


def test_a_compared_count_is_not_a_baseline() -> None:
    record = extract("FooNet reaches 31.2 BLEU, compared to 7 layers of the baseline.")
    assert [r.text for r in record.metrics] == ["31.2"]
    record = extract("FooNet reaches 31.2 BLEU with 12 layers, compared to 7 in the baseline.")
    assert [r.text for r in record.metrics] == ["31.2"]


def test_the_compared_gap_and_close_patterns() -> None:
    text = " BLEU on X, compared to the baseline of "
    assert _match_compared_gap(text, 0, len(text))
    assert not _match_compared_gap(" BLEU. Compared to ", 0, len(" BLEU. Compared to "))
    assert not _match_compared_gap(" BLEU and then ", 0, len(" BLEU and then "))
    assert _match_baseline_close(" in full precision", 0)
    assert _match_baseline_close(", while", 0)
    assert not _match_baseline_close(" layers of it", 0)


# A name the paper puts in quotes after naming it is its method, lower case allowed.


def test_a_quoted_name_after_we_call_is_the_method() -> None:
    record = extract('We average many checkpoints -- we call the results "weight stews." It works.')
    assert record.method is not None and record.method.name == "weight stews"
    record = extract('We merge adapters with a scheme dubbed "lazy merging", which is cheap.')
    assert record.method is not None and record.method.name == "lazy merging"


def test_a_quoted_phenomenon_or_so_called_term_is_not_the_method() -> None:
    for text in (
        'We call this phenomenon "drift collapse" and study it.',
        'We call this "drift collapse" and study it.',
        'We call it "the curse of depth" and study it.',
        'The so-called "alignment tax" is measured here.',
    ):
        assert extract(text).method is None, text


# A number measured on hardware is on no benchmark.


def test_a_speed_on_hardware_takes_no_benchmark_from_the_sentence() -> None:
    record = extract(
        "Our PelicanDet-L reaches 81.2% AP50 on DOTA1.0 and 95 FPS on a single RTX 4090 GPU."
    )
    assert [(r.text, r.benchmark) for r in record.metrics] == [
        ("81.2%", "DOTA1.0"),
        ("95 FPS", None),
    ]


def test_a_score_on_a_benchmark_keeps_it() -> None:
    record = extract("Our PelicanDet-L reaches 81.2% AP50 and 95 FPS on DOTA1.0.")
    assert [r.benchmark for r in record.metrics] == ["DOTA1.0", "DOTA1.0"]


def test_a_sentence_setting_still_reaches_a_speed_on_hardware() -> None:
    record = extract("Evaluated on DOTA1.0, PelicanDet-L runs at 95 FPS on a single RTX 4090 GPU.")
    assert [(r.text, r.benchmark) for r in record.metrics] == [("95 FPS", "DOTA1.0")]
