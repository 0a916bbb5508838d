"""Tip 2: what is inside a .mar (a zip): the files and the manifest's model entry.

Usage: python snippets/tips/mar_contents.py model_store/scorer.mar
"""
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as mar:
    for name in sorted(mar.namelist()):
        print(name)
    print(json.dumps(json.loads(mar.read("MAR-INF/MANIFEST.json"))["model"], indent=2))
