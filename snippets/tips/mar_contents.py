"""Tip 2: what is inside a .mar (a zip): the files and the manifest's model entry.

Usage: python snippets/tips/mar_contents.py ARCHIVE.mar   (an archive in the model store)
"""
import json
import os
import sys
import zipfile

store = os.environ.get("MODEL_STORE", "model_store")
with zipfile.ZipFile(os.path.join(store, sys.argv[1])) as mar:
    for name in sorted(mar.namelist()):
        print(name)
    print(json.dumps(json.loads(mar.read("MAR-INF/MANIFEST.json"))["model"], indent=2))
