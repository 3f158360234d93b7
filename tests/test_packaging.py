"""What a wheel ships: every data file the pipeline reads is declared as package data."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["extractor"]
    data = sorted((ROOT / "extractor" / "data").iterdir())
    assert data
    for path in data:
        relative = f"data/{path.name}"
        assert any(fnmatch(relative, glob) for glob in globs), f"{relative} would not ship"


def test_committed_schema_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["schemas"]
    assert any(fnmatch("paper_record.schema.json", glob) for glob in globs)
