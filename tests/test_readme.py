"""The README's promises: its example record is real, and CI runs its test command."""

from __future__ import annotations

import re
from pathlib import Path

import orjson

from extractor import extract_many
from extractor.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _json_blocks() -> list[str]:
    return re.findall(r"```json\n(.*?)\n```", README, flags=re.DOTALL)


def test_readme_example_record_is_what_extract_prints() -> None:
    (block,) = _json_blocks()
    (record,) = extract_many(
        item.paper for item in read_source(str(ROOT / "fixtures/example.jsonl"))
    )
    assert orjson.loads(block) == record.model_dump(mode="json")


def test_readme_has_the_two_copy_paste_commands() -> None:
    bash = re.findall(r"```bash\n(.*?)\n```", README, flags=re.DOTALL)
    assert any(
        "pip install -e ." in b and "extractor extract fixtures/daily-papers.txt" in b for b in bash
    )
    assert any('pip install -e ".[test]"' in b and "python -m pytest" in b for b in bash)


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install --quiet -e ".[test]"' in ci
    assert "\npython -m pytest\n" in ci
