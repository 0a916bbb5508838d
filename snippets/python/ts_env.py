"""Addresses and keys for the Python snippets; the same defaults as env.sh."""
import json
import os

TS_INFERENCE = os.environ.get("TS_INFERENCE", "http://127.0.0.1:8080")
TS_MANAGEMENT = os.environ.get("TS_MANAGEMENT", "http://127.0.0.1:8081")
TS_GRPC_INFERENCE = os.environ.get("TS_GRPC_INFERENCE", "127.0.0.1:7070")
TS_GRPC_MANAGEMENT = os.environ.get("TS_GRPC_MANAGEMENT", "127.0.0.1:7071")
TS_KEY_FILE = os.environ.get("TS_KEY_FILE", "key_file.json")


def key(api: str) -> str:
    """The token TorchServe wrote for `api` ("management" or "inference")."""
    with open(TS_KEY_FILE) as f:
        return json.load(f)[api]["key"]


def auth(api: str) -> dict:
    """HTTP headers that carry the token for `api`."""
    return {"Authorization": f"Bearer {key(api)}"}
