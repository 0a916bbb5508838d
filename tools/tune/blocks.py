"""The frontend tuning blocks (tools/tune/results.json), on the Performance page.

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words tune [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:run]
from tsharness.words import block
print(block("tune", "run"))
# --8<-- [end:run]
# --8<-- [start:zero]
from tsharness.words import block
print(block("tune", "zero"))
# --8<-- [end:zero]
# --8<-- [start:table]
from tsharness.words import block
print(block("tune", "table"))
# --8<-- [end:table]
# --8<-- [start:logs]
from tsharness.words import block
print(block("tune", "logs"))
# --8<-- [end:logs]
# --8<-- [start:recommendation]
from tsharness.words import block
print(block("tune", "recommendation"))
# --8<-- [end:recommendation]
# --8<-- [start:goals]
from tsharness.words import block
print(block("tune", "goals"))
# --8<-- [end:goals]
# --8<-- [start:bad]
from tsharness.words import block
print(block("tune", "bad"))
# --8<-- [end:bad]
