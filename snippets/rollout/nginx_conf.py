"""Write rollout/nginx/nginx.conf.new from snippets/rollout/nginx.conf.in.

Usage: python snippets/rollout/nginx_conf.py [POOL] [NEXT_UPSTREAM]
  POOL           the instances taking traffic, e.g. "a b" (default) or "b" (a drained)
  NEXT_UPSTREAM  proxy_next_upstream's value (default "error timeout http_502 http_503 non_idempotent")
The client key (rollout/nginx/key_file.json) is made once, mode 600; each instance's inference key
is read from the key file it wrote when it started.
"""
import json
import os
import secrets
import sys

from instances import _props, address, auth

pool = (sys.argv[1] if len(sys.argv) > 1 else "a b").split()
next_upstream = sys.argv[2] if len(sys.argv) > 2 else "error timeout http_502 http_503 non_idempotent"
nginx = _props("snippets/rollout/nginx.properties")

os.makedirs("rollout/nginx/logs", exist_ok=True)
os.makedirs("rollout/nginx/temp", exist_ok=True)
key_file = "rollout/nginx/key_file.json"
if not os.path.exists(key_file):
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"inference": {"key": secrets.token_urlsafe(24)}}, f)



def instance_key(name: str) -> str:
    """The instance's inference key; a stopped instance has none (--stop deleted its key file)."""
    try:
        return auth(name)["Authorization"].removeprefix("Bearer ")
    except FileNotFoundError:
        return "none-while-stopped"


values = {
    "POOL": "\n".join(f"        server {nginx['listen_' + n]};  # instance {n}" for n in pool),
    "NEXT_UPSTREAM": next_upstream,
    "LISTEN": nginx["listen"], "LISTEN_A": nginx["listen_a"], "LISTEN_B": nginx["listen_b"],
    "CLIENT_KEY": auth("nginx")["Authorization"].removeprefix("Bearer "),
    "KEY_A": instance_key("a"), "KEY_B": instance_key("b"),
    "TS_A": address("a"), "TS_B": address("b"),
}
with open("snippets/rollout/nginx.conf.in") as f:
    conf = f.read()
for name, value in values.items():
    conf = conf.replace(f"@{name}@", value)
fd = os.open("rollout/nginx/nginx.conf.new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as f:
    f.write(conf)
print(f"rollout/nginx/nginx.conf.new: pool {' '.join(pool)}; proxy_next_upstream {next_upstream}")
