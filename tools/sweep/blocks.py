"""The Model config page's blocks about the batching sweep (tools/sweep/results.json).

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words sweep [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:verdict]
from tsharness.words import block
print(block("sweep", "verdict"))
# --8<-- [end:verdict]
# --8<-- [start:table]
from tsharness.words import block
print(block("sweep", "table"))
# --8<-- [end:table]
