"""The guide's Chinese style, checked on a page's rendered prose: one term per concept (from
snippets/glossary/terms.yaml), Chinese units, and number and punctuation style."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from tsharness.cjk import CJK
from tsharness.paths import SNIPPETS

TERMS_FILE = SNIPPETS / "glossary" / "terms.yaml"

# (what is wrong, pattern) for the zh prose; code and captured outputs are not prose.
STYLE = [
    ("a space before %", re.compile(r"\d\s+%")),
    ("a space after 。", re.compile(r"。[ \t\u00a0]+(?=\S)")),
    ("ms instead of 毫秒", re.compile(r"\d\s*ms\b")),
    ("a thousands separator other than ,", re.compile(r"\d[ \u00a0\u2009\u202f']\d{3}(?!\d)")),
    ("a four-digit quantity without its ,",
     re.compile(r"(?<![\d.,:/])[1-9]\d{3}(?![\d.,])\s*(?:请求/秒|毫秒|个请求|次|MiB|MB)")),
    ("a five-or-more-digit number without ,", re.compile(r"(?<![\d.,:/\w-])[1-9]\d{4,}(?![\d.,])")),
    ("a word-for-word calque (see zh-style: 覆盖, 多一次往返, 调用模型, 逐条执行, 每组配置)",
     re.compile("盖过|付一次往返|问模型|走查|每格")),
    ("straight or corner quotes instead of “”", re.compile(rf'"(?=[{CJK}])|(?<=[{CJK}])"|[「」]')),
]


def terms(path: Path = TERMS_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]


def problems(text: str, glossary: list[dict] | None = None) -> list[str]:
    """Every place the Chinese prose `text` strays from the glossary or the style, with context."""
    found = []

    def context(m: re.Match) -> str:
        return text[max(0, m.start() - 12):m.end() + 12].replace("\n", " ")

    for term in glossary if glossary is not None else terms():
        for variant in term.get("variants") or []:
            # An ASCII variant counts as a word of its own (gen_stubs.sh is no “stub”).
            pattern = rf"(?<![\w.]){re.escape(variant)}(?![\w.])" if variant.isascii() else re.escape(variant)
            for m in re.finditer(pattern, text):
                if text[:m.start()].endswith(f"{term['zh']}（"):
                    continue   # a gloss: “worker（工作进程）”
                found.append(f"{variant} (use {term['zh']}): …{context(m)}…")
    for what, pattern in STYLE:
        for m in pattern.finditer(text):
            found.append(f"{what}: …{context(m)}…")
    return found
