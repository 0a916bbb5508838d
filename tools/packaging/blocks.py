"""The packaging benchmark's blocks (tools/packaging/results.json), on the Packaging and Performance pages.

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words packaging [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:run]
from tsharness.words import block
print(block("packaging", "run"))
# --8<-- [end:run]
# --8<-- [start:caption]
from tsharness.words import block
print(block("packaging", "caption"))
# --8<-- [end:caption]
# --8<-- [start:table]
from tsharness.words import block
print(block("packaging", "table"))
# --8<-- [end:table]
# --8<-- [start:findings]
from tsharness.words import block
print(block("packaging", "findings"))
# --8<-- [end:findings]
# --8<-- [start:decision]
from tsharness.words import block
print(block("packaging", "decision"))
# --8<-- [end:decision]
