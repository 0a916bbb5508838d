"""Every socket the running TorchServe listens on, with its address.

TorchServe writes its process id to <temp dir>/.model_server.pid at start.
"""
import ipaddress
import os
import tempfile

import psutil

pid_file = os.path.join(tempfile.gettempdir(), ".model_server.pid")
with open(pid_file) as f:
    server = psutil.Process(int(f.read()))

for conn in server.net_connections(kind="inet"):
    if conn.status != psutil.CONN_LISTEN:
        continue
    ip = ipaddress.ip_address(conn.laddr.ip)
    ip = getattr(ip, "ipv4_mapped", None) or ip  # Java reports IPv4 as ::ffff:a.b.c.d
    where = "loopback only" if ip.is_loopback else "REACHABLE FROM OTHER HOSTS"
    print(f"{ip}:{conn.laddr.port}  {where}")
