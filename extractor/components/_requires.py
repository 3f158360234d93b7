"""What each component reads and writes, declared once (spaCy ``requires``/``assigns``),
and a clear error when a component is added without the ones it reads.

spaCy only reports missing requirements in ``nlp.analyze_pipes()``; without this check
``add_pipe("paper_results")`` on a blank pipeline would quietly find nothing.
"""

from __future__ import annotations

from spacy.language import Language

#: factory -> (the factories it reads from, in pipeline order; the attributes it writes)
COMPONENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "paper_urls": ((), ("doc._.paper_links", "doc.spans")),
    "paper_quantities": ((), ("doc._.paper_quantities", "doc.spans")),
    "paper_abbreviations": ((), ("doc._.paper_abbreviations", "doc.spans")),
    "paper_names": (
        ("paper_urls", "paper_quantities", "paper_abbreviations"),
        ("doc._.paper_names", "doc.spans"),
    ),
    "paper_method": (
        ("paper_urls", "paper_abbreviations", "paper_names"),
        ("doc._.paper_method", "doc.spans"),
    ),
    "paper_results": (
        ("paper_urls", "paper_quantities", "paper_names", "paper_method"),
        ("doc._.paper_results",),
    ),
    "paper_ents": (("paper_results",), ("doc.ents",)),
}

_WRITES = {factory: assigns[0] for factory, (_, assigns) in COMPONENTS.items()}


def requires(factory: str) -> list[str]:
    """The attributes ``factory`` reads (spaCy's ``requires``)."""
    return [_WRITES[needed] for needed in COMPONENTS[factory][0]]


def assigns(factory: str) -> list[str]:
    """The attributes ``factory`` writes (spaCy's ``assigns``)."""
    return list(COMPONENTS[factory][1])


def check_upstream(nlp: Language, factory: str) -> None:
    """Refuse to add ``factory`` to ``nlp`` before the components it reads."""
    present = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    missing = [needed for needed in COMPONENTS[factory][0] if needed not in present]
    if missing:
        adds = "; ".join(f'nlp.add_pipe("{m}")' for m in missing)
        raise ValueError(
            f"{factory} reads what {', '.join(missing)} write{'s' if len(missing) == 1 else ''}"
            f", which {'is' if len(missing) == 1 else 'are'} not in the pipeline yet: first "
            f"{adds} (or use extractor.build_pipeline())"
        )
