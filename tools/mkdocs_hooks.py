"""MkDocs hooks for the guide's site."""
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# markdown-exec blocks import the guide's own modules while the site builds.
for folder in (REPO, REPO / "models", REPO / "handlers"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

# Material reads each <link rel="alternate" hreflang> and fetches that language's sitemap.xml to
# map the page; without a site_url there is none (a 404), and the switcher then jumps to the
# language's home. Without these links the switcher simply follows its own same-page link.
ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:
    return ALTERNATE.sub("", output)


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The page's language, for markdown-exec scripts that print headers (one build per language).
    os.environ["GUIDE_LANG"] = config.theme["language"]
    return markdown
