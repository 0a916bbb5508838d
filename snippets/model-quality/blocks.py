"""The Model quality page's blocks (snippets/model-quality/evaluate.json).

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words model-quality [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:seeds]
from tsharness.words import block
print(block("model-quality", "seeds"))
# --8<-- [end:seeds]
# --8<-- [start:results]
from tsharness.words import block
print(block("model-quality", "results"))
# --8<-- [end:results]
# --8<-- [start:choosing]
from tsharness.words import block
print(block("model-quality", "choosing"))
# --8<-- [end:choosing]
# --8<-- [start:ordering]
from tsharness.words import block
print(block("model-quality", "ordering"))
# --8<-- [end:ordering]
