"""The field's names: the registry lexicon beside the curated lists, and their matcher.

- :mod:`extractor.lexicon.registry` reads ``lexicon/data/registry/*.jsonl`` (written by
  the build script from public registries; format in ``LEXICON_FORMAT.md``): names with
  a ``common_word`` flag for those that are also ordinary words.
- :mod:`extractor.lexicon.matcher` turns the curated lists and the registry into token
  tables matched on spaCy's token hashes, built once and cached on disk keyed by the
  lists' content, so a pipeline starts without tokenizing tens of thousands of names.

Nothing here is built at import: the name finder asks for the tables when a pipeline is
built.
"""
