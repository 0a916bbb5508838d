"""Addresses and keys for the guide's Python scripts: the same rules as env.sh.

The addresses come from the config TorchServe was started with (TS_CONFIG); environment
variables already set win. Scripts just `from ts_env import ...`: tools/setup.sh puts this folder
on the venv's path. They run from the repository root (the paths here are relative to it).
"""
import json
import os
import re

TS_CONFIG = os.environ.get("TS_CONFIG", "snippets/setup/config.properties")


def _config() -> dict:
    with open(TS_CONFIG) as f:
        pairs = (line.strip().split("=", 1) for line in f if "=" in line and not line.startswith("#"))
        return {k.strip(): v.strip() for k, v in pairs}


_props = _config()
TS_INFERENCE = os.environ.get("TS_INFERENCE", _props.get("inference_address", ""))
TS_MANAGEMENT = os.environ.get("TS_MANAGEMENT", _props.get("management_address", ""))
TS_METRICS = os.environ.get("TS_METRICS", _props.get("metrics_address", ""))
TS_GRPC_INFERENCE = os.environ.get("TS_GRPC_INFERENCE",
                                   f"127.0.0.1:{_props.get('grpc_inference_port', 7070)}")
TS_GRPC_MANAGEMENT = os.environ.get("TS_GRPC_MANAGEMENT",
                                    f"127.0.0.1:{_props.get('grpc_management_port', 7071)}")
_port = re.search(r":(\d+)", _props.get("allowed_urls", ""))
MODEL_SERVER = os.environ.get("MODEL_SERVER", f"http://127.0.0.1:{_port[1] if _port else 8090}")
TS_KEY_FILE = os.environ.get("TS_KEY_FILE", "key_file.json")


def key(api: str) -> str:
    """The token TorchServe wrote for `api` ("management" or "inference")."""
    with open(TS_KEY_FILE) as f:
        return json.load(f)[api]["key"]


def auth(api: str) -> dict:
    """HTTP headers that carry the token for `api`."""
    return {"Authorization": f"Bearer {key(api)}"}
