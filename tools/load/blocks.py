"""The Security and Troubleshooting pages' blocks about the load and fault runs (tools/load/*.json).

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words load [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:load]
from tsharness.words import block
print(block("load", "load"))
# --8<-- [end:load]
# --8<-- [start:fault]
from tsharness.words import block
print(block("load", "fault"))
# --8<-- [end:fault]
