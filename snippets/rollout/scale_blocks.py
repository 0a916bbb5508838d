"""The worker-scaling section's markdown-exec block: scale_report.py's table and figures (the words
are in words.yaml beside it, through tsharness.words). Preview: `python -m tsharness.words scale`."""
# --8<-- [start:figures]
from tsharness.words import block

print(block("scale", "figures"))
# --8<-- [end:figures]
