"""MkDocs hook: lets markdown-exec blocks import the guide's own modules while the site builds."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

for folder in (REPO, REPO / "models", REPO / "handlers", REPO / "snippets" / "python"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
