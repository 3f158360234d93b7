"""The components' payloads in msgpack, so Docs serialise (``doc.to_bytes``, ``DocBin``,
``nlp.pipe(n_process=...)``).

spaCy writes ``doc.user_data`` (where ``doc._.paper_*`` live) with srsly's msgpack, which
knows plain types only. The payloads are small frozen dataclasses of this package
(``Quantity``, ``NameMatch``, ...): each is written as ``{"__extractor__": "module:Class",
"f": [field values]}`` and read back as the same class, its sequences as tuples (the
payloads hold tuples). Registered with srsly at import (this module is imported by every
component) and through the ``srsly_msgpack_*`` entry points, so a process that only reads
Docs finds them too. Only dataclasses defined in this package are ever built when reading.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import Any

import srsly

_MARK = "__extractor__"
_PACKAGE = "extractor."

Chain = Callable[[Any], Any] | None


def _tuples(value: Any) -> Any:
    """Lists (how msgpack reads arrays) back into the tuples the payloads hold."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def encode_payload(obj: Any, chain: Chain = None) -> Any:
    """msgpack ``default`` hook: a payload dataclass of this package as a tagged dict."""
    cls = type(obj)
    if dataclasses.is_dataclass(obj) and cls.__module__.startswith(_PACKAGE):
        fields = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
        return {_MARK: f"{cls.__module__}:{cls.__qualname__}", "f": fields}
    return obj if chain is None else chain(obj)


def decode_payload(obj: Any, chain: Chain = None) -> Any:
    """msgpack ``object_hook``: a tagged dict back into its payload dataclass."""
    if isinstance(obj, dict) and isinstance(obj.get(_MARK), str):
        module, _, name = obj[_MARK].partition(":")
        if module.startswith(_PACKAGE):
            cls = getattr(importlib.import_module(module), name, None)
            if isinstance(cls, type) and dataclasses.is_dataclass(cls):
                return cls(*(_tuples(v) for v in obj["f"]))
        raise ValueError(f"unknown payload type in a serialised Doc: {obj[_MARK]!r}")
    return obj if chain is None else chain(obj)


def register() -> None:
    """Make srsly's msgpack (and so spaCy) read and write the payloads; idempotent."""
    srsly.msgpack_encoders.register("extractor_payloads", func=encode_payload)
    srsly.msgpack_decoders.register("extractor_payloads", func=decode_payload)


register()
