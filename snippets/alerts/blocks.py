"""The p99 section's markdown-exec blocks: each section prints one part of report.py, in the
page's language, from snippets/alerts/latency.json."""
# --8<-- [start:table]
from snippets.alerts.report import render
print(render("table"))
# --8<-- [end:table]
# --8<-- [start:close]
from snippets.alerts.report import render
print(render("close"))
# --8<-- [end:close]
# --8<-- [start:edges]
from snippets.alerts.report import render
print(render("edges"))
# --8<-- [end:edges]
# --8<-- [start:ms]
from snippets.alerts.report import render
print(render("ms"))
# --8<-- [end:ms]
