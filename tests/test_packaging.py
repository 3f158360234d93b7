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
    globs = config["tool"]["setuptools"]["package-data"]["extractor_schemas"]
    assert any(fnmatch("paper_record.schema.json", glob) for glob in globs)


def test_the_install_has_no_top_level_package_named_schemas(tmp_path: Path) -> None:
    """The schemas/ folder ships as ``extractor_schemas``: a plain ``schemas`` import name
    would clash with other distributions. Checked from outside the checkout, as a user's
    process sees the installed package."""
    import subprocess
    import sys

    code = (
        "import importlib.util as u, extractor_schemas; "
        "print(u.find_spec('schemas') is None, extractor_schemas.PaperRecord.__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "PaperRecord"]
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = config["tool"]["setuptools"]["packages"]["find"]
    assert not any(fnmatch("schemas", pattern) for pattern in found["include"])
