"""`mkdocs build --strict` succeeds and gives every page in both languages."""
from __future__ import annotations

import os
import re
import subprocess

import yaml

from tests.docs_pages import REPO, pages

ZH_NAMES = sorted({p.name for p in pages()})


def url_dir(site, name: str, lang: str):
    base = site if lang == "zh" else site / "en"
    return base if name == "index" else base / name


def nav_files() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass
    # mkdocs.yml uses !relative and !!python/name tags; their values do not matter here.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def walk(items):
        for item in items:
            for value in item.values():
                yield from walk(value) if isinstance(value, list) else [value]
    return list(walk(config["nav"]))


def test_nav_lists_every_page_once():
    listed = nav_files()
    assert sorted(listed) == sorted(f"{n}.md" for n in ZH_NAMES)


def test_both_languages_built(built_site):
    for name in ZH_NAMES:
        for lang in ("zh", "en"):
            html = (url_dir(built_site, name, lang) / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, f"{lang}/{name}: wrong or missing lang attribute"


def test_language_switcher_links_the_same_page(built_site):
    html = (built_site / "setup" / "index.html").read_text(encoding="utf-8")
    switch = re.findall(r'<a href="([^"]+)" hreflang="(zh|en)"', html)
    targets = dict((lang, href) for href, lang in switch)
    assert targets.get("en", "").rstrip("/").endswith("en/setup"), switch
    html_en = (built_site / "en" / "setup" / "index.html").read_text(encoding="utf-8")
    switch_en = dict((lang, href) for href, lang in
                     re.findall(r'<a href="([^"]+)" hreflang="(zh|en)"', html_en))
    assert switch_en.get("zh", "").rstrip("/").endswith("setup"), switch_en
    assert "/en/" not in switch_en["zh"]


def test_english_pages_are_english(built_site):
    for name in ZH_NAMES:
        html = (url_dir(built_site, name, "en") / "index.html").read_text(encoding="utf-8")
        main = html.split('<article', 1)[-1].split("</article>", 1)[0]
        text = re.sub(r"<(pre|code)[^>]*>.*?</\1>", "", main, flags=re.S)
        text = re.sub(r"<[^>]+>", "", text)
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        assert han < 20, f"en/{name} contains {han} Chinese characters outside code"


def run_reader(name: str, lang: str = "en") -> str:
    script = REPO / "snippets" / "handler" / name
    env = {**os.environ, "GUIDE_LANG": lang}
    out = subprocess.run([str(REPO / ".venv" / "bin" / "python"), str(script)], env=env,
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
