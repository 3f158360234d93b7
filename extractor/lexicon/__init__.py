"""Vocabularies as data: the cue words the pipeline's rules are built from (``cues.toml``)."""
