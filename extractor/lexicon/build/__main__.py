"""``python -m extractor.lexicon.build``: see :mod:`extractor.lexicon.build._main`."""

from __future__ import annotations

if __name__ == "__main__":
    from extractor.lexicon.build._main import main

    raise SystemExit(main())
