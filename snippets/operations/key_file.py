"""Where TorchServe's keys are, who may read the file, and when each key expires.

Usage: python snippets/operations/key_file.py [KEY_FILE]   (default ./key_file.json, or TS_KEY_FILE)
"""
import json
import os
import stat
import sys

from ts_env import TS_KEY_FILE

path = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else TS_KEY_FILE)
if not os.path.exists(path):
    sys.exit(print(f"{path}: no such file"))
print(f"{path}  mode {stat.S_IMODE(os.stat(path).st_mode):o}")
with open(path) as f:
    for api, entry in json.load(f).items():
        print(f"{api:10} {entry['key']}  expires {entry.get('expiration time', 'never')}")
