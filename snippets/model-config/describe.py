"""What TorchServe holds for each model: the settings of GET /models/NAME, one row per model.

Usage: python snippets/model-config/describe.py NAME [NAME ...]
"""
import sys

import requests
from ts_env import TS_MANAGEMENT, auth

FIELDS = ("minWorkers", "maxWorkers", "batchSize", "maxBatchDelay", "responseTimeout",
          "startupTimeout")
print(f"{'model':12}" + "".join(f"{f:>16}" for f in FIELDS) + f"{'workers':>9}")
for name in sys.argv[1:]:
    [m] = requests.get(f"{TS_MANAGEMENT}/models/{name}", headers=auth("management"),
                       timeout=30).json()
    print(f"{name:12}" + "".join(f"{m[f]:>16}" for f in FIELDS) + f"{len(m['workers']):>9}")
