"""The Rollout page's blocks about the long run (tools/rollout/results.json), one markdown-exec
section each, in GUIDE_LANG. Preview: GUIDE_LANG=zh python tools/rollout/report.py"""
# --8<-- [start:memory]
from tools.rollout.report import render
print(render("memory"))
# --8<-- [end:memory]
# --8<-- [start:k8s]
from tools.rollout.report import render
print(render("k8s"))
# --8<-- [end:k8s]
# --8<-- [start:summary]
from tools.rollout.report import render
print(render("summary"))
# --8<-- [end:summary]
