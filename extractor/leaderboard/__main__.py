"""``python -m extractor.leaderboard``: regenerate the JSON Schemas of the JSON outputs."""

from extractor.leaderboard._pwc import (
    FULL_SCHEMA_PATH,
    SCHEMA_PATH,
    render_full_json_schema,
    render_json_schema,
)

for path, text in (
    (SCHEMA_PATH, render_json_schema()),
    (FULL_SCHEMA_PATH, render_full_json_schema()),
):
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
