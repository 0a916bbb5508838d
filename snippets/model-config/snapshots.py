"""The config snapshots in logs/config/ since the latest start, oldest first: each file's kind
(startup, snapshot, shutdown; its name is a timestamp and the kind) and the models it holds.

Usage: python snippets/model-config/snapshots.py
"""
import json
import re
from pathlib import Path


def properties(path):
    """A snapshot is Java properties: key=value lines, with ':' written '\\:' and newlines '\\n'."""
    out = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            out[key] = re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], value)
    return out


files = sorted(Path("logs/config").glob("*.cfg"))  # the names start with the time
starts = [i for i, f in enumerate(files) if f.stem.endswith("-startup")]
print(f"{'kind':10}models")
for f in files[starts[-1]:]:
    models = json.loads(properties(f)["model_snapshot"])["models"]
    shown = ", ".join(f"{name} {version}: workers {m['minWorkers']}-{m['maxWorkers']}, "
                      f"batchSize {m['batchSize']}"
                      for name, versions in models.items() for version, m in versions.items())
    print(f"{f.stem.split('-', 1)[1]:10}{shown or '(none)'}")
latest = max(files, key=lambda f: f.stat().st_mtime)
print(f"latest: {latest.stem.split('-', 1)[1]}")
