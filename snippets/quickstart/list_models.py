"""List the registered models with requests, one line each: name and archive."""

import requests
from ts_env import TS_MANAGEMENT, auth

reply = requests.get(f"{TS_MANAGEMENT}/models", headers=auth("management"), timeout=30)
reply.raise_for_status()
for model in reply.json()["models"]:
    print(f'{model["modelName"]:16} {model["modelUrl"]}')
