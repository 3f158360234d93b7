"""Cues of the second quality pass (issue 3), each on invented sentences."""

from __future__ import annotations

from extractor import extract
from schemas import PaperRecord


def _rows(record: PaperRecord) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(r.text, r.role, r.metric, r.benchmark, r.model) for r in record.metrics]


def _models(record: PaperRecord) -> list[str]:
    return [e.name for e in record.models]


def test_a_name_inside_a_url_is_not_a_mention() -> None:
    record = extract(
        "We propose ZorbAlign. ZorbAlign beats CLIP by 5%. "
        "Code: https://github.com/someone/ZorbAlign and https://github.com/x/GPT-4-tools."
    )
    assert record.method is not None
    assert [m.text for m in record.method.mentions] == ["ZorbAlign", "ZorbAlign"]
    assert all(m.start < record.text.index("https") for m in record.method.mentions)
    assert _models(record) == ["CLIP"]


def test_a_name_glued_to_a_kind_suffix_names_no_model() -> None:
    record = extract("YOLO-based detectors and BERT-style encoders lag behind FooGAN-style models.")
    assert _models(record) == []
    assert _models(extract("Our YOLO-based detector beats YOLOv8n by 2.1 AP.")) == ["YOLOv8n"]
