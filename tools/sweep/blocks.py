"""The Model config page's build-time blocks: each section is one markdown-exec block that prints
one part of the page, in GUIDE_LANG, from tools/sweep/results.json (verdict.py words it).
`python tools/sweep/blocks.py [results.json]` previews them (GUIDE_LANG=zh for Chinese).
"""
import sys
from pathlib import Path

if __name__ == "__main__":  # a preview, as the site build runs it
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tsharness.blocks import preview_setup
    preview_setup("SWEEP_RESULTS")
# --8<-- [start:verdict]
import runpy
print(runpy.run_path("tools/sweep/verdict.py")["render"]("verdict"))
# --8<-- [end:verdict]
# --8<-- [start:table]
import runpy
print(runpy.run_path("tools/sweep/verdict.py")["render"]("table"))
# --8<-- [end:table]
