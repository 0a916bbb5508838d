"""The Performance page's build-time blocks: each section below is one markdown-exec block that
prints one part of the page, in GUIDE_LANG, from tools/bench/results.json (verdicts.py words it).
mkdocs runs them at the repository root; `python tools/bench/blocks.py [results.json]` previews
them all (GUIDE_LANG=zh for Chinese).
"""
import sys
from pathlib import Path

if __name__ == "__main__":  # a preview, as the site build runs it
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tsharness.blocks import preview_setup
    preview_setup("BENCH_RESULTS")
# --8<-- [start:run]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("run"))
# --8<-- [end:run]
# --8<-- [start:goals]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("goals"))
# --8<-- [end:goals]
# --8<-- [start:results]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("results"))
# --8<-- [end:results]
# --8<-- [start:floors]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("floors"))
# --8<-- [end:floors]
# --8<-- [start:batching]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("batching"))
# --8<-- [end:batching]
# --8<-- [start:workers]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("workers"))
# --8<-- [end:workers]
# --8<-- [start:threads]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("threads"))
# --8<-- [end:threads]
# --8<-- [start:protocols]
import runpy
print(runpy.run_path("tools/bench/verdicts.py")["render"]("protocols"))
# --8<-- [end:protocols]
