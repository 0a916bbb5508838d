"""The TorchServe / LitServe / FastAPI blocks (tools/compare/results.json), on the LitServe,
Performance and Migration pages.

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words compare [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:run]
from tsharness.words import block
print(block("compare", "run"))
# --8<-- [end:run]
# --8<-- [start:caption]
from tsharness.words import block
print(block("compare", "caption"))
# --8<-- [end:caption]
# --8<-- [start:table]
from tsharness.words import block
print(block("compare", "table"))
# --8<-- [end:table]
# --8<-- [start:closing]
from tsharness.words import block
print(block("compare", "closing"))
# --8<-- [end:closing]
# --8<-- [start:frontend]
from tsharness.words import block
print(block("compare", "frontend"))
# --8<-- [end:frontend]
