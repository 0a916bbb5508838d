"""The Rollout page's blocks about the long run (tools/rollout/results.json).

Each section is one markdown-exec block the page includes; it prints one part of the job's words
(words.yaml beside it, through tsharness.words) in GUIDE_LANG. Preview every part:
`python -m tsharness.words rollout [results.json]` (GUIDE_LANG=zh for Chinese)."""
# --8<-- [start:memory]
from tsharness.words import block
print(block("rollout", "memory"))
# --8<-- [end:memory]
# --8<-- [start:k8s]
from tsharness.words import block
print(block("rollout", "k8s"))
# --8<-- [end:k8s]
# --8<-- [start:summary]
from tsharness.words import block
print(block("rollout", "summary"))
# --8<-- [end:summary]
