"""Opt-in named entities: what the other components found, as ``doc.ents``.

For spaCy code that reads ``doc.ents`` (``displacy.render(doc, style="ent")``, entity
rulers downstream, evaluation scripts). It reads the ``doc.spans`` groups the components
write (so it needs them: ``build_pipeline(ents=True)`` turns them on) and the result
numbers of ``doc._.paper_results``, labels each span METHOD, MODEL, BENCHMARK, METRIC,
RESULT or URL, and keeps the longest where spans overlap (``spacy.util.filter_spans``).
Records never read ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.components._requires import assigns, check_upstream, requires
from extractor.components._spans import payload, token_span

# doc.spans group -> entity label
GROUPS = {
    "paper_method": "METHOD",
    "paper_models": "MODEL",
    "paper_benchmarks": "BENCHMARK",
    "paper_metrics": "METRIC",
    "paper_urls": "URL",
}
RESULT = "RESULT"


class EntitySetter:
    """Sets ``doc.ents`` from the other components' spans and result numbers."""

    def __init__(self, nlp: Language, name: str = "paper_ents") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for key, label in GROUPS.items():
            if key in doc.spans:
                spans += [Span(doc, s.start, s.end, label=label) for s in doc.spans[key]]
        for result in payload(doc, "paper_results") or []:
            number = result.quantity
            span = token_span(doc, number.start, number.end, RESULT)
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


@Language.factory(
    "paper_ents",
    requires=requires("paper_ents"),
    assigns=assigns("paper_ents"),
)
def make_entity_setter(nlp: Language, name: str) -> EntitySetter:
    """Create the entity setter (``nlp.add_pipe("paper_ents")``, last)."""
    check_upstream(nlp, "paper_ents")
    return EntitySetter(nlp, name)
