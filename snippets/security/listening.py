"""Every socket the running TorchServe listens on: which API it serves and who can reach it.

TorchServe writes its process id to <temp dir>/.model_server.pid at start; the API names come from
the config's addresses.
"""
import ipaddress
import os
import tempfile
import time
from urllib.parse import urlsplit

import psutil
from ts_env import TS_GRPC_INFERENCE, TS_GRPC_MANAGEMENT, TS_INFERENCE, TS_MANAGEMENT, TS_METRICS

APIS = {"inference": TS_INFERENCE, "management": TS_MANAGEMENT, "metrics": TS_METRICS,
        "gRPC inference": f"//{TS_GRPC_INFERENCE}", "gRPC management": f"//{TS_GRPC_MANAGEMENT}"}
ports = [urlsplit(address).port for address in APIS.values()]

with open(os.path.join(tempfile.gettempdir(), ".model_server.pid")) as f:
    server = psutil.Process(int(f.read()))
# gRPC binds a moment after HTTP: wait (up to 30 s) until every configured port listens.
for _ in range(60):
    listening = [c.laddr for c in server.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    if set(ports) <= {a.port for a in listening}:
        break
    time.sleep(0.5)

# In the config's order; a socket the config does not name would come last.
for addr in sorted(listening, key=lambda a: ports.index(a.port) if a.port in ports else len(ports)):
    name = list(APIS)[ports.index(addr.port)] if addr.port in ports else "not in the config"
    ip = ipaddress.ip_address(addr.ip)
    ip = getattr(ip, "ipv4_mapped", None) or ip  # Java reports IPv4 as ::ffff:a.b.c.d
    where = "loopback only" if ip.is_loopback else "REACHABLE FROM OTHER HOSTS"
    print(f"{name:16} {ip}:{addr.port}  {where}")
