"""The Model quality page's build-time blocks: each section below is one markdown-exec block that
prints one part of the page, in GUIDE_LANG, from evaluate.json (verdicts.py writes the sentences).
mkdocs runs them at the repository root; `python snippets/model-quality/blocks.py` previews them."""
# --8<-- [start:seeds]
import runpy
print(runpy.run_path("snippets/model-quality/verdicts.py")["render"]("seeds"))
# --8<-- [end:seeds]
# --8<-- [start:results]
import runpy
print(runpy.run_path("snippets/model-quality/verdicts.py")["render"]("results"))
# --8<-- [end:results]
# --8<-- [start:choosing]
import runpy
print(runpy.run_path("snippets/model-quality/verdicts.py")["render"]("choosing"))
# --8<-- [end:choosing]
# --8<-- [start:ordering]
import runpy
print(runpy.run_path("snippets/model-quality/verdicts.py")["render"]("ordering"))
# --8<-- [end:ordering]
