"""The glossary page's table, from terms.yaml, in the page's language (the site build sets
GUIDE_LANG); run it at the repository root to preview: `GUIDE_LANG=zh python snippets/glossary/table.py`."""
import os
from pathlib import Path

import yaml

terms = yaml.safe_load((Path("snippets/glossary/terms.yaml")).read_text(encoding="utf-8"))["terms"]
zh = os.environ.get("GUIDE_LANG", "en").startswith("zh")
if zh:
    print("| 概念（英文） | 中文术语 | 不用的说法 | 说明 |\n| --- | --- | --- | --- |")
else:
    print("| Concept | Chinese term | Not used | Note |\n| --- | --- | --- | --- |")
for t in terms:
    avoid = "、".join(t["variants"]) if zh else ", ".join(t["variants"])
    print(f"| {t['en']} | {t['zh']} | {avoid or '—'} | {t['zh_note' if zh else 'en_note']} |")
