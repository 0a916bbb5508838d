"""Addresses and keys of this page's servers: TorchServe instances a and b, and nginx.

Each instance's addresses come from snippets/rollout/config.<name>.properties, its keys from the
key_file.json it wrote in rollout/<name>/ (read again on every call: a restart writes new keys).
nginx's address comes from snippets/rollout/nginx.properties, the key its clients send from
rollout/nginx/key_file.json. This page's scripts, beside it, import it by name.
"""
import json

CONFIGS = {"a": "snippets/rollout/config.a.properties", "b": "snippets/rollout/config.b.properties"}


def _props(path: str) -> dict:
    with open(path) as f:
        pairs = (line.strip().split("=", 1) for line in f if "=" in line and not line.startswith("#"))
        return {k.strip(): v.strip() for k, v in pairs}


def address(name: str, api: str = "inference") -> str:
    """http://host:port of instance `name`'s inference or management API, or of nginx."""
    if name == "nginx":
        return "http://" + _props("snippets/rollout/nginx.properties")["listen"]
    return _props(CONFIGS[name])[f"{api}_address"]


def auth(name: str, api: str = "inference") -> dict:
    """The Authorization header for `name`'s API (nginx: the one key it gives its clients)."""
    with open(f"rollout/{name}/key_file.json") as f:
        return {"Authorization": f"Bearer {json.load(f)[api]['key']}"}
