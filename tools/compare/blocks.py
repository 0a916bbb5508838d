"""The side-by-side blocks of the LitServe page: each section is one markdown-exec block printing
one part, in GUIDE_LANG, from tools/compare/results.json. Preview: python -m tools.compare.verdicts
"""
# --8<-- [start:run]
from tools.compare.verdicts import render
print(render("run"))
# --8<-- [end:run]
# --8<-- [start:table]
from tools.compare.verdicts import render
print(render("table"))
# --8<-- [end:table]
# --8<-- [start:closing]
from tools.compare.verdicts import render
print(render("closing"), render("same"))
# --8<-- [end:closing]
