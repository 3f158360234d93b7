"""The spaCy pipeline: component order, factories by name, and their entry points."""

from __future__ import annotations

from importlib.metadata import distribution, entry_points

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extractor
from extractor import build_pipeline

FACTORIES = {
    "paper_urls": "extractor.components.urls:make_url_finder",
    "paper_quantities": "extractor.components.quantities:make_quantity_finder",
    "paper_abbreviations": "extractor.components.abbreviations:make_abbreviation_finder",
    "paper_names": "extractor.components.names:make_name_finder",
    "paper_method": "extractor.components.method:make_method_finder",
    "paper_results": "extractor.pipeline.results.component:make_result_linker",
    "paper_ents": "extractor.components.ents:make_entity_setter",  # opt-in, not in ORDER
}

ORDER = [
    "paper_urls",
    "paper_quantities",
    "paper_abbreviations",
    "paper_names",
    "paper_method",
    "paper_results",
]
OPT_IN = ["paper_ents"]  # after ORDER, only when asked for (build_pipeline(ents=True))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def test_build_pipeline_component_order(nlp: Language) -> None:
    assert isinstance(nlp, Language)
    assert nlp.lang == "en"
    assert nlp.pipe_names == ORDER
    assert [nlp.get_pipe_meta(name).factory for name in nlp.pipe_names] == ORDER


def test_build_pipeline_gives_a_new_pipeline_each_time(nlp: Language) -> None:
    assert build_pipeline() is not nlp


def test_pipeline_needs_no_trained_model(nlp: Language) -> None:
    assert not any(hasattr(nlp.get_pipe(name), "model") for name in nlp.pipe_names)


def test_pipeline_processes_text_into_doc_extensions(nlp: Language) -> None:
    doc = nlp("FastNet reaches 85.7% accuracy. Code: https://github.com/org/fast.")
    assert isinstance(doc, Doc)
    (result,) = doc._.paper_results
    assert doc.text[slice(*result.sentence)] == "FastNet reaches 85.7% accuracy."
    assert [link.url for link in doc._.paper_links] == ["https://github.com/org/fast"]
    assert isinstance(doc._.paper_results, list)


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_factory_can_be_added_by_name_after_what_it_reads(name: str) -> None:
    import extractor.components  # noqa: F401  (registers the factories)
    from extractor.components._requires import COMPONENTS

    assert Language.has_factory(name)
    upstream = list(COMPONENTS[name][0])
    if upstream:  # alone, it says what is missing instead of quietly finding nothing
        with pytest.raises(ValueError, match="not in the pipeline yet"):
            spacy.blank("en").add_pipe(name)
    nlp = spacy.blank("en")
    order = ORDER + OPT_IN
    earlier = order[: order.index(name)] if upstream else []
    for needed in earlier:
        nlp.add_pipe(needed)
    component = nlp.add_pipe(name)
    assert nlp.pipe_names == [*earlier, name]
    assert nlp.get_pipe_meta(name).factory == name
    assert callable(component)


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_factory_runs_after_the_components_it_reads(name: str) -> None:
    nlp = spacy.blank("en")
    order = ORDER + OPT_IN
    for earlier in order[: order.index(name) + 1]:
        nlp.add_pipe(earlier)
    text = "Our model reaches 85.7% top-1 accuracy on ImageNet (https://github.com/a/b)."
    doc = nlp(text)
    assert isinstance(doc, Doc)
    assert doc.text == text


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_spacy_factories_entry_points_are_declared(name: str) -> None:
    declared = {ep.name: ep for ep in entry_points(group="spacy_factories")}
    assert name in declared, f"{name} is not a spacy_factories entry point"
    entry_point = declared[name]
    assert entry_point.value == FACTORIES[name]
    assert entry_point.dist is not None
    assert entry_point.dist.name == "extractor"
    factory = entry_point.load()
    assert callable(factory)
    assert factory.__module__ == FACTORIES[name].split(":")[0]


def test_distribution_declares_exactly_these_factories() -> None:
    ours = {
        ep.name for ep in distribution("extractor").entry_points if ep.group == "spacy_factories"
    }
    assert ours == set(FACTORIES)


def test_default_pipeline_is_a_full_pipeline() -> None:
    assert extractor.default_pipeline().pipe_names == ORDER


def test_payload_reads_what_doc_underscore_holds(nlp: Language) -> None:
    from extractor.components._spans import payload

    doc = nlp("Code: https://github.com/org/fast and 85.7% accuracy.")
    for name in ("paper_links", "paper_quantities", "paper_names", "paper_results"):
        assert payload(doc, name) is getattr(doc._, name)
    assert payload(spacy.blank("en")("no pipeline"), "paper_links") is None
