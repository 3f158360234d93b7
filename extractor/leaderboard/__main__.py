"""``python -m extractor.leaderboard``: regenerate the committed JSON Schema of the JSON output."""

from extractor.leaderboard._pwc import SCHEMA_PATH, render_json_schema

SCHEMA_PATH.write_text(render_json_schema(), encoding="utf-8")
print(f"wrote {SCHEMA_PATH}")
