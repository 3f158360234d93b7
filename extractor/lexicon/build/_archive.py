"""Obtain one pinned package from the registry and read its files without importing it.

``pip download --no-deps`` puts the wheel (or sdist) in a cache folder; :class:`Archive`
then reads the text files straight out of the zip or tar, sorted by path so every reader
sees them in the same order on every run.
"""

from __future__ import annotations

import email.parser
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_NORMALISE = re.compile(r"[-_.]+")


def dist_name(package: str) -> str:
    """The file-name form of a distribution name (PEP 427/625).

    >>> dist_name("open_clip_torch"), dist_name("lm-eval"), dist_name("nemo-toolkit")
    ('open_clip_torch', 'lm_eval', 'nemo_toolkit')
    """
    return _NORMALISE.sub("_", package).lower()


def find_cached(cache: Path, package: str, version: str) -> Path | None:
    """The wheel or sdist of ``package==version`` already in ``cache``, if any."""
    for path in sorted(cache.iterdir()):
        if split_filename(path.name) == (dist_name(package), version):
            return path
    return None


def split_filename(filename: str) -> tuple[str, str] | None:
    """(normalised name, version) of a wheel or sdist file name, else None.

    >>> split_filename("timm-1.0.31-py3-none-any.whl")
    ('timm', '1.0.31')
    >>> split_filename("lm-eval-0.4.13.tar.gz"), split_filename("log.timm")
    (('lm_eval', '0.4.13'), None)
    """
    if filename.endswith(".whl"):
        name, version = filename.split("-")[:2]
        return dist_name(name), version
    for suffix in (".tar.gz", ".zip"):
        if filename.endswith(suffix) and "-" in filename:
            name, version = filename[: -len(suffix)].rsplit("-", 1)
            return dist_name(name), version
    return None


def download(cache: Path, package: str, version: str) -> Path:
    """``pip download --no-deps package==version`` into ``cache`` (skipped when cached)."""
    cache.mkdir(parents=True, exist_ok=True)
    found = find_cached(cache, package, version)
    if found is not None:
        return found
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         "--dest", str(cache), f"{package}=={version}"],
        check=True,
    )
    found = find_cached(cache, package, version)
    if found is None:
        raise FileNotFoundError(f"pip downloaded nothing for {package}=={version} in {cache}")
    return found


@dataclass(frozen=True)
class Archive:
    """The text files of one downloaded distribution, read in path order."""

    path: Path

    def names(self) -> list[str]:
        if self.path.suffix in {".whl", ".zip"}:
            with zipfile.ZipFile(self.path) as archive:
                return sorted(n for n in archive.namelist() if not n.endswith("/"))
        with tarfile.open(self.path) as archive:
            return sorted(m.name for m in archive.getmembers() if m.isfile())

    def read(self, name: str) -> str:
        if self.path.suffix in {".whl", ".zip"}:
            with zipfile.ZipFile(self.path) as archive:
                data = archive.read(name)
        else:
            with tarfile.open(self.path) as archive:
                member = archive.extractfile(name)
                if member is None:
                    raise FileNotFoundError(name)
                data = member.read()
        return data.decode("utf-8", errors="replace")

    def texts(self, *suffixes: str, under: str = "") -> Iterator[tuple[str, str]]:
        """(path, text) of every file under ``under`` ending with one of ``suffixes``."""
        if self.path.suffix in {".whl", ".zip"}:
            with zipfile.ZipFile(self.path) as archive:
                for name in sorted(archive.namelist()):
                    if name.endswith(suffixes) and under in name:
                        yield name, archive.read(name).decode("utf-8", errors="replace")
            return
        with tarfile.open(self.path) as archive:
            members = sorted((m for m in archive.getmembers() if m.isfile()),
                             key=lambda m: m.name)
            for member in members:
                if member.name.endswith(suffixes) and under in member.name:
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield member.name, handle.read().decode("utf-8", errors="replace")

    def licence(self) -> str:
        """The licence the package metadata declares (expression, field, then classifier)."""
        metadata = next(
            (text for name, text in self.texts("METADATA", "PKG-INFO")
             if name.count("/") <= 1),
            "",
        )
        declared = licence_of(metadata)
        if declared != "UNKNOWN":
            return declared
        for name, text in self.texts("LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING"):
            if ".dist-info/" in name or name.count("/") <= 1:
                return licence_from_text(text)
        return declared


def licence_of(metadata: str) -> str:
    """The licence named in core metadata.

    >>> licence_of("Name: x\\nLicense-Expression: Apache-2.0\\nLicense: MIT\\n\\nbody")
    'Apache-2.0'
    >>> licence_of("Name: x\\nLicense: BSD 3-Clause License\\n\\n")
    'BSD 3-Clause License'
    >>> licence_of("Name: x\\nClassifier: License :: OSI Approved :: MIT License\\n\\n")
    'MIT License'
    """
    message = email.parser.Parser().parsestr(metadata, headersonly=True)
    expression = (message.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (message.get("License") or "").strip().splitlines()
    if field and field[0].strip() and len(field[0].strip()) <= 60:
        return field[0].strip()
    for classifier in message.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            return classifier.split("::")[-1].strip()
    return "UNKNOWN"


def licence_from_text(text: str) -> str:
    """The licence a LICENSE file's text is (when metadata names none).

    >>> licence_from_text("MIT License\\n\\nPermission is hereby granted, free of charge")
    'MIT (LICENSE file)'
    >>> licence_from_text("  Apache License\\n  Version 2.0, January 2004")
    'Apache-2.0 (LICENSE file)'
    >>> licence_from_text("All rights reserved.")
    'see LICENSE file'
    """
    head = " ".join(text[:3000].split())
    if "Permission is hereby granted, free of charge" in head:
        return "MIT (LICENSE file)"
    if "Apache License" in head and "Version 2.0" in head:
        return "Apache-2.0 (LICENSE file)"
    if "Redistribution and use in source and binary forms" in head:
        return "BSD (LICENSE file)"
    if "GNU GENERAL PUBLIC LICENSE" in head.upper():
        return "GPL (LICENSE file)"
    return "see LICENSE file"
