"""The Performance page's blocks about the benchmark (tools/bench/results.json).

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words bench [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:run]
from tsharness.words import block
print(block("bench", "run"))
# --8<-- [end:run]
# --8<-- [start:clients]
from tsharness.words import block
print(block("bench", "clients"))
# --8<-- [end:clients]
# --8<-- [start:goals]
from tsharness.words import block
print(block("bench", "goals"))
# --8<-- [end:goals]
# --8<-- [start:results]
from tsharness.words import block
print(block("bench", "results"))
# --8<-- [end:results]
# --8<-- [start:floors]
from tsharness.words import block
print(block("bench", "floors"))
# --8<-- [end:floors]
# --8<-- [start:batching]
from tsharness.words import block
print(block("bench", "batching"))
# --8<-- [end:batching]
# --8<-- [start:workers]
from tsharness.words import block
print(block("bench", "workers"))
# --8<-- [end:workers]
# --8<-- [start:threads]
from tsharness.words import block
print(block("bench", "threads"))
# --8<-- [end:threads]
# --8<-- [start:protocols]
from tsharness.words import block
print(block("bench", "protocols"))
# --8<-- [end:protocols]
