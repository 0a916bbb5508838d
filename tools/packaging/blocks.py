"""The packaging page's build-time blocks: each section is one markdown-exec block printing one
part of the page in GUIDE_LANG from tools/packaging/results.json (report.py words it).
`python tools/packaging/blocks.py [results.json]` previews them all (GUIDE_LANG=zh for Chinese).
"""
import os
import sys
from pathlib import Path

if __name__ == "__main__":  # a preview: the repo root, and another run's results if given
    os.chdir(Path(__file__).resolve().parents[2])
    sys.path.insert(0, os.getcwd())
    if len(sys.argv) > 1:
        os.environ["PACKAGING_RESULTS"] = os.path.abspath(sys.argv[1])
# --8<-- [start:run]
from tools.packaging.report import render
print(render("run"))
# --8<-- [end:run]
# --8<-- [start:table]
from tools.packaging.report import render
print(render("table"))
# --8<-- [end:table]
# --8<-- [start:findings]
from tools.packaging.report import render
print(render("findings"))
# --8<-- [end:findings]
# --8<-- [start:decision]
from tools.packaging.report import render
print(render("decision"))
# --8<-- [end:decision]
