"""Each part of the package imports on its own, in a fresh interpreter (a circular import
between ``extractor.components`` and ``extractor.pipeline.results`` once made importing the
result linker first fail)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "module",
    [
        "extractor.pipeline.results",
        "extractor.pipeline.results.metric",
        "extractor.pipeline.results.selection",
        "extractor.components.names",
    ],
)
def test_a_module_imports_first(module: str) -> None:
    paths = [str(ROOT), str(ROOT / "schemas"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
