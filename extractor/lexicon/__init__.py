"""The field's vocabularies as data, and what is built from them.

- ``cues.toml`` / :mod:`extractor.lexicon.cues`: the cue words the pipeline's rules are
  built from (each regex and its cheap pre-check from one list).
- :mod:`extractor.lexicon.registry` reads ``lexicon/data/registry/*.jsonl`` (written by
  the dev-only build script in ``lexicon/build/`` from public registries): names with a
  ``common_word`` flag for those that are also ordinary words.
- :mod:`extractor.lexicon.matcher` turns the curated lists and the registry into token
  tables matched on spaCy's token hashes, built once and cached on disk keyed by the
  lists' content, so a pipeline starts without tokenizing tens of thousands of names.

Nothing here is built at import: the name finder asks for the tables when a pipeline is
built.
"""
