"""The worker-scaling section's markdown-exec block: scale_report.py's table and figures."""
# --8<-- [start:figures]
from snippets.rollout.scale_report import render

print(render())
# --8<-- [end:figures]
