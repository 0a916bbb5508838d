"""`mkdocs build --strict` succeeds and gives every page in both languages; the blocks computed
while the site is built say what they should."""
from __future__ import annotations

import os
import re
import runpy
import subprocess
from html import unescape

from tsharness.pages import nav_order, pages
from tsharness.paths import PYTHON, SNIPPETS

ZH_NAMES = sorted({p.name for p in pages()})


def url_dir(site, name: str, lang: str):
    base = site if lang == "zh" else site / "en"
    return base if name == "index" else base / name


def article(site, name: str, lang: str) -> str:
    """The HTML of the page's main text."""
    page = (url_dir(site, name, lang) / "index.html").read_text(encoding="utf-8")
    return page.split("<article", 1)[-1].split("</article>", 1)[0]


def page_text(site, name: str, lang: str) -> str:
    """The page's main text without tags or any whitespace (tags split words differently)."""
    return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", "", article(site, name, lang))))


def test_nav_lists_every_page_once():
    assert sorted(nav_order()) == ZH_NAMES


def test_both_languages_built(built_site):
    for name in ZH_NAMES:
        for lang in ("zh", "en"):
            html = (url_dir(built_site, name, lang) / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, f"{lang}/{name}: wrong or missing lang attribute"


def test_language_switcher_links_the_same_page(built_site):
    html = (built_site / "setup" / "index.html").read_text(encoding="utf-8")
    switch = re.findall(r'<a href="([^"]+)" hreflang="(zh|en)"', html)
    targets = {lang: href for href, lang in switch}
    assert targets.get("en", "").rstrip("/").endswith("en/setup"), switch
    html_en = (built_site / "en" / "setup" / "index.html").read_text(encoding="utf-8")
    switch_en = {lang: href for href, lang in
                 re.findall(r'<a href="([^"]+)" hreflang="(zh|en)"', html_en)}
    assert switch_en.get("zh", "").rstrip("/").endswith("setup"), switch_en
    assert "/en/" not in switch_en["zh"]


def test_english_pages_are_english(built_site):
    for name in ZH_NAMES:
        text = re.sub(r"<(pre|code)[^>]*>.*?</\1>", "", article(built_site, name, "en"), flags=re.S)
        if name == "glossary":   # its table and examples are Chinese words, by design
            text = re.sub(r"<table.*?</table>|“[^”]*”", "", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "", text)
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        assert han < 20, f"en/{name} contains {han} Chinese characters outside code"


def run_reader(name: str, lang: str = "en") -> str:
    script = SNIPPETS / "base-handler" / name
    env = {**os.environ, "GUIDE_LANG": lang}
    out = subprocess.run([str(PYTHON), str(script)], env=env,
                         capture_output=True, text=True, timeout=60, check=True)
    return out.stdout


def test_base_handler_methods_table_reads_the_installed_source():
    table = run_reader("base_handler_methods.py")
    names = re.findall(r"^\| `(\w+)` \|", table, re.M)
    assert {"initialize", "preprocess", "inference", "postprocess", "handle"} <= set(names)
    assert not any(n.startswith("_") for n in names)
    assert table.splitlines()[0].startswith("| Method |")
    assert run_reader("base_handler_methods.py", "zh").splitlines()[0].startswith("| 方法 |")


def test_base_handler_handle_source():
    code = run_reader("base_handler_handle.py")
    assert code.startswith('```python title="ts/torch_handler/base_handler.py, line ')
    assert "def handle(self, data, context):" in code and "self._is_explain()" in code
    assert code.rstrip().endswith("```")


def test_model_quality_sentences_are_built_in_each_language(built_site):
    """Each language's page carries the sentences written from evaluate.json in that language."""
    render = runpy.run_path(str(SNIPPETS / "model-quality" / "verdicts.py"))["render"]
    for lang in ("zh", "en"):
        text = page_text(built_site, "model-quality", lang)
        for part in ("seeds", "results", "choosing", "ordering"):
            for line in render(part, lang=lang).splitlines():
                plain = re.sub(r"\s+", "", line.removeprefix("- ").replace("**", ""))
                assert plain in text, f"{lang}/model-quality lacks: {line}"
