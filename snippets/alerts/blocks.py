"""The Alerts page's p99 blocks, from snippets/alerts/latency.json.

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside report.py, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words alerts [latency.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:table]
from tsharness.words import block
print(block("alerts", "table"))
# --8<-- [end:table]
# --8<-- [start:close]
from tsharness.words import block
print(block("alerts", "close"))
# --8<-- [end:close]
# --8<-- [start:edges]
from tsharness.words import block
print(block("alerts", "edges"))
# --8<-- [end:edges]
# --8<-- [start:ms]
from tsharness.words import block
print(block("alerts", "ms"))
# --8<-- [end:ms]
