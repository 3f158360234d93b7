"""Every public name is exported, and every exported name exists (as httpx checks its own)."""

from __future__ import annotations

import types

import pytest

import extractor
import extractor_schemas as schemas

INCLUDED_PRIVATE_MEMBERS = {"__version__"}


def _public_members(module: types.ModuleType) -> set[str]:
    """Names a user may rely on: not private, and not submodules (reached by their path)."""
    return {
        name
        for name in dir(module)  # a lazy module lists the names it imports on first use
        if (not name.startswith("_") or name in INCLUDED_PRIVATE_MEMBERS)
        and not isinstance(getattr(module, name), types.ModuleType)
        and name != "annotations"  # ``from __future__ import annotations``
    }


@pytest.mark.parametrize("module", [extractor, schemas], ids=lambda m: m.__name__)
def test_all_names_exist(module: types.ModuleType) -> None:
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


@pytest.mark.parametrize("module", [extractor, schemas], ids=lambda m: m.__name__)
def test_all_has_no_duplicates(module: types.ModuleType) -> None:
    assert len(module.__all__) == len(set(module.__all__))


@pytest.mark.parametrize("module", [extractor, schemas], ids=lambda m: m.__name__)
def test_all_public_names_are_exported(module: types.ModuleType) -> None:
    assert set(module.__all__) == _public_members(module)


@pytest.mark.parametrize("module", [extractor, schemas], ids=lambda m: m.__name__)
def test_star_import_gives_all(module: types.ModuleType) -> None:
    namespace: dict[str, object] = {}
    exec(f"from {module.__name__} import *", namespace)
    namespace.pop("__builtins__")
    assert set(namespace) == set(module.__all__)


def test_extractor_reexports_the_schema_models() -> None:
    for name in ("ErrorRecord", "Paper", "PaperRecord"):
        assert getattr(extractor, name) is getattr(schemas, name)


def test_exception_codes_are_distinct_and_well_formed() -> None:
    errors = [getattr(extractor, name) for name in extractor.__all__ if name.endswith("Error")]
    errors = [e for e in errors if isinstance(e, type) and issubclass(e, extractor.ExtractorError)]
    assert len(errors) == 10
    codes = [e.code for e in errors]
    assert len(set(codes)) == len(codes)
    for error in errors:
        schemas.ErrorDetail(code=error.code, message="checks the code pattern")


def test_version_is_the_distribution_version() -> None:
    from importlib.metadata import version

    assert extractor.__version__ == version("extractor")


@pytest.mark.parametrize("module", ["extractor", "extractor.store", "extractor.leaderboard"])
def test_importing_the_package_or_its_store_does_not_load_spacy(module: str) -> None:
    """Store and leaderboard users do not pay for spaCy (the public names import lazily)."""
    import subprocess
    import sys

    code = f"import sys, {module}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_unknown_attribute_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        extractor.no_such_name  # noqa: B018
